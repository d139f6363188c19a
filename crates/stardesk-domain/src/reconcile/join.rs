//! The task join: the open expected lines meet the open statement lines by task id, and
//! each task id's lines come out together, each side in file order.
//!
//! A radix-partitioned hash join: in one pass each side's lines are hashed and put, with
//! their task id's first bytes, into partitions of about [`PARTITION_TARGET`] lines by
//! the hash's top bits; each partition is then grouped by task id with a small hash table
//! that stays in cache. Every pass is sequential or stays within a cache-sized partition,
//! which is what makes a million-line join fast: one hash table of a million entries
//! would miss the cache on nearly every probe, and so would comparing the `String`s.
//! From [`PARALLEL_FROM`](super::parallel::PARALLEL_FROM) lines the two sides are
//! partitioned on two threads; the partitions, and so the tasks and the order they come
//! in, are the same either way.
//!
//! What is paired with what is not decided here: that is `tasks::match_tasks`.

use super::hash::hash_str;
use super::parallel::in_parallel_from;
#[cfg(test)]
use super::parallel::PARALLEL_FROM;
use super::{ExpectedRecord, StatementRecord};

/// Lines per partition the join aims at: a partition's entries stay in the CPU caches
/// while it is joined.
const PARTITION_TARGET: usize = 2048;

/// Bytes of a task id the join carries inline; longer ids are compared through the line.
const INLINE_ID: usize = 24;

/// One line as the join sees it: its task id's hash, length and first bytes, so that
/// matching ids are confirmed inside the partition without chasing the `String` (the
/// cache miss that would otherwise dominate a million-line join). 40 bytes.
#[derive(Clone, Copy)]
struct JoinEntry {
    hash: u64,
    index: u32,
    /// The id's length in bytes; the top bit marks a failed statement line.
    len_failed: u32,
    head: [u8; INLINE_ID],
}

const FAILED_BIT: u32 = 1 << 31;

impl JoinEntry {
    fn new(task_id: &str, index: usize, failed: bool) -> Self {
        let bytes = task_id.as_bytes();
        let mut head = [0u8; INLINE_ID];
        let take = bytes.len().min(INLINE_ID);
        head[..take].copy_from_slice(&bytes[..take]);
        // Ids longer than 2^31 bytes all look alike here, and are then told apart by the
        // string comparison like any id longer than the head.
        let len = u32::try_from(bytes.len()).unwrap_or(u32::MAX) & !FAILED_BIT;
        Self {
            hash: hash_str(task_id),
            // The join indexes lines with u32: four billion lines would not fit in memory
            // as `String`s anyway.
            index: index as u32,
            len_failed: len | if failed { FAILED_BIT } else { 0 },
            head,
        }
    }

    fn at(&self) -> usize {
        self.index as usize
    }

    fn len(&self) -> u32 {
        self.len_failed & !FAILED_BIT
    }

    fn failed(&self) -> bool {
        self.len_failed & FAILED_BIT != 0
    }
}

/// Entries of the open lines, in `2^bits` partitions by the top bits of their hash, each
/// in file order. One pass: the partitions are sized up front for a uniform hash (a
/// quarter over the mean, which a partition exceeds only by growing).
fn partition_lines(
    count: usize,
    bits: u32,
    make: impl Fn(usize) -> Option<JoinEntry>,
) -> Vec<Vec<JoinEntry>> {
    let parts = 1usize << bits;
    let mean = count / parts;
    let mut out: Vec<Vec<JoinEntry>> = (0..parts)
        .map(|_| Vec::with_capacity(mean + mean / 4 + 8))
        .collect();
    for index in 0..count {
        if let Some(entry) = make(index) {
            let p = if bits == 0 {
                0
            } else {
                (entry.hash >> (64 - bits)) as usize
            };
            out[p].push(entry);
        }
    }
    out
}

/// One task id within a partition: its lines on each side as lists threaded through
/// `next` arrays, in file order.
#[derive(Clone, Copy)]
struct PartGroup {
    /// The first entry with this id: (from the expected side, position in its part).
    first: (bool, u32),
    e_head: u32,
    e_tail: u32,
    e_count: u32,
    s_head: u32,
    s_tail: u32,
    s_count: u32,
}

const END: u32 = u32::MAX;

/// A statement line as the join hands it over: its position in the statement, and whether
/// its payout failed (read once while partitioning, so that the common cases are decided
/// without touching the line again).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct JoinedLine {
    pub(super) index: usize,
    pub(super) failed: bool,
}

/// The open lines of both sides, partitioned by task id: built once, then visited task by
/// task with [`TaskJoin::for_each_task`].
pub(super) struct TaskJoin<'a, E, S> {
    expected: &'a [E],
    statement: &'a [S],
    e_parts: Vec<Vec<JoinEntry>>,
    s_parts: Vec<Vec<JoinEntry>>,
}

impl<'a, E: ExpectedRecord, S: StatementRecord> TaskJoin<'a, E, S> {
    /// Partitions the expected lines `open_expected` keeps and the statement lines
    /// `open_statement` keeps (each asked once per line, by position). From
    /// [`PARALLEL_FROM`](super::parallel::PARALLEL_FROM) lines on the larger side, the
    /// expected side is partitioned on a second thread.
    pub(super) fn build(
        expected: &'a [E],
        statement: &'a [S],
        open_expected: impl Fn(usize) -> bool + Sync,
        open_statement: impl Fn(usize) -> bool,
    ) -> Self {
        let larger = expected.len().max(statement.len());
        let bits = (larger / PARTITION_TARGET)
            .checked_next_power_of_two()
            .map_or(0, usize::trailing_zeros)
            .min(16);
        let build_e = || {
            partition_lines(expected.len(), bits, |e| {
                open_expected(e).then(|| JoinEntry::new(expected[e].task_id(), e, false))
            })
        };
        let build_s = || {
            partition_lines(statement.len(), bits, |s| {
                open_statement(s)
                    .then(|| JoinEntry::new(statement[s].task_id(), s, statement[s].is_failed()))
            })
        };
        // Reading and hashing every task id is most of the join's cost; the two sides are
        // independent, so a large input builds them on two threads. The result is the same
        // either way.
        let (e_parts, s_parts) = in_parallel_from(larger, build_e, build_s);
        Self {
            expected,
            statement,
            e_parts,
            s_parts,
        }
    }

    /// Calls `visit` once for every task id with an open line, with its lines. The tasks
    /// come partition by partition, in order of their first entry within (expected lines
    /// before statement lines): the same order on every run, though callers need not
    /// depend on it.
    pub(super) fn for_each_task(&self, mut visit: impl FnMut(&TaskLines<'_>)) {
        let (expected, statement) = (self.expected, self.statement);
        // Equal ids have equal hashes, lengths and heads; only ids longer than the head
        // need the strings themselves.
        let id_of = |from_expected: bool, entry: &JoinEntry| {
            if from_expected {
                expected[entry.at()].task_id()
            } else {
                statement[entry.at()].task_id()
            }
        };
        let same_id = |a: (bool, &JoinEntry), b: (bool, &JoinEntry)| {
            a.1.hash == b.1.hash
                && a.1.len() == b.1.len()
                && a.1.head == b.1.head
                && (a.1.len() as usize <= INLINE_ID || id_of(a.0, a.1) == id_of(b.0, b.1))
        };

        let mut table: Vec<u32> = Vec::new();
        let mut groups: Vec<PartGroup> = Vec::new();
        let mut e_next: Vec<u32> = Vec::new();
        let mut s_next: Vec<u32> = Vec::new();
        for (es, ss) in self.e_parts.iter().zip(&self.s_parts) {
            // Group the partition's lines by task id with a small open-addressing table
            // that stays in cache: slot = group + 1, 0 = empty.
            let size = ((es.len() + ss.len()) * 2).next_power_of_two().max(16);
            let mask = size - 1;
            table.clear();
            table.resize(size, 0);
            groups.clear();
            e_next.clear();
            e_next.resize(es.len(), END);
            s_next.clear();
            s_next.resize(ss.len(), END);
            for (from_expected, part) in [(true, es), (false, ss)] {
                for (position, entry) in part.iter().enumerate() {
                    let mut slot = (entry.hash as usize) & mask;
                    let group = loop {
                        match table[slot] {
                            0 => {
                                groups.push(PartGroup {
                                    first: (from_expected, position as u32),
                                    e_head: END,
                                    e_tail: END,
                                    e_count: 0,
                                    s_head: END,
                                    s_tail: END,
                                    s_count: 0,
                                });
                                table[slot] = groups.len() as u32;
                                break groups.len() - 1;
                            }
                            taken => {
                                let g = (taken - 1) as usize;
                                let (first_e, first_at) = groups[g].first;
                                let first = if first_e {
                                    &es[first_at as usize]
                                } else {
                                    &ss[first_at as usize]
                                };
                                if same_id((first_e, first), (from_expected, entry)) {
                                    break g;
                                }
                                slot = (slot + 1) & mask;
                            }
                        }
                    };
                    let g = &mut groups[group];
                    let position = position as u32;
                    if from_expected {
                        if g.e_tail == END {
                            g.e_head = position;
                        } else {
                            e_next[g.e_tail as usize] = position;
                        }
                        g.e_tail = position;
                        g.e_count += 1;
                    } else {
                        if g.s_tail == END {
                            g.s_head = position;
                        } else {
                            s_next[g.s_tail as usize] = position;
                        }
                        g.s_tail = position;
                        g.s_count += 1;
                    }
                }
            }

            for &group in &groups {
                visit(&TaskLines {
                    e_part: es,
                    s_part: ss,
                    e_next: &e_next,
                    s_next: &s_next,
                    group,
                });
            }
        }
    }
}

/// One task id's open lines, each side in file order.
pub(super) struct TaskLines<'j> {
    e_part: &'j [JoinEntry],
    s_part: &'j [JoinEntry],
    e_next: &'j [u32],
    s_next: &'j [u32],
    group: PartGroup,
}

impl TaskLines<'_> {
    pub(super) fn expected_count(&self) -> u32 {
        self.group.e_count
    }

    pub(super) fn statement_count(&self) -> u32 {
        self.group.s_count
    }

    /// The expected lines' positions, in file order.
    pub(super) fn expected(&self) -> impl Iterator<Item = usize> + '_ {
        chain(self.group.e_head, self.e_next).map(|at| self.e_part[at].at())
    }

    /// The statement lines, in file order.
    pub(super) fn statement(&self) -> impl Iterator<Item = JoinedLine> + '_ {
        chain(self.group.s_head, self.s_next).map(|at| {
            let entry = &self.s_part[at];
            JoinedLine {
                index: entry.at(),
                failed: entry.failed(),
            }
        })
    }
}

/// The positions of a list threaded through `next`, from `head`.
fn chain(head: u32, next: &[u32]) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors((head != END).then_some(head), move |&at| {
        let n = next[at as usize];
        (n != END).then_some(n)
    })
    .map(|at| at as usize)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use chrono::NaiveDate;
    use rust_decimal::Decimal;

    use super::*;
    use crate::reconcile::records::{ExpectedLine, LineKey, PayoutStatus, StatementLine};

    fn key(n: usize) -> LineKey {
        LineKey {
            fingerprint: n as u64,
            occurrence: 0,
        }
    }

    fn exp(task_id: &str, n: usize) -> ExpectedLine {
        ExpectedLine {
            key: key(n),
            task_id: task_id.into(),
            amount: Decimal::ONE,
            due_date: None,
            gross: None,
            fee: None,
            tax: None,
        }
    }

    fn stmt(task_id: &str, n: usize, failed: bool) -> StatementLine {
        StatementLine {
            key: key(n),
            statement_id: "JS1".into(),
            task_id: task_id.into(),
            amount: Decimal::ONE,
            date: NaiveDate::from_ymd_opt(2026, 3, 1).expect("date"),
            status: if failed {
                PayoutStatus::Failed
            } else {
                PayoutStatus::Settled
            },
            gross: None,
            fee: None,
            tax: None,
        }
    }

    type Groups = BTreeMap<String, (Vec<usize>, Vec<JoinedLine>)>;

    /// Every task the join visits, by task id; each must come once, with its counts right.
    fn joined(
        expected: &[ExpectedLine],
        statement: &[StatementLine],
        open_e: impl Fn(usize) -> bool + Sync,
        open_s: impl Fn(usize) -> bool,
    ) -> Groups {
        let join = TaskJoin::build(expected, statement, open_e, open_s);
        let mut groups = Groups::new();
        join.for_each_task(|task| {
            let e: Vec<usize> = task.expected().collect();
            let s: Vec<JoinedLine> = task.statement().collect();
            assert_eq!(task.expected_count() as usize, e.len());
            assert_eq!(task.statement_count() as usize, s.len());
            let id = match (e.first(), s.first()) {
                (Some(&e), _) => expected[e].task_id.clone(),
                (None, Some(s)) => statement[s.index].task_id.clone(),
                (None, None) => panic!("a task with no line"),
            };
            assert!(groups.insert(id.clone(), (e, s)).is_none(), "{id} twice");
        });
        groups
    }

    /// The same grouping the plain way.
    fn grouped(
        expected: &[ExpectedLine],
        statement: &[StatementLine],
        open_e: impl Fn(usize) -> bool,
        open_s: impl Fn(usize) -> bool,
    ) -> Groups {
        let mut groups = Groups::new();
        for (e, line) in expected.iter().enumerate().filter(|(e, _)| open_e(*e)) {
            groups.entry(line.task_id.clone()).or_default().0.push(e);
        }
        for (s, line) in statement.iter().enumerate().filter(|(s, _)| open_s(*s)) {
            groups
                .entry(line.task_id.clone())
                .or_default()
                .1
                .push(JoinedLine {
                    index: s,
                    failed: line.is_failed(),
                });
        }
        groups
    }

    #[test]
    fn each_task_comes_once_with_its_open_lines_in_file_order() {
        let expected = [exp("T1", 0), exp("T2", 1), exp("T1", 2), exp("T3", 3)];
        let statement = [
            stmt("T2", 10, false),
            stmt("T1", 11, false),
            stmt("T4", 12, false),
            stmt("T1", 13, true),
            stmt("T1", 14, false),
        ];
        // Expected line 3 and statement line 4 were settled before the join.
        let groups = joined(&expected, &statement, |e| e != 3, |s| s != 4);
        let line = |index, failed| JoinedLine { index, failed };
        let want: Groups = [
            ("T1", vec![0, 2], vec![line(1, false), line(3, true)]),
            ("T2", vec![1], vec![line(0, false)]),
            ("T4", vec![], vec![line(2, false)]),
        ]
        .into_iter()
        .map(|(id, e, s)| (id.to_owned(), (e, s)))
        .collect();
        assert_eq!(groups, want);
    }

    #[test]
    fn ids_longer_than_the_inline_head_are_compared_whole() {
        let head = "x".repeat(INLINE_ID);
        let (a, b) = (format!("{head}a"), format!("{head}b"));
        let expected = [exp(&a, 0), exp(&b, 1)];
        let statement = [
            stmt(&b, 2, false),
            stmt(&a, 3, false),
            stmt(&head, 4, false),
        ];
        let groups = joined(&expected, &statement, |_| true, |_| true);
        assert_eq!(groups, grouped(&expected, &statement, |_| true, |_| true));
        assert_eq!(groups.len(), 3);
    }

    #[test]
    fn a_large_partitioned_threaded_join_groups_like_a_plain_map() {
        // Past PARALLEL_FROM and over many partitions; ids of several lengths, some
        // beyond the inline head.
        let id = |i: usize| {
            let n = (i * 7919) % 20_011;
            if n.is_multiple_of(5) {
                format!("a-task-id-longer-than-the-head-{n}")
            } else {
                format!("T{n}")
            }
        };
        let expected: Vec<ExpectedLine> = (0..30_000).map(|i| exp(&id(i * 3), i)).collect();
        let statement: Vec<StatementLine> = (0..PARALLEL_FROM + 10_000)
            .map(|i| stmt(&id(i), i, i.is_multiple_of(11)))
            .collect();
        let open_e = |e: usize| !e.is_multiple_of(13);
        let open_s = |s: usize| !s.is_multiple_of(17);
        assert_eq!(
            joined(&expected, &statement, open_e, open_s),
            grouped(&expected, &statement, open_e, open_s)
        );
    }
}
