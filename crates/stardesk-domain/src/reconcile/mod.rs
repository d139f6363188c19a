//! Settlement reconciliation: what StarDesk expected ↔ the platform's statement (结算单) ↔
//! the creator's bank, with every difference explained as data.
//!
//! Two axes, each answering one question:
//!
//! - **Task axis — was each task paid the right amount?** Expected lines meet statement
//!   lines by task id. Every statement line gets exactly one outcome: a clean
//!   [`Match::Task`], or [`Discrepancy::AmountMismatch`], [`Discrepancy::DuplicatePayout`],
//!   [`Discrepancy::PayoutFailed`] or [`Discrepancy::UnexpectedPayout`] (a line for a task
//!   with no expected earning). An expected line left unpaid is a
//!   [`Discrepancy::MissingPayout`] once due.
//! - **Money axis — did the money arrive?** Statement lines meet platform credits in the
//!   bank ([`Match::Payout`]); a statement whose invoice was sent and which no credit paid
//!   is a [`Discrepancy::PayoutOverdue`] after 15 working days (R-SETTLE-1); a platform
//!   credit that pays no statement line is a [`Discrepancy::UnexpectedCredit`].
//!
//! The axes are independent: a line can be both mismatched and overdue, and both are
//! reported, since each calls for a different action.
//!
//! The user's [`Decision`]s are keyed by [`LineKey`], so they survive a re-import of the
//! same files; they are applied before any automatic matching.
//!
//! Results borrow task and statement ids from the input lines instead of cloning them:
//! reconciling a million lines allocates no string per line.

mod bank;
mod decisions;
mod fix;
mod hash;
mod join;
mod parallel;
mod reason;
pub mod records;
pub mod summary;
mod tasks;

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::{CalendarWarning, WorkCalendar};
use decisions::resolve_decisions;
use parallel::{in_parallel, PARALLEL_FROM};
use tasks::{match_tasks, tell_lines, ExpectedState};

pub use fix::{
    check_receiving_account, draft_email, mask_card_number, plan_fix, AccountCheck, AccountField,
    AccountOnStatement, ContractAccount, EmailDraft, FixPath, FixPlan, FixStep,
};
pub use reason::{account_check_en, account_check_zh, reason_en, reason_zh};
pub use records::{
    BankLine, ExpectedLine, ExpectedRecord, InvoiceLine, LineKey, ParseLineKeyError, PayoutStatus,
    StatementLine, StatementRecord,
};

/// A stable 64-bit fingerprint of a line's fields (FNV-1a, each field followed by the
/// 0x1F unit separator so `["ab", "c"]` and `["a", "bc"]` differ).
///
/// Stable across platforms, Rust versions and runs, unlike `std`'s `DefaultHasher`,
/// because it is stored with the user's decisions.
pub fn fingerprint(fields: &[&str]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for field in fields {
        for &byte in field.as_bytes().iter().chain(std::iter::once(&0x1f)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    hash
}

/// Keys for lines in file order: each fingerprint with its occurrence among the earlier
/// lines of the same fingerprint (0 for the first), so identical lines stay distinct.
pub fn keys_for(fingerprints: &[u64]) -> Vec<LineKey> {
    let mut seen: HashMap<u64, u32> = HashMap::with_capacity(fingerprints.len());
    fingerprints
        .iter()
        .map(|&fingerprint| {
            let count = seen.entry(fingerprint).or_insert(0);
            let occurrence = *count;
            *count = count.saturating_add(1);
            LineKey {
                fingerprint,
                occurrence,
            }
        })
        .collect()
}

/// Two sides the user can pair, accept or reject.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Pair {
    /// An expected line and the statement line paying it.
    Task {
        expected: LineKey,
        statement: LineKey,
    },
    /// Statement lines and the bank credit(s) that paid them.
    Payout {
        statement: Vec<LineKey>,
        bank: Vec<LineKey>,
    },
}

/// A user's decision, kept by the store and replayed on every reconciliation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Decision {
    /// Confirms a proposed match: it is then fixed, whatever the automatic rules would
    /// now propose.
    Accept(Pair),
    /// The pair is wrong: never propose it again. For [`Pair::Payout`] with one statement
    /// line, that line is never proposed with that credit, alone or in a group; with
    /// several lines, that exact set is never proposed with that credit (a different set
    /// may still be).
    Reject(Pair),
    /// Statement lines paid by bank lines, as the user says (any bank line, platform
    /// credit or not).
    ManualMatch {
        statement: Vec<LineKey>,
        bank: Vec<LineKey>,
    },
    /// An expected line paid by a statement line, whatever their task ids. Amounts are
    /// still compared, and a difference is still reported.
    ManualMatchTask {
        expected: LineKey,
        statement: LineKey,
    },
}

/// What a decision does to its pair: a [`Decision`] is one action on one [`Pair`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    Accept,
    Reject,
    ManualMatch,
}

impl Decision {
    /// The decision that takes `action` on `pair`.
    pub fn new(action: Action, pair: Pair) -> Self {
        match (action, pair) {
            (Action::Accept, pair) => Decision::Accept(pair),
            (Action::Reject, pair) => Decision::Reject(pair),
            (
                Action::ManualMatch,
                Pair::Task {
                    expected,
                    statement,
                },
            ) => Decision::ManualMatchTask {
                expected,
                statement,
            },
            (Action::ManualMatch, Pair::Payout { statement, bank }) => {
                Decision::ManualMatch { statement, bank }
            }
        }
    }

    /// The action this decision takes.
    pub fn action(&self) -> Action {
        match self {
            Decision::Accept(_) => Action::Accept,
            Decision::Reject(_) => Action::Reject,
            Decision::ManualMatch { .. } | Decision::ManualMatchTask { .. } => Action::ManualMatch,
        }
    }

    /// The lines it is about.
    pub fn pair(&self) -> Pair {
        match self {
            Decision::Accept(pair) | Decision::Reject(pair) => pair.clone(),
            Decision::ManualMatchTask {
                expected,
                statement,
            } => Pair::Task {
                expected: *expected,
                statement: *statement,
            },
            Decision::ManualMatch { statement, bank } => Pair::Payout {
                statement: statement.clone(),
                bank: bank.clone(),
            },
        }
    }
}

/// Why a decision had no effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IgnoredReason {
    /// A line it names is not in the current import (the file changed).
    UnknownLine(LineKey),
    /// A line it names was already paired by an earlier decision.
    AlreadyDecided(LineKey),
    /// It names no line on one side.
    Empty,
}

/// A decision that had no effect; `index` is its position in the decisions given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IgnoredDecision {
    pub index: usize,
    pub reason: IgnoredReason,
}

/// Where a match came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    Automatic,
    /// [`Decision::Accept`].
    Accepted,
    /// [`Decision::ManualMatch`] or [`Decision::ManualMatchTask`].
    Manual,
}

/// An expected line paid exactly by a statement line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskMatch<'a> {
    pub task_id: &'a str,
    pub expected: LineKey,
    pub statement: LineKey,
    pub amount: Decimal,
    pub origin: Origin,
}

/// How statement lines were tied to a bank credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PayoutMethod {
    /// Step 1: the credit's memo or transaction id names the statement.
    Reference,
    /// Step 2: one line, amount within the tolerance, `day_gap` days apart.
    AmountAndDate { day_gap: u32 },
    /// Step 3a: all remaining lines of one statement sum exactly to the credit.
    WholeStatement,
    /// Step 3b: a set of lines sums exactly to the credit.
    Group,
    /// The user paired them ([`Origin::Accepted`] or [`Origin::Manual`]).
    Decided,
}

/// Statement lines paid by bank line(s).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutMatch<'a> {
    /// In statement-file order.
    pub statement: Vec<LineKey>,
    pub bank: Vec<LineKey>,
    /// The distinct statements involved, in order of first line.
    pub statement_ids: Vec<&'a str>,
    pub statement_total: Decimal,
    pub bank_total: Decimal,
    pub method: PayoutMethod,
    pub origin: Origin,
}

/// A clean match on either axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Match<'a> {
    Task(TaskMatch<'a>),
    Payout(Box<PayoutMatch<'a>>),
}

impl Match<'_> {
    /// The pair to pass to [`Decision::Accept`] or [`Decision::Reject`].
    pub fn pair(&self) -> Pair {
        match self {
            Self::Task(m) => Pair::Task {
                expected: m.expected,
                statement: m.statement,
            },
            Self::Payout(m) => Pair::Payout {
                statement: m.statement.clone(),
                bank: m.bank.clone(),
            },
        }
    }
}

/// A part of an amount that both sides may state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    /// The gross: the fee or cash reward before deductions.
    Gross,
    /// The platform's fees (R-PREF-3).
    Fee,
    /// The withholding.
    Tax,
}

/// One component that differs; `difference = statement − expected`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComponentDiff {
    pub component: Component,
    pub expected: Decimal,
    pub statement: Decimal,
    pub difference: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountMismatch<'a> {
    pub task_id: &'a str,
    pub statement_id: &'a str,
    /// The statement line's date.
    pub date: NaiveDate,
    pub expected: LineKey,
    pub statement: LineKey,
    pub expected_amount: Decimal,
    pub statement_amount: Decimal,
    /// `statement_amount − expected_amount`.
    pub difference: Decimal,
    /// The components stated on both sides that differ, in [`Component`] order.
    pub components: Vec<ComponentDiff>,
    /// The part of `difference` the differing components do not account for (the net
    /// moves with the gross and against the fee and the tax). Non-zero when a side lacks
    /// the columns or its net does not follow from them.
    pub unexplained: Decimal,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingPayout<'a> {
    pub task_id: &'a str,
    pub expected: LineKey,
    pub amount: Decimal,
    pub due_date: Option<NaiveDate>,
}

/// A line paying a task that another line already pays (failed lines never count).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicatePayout<'a> {
    pub task_id: &'a str,
    pub statement_id: &'a str,
    /// The line kept as the task's payment.
    pub kept: LineKey,
    /// This extra line.
    pub extra: LineKey,
    pub amount: Decimal,
    pub date: NaiveDate,
}

/// A statement line whose payout failed (提现失败; R-SETTLE-2..4 tell how to fix it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutFailed<'a> {
    pub task_id: &'a str,
    pub statement_id: &'a str,
    pub statement: LineKey,
    pub amount: Decimal,
    pub date: NaiveDate,
    /// The expected line of the task, when there is one.
    pub expected: Option<LineKey>,
}

/// A statement line for a task with no expected earning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexpectedPayout<'a> {
    pub task_id: &'a str,
    pub statement_id: &'a str,
    pub statement: LineKey,
    pub amount: Decimal,
    pub date: NaiveDate,
}

/// The rule behind [`PayoutOverdue`], cited in its reason text.
pub const PAYOUT_RULE: &str = "R-SETTLE-1";

/// R-SETTLE-2: a failed withdrawal means checking the statement's receiving account.
pub const ACCOUNT_RULE: &str = "R-SETTLE-2";

/// R-SETTLE-1: an invoice was sent for a statement and no bank credit paid any of its
/// lines by the 15th working day after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayoutOverdue<'a> {
    pub statement_id: &'a str,
    /// Every invoice sent for the statement, in file order.
    pub invoices: Vec<LineKey>,
    pub tracking_numbers: Vec<&'a str>,
    /// The latest sending date: payment is awaited after the last invoice.
    pub sent_date: NaiveDate,
    /// The 15th working day after `sent_date`, the last day payment was still expected.
    pub deadline: NaiveDate,
    pub working_days: u32,
    /// The statement's unpaid lines (failed lines excluded: they are reported as failed).
    pub lines: Vec<LineKey>,
    pub amount: Decimal,
    /// The deadline assumed Monday–Friday working days in a year the calendar does not
    /// cover.
    pub calendar_warning: Option<CalendarWarning>,
}

/// A platform credit in the bank that pays no statement line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnexpectedCredit<'a> {
    pub bank: LineKey,
    pub txn_id: &'a str,
    pub date: NaiveDate,
    pub amount: Decimal,
    pub counterparty: &'a str,
    pub memo: &'a str,
}

/// What kind of discrepancy, as a stable code for the UI and the CLI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiscrepancyCode {
    AmountMismatch,
    MissingPayout,
    DuplicatePayout,
    PayoutFailed,
    UnexpectedPayout,
    PayoutOverdue,
    UnexpectedCredit,
}

impl DiscrepancyCode {
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::AmountMismatch => "amount_mismatch",
            Self::MissingPayout => "missing_payout",
            Self::DuplicatePayout => "duplicate_payout",
            Self::PayoutFailed => "payout_failed",
            Self::UnexpectedPayout => "unexpected_payout",
            Self::PayoutOverdue => "payout_overdue",
            Self::UnexpectedCredit => "unexpected_credit",
        }
    }
}

/// Something that does not add up, with its figures as data; [`reason_zh`] and
/// [`reason_en`] put it in words, [`Discrepancy::params`] gives the named figures for a
/// translated template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Discrepancy<'a> {
    AmountMismatch(AmountMismatch<'a>),
    MissingPayout(MissingPayout<'a>),
    DuplicatePayout(DuplicatePayout<'a>),
    PayoutFailed(PayoutFailed<'a>),
    UnexpectedPayout(UnexpectedPayout<'a>),
    PayoutOverdue(Box<PayoutOverdue<'a>>),
    UnexpectedCredit(UnexpectedCredit<'a>),
}

impl<'a> Discrepancy<'a> {
    pub const fn code(&self) -> DiscrepancyCode {
        match self {
            Self::AmountMismatch(_) => DiscrepancyCode::AmountMismatch,
            Self::MissingPayout(_) => DiscrepancyCode::MissingPayout,
            Self::DuplicatePayout(_) => DiscrepancyCode::DuplicatePayout,
            Self::PayoutFailed(_) => DiscrepancyCode::PayoutFailed,
            Self::UnexpectedPayout(_) => DiscrepancyCode::UnexpectedPayout,
            Self::PayoutOverdue(_) => DiscrepancyCode::PayoutOverdue,
            Self::UnexpectedCredit(_) => DiscrepancyCode::UnexpectedCredit,
        }
    }

    /// The amount the summary adds up: the difference for a mismatch, the amount
    /// otherwise.
    pub fn amount(&self) -> Decimal {
        match self {
            Self::AmountMismatch(d) => d.difference,
            Self::MissingPayout(d) => d.amount,
            Self::DuplicatePayout(d) => d.amount,
            Self::PayoutFailed(d) => d.amount,
            Self::UnexpectedPayout(d) => d.amount,
            Self::PayoutOverdue(d) => d.amount,
            Self::UnexpectedCredit(d) => d.amount,
        }
    }

    /// The named figures of the reason, formatted (amounts as `1288.50`, dates as
    /// `2025-10-09`), for a translated message template keyed by [`Discrepancy::code`].
    pub fn params(&self) -> Vec<(&'static str, String)> {
        reason::params(self)
    }

    /// The ids it names — task, statement, bank transaction — each `""` when it names
    /// none (what a search over discrepancies looks at; nothing is allocated).
    pub fn ids(&self) -> [&'a str; 3] {
        match self {
            Self::AmountMismatch(m) => [m.task_id, m.statement_id, ""],
            Self::MissingPayout(m) => [m.task_id, "", ""],
            Self::DuplicatePayout(m) => [m.task_id, m.statement_id, ""],
            Self::PayoutFailed(m) => [m.task_id, m.statement_id, ""],
            Self::UnexpectedPayout(m) => [m.task_id, m.statement_id, ""],
            Self::PayoutOverdue(m) => ["", m.statement_id, ""],
            Self::UnexpectedCredit(m) => ["", "", m.txn_id],
        }
    }
}

/// A count and an amount.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tally {
    pub count: u64,
    pub total: Decimal,
}

impl Tally {
    fn add(&mut self, amount: Decimal) {
        self.count += 1;
        self.total += amount;
    }
}

/// Counts and totals per outcome.
///
/// On the task axis `matched + amount_mismatch + duplicate_payout + payout_failed +
/// unexpected_payout` counts every statement line exactly once. `matched` totals the
/// matched statement amounts, `amount_mismatch` the differences (statement − expected),
/// the others their amounts; `paid` counts and totals the statement lines a bank credit
/// paid (money axis).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub matched: Tally,
    pub amount_mismatch: Tally,
    pub missing_payout: Tally,
    pub duplicate_payout: Tally,
    pub payout_failed: Tally,
    pub unexpected_payout: Tally,
    pub payout_overdue: Tally,
    pub unexpected_credit: Tally,
    pub paid: Tally,
}

/// The result of [`reconcile`]. Ordering is deterministic: task matches in statement-file
/// order, then payout matches by their first bank line's file position; discrepancies by
/// [`DiscrepancyCode`], then by the file position of the line they are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reconciliation<'a> {
    pub matches: Vec<Match<'a>>,
    pub discrepancies: Vec<Discrepancy<'a>>,
    pub summary: Summary,
    /// Expected lines neither paid nor due yet (e.g. rewards in publicity, R-REVIEW-9).
    pub not_yet_due: Vec<LineKey>,
    /// Years whose holidays the overdue checks had to guess, ascending.
    pub calendar_warnings: Vec<CalendarWarning>,
    pub ignored_decisions: Vec<IgnoredDecision>,
}

/// Everything reconciled together.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    pub expected: &'a [ExpectedLine],
    pub statement: &'a [StatementLine],
    pub bank: &'a [BankLine],
    pub invoices: &'a [InvoiceLine],
    pub decisions: &'a [Decision],
}

/// [`Inputs`] whose expected and statement lines are any [`ExpectedRecord`] and
/// [`StatementRecord`]: a caller holding a million lines passes leaner records of its own
/// (`stardesk_import`'s lean lines) to [`reconcile_records`], with the same result.
#[derive(Debug)]
pub struct RecordInputs<'a, E, S> {
    pub expected: &'a [E],
    pub statement: &'a [S],
    pub bank: &'a [BankLine],
    pub invoices: &'a [InvoiceLine],
    pub decisions: &'a [Decision],
}

// By hand: derived impls would require `E: Clone` (and so on) for copying the slices.
impl<E, S> Clone for RecordInputs<'_, E, S> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<E, S> Copy for RecordInputs<'_, E, S> {}

impl<'a> From<Inputs<'a>> for RecordInputs<'a, ExpectedLine, StatementLine> {
    fn from(input: Inputs<'a>) -> Self {
        Self {
            expected: input.expected,
            statement: input.statement,
            bank: input.bank,
            invoices: input.invoices,
            decisions: input.decisions,
        }
    }
}

/// The words that mark a bank line as a platform payout, matched in the counterparty or
/// the memo: the marketplace's and its parent's names. Add the paying company's name as
/// it appears on the bank statement.
pub fn default_platform_payers() -> Vec<String> {
    ["星图", "巨量", "即合", "抖音"]
        .into_iter()
        .map(str::to_owned)
        .collect()
}

/// The matching parameters. `as_of` has no default: today is always the caller's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReconcileOptions {
    /// The day of the reconciliation: what is due and what is overdue is judged on it.
    pub as_of: NaiveDate,
    /// Step 2: largest |credit − line| still matched (default ¥0.00).
    pub amount_tolerance: Decimal,
    /// Step 2: a line is paid by a credit dated up to this many working days after the
    /// line's date, counted on `calendar` (default 5): a line dated on a Saturday by the
    /// next Friday; holidays do not count, make-up working days (调休) do. See
    /// [`reconcile`].
    pub bank_window_working_days: u32,
    /// Step 2: a credit may be dated up to this many calendar days before its line
    /// (default 1): the bank and the platform do not cut their days at the same hour.
    pub bank_early_days: u32,
    /// Step 3: every line of a group within this many days of the credit (default 7).
    pub group_window_days: u32,
    /// Step 3b: most lines in one group (default 8).
    pub max_group_lines: usize,
    /// Step 3b: the lines nearest in date considered for one credit (default 20, at most
    /// 64).
    pub max_group_candidates: usize,
    /// Step 3b: search nodes per credit before giving up (default 100,000).
    pub group_search_budget: u32,
    /// A bank line is a platform credit when positive and its counterparty or memo
    /// contains one of these (ASCII case ignored). See [`default_platform_payers`].
    pub platform_payers: Vec<String>,
    /// For R-SETTLE-1's 15 working days and step 2's window.
    pub calendar: WorkCalendar,
    /// Whether clean task matches are listed in [`Reconciliation::matches`] (default
    /// true). They are always counted and totalled in the summary; a caller that only
    /// reports the summary (a CLI over a million lines) can leave them out and save their
    /// memory. Discrepancies and payout matches are always listed.
    pub list_task_matches: bool,
}

impl ReconcileOptions {
    /// The defaults: exact amounts; a credit from 1 day before its line to the 5th working
    /// day after it (or R-SETTLE-1's deadline once an invoice is mailed); groups of up to 8
    /// lines within ±7 days; the [`default_platform_payers`] and [`WorkCalendar::china`].
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            amount_tolerance: Decimal::ZERO,
            bank_window_working_days: 5,
            bank_early_days: 1,
            group_window_days: 7,
            max_group_lines: 8,
            max_group_candidates: 20,
            group_search_budget: 100_000,
            platform_payers: default_platform_payers(),
            calendar: WorkCalendar::china(),
            list_task_matches: true,
        }
    }
}

/// Reconciles expected earnings, the platform's statement, the bank and the invoices.
///
/// Task axis: see the module docs; an expected line is a missing payout only when due
/// (`due_date ≤ as_of`, or no due date), otherwise it is listed in
/// [`Reconciliation::not_yet_due`].
///
/// Money axis, on non-failed statement lines and platform credits (positive, payer
/// pattern in counterparty or memo), after the decided pairs:
/// 1. **Reference**: a credit whose transaction id or memo contains a statement id (as a
///    whole token: not preceded or followed by an ASCII letter or digit, so `JS1` is not
///    found in `JS10`) pays all remaining lines of the statement(s) it names; when the
///    credit is not their total (within tolerance) but equals one of those lines, it pays
///    that line only (a statement paid line by line, every credit naming it).
/// 2. **Amount and date**: one line, one credit, |amount difference| ≤ tolerance and the
///    credit dated in the line's window, which is directional and counts working days on
///    `calendar` (a payout follows the statement; weekends and holidays delay it): from
///    `bank_early_days` calendar days before the line's date (default 1) to the
///    `bank_window_working_days`-th working day after it (default 5; the line's own day
///    never counts, and a credit on a weekend or holiday before that working day is in);
///    when an invoice was mailed for the line's statement, to R-SETTLE-1's deadline (the
///    15th working day after the latest invoice) if that is later: a credit that arrives
///    while the statement is not yet overdue pays it. Closest dates first (calendar days,
///    either side), globally: every pair 0 days apart is made before any pair 1 day apart,
///    and so on. Ties: lines in (date, key, file position) order; a line takes the credit
///    with the smaller amount difference, then the smaller amount, then the earlier date,
///    then the smaller key, then the earlier file position. Amounts are compared exactly
///    as integers at the largest scale in play; an amount too large for that (beyond
///    10^38 of the smallest unit) sits this step out.
/// 3. **Several lines, one credit**, credits in (date, key, file position) order, lines
///    all within ±`group_window_days` of the credit and summing exactly to it (in fen):
///    a. all remaining lines (two or more) of one statement, however many;
///    b. otherwise a subset of 2..=`max_group_lines` lines among the
///    `max_group_candidates` nearest in date (ties by date, key, file position; the scan
///    for them stops after 4,096 lines in the window). The smallest such set wins, then
///    the lexicographically first in that nearness order. The search prunes with the sums
///    of the largest and smallest remaining amounts and stops after
///    `group_search_budget` nodes: a credit it cannot place stays an unexpected credit,
///    for the user to match by hand.
///
/// Every statement line is paid by at most one credit and every credit pays at most one
/// group.
///
/// Large inputs (from 50,000 lines) use a second thread for the two halves of the
/// independent work (reading the two sides of the join; telling the statement lines'
/// outcomes), joined in order before returning: the result is identical to a
/// single-threaded run.
pub fn reconcile<'a>(input: &Inputs<'a>, options: &ReconcileOptions) -> Reconciliation<'a> {
    reconcile_records(&RecordInputs::from(*input), options)
}

/// [`reconcile`] over any holder of the expected and statement lines (see
/// [`RecordInputs`]).
pub fn reconcile_records<'a, E: ExpectedRecord, S: StatementRecord>(
    input: &RecordInputs<'a, E, S>,
    options: &ReconcileOptions,
) -> Reconciliation<'a> {
    let decisions = resolve_decisions(input);
    let tasks = match_tasks(input, &decisions);
    let money = bank::match_payouts(input, &decisions, options);

    let (expected, statement) = (input.expected, input.statement);
    // Every statement line's outcome is told on its own, so a large statement is told in
    // two halves on two threads and the halves joined in order: the same result.
    let lines = &tasks.lines;
    let tell = |range: std::ops::Range<usize>, room: usize| {
        tell_lines(
            expected,
            statement,
            lines,
            range,
            room,
            options.list_task_matches,
        )
    };
    let bank_matches = money.matches.len();
    let mut told = if statement.len() >= PARALLEL_FROM {
        let middle = statement.len() / 2;
        let (second, mut first) = in_parallel(
            || tell(middle..statement.len(), 0),
            // Room for the second half and the bank matches, so nothing is moved twice.
            || tell(0..middle, statement.len() - middle + bank_matches),
        );
        first.append(second);
        first
    } else {
        tell(0..statement.len(), bank_matches)
    };
    let mut summary = Summary {
        matched: told.matched,
        amount_mismatch: told.amount_mismatch,
        duplicate_payout: told.duplicate_payout,
        payout_failed: told.payout_failed,
        unexpected_payout: told.unexpected_payout,
        ..Summary::default()
    };
    let mut matches = std::mem::take(&mut told.matches);

    let mut missing = Vec::new();
    let mut not_yet_due = Vec::new();
    for (e, state) in tasks.expected.iter().enumerate() {
        if *state != ExpectedState::Unpaid {
            continue;
        }
        let line = &expected[e];
        let due_date = line.due_date();
        if due_date.is_none_or(|due| due <= options.as_of) {
            summary.missing_payout.add(line.amount());
            missing.push(Discrepancy::MissingPayout(MissingPayout {
                task_id: line.task_id(),
                expected: *line.key(),
                amount: line.amount(),
                due_date,
            }));
        } else {
            not_yet_due.push(*line.key());
        }
    }

    for m in &money.matches {
        let (lines, credits) = (m.statement.as_slice(), m.bank.as_slice());
        let mut statement_ids: Vec<&'a str> = Vec::with_capacity(1);
        let mut statement_total = Decimal::ZERO;
        for &s in lines {
            let line = &statement[s];
            summary.paid.add(line.amount());
            statement_total += line.amount();
            let id = line.statement_id();
            if !statement_ids.contains(&id) {
                statement_ids.push(id);
            }
        }
        matches.push(Match::Payout(Box::new(PayoutMatch {
            statement: lines.iter().map(|&s| *statement[s].key()).collect(),
            bank: credits.iter().map(|&b| input.bank[b].key).collect(),
            statement_ids,
            statement_total,
            bank_total: credits.iter().map(|&b| input.bank[b].amount).sum(),
            method: m.method,
            origin: m.origin,
        })));
    }

    let (overdue, calendar_warnings) = bank::overdue(input, &money.paid, options);
    for d in &overdue {
        summary.payout_overdue.add(d.amount());
    }
    let mut unexpected_credits = Vec::new();
    for (b, line) in input.bank.iter().enumerate() {
        if money.eligible[b] && !money.used[b] {
            summary.unexpected_credit.add(line.amount);
            unexpected_credits.push(Discrepancy::UnexpectedCredit(UnexpectedCredit {
                bank: line.key,
                txn_id: &line.txn_id,
                date: line.date,
                amount: line.amount,
                counterparty: &line.counterparty,
                memo: &line.memo,
            }));
        }
    }

    let mut discrepancies = told.mismatches;
    discrepancies.extend(missing);
    discrepancies.extend(told.duplicates);
    discrepancies.extend(told.failures);
    discrepancies.extend(told.unexpected_payouts);
    discrepancies.extend(overdue);
    discrepancies.extend(unexpected_credits);

    Reconciliation {
        matches,
        discrepancies,
        summary,
        not_yet_due,
        calendar_warnings,
        ignored_decisions: decisions.ignored,
    }
}
