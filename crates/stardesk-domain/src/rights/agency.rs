//! MCN agency levels (R-MCN-1, R-MCN-2): the five levels, and the days they are rated.

use chrono::{Datelike, NaiveDate};

/// R-MCN-1: an agency's level, 1 to 5. R-MCN-2: creators see it before deciding to bind
/// to the agency; an agency not yet rated ([`rated_yet`]) has none to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AgencyLevel(u8);

impl AgencyLevel {
    /// R-MCN-1: the lowest level.
    pub const MIN: u8 = 1;
    /// R-MCN-1: the highest of the 5 levels.
    pub const MAX: u8 = 5;

    /// `None` outside 1..=5.
    pub const fn new(level: u8) -> Option<Self> {
        if Self::MIN <= level && level <= Self::MAX {
            Some(Self(level))
        } else {
            None
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }
}

/// R-MCN-1: an agency passes a level through either assessment channel (the count of
/// high-level creators bound, or the monthly paid GMV, both excluding risk-flagged
/// creators and orders; "满足其一即为该等级"), so its level is the higher of the two
/// channels' levels; `None` when neither reaches level 1. The channels' thresholds are
/// not published in DOMAIN.md, so each channel's level is an input.
pub fn level_from_channels(
    by_creators: Option<AgencyLevel>,
    by_gmv: Option<AgencyLevel>,
) -> Option<AgencyLevel> {
    by_creators.max(by_gmv)
}

/// R-MCN-1: levels are updated on this day of every month.
pub const RATING_DAY_OF_MONTH: u32 = 3;

fn rating_day(year: i32, month: u32) -> NaiveDate {
    // Only out of chrono's year range, which no agency reaches.
    NaiveDate::from_ymd_opt(year, month, RATING_DAY_OF_MONTH).unwrap_or(NaiveDate::MAX)
}

fn next_month(date: NaiveDate) -> (i32, u32) {
    if date.month() == 12 {
        (date.year() + 1, 1)
    } else {
        (date.year(), date.month() + 1)
    }
}

/// R-MCN-1: the next day levels are updated, the 3rd of a month. On the 3rd itself that is
/// today (the update happens during it); from the 4th on, the 3rd of next month.
pub fn next_rating_day(today: NaiveDate) -> NaiveDate {
    if today.day() <= RATING_DAY_OF_MONTH {
        rating_day(today.year(), today.month())
    } else {
        let (year, month) = next_month(today);
        rating_day(year, month)
    }
}

/// R-MCN-1: a new agency is first rated in its second month: the 3rd of the calendar month
/// after the month it joined the platform (入驻) in — `founded` is that day, not the
/// company's registration. An agency joining on 1 or 2 January is not rated on 3 January,
/// still its first month, but on 3 February.
pub fn first_rating_day(founded: NaiveDate) -> NaiveDate {
    let (year, month) = next_month(founded);
    rating_day(year, month)
}

/// R-MCN-1, R-MCN-2: whether the agency has had its first rating by `today`, i.e. has a
/// level for creators to see; before, it is shown as not yet rated.
pub fn rated_yet(founded: NaiveDate, today: NaiveDate) -> bool {
    today >= first_rating_day(founded)
}
