//! The money axis of reconciliation: statement lines ↔ platform credits in the bank (by
//! reference, by amount and date, several lines to one credit), the user's decisions on
//! it, unexpected credits, and R-SETTLE-1's overdue payouts across holidays.

mod common;

use chrono::NaiveDate;
use common::{bk, credit, d, date, invoice, overdue_ids, paid, sk, statement, unexpected_credits};
use stardesk_domain::calendar::{payout_deadline, CalendarWarning, WorkCalendar};
use stardesk_domain::reconcile::{
    reason_en, reason_zh, reconcile, BankLine, Decision, Discrepancy, DiscrepancyCode, Inputs,
    InvoiceLine, Match, Origin, Pair, PayoutMatch, PayoutMethod, ReconcileOptions, Reconciliation,
    StatementLine,
};

fn june(day: u32) -> NaiveDate {
    date(2025, 6, day)
}

fn options() -> ReconcileOptions {
    ReconcileOptions::new(date(2025, 7, 31))
}

fn run<'a>(
    statement: &'a [StatementLine],
    bank: &'a [BankLine],
    decisions: &'a [Decision],
    options: &ReconcileOptions,
) -> Reconciliation<'a> {
    reconcile(
        &Inputs {
            statement,
            bank,
            decisions,
            ..Inputs::default()
        },
        options,
    )
}

fn payouts<'r, 'a>(r: &'r Reconciliation<'a>) -> Vec<&'r PayoutMatch<'a>> {
    r.matches
        .iter()
        .filter_map(|m| match m {
            Match::Payout(p) => Some(p.as_ref()),
            Match::Task(_) => None,
        })
        .collect()
}

#[test]
fn a_credit_naming_the_statement_pays_all_its_lines_first() {
    let s = vec![
        statement(1, "JS202506001", "T1", "100", june(1)),
        statement(2, "JS202506001", "T2", "200", june(1)),
        statement(3, "JS202506002", "T3", "300", june(1)),
    ];
    // The amount alone would match line 3 (300), but the memo names statement 001.
    let b = vec![credit(
        1,
        "B1",
        june(20),
        "300",
        "星图结算 JS202506001 打款",
    )];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![(vec![sk(1), sk(2)], vec![bk(1)], PayoutMethod::Reference)]
    );
    let p = payouts(&r)[0];
    assert_eq!(p.statement_ids, vec!["JS202506001"]);
    assert_eq!((p.statement_total, p.bank_total), (d("300"), d("300")));
    assert_eq!(r.summary.paid.count, 2);
}

#[test]
fn a_reference_in_the_transaction_id_counts_and_is_matched_as_a_whole_token() {
    let s = vec![
        statement(1, "JS1", "T1", "10", june(1)),
        statement(2, "JS10", "T2", "20", june(1)),
    ];
    // "JS10" contains "JS1", but not as a whole token: only JS10 is named.
    let b = vec![credit(1, "PAY-JS10", june(30), "20", "")];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![(vec![sk(2)], vec![bk(1)], PayoutMethod::Reference)]
    );
}

#[test]
fn amount_and_date_match_from_1_day_before_to_the_5th_working_day_after() {
    // Tuesday 2025-06-10; its working days after: 6-11, 6-12, 6-13, 6-16, 6-17 (the 5th),
    // 6-18 (the 6th). The old ±3 calendar days took 6-07 and 6-08 and left 6-14..6-17 out.
    for (day, matched) in [
        (7, false),
        (8, false),
        (9, true),
        (10, true),
        (13, true),
        (14, true),
        (17, true),
        (18, false),
    ] {
        let s = vec![statement(1, "A", "T1", "500", june(10))];
        let b = vec![credit(1, "B1", june(day), "500", "巨量引擎结算款")];
        let r = run(&s, &b, &[], &options());
        if matched {
            let gap = (june(day) - june(10)).num_days().unsigned_abs() as u32;
            assert_eq!(
                paid(&r),
                vec![(
                    vec![sk(1)],
                    vec![bk(1)],
                    PayoutMethod::AmountAndDate { day_gap: gap }
                )],
                "credit on day {day}"
            );
        } else {
            assert!(paid(&r).is_empty(), "credit on day {day}");
            assert_eq!(unexpected_credits(&r), vec![bk(1)], "credit on day {day}");
        }
    }
}

#[test]
fn the_window_and_the_tolerance_are_parameters() {
    let s = vec![statement(1, "A", "T1", "500.00", june(10))];
    let b = vec![credit(1, "B1", june(11), "499.99", "抖音")];
    // Default: ¥0.00 tolerance, so one fen off is no match.
    assert!(paid(&run(&s, &b, &[], &options())).is_empty());
    let mut loose = options();
    loose.amount_tolerance = d("0.01");
    assert_eq!(paid(&run(&s, &b, &[], &loose)).len(), 1);
    let b2 = vec![credit(1, "B1", june(11), "499.98", "抖音")];
    assert!(
        paid(&run(&s, &b2, &[], &loose)).is_empty(),
        "two fen is beyond 0.01"
    );
    // Wednesday 2025-06-18 is the 6th working day after Tuesday 6-10.
    let b3 = vec![credit(1, "B1", june(18), "500.00", "抖音")];
    let mut wide = options();
    wide.bank_window_working_days = 6;
    assert_eq!(paid(&run(&s, &b3, &[], &wide)).len(), 1);
    assert!(paid(&run(&s, &b3, &[], &options())).is_empty());
    // Two days before the line: only with an allowance of 2.
    let b4 = vec![credit(1, "B1", june(8), "500.00", "抖音")];
    let mut early = options();
    early.bank_early_days = 2;
    assert_eq!(paid(&run(&s, &b4, &[], &early)).len(), 1);
    assert!(paid(&run(&s, &b4, &[], &options())).is_empty());
    let mut none_early = options();
    none_early.bank_early_days = 0;
    let b5 = vec![credit(1, "B1", june(9), "500.00", "抖音")];
    assert!(paid(&run(&s, &b5, &[], &none_early)).is_empty());
}

#[test]
fn the_closest_date_wins_and_ties_go_to_the_earlier_credit() {
    let s = vec![statement(1, "A", "T1", "500", june(10))];
    // (A credit two days before, 6-08, is outside the window altogether.)
    let b = vec![
        credit(1, "B1", june(13), "500", "星图"),
        credit(2, "B2", june(11), "500", "星图"),
    ];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![(
            vec![sk(1)],
            vec![bk(2)],
            PayoutMethod::AmountAndDate { day_gap: 1 }
        )]
    );

    let b = vec![
        credit(1, "B1", june(11), "500", "星图"),
        credit(2, "B2", june(9), "500", "星图"),
    ];
    let r = run(&s, &b, &[], &options());
    assert_eq!(paid(&r)[0].1, vec![bk(2)], "equal gaps: the earlier credit");
}

#[test]
fn closer_pairs_are_made_first_across_lines() {
    // Line 1 (day 10) would grab the day-12 credit if lines went in date order; the
    // day-12 line is 0 days from it, so it gets it and line 1 takes day 9.
    let s = vec![
        statement(1, "A", "T1", "500", june(10)),
        statement(2, "A", "T2", "500", june(12)),
    ];
    let b = vec![
        credit(1, "B1", june(12), "500", "星图"),
        credit(2, "B2", june(9), "500", "星图"),
    ];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![
            (
                vec![sk(2)],
                vec![bk(1)],
                PayoutMethod::AmountAndDate { day_gap: 0 }
            ),
            (
                vec![sk(1)],
                vec![bk(2)],
                PayoutMethod::AmountAndDate { day_gap: 1 }
            ),
        ]
    );
}

#[test]
fn one_credit_pays_three_lines_within_7_days() {
    let s = vec![
        statement(1, "S1", "T1", "100.00", june(3)),
        statement(2, "S2", "T2", "250.50", june(10)),
        statement(3, "S3", "T3", "49.50", june(17)),
        // A decoy that would also fit the sum but is outside the window.
        statement(4, "S4", "T4", "49.50", june(25)),
    ];
    let b = vec![credit(1, "B1", june(10), "400.00", "即合打款")];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![(vec![sk(1), sk(2), sk(3)], vec![bk(1)], PayoutMethod::Group)]
    );
}

#[test]
fn no_group_when_one_line_is_8_days_away() {
    let s = vec![
        statement(1, "S1", "T1", "100.00", june(2)),
        statement(2, "S2", "T2", "250.50", june(10)),
        statement(3, "S3", "T3", "49.50", june(17)),
    ];
    let b = vec![credit(1, "B1", june(10), "400.00", "即合打款")];
    let r = run(&s, &b, &[], &options());
    assert!(paid(&r).is_empty());
    assert_eq!(unexpected_credits(&r), vec![bk(1)]);
}

#[test]
fn the_smallest_group_wins() {
    // 300 = 100 + 200 = 50 + 100 + 150: the pair is chosen.
    let s = vec![
        statement(1, "S", "T1", "50", june(10)),
        statement(2, "S", "T2", "100", june(10)),
        statement(3, "S", "T3", "150", june(10)),
        statement(4, "S", "T4", "200", june(11)),
        statement(5, "S", "T5", "999", june(11)),
    ];
    let b = vec![credit(1, "B1", june(10), "300", "星图")];
    let r = run(&s, &b, &[], &options());
    let (lines, _, method) = &paid(&r)[0];
    assert_eq!(*method, PayoutMethod::Group);
    assert_eq!(lines.len(), 2);
    assert_eq!(lines, &vec![sk(2), sk(4)]);
}

#[test]
fn the_remaining_lines_of_one_statement_match_a_credit_beyond_the_group_size_cap() {
    let s: Vec<StatementLine> = (1..=12)
        .map(|n| statement(n, "JS-BIG", &format!("T{n}"), "10.00", june(10)))
        .collect();
    let b = vec![credit(1, "B1", june(12), "120.00", "星图")];
    let r = run(&s, &b, &[], &options());
    let (lines, _, method) = &paid(&r)[0];
    assert_eq!((lines.len(), *method), (12, PayoutMethod::WholeStatement));
}

#[test]
fn a_line_is_never_paid_twice() {
    // Two credits equal to the same single line: one pays it, the other is unexpected.
    let s = vec![statement(1, "A", "T1", "500", june(10))];
    let b = vec![
        credit(1, "B1", june(10), "500", "星图"),
        credit(2, "B2", june(11), "500", "星图"),
    ];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![(
            vec![sk(1)],
            vec![bk(1)],
            PayoutMethod::AmountAndDate { day_gap: 0 }
        )]
    );
    assert_eq!(unexpected_credits(&r), vec![bk(2)]);

    // Groups: 30 = 10 + 20 takes line 2, so 50 = 20 + 30 cannot use it again.
    let s = vec![
        statement(1, "A", "T1", "10", june(10)),
        statement(2, "B", "T2", "20", june(10)),
        statement(3, "C", "T3", "30", june(10)),
    ];
    let b = vec![
        credit(1, "B1", june(10), "30", "星图"),
        credit(2, "B2", june(11), "50", "星图"),
    ];
    let r = run(&s, &b, &[], &options());
    // Credit 1 (30) first takes line 3 by amount and date; credit 2 (50) has 10 + 20 = 30
    // left, so it is unexpected.
    assert_eq!(
        paid(&r),
        vec![(
            vec![sk(3)],
            vec![bk(1)],
            PayoutMethod::AmountAndDate { day_gap: 0 }
        )]
    );
    assert_eq!(unexpected_credits(&r), vec![bk(2)]);

    // 40 = 10 + 30 takes line 3; 50 = 20 + 30 would need it again.
    let b = vec![
        credit(1, "B1", june(10), "40", "星图"),
        credit(2, "B2", june(11), "50", "星图"),
    ];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![(vec![sk(1), sk(3)], vec![bk(1)], PayoutMethod::Group)]
    );
    assert_eq!(unexpected_credits(&r), vec![bk(2)]);
    let mut seen = std::collections::HashSet::new();
    for p in payouts(&r) {
        for k in &p.statement {
            assert!(seen.insert(*k), "{k:?} paid twice");
        }
    }
}

#[test]
fn a_rejected_pair_is_not_proposed_again() {
    let s = vec![statement(1, "A", "T1", "500", june(10))];
    let b = vec![
        credit(1, "B1", june(10), "500", "星图"),
        credit(2, "B2", june(12), "500", "星图"),
    ];
    let first = run(&s, &b, &[], &options());
    assert_eq!(paid(&first)[0].1, vec![bk(1)]);
    let decisions = vec![Decision::Reject(first.matches[0].pair())];
    let r = run(&s, &b, &decisions, &options());
    // The next best credit is proposed instead; the rejected one is left over.
    assert_eq!(
        paid(&r),
        vec![(
            vec![sk(1)],
            vec![bk(2)],
            PayoutMethod::AmountAndDate { day_gap: 2 }
        )]
    );
    assert_eq!(unexpected_credits(&r), vec![bk(1)]);
}

#[test]
fn a_rejected_line_is_not_put_in_a_group_or_a_reference_match_with_that_credit() {
    let s = vec![
        statement(1, "S1", "T1", "100", june(10)),
        statement(2, "S1", "T2", "200", june(10)),
    ];
    let b = vec![credit(1, "B1", june(10), "300", "星图 S1")];
    let decisions = vec![Decision::Reject(Pair::Payout {
        statement: vec![sk(1)],
        bank: vec![bk(1)],
    })];
    let r = run(&s, &b, &decisions, &options());
    // Reference still pays line 2 (the user only said line 1 is not in it).
    assert_eq!(
        paid(&r),
        vec![(vec![sk(2)], vec![bk(1)], PayoutMethod::Reference)]
    );
}

#[test]
fn a_rejected_group_is_not_proposed_again_but_another_set_may_be() {
    let s = vec![
        statement(1, "A", "T1", "100", june(10)),
        statement(2, "B", "T2", "200", june(10)),
        statement(3, "C", "T3", "120", june(11)),
        statement(4, "D", "T4", "180", june(11)),
    ];
    let b = vec![credit(1, "B1", june(10), "300", "星图")];
    let first = run(&s, &b, &[], &options());
    assert_eq!(paid(&first)[0].0, vec![sk(1), sk(2)]);
    let decisions = vec![Decision::Reject(first.matches[0].pair())];
    let r = run(&s, &b, &decisions, &options());
    assert_eq!(
        paid(&r),
        vec![(vec![sk(3), sk(4)], vec![bk(1)], PayoutMethod::Group)]
    );
}

#[test]
fn manual_and_accepted_matches_are_honoured_before_automatic_ones() {
    let s = vec![
        statement(1, "A", "T1", "500", june(10)),
        statement(2, "A", "T2", "70", june(10)),
    ];
    let mut private = credit(2, "B2", june(20), "60", "转账");
    private.counterparty = "张三".to_owned();
    let b = vec![credit(1, "B1", june(10), "500", "星图"), private];
    let decisions = vec![
        // Paid from a personal account: not a platform credit, but the user says so.
        Decision::ManualMatch {
            statement: vec![sk(2)],
            bank: vec![bk(2)],
        },
        Decision::Accept(Pair::Payout {
            statement: vec![sk(1)],
            bank: vec![bk(1)],
        }),
    ];
    let r = run(&s, &b, &decisions, &options());
    let got: Vec<_> = payouts(&r)
        .iter()
        .map(|p| (p.statement.clone(), p.method, p.origin))
        .collect();
    assert_eq!(
        got,
        vec![
            (vec![sk(1)], PayoutMethod::Decided, Origin::Accepted),
            (vec![sk(2)], PayoutMethod::Decided, Origin::Manual),
        ]
    );
    assert!(r
        .discrepancies
        .iter()
        .all(|x| x.code() != DiscrepancyCode::UnexpectedCredit));
}

#[test]
fn only_positive_credits_from_the_platform_count() {
    let s = vec![statement(1, "A", "T1", "500", june(10))];
    let mut other = credit(1, "B1", june(10), "500", "货款");
    other.counterparty = "某某商贸有限公司".to_owned();
    let refund = credit(2, "B2", june(10), "-500", "星图 退款");
    let b = vec![other, refund];
    let r = run(&s, &b, &[], &options());
    assert!(paid(&r).is_empty());
    assert!(
        unexpected_credits(&r).is_empty(),
        "neither is a platform credit"
    );

    // A configured payer name makes the first one count (ASCII case ignored).
    let mut configured = options();
    configured.platform_payers.push("某某商贸".to_owned());
    assert_eq!(paid(&run(&s, &b, &[], &configured)).len(), 1);
    let mut ascii = b.clone();
    ascii[0].counterparty = "XINGTU Payments Ltd".to_owned();
    let mut by_ascii = options();
    by_ascii.platform_payers = vec!["xingtu".to_owned()];
    assert_eq!(paid(&run(&s, &ascii, &[], &by_ascii)).len(), 1);
}

#[test]
fn an_unexpected_credit_gives_its_figures() {
    let b = vec![credit(7, "TXN-42", june(18), "1288.50", "星图结算")];
    let r = run(&[], &b, &[], &options());
    assert_eq!(r.summary.unexpected_credit.count, 1);
    assert_eq!(r.summary.unexpected_credit.total, d("1288.50"));
    let en = reason_en(&r.discrepancies[0]);
    for figure in ["TXN-42", "¥1288.50", "2025-06-18", "巨量"] {
        assert!(en.contains(figure), "{figure} not in {en}");
    }
    let zh = reason_zh(&r.discrepancies[0]);
    assert!(zh.contains("TXN-42") && zh.contains("¥1288.50"), "{zh}");
}

fn overdue_run<'a>(
    s: &'a [StatementLine],
    b: &'a [BankLine],
    invoices: &'a [InvoiceLine],
    as_of: NaiveDate,
) -> Reconciliation<'a> {
    reconcile(
        &Inputs {
            statement: s,
            bank: b,
            invoices,
            ..Inputs::default()
        },
        &ReconcileOptions::new(as_of),
    )
}

#[test]
fn r_settle_1_overdue_after_the_15th_working_day_across_national_day() {
    // Sent Friday 2025-09-26. Working days after it: Sun 9-28 (make-up), 9-29, 9-30; the
    // 10-01..10-08 holiday; 10-09, 10-10, Sat 10-11 (make-up), 10-13..10-17, 10-20..10-23:
    // the 15th is Thursday 2025-10-23.
    let sent = date(2025, 9, 26);
    assert_eq!(
        payout_deadline(sent, &WorkCalendar::china()),
        (date(2025, 10, 23), None)
    );
    let s = vec![
        statement(1, "JS-SEP", "T1", "800", date(2025, 9, 25)),
        statement(2, "JS-SEP", "T2", "200", date(2025, 9, 25)),
    ];
    let inv = vec![invoice(1, "JS-SEP", sent, "SF1234567890")];
    assert!(overdue_ids(&overdue_run(&s, &[], &inv, date(2025, 10, 23))).is_empty());
    let r = overdue_run(&s, &[], &inv, date(2025, 10, 24));
    assert_eq!(overdue_ids(&r), vec!["JS-SEP"]);
    let Discrepancy::PayoutOverdue(o) = &r.discrepancies.last().unwrap() else {
        panic!()
    };
    assert_eq!(
        (o.deadline, o.amount, o.lines.len()),
        (date(2025, 10, 23), d("1000"), 2)
    );
    assert_eq!(r.summary.payout_overdue.count, 1);
    assert_eq!(r.summary.payout_overdue.total, d("1000"));
    let en = reason_en(r.discrepancies.last().unwrap());
    for figure in [
        "JS-SEP",
        "2025-09-26",
        "2025-10-23",
        "¥1000.00",
        "SF1234567890",
        "R-SETTLE-1",
    ] {
        assert!(en.contains(figure), "{figure} not in {en}");
    }
    let zh = reason_zh(r.discrepancies.last().unwrap());
    for figure in [
        "JS-SEP",
        "2025-10-23",
        "¥1000.00",
        "第 15 个工作日",
        "收款账户",
    ] {
        assert!(zh.contains(figure), "{figure} not in {zh}");
    }
}

#[test]
fn r_settle_1_overdue_after_the_15th_working_day_across_spring_festival() {
    // Sent Friday 2026-02-06: 2-09..2-13, Sat 2-14 (make-up), the 2-15..2-23 holiday,
    // 2-24..2-27, Sat 2-28 (make-up), 3-02..3-05: the 15th is Thursday 2026-03-05.
    let sent = date(2026, 2, 6);
    assert_eq!(
        payout_deadline(sent, &WorkCalendar::china()).0,
        date(2026, 3, 5)
    );
    let s = vec![statement(1, "JS-FEB", "T1", "500", date(2026, 2, 5))];
    let inv = vec![invoice(1, "JS-FEB", sent, "YT1")];
    assert!(overdue_ids(&overdue_run(&s, &[], &inv, date(2026, 3, 5))).is_empty());
    assert_eq!(
        overdue_ids(&overdue_run(&s, &[], &inv, date(2026, 3, 6))),
        vec!["JS-FEB"]
    );
}

#[test]
fn r_settle_1_a_paid_statement_is_not_overdue() {
    let s = vec![
        statement(1, "JS-SEP", "T1", "800", date(2025, 9, 25)),
        statement(2, "JS-SEP", "T2", "200", date(2025, 9, 25)),
    ];
    let inv = vec![invoice(1, "JS-SEP", date(2025, 9, 26), "SF1")];
    let b = vec![credit(1, "B1", date(2025, 10, 20), "1000", "星图 JS-SEP")];
    let r = overdue_run(&s, &b, &inv, date(2025, 12, 1));
    assert!(overdue_ids(&r).is_empty());
    assert_eq!(r.summary.paid.count, 2);
}

#[test]
fn r_settle_1_the_wait_starts_from_the_latest_invoice_and_lists_every_tracking_number() {
    let s = vec![statement(1, "JS-SEP", "T1", "800", date(2025, 9, 25))];
    let inv = vec![
        invoice(1, "JS-SEP", date(2025, 9, 26), "SF1"),
        // A supplementary invoice mailed later.
        invoice(2, "JS-SEP", date(2025, 10, 9), "SF2"),
    ];
    let deadline = payout_deadline(date(2025, 10, 9), &WorkCalendar::china()).0;
    assert!(overdue_ids(&overdue_run(&s, &[], &inv, deadline)).is_empty());
    let r = overdue_run(&s, &[], &inv, deadline.succ_opt().unwrap());
    let Discrepancy::PayoutOverdue(o) = &r.discrepancies[r.discrepancies.len() - 1] else {
        panic!("{:?}", r.discrepancies)
    };
    assert_eq!(o.tracking_numbers, vec!["SF1", "SF2"]);
    assert_eq!(o.sent_date, date(2025, 10, 9));
}

#[test]
fn r_settle_1_outside_the_covered_years_the_calendar_warning_is_surfaced() {
    let s = vec![statement(1, "JS-27", "T1", "500", date(2027, 1, 5))];
    let inv = vec![invoice(1, "JS-27", date(2027, 1, 6), "SF27")];
    let r = overdue_run(&s, &[], &inv, date(2027, 6, 1));
    assert_eq!(r.calendar_warnings, vec![CalendarWarning { year: 2027 }]);
    let Discrepancy::PayoutOverdue(o) = &r.discrepancies[r.discrepancies.len() - 1] else {
        panic!()
    };
    assert_eq!(o.calendar_warning, Some(CalendarWarning { year: 2027 }));
    assert!(reason_en(&r.discrepancies[r.discrepancies.len() - 1]).contains("2027"));
    assert!(reason_zh(&r.discrepancies[r.discrepancies.len() - 1]).contains("2027 年"));

    // Not yet overdue, but the guess is still surfaced.
    let early = overdue_run(&s, &[], &inv, date(2027, 1, 7));
    assert!(overdue_ids(&early).is_empty());
    assert_eq!(
        early.calendar_warnings,
        vec![CalendarWarning { year: 2027 }]
    );
}

#[test]
fn the_axes_are_independent_a_mismatched_line_can_also_be_overdue() {
    let e = vec![common::expected(1, "T1", "900", None)];
    let s = vec![statement(1, "JS-SEP", "T1", "800", date(2025, 9, 25))];
    let inv = vec![invoice(1, "JS-SEP", date(2025, 9, 26), "SF1")];
    let r = reconcile(
        &Inputs {
            expected: &e,
            statement: &s,
            invoices: &inv,
            ..Inputs::default()
        },
        &ReconcileOptions::new(date(2025, 11, 1)),
    );
    assert_eq!(
        r.discrepancies
            .iter()
            .map(Discrepancy::code)
            .collect::<Vec<_>>(),
        vec![
            DiscrepancyCode::AmountMismatch,
            DiscrepancyCode::PayoutOverdue
        ]
    );
}

#[test]
fn a_statement_paid_line_by_line_with_every_credit_naming_it_pairs_each_line() {
    let s = vec![
        statement(1, "JS202608001", "T1", "1200.00", june(10)),
        statement(2, "JS202608001", "T2", "760.00", june(10)),
    ];
    let b = vec![
        credit(1, "B1", june(11), "1200.00", "结算款 JS202608001"),
        credit(2, "B2", june(11), "760.00", "结算款 JS202608001"),
    ];
    let r = run(&s, &b, &[], &options());
    assert_eq!(
        paid(&r),
        vec![
            (vec![sk(1)], vec![bk(1)], PayoutMethod::Reference),
            (vec![sk(2)], vec![bk(2)], PayoutMethod::Reference)
        ]
    );
    assert!(unexpected_credits(&r).is_empty());
}
