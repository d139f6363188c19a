//! The task axis: the pairing rules over the task join (`join.rs`), which brings each
//! task id's expected and statement lines together, and the telling of each statement
//! line's outcome.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::decisions::Resolved;
use super::join::{JoinedLine, TaskJoin};
use super::{
    AmountMismatch, Component, ComponentDiff, Discrepancy, DuplicatePayout, ExpectedRecord, Match,
    Origin, PayoutFailed, RecordInputs, StatementRecord, Tally, TaskMatch, UnexpectedPayout,
};

pub(super) const NONE: usize = usize::MAX;

/// A line position in the 8-byte [`LineOutcome`] (a million outcomes are written at
/// random, so their size matters). The join is limited to u32 positions anyway.
pub(super) const NO_LINE: u32 = u32::MAX;

fn narrow(index: usize) -> u32 {
    if index == NONE {
        NO_LINE
    } else {
        index as u32
    }
}

pub(super) fn widen(index: u32) -> usize {
    if index == NO_LINE {
        NONE
    } else {
        index as usize
    }
}

/// What became of one statement line on the task axis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineOutcome {
    Unset,
    Paid { expected: u32, origin: Origin },
    Duplicate { kept: u32 },
    Failed { expected: u32 },
    Unexpected,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum ExpectedState {
    Unpaid,
    Paid,
    /// Only failed lines pay it: reported as failed, not missing.
    Failed,
}

pub(super) struct TaskAxis {
    pub(super) lines: Vec<LineOutcome>,
    pub(super) expected: Vec<ExpectedState>,
}

pub(super) fn is_failed<S: StatementRecord>(line: &S) -> bool {
    line.is_failed()
}

/// The task-axis pairing of one task's lines.
struct Pairing<'i, 'r, E, S> {
    input: &'i RecordInputs<'i, E, S>,
    decisions: &'r Resolved,
    /// Task id → the statement line a decision made its payment.
    decided_kept: HashMap<&'i str, usize>,
    lines: Vec<LineOutcome>,
    states: Vec<ExpectedState>,
    stmts: Vec<usize>,
    failed: Vec<usize>,
}

impl<E: ExpectedRecord, S: StatementRecord> Pairing<'_, '_, E, S> {
    fn pay(&mut self, e: usize, s: usize, origin: Origin) {
        let failed = is_failed(&self.input.statement[s]);
        self.settle(e, s, failed, origin);
    }

    /// [`Pairing::pay`], with whether the statement line failed already known.
    fn settle(&mut self, e: usize, s: usize, failed: bool, origin: Origin) {
        if failed {
            self.lines[s] = LineOutcome::Failed {
                expected: narrow(e),
            };
            self.states[e] = ExpectedState::Failed;
        } else {
            self.lines[s] = LineOutcome::Paid {
                expected: narrow(e),
                origin,
            };
            self.states[e] = ExpectedState::Paid;
        }
    }

    /// One task's undecided lines, each list in file order.
    fn task(&mut self, exps: &[usize], all_stmts: &[usize]) {
        let (expected, statement) = (self.input.expected, self.input.statement);
        let rejections = !self.decisions.rejected_task.is_empty();
        // The common case: one expected line, one statement line.
        if let ([e], [s]) = (exps, all_stmts) {
            if !rejections {
                self.pay(*e, *s, Origin::Automatic);
                return;
            }
        }

        let mut stmts = std::mem::take(&mut self.stmts);
        let mut failed = std::mem::take(&mut self.failed);
        stmts.clear();
        failed.clear();
        for &s in all_stmts {
            if is_failed(&statement[s]) {
                failed.push(s);
            } else {
                stmts.push(s);
            }
        }
        let order = |s: usize| (statement[s].date(), statement[s].key(), s);
        stmts.sort_by(|&a, &b| order(a).cmp(&order(b)));

        let mut first_paid = NONE;
        for &e in exps {
            let lines = &self.lines;
            let allowed = |s: usize| {
                lines[s] == LineOutcome::Unset
                    && !(rejections && self.decisions.rejected_task.contains(&(e, s)))
            };
            let chosen = stmts
                .iter()
                .copied()
                .find(|&s| allowed(s) && statement[s].amount() == expected[e].amount())
                .or_else(|| stmts.iter().copied().find(|&s| allowed(s)));
            if let Some(s) = chosen {
                self.pay(e, s, Origin::Automatic);
                if first_paid == NONE || order(s) < order(first_paid) {
                    first_paid = s;
                }
            }
        }
        let mut kept = first_paid;
        if kept == NONE {
            if let Some(&s) = all_stmts.first() {
                let task_id = statement[s].task_id();
                kept = self.decided_kept.get(task_id).copied().unwrap_or(NONE);
            }
        }
        for &s in &stmts {
            if self.lines[s] != LineOutcome::Unset {
                continue;
            }
            if kept == NONE {
                self.lines[s] = LineOutcome::Unexpected;
                kept = s;
            } else {
                self.lines[s] = LineOutcome::Duplicate { kept: narrow(kept) };
            }
        }
        let reference = exps.first().copied().unwrap_or(NONE);
        for &f in &failed {
            self.lines[f] = LineOutcome::Failed {
                expected: narrow(reference),
            };
        }
        if !failed.is_empty() {
            for &e in exps {
                if self.states[e] == ExpectedState::Unpaid {
                    self.states[e] = ExpectedState::Failed;
                }
            }
        }
        self.stmts = stmts;
        self.failed = failed;
    }
}

/// Pairs expected and statement lines task by task.
///
/// Decided pairs first. Then, per task id, each expected line (in file order) takes the
/// best remaining non-failed statement line not rejected with it: one with exactly the
/// expected amount first, then the earliest (date, key, file position). Statement lines
/// left over are duplicates of the task's first paid line; with no expected line the
/// first of them is the unexpected payout and the rest its duplicates. Failed lines are
/// failed, whatever else.
///
/// The lines the decisions left open meet by task id in a [`TaskJoin`]; the outcome does
/// not depend on the order it visits the tasks in.
pub(super) fn match_tasks<E: ExpectedRecord, S: StatementRecord>(
    input: &RecordInputs<'_, E, S>,
    decisions: &Resolved,
) -> TaskAxis {
    let (expected, statement) = (input.expected, input.statement);
    let mut pairing = Pairing {
        input,
        decisions,
        decided_kept: HashMap::new(),
        lines: vec![LineOutcome::Unset; statement.len()],
        states: vec![ExpectedState::Unpaid; expected.len()],
        stmts: Vec::new(),
        failed: Vec::new(),
    };
    let mut e_decided = vec![
        false;
        if decisions.task_pairs.is_empty() {
            0
        } else {
            expected.len()
        }
    ];
    for &(e, s, origin) in &decisions.task_pairs {
        e_decided[e] = true;
        pairing.pay(e, s, origin);
        if let LineOutcome::Paid { .. } = pairing.lines[s] {
            pairing
                .decided_kept
                .entry(statement[s].task_id())
                .or_insert(s);
        }
    }

    let lines = &pairing.lines;
    let join = TaskJoin::build(
        expected,
        statement,
        |e| !e_decided.get(e).copied().unwrap_or(false),
        |s| lines[s] == LineOutcome::Unset,
    );

    let rejections = !decisions.rejected_task.is_empty();
    let mut exps: Vec<usize> = Vec::new();
    let mut stmts: Vec<usize> = Vec::new();
    join.for_each_task(|task| {
        match (task.expected_count(), task.statement_count()) {
            // The common cases, decided on what the join carries alone. One expected line
            // and one statement line: it pays it (or failed to).
            (1, 1) if !rejections => {
                if let (Some(e), Some(s)) = (task.expected().next(), task.statement().next()) {
                    pairing.settle(e, s.index, s.failed, Origin::Automatic);
                }
            }
            // A lone statement line for a task nothing expected, and no decided payment
            // it could duplicate: an unexpected payout (or a failed one).
            (0, 1) if pairing.decided_kept.is_empty() => {
                if let Some(JoinedLine { index, failed }) = task.statement().next() {
                    pairing.lines[index] = if failed {
                        LineOutcome::Failed { expected: NO_LINE }
                    } else {
                        LineOutcome::Unexpected
                    };
                }
            }
            // An expected line nothing pays: it stays unpaid.
            (1, 0) => {}
            _ => {
                exps.clear();
                exps.extend(task.expected());
                stmts.clear();
                stmts.extend(task.statement().map(|line| line.index));
                pairing.task(&exps, &stmts);
            }
        }
    });

    TaskAxis {
        lines: pairing.lines,
        expected: pairing.states,
    }
}

/// `a == b`, skipping the rescaling when both carry the same scale (as amounts parsed
/// from one file do).
fn same_amount(a: Decimal, b: Decimal) -> bool {
    if a.scale() == b.scale() {
        a.mantissa() == b.mantissa()
    } else {
        a == b
    }
}

fn component_diffs<E: ExpectedRecord, S: StatementRecord>(
    e: &E,
    s: &S,
) -> (Vec<ComponentDiff>, Decimal) {
    let mut diffs = Vec::new();
    // How each component moves the net: the gross adds, the fee and the tax subtract.
    let mut explained = Decimal::ZERO;
    for (component, expected, stated, sign) in [
        (Component::Gross, e.gross(), s.gross(), Decimal::ONE),
        (Component::Fee, e.fee(), s.fee(), Decimal::NEGATIVE_ONE),
        (Component::Tax, e.tax(), s.tax(), Decimal::NEGATIVE_ONE),
    ] {
        if let (Some(expected), Some(stated)) = (expected, stated) {
            if expected != stated {
                let difference = stated - expected;
                explained += sign * difference;
                diffs.push(ComponentDiff {
                    component,
                    expected,
                    statement: stated,
                    difference,
                });
            }
        }
    }
    let unexplained = (s.amount() - e.amount()) - explained;
    (diffs, unexplained)
}

/// The task-axis results of a run of statement lines, in file order.
pub(super) struct Told<'a> {
    pub(super) matches: Vec<Match<'a>>,
    pub(super) mismatches: Vec<Discrepancy<'a>>,
    pub(super) duplicates: Vec<Discrepancy<'a>>,
    pub(super) failures: Vec<Discrepancy<'a>>,
    pub(super) unexpected_payouts: Vec<Discrepancy<'a>>,
    pub(super) matched: Tally,
    pub(super) amount_mismatch: Tally,
    pub(super) duplicate_payout: Tally,
    pub(super) payout_failed: Tally,
    pub(super) unexpected_payout: Tally,
}

impl<'a> Told<'a> {
    /// Appends the results of the lines after these.
    pub(super) fn append(&mut self, mut later: Told<'a>) {
        self.matches.append(&mut later.matches);
        self.mismatches.append(&mut later.mismatches);
        self.duplicates.append(&mut later.duplicates);
        self.failures.append(&mut later.failures);
        self.unexpected_payouts
            .append(&mut later.unexpected_payouts);
        for (mine, theirs) in [
            (&mut self.matched, later.matched),
            (&mut self.amount_mismatch, later.amount_mismatch),
            (&mut self.duplicate_payout, later.duplicate_payout),
            (&mut self.payout_failed, later.payout_failed),
            (&mut self.unexpected_payout, later.unexpected_payout),
        ] {
            mine.count += theirs.count;
            mine.total += theirs.total;
        }
    }
}

/// Turns the outcomes of the statement lines in `range` into matches and discrepancies;
/// `room` is extra capacity for the matches appended after these.
pub(super) fn tell_lines<'a, E: ExpectedRecord, S: StatementRecord>(
    expected: &'a [E],
    statement: &'a [S],
    lines: &[LineOutcome],
    range: std::ops::Range<usize>,
    room: usize,
    list_matches: bool,
) -> Told<'a> {
    let paid = if list_matches {
        lines[range.clone()]
            .iter()
            .filter(|o| matches!(o, LineOutcome::Paid { .. }))
            .count()
    } else {
        0
    };
    let mut told = Told {
        matches: Vec::with_capacity(paid + room),
        mismatches: Vec::new(),
        duplicates: Vec::new(),
        failures: Vec::new(),
        unexpected_payouts: Vec::new(),
        matched: Tally::default(),
        amount_mismatch: Tally::default(),
        duplicate_payout: Tally::default(),
        payout_failed: Tally::default(),
        unexpected_payout: Tally::default(),
    };
    for s in range {
        let line = &statement[s];
        match lines[s] {
            LineOutcome::Paid {
                expected: e,
                origin,
            } => {
                let exp = &expected[widen(e)];
                let (amount, exp_amount) = (line.amount(), exp.amount());
                if same_amount(exp_amount, amount) {
                    told.matched.add(amount);
                    if !list_matches {
                        continue;
                    }
                    told.matches.push(Match::Task(TaskMatch {
                        task_id: line.task_id(),
                        expected: *exp.key(),
                        statement: *line.key(),
                        amount,
                        origin,
                    }));
                } else {
                    let (components, unexplained) = component_diffs(exp, line);
                    let difference = amount - exp_amount;
                    told.amount_mismatch.add(difference);
                    told.mismatches
                        .push(Discrepancy::AmountMismatch(AmountMismatch {
                            task_id: line.task_id(),
                            statement_id: line.statement_id(),
                            date: line.date(),
                            expected: *exp.key(),
                            statement: *line.key(),
                            expected_amount: exp_amount,
                            statement_amount: amount,
                            difference,
                            components,
                            unexplained,
                            origin,
                        }));
                }
            }
            LineOutcome::Duplicate { kept } => {
                told.duplicate_payout.add(line.amount());
                told.duplicates
                    .push(Discrepancy::DuplicatePayout(DuplicatePayout {
                        task_id: line.task_id(),
                        statement_id: line.statement_id(),
                        kept: *statement[widen(kept)].key(),
                        extra: *line.key(),
                        amount: line.amount(),
                        date: line.date(),
                    }));
            }
            LineOutcome::Failed { expected: e } => {
                told.payout_failed.add(line.amount());
                told.failures.push(Discrepancy::PayoutFailed(PayoutFailed {
                    task_id: line.task_id(),
                    statement_id: line.statement_id(),
                    statement: *line.key(),
                    amount: line.amount(),
                    date: line.date(),
                    expected: (e != NO_LINE).then(|| *expected[widen(e)].key()),
                }));
            }
            LineOutcome::Unexpected | LineOutcome::Unset => {
                told.unexpected_payout.add(line.amount());
                told.unexpected_payouts
                    .push(Discrepancy::UnexpectedPayout(UnexpectedPayout {
                        task_id: line.task_id(),
                        statement_id: line.statement_id(),
                        statement: *line.key(),
                        amount: line.amount(),
                        date: line.date(),
                    }));
            }
        }
    }
    told
}
