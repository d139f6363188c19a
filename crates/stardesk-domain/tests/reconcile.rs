//! The task axis of reconciliation: expected earnings ↔ the platform's statement by task
//! id, each discrepancy class with its reason text, the summary, and the user's decisions.

mod common;

use common::{d, date, ek, expected, failed, sk, statement};
use rust_decimal::Decimal;
use stardesk_domain::reconcile::{
    reason_en, reason_zh, reconcile, Component, Decision, Discrepancy, DiscrepancyCode,
    IgnoredReason, Inputs, Match, Origin, Pair, PayoutStatus, ReconcileOptions, Reconciliation,
    StatementLine, Tally,
};

fn as_of() -> ReconcileOptions {
    ReconcileOptions::new(date(2025, 7, 31))
}

fn run<'a>(
    expected: &'a [stardesk_domain::reconcile::ExpectedLine],
    statement: &'a [StatementLine],
    decisions: &'a [Decision],
) -> Reconciliation<'a> {
    reconcile(
        &Inputs {
            expected,
            statement,
            decisions,
            ..Inputs::default()
        },
        &as_of(),
    )
}

fn june(day: u32) -> chrono::NaiveDate {
    date(2025, 6, day)
}

fn codes(r: &Reconciliation<'_>) -> Vec<DiscrepancyCode> {
    r.discrepancies.iter().map(Discrepancy::code).collect()
}

fn tally(count: u64, total: &str) -> Tally {
    Tally {
        count,
        total: d(total),
    }
}

#[test]
fn equal_amounts_match_by_task_id() {
    let e = vec![
        expected(1, "T1", "950.00", Some(june(30))),
        expected(2, "T2", "100", Some(june(30))),
    ];
    // In another order, and 100 == 100.00.
    let s = vec![
        statement(1, "JS1", "T2", "100.00", june(30)),
        statement(2, "JS1", "T1", "950", june(30)),
    ];
    let r = run(&e, &s, &[]);
    assert!(r.discrepancies.is_empty(), "{:?}", r.discrepancies);
    assert_eq!(r.summary.matched, tally(2, "1050"));
    match &r.matches[..] {
        [Match::Task(first), Match::Task(second)] => {
            // Statement-file order.
            assert_eq!((first.task_id, first.statement), ("T2", sk(1)));
            assert_eq!((second.task_id, second.expected), ("T1", ek(1)));
            assert_eq!(first.origin, Origin::Automatic);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn amount_mismatch_names_the_fee_when_the_fee_explains_it() {
    // R-PREF-3: expected an ordinary order's 5% (50.00); the statement charged the
    // preferred 15% on top (200.00): 150.00 less paid.
    let mut e = expected(1, "T1", "950.00", Some(june(30)));
    e.gross = Some(d("1000"));
    e.fee = Some(d("50.00"));
    e.tax = Some(d("0"));
    let mut s = statement(1, "JS1", "T1", "800.00", june(30));
    s.gross = Some(d("1000"));
    s.fee = Some(d("200.00"));
    s.tax = Some(d("0"));
    let (e, s) = (vec![e], vec![s]);
    let r = run(&e, &s, &[]);
    let Discrepancy::AmountMismatch(m) = &r.discrepancies[0] else {
        panic!("{:?}", r.discrepancies)
    };
    assert_eq!(m.difference, d("-150.00"));
    assert_eq!(m.components.len(), 1);
    assert_eq!(m.components[0].component, Component::Fee);
    assert_eq!(m.components[0].difference, d("150.00"));
    assert_eq!(m.unexplained, d("0"));
    assert_eq!(r.summary.amount_mismatch, tally(1, "-150.00"));

    let en = reason_en(&r.discrepancies[0]);
    for figure in [
        "T1",
        "¥800.00",
        "¥950.00",
        "-¥150.00",
        "the fees",
        "¥50.00",
        "¥200.00",
        "+¥150.00",
    ] {
        assert!(en.contains(figure), "{figure} not in {en}");
    }
    let zh = reason_zh(&r.discrepancies[0]);
    for figure in [
        "T1",
        "¥800.00",
        "¥950.00",
        "-¥150.00",
        "服务费",
        "¥50.00",
        "¥200.00",
    ] {
        assert!(zh.contains(figure), "{figure} not in {zh}");
    }
    let params = r.discrepancies[0].params();
    assert!(params.contains(&("fee_difference", "150.00".to_owned())));
    assert!(params.contains(&("difference", "-150.00".to_owned())));
}

#[test]
fn amount_mismatch_compares_component_by_component_gross_and_tax() {
    // R-REVIEW-5: expected the ¥500 tier, the statement paid the ¥100 tier, and withheld
    // 10 less tax on it: −400 + 10 = −390.
    let mut e = expected(1, "R1", "475.00", None);
    e.gross = Some(d("500"));
    e.fee = Some(d("25.00"));
    e.tax = Some(d("0"));
    let mut s = statement(1, "JS1", "R1", "85.00", june(30));
    s.gross = Some(d("100"));
    s.fee = Some(d("25.00"));
    s.tax = Some(d("-10"));
    let (e, s) = (vec![e], vec![s]);
    let r = run(&e, &s, &[]);
    let Discrepancy::AmountMismatch(m) = &r.discrepancies[0] else {
        panic!()
    };
    assert_eq!(
        m.components
            .iter()
            .map(|c| (c.component, c.difference))
            .collect::<Vec<_>>(),
        vec![(Component::Gross, d("-400")), (Component::Tax, d("-10"))]
    );
    assert_eq!(m.difference, d("-390.00"));
    assert_eq!(m.unexplained, d("0"));
    let en = reason_en(&r.discrepancies[0]);
    assert!(en.contains("the gross") && en.contains("the tax"), "{en}");
}

#[test]
fn amount_mismatch_without_components_says_they_do_not_explain_it() {
    let e = vec![expected(1, "T1", "100", None)];
    let s = vec![statement(1, "JS1", "T1", "99.99", june(30))];
    let r = run(&e, &s, &[]);
    let Discrepancy::AmountMismatch(m) = &r.discrepancies[0] else {
        panic!()
    };
    assert!(m.components.is_empty());
    assert_eq!((m.difference, m.unexplained), (d("-0.01"), d("-0.01")));
    let en = reason_en(&r.discrepancies[0]);
    assert!(
        en.contains("-¥0.01") && en.contains("do not explain"),
        "{en}"
    );
    assert!(reason_zh(&r.discrepancies[0]).contains("无法解释"));
}

#[test]
fn amount_mismatch_reports_what_the_components_leave_unexplained() {
    let mut e = expected(1, "T1", "950", None);
    e.fee = Some(d("50"));
    let mut s = statement(1, "JS1", "T1", "880", june(30));
    s.fee = Some(d("100"));
    let (e, s) = (vec![e], vec![s]);
    let r = run(&e, &s, &[]);
    let Discrepancy::AmountMismatch(m) = &r.discrepancies[0] else {
        panic!()
    };
    // −70 in all: the fee explains −50, 20 is left.
    assert_eq!((m.difference, m.unexplained), (d("-70"), d("-20")));
    assert!(reason_en(&r.discrepancies[0]).contains("-¥20.00 of it is not explained"));
}

#[test]
fn missing_payout_only_once_due() {
    let e = vec![
        expected(1, "PAST", "100", Some(date(2025, 7, 30))),
        expected(2, "TODAY", "200", Some(date(2025, 7, 31))),
        expected(3, "FUTURE", "300", Some(date(2025, 8, 1))),
        expected(4, "UNDATED", "400", None),
    ];
    let r = run(&e, &[], &[]);
    let missing: Vec<&str> = r
        .discrepancies
        .iter()
        .map(|x| match x {
            Discrepancy::MissingPayout(m) => m.task_id,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(missing, vec!["PAST", "TODAY", "UNDATED"]);
    assert_eq!(r.not_yet_due, vec![ek(3)]);
    assert_eq!(r.summary.missing_payout, tally(3, "700"));
    let en = reason_en(&r.discrepancies[0]);
    assert!(
        en.contains("PAST") && en.contains("¥100.00") && en.contains("2025-07-30"),
        "{en}"
    );
    let zh = reason_zh(&r.discrepancies[0]);
    assert!(zh.contains("¥100.00") && zh.contains("2025-07-30"), "{zh}");
}

#[test]
fn duplicate_payout_reports_the_extra_lines_and_keeps_the_exact_one() {
    let e = vec![expected(1, "T1", "100", None)];
    let s = vec![
        // The earlier line has the wrong amount; the exact one is kept as the payment.
        statement(1, "JS1", "T1", "90", june(1)),
        statement(2, "JS1", "T1", "100", june(2)),
        statement(3, "JS2", "T1", "100", june(3)),
        // A failed line is not a duplicate.
        failed(statement(4, "JS2", "T1", "100", june(4))),
    ];
    let r = run(&e, &s, &[]);
    assert_eq!(r.summary.matched, tally(1, "100"));
    assert_eq!(r.summary.duplicate_payout, tally(2, "190"));
    assert_eq!(r.summary.payout_failed, tally(1, "100"));
    let extras: Vec<_> = r
        .discrepancies
        .iter()
        .filter_map(|x| match x {
            Discrepancy::DuplicatePayout(dup) => Some((dup.extra, dup.kept)),
            _ => None,
        })
        .collect();
    assert_eq!(extras, vec![(sk(1), sk(2)), (sk(3), sk(2))]);
    let en = reason_en(&r.discrepancies[0]);
    assert!(
        en.contains("T1") && en.contains("¥90.00") && en.contains("2025-06-01"),
        "{en}"
    );
    assert!(reason_zh(&r.discrepancies[0]).contains("重复打款"));
}

#[test]
fn payout_failed_is_reported_and_not_also_missing() {
    let e = vec![expected(1, "T1", "100", None)];
    let s = vec![failed(statement(1, "JS1", "T1", "100", june(5)))];
    let r = run(&e, &s, &[]);
    assert_eq!(codes(&r), vec![DiscrepancyCode::PayoutFailed]);
    let Discrepancy::PayoutFailed(f) = &r.discrepancies[0] else {
        panic!()
    };
    assert_eq!(f.expected, Some(ek(1)));
    let zh = reason_zh(&r.discrepancies[0]);
    assert!(
        zh.contains("提现失败") && zh.contains("¥100.00") && zh.contains("JS1"),
        "{zh}"
    );
    let en = reason_en(&r.discrepancies[0]);
    assert!(en.contains("failed") && en.contains("R-SETTLE-2"), "{en}");
}

#[test]
fn a_line_for_a_task_not_expected_is_an_unexpected_payout() {
    let s = vec![
        statement(1, "JS1", "X", "66.60", june(5)),
        statement(2, "JS1", "X", "66.60", june(6)),
    ];
    let r = run(&[], &s, &[]);
    assert_eq!(
        codes(&r),
        vec![
            DiscrepancyCode::DuplicatePayout,
            DiscrepancyCode::UnexpectedPayout
        ]
    );
    assert_eq!(r.summary.unexpected_payout, tally(1, "66.60"));
    let text = reason_en(&r.discrepancies[1]);
    assert!(text.contains("X") && text.contains("¥66.60"), "{text}");
}

#[test]
fn other_statuses_are_payments() {
    let e = vec![expected(1, "T1", "1", None), expected(2, "T2", "2", None)];
    let mut a = statement(1, "JS1", "T1", "1", june(1));
    a.status = PayoutStatus::Withdrawing;
    let mut b = statement(2, "JS1", "T2", "2", june(1));
    b.status = PayoutStatus::Other("审核中".to_owned());
    let s = vec![a, b];
    assert_eq!(run(&e, &s, &[]).summary.matched.count, 2);
}

#[test]
fn summary_counts_every_statement_line_once_and_orders_discrepancies_by_class() {
    let e = vec![
        expected(1, "OK", "10", None),
        expected(2, "OFF", "10", None),
        expected(3, "GONE", "10", None),
        expected(4, "FAIL", "10", None),
        expected(5, "DUP", "10", None),
    ];
    let s = vec![
        statement(1, "JS", "NEW", "7", june(1)),
        statement(2, "JS", "DUP", "10", june(1)),
        failed(statement(3, "JS", "FAIL", "10", june(1))),
        statement(4, "JS", "OFF", "12", june(1)),
        statement(5, "JS", "OK", "10", june(1)),
        statement(6, "JS", "DUP", "10", june(2)),
    ];
    let r = run(&e, &s, &[]);
    assert_eq!(
        codes(&r),
        vec![
            DiscrepancyCode::AmountMismatch,
            DiscrepancyCode::MissingPayout,
            DiscrepancyCode::DuplicatePayout,
            DiscrepancyCode::PayoutFailed,
            DiscrepancyCode::UnexpectedPayout,
        ]
    );
    let sm = &r.summary;
    assert_eq!(sm.matched, tally(2, "20"));
    assert_eq!(sm.amount_mismatch, tally(1, "2"));
    assert_eq!(sm.missing_payout, tally(1, "10"));
    assert_eq!(sm.duplicate_payout, tally(1, "10"));
    assert_eq!(sm.payout_failed, tally(1, "10"));
    assert_eq!(sm.unexpected_payout, tally(1, "7"));
    let lines = sm.matched.count
        + sm.amount_mismatch.count
        + sm.duplicate_payout.count
        + sm.payout_failed.count
        + sm.unexpected_payout.count;
    assert_eq!(lines, s.len() as u64);
    // Same input, same output.
    assert_eq!(r, run(&e, &s, &[]));
}

#[test]
fn a_rejected_task_pair_is_never_proposed_again() {
    let e = vec![expected(1, "T1", "100", None)];
    let s = vec![statement(1, "JS1", "T1", "100", june(1))];
    let proposed = run(&e, &s, &[]);
    let pair = proposed.matches[0].pair();
    let decisions = vec![Decision::Reject(pair)];
    let r = run(&e, &s, &decisions);
    assert!(r.matches.is_empty());
    assert_eq!(
        codes(&r),
        vec![
            DiscrepancyCode::MissingPayout,
            DiscrepancyCode::UnexpectedPayout
        ]
    );
}

#[test]
fn a_rejected_pair_leaves_the_other_line_of_the_task_to_match() {
    let e = vec![expected(1, "T1", "100", None)];
    let s = vec![
        statement(1, "JS1", "T1", "100", june(1)),
        statement(2, "JS2", "T1", "100", june(2)),
    ];
    let decisions = vec![Decision::Reject(Pair::Task {
        expected: ek(1),
        statement: sk(1),
    })];
    let r = run(&e, &s, &decisions);
    assert!(matches!(&r.matches[..], [Match::Task(m)] if m.statement == sk(2)));
    assert!(
        matches!(&r.discrepancies[..], [Discrepancy::DuplicatePayout(dup)] if dup.extra == sk(1))
    );
}

#[test]
fn manual_task_matches_are_honoured_across_task_ids() {
    // The platform renamed the task; the user ties them together.
    let e = vec![
        expected(1, "T-OLD", "100", None),
        expected(2, "T2", "50", None),
    ];
    let s = vec![
        statement(1, "JS1", "T-NEW", "100", june(1)),
        statement(2, "JS1", "T2", "50", june(1)),
        // A second line for the renamed task duplicates the manual match.
        statement(3, "JS1", "T-NEW", "100", june(2)),
    ];
    let decisions = vec![
        Decision::ManualMatchTask {
            expected: ek(1),
            statement: sk(1),
        },
        Decision::Accept(Pair::Task {
            expected: ek(2),
            statement: sk(2),
        }),
    ];
    let r = run(&e, &s, &decisions);
    let origins: Vec<_> = r
        .matches
        .iter()
        .map(|m| match m {
            Match::Task(t) => (t.statement, t.origin),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        origins,
        vec![(sk(1), Origin::Manual), (sk(2), Origin::Accepted)]
    );
    assert!(matches!(
        &r.discrepancies[..],
        [Discrepancy::DuplicatePayout(dup)] if dup.extra == sk(3) && dup.kept == sk(1)
    ));
}

#[test]
fn a_manual_match_still_reports_an_amount_difference() {
    let e = vec![expected(1, "A", "100", None)];
    let s = vec![statement(1, "JS1", "B", "90", june(1))];
    let decisions = vec![Decision::ManualMatchTask {
        expected: ek(1),
        statement: sk(1),
    }];
    let r = run(&e, &s, &decisions);
    assert!(matches!(
        &r.discrepancies[..],
        [Discrepancy::AmountMismatch(m)] if m.origin == Origin::Manual && m.difference == d("-10")
    ));
}

#[test]
fn decisions_about_lines_no_longer_imported_or_already_decided_are_ignored() {
    let e = vec![expected(1, "T1", "100", None)];
    let s = vec![statement(1, "JS1", "T1", "100", june(1))];
    let decisions = vec![
        Decision::ManualMatchTask {
            expected: ek(99),
            statement: sk(1),
        },
        Decision::ManualMatchTask {
            expected: ek(1),
            statement: sk(1),
        },
        Decision::Accept(Pair::Task {
            expected: ek(1),
            statement: sk(1),
        }),
    ];
    let r = run(&e, &s, &decisions);
    assert_eq!(r.summary.matched.count, 1);
    assert_eq!(
        r.ignored_decisions
            .iter()
            .map(|i| (i.index, i.reason.clone()))
            .collect::<Vec<_>>(),
        vec![
            (0, IgnoredReason::UnknownLine(ek(99))),
            (2, IgnoredReason::AlreadyDecided(ek(1))),
        ]
    );
}

#[test]
fn amounts_of_the_summary_are_exact_decimals() {
    let e = vec![
        expected(1, "T1", "0.10", None),
        expected(2, "T2", "0.20", None),
    ];
    let s = vec![
        statement(1, "JS1", "T1", "0.10", june(1)),
        statement(2, "JS1", "T2", "0.20", june(1)),
    ];
    assert_eq!(run(&e, &s, &[]).summary.matched.total, d("0.30"));
    assert_eq!(Decimal::ZERO, Tally::default().total);
}

#[test]
fn long_task_ids_alike_in_their_first_bytes_are_told_apart() {
    // The join compares the first 24 bytes inline and the rest through the strings.
    let long = |tail: &str| format!("1234567890123456789012345678901234567890-{tail}");
    let e = vec![
        expected(1, &long("A"), "10", None),
        expected(2, &long("B"), "20", None),
    ];
    let s = vec![
        statement(1, "JS1", &long("B"), "20", june(1)),
        statement(2, "JS1", &long("A"), "11", june(1)),
        statement(3, "JS1", &long("C"), "30", june(1)),
    ];
    let r = run(&e, &s, &[]);
    assert_eq!(r.summary.matched, tally(1, "20"));
    assert_eq!(r.summary.amount_mismatch, tally(1, "1"));
    assert_eq!(r.summary.unexpected_payout, tally(1, "30"));
}
