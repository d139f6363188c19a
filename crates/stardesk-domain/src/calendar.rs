//! Mainland China's working-day calendar: public holidays and the make-up working weekends
//! (调休) the State Council announces each year, as data.
//!
//! The schedule is only published a few weeks before each year starts, so any calendar
//! covers a limited set of years. Outside them a date falls back to Monday–Friday, and
//! every answer that relied on that guess carries a [`CalendarWarning`] for the UI to show,
//! instead of silently pretending to know.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

/// What kind of day a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayKind {
    /// Monday–Friday with no holiday.
    Workday,
    /// Saturday or Sunday that is not a make-up working day.
    Weekend,
    /// A day off in an announced holiday period (the festival itself or a swapped day).
    Holiday,
    /// A Saturday or Sunday worked to make up for a holiday (调休上班).
    MakeUpWorkday,
}

impl DayKind {
    pub const fn is_working(self) -> bool {
        matches!(self, Self::Workday | Self::MakeUpWorkday)
    }
}

/// An answer used the Monday–Friday fallback because `year` has no schedule in the
/// calendar: holidays and make-up days of that year were not taken into account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CalendarWarning {
    pub year: i32,
}

impl fmt::Display for CalendarWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "no holiday schedule for {}: Monday to Friday assumed to be working days",
            self.year
        )
    }
}

/// One holiday period as announced, both ends inclusive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

/// One year's announced schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearSchedule {
    pub year: i32,
    /// The notice the data was taken from, so a reader can check it.
    pub source: String,
    pub holidays: Vec<Holiday>,
    /// Weekend days that are working days.
    pub makeup_workdays: Vec<NaiveDate>,
}

/// A working-day calendar built from yearly schedules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkCalendar {
    schedules: Vec<YearSchedule>,
    rest_days: BTreeSet<NaiveDate>,
    makeup_workdays: BTreeSet<NaiveDate>,
    covered_years: BTreeSet<i32>,
}

impl WorkCalendar {
    /// A calendar from announced schedules. A date listed both as a holiday and as a
    /// make-up working day is treated as a working day: a deadline computed from it then
    /// errs early, which is the side a creator can still act on.
    pub fn new(schedules: Vec<YearSchedule>) -> Self {
        let mut rest_days = BTreeSet::new();
        let mut makeup_workdays = BTreeSet::new();
        let mut covered_years = BTreeSet::new();
        for schedule in &schedules {
            covered_years.insert(schedule.year);
            for holiday in &schedule.holidays {
                rest_days.extend(holiday.first.iter_days().take_while(|d| *d <= holiday.last));
            }
            makeup_workdays.extend(schedule.makeup_workdays.iter().copied());
        }
        Self {
            schedules,
            rest_days,
            makeup_workdays,
            covered_years,
        }
    }

    /// Mainland China, from the State Council's notices for 2024, 2025 and 2026 (see
    /// [`china_schedules`]). 2027 is not covered: its notice had not been published when
    /// this data was written, and dates in it come with a [`CalendarWarning`].
    pub fn china() -> Self {
        Self::new(china_schedules())
    }

    /// The schedules this calendar was built from, for showing their sources.
    pub fn schedules(&self) -> &[YearSchedule] {
        &self.schedules
    }

    /// Whether `year`'s holidays are known.
    pub fn covers(&self, year: i32) -> bool {
        self.covered_years.contains(&year)
    }

    /// What kind of day `date` is, with a warning when its year is not covered and it is
    /// not listed by any covered year's notice (a make-up day can fall in the year before).
    pub fn day_kind(&self, date: NaiveDate) -> (DayKind, Option<CalendarWarning>) {
        if self.makeup_workdays.contains(&date) {
            return (DayKind::MakeUpWorkday, None);
        }
        if self.rest_days.contains(&date) {
            return (DayKind::Holiday, None);
        }
        let kind = if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            DayKind::Weekend
        } else {
            DayKind::Workday
        };
        let warning = (!self.covers(date.year())).then_some(CalendarWarning { year: date.year() });
        (kind, warning)
    }

    /// Whether people work on `date`; see [`WorkCalendar::day_kind`] for the warning.
    pub fn is_working_day(&self, date: NaiveDate) -> (bool, Option<CalendarWarning>) {
        let (kind, warning) = self.day_kind(date);
        (kind.is_working(), warning)
    }

    /// The `n`-th working day after `date`. `date` itself never counts, whether or not it
    /// is a working day: "within 3 working days of X" starts counting the day after X.
    /// `n = 0` returns `date` unchanged. The warning is the first uncovered year the count
    /// passed through.
    pub fn add_working_days(
        &self,
        date: NaiveDate,
        n: u32,
    ) -> (NaiveDate, Option<CalendarWarning>) {
        let mut day = date;
        let mut remaining = n;
        let mut warning = None;
        while remaining > 0 {
            let Some(next) = day.succ_opt() else {
                // Only at chrono's last representable date; no schedule reaches it.
                warning = warning.or(Some(CalendarWarning { year: day.year() }));
                break;
            };
            day = next;
            let (working, day_warning) = self.is_working_day(day);
            warning = warning.or(day_warning);
            if working {
                remaining -= 1;
            }
        }
        (day, warning)
    }

    /// Working days `d` with `from < d ≤ to`, so that `add_working_days(from, n)` lands on
    /// a `to` with `working_days_between(from, to) == n`. Negative when `to` is before
    /// `from`.
    pub fn working_days_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> (i64, Option<CalendarWarning>) {
        let (start, end, sign) = if to >= from {
            (from, to, 1)
        } else {
            (to, from, -1)
        };
        let mut count = 0i64;
        let mut warning = None;
        for day in start.iter_days().skip(1).take_while(|d| *d <= end) {
            let (working, day_warning) = self.is_working_day(day);
            warning = warning.or(day_warning);
            if working {
                count += 1;
            }
        }
        (sign * count, warning)
    }
}

/// R-SETTLE-1: a payout still missing this many working days after the invoice was sent
/// most likely went to a wrong receiving account.
pub const PAYOUT_WORKING_DAYS: u32 = 15;

/// R-SETTLE-1: the last day a payout can still be expected: the 15th working day after the
/// day the invoice was sent (the sending day itself does not count, even when it is a
/// working day, since the invoice only arrives later).
pub fn payout_deadline(
    invoice_sent: NaiveDate,
    calendar: &WorkCalendar,
) -> (NaiveDate, Option<CalendarWarning>) {
    calendar.add_working_days(invoice_sent, PAYOUT_WORKING_DAYS)
}

/// R-SETTLE-1: true once `today` is after the [`payout_deadline`]; on the deadline day
/// itself the payment may still arrive, so it is not yet overdue. Call
/// [`payout_deadline`] as well when the calendar's warning needs showing.
pub fn payout_overdue(invoice_sent: NaiveDate, today: NaiveDate, calendar: &WorkCalendar) -> bool {
    today > payout_deadline(invoice_sent, calendar).0
}

/// A date in the data tables; evaluated in a `const`, a typo such as 30 February fails the
/// build.
pub(crate) const fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("invalid date in the holiday tables"),
    }
}

struct StaticYear {
    year: i32,
    source: &'static str,
    holidays: &'static [(&'static str, NaiveDate, NaiveDate)],
    makeup_workdays: &'static [NaiveDate],
}

/// Transcribed from each year's 国务院办公厅关于XXXX年部分节假日安排的通知. Each holiday is
/// the rest period exactly as the notice states it (so 2024's Dragon Boat Festival is just
/// 10 June, "与周末连休", the weekend before it being ordinary weekend days).
const CHINA: &[StaticYear] = &[
    StaticYear {
        year: 2024,
        source:
            "国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）",
        holidays: &[
            ("元旦", ymd(2024, 1, 1), ymd(2024, 1, 1)),
            ("春节", ymd(2024, 2, 10), ymd(2024, 2, 17)),
            ("清明节", ymd(2024, 4, 4), ymd(2024, 4, 6)),
            ("劳动节", ymd(2024, 5, 1), ymd(2024, 5, 5)),
            ("端午节", ymd(2024, 6, 10), ymd(2024, 6, 10)),
            ("中秋节", ymd(2024, 9, 15), ymd(2024, 9, 17)),
            ("国庆节", ymd(2024, 10, 1), ymd(2024, 10, 7)),
        ],
        makeup_workdays: &[
            ymd(2024, 2, 4),
            ymd(2024, 2, 18),
            ymd(2024, 4, 7),
            ymd(2024, 4, 28),
            ymd(2024, 5, 11),
            ymd(2024, 9, 14),
            ymd(2024, 9, 29),
            ymd(2024, 10, 12),
        ],
    },
    StaticYear {
        year: 2025,
        source:
            "国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）",
        holidays: &[
            ("元旦", ymd(2025, 1, 1), ymd(2025, 1, 1)),
            ("春节", ymd(2025, 1, 28), ymd(2025, 2, 4)),
            ("清明节", ymd(2025, 4, 4), ymd(2025, 4, 6)),
            ("劳动节", ymd(2025, 5, 1), ymd(2025, 5, 5)),
            ("端午节", ymd(2025, 5, 31), ymd(2025, 6, 2)),
            ("国庆节、中秋节", ymd(2025, 10, 1), ymd(2025, 10, 8)),
        ],
        makeup_workdays: &[
            ymd(2025, 1, 26),
            ymd(2025, 2, 8),
            ymd(2025, 4, 27),
            ymd(2025, 9, 28),
            ymd(2025, 10, 11),
        ],
    },
    StaticYear {
        year: 2026,
        source: "国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）",
        holidays: &[
            ("元旦", ymd(2026, 1, 1), ymd(2026, 1, 3)),
            ("春节", ymd(2026, 2, 15), ymd(2026, 2, 23)),
            ("清明节", ymd(2026, 4, 4), ymd(2026, 4, 6)),
            ("劳动节", ymd(2026, 5, 1), ymd(2026, 5, 5)),
            ("端午节", ymd(2026, 6, 19), ymd(2026, 6, 21)),
            ("中秋节", ymd(2026, 9, 25), ymd(2026, 9, 27)),
            ("国庆节", ymd(2026, 10, 1), ymd(2026, 10, 7)),
        ],
        makeup_workdays: &[
            ymd(2026, 1, 4),
            ymd(2026, 2, 14),
            ymd(2026, 2, 28),
            ymd(2026, 5, 9),
            ymd(2026, 9, 20),
            ymd(2026, 10, 10),
        ],
    },
];

/// The mainland China schedules behind [`WorkCalendar::china`], one per covered year.
pub fn china_schedules() -> Vec<YearSchedule> {
    CHINA
        .iter()
        .map(|year| YearSchedule {
            year: year.year,
            source: year.source.to_owned(),
            holidays: year
                .holidays
                .iter()
                .map(|&(name, first, last)| Holiday {
                    name: name.to_owned(),
                    first,
                    last,
                })
                .collect(),
            makeup_workdays: year.makeup_workdays.to_vec(),
        })
        .collect()
}
