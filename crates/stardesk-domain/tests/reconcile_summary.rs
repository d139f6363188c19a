//! The summary of compact lines (`reconcile::summary`) against the full reconciliation:
//! the same counts and totals in every class whenever it answers (R-SETTLE: one outcome
//! per statement line, failed payouts as failed, unpaid lines missing once due), and an
//! answer whenever no task needs the full rules.

mod common;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use common::{date, ek, key};
use proptest::prelude::*;
use rust_decimal::Decimal;
use stardesk_domain::reconcile::summary::{
    deal_bits, summarize_task_parts, summarize_tasks, OfTask, Part, TaskDue, TaskPayout,
};
use stardesk_domain::reconcile::{
    reconcile, ExpectedLine, Inputs, PayoutStatus, ReconcileOptions, StatementLine, Summary,
};

fn as_of() -> NaiveDate {
    date(2025, 6, 10)
}

/// The full reconciliation's summary of the same lines. Statement keys come from
/// `order`, so lines of one day are ordered by keys unrelated to their file positions.
fn full_summary(expected: &[TaskDue], statement: &[TaskPayout], order: &[u64]) -> Summary {
    let expected: Vec<ExpectedLine> = expected
        .iter()
        .enumerate()
        .map(|(i, line)| ExpectedLine {
            key: ek(i as u64),
            task_id: line.task.to_string(),
            amount: Decimal::new(line.fen(), 2),
            due_date: line.due,
            gross: None,
            fee: None,
            tax: None,
        })
        .collect();
    let statement: Vec<StatementLine> = statement
        .iter()
        .enumerate()
        .map(|(i, line)| StatementLine {
            key: key(2, order[i]),
            statement_id: format!("JS{i}"),
            task_id: line.task.to_string(),
            amount: Decimal::new(line.fen(), 2),
            date: line.date(),
            status: if line.failed() {
                PayoutStatus::Failed
            } else {
                PayoutStatus::Settled
            },
            gross: None,
            fee: None,
            tax: None,
        })
        .collect();
    let input = Inputs {
        expected: &expected,
        statement: &statement,
        bank: &[],
        invoices: &[],
        decisions: &[],
    };
    reconcile(&input, &ReconcileOptions::new(as_of())).summary
}

/// Whether some task has two expected lines, or two non-failed lines of one day with
/// different amounts (the cases the summary leaves to the full rules).
fn needs_full_rules(expected: &[TaskDue], statement: &[TaskPayout]) -> bool {
    let mut tasks = HashSet::new();
    if expected.iter().any(|line| !tasks.insert(line.task)) {
        return true;
    }
    let mut days: HashMap<(u64, NaiveDate), i64> = HashMap::new();
    statement
        .iter()
        .filter(|line| !line.failed())
        .any(|line| *days.entry((line.task, line.date())).or_insert(line.fen()) != line.fen())
}

fn lines() -> impl Strategy<Value = (Vec<TaskDue>, Vec<TaskPayout>, Vec<u64>)> {
    // Few tasks, amounts and days, so that equal amounts, same-day lines, duplicates,
    // failures and tasks on one side only all happen; dues around `as_of`.
    let expected = prop::collection::vec((0u64..10, 1i64..5, prop::option::of(0u64..20)), 0..12);
    let statement = prop::collection::vec((0u64..12, 1i64..5, 0u64..20, 0u8..5), 0..16);
    let order = prop::collection::vec(any::<u64>(), 16);
    (expected, statement, order).prop_map(|(expected, statement, order)| {
        let day = |n: u64| date(2025, 6, 1) + chrono::Days::new(n);
        (
            expected
                .into_iter()
                .map(|(task, amount, due)| {
                    TaskDue::new(
                        7_300_000_000_000_000_000 + task,
                        amount * 1000 - 1,
                        due.map(day),
                    )
                    .expect("compact")
                })
                .collect(),
            statement
                .into_iter()
                .map(|(task, amount, on, status)| {
                    TaskPayout::new(
                        7_300_000_000_000_000_000 + task,
                        amount * 1000 - 1,
                        day(on),
                        status == 0,
                    )
                    .expect("compact")
                })
                .collect(),
            order,
        )
    })
}

/// Lines cut into parts at the given places (sorted, within the lines), as they lie.
fn cut<T: Clone>(lines: &[T], cuts: &[usize]) -> Vec<Part<T>> {
    cut_lines(lines, cuts).into_iter().map(Part::from).collect()
}

/// Lines cut into parts as a scan hands them over: part `i` as read by `read[i]` (0:
/// as it lies; 1 or 2: dealt into `1 << (3 + read)` buckets when not in task order, so
/// parts dealt into other buckets than the first dealt part's are dealt again).
fn cut_as_read<T: OfTask>(lines: &[T], cuts: &[usize], read: &[u8]) -> Vec<Part<T>> {
    cut_lines(lines, cuts)
        .into_iter()
        .enumerate()
        .map(|(i, mut part)| match read.get(i).copied().unwrap_or(0) {
            0 => Part::from(part),
            how => Part::as_read(&mut part, 3 + u32::from(how)),
        })
        .collect()
}

/// Lines cut into lists at the given places (sorted, within the lines).
fn cut_lines<T: Clone>(lines: &[T], cuts: &[usize]) -> Vec<Vec<T>> {
    let mut at: Vec<usize> = cuts.iter().map(|c| c % (lines.len() + 1)).collect();
    at.sort_unstable();
    let mut parts = Vec::new();
    let mut from = 0;
    for to in at.into_iter().chain([lines.len()]) {
        parts.push(lines[from..to].to_vec());
        from = to;
    }
    parts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    /// Lines in parts give the summary of the same lines in one list: sorted by task (the
    /// parts joined where they lie, tasks spanning parts, empty parts) or not (dealt into
    /// buckets by task, each bucket's tasks met in a table and summed).
    #[test]
    fn lines_in_parts_are_summarized_as_in_one_list(
        (expected, statement, _order) in lines(),
        sort in any::<bool>(),
        e_cuts in prop::collection::vec(any::<usize>(), 0..5),
        s_cuts in prop::collection::vec(any::<usize>(), 0..5),
    ) {
        let (mut expected, mut statement) = (expected, statement);
        if sort {
            expected.sort_by_key(|line| line.task);
            statement.sort_by_key(|line| line.task);
        }
        let parts = summarize_task_parts(&cut(&expected, &e_cuts), &cut(&statement, &s_cuts), as_of());
        let whole = summarize_tasks(&mut expected, &mut statement, as_of());
        prop_assert_eq!(parts, whole);
    }

    /// Parts as a scan hands them over, each dealt into buckets by task as it was read
    /// (when not in task order) or left as read, in any mix, with buckets of two sizes:
    /// the summary of the same lines in one list.
    #[test]
    fn parts_dealt_as_read_are_summarized_as_in_one_list(
        (expected, statement, _order) in lines(),
        sort in any::<bool>(),
        e_cuts in prop::collection::vec(any::<usize>(), 0..5),
        s_cuts in prop::collection::vec(any::<usize>(), 0..5),
        e_read in prop::collection::vec(0u8..3, 6),
        s_read in prop::collection::vec(0u8..3, 6),
    ) {
        let (mut expected, mut statement) = (expected, statement);
        if sort {
            expected.sort_by_key(|line| line.task);
            statement.sort_by_key(|line| line.task);
        }
        let parts = summarize_task_parts(
            &cut_as_read(&expected, &e_cuts, &e_read),
            &cut_as_read(&statement, &s_cuts, &s_read),
            as_of(),
        );
        let whole = summarize_tasks(&mut expected, &mut statement, as_of());
        prop_assert_eq!(parts, whole);
    }

    /// A part dealt as read holds the same lines as read, and one in task order is left
    /// as it lies (its lines taken, not copied).
    #[test]
    fn a_part_dealt_as_read_keeps_every_line(
        (_expected, statement, _order) in lines(),
        sort in any::<bool>(),
    ) {
        let mut statement = statement;
        if sort {
            statement.sort_by_key(|line| line.task);
        }
        let mut read = statement.clone();
        let part = Part::as_read(&mut read, 4);
        let in_order = statement.is_sorted_by_key(|line| line.task);
        prop_assert_eq!(read.is_empty(), in_order);
        let key = |line: &TaskPayout| (line.task, line.fen(), line.date(), line.failed());
        let (mut have, mut want) = (part.lines().to_vec(), statement.clone());
        if in_order {
            prop_assert_eq!(&have, &want);
        }
        have.sort_by_key(key);
        want.sort_by_key(key);
        prop_assert_eq!(have, want);
    }

    #[test]
    fn the_summary_of_compact_lines_is_the_full_reconciliations(
        (expected, statement, order) in lines()
    ) {
        let full = full_summary(&expected, &statement, &order);
        let hard = needs_full_rules(&expected, &statement);
        let (mut e, mut s) = (expected.clone(), statement.clone());
        match summarize_tasks(&mut e, &mut s, as_of()) {
            Some(summary) => prop_assert_eq!(summary, full),
            None => prop_assert!(hard, "no answer, though no task needs the full rules"),
        }
    }
}

/// A large file of the usual shape (one expected line a task; 1% missing, 1% short, 0.5%
/// failed, 0.5% paid twice on the same day) is answered, on the two-thread path, with
/// the full reconciliation's figures, and every class occurs.
#[test]
fn a_large_file_of_the_usual_shape_is_summarized_as_in_full() {
    let n = 60_000u64;
    let (mut expected, mut statement) = (Vec::new(), Vec::new());
    for i in 0..n {
        let task = 7_300_000_000_000_000_000 + i * 7919;
        let fen = 1_000 + (i * 7_919 % 5_000_000) as i64;
        let due = date(2025, 5, 20) + chrono::Days::new(i % 40);
        expected.push(TaskDue::new(task, fen, Some(due)).expect("compact"));
        let on = due + chrono::Days::new(3);
        match i % 200 {
            0 | 1 => continue,
            2 | 3 => statement.push(TaskPayout::new(task, fen - 7, on, false).expect("compact")),
            4 => statement.push(TaskPayout::new(task, fen, on, true).expect("compact")),
            5 => {
                for _ in 0..2 {
                    statement.push(TaskPayout::new(task, fen, on, false).expect("compact"));
                }
            }
            _ => statement.push(TaskPayout::new(task, fen, on, false).expect("compact")),
        }
    }
    // Statement lines of no expected task.
    statement.push(TaskPayout::new(42, 500, as_of(), false).expect("compact"));
    let order: Vec<u64> = (0..statement.len() as u64).collect();
    let full = full_summary(&expected, &statement, &order);
    // Shuffled by a fixed stride, as a file sorted by date rather than task would be.
    let len = statement.len();
    let mut shuffled: Vec<TaskPayout> = (0..len).map(|i| statement[i * 7_907 % len]).collect();
    // In parts as a scan reads them, in task order: joined where they lie, on the
    // two-thread path.
    let mut sorted = statement.clone();
    sorted.sort_by_key(|line| line.task);
    for (e_cuts, s_cuts) in [
        (
            &[7_001, 30_000, 30_001, 59_999][..],
            &[1, 12_345, 40_000][..],
        ),
        (&[][..], &[][..]),
        (&[0, 0, 60_000][..], &[29_999, 30_000, 30_001, 30_002][..]),
        // Statement parts cut inside the runs of one task's lines.
        (&[100, 200, 300][..], &[2, 3, 1_001, 1_002, 59_000][..]),
    ] {
        let in_parts =
            summarize_task_parts(&cut(&expected, e_cuts), &cut(&sorted, s_cuts), as_of());
        assert_eq!(in_parts.as_ref(), Some(&full), "cuts {e_cuts:?} {s_cuts:?}");
    }
    // No expected file: the statement alone, halved at its middle line.
    let no_expected = summarize_task_parts(&[], &cut(&sorted, &[20_000]), as_of());
    let mut alone = statement.clone();
    assert_eq!(no_expected, summarize_tasks(&mut [], &mut alone, as_of()));
    // In parts in no task order (an export in date order, say): dealt into buckets by
    // task, each bucket's tasks met in a table and summed, on the two-thread path;
    // dealt after reading, or as read (the statement's parts, in the buckets a scan of
    // these lines picks).
    let bits = deal_bits(statement.len());
    for (e_cuts, s_cuts) in [
        (&[][..], &[][..]),
        (&[7_001, 30_000][..], &[1, 12_345, 40_000, 40_001][..]),
    ] {
        let in_parts =
            summarize_task_parts(&cut(&expected, e_cuts), &cut(&shuffled, s_cuts), as_of());
        assert_eq!(in_parts.as_ref(), Some(&full), "cuts {e_cuts:?} {s_cuts:?}");
        let as_read: Vec<Part<TaskPayout>> = cut_lines(&shuffled, s_cuts)
            .into_iter()
            .map(|mut part| Part::as_read(&mut part, bits))
            .collect();
        let dealt = summarize_task_parts(&cut(&expected, e_cuts), &as_read, as_of());
        assert_eq!(
            dealt.as_ref(),
            Some(&full),
            "as read, cuts {e_cuts:?} {s_cuts:?}"
        );
    }
    let summary = summarize_tasks(&mut expected, &mut shuffled, as_of()).expect("answered");
    assert_eq!(summary, full);
    for (class, tally) in [
        ("matched", summary.matched),
        ("amount_mismatch", summary.amount_mismatch),
        ("missing_payout", summary.missing_payout),
        ("duplicate_payout", summary.duplicate_payout),
        ("payout_failed", summary.payout_failed),
        ("unexpected_payout", summary.unexpected_payout),
    ] {
        assert!(tally.count > 0, "no {class} lines");
    }
}

/// A compact line gives back the amount, day and failure it was made with, up to its
/// limits (32 bits of fen; a day of the common era, whose order is the dates'), and
/// there is none beyond them: its file then takes the full reconciliation.
#[test]
fn compact_lines_hold_what_they_are_made_with_up_to_their_limits() {
    assert_eq!(std::mem::size_of::<TaskPayout>(), 16);
    assert_eq!(std::mem::size_of::<TaskDue>(), 16);
    let days = [
        NaiveDate::from_ymd_opt(0, 12, 31).unwrap(),
        date(1, 1, 1),
        date(2026, 7, 1),
        date(9999, 12, 31),
    ];
    for fen in [i64::from(i32::MIN), -1, 0, 123_450, i64::from(i32::MAX)] {
        for day in days {
            for failed in [false, true] {
                let line = TaskPayout::new(u64::MAX, fen, day, failed).expect("compact");
                assert_eq!(
                    (line.task, line.fen(), line.date(), line.failed()),
                    (u64::MAX, fen, day, failed)
                );
            }
        }
        let due = TaskDue::new(7, fen, Some(days[2])).expect("compact");
        assert_eq!((due.fen(), due.due), (fen, Some(days[2])));
    }
    for fen in [i64::from(i32::MIN) - 1, i64::from(i32::MAX) + 1] {
        assert_eq!(TaskPayout::new(1, fen, days[2], false), None);
        assert_eq!(TaskDue::new(1, fen, None), None);
    }
    // Before the common era: no compact day.
    let before = NaiveDate::from_ymd_opt(0, 12, 30).unwrap();
    assert_eq!(TaskPayout::new(1, 5, before, false), None);
    // An earlier payout of a task is the one an expected line is paid with (R-SETTLE-1):
    // the days compare as the dates do, across the failure bit.
    let expected = [TaskDue::new(1, 500, Some(date(2025, 6, 1))).unwrap()];
    let statement = [
        TaskPayout::new(1, 400, date(2025, 6, 3), false).unwrap(),
        TaskPayout::new(1, 300, date(2025, 6, 2), false).unwrap(),
        TaskPayout::new(1, 300, date(2025, 6, 1), true).unwrap(),
    ];
    let (mut e, mut s) = (expected.to_vec(), statement.to_vec());
    let summary = summarize_tasks(&mut e, &mut s, as_of()).expect("answered");
    assert_eq!(summary, full_summary(&expected, &statement, &[0, 1, 2]));
    assert_eq!(summary.amount_mismatch.total, Decimal::new(-200, 2));
}
