//! Step 2's window between a statement line and the bank credit that pays it (issue 11):
//! directional, in working days on the calendar (weekends, holidays and make-up working
//! days), 1 calendar day early at most, and up to R-SETTLE-1's deadline once an invoice is
//! mailed.

mod common;

use chrono::NaiveDate;
use common::{bk, credit, date, invoice, overdue_ids, paid, sk, statement, unexpected_credits};
use stardesk_domain::calendar::{payout_deadline, WorkCalendar};
use stardesk_domain::reconcile::{
    reconcile, BankLine, Inputs, InvoiceLine, LineKey, PayoutMethod, ReconcileOptions,
    Reconciliation, StatementLine,
};

fn run<'a>(
    statement: &'a [StatementLine],
    bank: &'a [BankLine],
    invoices: &'a [InvoiceLine],
    as_of: NaiveDate,
) -> Reconciliation<'a> {
    reconcile(
        &Inputs {
            statement,
            bank,
            invoices,
            ..Inputs::default()
        },
        &ReconcileOptions::new(as_of),
    )
}

fn by_amount_and_date(day_gap: u32) -> Vec<(Vec<LineKey>, Vec<LineKey>, PayoutMethod)> {
    vec![(
        vec![sk(1)],
        vec![bk(1)],
        PayoutMethod::AmountAndDate { day_gap },
    )]
}

/// One line and one credit of the same amount: whether the credit pays the line.
fn pays(line: NaiveDate, credit_on: NaiveDate) -> bool {
    let s = vec![statement(1, "JS-1", "T1", "680.00", line)];
    let b = vec![credit(1, "B1", credit_on, "680.00", "星图结算")];
    let r = run(&s, &b, &[], date(2027, 12, 31));
    !paid(&r).is_empty()
}

#[test]
fn a_saturday_line_is_paid_by_the_credit_on_wednesday_two_working_days_later() {
    // Saturday 2025-05-31 opens the Dragon Boat holiday (to Monday 6-02): Tuesday 6-03 and
    // Wednesday 6-04 are the 1st and 2nd working days after it, 4 calendar days on. The old
    // ±3 calendar days reported the line overdue and the credit unexpected.
    let calendar = WorkCalendar::china();
    let (line_day, credit_day) = (date(2025, 5, 31), date(2025, 6, 4));
    assert_eq!(
        calendar.working_days_between(line_day, credit_day),
        (2, None)
    );
    let s = vec![statement(1, "JS202505", "T1", "1288.00", line_day)];
    let b = vec![credit(1, "B1", credit_day, "1288.00", "巨量引擎 结算款")];

    let r = run(&s, &b, &[], date(2025, 7, 31));
    assert_eq!(paid(&r), by_amount_and_date(4));
    assert!(unexpected_credits(&r).is_empty());

    // As in the issue: an invoice mailed that Saturday, reconciled long after R-SETTLE-1's
    // deadline. Paid, so neither overdue nor unexpected.
    let inv = vec![invoice(1, "JS202505", line_day, "SF0531")];
    let r = run(&s, &b, &inv, date(2025, 12, 31));
    assert_eq!(paid(&r), by_amount_and_date(4));
    assert!(overdue_ids(&r).is_empty(), "{:?}", r.discrepancies);
    assert!(unexpected_credits(&r).is_empty());
}

#[test]
fn a_line_before_spring_festival_is_paid_by_the_5th_working_day_make_up_saturdays_counted() {
    // Friday 2026-02-13: Saturday 2-14 (make-up) is the 1st working day after it, the
    // 2-15..2-23 holiday none, 2-24..2-27 the 2nd to the 5th, Saturday 2-28 (make-up) the
    // 6th: two weeks of calendar days.
    let line = date(2026, 2, 13);
    assert_eq!(
        WorkCalendar::china().add_working_days(line, 5),
        (date(2026, 2, 27), None)
    );
    let s = vec![statement(1, "JS202602", "T1", "3000.00", line)];
    for (credit_day, gap) in [
        (date(2026, 2, 14), 1),
        (date(2026, 2, 20), 7),
        (date(2026, 2, 27), 14),
    ] {
        let b = vec![credit(1, "B1", credit_day, "3000.00", "星图")];
        let r = run(&s, &b, &[], date(2026, 3, 31));
        assert_eq!(paid(&r), by_amount_and_date(gap), "credit on {credit_day}");
        assert!(unexpected_credits(&r).is_empty(), "credit on {credit_day}");
    }
    // Saturday 2-28 is a working day, the 6th: too late (it would be in were it a weekend).
    for too_late in [date(2026, 2, 28), date(2026, 3, 2)] {
        let b = vec![credit(1, "B1", too_late, "3000.00", "星图")];
        let r = run(&s, &b, &[], date(2026, 3, 31));
        assert!(paid(&r).is_empty(), "credit on {too_late}");
        assert_eq!(unexpected_credits(&r), vec![bk(1)], "credit on {too_late}");
    }
}

#[test]
fn a_line_before_national_day_is_paid_by_the_5th_working_day_make_up_days_counted() {
    // Friday 2025-09-26: Sunday 9-28 (make-up), 9-29, 9-30 are the 1st to the 3rd working
    // days after it, the 10-01..10-08 holiday none, 10-09 and 10-10 the 4th and 5th,
    // Saturday 10-11 (make-up) the 6th.
    let s = vec![statement(1, "JS202509", "T1", "950.00", date(2025, 9, 26))];
    // Some banks post on holidays too: 10-03 is inside the window.
    for (credit_day, gap) in [
        (date(2025, 9, 28), 2),
        (date(2025, 10, 3), 7),
        (date(2025, 10, 10), 14),
    ] {
        let b = vec![credit(1, "B1", credit_day, "950.00", "即合")];
        let r = run(&s, &b, &[], date(2025, 12, 31));
        assert_eq!(paid(&r), by_amount_and_date(gap), "credit on {credit_day}");
    }
    let b = vec![credit(1, "B1", date(2025, 10, 11), "950.00", "即合")];
    let r = run(&s, &b, &[], date(2025, 12, 31));
    assert!(paid(&r).is_empty());
    assert_eq!(unexpected_credits(&r), vec![bk(1)]);
}

#[test]
fn a_credit_may_be_dated_1_calendar_day_before_its_line_not_2() {
    // Monday 2025-06-16: Sunday 6-15 is 1 day before, Saturday 6-14 is 2 (though no
    // working day lies between): the allowance is in calendar days.
    let line = date(2025, 6, 16);
    assert!(pays(line, date(2025, 6, 15)));
    assert!(!pays(line, date(2025, 6, 14)));
    assert!(!pays(line, date(2025, 6, 13)));
    assert!(pays(line, line));
}

#[test]
fn a_credit_after_the_5th_working_day_without_an_invoice_is_unexpected() {
    // Tuesday 2025-06-10: its 6th working day is Wednesday 6-18. No invoice, so nothing
    // is overdue: the line is simply not paid and the credit unexpected.
    let s = vec![statement(1, "JS-JUN", "T1", "500.00", date(2025, 6, 10))];
    let b = vec![credit(1, "B1", date(2025, 6, 18), "500.00", "星图")];
    let r = run(&s, &b, &[], date(2025, 12, 31));
    assert!(paid(&r).is_empty());
    assert_eq!(unexpected_credits(&r), vec![bk(1)]);
    assert!(overdue_ids(&r).is_empty());
}

#[test]
fn r_settle_1_with_an_invoice_mailed_a_credit_on_the_15th_working_day_after_it_pays_the_line() {
    // Invoice sent Friday 2025-09-26: its 15th working day is Thursday 10-23 (across
    // National Day), the 16th Friday 10-24. The line's own 5 working days end on 10-09.
    let sent = date(2025, 9, 26);
    assert_eq!(
        payout_deadline(sent, &WorkCalendar::china()),
        (date(2025, 10, 23), None)
    );
    let s = vec![statement(1, "JS-SEP", "T1", "1000.00", date(2025, 9, 25))];
    let inv = vec![invoice(1, "JS-SEP", sent, "SF1234567890")];
    let on_the_15th = vec![credit(1, "B1", date(2025, 10, 23), "1000.00", "星图")];

    let r = run(&s, &on_the_15th, &inv, date(2025, 10, 24));
    assert_eq!(paid(&r), by_amount_and_date(28));
    assert!(overdue_ids(&r).is_empty());
    assert!(unexpected_credits(&r).is_empty());

    // Without the invoice the same credit is far beyond the line's 5 working days.
    let r = run(&s, &on_the_15th, &[], date(2025, 10, 24));
    assert!(paid(&r).is_empty());
    assert_eq!(unexpected_credits(&r), vec![bk(1)]);
}

#[test]
fn r_settle_1_a_credit_after_the_15th_working_day_stays_overdue_and_unexpected() {
    let s = vec![statement(1, "JS-SEP", "T1", "1000.00", date(2025, 9, 25))];
    let inv = vec![invoice(1, "JS-SEP", date(2025, 9, 26), "SF1234567890")];
    let on_the_16th = vec![credit(1, "B1", date(2025, 10, 24), "1000.00", "星图")];
    let r = run(&s, &on_the_16th, &inv, date(2025, 10, 24));
    assert!(paid(&r).is_empty());
    assert_eq!(overdue_ids(&r), vec!["JS-SEP"]);
    assert_eq!(unexpected_credits(&r), vec![bk(1)]);
    assert_eq!(
        (
            r.summary.payout_overdue.count,
            r.summary.unexpected_credit.count
        ),
        (1, 1)
    );
}

#[test]
fn r_settle_1_the_horizon_runs_from_the_latest_invoice() {
    // A supplementary invoice mailed Thursday 2025-10-09: its 15th working day is
    // Wednesday 10-29 (Saturday 10-11 is a make-up day), so a credit on 10-24, past the
    // first invoice's deadline, still pays.
    let s = vec![statement(1, "JS-SEP", "T1", "800.00", date(2025, 9, 25))];
    let inv = vec![
        invoice(1, "JS-SEP", date(2025, 9, 26), "SF1"),
        invoice(2, "JS-SEP", date(2025, 10, 9), "SF2"),
    ];
    assert_eq!(
        payout_deadline(date(2025, 10, 9), &WorkCalendar::china()).0,
        date(2025, 10, 29)
    );
    for (credit_day, matched) in [
        (date(2025, 10, 24), true),
        (date(2025, 10, 29), true),
        (date(2025, 10, 30), false),
    ] {
        let b = vec![credit(1, "B1", credit_day, "800.00", "星图")];
        let r = run(&s, &b, &inv, date(2025, 11, 30));
        assert_eq!(!paid(&r).is_empty(), matched, "credit on {credit_day}");
        assert_eq!(
            overdue_ids(&r).is_empty(),
            matched,
            "credit on {credit_day}"
        );
    }
}

#[test]
fn the_window_agrees_with_the_calendars_count_of_working_days_every_day() {
    // Every line date from 2024 (covered) into 2027 (not covered: Monday to Friday), and
    // credits from 3 days before to 24 after. Each line has its own amount, above any sum
    // of two, so a credit can only pay its own line. The window's rule, restated with
    // `working_days_between`: from 1 calendar day before the line to its 5th working day
    // after (so on a rest day after the 5th working day, already too late).
    let calendar = WorkCalendar::china();
    let first = date(2024, 1, 1);
    let days: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| *d <= date(2027, 2, 28))
        .collect();
    let s: Vec<StatementLine> = days
        .iter()
        .enumerate()
        .map(|(i, &day)| {
            let amount = format!("{}.00", 1_000_000 + i);
            statement(i as u64, &format!("JS{i}"), &format!("T{i}"), &amount, day)
        })
        .collect();
    for offset in -3i64..=24 {
        let b: Vec<BankLine> = days
            .iter()
            .enumerate()
            .map(|(i, &day)| {
                let on = day + chrono::Duration::days(offset);
                let amount = format!("{}.00", 1_000_000 + i);
                credit(i as u64, &format!("B{i}"), on, &amount, "星图")
            })
            .collect();
        let r = run(&s, &b, &[], date(2027, 12, 31));
        let mut matched = vec![false; days.len()];
        for (lines, credits, _) in paid(&r) {
            assert_eq!((lines.len(), credits.len()), (1, 1));
            assert_eq!(
                lines[0].fingerprint & 0xffff,
                credits[0].fingerprint & 0xffff
            );
            matched[usize::try_from(lines[0].fingerprint & 0xffff).unwrap()] = true;
        }
        for (i, &line) in days.iter().enumerate() {
            let on = line + chrono::Duration::days(offset);
            let expected = if on < line {
                (line - on).num_days() <= 1
            } else {
                let (between, _) = calendar.working_days_between(line, on);
                between < 5 || (between == 5 && calendar.is_working_day(on).0)
            };
            assert_eq!(matched[i], expected, "line {line}, credit {on}");
        }
    }
}
