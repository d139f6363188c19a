import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReconcileView, TaskEarningsView } from '../../bindings';
import i18n from '../../i18n';
import { mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import * as fx from '../../test/settlementFixtures';
import { SettlementsPage } from './SettlementsPage';

const withMismatch: ReconcileView = { ...fx.view, rows_total: fx.view.rows_total + 1 };
const rows = [fx.amountMismatch, ...fx.rows.map((r) => ({ ...r, index: r.index + 1 }))];

function setup(earnings: (taskId: string) => TaskEarningsView) {
  mockEvents();
  const calls = mockIpc({
    import_files: () => fx.files,
    mapping_profiles: () => [],
    reconcile_saved: () => withMismatch,
    reconcile_discrepancies: ({ query }) => fx.discrepancyPage(query, rows),
    reconcile_matches: ({ query }) => fx.matchPage(query),
    monthly_income: () => fx.months,
    settlement_tax: ({ year }) => fx.taxCheck(year),
    decisions: () => [],
    contract_account: () => null,
    task_earnings: ({ taskId }) => earnings(taskId),
  });
  const user = userEvent.setup();
  renderWithProviders(<SettlementsPage />);
  return { calls, user };
}

const asked = (calls: { command: string; args: unknown }[]) =>
  calls.filter((c) => c.command === 'task_earnings').map((c) => c.args);
const row = (sheet: HTMLElement, key: string) =>
  within(sheet).getByTestId(`earnings-row-${key}`).querySelectorAll('td');
const cells = (sheet: HTMLElement, key: string) => [...row(sheet, key)].map((td) => td.textContent);

afterEach(async () => {
  await act(() => i18n.changeLanguage('zh-CN'));
});

describe('task earnings drawer', () => {
  it('opens from a matched task: gross → fees → tax → net beside what was paid, no difference', async () => {
    const { calls, user } = setup(() => fx.earningsMatched);
    await user.click(await screen.findByTestId('tab-matches'));
    const match = (await screen.findAllByTestId('match-row'))[0] as HTMLElement;
    // The payout match has no task: only the task match opens the drawer.
    expect(screen.getAllByTestId('task-earnings-open')).toHaveLength(1);
    await user.click(within(match).getByTestId('task-earnings-open'));

    const sheet = await screen.findByTestId('task-earnings');
    expect(await screen.findByText('任务收益明细 · 9007199254740993003')).toBeInTheDocument();
    expect(asked(calls)).toEqual([{ taskId: '9007199254740993003' }]);
    await within(sheet).findByTestId('task-earnings-waterfall');

    expect(cells(sheet, 'gross')).toEqual(['税前金额', '¥2,105.26', '¥2,105.26']);
    expect(cells(sheet, 'fee-platform_service')).toEqual([
      '平台服务费 5%（R-PREF-3）',
      '¥105.26',
      '',
    ]);
    expect(cells(sheet, 'fee')).toEqual(['服务费合计', '¥105.26', '¥105.26']);
    expect(cells(sheet, 'taxable')).toEqual(['劳务报酬所得（税前 − 服务费）', '¥2,000.00', '']);
    expect(cells(sheet, 'tax')).toEqual(['代扣个税', '¥0.00', '¥0.00']);
    expect(cells(sheet, 'net')).toEqual(['净额', '¥2,000.00', '¥2,000.00']);

    const difference = within(sheet).getByTestId('task-earnings-difference');
    expect(difference).toHaveAttribute('data-zero', 'true');
    expect(difference).toHaveTextContent('差额（实付 − 应收）¥0.00');
    expect(within(sheet).getByTestId('task-earnings-source')).toHaveTextContent(
      '应收明细只有净额：StarDesk 按结算单的税前金额计算服务费和个税。',
    );
    expect(within(sheet).getByTestId('task-earnings-kinds')).toHaveTextContent(
      '按所列服务费判断为普通订单、独立达人（R-PREF-3）。',
    );
    // The method, the month's share, and the lines left out of the month.
    const tax = within(sheet).getByTestId('task-earnings-tax');
    expect(tax).toHaveTextContent('累计预扣法（2025-10-01 起');
    expect(tax).toHaveTextContent('2026-02 的劳务报酬合计 ¥2000.00，当月应扣 ¥0.00');
    expect(tax).toHaveTextContent('当月另有 1 笔应收不知道税前金额，未计入。');
    expect(within(sheet).getByTestId('task-earnings-credit')).toHaveTextContent(
      '银行入账 TX880002 · 2026-02-13 · ¥2,300.00',
    );
    expect(sheet).toHaveTextContent('这笔入账共支付 2 行结算。');
    expect(within(sheet).queryByTestId('task-earnings-disagree')).toBeNull();
  });

  it('a stated net the rules do not reach: both nets shown, each labelled, with the warning', async () => {
    // The expected line says ¥2,100.00 net; its own gross less the 5% fee is ¥2,000.00.
    const first = fx.earningsMatched.earnings[0];
    if (!first?.steps) throw new Error('fixture without steps');
    const disagreeing: TaskEarningsView = {
      ...fx.earningsMatched,
      earnings: [{ ...first, net_expected: '2100.00', steps: { ...first.steps, agrees: false } }],
    };
    const { user } = setup(() => disagreeing);
    await user.click(await screen.findByTestId('tab-matches'));
    const match = (await screen.findAllByTestId('match-row'))[0] as HTMLElement;
    await user.click(within(match).getByTestId('task-earnings-open'));
    const sheet = await screen.findByTestId('task-earnings');
    await within(sheet).findByTestId('task-earnings-waterfall');
    expect(cells(sheet, 'net')).toEqual(['净额（应收明细所列）', '¥2,100.00', '¥2,000.00']);
    expect(cells(sheet, 'rule-net')).toEqual([
      '按规则算出的净额（税前 − 服务费 − 个税）',
      '¥2,000.00',
      '',
    ]);
    expect(within(sheet).getByTestId('task-earnings-disagree')).toHaveTextContent(
      'StarDesk 按规则算出的净额为 ¥2000.00',
    );
  });

  it('opens from an amount mismatch: the difference highlighted, per payment, in en too', async () => {
    const { calls, user } = setup(() => fx.earningsMismatch);
    const rows = await screen.findAllByTestId('discrepancy-row');
    // Only the mismatch offers the drawer.
    expect(screen.getAllByTestId('task-earnings-open')).toHaveLength(1);
    const mismatch = rows.find((r) => r.getAttribute('data-class') === 'amount_mismatch');
    await user.click(within(mismatch as HTMLElement).getByTestId('task-earnings-open'));

    const sheet = await screen.findByTestId('task-earnings');
    await within(sheet).findByTestId('task-earnings-waterfall');
    expect(asked(calls)).toEqual([{ taskId: '9007199254740993005' }]);
    expect(cells(sheet, 'tax')).toEqual(['代扣个税', '¥1,520.00', '¥1,620.00']);
    expect(cells(sheet, 'net')).toEqual(['净额', '¥7,980.00', '¥7,880.00']);
    const difference = within(sheet).getByTestId('task-earnings-difference');
    expect(difference).toHaveAttribute('data-zero', 'false');
    expect(difference).toHaveTextContent('-¥100.00');
    expect(within(sheet).getByTestId('task-earnings-source')).toHaveTextContent(
      '应收明细已列出税前金额、服务费和个税。',
    );
    expect(within(sheet).getByTestId('task-earnings-tax')).toHaveTextContent(
      '按次预扣（2025-10-01 前',
    );
    // The duplicate line of the task, below.
    const other = within(sheet).getByTestId('task-earnings-other');
    expect(other).toHaveTextContent('重复结算');
    expect(other).toHaveTextContent('结算单 JS202509002 · 2025-09-21');

    await act(() => i18n.changeLanguage('en'));
    expect(await screen.findByText('Task earnings · 9007199254740993005')).toBeInTheDocument();
    expect(cells(sheet, 'fee-platform_service')[0]).toBe('Platform service fee 5% (R-PREF-3)');
    expect(within(sheet).getByTestId('task-earnings-difference')).toHaveTextContent(
      'Difference (paid − expected)-¥100.00',
    );
    expect(within(sheet).getByTestId('task-earnings-tax')).toHaveTextContent(
      'this task earned ¥9500.00 and bears ¥1520.00 of it',
    );
  });

  it('says the components are unknown instead of showing zeros', async () => {
    const { user } = setup(() => fx.earningsUnknown);
    await user.click(await screen.findByTestId('tab-matches'));
    await user.click((await screen.findAllByTestId('task-earnings-open'))[0] as HTMLElement);
    const sheet = await screen.findByTestId('task-earnings');
    expect(await within(sheet).findByTestId('task-earnings-unknown')).toHaveTextContent(
      '无法拆分税前金额、服务费和个税',
    );
    expect(cells(sheet, 'gross')).toEqual(['税前金额', '未知', '']);
    expect(cells(sheet, 'tax')).toEqual(['代扣个税', '未知', '']);
    expect(cells(sheet, 'net')).toEqual(['净额', '¥2,000.00', '']);
    expect(sheet).toHaveTextContent('还没有结算单支付这笔应收。');
    expect(within(sheet).getByTestId('task-earnings-difference')).toHaveTextContent(
      '还没有实付金额',
    );
  });

  it('shows why the earnings could not be loaded', async () => {
    const { user } = setup(() => {
      throw new Reject({ code: 'not_found', message: 'no line of task 9007199254740993003' });
    });
    await user.click(await screen.findByTestId('tab-matches'));
    await user.click((await screen.findAllByTestId('task-earnings-open'))[0] as HTMLElement);
    const error = await screen.findByTestId('task-earnings-error');
    expect(error).toHaveTextContent('收益明细加载失败');
    expect(error).toHaveTextContent('no line of task 9007199254740993003');
  });
});
