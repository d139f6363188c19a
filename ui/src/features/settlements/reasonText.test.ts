import { describe, expect, it } from 'vitest';
import type { AccountCheckView, Reason } from '../../bindings';
import i18n from '../../i18n';
import { accountCheckText, reasonText } from './reasonText';

// The settlements namespace in each language, whatever the current one is.
const zh = i18n.getFixedT('zh-CN', 'settlements');
const en = i18n.getFixedT('en', 'settlements');

const mismatch = (over: Partial<Extract<Reason, { class: 'amount_mismatch' }>> = {}): Reason => ({
  class: 'amount_mismatch',
  task_id: 'T102',
  statement_id: 'JS202608001',
  expected: '1200.00',
  statement: '1160.00',
  difference: '-40.00',
  parts: [],
  unexplained: '-40.00',
  ...over,
});

const overdue = (over: Partial<Extract<Reason, { class: 'payout_overdue' }>> = {}): Reason => ({
  class: 'payout_overdue',
  statement_id: 'JS202607003',
  sent_date: '2026-07-01',
  deadline: '2026-07-22',
  working_days: 15,
  amount: '3000.00',
  tracking_numbers: [],
  uncovered_year: null,
  rule: 'R-SETTLE-1',
  ...over,
});

describe('a discrepancy reason in words, from its figures', () => {
  it('amount_mismatch, no part stated on both sides', () => {
    expect(reasonText(zh, mismatch())).toBe(
      '任务 T102（结算单 JS202608001）：实付 ¥1160.00，预期 ¥1200.00，差额 -¥40.00。' +
        '总额、服务费、个税无法解释该差额（未在两边都列明，或两边一致）。',
    );
    expect(reasonText(en, mismatch())).toBe(
      'Task T102 (statement JS202608001): paid ¥1160.00, expected ¥1200.00, difference -¥40.00.' +
        ' The gross, fees and tax do not explain it (not stated on both sides, or equal).',
    );
  });

  it('amount_mismatch explained by its parts, nothing left over', () => {
    const reason = mismatch({
      parts: [
        { part: 'fee', expected: '60.00', statement: '100.00', difference: '40.00' },
        { part: 'tax', expected: '0.00', statement: '0.00', difference: '0.00' },
      ],
      unexplained: '0.00',
    });
    expect(reasonText(zh, reason)).toBe(
      '任务 T102（结算单 JS202608001）：实付 ¥1160.00，预期 ¥1200.00，差额 -¥40.00。' +
        '差异来自服务费：预期 ¥60.00，结算单 ¥100.00（+¥40.00）；个税：预期 ¥0.00，结算单 ¥0.00（¥0.00）。',
    );
    expect(reasonText(en, reason)).toBe(
      'Task T102 (statement JS202608001): paid ¥1160.00, expected ¥1200.00, difference -¥40.00.' +
        ' Explained by the fees: expected ¥60.00, on the statement ¥100.00 (+¥40.00);' +
        ' the tax: expected ¥0.00, on the statement ¥0.00 (¥0.00).',
    );
  });

  it('amount_mismatch with a part and an unexplained rest', () => {
    const reason = mismatch({
      expected: '1000.00',
      statement: '1050.00',
      difference: '50.00',
      parts: [{ part: 'gross', expected: '1000.00', statement: '1030.00', difference: '30.00' }],
      unexplained: '20.00',
    });
    expect(reasonText(zh, reason)).toBe(
      '任务 T102（结算单 JS202608001）：实付 ¥1050.00，预期 ¥1000.00，差额 +¥50.00。' +
        '差异来自总额（报酬或奖励）：预期 ¥1000.00，结算单 ¥1030.00（+¥30.00）。' +
        '其中 +¥20.00 无法由总额、服务费、个税解释。',
    );
    expect(reasonText(en, reason)).toBe(
      'Task T102 (statement JS202608001): paid ¥1050.00, expected ¥1000.00, difference +¥50.00.' +
        ' Explained by the gross (fee or reward): expected ¥1000.00, on the statement ¥1030.00 (+¥30.00).' +
        ' +¥20.00 of it is not explained by the gross, fees and tax.',
    );
  });

  it('missing_payout, with and without a due date', () => {
    const due: Reason = {
      class: 'missing_payout',
      task_id: 'T105',
      amount: '1288.50',
      due_date: '2026-08-15',
    };
    expect(reasonText(zh, due)).toBe(
      '任务 T105：预期收入 ¥1288.50（应付日 2026-08-15），结算单中没有对应的打款。',
    );
    expect(reasonText(en, due)).toBe(
      'Task T105: ¥1288.50 expected (due 2026-08-15), but no statement line pays it.',
    );
    const noDue: Reason = { ...due, due_date: null };
    expect(reasonText(zh, noDue)).toBe('任务 T105：预期收入 ¥1288.50，结算单中没有对应的打款。');
    expect(reasonText(en, noDue)).toBe(
      'Task T105: ¥1288.50 expected, but no statement line pays it.',
    );
  });

  it('duplicate_payout', () => {
    const reason: Reason = {
      class: 'duplicate_payout',
      task_id: 'T106',
      statement_id: 'JS202608001',
      amount: '800.00',
      date: '2026-08-20',
    };
    expect(reasonText(zh, reason)).toBe(
      '任务 T106：结算单 JS202608001 中重复打款，多出一行 ¥800.00（2026-08-20），该任务已由另一行支付。',
    );
    expect(reasonText(en, reason)).toBe(
      'Task T106: statement JS202608001 pays it twice: an extra line of ¥800.00 on 2026-08-20 (another line already pays the task).',
    );
  });

  it('payout_failed: the amount without separators (the e2e test reads the English one)', () => {
    const reason: Reason = {
      class: 'payout_failed',
      task_id: 'T103',
      statement_id: 'JS202608002',
      amount: '2500.00',
      date: '2026-08-20',
      rule: 'R-SETTLE-2',
    };
    expect(reasonText(zh, reason)).toBe(
      '任务 T103：结算单 JS202608002 中 ¥2500.00 的打款提现失败，请核对结算单最后一页的收款账户（R-SETTLE-2）。',
    );
    const english = reasonText(en, reason);
    expect(english).toBe(
      "Task T103: the payout of ¥2500.00 in statement JS202608002 failed (提现失败). Check the receiving account on the statement's last page (R-SETTLE-2).",
    );
    expect(english).toMatch(/the payout of ¥2500\.00 in statement JS202608002 failed/);
  });

  it('unexpected_payout', () => {
    const reason: Reason = {
      class: 'unexpected_payout',
      task_id: 'T199',
      statement_id: 'JS202608001',
      amount: '1288.50',
      date: '2026-08-20',
    };
    expect(reasonText(zh, reason)).toBe(
      '任务 T199：结算单 JS202608001 于 2026-08-20 支付 ¥1288.50，但没有该任务的预期收入。',
    );
    expect(reasonText(en, reason)).toBe(
      'Task T199: statement JS202608001 pays ¥1288.50 on 2026-08-20 for a task with no expected earning.',
    );
  });

  it('payout_overdue without tracking numbers, holidays known', () => {
    expect(reasonText(zh, overdue())).toBe(
      '结算单 JS202607003：发票已于 2026-07-01 寄出，截至其后第 15 个工作日（2026-07-22）仍未收到打款，未付 ¥3000.00。很可能是收款账户有误（R-SETTLE-1）。',
    );
    expect(reasonText(en, overdue())).toBe(
      'Statement JS202607003: invoice sent on 2026-07-01, and no bank credit by 2026-07-22, the 15th working day after; ¥3000.00 unpaid. Most likely the receiving account is wrong (R-SETTLE-1).',
    );
  });

  it('payout_overdue with tracking numbers and a year without holidays', () => {
    const reason = overdue({
      tracking_numbers: ['SF1409876543210', 'YT2026070100'],
      uncovered_year: 2027,
    });
    expect(reasonText(zh, reason)).toBe(
      '结算单 JS202607003：发票已于 2026-07-01 寄出（快递单号 SF1409876543210、YT2026070100），截至其后第 15 个工作日（2026-07-22）仍未收到打款，未付 ¥3000.00。很可能是收款账户有误（R-SETTLE-1）。' +
        '注意：缺少 2027 年的节假日安排，已按周一至周五为工作日计算。',
    );
    expect(reasonText(en, reason)).toBe(
      'Statement JS202607003: invoice sent on 2026-07-01 (tracking SF1409876543210, YT2026070100), and no bank credit by 2026-07-22, the 15th working day after; ¥3000.00 unpaid. Most likely the receiving account is wrong (R-SETTLE-1).' +
        ' The holidays of 2027 are not known: Monday to Friday were counted as working days.',
    );
  });

  it('unexpected_credit', () => {
    const reason: Reason = {
      class: 'unexpected_credit',
      txn_id: 'CMB20260825001',
      date: '2026-08-25',
      amount: '300.00',
      counterparty: '北京星图科技有限公司',
    };
    expect(reasonText(zh, reason)).toBe(
      '银行入账 CMB20260825001（2026-08-25，付款方 北京星图科技有限公司）¥300.00 未对应任何结算单行。',
    );
    expect(reasonText(en, reason)).toBe(
      'Bank credit CMB20260825001 of ¥300.00 on 2026-08-25 from 北京星图科技有限公司 pays no statement line.',
    );
  });
});

describe('an account check in words', () => {
  const check = (over: Partial<AccountCheckView>): AccountCheckView => ({
    field: 'account_name',
    passed: true,
    on_statement: '杭州小鹿文化传媒有限公司',
    contracted: '杭州小鹿文化传媒有限公司',
    hidden_difference: false,
    ...over,
  });

  it('a match and a visible difference', () => {
    expect(accountCheckText(zh, check({}))).toBe(
      '账户名称（应为签约公司）：结算单为「杭州小鹿文化传媒有限公司」，签约信息为「杭州小鹿文化传媒有限公司」，一致。',
    );
    expect(accountCheckText(en, check({}))).toBe(
      'Account name (must be the contracted company): statement "杭州小鹿文化传媒有限公司", contract "杭州小鹿文化传媒有限公司": matches.',
    );
    const branch = check({
      field: 'bank_branch',
      passed: false,
      on_statement: '招商银行杭州分行',
      contracted: '招商银行杭州西湖支行',
    });
    expect(accountCheckText(zh, branch)).toBe(
      '开户支行：结算单为「招商银行杭州分行」，签约信息为「招商银行杭州西湖支行」，不一致。',
    );
    expect(accountCheckText(en, branch)).toBe(
      'Bank branch: statement "招商银行杭州分行", contract "招商银行杭州西湖支行": differs.',
    );
  });

  it('card numbers that differ only before the last 4 digits say so', () => {
    const card = check({
      field: 'card_number',
      passed: false,
      on_statement: '****1234',
      contracted: '****1234',
      hidden_difference: true,
    });
    expect(accountCheckText(zh, card)).toBe(
      '银行卡号：结算单为「****1234」，签约信息为「****1234」，不一致。两者在末四位之前的数字不同。',
    );
    expect(accountCheckText(en, card)).toBe(
      'Card number: statement "****1234", contract "****1234": differs. They differ before the last 4 digits.',
    );
  });
});
