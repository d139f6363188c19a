import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type {
  DecisionInput,
  DiscrepancyView,
  ReconcilePageQuery,
  ReconcileView,
} from '../../bindings';
import i18n from '../../i18n';
import { type Commands, mockEvents, mockIpc, Reject } from '../../test/ipcMock';
import { renderWithProviders } from '../../test/render';
import * as fx from '../../test/settlementFixtures';
import { chinaToday } from '../campaigns/dates';
import { reasonText } from './reasonText';
import { SettlementsPage } from './SettlementsPage';

const zh = i18n.getFixedT('zh-CN', 'settlements');

function setup(
  extra: Partial<Commands> = {},
  reconciled: ReconcileView = fx.view,
  rows: DiscrepancyView[] = fx.rows,
) {
  const events = mockEvents();
  const calls = mockIpc({
    import_files: () => fx.files,
    mapping_profiles: () => [],
    reconcile_saved: () => reconciled,
    reconcile_discrepancies: ({ query }) => fx.discrepancyPage(query, rows),
    reconcile_matches: ({ query }) => fx.matchPage(query),
    monthly_income: () => fx.months,
    settlement_tax: ({ year }) => fx.taxCheck(year),
    decisions: () => fx.decisionList,
    // As core does: a decision is stored, then the settlements are said to have changed.
    decide: ({ input }) => {
      events.emit('data_changed', { areas: ['settlements'] });
      return { id: '99', created_at: '2026-03-05T00:00:00Z', decision: input };
    },
    contract_account: () => null,
    ...extra,
  });
  const user = userEvent.setup();
  renderWithProviders(<SettlementsPage />);
  return { calls, user };
}

const rowsShown = () => screen.getAllByTestId('discrepancy-row');
const classesShown = () => rowsShown().map((r) => r.getAttribute('data-class'));
const rowOf = (cls: string) => {
  const row = rowsShown().find((r) => r.getAttribute('data-class') === cls);
  if (!row) throw new Error(`no ${cls} row`);
  return row;
};
const decided = (calls: { command: string; args: unknown }[]) =>
  calls
    .filter((c) => c.command === 'decide')
    .map((c) => (c.args as { input: DecisionInput }).input);

/** Presses the confirmation dialog's 删除 (not a file row's). */
async function confirmDelete(user: { click: (e: Element) => Promise<void> }) {
  const confirm = (await screen.findAllByRole('button', { name: '删除' })).find(
    (b) => b.closest('[data-testid="import-files"]') === null,
  ) as HTMLElement;
  await user.click(confirm);
}
describe('settlements page', () => {
  it('summary cards and discrepancy rows come from reconcile_saved; filters narrow the rows', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('discrepancy-row');
    // As of today, sent as YYYY-MM-DD.
    const asOf = calls.find((c) => c.command === 'reconcile_saved')?.args?.asOf;
    // Today as China's calendar has it, as core and the CLI take it.
    expect(asOf).toBe(chinaToday());

    const failed = screen.getByTestId('summary-payout_failed');
    expect(failed).toHaveTextContent('提现失败');
    expect(failed).toHaveTextContent('1 笔');
    expect(failed).toHaveTextContent('¥950.00');
    expect(screen.getByTestId('summary-missing_payout')).toHaveTextContent('¥1,288.50');
    expect(screen.getByTestId('summary-matched')).toHaveTextContent('2 笔');
    expect(screen.getByTestId('summary-matched')).toHaveTextContent('¥4,300.00');

    await waitFor(() =>
      expect(classesShown()).toEqual([
        'missing_payout',
        'unexpected_payout',
        'payout_failed',
        'unexpected_credit',
      ]),
    );
    expect(rowOf('missing_payout')).toHaveTextContent('未结算');
    expect(rowOf('missing_payout')).toHaveTextContent('¥1,288.50');
    expect(rowOf('unexpected_payout')).toHaveTextContent('无应收的结算');
    // Only the failed payout offers the fix.
    expect(within(rowOf('payout_failed')).getByTestId('fix-payout')).toBeInTheDocument();
    expect(within(rowOf('missing_payout')).queryByTestId('fix-payout')).toBeNull();

    // The class filter: two classes ticked, two rows left.
    const filter = screen.getByTestId('class-filter');
    await user.click(within(filter).getByText('提现失败'));
    await waitFor(() => expect(classesShown()).toEqual(['payout_failed']));
    await user.click(within(filter).getByText('不明入账'));
    await waitFor(() => expect(classesShown()).toEqual(['payout_failed', 'unexpected_credit']));

    // A summary card narrows to its class alone; a second click clears it.
    await user.click(screen.getByTestId('summary-missing_payout'));
    await waitFor(() => expect(classesShown()).toEqual(['missing_payout']));
    await user.click(screen.getByTestId('summary-missing_payout'));
    await waitFor(() => expect(rowsShown()).toHaveLength(4));

    // The id search.
    await user.type(screen.getByTestId('discrepancy-search'), 'TX8800');
    await waitFor(() => expect(classesShown()).toEqual(['unexpected_credit']));
  });

  it('unexpected_payout has its card, its filter entry and its tag like every class', async () => {
    const { user } = setup();
    await screen.findAllByTestId('discrepancy-row');
    // A card for every class, in the order a creator works through them.
    expect(screen.getAllByTestId(/^summary-/).map((c) => c.getAttribute('data-testid'))).toEqual([
      'summary-payout_failed',
      'summary-missing_payout',
      'summary-amount_mismatch',
      'summary-payout_overdue',
      'summary-duplicate_payout',
      'summary-unexpected_payout',
      'summary-unexpected_credit',
      'summary-matched',
    ]);
    const card = screen.getByTestId('summary-unexpected_payout');
    expect(card).toHaveTextContent('无应收的结算');
    expect(card).toHaveTextContent('1 笔');
    expect(card).toHaveTextContent('¥1,288.50');
    expect(card).toHaveAttribute('data-count', '1');
    expect(screen.getByTestId('summary-amount_mismatch')).toHaveAttribute('data-count', '0');

    // A filter entry for every discrepancy class (matched has its own tab), with its count.
    const filter = screen.getByTestId('class-filter');
    const entry = within(filter).getByTestId('class-filter-unexpected_payout');
    expect(entry).toHaveTextContent('无应收的结算1');
    for (const cls of [
      'payout_failed',
      'missing_payout',
      'amount_mismatch',
      'payout_overdue',
      'duplicate_payout',
      'unexpected_credit',
    ]) {
      expect(within(filter).getByTestId(`class-filter-${cls}`)).toBeInTheDocument();
    }
    expect(within(filter).queryByTestId('class-filter-matched')).toBeNull();
    await user.click(within(filter).getByText('无应收的结算'));
    await waitFor(() => expect(classesShown()).toEqual(['unexpected_payout']));

    // Its tag and its reason in the row.
    const row = rowOf('unexpected_payout');
    expect(row.querySelector('[data-class-tag="unexpected_payout"]')).toHaveTextContent(
      '无应收的结算',
    );
    expect(within(row).getByTestId('discrepancy-reason').textContent).toBe(
      '任务 9007199254740993091：结算单 JS202602001 于 2026-02-28 支付 ¥1288.50，但没有该任务的预期收入。',
    );

    // The card narrows the list to it as well; a second click clears it.
    await user.click(within(filter).getByText('无应收的结算'));
    await user.click(card);
    await waitFor(() => expect(classesShown()).toEqual(['unexpected_payout']));
    expect(card).toHaveAttribute('aria-pressed', 'true');
    await user.click(card);
    await waitFor(() => expect(rowsShown()).toHaveLength(4));
  });

  it('a long list is paged by core: every page, filter and search is asked of it', async () => {
    // 120 unexpected payouts, then the failed payout at position 120 (past two pages).
    const many: DiscrepancyView[] = Array.from({ length: 120 }, (_, i) => ({
      ...fx.unexpectedPayout,
      index: i,
      task_id: `T${String(i).padStart(4, '0')}`,
    }));
    const last = { ...fx.payoutFailed, index: 120 };
    const { calls, user } = setup({}, { ...fx.view, rows_total: 121 }, [...many, last]);
    await screen.findAllByTestId('discrepancy-row');
    const asked = () =>
      calls
        .filter((c) => c.command === 'reconcile_discrepancies')
        .map((c) => (c.args as { query: ReconcilePageQuery }).query);
    expect(rowsShown()).toHaveLength(50);
    expect(asked().at(-1)).toMatchObject({ classes: [], search: '', offset: 0, limit: 50 });
    expect(screen.queryByTestId('rows-truncated')).toBeNull();

    // The third page is core's rows 100..120.
    const pageItem = within(screen.getByTestId('discrepancy-list'))
      .getAllByText('3')
      .find((el) => el.closest('.semi-page-item'));
    if (!pageItem) throw new Error('no page 3');
    await user.click(pageItem);
    await waitFor(() => expect(rowsShown()).toHaveLength(21));
    expect(asked().at(-1)).toMatchObject({ offset: 100 });
    expect(classesShown().at(-1)).toBe('payout_failed');

    // The class filter goes to core and finds the row past the first pages at once.
    await user.click(within(screen.getByTestId('class-filter')).getByText('提现失败'));
    await waitFor(() => expect(classesShown()).toEqual(['payout_failed']));
    expect(asked().at(-1)).toMatchObject({ classes: ['payout_failed'], offset: 0 });

    // A row ticked on one page stays ticked on another.
    await user.click(within(screen.getByTestId('class-filter')).getByText('提现失败'));
    await waitFor(() => expect(rowsShown()).toHaveLength(50));
    await user.click(within(rowsShown()[0] as HTMLElement).getByRole('checkbox'));
    await user.type(screen.getByTestId('discrepancy-search'), 't0119');
    await waitFor(() => expect(rowsShown()).toHaveLength(1));
    expect(asked().at(-1)).toMatchObject({ search: 't0119' });
    expect(screen.getByTestId('manual-match-hint')).toHaveTextContent('已选 1');
  });

  it('the reason follows the language', async () => {
    setup();
    await screen.findAllByTestId('discrepancy-row');
    const reason = () => within(rowOf('payout_failed')).getByTestId('discrepancy-reason');
    // Worded by the window from the reason's figures, in the current language.
    expect(reason().textContent).toBe(
      '任务 9007199254740993002：结算单 JS202602002 中 ¥950.00 的打款提现失败，请核对结算单最后一页的收款账户（R-SETTLE-2）。',
    );
    expect(reason().textContent).toBe(reasonText(zh, fx.payoutFailed.reason));
    expect(within(rowOf('unexpected_credit')).getByTestId('discrepancy-reason').textContent).toBe(
      '银行入账 TX880001（2026-03-01，付款方 北京星图科技有限公司）¥500.00 未对应任何结算单行。',
    );
    await act(() => i18n.changeLanguage('en'));
    expect(reason().textContent).toBe(
      "Task 9007199254740993002: the payout of ¥950.00 in statement JS202602002 failed (提现失败). Check the receiving account on the statement's last page (R-SETTLE-2).",
    );
    expect(rowOf('payout_failed')).toHaveTextContent('Payout failed');
    expect(screen.getByTestId('summary-payout_failed')).toHaveTextContent('1 item');
  });

  it('missing_payout + unexpected_payout make a task match by hand; other pairs do not', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('discrepancy-row');
    const button = screen.getByTestId('manual-match');
    const tick = (cls: string) => user.click(within(rowOf(cls)).getByRole('checkbox'));
    expect(button).toBeDisabled();

    await tick('missing_payout');
    expect(button).toBeDisabled();
    expect(screen.getByTestId('manual-match-hint')).toHaveTextContent(
      '任务匹配需要恰好一条应收和一条结算单',
    );
    // An expected line with a bank line is no pair at all.
    await tick('unexpected_credit');
    expect(button).toBeDisabled();
    await tick('unexpected_credit');

    await tick('unexpected_payout');
    expect(button).toBeEnabled();
    const before = calls.filter((c) => c.command === 'reconcile_saved').length;
    await user.click(button);
    await waitFor(() => expect(decided(calls)).toHaveLength(1));
    expect(decided(calls)[0]).toEqual({
      action: 'manual_match',
      kind: 'task',
      expected: 'e:aa01',
      statement: ['s:bb01'],
      bank: [],
    });
    // Core says the settlements changed: the reconciliation is asked again.
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'reconcile_saved').length).toBeGreaterThan(before),
    );
  });

  it('statement + bank lines make a payout match by hand', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('discrepancy-row');
    await user.click(within(rowOf('unexpected_payout')).getByRole('checkbox'));
    await user.click(within(rowOf('unexpected_credit')).getByRole('checkbox'));
    await user.click(screen.getByTestId('manual-match'));
    await waitFor(() => expect(decided(calls)).toHaveLength(1));
    expect(decided(calls)[0]).toEqual({
      action: 'manual_match',
      kind: 'payout',
      expected: null,
      statement: ['s:bb01'],
      bank: ['b:cc01'],
    });
  });

  it('accept and reject on a match send the match back as a decision', async () => {
    const { calls, user } = setup();
    await screen.findAllByTestId('discrepancy-row');
    await user.click(screen.getByTestId('tab-matches'));
    const rows = await screen.findAllByTestId('match-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('9007199254740993003');
    expect(rows[0]).toHaveTextContent('¥2,000.00');
    expect(rows[0]).toHaveTextContent('自动');

    await user.click(within(rows[0] as HTMLElement).getByTestId('match-accept'));
    await waitFor(() => expect(decided(calls)).toHaveLength(1));
    await user.click(within(rows[1] as HTMLElement).getByTestId('match-reject'));
    await waitFor(() => expect(decided(calls)).toHaveLength(2));
    expect(decided(calls)).toEqual([
      { action: 'accept', kind: 'task', expected: 'e:aa03', statement: ['s:bb03'], bank: [] },
      {
        action: 'reject',
        kind: 'payout',
        expected: null,
        statement: ['s:bb03', 's:bb04'],
        bank: ['b:cc02'],
      },
    ]);
  });

  it('decisions can be undone; ignored decisions are mentioned', async () => {
    const { calls, user } = setup(
      { delete_decision: () => null },
      { ...fx.view, ignored_decisions: 2 },
    );
    await screen.findAllByTestId('discrepancy-row');
    await user.click(screen.getByTestId('tab-decisions'));
    expect(await screen.findByTestId('ignored-decisions')).toHaveTextContent(
      '有 2 个决定已不起作用',
    );
    const row = await screen.findByTestId('decision-row');
    expect(row).toHaveTextContent('手动匹配');
    await user.click(within(row).getByTestId('decision-undo'));
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'delete_decision').map((c) => c.args)).toEqual([
        { id: '17' },
      ]),
    );
  });

  it('before any import: the empty state says what to import and that it stays local', async () => {
    const { calls } = setup({ import_files: () => [] });
    const empty = await screen.findByTestId('settlements-empty');
    expect(empty).toHaveTextContent('应收明细');
    expect(empty).toHaveTextContent('加密');
    expect(screen.getByTestId('import-statement')).toBeInTheDocument();
    expect(calls.some((c) => c.command === 'reconcile_saved')).toBe(false);
  });

  it('export: the saved path is shown; a cancelled dialog says nothing', async () => {
    let answer: string | null = '/home/lu/对账报表.xlsx';
    const { calls, user } = setup({ export_report: () => answer });
    await screen.findAllByTestId('discrepancy-row');
    await user.click(screen.getByTestId('export-xlsx'));
    expect(await screen.findByText('报表已保存到 /home/lu/对账报表.xlsx')).toBeInTheDocument();
    answer = null;
    await user.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(calls.filter((c) => c.command === 'export_report')).toHaveLength(2));
    const sent = calls.filter((c) => c.command === 'export_report').map((c) => c.args);
    expect(sent[0]).toMatchObject({ format: 'xlsx' });
    expect(sent[1]).toMatchObject({ format: 'csv' });
    const asOf = (sent[0] as { asOf: string }).asOf;
    expect(asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The save dialog suggests a name in the window's language, with the day.
    expect(sent[0]).toMatchObject({ fileName: `对账报告-${asOf}` });
    await act(() => i18n.changeLanguage('en'));
    await user.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(calls.filter((c) => c.command === 'export_report')).toHaveLength(3));
    expect(calls.filter((c) => c.command === 'export_report')[2]?.args).toMatchObject({
      fileName: `Reconciliation report ${asOf}`,
    });
    await act(() => i18n.changeLanguage('zh-CN'));
  });
  it('one imported file can be deleted after a confirmation that says what goes', async () => {
    const { calls, user } = setup({
      delete_import_file: ({ id }) => ({
        kind: 'bank',
        file_name: fx.files.find((f) => f.id === id)?.file_name ?? '',
        lines_removed: 2,
        lines_restored: 0,
        lines_kept: 0,
        kept_by: null,
      }),
    });
    const rows = await screen.findAllByTestId('import-file-row');
    const bankRow = rows.find((r) => r.textContent?.includes('招商银行流水.csv')) as HTMLElement;
    await user.click(within(bankRow).getByTestId('delete-import-file'));
    expect(await screen.findByText('删除这个文件的导入？')).toBeInTheDocument();
    expect(
      screen.getByText(/将删除「招商银行流水.csv」导入时新增的 2 行明细和它的导入记录/),
    ).toBeInTheDocument();
    // A bank file changes no payout status: nothing is said about putting one back.
    expect(screen.queryByText(/它改过的结算状态/)).toBeNull();
    expect(calls.some((c) => c.command === 'delete_import_file')).toBe(false);
    await confirmDelete(user);
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'delete_import_file').map((c) => c.args)).toEqual([
        { id: '3' },
      ]),
    );
    expect(await screen.findByText('已删除「招商银行流水.csv」的 2 行明细')).toBeInTheDocument();
  });
  it('a file imported again later keeps the lines: the notice names that import', async () => {
    const { user } = setup({
      delete_import_file: ({ id }) => {
        const file = fx.files.find((f) => f.id === id);
        if (file === undefined) throw new Error(`no file ${id}`);
        return {
          kind: 'bank',
          file_name: file.file_name,
          lines_removed: 0,
          lines_restored: 0,
          lines_kept: 2,
          kept_by: { ...file, id: '9', imported_at: '2026-03-02T04:05:00Z' },
        };
      },
    });
    const rows = await screen.findAllByTestId('import-file-row');
    const bankRow = rows.find((r) => r.textContent?.includes('招商银行流水.csv')) as HTMLElement;
    await user.click(within(bankRow).getByTestId('delete-import-file'));
    expect(
      await screen.findByText(/若之后又导入过内容完全相同的文件，这些明细归入那个文件/),
    ).toBeInTheDocument();
    await confirmDelete(user);
    expect(
      await screen.findByText(
        /^已删除「招商银行流水.csv」的导入记录；它的 2 行明细与 .* 导入的「招商银行流水.csv」完全相同，已归入那个文件，没有删除$/,
      ),
    ).toBeInTheDocument();
  });
  it("a statement file's confirmation says the statuses it changed go back; then how many did", async () => {
    const { user } = setup({
      delete_import_file: ({ id }) => ({
        kind: 'statement',
        file_name: fx.files.find((f) => f.id === id)?.file_name ?? '',
        lines_removed: 0,
        lines_restored: 3,
        lines_kept: 0,
        kept_by: null,
      }),
    });
    const rows = await screen.findAllByTestId('import-file-row');
    const statementRow = rows.find((r) =>
      r.textContent?.includes('结算单2026-02.xlsx'),
    ) as HTMLElement;
    await user.click(within(statementRow).getByTestId('delete-import-file'));
    expect(
      await screen.findByText(
        '它改过的结算状态和金额构成会改回导入它之前的样子（之后导入的文件也改过的，以那个文件为准；之后导入的文件若与它所改相同，请重新导入那个文件）。',
      ),
    ).toBeInTheDocument();
    await confirmDelete(user);
    expect(
      await screen.findByText(
        '已删除「结算单2026-02.xlsx」的 0 行明细，它改过的 3 行结算状态或金额构成已改回',
      ),
    ).toBeInTheDocument();
  });
  it('a file deleted meanwhile from the command line: says so and reads the list again', async () => {
    const { calls, user } = setup({
      delete_import_file: ({ id }) => {
        throw new Reject({ code: 'not_found', message: `no imported file ${id}` });
      },
    });
    const rows = await screen.findAllByTestId('import-file-row');
    const bankRow = rows.find((r) => r.textContent?.includes('招商银行流水.csv')) as HTMLElement;
    const listed = calls.filter((c) => c.command === 'import_files').length;
    await user.click(within(bankRow).getByTestId('delete-import-file'));
    await confirmDelete(user);
    expect(
      await screen.findByText(
        '「招商银行流水.csv」的导入已不在了（可能已在命令行中删除），列表已刷新',
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'import_files').length).toBeGreaterThan(listed),
    );
  });
});
