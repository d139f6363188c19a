import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type {
  ApplicationCheck,
  ApplicationInput,
  OutboxItemView,
  SnippetView,
  TaskDetail,
} from '../../bindings';
import { deferred } from '../../test/deferred';
import { fixedRow, rankDetail, tiersDetail } from '../../test/fixtures';
import { type Call, type Commands, mockEvents, mockIpc } from '../../test/ipcMock';
import * as fx from '../../test/profileFixtures';
import { renderWithProviders } from '../../test/render';
import { TaskDetailPanel } from '../taskHall/detail/TaskDetailPanel';

/** A strengths snippet used last week: the form starts from it. */
const usedStrengths: SnippetView = {
  ...fx.strengthsSnippet,
  id: '21',
  title: '数码方向',
  body: '数码测评两年，拆机视频平均播放 12 万，评论区互动率 6%。',
  last_used_at: '2026-02-09T08:00:00Z',
};
/** An idea snippet used before `fx.ideaSnippet`: not the one the form starts from. */
const olderIdea: SnippetView = {
  ...fx.ideaSnippet,
  id: '13',
  title: '开箱',
  body: '开箱后第一时间上脸，记录一周的真实变化。',
  last_used_at: '2026-01-02T08:00:00Z',
};

const NO_PROBLEMS: ApplicationCheck = { problems: [], warnings: [] };

function queued(input: ApplicationInput, state: OutboxItemView['state'] = 'waiting') {
  return {
    id: '501',
    task_id: input.task_id,
    task_title: tiersDetail.row.title,
    brand: tiersDetail.row.brand,
    created_at: '2026-02-12T08:00:00Z',
    state,
    attempts: 0,
    next_attempt_at: state === 'waiting' ? '2026-02-12T08:00:00Z' : null,
    last_error: null,
    refusal_code: state === 'refused' ? 'slots_full' : null,
    problems: [],
    application_id: state === 'sent' ? '9001' : null,
    shipping: {
      contact_name: '陆小鹿',
      phone_masked: '138****5678',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
    },
  } satisfies OutboxItemView;
}

async function setup(extra: Partial<Commands> = {}, detail: TaskDetail = tiersDetail) {
  const events = mockEvents();
  const calls = mockIpc({
    task_detail: () => detail,
    addresses: () => [fx.homeAddress, fx.officeAddress],
    snippets: () => [usedStrengths, fx.ideaSnippet, fx.strengthsSnippet, olderIdea],
    check_application: () => NO_PROBLEMS,
    // As core does: queued in the store, then the applications area is said to have changed.
    apply: ({ input }) => {
      events.emit('data_changed', { areas: ['applications', 'status'] });
      return queued(input);
    },
    reward_at: () => '500.00',
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<TaskDetailPanel id={detail.row.id} />);
  await user.click(await screen.findByTestId('apply-open'));
  const form = await screen.findByTestId('apply-form');
  await within(form).findByTestId('apply-strengths');
  return { calls, user, form };
}

const argsOf = (calls: Call[], command: string) =>
  calls.filter((c) => c.command === command).map((c) => c.args);
const checked = (calls: Call[]) =>
  argsOf(calls, 'check_application').map((a) => (a as { input: ApplicationInput }).input);
const applied = (calls: Call[]) =>
  argsOf(calls, 'apply').map((a) => (a as { input: ApplicationInput }).input);
const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });

/**
 * Picks an option of a Semi Select. A controlled Select reports the change when its
 * dropdown's closing animation ends, and jsdom runs no animation: its end is sent here
 * (React listens for `webkitAnimationEnd` where `AnimationEvent` is missing, as in jsdom).
 */
async function pick(user: ReturnType<typeof userEvent.setup>, testId: string, option: string) {
  await user.click(screen.getByTestId(testId));
  await user.click(await screen.findByText(option));
  for (const popup of document.querySelectorAll('.semi-popover-wrapper')) {
    fireEvent(popup, new Event('webkitAnimationEnd', { bubbles: true }));
  }
}

describe('apply form', () => {
  it('only a product-review task offers 申请', async () => {
    mockEvents();
    mockIpc({ task_detail: () => ({ ...tiersDetail, row: fixedRow }) });
    renderWithProviders(<TaskDetailPanel id={fixedRow.id} />);
    await screen.findByTestId('detail-net');
    expect(screen.queryByTestId('apply-open')).toBeNull();
  });

  it('R-REVIEW-12: starts from the default address (masked) and the snippets used last', async () => {
    const { calls } = await setup();
    expect(screen.getByTestId('apply-open')).toHaveTextContent('申请');
    const address = screen.getByTestId('apply-address');
    expect(address).toHaveTextContent('陆小鹿');
    expect(address).toHaveTextContent('138****5678');
    expect(address).toHaveTextContent('浙江省 / 杭州市 / 西湖区');
    expect(screen.getByTestId('apply-strengths')).toHaveValue(usedStrengths.body);
    expect(screen.getByTestId('apply-idea')).toHaveValue(fx.ideaSnippet.body);
    expect(screen.getByTestId('apply-strengths-snippet')).toHaveTextContent('数码方向');
    expect(screen.getByTestId('apply-idea-snippet')).toHaveTextContent('七天对比');
    // Every field has its label.
    expect(screen.getByLabelText(/^合作优势/)).toBe(screen.getByTestId('apply-strengths'));
    expect(screen.getByLabelText(/^创作思路/)).toBe(screen.getByTestId('apply-idea'));
    expect(screen.getByLabelText('预计有效播放')).toBe(screen.getByTestId('apply-plays'));
    // Core checks the form as it opened.
    await waitFor(() => expect(checked(calls)).not.toEqual([]));
    expect(checked(calls)[0]).toEqual({
      task_id: tiersDetail.row.id,
      shipping: { kind: 'saved', address_id: '1' },
      strengths: usedStrengths.body,
      idea: fx.ideaSnippet.body,
      snippet_ids: ['21', '12'],
    });
  });

  it('says when the verdict shown is on the form as it is now (data-checked)', async () => {
    const answers: ReturnType<typeof deferred<ApplicationCheck>>[] = [];
    const { calls } = await setup({
      check_application: () => {
        const answer = deferred<ApplicationCheck>();
        answers.push(answer);
        return answer.promise;
      },
    });
    const footer = () => screen.getByTestId('apply-form').querySelector('.apply-footer');
    await waitFor(() => expect(answers).toHaveLength(1));
    expect(footer()).toHaveAttribute('data-checked', 'false');
    answers[0]?.resolve(NO_PROBLEMS);
    await waitFor(() => expect(footer()).toHaveAttribute('data-checked', 'true'));
    // An edit: not checked while it waits for its check, nor while core answers it.
    type('apply-strengths', '拆机测评两年，平均播放十二万');
    expect(footer()).toHaveAttribute('data-checked', 'false');
    await waitFor(() => expect(answers).toHaveLength(2));
    expect(checked(calls)[1]?.strengths).toBe('拆机测评两年，平均播放十二万');
    expect(footer()).toHaveAttribute('data-checked', 'false');
    answers[1]?.resolve(NO_PROBLEMS);
    await waitFor(() => expect(footer()).toHaveAttribute('data-checked', 'true'));
  });

  it("shows each of core's field problems under its field, in words", async () => {
    await setup({
      check_application: ({ input }) => ({
        problems: [
          ...(input.strengths.length < 10
            ? [{ field: 'strengths', problem: 'too_short', min: 10, max: null } as const]
            : []),
          ...(input.idea.length > 20
            ? [{ field: 'idea', problem: 'too_long', min: null, max: 500 } as const]
            : []),
          { field: 'phone', problem: 'not_a_mobile', min: null, max: null },
        ],
        warnings: [],
      }),
    });
    // The saved address's own problem shows under the address at once.
    expect(await screen.findByTestId('apply-field-shipping')).toHaveTextContent(
      '手机号：请输入 11 位大陆手机号',
    );
    type('apply-strengths', '拆机测评');
    type('apply-idea', '很长的创作思路'.repeat(5));
    const strengths = await screen.findByTestId('apply-field-strengths');
    expect(strengths).toHaveTextContent('至少 10 个字');
    expect(strengths).toHaveAttribute('data-problem', 'too_short');
    expect(await screen.findByTestId('apply-field-idea')).toHaveTextContent('最多 500 个字');
    expect(screen.getByTestId('apply-strengths')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByTestId('apply-form').textContent).not.toMatch(/too_short|too_long|not_a/);
  });

  it('R-REVIEW-11: a not-eligible warning says which rule and why; sending stays possible', async () => {
    await setup(
      {
        check_application: () => ({
          problems: [],
          warnings: [
            { code: 'not_eligible', check: 'review_follower_range' },
            { code: 'slots_full', check: null },
          ],
        }),
      },
      rankDetail,
    );
    const banner = await screen.findByTestId('apply-warnings');
    const items = within(banner).getAllByTestId('apply-warning');
    expect(items.map((i) => i.textContent)).toEqual([
      '你不满足报名条件：R-REVIEW-11 非机构达人需 1万–50万 粉丝，你有 8,600',
      '名额已满，平台可能会拒绝这次申请。',
    ]);
    expect(banner).toHaveTextContent('是否接受由平台决定，你仍然可以发送。');
    expect(screen.getByTestId('apply-submit')).toBeEnabled();
  });

  it('submit sends exactly the form, then closes and says it is queued', async () => {
    const { calls, user } = await setup();
    // Another address, a snippet picked for the idea, the strengths typed.
    await pick(user, 'apply-address', '139****4321');
    await pick(user, 'apply-idea-snippet', '开箱');
    await waitFor(() => expect(screen.getByTestId('apply-idea')).toHaveValue(olderIdea.body));
    expect(screen.getByTestId('apply-address')).toHaveTextContent('139****4321');
    type('apply-strengths', '护肤测评三年，粉丝九成是女性。');
    await user.click(screen.getByTestId('apply-submit'));

    const expected: ApplicationInput = {
      task_id: tiersDetail.row.id,
      shipping: { kind: 'saved', address_id: '2' },
      strengths: '护肤测评三年，粉丝九成是女性。',
      idea: olderIdea.body,
      snippet_ids: ['21', '13'],
    };
    await waitFor(() => expect(applied(calls)).toEqual([expected]));
    // Checked as it was sent, just before.
    const sentAt = calls.findIndex((c) => c.command === 'apply');
    expect(checked(calls.slice(0, sentAt)).at(-1)).toEqual(expected);
    expect(await screen.findByText('已加入发送队列，联网后自动发送')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('apply-form')).toBeNull());
  });

  it('refused at once: the toast says why, in words', async () => {
    const { user } = await setup({ apply: ({ input }) => queued(input, 'refused') });
    await user.click(screen.getByTestId('apply-submit'));
    expect(await screen.findByText('平台拒绝了申请：名额已满')).toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('apply-form')).toBeNull());
  });

  it('a field problem on submit keeps the form open and sends nothing', async () => {
    const { calls, user } = await setup({
      check_application: ({ input }) => ({
        problems:
          input.idea.trim() === ''
            ? [{ field: 'idea', problem: 'empty', min: null, max: null }]
            : [],
        warnings: [],
      }),
    });
    type('apply-idea', '');
    await user.click(screen.getByTestId('apply-submit'));
    expect(await screen.findByTestId('apply-field-idea')).toHaveTextContent('必填');
    expect(applied(calls)).toEqual([]);
    expect(screen.getByTestId('apply-form')).toBeInTheDocument();
  });

  it('already applied: said plainly, and 提交申请 is disabled', async () => {
    const { calls, user } = await setup({
      check_application: () => ({
        problems: [],
        warnings: [{ code: 'already_applied', check: null }],
      }),
    });
    const warning = await screen.findByTestId('apply-warning');
    expect(warning).toHaveTextContent('你已经申请过这个任务');
    const submit = screen.getByTestId('apply-submit');
    await waitFor(() => expect(submit).toBeDisabled());
    await user.click(submit);
    expect(applied(calls)).toEqual([]);
  });

  it('R-REVIEW-5: the reward at the plays typed comes from core, in yuan', async () => {
    const { calls } = await setup({
      reward_at: ({ measure }) =>
        measure.by === 'plays' && measure.plays > 10000 ? '500.00' : '0.00',
    });
    expect(screen.getByTestId('apply-net')).toHaveTextContent(
      '按最高报酬 ¥1,000.00 计，扣除平台服务费 5%后到手 ¥950.00',
    );
    type('apply-plays', '20000');
    expect(await screen.findByTestId('apply-reward')).toHaveTextContent('可得 ¥500.00');
    expect(argsOf(calls, 'reward_at')).toEqual([
      { taskId: tiersDetail.row.id, measure: { by: 'plays', plays: 20000 } },
    ]);
    type('apply-plays', '5000');
    await waitFor(() =>
      expect(screen.getByTestId('apply-reward')).toHaveTextContent('未进入任何档位'),
    );
  });

  it('R-REVIEW-6: a rank scheme asks for the rank', async () => {
    const { calls } = await setup({ reward_at: () => '2000.00' }, rankDetail);
    expect(screen.queryByTestId('apply-plays')).toBeNull();
    type('apply-rank', '1');
    expect(await screen.findByTestId('apply-reward')).toHaveTextContent('可得 ¥2,000.00');
    expect(argsOf(calls, 'reward_at')).toEqual([
      { taskId: rankDetail.row.id, measure: { by: 'rank', rank: 1 } },
    ]);
  });

  it('Enter in a text is a new line, not a submit; Esc closes', async () => {
    const { calls, user } = await setup();
    const idea = screen.getByTestId('apply-idea');
    await user.click(idea);
    await user.keyboard('{Enter}');
    expect(idea).toHaveValue(`${fx.ideaSnippet.body}\n`);
    expect(applied(calls)).toEqual([]);
    // WebKit sets `keyCode`, which Semi's sheet reads; user-event does not for Escape.
    fireEvent.keyDown(idea, { key: 'Escape', code: 'Escape', keyCode: 27 });
    await waitFor(() => expect(screen.queryByTestId('apply-form')).toBeNull());
  });

  it('no address yet: says so and opens the settings dialog to add one', async () => {
    const { user } = await setup({ addresses: () => [] });
    expect(screen.getByTestId('apply-no-address')).toHaveTextContent('还没有收货地址');
    await user.click(screen.getByTestId('apply-address-add'));
    expect(await screen.findByText('新增收货地址')).toBeInTheDocument();
  });
});
