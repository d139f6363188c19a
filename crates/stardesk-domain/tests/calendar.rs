//! The mainland China working-day calendar across Spring Festival and National Day with
//! their make-up weekends, the fallback outside the covered years, and R-SETTLE-1's
//! "15 working days after the invoice was sent".

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;
use stardesk_domain::calendar::{
    china_schedules, payout_deadline, payout_overdue, CalendarWarning, DayKind, Holiday,
    WorkCalendar, YearSchedule, PAYOUT_WORKING_DAYS,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn kind(cal: &WorkCalendar, y: i32, m: u32, d: u32) -> DayKind {
    let (kind, warning) = cal.day_kind(date(y, m, d));
    assert_eq!(warning, None, "{y}-{m}-{d} should be covered");
    kind
}

#[test]
fn covers_2024_to_2026_only() {
    let cal = WorkCalendar::china();
    assert!(cal.covers(2024) && cal.covers(2025) && cal.covers(2026));
    assert!(!cal.covers(2023) && !cal.covers(2027));
    assert_eq!(
        cal.schedules().iter().map(|s| s.year).collect::<Vec<_>>(),
        vec![2024, 2025, 2026]
    );
    for schedule in cal.schedules() {
        assert!(
            schedule
                .source
                .contains(&format!("关于{}年部分节假日安排的通知", schedule.year)),
            "{}",
            schedule.source
        );
    }
}

#[test]
fn data_matches_the_notices_day_counts_and_weekdays() {
    // (year, holiday, first day, days "共N天") as each notice states them.
    let expected = [
        (2024, "春节", date(2024, 2, 10), 8),
        (2024, "劳动节", date(2024, 5, 1), 5),
        (2024, "国庆节", date(2024, 10, 1), 7),
        (2025, "春节", date(2025, 1, 28), 8),
        (2025, "劳动节", date(2025, 5, 1), 5),
        (2025, "国庆节、中秋节", date(2025, 10, 1), 8),
        (2026, "元旦", date(2026, 1, 1), 3),
        (2026, "春节", date(2026, 2, 15), 9),
        (2026, "劳动节", date(2026, 5, 1), 5),
        (2026, "国庆节", date(2026, 10, 1), 7),
    ];
    let schedules = china_schedules();
    for (year, name, first, days) in expected {
        let holiday: &Holiday = schedules
            .iter()
            .find(|s| s.year == year)
            .and_then(|s| s.holidays.iter().find(|h| h.name == name))
            .unwrap_or_else(|| panic!("{year} {name} missing"));
        assert_eq!(holiday.first, first, "{year} {name}");
        assert_eq!(
            (holiday.last - holiday.first).num_days() + 1,
            days,
            "{year} {name}"
        );
    }
    for schedule in &schedules {
        for day in &schedule.makeup_workdays {
            // A make-up working day is always a weekend day swapped for a holiday.
            assert!(
                matches!(day.weekday(), Weekday::Sat | Weekday::Sun),
                "{day} is not a weekend day"
            );
            assert_eq!(day.year(), schedule.year);
        }
        for holiday in &schedule.holidays {
            assert!(holiday.first <= holiday.last, "{}", holiday.name);
            assert!(
                !schedule
                    .makeup_workdays
                    .iter()
                    .any(|d| (holiday.first..=holiday.last).contains(d)),
                "{} overlaps a make-up day",
                holiday.name
            );
        }
    }
    // The notices name weekdays; check a few against the calendar.
    assert_eq!(date(2026, 2, 15).weekday(), Weekday::Sun); // 春节 starts 周日
    assert_eq!(date(2026, 2, 23).weekday(), Weekday::Mon); // ends 周一
    assert_eq!(date(2026, 9, 20).weekday(), Weekday::Sun); // 国庆 make-up 周日
    assert_eq!(date(2025, 1, 26).weekday(), Weekday::Sun);
    assert_eq!(date(2025, 10, 11).weekday(), Weekday::Sat);
}

#[test]
fn spring_festival_2026_with_make_up_saturdays() {
    let cal = WorkCalendar::china();
    assert_eq!(kind(&cal, 2026, 2, 13), DayKind::Workday); // Fri
    assert_eq!(kind(&cal, 2026, 2, 14), DayKind::MakeUpWorkday); // Sat, worked
    for day in 15..=23 {
        assert_eq!(kind(&cal, 2026, 2, day), DayKind::Holiday, "Feb {day}");
    }
    assert_eq!(kind(&cal, 2026, 2, 24), DayKind::Workday); // Tue, back to work
    assert_eq!(kind(&cal, 2026, 2, 28), DayKind::MakeUpWorkday); // Sat, worked
    assert_eq!(kind(&cal, 2026, 3, 1), DayKind::Weekend); // Sun

    // Friday → the make-up Saturday → straight over nine days off to Tuesday.
    assert_eq!(
        cal.add_working_days(date(2026, 2, 13), 1),
        (date(2026, 2, 14), None)
    );
    assert_eq!(
        cal.add_working_days(date(2026, 2, 14), 1),
        (date(2026, 2, 24), None)
    );
    // Feb 14, 24, 25, 26, 27, 28 (Sat) are the six working days after Feb 13 to Feb 28.
    assert_eq!(
        cal.working_days_between(date(2026, 2, 13), date(2026, 2, 28)),
        (6, None)
    );
}

#[test]
fn spring_festival_2025_with_make_up_sunday_and_saturday() {
    let cal = WorkCalendar::china();
    assert_eq!(kind(&cal, 2025, 1, 26), DayKind::MakeUpWorkday); // Sun
    assert_eq!(kind(&cal, 2025, 1, 27), DayKind::Workday); // Mon
    assert_eq!(kind(&cal, 2025, 1, 28), DayKind::Holiday); // 除夕
    assert_eq!(kind(&cal, 2025, 2, 4), DayKind::Holiday); // 初七
    assert_eq!(kind(&cal, 2025, 2, 5), DayKind::Workday);
    assert_eq!(kind(&cal, 2025, 2, 8), DayKind::MakeUpWorkday); // Sat
    assert_eq!(kind(&cal, 2025, 2, 9), DayKind::Weekend); // Sun
    assert_eq!(
        cal.add_working_days(date(2025, 1, 27), 1),
        (date(2025, 2, 5), None)
    );
}

#[test]
fn national_day_2025_with_make_up_sunday_and_saturday() {
    let cal = WorkCalendar::china();
    assert_eq!(kind(&cal, 2025, 9, 27), DayKind::Weekend); // Sat
    assert_eq!(kind(&cal, 2025, 9, 28), DayKind::MakeUpWorkday); // Sun
    for day in 1..=8 {
        assert_eq!(kind(&cal, 2025, 10, day), DayKind::Holiday, "Oct {day}");
    }
    assert_eq!(kind(&cal, 2025, 10, 9), DayKind::Workday);
    assert_eq!(kind(&cal, 2025, 10, 11), DayKind::MakeUpWorkday); // Sat
    assert_eq!(kind(&cal, 2025, 10, 12), DayKind::Weekend); // Sun
    assert_eq!(
        cal.add_working_days(date(2025, 9, 30), 1),
        (date(2025, 10, 9), None)
    );
    // After Fri 26 Sep up to Sun 12 Oct: Sep 28, 29, 30, Oct 9, 10, 11 = 6.
    assert_eq!(
        cal.working_days_between(date(2025, 9, 26), date(2025, 10, 12)),
        (6, None)
    );
    assert_eq!(
        cal.working_days_between(date(2025, 10, 12), date(2025, 9, 26)),
        (-6, None)
    );
}

#[test]
fn national_day_2026_with_make_up_sunday_and_saturday() {
    let cal = WorkCalendar::china();
    assert_eq!(kind(&cal, 2026, 9, 20), DayKind::MakeUpWorkday); // Sun
    assert_eq!(kind(&cal, 2026, 9, 25), DayKind::Holiday); // 中秋, Fri
    assert_eq!(kind(&cal, 2026, 10, 7), DayKind::Holiday);
    assert_eq!(kind(&cal, 2026, 10, 8), DayKind::Workday);
    assert_eq!(kind(&cal, 2026, 10, 10), DayKind::MakeUpWorkday); // Sat
    assert_eq!(kind(&cal, 2026, 10, 11), DayKind::Weekend);
}

#[test]
fn working_days_per_year_match_a_count_by_hand() {
    // Weekdays, less the holidays on weekdays, plus the make-up weekend days:
    // 2024 (starts Mon, 366 days): 262 weekdays; holidays on weekdays: 元旦 1, 春节 5,
    //   清明 2, 劳动 3, 端午 1, 中秋 2, 国庆 5 = 19; make-up 8 → 251.
    // 2025 (starts Wed, 365 days): 261; 元旦 1, 春节 6, 清明 1, 劳动 3, 端午 1,
    //   国庆中秋 6 = 18; make-up 5 → 248.
    // 2026 (starts Thu, 365 days): 261; 元旦 2, 春节 6, 清明 1, 劳动 3, 端午 1, 中秋 1,
    //   国庆 5 = 19; make-up 6 → 248.
    let cal = WorkCalendar::china();
    for (year, expected) in [(2024, 251), (2025, 248), (2026, 248)] {
        assert_eq!(
            cal.working_days_between(date(year - 1, 12, 31), date(year, 12, 31)),
            (expected, None),
            "{year}"
        );
    }
}

#[test]
fn uncovered_years_fall_back_to_weekdays_and_warn() {
    let cal = WorkCalendar::china();
    // 2027-02-08 is a Monday: assumed working, with a warning (it may well be a holiday).
    assert_eq!(
        cal.is_working_day(date(2027, 2, 8)),
        (true, Some(CalendarWarning { year: 2027 }))
    );
    assert_eq!(
        cal.day_kind(date(2023, 12, 30)),
        (DayKind::Weekend, Some(CalendarWarning { year: 2023 }))
    );
    // Counting from late 2026 into 2027 passes uncovered days: the answer warns.
    // Working days after Thu 2026-12-24: Dec 25, 28, 29, 30, 31 (5), then 2027 Jan 1 (6, a
    // guess — New Year's Day will surely be a holiday, which is why the warning matters).
    let (day, warning) = cal.add_working_days(date(2026, 12, 24), 6);
    assert_eq!(day, date(2027, 1, 1));
    assert_eq!(warning, Some(CalendarWarning { year: 2027 }));
    assert!(warning.unwrap().to_string().contains("2027"));
    // Staying inside 2026 does not warn.
    assert_eq!(cal.add_working_days(date(2026, 12, 24), 5).1, None);
}

#[test]
fn a_published_schedule_can_be_added_as_data() {
    let mut schedules = china_schedules();
    schedules.push(YearSchedule {
        year: 2027,
        source: "test data".to_owned(),
        holidays: vec![Holiday {
            name: "元旦".to_owned(),
            first: date(2027, 1, 1),
            last: date(2027, 1, 1),
        }],
        makeup_workdays: vec![],
    });
    let cal = WorkCalendar::new(schedules);
    assert!(cal.covers(2027));
    assert_eq!(cal.is_working_day(date(2027, 1, 1)), (false, None));
    assert_eq!(
        cal.add_working_days(date(2026, 12, 24), 6),
        (date(2027, 1, 4), None)
    );
}

#[test]
fn zero_working_days_is_the_same_day() {
    let cal = WorkCalendar::china();
    assert_eq!(
        cal.add_working_days(date(2026, 2, 15), 0),
        (date(2026, 2, 15), None)
    );
    assert_eq!(
        cal.working_days_between(date(2026, 2, 15), date(2026, 2, 15)),
        (0, None)
    );
}

#[test]
fn r_settle_1_deadline_across_mid_autumn_and_national_day_2026() {
    let cal = WorkCalendar::china();
    assert_eq!(PAYOUT_WORKING_DAYS, 15);
    // Sent Thu 2026-09-17. Working days after it: Sep 18 (1), Sun 20 make-up (2), 21–24
    // (3–6), 25–27 中秋 off, 28–30 (7–9), Oct 1–7 off, 8 (10), 9 (11), Sat 10 make-up (12),
    // 12 (13), 13 (14), Wed 14 (15).
    let sent = date(2026, 9, 17);
    assert_eq!(payout_deadline(sent, &cal), (date(2026, 10, 14), None));
    assert!(!payout_overdue(sent, date(2026, 10, 13), &cal));
    assert!(!payout_overdue(sent, date(2026, 10, 14), &cal));
    assert!(payout_overdue(sent, date(2026, 10, 15), &cal));
}

#[test]
fn r_settle_1_deadline_across_spring_festival_2026() {
    let cal = WorkCalendar::china();
    // Sent Fri 2026-02-06. Feb 9–13 (1–5), Sat 14 make-up (6), 15–23 off, 24–27 (7–10),
    // Sat 28 make-up (11), Mar 2–5 (12–15).
    let sent = date(2026, 2, 6);
    assert_eq!(payout_deadline(sent, &cal), (date(2026, 3, 5), None));
    assert!(!payout_overdue(sent, date(2026, 3, 5), &cal));
    assert!(payout_overdue(sent, date(2026, 3, 6), &cal));
}

#[test]
fn r_settle_1_invoice_sent_during_a_holiday_counts_from_the_next_working_day() {
    let cal = WorkCalendar::china();
    // Sent Fri 2025-10-03 (off). Oct 9, 10, Sat 11 (1–3), 13–17 (4–8), 20–24 (9–13),
    // 27 (14), Tue 28 (15).
    let sent = date(2025, 10, 3);
    assert_eq!(payout_deadline(sent, &cal), (date(2025, 10, 28), None));
    assert!(!payout_overdue(sent, date(2025, 10, 28), &cal));
    assert!(payout_overdue(sent, date(2025, 10, 29), &cal));
}

proptest! {
    #[test]
    fn adding_then_counting_working_days_agree(offset in 0i64..1_000, n in 0u32..60) {
        let cal = WorkCalendar::china();
        let start = date(2024, 1, 1) + chrono::Duration::days(offset);
        let (end, _) = cal.add_working_days(start, n);
        prop_assert_eq!(cal.working_days_between(start, end).0, i64::from(n));
        if n > 0 {
            prop_assert!(cal.is_working_day(end).0);
        }
    }
}
