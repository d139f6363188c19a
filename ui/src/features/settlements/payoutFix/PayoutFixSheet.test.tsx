import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { ContractAccountView, PayoutFixInput } from '../../../bindings';
import i18n from '../../../i18n';
import { type Call, mockEvents, mockIpc } from '../../../test/ipcMock';
import { renderWithProviders } from '../../../test/render';
import * as fx from '../../../test/settlementFixtures';
import { SettlementsPage } from '../SettlementsPage';

/** A contract account saved before, as core shows it (masked). */
const savedContract: ContractAccountView = {
  company_name: '杭州小鹿文化传媒有限公司',
  card_number_masked: '****1234',
  bank_branch: '招商银行杭州分行',
};

function setup(contract: ContractAccountView | null = null) {
  mockEvents();
  const calls = mockIpc({
    import_files: () => fx.files,
    mapping_profiles: () => [],
    reconcile_saved: () => fx.view,
    reconcile_discrepancies: ({ query }) => fx.discrepancyPage(query),
    reconcile_matches: ({ query }) => fx.matchPage(query),
    monthly_income: () => fx.months,
    settlement_tax: ({ year }) => fx.taxCheck(year),
    decisions: () => [],
    contract_account: () => contract,
    set_contract_account: ({ account }) => ({
      company_name: account.company_name,
      card_number_masked: `****${account.card_number.slice(-4)}`,
      bank_branch: account.bank_branch,
    }),
    delete_contract_account: () => null,
    payout_fix: () => fx.guideCancellable,
  });
  const user = userEvent.setup();
  renderWithProviders(<SettlementsPage />);
  return { calls, user };
}

const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const fixInputs = (calls: Call[]) =>
  calls
    .filter((c) => c.command === 'payout_fix')
    .map((c) => (c.args as { input: PayoutFixInput }).input);

async function openFix(user: ReturnType<typeof userEvent.setup>) {
  const rows = await screen.findAllByTestId('discrepancy-row');
  const failed = rows.find((r) => r.getAttribute('data-class') === 'payout_failed') as HTMLElement;
  await user.click(within(failed).getByTestId('fix-payout'));
  return screen.findByTestId('payout-fix');
}

describe('failed-payout fix guide', () => {
  it('saves the contract account, sends the statement account and shows checks, steps and e-mail', async () => {
    const { calls, user } = setup(null);
    await openFix(user);
    expect(screen.getByText('修复打款：结算单 JS202602002')).toBeInTheDocument();

    // a. No contract account yet: the form.
    type('contract-company', '杭州小鹿文化传媒有限公司');
    type('contract-card', '6225 8800 0000 1234');
    type('contract-branch', '招商银行杭州分行');
    await user.click(screen.getByTestId('contract-save'));
    await waitFor(() =>
      expect(calls.find((c) => c.command === 'set_contract_account')?.args).toEqual({
        account: {
          company_name: '杭州小鹿文化传媒有限公司',
          card_number: '6225 8800 0000 1234',
          bank_branch: '招商银行杭州分行',
        },
      }),
    );
    expect(await screen.findByTestId('contract-card-masked')).toHaveTextContent('****1234');
    expect(screen.queryByTestId('contract-card')).toBeNull();

    // b. Nothing is sent until the form is complete.
    await user.click(screen.getByTestId('fix-check'));
    expect(screen.getByTestId('fix-problem')).toHaveTextContent('请填写账户名、卡号、开户支行');
    expect(fixInputs(calls)).toEqual([]);

    type('fix-account-name', '杭州小鹿文化传媒有限公司');
    type('fix-card-number', '6225880000004321');
    type('fix-bank-branch', '招商银行杭州分行');
    expect(screen.queryByTestId('fix-regenerated')).toBeNull();
    await user.click(screen.getByText('能撤销'));
    type('fix-regenerated', '1000');
    await user.click(screen.getByTestId('fix-check'));
    await waitFor(() => expect(fixInputs(calls)).toHaveLength(1));
    expect(fixInputs(calls)[0]).toEqual({
      statement_id: 'JS202602002',
      account_name: '杭州小鹿文化传媒有限公司',
      card_number: '6225880000004321',
      bank_branch: '招商银行杭州分行',
      cancellable: true,
      regenerated_amount: '1000',
      nickname: null,
    });

    // c. The result.
    const result = await screen.findByTestId('fix-result');
    const checks = within(result).getAllByTestId('fix-check-row');
    expect(checks.map((c) => c.getAttribute('data-passed'))).toEqual(['true', 'false', 'true']);
    expect(checks[0]?.textContent).toBe(
      '账户名称（应为签约公司）：结算单为「杭州小鹿文化传媒有限公司」，签约信息为「杭州小鹿文化传媒有限公司」，一致。',
    );
    expect(checks[1]?.textContent).toBe(
      '银行卡号：结算单为「****4321」，签约信息为「****1234」，不一致。',
    );
    expect(checks[1]).toHaveTextContent('****4321');
    expect(within(result).getByTestId('fix-rule')).toHaveTextContent('R-SETTLE-3');
    expect(within(result).getByTestId('fix-invoiced')).toHaveTextContent('¥950.00');
    expect(within(result).getByTestId('fix-supplementary')).toHaveTextContent('¥50.00');
    expect(within(result).getByTestId('fix-tracking')).toHaveTextContent('SF1234567890');
    const steps = within(result).getAllByTestId('fix-step');
    expect(steps.map((s) => s.getAttribute('data-code'))).toEqual([
      'cancel_statement',
      'correct_bank_account',
      'regenerate_next_month',
      'issue_supplementary_invoice',
      'mail_supplementary_invoice',
      'send_email',
    ]);
    expect(steps[0]).toHaveTextContent('在平台上撤销这张结算单');
    expect(steps[3]).toHaveTextContent('按差额 ¥50.00 补开发票');
    expect(screen.getByTestId('fix-email-subject')).toHaveTextContent(
      '【即合打款失败】小鹿爱测评-杭州小鹿文化传媒有限公司',
    );
    expect(screen.getByTestId('fix-email-body').textContent).toBe(fx.guideCancellable.email_body);

    // In English the steps and checks follow; the e-mail stays Chinese.
    await act(() => i18n.changeLanguage('en'));
    expect(within(result).getAllByTestId('fix-step')[3]).toHaveTextContent(
      'Issue a supplementary invoice for the difference, ¥50.00',
    );
    expect(within(result).getAllByTestId('fix-check-row')[1]?.textContent).toBe(
      'Card number: statement "****4321", contract "****1234": differs.',
    );
    expect(screen.getByTestId('fix-email-subject')).toHaveTextContent('【即合打款失败】');
  });

  it('the saved contract account can be deleted, after a confirmation', async () => {
    const { calls, user } = setup(savedContract);
    await openFix(user);
    expect(await screen.findByTestId('contract-view')).toHaveTextContent('****1234');
    // Opened for editing and left: the form held the account's company and branch.
    await user.click(screen.getByTestId('contract-edit'));
    expect(screen.getByTestId('contract-company')).toHaveValue('杭州小鹿文化传媒有限公司');
    await user.click(screen.getByText('取消'));
    await user.click(screen.getByTestId('contract-delete'));
    expect(await screen.findByText('删除签约收款账户？')).toBeInTheDocument();
    expect(calls.some((c) => c.command === 'delete_contract_account')).toBe(false);
    // The confirmation's own 删除: not the account's, nor an imported file's.
    const confirm = (await screen.findAllByRole('button', { name: '删除' })).find(
      (b) =>
        b.closest('[data-testid="contract-view"]') === null &&
        b.closest('[data-testid="import-files"]') === null,
    ) as HTMLElement;
    await user.click(confirm);
    await waitFor(() =>
      expect(calls.filter((c) => c.command === 'delete_contract_account')).toHaveLength(1),
    );
    // The form again, empty: nothing of the account is left on screen.
    expect(await screen.findByTestId('contract-company')).toHaveValue('');
    expect(screen.getByTestId('contract-branch')).toHaveValue('');
    expect(screen.queryByTestId('contract-view')).toBeNull();
    expect(await screen.findByText('签约收款账户已删除')).toBeInTheDocument();
  });

  it('not cancellable: no regenerated amount is sent; copy puts the e-mail on the clipboard', async () => {
    const { calls, user } = setup(savedContract);
    await openFix(user);
    expect(await screen.findByTestId('contract-view')).toHaveTextContent('****1234');
    type('fix-account-name', '杭州小鹿文化传媒有限公司');
    type('fix-card-number', '6225880000001234');
    type('fix-bank-branch', '招商银行杭州分行');
    type('fix-nickname', ' 小鹿爱测评 ');
    await user.click(screen.getByText('不能撤销（审批中或已提现）'));
    await user.click(screen.getByTestId('fix-check'));
    await waitFor(() => expect(fixInputs(calls)).toHaveLength(1));
    expect(fixInputs(calls)[0]).toMatchObject({
      cancellable: false,
      regenerated_amount: null,
      nickname: '小鹿爱测评',
    });

    await screen.findByTestId('fix-result');
    await user.click(screen.getByTestId('fix-copy-subject'));
    // user-event stands in for the system clipboard.
    expect(await navigator.clipboard.readText()).toBe(fx.guideCancellable.email_subject);
    expect(await screen.findByText('已复制到剪贴板')).toBeInTheDocument();
    await user.click(screen.getByTestId('fix-copy-body'));
    await waitFor(async () =>
      expect(await navigator.clipboard.readText()).toBe(fx.guideCancellable.email_body),
    );
  });
});
