//! The sandbox's "now", and the platform calendar (Beijing time) it runs on.
//!
//! By default the clock follows real time from the instant the sandbox was built around
//! (`SandboxConfig::now`, or the real time). Tests move it through `Control`: `set_now`
//! pins it at an instant (it stands still there until moved again), `advance` moves it
//! forward, pinned or running. Everything the platform and the brands do by the calendar
//! is a function of this clock, never of the machine's.

use std::time::Instant;

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};

/// The platform's calendar is Beijing time, UTC+8 with no daylight saving.
const BEIJING: TimeDelta = TimeDelta::hours(8);

/// The Beijing calendar day of an instant.
pub(crate) fn beijing_day(at: DateTime<Utc>) -> NaiveDate {
    (at + BEIJING).date_naive()
}

/// The instant a Beijing calendar day begins (its midnight, 16:00 UTC the day before).
pub(crate) fn start_of(day: NaiveDate) -> DateTime<Utc> {
    day.and_time(NaiveTime::MIN).and_utc() - BEIJING
}

/// `day` + `days` calendar days (saturating at the ends of the calendar).
pub(crate) fn plus_days(day: NaiveDate, days: i64) -> NaiveDate {
    day.checked_add_signed(TimeDelta::days(days)).unwrap_or(day)
}

#[derive(Debug)]
pub(crate) struct Clock {
    /// The instant the clock read when `started` was taken, offset included.
    base: DateTime<Utc>,
    started: Instant,
    /// `Some` while pinned by `set_now`: the clock stands still there.
    pinned: Option<DateTime<Utc>>,
    /// The last stamp handed out, in milliseconds.
    last_ms: i64,
}

impl Clock {
    pub(crate) fn new(base: DateTime<Utc>, last_ms: i64) -> Clock {
        Clock {
            base,
            started: Instant::now(),
            pinned: None,
            last_ms,
        }
    }

    /// The sandbox's current instant, whole milliseconds.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        let now = match self.pinned {
            Some(at) => at,
            None => {
                let elapsed = TimeDelta::from_std(self.started.elapsed()).unwrap_or(TimeDelta::MAX);
                self.base.checked_add_signed(elapsed).unwrap_or(self.base)
            }
        };
        let ms = now.timestamp_millis();
        DateTime::from_timestamp_millis(ms).unwrap_or(now)
    }

    /// A change's `updated_at`: now, but always later than every stamp before it, so a
    /// change is newer than what it replaces and `updated_at` never decreases along a feed's
    /// revisions, even when a test moves the clock back.
    pub(crate) fn stamp(&mut self) -> DateTime<Utc> {
        let ms = self
            .now()
            .timestamp_millis()
            .max(self.last_ms.saturating_add(1));
        self.last_ms = ms;
        DateTime::from_timestamp_millis(ms).unwrap_or(self.base)
    }

    /// Counts `ms` as a stamp already handed out (data written with its own `updated_at`).
    pub(crate) fn observe(&mut self, ms: i64) {
        self.last_ms = self.last_ms.max(ms);
    }

    /// Pins the clock at `at` until it is moved again.
    pub(crate) fn set(&mut self, at: DateTime<Utc>) {
        self.pinned = Some(at);
    }

    /// Moves the clock forward (or back, for a negative `by`), pinned or running.
    pub(crate) fn advance(&mut self, by: TimeDelta) {
        match &mut self.pinned {
            Some(at) => *at = at.checked_add_signed(by).unwrap_or(*at),
            None => self.base = self.base.checked_add_signed(by).unwrap_or(self.base),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn beijing_days_begin_at_16_utc() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(start_of(day), at("2026-11-21T16:00:00Z"));
        assert_eq!(beijing_day(at("2026-11-21T15:59:59Z")), plus_days(day, -1));
        assert_eq!(beijing_day(at("2026-11-21T16:00:00Z")), day);
    }

    #[test]
    fn pinned_clock_stands_still_and_stamps_still_rise() {
        let mut c = Clock::new(at("2026-11-22T04:00:00Z"), 0);
        c.set(at("2026-12-01T00:00:00Z"));
        assert_eq!(c.now(), at("2026-12-01T00:00:00Z"));
        let a = c.stamp();
        let b = c.stamp();
        assert!(b > a);
        c.advance(TimeDelta::days(1));
        assert_eq!(c.now(), at("2026-12-02T00:00:00Z"));
        c.set(at("2026-11-01T00:00:00Z"));
        assert!(
            c.stamp() > b,
            "moving the clock back never makes an older stamp"
        );
    }

    #[test]
    fn running_clock_advances_by_the_offset() {
        let mut c = Clock::new(at("2026-11-22T04:00:00Z"), 0);
        c.advance(TimeDelta::days(15));
        let now = c.now();
        assert!(now >= at("2026-12-07T04:00:00Z") && now < at("2026-12-07T04:01:00Z"));
    }
}
