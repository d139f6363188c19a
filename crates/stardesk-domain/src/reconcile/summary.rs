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

use chrono::{Datelike as _, NaiveDate};
use rust_decimal::Decimal;

use super::parallel::{in_parallel, in_parallel_from, PARALLEL_FROM};
use super::{Summary, Tally};

mod partition;

pub use partition::{deal_bits, Part};

/// An expected line as the summary needs it: the task id as a number (the platform's ids
/// are decimal u64s) and the amount in fen, which a compact line holds in 32 bits (16
/// bytes a line: a million-line side is a third smaller than with 64 bits, which the
/// reading, the dealing into buckets and the summary all go through; a line of more
/// than ¥21 million has no compact form, and the full reconciliation reads its file).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskDue {
    pub task: u64,
    fen: i32,
    pub due: Option<NaiveDate>,
}

impl TaskDue {
    /// The line, `None` when its amount has no compact form (see the type's docs).
    #[inline]
    pub fn new(task: u64, fen: i64, due: Option<NaiveDate>) -> Option<Self> {
        Some(TaskDue {
            task,
            fen: i32::try_from(fen).ok()?,
            due,
        })
    }

    /// The amount in fen.
    #[inline(always)]
    pub fn fen(&self) -> i64 {
        i64::from(self.fen)
    }
}

/// A statement line as the summary needs it (see [`TaskDue`]): its task, its amount in
/// fen, its day, and whether the payout failed (the status 提现失败). The day is kept as
/// the number of days from the common era's first (every date an import reads is after
/// it), which orders as the dates do, with the failure in its top bit: 16 bytes a line.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct TaskPayout {
    pub task: u64,
    fen: i32,
    day_failed: u32,
}

/// The bit of [`TaskPayout::day_failed`] that says the payout failed.
const FAILED: u32 = 1 << 31;

impl TaskPayout {
    /// The line, `None` when its amount or day has no compact form (see [`TaskDue`]).
    #[inline]
    pub fn new(task: u64, fen: i64, date: NaiveDate, failed: bool) -> Option<Self> {
        let day = u32::try_from(date.num_days_from_ce())
            .ok()
            .filter(|day| day & FAILED == 0)?;
        Some(TaskPayout {
            task,
            fen: i32::try_from(fen).ok()?,
            day_failed: day | if failed { FAILED } else { 0 },
        })
    }

    /// The amount in fen.
    #[inline(always)]
    pub fn fen(&self) -> i64 {
        i64::from(self.fen)
    }

    /// The day, as days from the common era's first: ordered as the dates are.
    #[inline(always)]
    fn day(&self) -> u32 {
        self.day_failed & !FAILED
    }

    /// The day of the payout.
    pub fn date(&self) -> NaiveDate {
        // Made from a date in `new`: the number names a day.
        NaiveDate::from_num_days_from_ce_opt(self.day() as i32).unwrap_or_default()
    }

    /// Whether the payout failed (提现失败).
    #[inline(always)]
    pub fn failed(&self) -> bool {
        self.day_failed & FAILED != 0
    }
}

impl std::fmt::Debug for TaskPayout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TaskPayout")
            .field("task", &self.task)
            .field("fen", &self.fen)
            .field("date", &self.date())
            .field("failed", &self.failed())
            .finish()
    }
}

/// A count and a sum of fen, wide enough for any file.
#[derive(Debug, Clone, Copy, Default)]
struct Sum {
    count: u64,
    fen: i128,
}

impl Sum {
    fn plus(self, other: Sum) -> Sum {
        Sum {
            count: self.count + other.count,
            fen: self.fen + other.fen,
        }
    }

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

impl Sums {
    /// The [`Summary`] these sums add up to; `None` when a total overflows.
    fn summary(self) -> Option<Summary> {
        Some(Summary {
            matched: self.matched.tally()?,
            amount_mismatch: self.amount_mismatch.tally()?,
            missing_payout: self.missing_payout.tally()?,
            duplicate_payout: self.duplicate_payout.tally()?,
            payout_failed: self.payout_failed.tally()?,
            unexpected_payout: self.unexpected_payout.tally()?,
            ..Summary::default()
        })
    }

    /// The sums of two sets of tasks.
    fn plus(self, other: Sums) -> Sums {
        Sums {
            matched: self.matched.plus(other.matched),
            amount_mismatch: self.amount_mismatch.plus(other.amount_mismatch),
            missing_payout: self.missing_payout.plus(other.missing_payout),
            duplicate_payout: self.duplicate_payout.plus(other.duplicate_payout),
            payout_failed: self.payout_failed.plus(other.payout_failed),
            unexpected_payout: self.unexpected_payout.plus(other.unexpected_payout),
        }
    }
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
    in_parallel_from(
        expected.len() + statement.len(),
        || expected.sort_unstable_by_key(|line| line.task),
        || statement.sort_unstable_by_key(|line| line.task),
    );
    summarize_runs(&[&*expected], &[&*statement], as_of)
}

/// [`summarize_tasks`] of lines read in parts (the parts in file order; each part's
/// lines in the order of its file, or dealt into buckets by task as they were read, see
/// [`Part::as_read`]): when every side reads in task order, part after part, the parts
/// are joined where they lie, with no copy; otherwise (an export in date order, say)
/// both sides' lines are dealt into buckets by task (those not dealt yet) and each
/// bucket is summed on its own ([`partition`]).
pub fn summarize_task_parts(
    expected: &[Part<TaskDue>],
    statement: &[Part<TaskPayout>],
    as_of: NaiveDate,
) -> Option<Summary> {
    if as_in_file(expected) && as_in_file(statement) {
        let (e_ordered, s_ordered) = in_parallel_from(
            line_count(expected) + line_count(statement),
            || in_task_order(expected),
            || in_task_order(statement),
        );
        if e_ordered && s_ordered {
            let expected_runs: Vec<&[TaskDue]> = expected.iter().map(Part::lines).collect();
            let statement_runs: Vec<&[TaskPayout]> = statement.iter().map(Part::lines).collect();
            return summarize_runs(&expected_runs, &statement_runs, as_of);
        }
    }
    partition::summarize_in_buckets(expected, statement, as_of)
}

/// Whether every part's lines lie as read.
fn as_in_file<T: OfTask>(parts: &[Part<T>]) -> bool {
    parts.iter().all(Part::as_in_file)
}

/// A side's lines in all its parts.
fn line_count<T: OfTask>(parts: &[Part<T>]) -> usize {
    parts.iter().map(|part| part.lines().len()).sum()
}

/// A line of either side, by its task.
pub trait OfTask: Copy {
    /// The task the line is of.
    fn task(&self) -> u64;
}

impl OfTask for TaskDue {
    fn task(&self) -> u64 {
        self.task
    }
}

impl OfTask for TaskPayout {
    fn task(&self) -> u64 {
        self.task
    }
}

/// Whether the parts, one after the other, are in task order (a part seen in task order
/// as it was read is not looked at again).
fn in_task_order<T: OfTask>(parts: &[Part<T>]) -> bool {
    parts.iter().all(Part::in_task_order)
        && parts
            .iter()
            .filter_map(|part| Some((part.lines().first()?.task(), part.lines().last()?.task())))
            .is_sorted_by(|before, after| before.1 <= after.0)
}

/// The summary of both sides' runs, each side in task order (see
/// [`summarize_task_parts`]).
fn summarize_runs(
    expected: &[&[TaskDue]],
    statement: &[&[TaskPayout]],
    as_of: NaiveDate,
) -> Option<Summary> {
    // Two halves of the tasks on two threads, cut at a task: every line of a task falls in
    // one half.
    let sums = if run_lines(expected) + run_lines(statement) >= PARALLEL_FROM {
        // The middle line of the longer side: halves of even work.
        let middle = if run_lines(expected) >= run_lines(statement) {
            middle_task(expected)
        } else {
            middle_task(statement)
        }?;
        let (e_low, e_high) = split_runs(expected, middle);
        let (s_low, s_high) = split_runs(statement, middle);
        let (high, low) = in_parallel(
            || task_sums(Runs::new(&e_high), Runs::new(&s_high), as_of),
            || task_sums(Runs::new(&e_low), Runs::new(&s_low), as_of),
        );
        low?.plus(high?)
    } else {
        task_sums(Runs::new(expected), Runs::new(statement), as_of)?
    };
    sums.summary()
}

fn run_lines<T>(runs: &[&[T]]) -> usize {
    runs.iter().map(|run| run.len()).sum()
}

/// The task of the middle line of runs, `None` without lines.
fn middle_task<T: OfTask>(runs: &[&[T]]) -> Option<u64> {
    let mut at = run_lines(runs) / 2;
    runs.iter().find_map(|run| {
        let task = run.get(at).map(OfTask::task);
        at = at.saturating_sub(run.len());
        task
    })
}

/// Runs in task order cut where the tasks reach `task`: the lines below it, and the rest.
fn split_runs<'a, T: OfTask>(runs: &[&'a [T]], task: u64) -> (Vec<&'a [T]>, Vec<&'a [T]>) {
    let (mut low, mut high) = (Vec::new(), Vec::new());
    for &run in runs {
        let at = run.partition_point(|line| line.task() < task);
        low.push(&run[..at]);
        high.push(&run[at..]);
    }
    (low, high)
}

/// One side's lines in task order, read across its runs.
struct Runs<'a, T> {
    /// The side's runs, none of them empty: the lines from run `next`, line `at` on are
    /// not yet read.
    runs: Vec<&'a [T]>,
    next: usize,
    at: usize,
    /// A task's lines that span two runs, put together.
    spanning: Vec<T>,
}

impl<'a, T: OfTask> Runs<'a, T> {
    fn new(runs: &[&'a [T]]) -> Self {
        Runs {
            runs: runs.iter().copied().filter(|run| !run.is_empty()).collect(),
            next: 0,
            at: 0,
            spanning: Vec::new(),
        }
    }

    /// The line `ahead` lines on (0 or 1).
    #[inline(always)]
    fn peek(&self, ahead: usize) -> Option<T> {
        let run = self.runs.get(self.next)?;
        match run.get(self.at + ahead) {
            Some(line) => Some(*line),
            None => self
                .runs
                .get(self.next + 1)?
                .get(self.at + ahead - run.len())
                .copied(),
        }
    }

    /// Moves on by one line.
    #[inline(always)]
    fn step(&mut self) {
        self.at += 1;
        if self
            .runs
            .get(self.next)
            .is_some_and(|run| self.at == run.len())
        {
            (self.next, self.at) = (self.next + 1, 0);
        }
    }

    /// The lines of `task` from here (none when the next line is of another task), and
    /// moves past them: where they lie, or put together when they go on into the next
    /// runs.
    fn take(&mut self, task: u64) -> &[T] {
        let of_task = |run: &[T]| run.iter().take_while(|l| l.task() == task).count();
        let Some(&run) = self.runs.get(self.next) else {
            return &[];
        };
        let (start, end) = (self.at, self.at + of_task(&run[self.at..]));
        if end < run.len() {
            self.at = end;
            return &run[start..end];
        }
        (self.next, self.at) = (self.next + 1, 0);
        if self.peek(0).is_none_or(|line| line.task() != task) {
            return &run[start..end];
        }
        self.spanning.clear();
        self.spanning.extend_from_slice(&run[start..end]);
        while let Some(&run) = self.runs.get(self.next) {
            let end = of_task(run);
            self.spanning.extend_from_slice(&run[..end]);
            if end < run.len() {
                self.at = end;
                break;
            }
            self.next += 1;
        }
        &self.spanning
    }
}

/// The sums of the lines of both sides, each in task order; `None` when a task needs the
/// full rules.
fn task_sums(
    mut expected: Runs<'_, TaskDue>,
    mut statement: Runs<'_, TaskPayout>,
    as_of: NaiveDate,
) -> Option<Sums> {
    let mut sums = Sums::default();
    loop {
        let (due, paid) = (expected.peek(0), statement.peek(0));
        // The usual task, one expected line and one statement line, without counting
        // the lines of its task.
        if let (Some(due), Some(paid)) = (due, paid) {
            let alone = |next: Option<u64>| next != Some(due.task);
            if due.task == paid.task
                && alone(expected.peek(1).map(|l| l.task))
                && alone(statement.peek(1).map(|l| l.task))
            {
                one_task(&[due], &[paid], as_of, &mut sums)?;
                expected.step();
                statement.step();
                continue;
            }
        }
        let task = match (due, paid) {
            (None, None) => break,
            (Some(due), None) => due.task,
            (None, Some(paid)) => paid.task,
            (Some(due), Some(paid)) => due.task.min(paid.task),
        };
        let dues = expected.take(task);
        let lines = statement.take(task);
        one_task(dues, lines, as_of, &mut sums)?;
    }
    Some(sums)
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
    let mut payouts = Payouts::default();
    for line in lines {
        payouts.add(line, due.map(TaskDue::fen), sums)?;
    }
    payouts.settle(due, as_of, sums)
}

/// What the summary needs of one task's statement lines, taken one line at a time in
/// any order (their order within a task does not change the summary; see the module
/// docs): the count and sum of the paying (non-failed) lines, whether one has the
/// expected amount, whether one failed, and the earliest paying line's day and amount,
/// with whether another line of that day has another amount.
#[derive(Debug, Clone, Copy, Default)]
struct Payouts {
    paying: u32,
    paying_fen: i64,
    exact: bool,
    failed: bool,
    tie: bool,
    earliest: Option<(u32, i64)>,
}

impl Payouts {
    /// One statement line of the task, whose expected line has `due_fen` (if it has
    /// one); a failed payout goes straight into the sums. `None` when the task's sum
    /// overflows (the full reconciliation adds it up instead).
    #[inline(always)]
    fn add(&mut self, line: &TaskPayout, due_fen: Option<i64>, sums: &mut Sums) -> Option<()> {
        // R-SETTLE-1..4: a failed payout is reported as failed, whatever else.
        if line.failed() {
            sums.payout_failed.add(i128::from(line.fen()));
            self.failed = true;
            return Some(());
        }
        let (day, fen) = (line.day(), line.fen());
        self.paying = self.paying.checked_add(1)?;
        self.paying_fen = self.paying_fen.checked_add(fen)?;
        self.exact |= due_fen == Some(fen);
        match self.earliest {
            Some((earliest, _)) if day > earliest => {}
            Some((earliest, earliest_fen)) if day == earliest => self.tie |= earliest_fen != fen,
            _ => {
                self.earliest = Some((day, fen));
                self.tie = false;
            }
        }
        Some(())
    }

    /// The task's outcome into the sums, with its expected line `due` (if it has one);
    /// `None` when the task needs the full rules.
    #[inline(always)]
    fn settle(self, due: Option<&TaskDue>, as_of: NaiveDate, sums: &mut Sums) -> Option<()> {
        let Some((_, earliest_fen)) = self.earliest else {
            // Unpaid: missing once due, unless a failed payout explains it.
            if let Some(due) = due {
                if !self.failed && due.due.is_none_or(|day| day <= as_of) {
                    sums.missing_payout.add(i128::from(due.fen()));
                }
            }
            return Some(());
        };
        let kept = match due {
            Some(due) if self.exact => {
                sums.matched.add(i128::from(due.fen()));
                due.fen()
            }
            _ if self.tie => return None,
            Some(due) => {
                sums.amount_mismatch
                    .add(i128::from(earliest_fen) - i128::from(due.fen()));
                earliest_fen
            }
            None => {
                sums.unexpected_payout.add(i128::from(earliest_fen));
                earliest_fen
            }
        };
        sums.duplicate_payout.count += u64::from(self.paying - 1);
        sums.duplicate_payout.fen += i128::from(self.paying_fen) - i128::from(kept);
        Some(())
    }
}
