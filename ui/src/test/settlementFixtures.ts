//! Settlement payloads as `reconcile_saved` and friends return them, typed by the bindings.

import type {
  DecisionView,
  DiscrepancyView,
  ImportFileView,
  MatchRow,
  MonthIncome,
  PayoutFixGuide,
  ReconcileView,
} from '../bindings';

export const files: ImportFileView[] = [
  {
    id: '1',
    kind: 'expected',
    file_name: '应收明细.csv',
    imported_at: '2026-03-02T02:00:00Z',
    encoding: 'UTF-8',
    lines: 3,
    added: 3,
  },
  {
    id: '2',
    kind: 'statement',
    file_name: '结算单2026-02.xlsx',
    imported_at: '2026-03-02T02:01:00Z',
    encoding: 'XLSX',
    lines: 4,
    added: 4,
  },
  {
    id: '3',
    kind: 'bank',
    file_name: '招商银行流水.csv',
    imported_at: '2026-03-02T02:02:00Z',
    encoding: 'GB18030',
    lines: 2,
    added: 2,
  },
];

/** The expected line of task 9007199254740993001 with no statement line. */
export const missingPayout: DiscrepancyView = {
  row: {
    class: 'missing_payout',
    task_id: '9007199254740993001',
    statement_id: '',
    txn_id: '',
    date: '2026-02-10',
    amount: '1288.50',
    reason_zh: '应收 ¥1,288.50 没有对应的结算单',
    reason_en: 'Expected ¥1,288.50 has no statement line',
  },
  refs: { expected: 'e:aa01', statement: [], bank: [] },
};

/** A statement line of a task nobody expected (a mistyped task id, say). */
export const unexpectedPayout: DiscrepancyView = {
  row: {
    class: 'unexpected_payout',
    task_id: '9007199254740993091',
    statement_id: 'JS202602001',
    txn_id: '',
    date: '2026-02-28',
    amount: '1288.50',
    reason_zh: '结算单上的任务不在应收明细里',
    reason_en: 'The statement pays a task that is not expected',
  },
  refs: { expected: null, statement: ['s:bb01'], bank: [] },
};

export const payoutFailed: DiscrepancyView = {
  row: {
    class: 'payout_failed',
    task_id: '9007199254740993002',
    statement_id: 'JS202602002',
    txn_id: '',
    date: '2026-02-28',
    amount: '950.00',
    reason_zh: '结算单提现失败，多半是收款账户有误',
    reason_en: 'The payout failed; most likely a wrong receiving account',
  },
  refs: { expected: 'e:aa02', statement: ['s:bb02'], bank: [] },
};

export const unexpectedCredit: DiscrepancyView = {
  row: {
    class: 'unexpected_credit',
    task_id: '',
    statement_id: '',
    txn_id: 'TX880001',
    date: '2026-03-01',
    amount: '500.00',
    reason_zh: '银行入账找不到对应的结算单',
    reason_en: 'A bank credit with no statement behind it',
  },
  refs: { expected: null, statement: [], bank: ['b:cc01'] },
};

export const automaticMatch: MatchRow = {
  kind: 'task',
  origin: 'automatic',
  expected_key: 'e:aa03',
  statement_keys: ['s:bb03'],
  bank_keys: [],
  task_id: '9007199254740993003',
  statement_ids: ['JS202602003'],
  txn_ids: [],
  amount: '2000.00',
};

export const payoutMatch: MatchRow = {
  kind: 'payout',
  origin: 'automatic',
  expected_key: null,
  statement_keys: ['s:bb03', 's:bb04'],
  bank_keys: ['b:cc02'],
  task_id: null,
  statement_ids: ['JS202602003'],
  txn_ids: ['TX880002'],
  amount: '2300.00',
};

export const view: ReconcileView = {
  as_of: '2026-03-05',
  summary: {
    counts: {
      matched: 2,
      amount_mismatch: 0,
      missing_payout: 1,
      duplicate_payout: 0,
      payout_failed: 1,
      payout_overdue: 0,
      unexpected_credit: 1,
    },
    totals: {
      matched: '4300.00',
      amount_mismatch: '0.00',
      missing_payout: '1288.50',
      duplicate_payout: '0.00',
      payout_failed: '950.00',
      payout_overdue: '0.00',
      unexpected_credit: '500.00',
    },
  },
  rows: [missingPayout, unexpectedPayout, payoutFailed, unexpectedCredit],
  rows_total: 4,
  matches: [automaticMatch, payoutMatch],
  matches_total: 2,
  ignored_decisions: 0,
};

export const decisionList: DecisionView[] = [
  {
    id: '17',
    created_at: '2026-03-03T06:00:00Z',
    decision: {
      action: 'manual_match',
      kind: 'task',
      expected: 'e:aa09',
      statement: ['s:bb09'],
      bank: [],
    },
  },
];

export const months: MonthIncome[] = [
  {
    month: '2026-01',
    lines: 3,
    gross: '3000.00',
    gross_lines: 3,
    fees: '150.00',
    fee_lines: 3,
    tax: '120.00',
    tax_lines: 3,
    net: '2730.00',
  },
  {
    month: '2026-02',
    lines: 4,
    gross: '1288.50',
    gross_lines: 2,
    fees: '64.43',
    fee_lines: 2,
    tax: '0.00',
    tax_lines: 4,
    net: '4238.50',
  },
];

export const guideCancellable: PayoutFixGuide = {
  statement_id: 'JS202602002',
  invoiced_amount: '950.00',
  checks: [
    {
      field: 'account_name',
      passed: true,
      on_statement: '杭州小鹿文化传媒有限公司',
      contracted: '杭州小鹿文化传媒有限公司',
      reason_zh: '账户名与签约公司一致',
      reason_en: 'The account name matches the contracted company',
    },
    {
      field: 'card_number',
      passed: false,
      on_statement: '****4321',
      contracted: '****1234',
      reason_zh: '卡号与签约卡号不一致',
      reason_en: 'The card number differs from the contract',
    },
    {
      field: 'bank_branch',
      passed: true,
      on_statement: '招商银行杭州分行',
      contracted: '招商银行杭州分行',
      reason_zh: '开户支行一致',
      reason_en: 'The bank branch matches',
    },
  ],
  rule: 'R-SETTLE-3',
  steps: [
    { code: 'cancel_statement', amount: null },
    { code: 'correct_bank_account', amount: null },
    { code: 'regenerate_next_month', amount: null },
    { code: 'issue_supplementary_invoice', amount: '50.00' },
    { code: 'mail_supplementary_invoice', amount: null },
    { code: 'send_email', amount: null },
  ],
  supplementary_invoice: '50.00',
  excess_invoiced: null,
  tracking_numbers: ['SF1234567890'],
  email_subject: '【即合打款失败】小鹿爱测评-杭州小鹿文化传媒有限公司',
  email_body:
    '您好：\n结算单 JS202602002 打款失败，已更正收款账户。\n发票快递单号：SF1234567890\n附件为签收截图。',
};
