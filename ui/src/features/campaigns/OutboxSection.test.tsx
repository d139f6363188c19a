import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ApplicationInput } from '../../bindings';
import { formatInstant } from '../../shared/format';
import * as fx from '../../test/campaignFixtures';
import { type Call, type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import * as profile from '../../test/profileFixtures';
import { renderWithProviders } from '../../test/render';
import { CampaignsPage } from './CampaignsPage';

const SLOW = { timeout: 30_000 };

function setup(extra: Partial<Commands> = {}) {
  const events = mockEvents();
  const changed = <T,>(value: T): T => {
    events.emit('data_changed', { areas: ['applications', 'status'] });
    return value;
  };
  const calls = mockIpc({
    applications: () => [],
    outbox: () => [fx.waiting, fx.refused, fx.full],
    agenda: () => [],
    addresses: () => [profile.officeAddress, profile.homeAddress],
    snippets: () => [profile.strengthsSnippet, profile.ideaSnippet],
    check_application: () => ({ problems: [], warnings: [] }),
    resend_application: ({ id }) => changed({ ...fx.refused, id, state: 'waiting' as const }),
    discard_application: () => changed(null),
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<CampaignsPage />);
  return { calls, user };
}

const argsOf = (calls: Call[], command: string) =>
  calls.filter((c) => c.command === command).map((c) => c.args);
const itemOf = (id: string) => {
  const item = screen
    .getAllByTestId('outbox-item')
    .find((i) => i.getAttribute('data-outbox-id') === id);
  if (!item) throw new Error(`no outbox item ${id}`);
  return item;
};

describe('my campaigns: the outbox', () => {
  it('waiting: attempts, the next attempt and the last failure in words; nothing to do', async () => {
    setup();
    await screen.findAllByTestId('outbox-item');
    const w = itemOf('11');
    expect(w).toHaveAttribute('data-state', 'waiting');
    expect(within(w).getByTestId('outbox-state')).toHaveTextContent('等待发送');
    expect(within(w).getByTestId('outbox-waiting')).toHaveTextContent(
      `已尝试 2 次 · 下次尝试：${formatInstant('2026-03-28T01:05:00Z')}`,
    );
    expect(within(w).getByTestId('outbox-last-error')).toHaveTextContent(
      '上次失败：无法连接平台 (platform_unreachable)',
    );
    expect(w).toHaveTextContent('完美日记小细跟口红测评');
    expect(w).not.toHaveTextContent('tcp connect');
    expect(within(w).queryByTestId('outbox-resend')).toBeNull();
    expect(within(w).queryByTestId('outbox-discard')).toBeNull();
  });

  it("refused: the platform's reason and the fields at fault, in words", async () => {
    setup();
    await screen.findAllByTestId('outbox-item');
    const r = itemOf('12');
    expect(r).toHaveAttribute('data-state', 'refused');
    expect(within(r).getByTestId('outbox-state')).toHaveTextContent('平台拒绝');
    expect(within(r).getByTestId('outbox-reason')).toHaveTextContent(
      '申请内容有误，请按下面的问题修改',
    );
    expect(
      within(r)
        .getAllByTestId('outbox-problem')
        .map((p) => p.textContent),
    ).toEqual(['详细地址：太短', '合作优势：太短']);
    expect(within(itemOf('13')).getByTestId('outbox-reason')).toHaveTextContent('名额已满');
    expect(within(r).getByTestId('outbox-resend')).toHaveTextContent('修改后重新发送');
    expect(within(r).getByTestId('outbox-discard')).toHaveTextContent('放弃');
  });

  it('nothing unsent: no outbox section', async () => {
    setup({ outbox: () => [], applications: () => fx.applications });
    await screen.findAllByTestId('campaign-card');
    expect(screen.queryByTestId('outbox')).toBeNull();
  });

  it('discard asks first, then calls discard_application', SLOW, async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('outbox-item');
    await user.click(within(itemOf('13')).getByTestId('outbox-discard'));
    expect(await screen.findByText('放弃这个申请？')).toBeInTheDocument();
    expect(argsOf(calls, 'discard_application')).toEqual([]);
    await user.click(screen.getByTestId('outbox-discard-confirm'));
    await waitFor(() => expect(argsOf(calls, 'discard_application')).toEqual([{ id: '13' }]));
    expect(await screen.findByText('已放弃这个申请')).toBeInTheDocument();
    await waitFor(() => expect(argsOf(calls, 'outbox')).toHaveLength(2));
  });

  it(
    'edit and resend: a saved address and the texts, checked, then resend_application',
    SLOW,
    async () => {
      const { calls, user } = setup();
      await screen.findAllByTestId('outbox-item');
      await user.click(within(itemOf('12')).getByTestId('outbox-resend'));
      const form = await screen.findByTestId('resend-form');
      // What the platform found, again, above the form.
      expect(form).toHaveTextContent('详细地址：太短');
      // The default address is chosen.
      await waitFor(() =>
        expect(screen.getByTestId('resend-address')).toHaveTextContent('家 陆小鹿 138****5678'),
      );
      // Another saved address.
      await user.click(screen.getByTestId('resend-address'));
      await user.click(await screen.findByText('公司 陆小鹿 139****4321 北京市 市辖区 朝阳区'));
      await waitFor(() =>
        expect(screen.getByTestId('resend-address')).toHaveTextContent('公司 陆小鹿 139****4321'),
      );
      await user.click(screen.getByTestId('resend-snippet-strengths'));
      await user.click(await screen.findByText('美妆方向'));
      expect(screen.getByTestId('resend-strengths')).toHaveValue(profile.strengthsSnippet.body);
      const idea = '开箱后连续七天早晚使用，同一光线下拍摄对比。';
      fireEvent.change(screen.getByTestId('resend-idea'), { target: { value: idea } });
      await user.click(screen.getByTestId('resend-send'));

      const input: ApplicationInput = {
        task_id: '7411',
        shipping: { kind: 'saved', address_id: '2' },
        strengths: profile.strengthsSnippet.body,
        idea,
        snippet_ids: ['11'],
      };
      await waitFor(() =>
        expect(argsOf(calls, 'resend_application')).toEqual([{ id: '12', input }]),
      );
      expect(argsOf(calls, 'check_application')).toEqual([{ input }]);
      await waitFor(() => expect(screen.queryByTestId('resend-form')).toBeNull());
      expect(await screen.findByText('已重新加入待发送')).toBeInTheDocument();
    },
  );

  it("resend: core's problems by field keep the dialog open and send nothing", SLOW, async () => {
    const { calls, user } = setup({
      check_application: () => ({
        problems: [{ field: 'idea', problem: 'too_short', min: 10, max: 500 }],
        warnings: [],
      }),
    });
    await screen.findAllByTestId('outbox-item');
    await user.click(within(itemOf('12')).getByTestId('outbox-resend'));
    await screen.findByTestId('resend-form');
    fireEvent.change(screen.getByTestId('resend-idea'), { target: { value: '七天对比' } });
    await user.click(screen.getByTestId('resend-send'));
    expect(await screen.findByTestId('resend-problems')).toHaveTextContent(
      '创作思路：至少 10 个字',
    );
    expect(argsOf(calls, 'resend_application')).toEqual([]);
    expect(screen.getByTestId('resend-form')).toBeInTheDocument();
  });

  it(
    'resend: addresses that cannot be read say so, not "no saved address", and Retry reads them',
    SLOW,
    async () => {
      let failing = true;
      const { user } = setup({
        addresses: () => {
          if (failing) throw new Reject({ code: 'store_failed', message: 'disk I/O error' });
          return [profile.officeAddress, profile.homeAddress];
        },
      });
      await screen.findAllByTestId('outbox-item');
      await user.click(within(itemOf('12')).getByTestId('outbox-resend'));
      const failed = await screen.findByTestId('resend-address-failed');
      expect(failed).toHaveTextContent('收货地址没有读出来：本地数据库出错 (store_failed)');
      expect(screen.queryByTestId('resend-no-address')).toBeNull();
      failing = false;
      await user.click(within(failed).getByRole('button'));
      await waitFor(() => expect(screen.queryByTestId('resend-address-failed')).toBeNull());
      expect(screen.queryByTestId('resend-no-address')).toBeNull();
    },
  );
});
