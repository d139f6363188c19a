//! Settlement payloads as `reconcile_saved` and friends return them, typed by the bindings.

import type {
  DecisionView,
  DiscrepancyPage,
  DiscrepancyView,
  ImportFileView,
  MatchPage,
  MatchRow,
  MonthIncome,
  PayoutFixGuide,
  ReconcilePageQuery,
  ReconcileView,
  TaskEarningsView,
  TaxCheckView,
  TaxMonth,
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
  index: 0,
  class: 'missing_payout',
  task_id: '9007199254740993001',
  statement_id: '',
  txn_id: '',
  date: '2026-02-10',
  amount: '1288.50',
  reason: {
    class: 'missing_payout',
    task_id: '9007199254740993001',
    amount: '1288.50',
    due_date: '2026-02-10',
  },
  refs: { expected: 'e:aa01', statement: [], bank: [] },
};

/** A statement line of a task nobody expected (a mistyped task id, say). */
export const unexpectedPayout: DiscrepancyView = {
  index: 1,
  class: 'unexpected_payout',
  task_id: '9007199254740993091',
  statement_id: 'JS202602001',
  txn_id: '',
  date: '2026-02-28',
  amount: '1288.50',
  reason: {
    class: 'unexpected_payout',
    task_id: '9007199254740993091',
    statement_id: 'JS202602001',
    amount: '1288.50',
    date: '2026-02-28',
  },
  refs: { expected: null, statement: ['s:bb01'], bank: [] },
};

export const payoutFailed: DiscrepancyView = {
  index: 2,
  class: 'payout_failed',
  task_id: '9007199254740993002',
  statement_id: 'JS202602002',
  txn_id: '',
  date: '2026-02-28',
  amount: '950.00',
  reason: {
    class: 'payout_failed',
    task_id: '9007199254740993002',
    statement_id: 'JS202602002',
    amount: '950.00',
    date: '2026-02-28',
    rule: 'R-SETTLE-2',
  },
  refs: { expected: 'e:aa02', statement: ['s:bb02'], bank: [] },
};

export const unexpectedCredit: DiscrepancyView = {
  index: 3,
  class: 'unexpected_credit',
  task_id: '',
  statement_id: '',
  txn_id: 'TX880001',
  date: '2026-03-01',
  amount: '500.00',
  reason: {
    class: 'unexpected_credit',
    txn_id: 'TX880001',
    date: '2026-03-01',
    amount: '500.00',
    counterparty: '北京星图科技有限公司',
  },
  refs: { expected: null, statement: [], bank: ['b:cc01'] },
};

export const automaticMatch: MatchRow = {
  index: 0,
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
  index: 1,
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
  // Every class, in `CLASS_CODES` order, as `reconcile_saved` sends them.
  summary: {
    classes: [
      { class: 'matched', count: 2, total: '4300.00' },
      { class: 'amount_mismatch', count: 0, total: '0.00' },
      { class: 'missing_payout', count: 1, total: '1288.50' },
      { class: 'duplicate_payout', count: 0, total: '0.00' },
      { class: 'payout_failed', count: 1, total: '950.00' },
      { class: 'unexpected_payout', count: 1, total: '1288.50' },
      { class: 'payout_overdue', count: 0, total: '0.00' },
      { class: 'unexpected_credit', count: 1, total: '500.00' },
    ],
  },
  rows_total: 4,
  matches_total: 2,
  ignored_decisions: 0,
};

/** Every discrepancy of {@link view}, in core's order. */
export const rows: DiscrepancyView[] = [
  missingPayout,
  unexpectedPayout,
  payoutFailed,
  unexpectedCredit,
];
/** Every match of {@link view}. */
export const matches: MatchRow[] = [automaticMatch, payoutMatch];

const found = (ids: (string | null)[], needle: string) =>
  needle === '' || ids.some((id) => id?.toLowerCase().includes(needle));

/** `reconcile_discrepancies` over `list` as core answers it: class, id search, page. */
export function discrepancyPage(query: ReconcilePageQuery, list = rows): DiscrepancyPage {
  const needle = query.search.trim().toLowerCase();
  const kept = list.filter(
    (r) =>
      (query.classes.length === 0 || query.classes.includes(r.class)) &&
      found([r.task_id, r.statement_id, r.txn_id], needle),
  );
  return {
    as_of: query.as_of ?? view.as_of,
    total: kept.length,
    offset: query.offset,
    rows: kept.slice(query.offset, query.offset + query.limit),
  };
}

/** `reconcile_matches` over `list` as core answers it: id search, page. */
export function matchPage(query: ReconcilePageQuery, list = matches): MatchPage {
  const needle = query.search.trim().toLowerCase();
  const kept = list.filter((m) => found([m.task_id, ...m.statement_ids, ...m.txn_ids], needle));
  return {
    as_of: query.as_of ?? view.as_of,
    total: kept.length,
    offset: query.offset,
    rows: kept.slice(query.offset, query.offset + query.limit),
  };
}

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
      hidden_difference: false,
    },
    {
      field: 'card_number',
      passed: false,
      on_statement: '****4321',
      contracted: '****1234',
      hidden_difference: false,
    },
    {
      field: 'bank_branch',
      passed: true,
      on_statement: '招商银行杭州分行',
      contracted: '招商银行杭州分行',
      hidden_difference: false,
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

// The tax check, as core computes it (the figures of crates/stardesk-core/tests/
// settlement_tax.rs): per payment before 2025-10-01, cumulative from then.
export const taxAugust: TaxMonth = {
  month: '2025-08',
  lines: 1,
  income: '3000.00',
  fees: '150.00',
  taxable_income: '2850.00',
  withheld: '500.00',
  expected: '410.00',
  difference: '90.00',
  explanation: {
    verdict: 'over_withheld',
    working: {
      method: 'per_payment',
      income: '2850.00',
      expense_basis: 'fixed',
      expenses: '800.00',
      taxable: '2050.00',
      rate: '20',
      quick_deduction: '0.00',
      tax: '410.00',
    },
    lines_without_tax: 0,
    lines_without_gross: 0,
  },
};

export const taxSeptember: TaxMonth = {
  month: '2025-09',
  lines: 1,
  income: '10000.00',
  fees: '500.00',
  taxable_income: '9500.00',
  withheld: '1520.00',
  expected: '1520.00',
  difference: '0.00',
  explanation: {
    verdict: 'exact',
    working: {
      method: 'per_payment',
      income: '9500.00',
      expense_basis: 'ratio',
      expenses: '1900.00',
      taxable: '7600.00',
      rate: '20',
      quick_deduction: '0.00',
      tax: '1520.00',
    },
    lines_without_tax: 0,
    lines_without_gross: 0,
  },
};

export const taxOctober: TaxMonth = {
  month: '2025-10',
  lines: 1,
  income: '10000.00',
  fees: '500.00',
  taxable_income: '9500.00',
  withheld: '1520.00',
  expected: '78.00',
  difference: '1442.00',
  explanation: {
    verdict: 'over_withheld',
    working: {
      method: 'cumulative',
      cumulative_income: '9500.00',
      cumulative_expenses: '1900.00',
      deduction_months: 1,
      cumulative_basic_deduction: '5000.00',
      cumulative_taxable: '2600.00',
      rate: '3',
      quick_deduction: '0.00',
      tax_due_to_date: '78.00',
      already_withheld: '0.00',
      withholding: '78.00',
    },
    lines_without_tax: 0,
    lines_without_gross: 0,
  },
};

/** Two lines, one of them without its tax: under-withheld. */
export const taxNovember: TaxMonth = {
  month: '2025-11',
  lines: 2,
  income: '20000.00',
  fees: '1000.00',
  taxable_income: '19000.00',
  withheld: '300.00',
  expected: '306.00',
  difference: '-6.00',
  explanation: {
    verdict: 'under_withheld',
    working: {
      method: 'cumulative',
      cumulative_income: '28500.00',
      cumulative_expenses: '5700.00',
      deduction_months: 2,
      cumulative_basic_deduction: '10000.00',
      cumulative_taxable: '12800.00',
      rate: '3',
      quick_deduction: '0.00',
      tax_due_to_date: '384.00',
      already_withheld: '78.00',
      withholding: '306.00',
    },
    lines_without_tax: 1,
    lines_without_gross: 0,
  },
};

/** The new year restarts the cumulative total; the statement states neither gross nor tax. */
export const taxJanuary: TaxMonth = {
  month: '2026-01',
  lines: 1,
  income: '5000.00',
  fees: '250.00',
  taxable_income: '4750.00',
  withheld: '0.00',
  expected: '0.00',
  difference: '0.00',
  explanation: {
    verdict: 'not_stated',
    working: {
      method: 'cumulative',
      cumulative_income: '4750.00',
      cumulative_expenses: '950.00',
      deduction_months: 1,
      cumulative_basic_deduction: '5000.00',
      cumulative_taxable: '0.00',
      rate: '3',
      quick_deduction: '0.00',
      tax_due_to_date: '0.00',
      already_withheld: '0.00',
      withholding: '0.00',
    },
    lines_without_tax: 1,
    lines_without_gross: 1,
  },
};

/** What `settlement_tax(year)` returns for these months. */
export function taxCheck(year: number | null): TaxCheckView {
  const all = [taxAugust, taxSeptember, taxOctober, taxNovember, taxJanuary];
  const months = all.filter((m) => year === null || m.month.startsWith(`${year}-`));
  const totals = {
    all: { income: '48000.00', withheld: '3840.00', expected: '2314.00', difference: '1526.00' },
    2025: { income: '43000.00', withheld: '3840.00', expected: '2314.00', difference: '1526.00' },
    2026: { income: '5000.00', withheld: '0.00', expected: '0.00', difference: '0.00' },
  };
  return {
    years: [2025, 2026],
    year,
    cumulative_from: '2025-10-01',
    months,
    totals: year === 2025 || year === 2026 ? totals[year] : totals.all,
  };
}

/** No statement imported. */
export const taxCheckEmpty: TaxCheckView = {
  years: [],
  year: null,
  cumulative_from: '2025-10-01',
  months: [],
  totals: { income: '0.00', withheld: '0.00', expected: '0.00', difference: '0.00' },
};

/** Task 9007199254740993005 paid ¥100.00 short: the platform withheld more tax. */
export const amountMismatch: DiscrepancyView = {
  index: 0,
  class: 'amount_mismatch',
  task_id: '9007199254740993005',
  statement_id: 'JS202509001',
  txn_id: '',
  date: '',
  amount: '-100.00',
  reason: {
    class: 'amount_mismatch',
    task_id: '9007199254740993005',
    statement_id: 'JS202509001',
    expected: '7980.00',
    statement: '7880.00',
    difference: '-100.00',
    parts: [{ part: 'tax', expected: '1520.00', statement: '1620.00', difference: '100.00' }],
    unexplained: '0.00',
  },
  refs: { expected: 'e:aa05', statement: ['s:bb05'], bank: [] },
};

/** `task_earnings` of the automatic match: a bare ¥2,000.00 computed from the statement. */
export const earningsMatched: TaskEarningsView = {
  task_id: '9007199254740993003',
  earnings: [
    {
      expected_key: 'e:aa03',
      due_date: '2026-02-10',
      components: 'computed',
      gross: '2105.26',
      fee: '105.26',
      tax: '0.00',
      net_expected: '2000.00',
      steps: {
        gross: '2105.26',
        gross_from: 'statement',
        order: 'ordinary',
        creator: 'independent',
        kinds_from: 'stated_fee',
        fees: [{ kind: 'platform_service', rate_percent: '5', amount: '105.26', rule: 'R-PREF-3' }],
        fee_total: '105.26',
        taxable_income: '2000.00',
        tax: '0.00',
        tax_share: {
          month: '2026-02',
          income: '2000.00',
          month_income: '2000.00',
          month_lines_without_gross: 1,
          working: {
            method: 'cumulative',
            cumulative_income: '2000.00',
            cumulative_expenses: '400.00',
            deduction_months: 1,
            cumulative_basic_deduction: '5000.00',
            cumulative_taxable: '0.00',
            rate: '3',
            quick_deduction: '0.00',
            tax_due_to_date: '0.00',
            already_withheld: '0.00',
            withholding: '0.00',
          },
          month_tax: '0.00',
        },
        net: '2000.00',
        pay_date: '2026-02-10',
        agrees: true,
      },
      missing: null,
      paid: {
        statement_key: 's:bb03',
        statement_id: 'JS202602003',
        date: '2026-02-12',
        class: 'matched',
        failed: false,
        gross: '2105.26',
        fee: '105.26',
        tax: '0.00',
        net: '2000.00',
        credits: [
          { bank_key: 'b:cc02', txn_id: 'TX880002', date: '2026-02-13', amount: '2300.00' },
        ],
        credit_lines: 2,
      },
      net_paid: '2000.00',
      difference: '0.00',
    },
  ],
  other_lines: [],
  cumulative_from: '2025-10-01',
};

/** `task_earnings` of {@link amountMismatch}: stated by StarDesk, per payment (2025-09). */
export const earningsMismatch: TaskEarningsView = {
  task_id: '9007199254740993005',
  earnings: [
    {
      expected_key: 'e:aa05',
      due_date: '2025-09-15',
      components: 'stated',
      gross: '10000.00',
      fee: '500.00',
      tax: '1520.00',
      net_expected: '7980.00',
      steps: {
        gross: '10000.00',
        gross_from: 'expected',
        order: 'ordinary',
        creator: 'independent',
        kinds_from: 'stated_fee',
        fees: [{ kind: 'platform_service', rate_percent: '5', amount: '500.00', rule: 'R-PREF-3' }],
        fee_total: '500.00',
        taxable_income: '9500.00',
        tax: '1520.00',
        tax_share: {
          month: '2025-09',
          income: '9500.00',
          month_income: '9500.00',
          month_lines_without_gross: 0,
          working: {
            method: 'per_payment',
            income: '9500.00',
            expense_basis: 'ratio',
            expenses: '1900.00',
            taxable: '7600.00',
            rate: '20',
            quick_deduction: '0.00',
            tax: '1520.00',
          },
          month_tax: '1520.00',
        },
        net: '7980.00',
        pay_date: '2025-09-15',
        agrees: true,
      },
      missing: null,
      paid: {
        statement_key: 's:bb05',
        statement_id: 'JS202509001',
        date: '2025-09-20',
        class: 'amount_mismatch',
        failed: false,
        gross: '10000.00',
        fee: '500.00',
        tax: '1620.00',
        net: '7880.00',
        credits: [],
        credit_lines: 0,
      },
      net_paid: '7880.00',
      difference: '-100.00',
    },
  ],
  other_lines: [
    {
      statement_key: 's:bb06',
      statement_id: 'JS202509002',
      date: '2025-09-21',
      class: 'duplicate_payout',
      failed: false,
      gross: null,
      fee: null,
      tax: null,
      net: '7880.00',
      credits: [],
      credit_lines: 0,
    },
  ],
  cumulative_from: '2025-10-01',
};

/** `task_earnings` of a bare line no statement states the gross of. */
export const earningsUnknown: TaskEarningsView = {
  task_id: '9007199254740993003',
  earnings: [
    {
      expected_key: 'e:aa03',
      due_date: null,
      components: 'unknown',
      gross: null,
      fee: null,
      tax: null,
      net_expected: '2000.00',
      steps: null,
      missing: 'no_gross',
      paid: null,
      net_paid: null,
      difference: null,
    },
  ],
  other_lines: [],
  cumulative_from: '2025-10-01',
};
