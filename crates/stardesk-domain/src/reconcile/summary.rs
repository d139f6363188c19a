//! The task axis's counts and totals alone, from compact lines: what `stardesk reconcile
//! --json` prints for a statement and an expected-earnings list, without building a
//! record, a match or a discrepancy per line.
//!
//! [`summarize_tasks`] gives exactly the [`Summary`] that [`super::reconcile_records`]
//! gives for the same lines with no bank lines, invoices or decisions (R-SETTLE: one
//! outcome per statement line, failed lines reported as failed, an unpaid expected line
//! missing once due), or `None` where the summary would depend on more than these
//! compact lines hold; the caller then runs the full reconciliation. The property test
//! in `tests/reconcile_summary.rs` holds the two to the same answer.
//!
//! Why the summary needs so little: per task, with at most one expected line, the rules
//! of `tasks.rs` pay the expected line with a non-failed statement line of exactly its
//! amount if there is one (`matched`), else with the earliest by date (`amount_mismatch`,
//! statement − expected); every other non-failed line is a duplicate of the paying one.
//! Without an expected line the earliest is the unexpected payout and the rest its
//! duplicates. So the totals need only the count and sum of the non-failed lines, whether
//! one has the expected amount, and the amount of the earliest. Two earliest lines of one
//! day with different amounts would be ordered by their line keys, which compact lines do
//! not carry: `None`. So is a task with two expected lines, paired line by line.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::parallel::{in_parallel, PARALLEL_FROM};
use super::{Summary, Tally};

/// An expected line as the summary needs it: the task id as a number (the platform's ids
/// are decimal u64s) and the amount in fen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskDue {
    pub task: u64,
    pub fen: i64,
    pub due: Option<NaiveDate>,
}

/// A statement line as the summary needs it (see [`TaskDue`]); `failed` is the payout
/// status 提现失败.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskPayout {
    pub task: u64,
    pub fen: i64,
    pub date: NaiveDate,
    pub failed: bool,
}

/// A count and a sum of fen, wide enough for any file.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    count: u64,
    fen: i128,
}

impl Sum {
    fn add(&mut self, fen: i128) {
        self.count += 1;
        self.fen += fen;
    }

    /// The [`Tally`] the full reconciliation adds up: nothing counted is a plain zero,
    /// anything counted a sum of two-decimal amounts.
    fn tally(self) -> Option<Tally> {
        if self.count == 0 {
            return Some(Tally::default());
        }
        Some(Tally {
            count: self.count,
            total: Decimal::try_from_i128_with_scale(self.fen, 2).ok()?,
        })
    }
}

#[derive(Debug, Default)]
struct Sums {
    matched: Sum,
    amount_mismatch: Sum,
    missing_payout: Sum,
    duplicate_payout: Sum,
    payout_failed: Sum,
    unexpected_payout: Sum,
}

/// The [`Summary`] of the task axis for these lines as of `as_of` (see the module docs),
/// or `None` when it needs the full reconciliation. Sorts both slices by task.
pub fn summarize_tasks(
    expected: &mut [TaskDue],
    statement: &mut [TaskPayout],
    as_of: NaiveDate,
) -> Option<Summary> {
    // Lines of one task meet by sorting both sides by task id; their order within a task
    // does not change the summary (see the module docs).
    if expected.len() + statement.len() >= PARALLEL_FROM {
        in_parallel(
            || expected.sort_unstable_by_key(|line| line.task),
            || statement.sort_unstable_by_key(|line| line.task),
        );
    } else {
        expected.sort_unstable_by_key(|line| line.task);
        statement.sort_unstable_by_key(|line| line.task);
    }
    let mut sums = Sums::default();
    let (mut e, mut s) = (0, 0);
    loop {
        // The usual task, one expected line and one statement line, without counting
        // the lines of its task.
        if let (Some(due), Some(paid)) = (expected.get(e), statement.get(s)) {
            let alone = |next: Option<u64>| next != Some(due.task);
            if due.task == paid.task
                && alone(expected.get(e + 1).map(|l| l.task))
                && alone(statement.get(s + 1).map(|l| l.task))
            {
                one_task(&expected[e..=e], &statement[s..=s], as_of, &mut sums)?;
                (e, s) = (e + 1, s + 1);
                continue;
            }
        }
        let task = match (expected.get(e), statement.get(s)) {
            (None, None) => break,
            (Some(due), None) => due.task,
            (None, Some(paid)) => paid.task,
            (Some(due), Some(paid)) => due.task.min(paid.task),
        };
        let e_end = e + expected[e..].iter().take_while(|l| l.task == task).count();
        let s_end = s + statement[s..].iter().take_while(|l| l.task == task).count();
        one_task(&expected[e..e_end], &statement[s..s_end], as_of, &mut sums)?;
        (e, s) = (e_end, s_end);
    }
    Some(Summary {
        matched: sums.matched.tally()?,
        amount_mismatch: sums.amount_mismatch.tally()?,
        missing_payout: sums.missing_payout.tally()?,
        duplicate_payout: sums.duplicate_payout.tally()?,
        payout_failed: sums.payout_failed.tally()?,
        unexpected_payout: sums.unexpected_payout.tally()?,
        ..Summary::default()
    })
}

/// One task's lines into the sums; `None` when the task needs the full rules. Inlined:
/// the usual task's call, with one line on each side, then costs no more than its sums.
#[inline(always)]
fn one_task(
    expected: &[TaskDue],
    lines: &[TaskPayout],
    as_of: NaiveDate,
    sums: &mut Sums,
) -> Option<()> {
    let due = match expected {
        [] => None,
        [line] => Some(line),
        _ => return None,
    };
    let (mut paying, mut paying_fen) = (0u64, 0i128);
    let mut exact = false;
    let mut failed = false;
    // The earliest paying line's day and amount, and whether another line of that day
    // has another amount.
    let mut earliest: Option<(NaiveDate, i64)> = None;
    let mut tie = false;
    for line in lines {
        // R-SETTLE-1..4: a failed payout is reported as failed, whatever else.
        if line.failed {
            sums.payout_failed.add(i128::from(line.fen));
            failed = true;
            continue;
        }
        paying += 1;
        paying_fen += i128::from(line.fen);
        exact |= due.is_some_and(|due| due.fen == line.fen);
        match earliest {
            Some((day, _)) if line.date > day => {}
            Some((day, fen)) if line.date == day => tie |= fen != line.fen,
            _ => {
                earliest = Some((line.date, line.fen));
                tie = false;
            }
        }
    }
    let Some((_, earliest_fen)) = earliest else {
        // Unpaid: missing once due, unless a failed payout explains it.
        if let Some(due) = due {
            if !failed && due.due.is_none_or(|day| day <= as_of) {
                sums.missing_payout.add(i128::from(due.fen));
            }
        }
        return Some(());
    };
    let kept = match due {
        Some(due) if exact => {
            sums.matched.add(i128::from(due.fen));
            due.fen
        }
        _ if tie => return None,
        Some(due) => {
            sums.amount_mismatch
                .add(i128::from(earliest_fen) - i128::from(due.fen));
            earliest_fen
        }
        None => {
            sums.unexpected_payout.add(i128::from(earliest_fen));
            earliest_fen
        }
    };
    sums.duplicate_payout.count += paying - 1;
    sums.duplicate_payout.fen += paying_fen - i128::from(kept);
    Some(())
}
