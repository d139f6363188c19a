//! The task axis: expected lines ↔ statement lines by task id, a radix-partitioned hash
//! join, and the telling of each statement line's outcome.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::decisions::Resolved;
use super::hash::hash_str;
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

/// Runs `other` on a second thread while this one runs `here`, and returns both results.
/// When no thread can be had (a process at its thread limit), `other` simply runs here
/// too: parallelism is only ever a speed-up, never a new way to fail. A panic in either
/// is passed on.
pub(super) fn in_parallel<A, B>(
    other: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B)
where
    A: Send,
{
    let other = std::sync::Mutex::new(Some(other));
    let take = || other.lock().ok().and_then(|mut slot| slot.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new().spawn_scoped(scope, || {
            let job = take();
            job.map(|job| job())
        });
        let mine = here();
        let theirs = match spawned {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => None,
        };
        // Either the thread ran the job, or it never started and the job is still here.
        let theirs = match theirs {
            Some(result) => result,
            None => match take() {
                Some(job) => job(),
                None => unreachable!("the job runs exactly once"),
            },
        };
        (theirs, mine)
    })
}

pub(super) fn is_failed<S: StatementRecord>(line: &S) -> bool {
    line.is_failed()
}

/// Lines per partition the join aims at: a partition's entries stay in the CPU caches
/// while it is joined.
const PARTITION_TARGET: usize = 2048;

/// From this many lines on a side, the join builds the two sides' partitions on two
/// threads.
pub(super) const PARALLEL_FROM: usize = 50_000;

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
        if is_failed(&self.input.statement[s]) {
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
/// A radix-partitioned hash join: in one pass each side's lines are hashed and put, with
/// their task id's first bytes, into partitions of about [`PARTITION_TARGET`] lines by
/// the hash's top bits; each partition is then grouped by task id with a small hash table
/// that stays in cache. Every pass is sequential or stays within a cache-sized partition,
/// which is what makes a million-line join fast: one hash table of a million entries
/// would miss the cache on nearly every probe, and so would comparing the `String`s. The
/// outcome does not depend on the order tasks are visited in.
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

    let e_open = |e: usize| !e_decided.get(e).copied().unwrap_or(false);
    let larger = expected.len().max(statement.len());
    let bits = (larger / PARTITION_TARGET)
        .checked_next_power_of_two()
        .map_or(0, usize::trailing_zeros)
        .min(16);
    let build_e = || {
        partition_lines(expected.len(), bits, |e| {
            e_open(e).then(|| JoinEntry::new(expected[e].task_id(), e, false))
        })
    };
    let lines = &pairing.lines;
    let build_s = || {
        partition_lines(statement.len(), bits, |s| {
            (lines[s] == LineOutcome::Unset)
                .then(|| JoinEntry::new(statement[s].task_id(), s, is_failed(&statement[s])))
        })
    };
    // Reading and hashing every task id is most of the join's cost; the two sides are
    // independent, so a large input builds them on two threads. The result is the same
    // either way.
    let (e_parts, s_parts) = if larger >= PARALLEL_FROM {
        in_parallel(build_e, build_s)
    } else {
        (build_e(), build_s())
    };

    // Equal ids have equal hashes, lengths and heads; only ids longer than the head need
    // the strings themselves.
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

    let rejections = !decisions.rejected_task.is_empty();
    let mut table: Vec<u32> = Vec::new();
    let mut groups: Vec<PartGroup> = Vec::new();
    let mut e_next: Vec<u32> = Vec::new();
    let mut s_next: Vec<u32> = Vec::new();
    let mut exps: Vec<usize> = Vec::new();
    let mut stmts: Vec<usize> = Vec::new();
    for (es, ss) in e_parts.iter().zip(&s_parts) {
        // Group the partition's lines by task id with a small open-addressing table that
        // stays in cache: slot = group + 1, 0 = empty.
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

        for g in &groups {
            match (g.e_count, g.s_count) {
                // The common cases, decided on the entries alone.
                (1, 1) if !rejections => {
                    let (e, s) = (es[g.e_head as usize].at(), &ss[g.s_head as usize]);
                    if s.failed() {
                        pairing.lines[s.at()] = LineOutcome::Failed {
                            expected: narrow(e),
                        };
                        pairing.states[e] = ExpectedState::Failed;
                    } else {
                        pairing.lines[s.at()] = LineOutcome::Paid {
                            expected: narrow(e),
                            origin: Origin::Automatic,
                        };
                        pairing.states[e] = ExpectedState::Paid;
                    }
                }
                (0, 1) if pairing.decided_kept.is_empty() => {
                    let s = &ss[g.s_head as usize];
                    pairing.lines[s.at()] = if s.failed() {
                        LineOutcome::Failed { expected: NO_LINE }
                    } else {
                        LineOutcome::Unexpected
                    };
                }
                (1, 0) => {}
                _ => {
                    exps.clear();
                    let mut at = g.e_head;
                    while at != END {
                        exps.push(es[at as usize].at());
                        at = e_next[at as usize];
                    }
                    stmts.clear();
                    let mut at = g.s_head;
                    while at != END {
                        stmts.push(ss[at as usize].at());
                        at = s_next[at as usize];
                    }
                    pairing.task(&exps, &stmts);
                }
            }
        }
    }

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
                        expected: exp.key().clone(),
                        statement: line.key().clone(),
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
                            expected: exp.key().clone(),
                            statement: line.key().clone(),
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
                        kept: statement[widen(kept)].key().clone(),
                        extra: line.key().clone(),
                        amount: line.amount(),
                        date: line.date(),
                    }));
            }
            LineOutcome::Failed { expected: e } => {
                told.payout_failed.add(line.amount());
                told.failures.push(Discrepancy::PayoutFailed(PayoutFailed {
                    task_id: line.task_id(),
                    statement_id: line.statement_id(),
                    statement: line.key().clone(),
                    amount: line.amount(),
                    date: line.date(),
                    expected: (e != NO_LINE).then(|| expected[widen(e)].key().clone()),
                }));
            }
            LineOutcome::Unexpected | LineOutcome::Unset => {
                told.unexpected_payout.add(line.amount());
                told.unexpected_payouts
                    .push(Discrepancy::UnexpectedPayout(UnexpectedPayout {
                        task_id: line.task_id(),
                        statement_id: line.statement_id(),
                        statement: line.key().clone(),
                        amount: line.amount(),
                        date: line.date(),
                    }));
            }
        }
    }
    told
}
