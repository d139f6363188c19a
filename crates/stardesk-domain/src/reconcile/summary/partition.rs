//! The summary of lines in no task order (an export in date order, say): both sides'
//! lines are dealt into buckets by a hash of their task, so all of a task's lines, on
//! either side, land in the same bucket; then each pair of buckets is sorted and summed
//! on its own, small enough to stay in a core's caches, the buckets shared between two
//! threads. With each side copied into one list and sorted whole instead, `stardesk
//! reconcile` of the bench's million lines in date order took 0.17 s, against 0.148 s
//! this way and 0.113 s for the same lines in task order (joined where they lie).

use chrono::NaiveDate;

use super::{line_count, task_sums, OfTask, Runs, Sums, TaskDue, TaskPayout};
use crate::reconcile::parallel::in_parallel_from;
use crate::reconcile::Summary;

/// Lines of one side a bucket holds on average, at most: with their sort they fit in a
/// core's second-level cache (2,048 lines of 24 bytes are 48 KiB).
const BUCKET_LINES: usize = 2048;

/// At least 16 buckets, even for a few lines (so every summary in no task order deals,
/// and the property tests go through the dealing); at most 4,096.
const MIN_BITS: u32 = 4;
const MAX_BITS: u32 = 12;

/// A task's bucket, of `1 << bits`: the top bits of a multiplicative hash of its id
/// (the platform's ids differ in their low digits; the hash spreads them over the top).
#[inline(always)]
fn bucket(task: u64, bits: u32) -> usize {
    (task.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}

/// One side's lines in `1 << bits` buckets, each allocated once (the lines are counted
/// first).
fn deal<T: OfTask>(runs: &[&[T]], bits: u32) -> Vec<Vec<T>> {
    let mut counts = vec![0usize; 1 << bits];
    for line in runs.iter().flat_map(|run| run.iter()) {
        counts[bucket(line.task(), bits)] += 1;
    }
    let mut buckets: Vec<Vec<T>> = counts.into_iter().map(Vec::with_capacity).collect();
    for &line in runs.iter().flat_map(|run| run.iter()) {
        buckets[bucket(line.task(), bits)].push(line);
    }
    buckets
}

/// The sums of pairs of buckets, each pair sorted by task first.
fn bucket_sums(
    dues: &mut [Vec<TaskDue>],
    paid: &mut [Vec<TaskPayout>],
    as_of: NaiveDate,
) -> Option<Sums> {
    let mut sums = Sums::default();
    for (dues, paid) in dues.iter_mut().zip(paid) {
        // A task's lines meet by sorting; their order within a task does not change the
        // summary (see the module docs of `summary`).
        dues.sort_unstable_by_key(|line| line.task);
        paid.sort_unstable_by_key(|line| line.task);
        sums = sums.plus(task_sums(Runs::new(&[dues]), Runs::new(&[paid]), as_of)?);
    }
    Some(sums)
}

/// [`super::summarize_task_parts`] for runs in no task order: the same summary as
/// [`super::summarize_tasks`] of all the lines.
pub(super) fn summarize_in_buckets(
    expected: &[&[TaskDue]],
    statement: &[&[TaskPayout]],
    as_of: NaiveDate,
) -> Option<Summary> {
    let (e_lines, s_lines) = (line_count(expected), line_count(statement));
    let bits = e_lines
        .max(s_lines)
        .div_ceil(BUCKET_LINES)
        .next_power_of_two()
        .trailing_zeros()
        .clamp(MIN_BITS, MAX_BITS);
    let lines = e_lines + s_lines;
    let (mut dues, mut paid) =
        in_parallel_from(lines, || deal(expected, bits), || deal(statement, bits));
    // Half the buckets each: the hash spreads the lines evenly over them.
    let half = dues.len() / 2;
    let (dues_low, dues_high) = dues.split_at_mut(half);
    let (paid_low, paid_high) = paid.split_at_mut(half);
    let (high, low) = in_parallel_from(
        lines,
        || bucket_sums(dues_high, paid_high, as_of),
        || bucket_sums(dues_low, paid_low, as_of),
    );
    low?.plus(high?).summary()
}
