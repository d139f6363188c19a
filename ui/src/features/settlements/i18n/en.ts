import type { SettlementsMessages } from './zh-CN';

export const en: SettlementsMessages = {
  nav: 'Settlements',
  title: 'Settlements',
  intro:
    'Import statements, bank statements, expected payments and invoice mailings to check that every task was paid in full.',
  loadFailed: 'Could not load the reconciliation: {{text}}',
  /** Between the items of a list in a sentence, and between the files' import summaries. */
  listSeparator: ', ',
  summarySeparator: '; ',
  kind: {
    statement: 'Statement',
    bank: 'Bank statement',
    expected: 'Expected payments',
    invoices: 'Invoice mailings',
  },
  importButton: {
    statement: 'Import statements',
    bank: 'Import bank statements',
    expected: 'Import expected payments',
    invoices: 'Import invoice mailings',
  },
  profileNone: 'Detect columns',
  profile: 'Columns',
  importing: 'Importing {{file}} (file {{index}} of {{count}}) · {{phase}}',
  importStarting: 'Preparing the import…',
  phase: {
    reading: 'reading',
    parsing: 'parsing',
    storing: 'storing',
    done: 'done',
  },
  importFileSummary_one:
    '{{file}}: {{count}} row read, {{added}} new, {{already}} already imported',
  importFileSummary_other:
    '{{file}}: {{count}} rows read, {{added}} new, {{already}} already imported',
  importFileSummaryUpdated_one:
    '{{file}}: {{count}} row read, {{added}} new, {{already}} already imported ({{updated}} with a newer payout status)',
  importFileSummaryUpdated_other:
    '{{file}}: {{count}} rows read, {{added}} new, {{already}} already imported ({{updated}} with a newer payout status)',
  importFailedTitle: 'Import failed; nothing was stored',
  mapColumns: 'Map columns…',
  dismiss: 'Dismiss',
  dropTitle: 'Drop to import',
  dropHint: 'Drop onto the kind of file',
  mapping: {
    title: 'Map columns: {{file}}',
    encoding: 'Encoding',
    sheet: 'Sheet',
    headerRow: 'Header row',
    headerRowValue: 'row {{row}}',
    headerRowNone: 'no header',
    preview: 'Preview (first {{count}} rows)',
    fields: 'Column for each field',
    required: 'required',
    missing: 'Required columns not found: {{fields}}',
    allFound: 'Every required column was found; adjust if needed.',
    columnPlaceholder: 'Not imported',
    columnIndex: 'column {{n}}',
    profileName: 'Profile name',
    profileNamePlaceholder: 'e.g. CMB bank export',
    saveAndImport: 'Save profile and import',
    nameRequired: 'Enter a profile name',
    requiredUnmapped: 'Choose a column for the required fields: {{fields}}',
    loadFailed: 'Could not preview the file: {{text}}',
    saveFailed: 'Could not save: {{text}}',
  },
  field: {
    statement_id: 'Statement no.',
    task_id: 'Task ID',
    amount: 'Amount',
    date: 'Date',
    status: 'Status',
    gross: 'Gross',
    fee: 'Service fee',
    tax: 'Tax withheld',
    txn_id: 'Transaction ID',
    debit: 'Debit',
    counterparty: 'Counterparty',
    memo: 'Memo',
    due_date: 'Due date',
    sent_date: 'Sent date',
    tracking_no: 'Tracking no.',
    direction: 'Direction (in/out)',
  },
  files: {
    title_one: 'Imported files ({{count}})',
    title_other: 'Imported files ({{count}})',
    kind: 'Kind',
    name: 'File',
    encoding: 'Encoding',
    lines: 'Rows',
    added: 'New',
    importedAt: 'Imported',
    deleteAll: 'Delete all reconciliation data',
    deleteConfirmTitle: 'Delete all reconciliation data?',
    deleteConfirmBody:
      'This deletes every imported statement, bank statement (personal account and transaction data), expected payment and invoice record, your decisions and the contract account. Mapping profiles stay. This cannot be undone.',
    deleteOk: 'Delete',
    deleted: 'All reconciliation data deleted',
    actions: 'Actions',
    deleteFile: 'Delete',
    deleteFileTitle: "Delete this file's import?",
    deleteFileBody_one:
      'This deletes the row “{{name}}” added and its import record; rows it shares with a file imported earlier stay. If the same file was imported again later, the rows go to that import and stay; if a later file has only some of the same rows, import that file again.',
    deleteFileBody_other:
      'This deletes the {{count}} rows “{{name}}” added and its import record; rows it shares with a file imported earlier stay. If the same file was imported again later, the rows go to that import and stay; if a later file has only some of the same rows, import that file again.',
    deleteFileStatuses:
      'The payout statuses and amount parts it changed go back to what they were before it (unless a file imported later changed them too; if a later file says the same as this one, import it again).',
    fileGone:
      'The import of “{{name}}” is gone already (deleted from the command line?); the list is read again',
    fileDeleted_one: 'Deleted 1 row of “{{name}}”',
    fileDeleted_other: 'Deleted {{count}} rows of “{{name}}”',
    fileKept_one:
      'Deleted the import of “{{name}}”; its row is the same as in “{{heir}}” imported {{at}}, which keeps it',
    fileKept_other:
      'Deleted the import of “{{name}}”; its {{count}} rows are the same as in “{{heir}}” imported {{at}}, which keeps them',
    fileRestored_one: '; the payout status or amounts it had changed are back on 1 row',
    fileRestored_other:
      '; the payout statuses or amounts it had changed are back on {{count}} rows',
  },
  asOf: 'As of',
  asOfHint: 'Overdue payouts are judged on this day',
  exportXlsx: 'Export Excel',
  exportCsv: 'Export CSV',
  exported: 'Report saved to {{path}}',
  reportFileName: 'Reconciliation report {{asOf}}',
  class: {
    matched: 'Matched',
    amount_mismatch: 'Amount mismatch',
    missing_payout: 'Not settled',
    duplicate_payout: 'Paid twice',
    payout_failed: 'Payout failed',
    payout_overdue: 'Payout overdue',
    unexpected_credit: 'Unknown credit',
    unexpected_payout: 'Unexpected payout',
  },
  // Sentences that follow another start with their space: zh-CN needs none.
  reason: {
    amount_mismatch: {
      head: 'Task {{task}} (statement {{statementId}}): paid {{statement}}, expected {{expected}}, difference {{difference}}.',
      noParts: ' The gross, fees and tax do not explain it (not stated on both sides, or equal).',
      parts: ' Explained by {{parts}}.',
      part: '{{part}}: expected {{expected}}, on the statement {{statement}} ({{difference}})',
      partSeparator: '; ',
      unexplained: ' {{unexplained}} of it is not explained by the gross, fees and tax.',
    },
    part: {
      gross: 'the gross (fee or reward)',
      fee: 'the fees',
      tax: 'the tax',
    },
    missing_payout: {
      due: 'Task {{task}}: {{amount}} expected (due {{due}}), but no statement line pays it.',
      noDue: 'Task {{task}}: {{amount}} expected, but no statement line pays it.',
    },
    duplicate_payout:
      'Task {{task}}: statement {{statementId}} pays it twice: an extra line of {{amount}} on {{date}} (another line already pays the task).',
    payout_failed:
      "Task {{task}}: the payout of {{amount}} in statement {{statementId}} failed (提现失败). Check the receiving account on the statement's last page ({{rule}}).",
    unexpected_payout:
      'Task {{task}}: statement {{statementId}} pays {{amount}} on {{date}} for a task with no expected earning.',
    payout_overdue: {
      text: 'Statement {{statementId}}: invoice sent on {{sent}}{{tracking}}, and no bank credit by {{deadline}}, the {{days}}th working day after; {{amount}} unpaid. Most likely the receiving account is wrong ({{rule}}).',
      tracking: ' (tracking {{numbers}})',
      trackingSeparator: ', ',
      uncoveredYear:
        ' The holidays of {{year}} are not known: Monday to Friday were counted as working days.',
    },
    unexpected_credit:
      'Bank credit {{txn}} of {{amount}} on {{date}} from {{counterparty}} pays no statement line.',
  },
  cardCount_one: '{{n}} item',
  cardCount_other: '{{n}} items',
  tabs: {
    discrepancies: 'To check',
    matches: 'Matched',
    decisions: 'My decisions',
  },
  list: {
    classFilter: 'All classes',
    search: 'Search task, statement or transaction IDs',
    class: 'Class',
    ids: 'IDs',
    taskId: 'Task ID',
    statementId: 'Statement no.',
    txnId: 'Transaction ID',
    date: 'Date',
    amount: 'Amount',
    reason: 'Details',
    actions: 'Actions',
    manualMatch: 'Match by hand',
    manualMatched: 'Matched by hand',
    fixPayout: 'Fix payout',
    selected_one: '{{count}} selected',
    selected_other: '{{count}} selected',
    clearSelection: 'Clear selection',
    empty: 'Nothing to check',
    noResults: 'No items match the filters',
    hint: {
      empty:
        'Select the rows to pair: one expected payment + one statement line (a task match), or statement lines + bank credits (a payout match).',
      mixed:
        'Expected payments and bank lines cannot be paired: pick expected + statement for a task match, statement + bank for a payout match.',
      task: 'A task match needs exactly one expected payment and one statement line.',
      payout: 'A payout match needs at least one statement line and at least one bank credit.',
      ok: 'Pairs the selected rows; every later reconciliation keeps this match.',
    },
  },
  match: {
    origin: {
      automatic: 'Automatic',
      accepted: 'Accepted',
      manual: 'Manual',
    },
    kind: {
      task: 'Task',
      payout: 'Payout',
    },
    accept: 'Accept',
    reject: 'Reject',
    accepted: 'Match accepted',
    rejected: 'Match rejected; it will not be paired automatically again',
    empty: 'No matches yet',
  },
  decision: {
    action: {
      accept: 'Accepted match',
      reject: 'Rejected match',
      manual_match: 'Manual match',
    },
    createdAt: 'When',
    lines: 'Lines',
    lineCounts: 'expected {{expected}} · statement {{statement}} · bank {{bank}}',
    undo: 'Undo',
    undone: 'Decision undone',
    empty: 'No decisions yet',
    ignored_one:
      '{{count}} decision no longer applies: a line it names was deleted or already decided.',
    ignored_other:
      '{{count}} decisions no longer apply: a line they name was deleted or already decided.',
  },
  chart: {
    title: 'Monthly income',
    gross: 'Gross',
    fees: 'Fees',
    tax: 'Tax',
    net: 'Net',
    partial:
      'Statements for {{months}} omit some gross/fee/tax columns, so those months’ breakdown is partial (net is complete).',
    empty: 'Import statements to see your monthly income.',
  },
  tax: {
    title: 'Tax check',
    intro:
      'For independent creators paid as individuals: each month, the tax withheld on the statement against the tax StarDesk computes. Before {{from}} per payment, from {{from}} by the cumulative method; the labour income is the gross less the service fees.',
    year: 'Year',
    allYears: 'All years',
    empty:
      'No statements imported yet. Import statements with gross and tax-withheld columns to check the tax month by month.',
    month: 'Month',
    income: 'Gross income',
    withheld: 'Withheld',
    expected: 'Expected (StarDesk)',
    difference: 'Difference',
    explanation: 'Explanation',
    totals:
      'Total: gross income {{income}}, withheld {{withheld}}, expected {{expected}}, difference {{difference}}',
    verdict: {
      exact: 'Exact',
      over_withheld: 'Over-withheld',
      under_withheld: 'Under-withheld',
      not_stated: 'Tax not stated',
    },
    outcome: {
      exact: 'The platform withheld exactly what was computed.',
      over_withheld: 'The platform withheld {{amount}} too much.',
      under_withheld: 'The platform withheld {{amount}} too little.',
      not_stated:
        'The statement states no tax for this month, so it cannot be checked ({{expected}} expected).',
    },
    // Sentences that follow another start with their space: zh-CN needs none.
    settle:
      ' Individual income tax is settled in the annual reconciliation: overpaid tax is refunded, underpaid tax is due.',
    perPayment:
      'Per payment (before {{from}}, SAT Announcement 2018 No. 61): income {{income}} (gross less fees), {{basis}} {{expenses}}, taxable {{taxable}} × {{rate}}% − quick deduction {{quickDeduction}} = {{tax}}.',
    basis: {
      fixed: 'fixed expense deduction',
      ratio: 'proportional expense deduction',
    },
    cumulative:
      'Cumulative method (from {{from}}, SAT Announcement 2025 No. 16): income this year {{income}} − expenses {{expenses}} − basic deduction {{deduction}} (paid months in a row: {{months}}) = {{taxable}}, × {{rate}}% − quick deduction {{quickDeduction}} = {{due}} due to date, less {{already}} due in earlier months: {{withholding}} this month.',
    withoutTax_one: ' {{count}} line states no tax and counts as 0.',
    withoutTax_other: ' {{count}} lines state no tax and count as 0.',
    withoutGross_one: ' {{count}} line states no gross: read as net + fee + tax.',
    withoutGross_other: ' {{count}} lines state no gross: read as net + fee + tax.',
  },
  empty: {
    title: 'No reconciliation data yet',
    body: 'Import your files in this order (CSV or Excel; you can also drop them onto the window):',
    expected: 'Expected payments: what each task should pay',
    statement: 'Statements: the settlement details exported from the platform',
    bank: 'Bank statements: the receiving account’s transactions',
    invoices: 'Invoice mailings: tracking numbers of the invoices you sent',
    privacy: 'Everything stays on this computer, encrypted; nothing is uploaded.',
  },
  earnings: {
    open: 'Earnings',
    openTask: 'Show the earnings of task {{taskId}}',
    title: 'Task earnings · {{taskId}}',
    loadFailed: 'Could not load the task earnings: {{text}}',
    line: 'Expected payment',
    due: 'due {{date}}',
    noDue: 'no due date',
    notPaidTag: 'Not paid yet',
    item: 'Item',
    expected: 'Expected',
    paid: 'Statement (paid)',
    gross: 'Gross',
    feeLine: '{{fee}} {{rate}}% ({{rule}})',
    fee: {
      platform_service: 'Platform service fee',
      preferred_technical: 'Preferred technical service fee',
    },
    feeTotal: 'Fees in total',
    taxable: 'Labour income (gross − fees)',
    tax: 'Tax withheld',
    net: 'Net',
    netStated: 'Net (as the expected payment states)',
    ruleNet: 'Net by the rules (gross − fees − tax)',
    notStated: 'not stated',
    unknown: 'unknown',
    difference: 'Difference (paid − expected)',
    noDifference: 'Nothing paid yet, so there is no difference to show.',
    source: {
      stated: 'The expected payment states its gross, fees and tax.',
      computed:
        'The expected payment states its net only: StarDesk computes the fees and tax from the gross on the {{from}}.',
      unknown: 'The gross, fees and tax are unknown (not counted as 0).',
    },
    grossFrom: {
      expected: 'expected payment',
      statement: 'statement',
    },
    missing: {
      no_gross:
        'The expected payment was imported as a net amount and the statement paying it states no gross, so the gross, fees and tax cannot be told apart.',
      no_pay_date:
        'This line has no due date and no statement line pays it: its tax month is unknown, so its tax cannot be computed.',
    },
    kinds: {
      stated_fee: 'From the fee stated: {{order}}, {{creator}} (R-PREF-3).',
      no_fee_stated: 'No fee is stated: computed as {{order}}, {{creator}} (R-PREF-3).',
      fee_fits_none:
        'The fee stated fits none of the R-PREF-3 rates: computed as {{order}}, {{creator}}.',
    },
    order: {
      ordinary: 'an ordinary order',
      preferred: 'a preferred order',
    },
    creator: {
      independent: 'independent creator',
      agency: 'agency creator',
    },
    taxTitle: 'How the tax is computed',
    noTax:
      'An agency creator settles through its agency: the platform withholds no tax (R-PREF-3).',
    taxShare:
      ' The platform withholds by month: labour income in {{month}} was {{monthIncome}} in total and the month withholds {{monthTax}}; this task earned {{income}} and bears {{tax}} of it, in proportion to its income.',
    taxWithoutGross_one:
      ' {{count}} more expected payment that month has no known gross and is left out.',
    taxWithoutGross_other:
      ' {{count}} more expected payments that month have no known gross and are left out.',
    disagree:
      'By the rules StarDesk computes a net of {{net}} (fees {{fee}}, tax {{tax}}), not the {{expected}} of the expected payment.',
    paidBy: 'Statement {{statementId}} · {{date}}',
    failed: 'Withdrawal failed: not paid',
    credit: 'Bank credit {{txnId}} · {{date}} · {{amount}}',
    creditShared: 'This credit pays {{lines}} statement lines together.',
    noCredit: 'No bank credit matched yet.',
    notPaid: 'No statement line pays this expected payment yet.',
    otherLines: 'Other statement lines of this task',
  },
  decideFailed: 'Could not save: {{text}}',
  fix: {
    title: 'Fix payout: statement {{id}}',
    contractTitle: 'Contract account',
    contractHint:
      'The account on the statement’s last page must match the contract exactly: company name, card number, bank branch (R-SETTLE-2).',
    company: 'Company name',
    card: 'Card number',
    branch: 'Bank branch',
    edit: 'Edit',
    contractSaved: 'Contract account saved',
    contractDelete: 'Delete',
    contractDeleteTitle: 'Delete the contract account?',
    contractDeleteBody:
      'The company name, card number and bank branch are deleted from this computer. This cannot be undone.',
    contractDeleted: 'Contract account deleted',
    contractRequired: 'Enter the company name, card number and bank branch',
    cardStored:
      'The card number is stored encrypted on this computer; only its last 4 digits are shown.',
    statementTitle: 'Account on the statement’s last page',
    accountName: 'Account name',
    cardNumber: 'Card number',
    bankBranch: 'Bank branch',
    cancellable: 'Can the statement still be cancelled on the platform?',
    cancellableYes: 'Yes, it can',
    cancellableNo: 'No (in approval or withdrawn)',
    regenerated: 'Regenerated statement amount (optional)',
    regeneratedHint: 'Once known, it tells whether a supplementary invoice is needed.',
    nickname: 'Creator nickname (optional)',
    nicknameHint: 'For the e-mail subject; empty uses the synced nickname.',
    check: 'Make the fix plan',
    formRequired:
      'Enter the account name, card number and bank branch, and say whether it can be cancelled',
    amountInvalid: 'Enter an amount in yuan, at most two decimals',
    failed: 'Could not make the plan: {{text}}',
    resultTitle: 'Fix plan',
    checks: 'Account check',
    checksMissing: 'Save the contract account to check the account on the statement.',
    checkField: {
      account_name: 'Account name (must be the contracted company)',
      card_number: 'Card number',
      bank_branch: 'Bank branch',
    },
    checkSentence:
      '{{field}}: statement "{{onStatement}}", contract "{{contracted}}": {{verdict}}.',
    checkVerdict: {
      passed: 'matches',
      failed: 'differs',
    },
    checkHidden: ' They differ before the last 4 digits.',
    rule: 'Rule',
    path: {
      cancellable: 'Cancel and regenerate the statement',
      notCancellable: 'Print the statement and correct its last page',
    },
    invoiced: 'Invoiced amount',
    supplementary: 'Supplementary invoice',
    excess: 'Invoiced in excess',
    tracking: 'Invoice tracking numbers',
    trackingNone: 'No invoice mailing imported for this statement',
    steps: 'Steps',
    step: {
      cancel_statement: 'Cancel the statement on the platform',
      correct_bank_account: 'Correct the receiving bank account on the platform',
      regenerate_next_month: 'Wait for the statement to be regenerated next month',
      compare_regenerated_amount:
        'Once regenerated, compare its amount with the invoiced amount: equal → send the e-mail; higher → invoice the difference; lower → ask the platform first',
      issue_supplementary_invoice: 'Issue a supplementary invoice for the difference, {{amount}}',
      mail_supplementary_invoice:
        'Mail the supplementary invoice and put its tracking number in the e-mail',
      resolve_excess_invoice:
        'The new amount is {{amount}} below what was invoiced: mail nothing more; ask the platform’s settlement contact in the e-mail whether to issue a red-letter invoice or void and reissue, and follow the answer',
      send_email: 'Send the e-mail below',
      print_statement: 'Print the statement',
      correct_account_on_last_page: 'Correct the account on its last page',
      stamp_correction: 'Stamp the correction with the company seal',
      scan_to_one_pdf: 'Scan all pages into one PDF',
      change_account_on_platform: 'After the e-mail, change the account on the platform',
    },
    email: 'E-mail',
    emailNote: 'The platform expects e-mails in Chinese, so this one stays in Chinese.',
    subject: 'Subject',
    body: 'Body',
  },
};
