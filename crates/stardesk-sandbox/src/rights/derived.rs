//! What the rights center shows that is a function of the seed and the calendar alone, so
//! it follows the sandbox's clock without being stored: the star index day by day, the
//! 30-day periods of extra dispatches, and the MCN agency directory.
//!
//! Every date counts from the dataset's anchor, the Beijing day its rights data was made
//! (`rights_creator.anchor`), so a restart with `--db` serves the same figures.

use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use stardesk_domain::rights::{first_rating_day, rated_yet, RATING_DAY_OF_MONTH};
use stardesk_platform::wire::{AgencyChannel, AgencyEntry, DispatchWindow, StarIndex};

use crate::clock::plus_days;
use crate::rng::{agency_id, mix64, SplitMix64};

/// A day's own random stream, for the seed and a purpose (`salt`).
fn day_rng(seed: u64, day: NaiveDate, salt: u64) -> SplitMix64 {
    let n = u64::try_from(day.num_days_from_ce()).unwrap_or(0);
    SplitMix64::new(seed ^ mix64(n ^ salt))
}

// ---------------------------------------------------------------------------------------
// The star index (R-LEVEL-9)
// ---------------------------------------------------------------------------------------

/// Days of star-index history the demo creator has on its anchor day, today included.
pub(crate) const HISTORY_DAYS: i64 = 90;

/// The platform's own weights of reach, cooperation, growth, value for money and seeding,
/// in percent. R-LEVEL-9: they are not published; these are the sandbox's.
const WEIGHTS: [i64; 5] = [30, 20, 15, 20, 15];

/// The first day of the demo creator's index.
pub(crate) fn first_index_day(anchor: NaiveDate) -> NaiveDate {
    plus_days(anchor, 1 - HISTORY_DAYS)
}

/// Where each sub-index starts and reverts to, in hundredths, drawn from the seed.
fn base(seed: u64) -> [i64; 5] {
    let mut rng = SplitMix64::new(seed ^ 0x57A2_1DE0_0000_0001);
    [7240, 8810, 6130, 6980, 5820].map(|b| b + rng.range(-400, 400))
}

/// Walks the five sub-indices (hundredths) from [`first_index_day`] to `until`, calling
/// `visit` on each day from `from` on: a random walk that reverts slowly to its base, so
/// it wanders plausibly and stays within 5–99.
fn walk(
    seed: u64,
    anchor: NaiveDate,
    from: NaiveDate,
    until: NaiveDate,
    mut visit: impl FnMut(NaiveDate, [i64; 5]),
) {
    let base = base(seed);
    let mut day = first_index_day(anchor).min(until);
    let mut values = base;
    loop {
        if day >= from {
            visit(day, values);
        }
        if day >= until {
            return;
        }
        day = plus_days(day, 1);
        let mut rng = day_rng(seed, day, 0x57A2_0000_0000_0002);
        for (x, b) in values.iter_mut().zip(base) {
            let step = rng.range(-110, 115) + (b - *x) / 12;
            *x = (*x + step).clamp(500, 9900);
        }
    }
}

fn index_of(day: NaiveDate, v: [i64; 5]) -> StarIndex {
    let blended: i64 = v.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum();
    let score = |hundredths: i64| Decimal::new(hundredths, 2);
    StarIndex {
        day,
        index: score((blended + 50) / 100),
        reach: score(v[0]),
        cooperation: score(v[1]),
        growth: score(v[2]),
        value_for_money: score(v[3]),
        seeding: score(v[4]),
    }
}

/// The index of `day`.
pub(crate) fn star_index(seed: u64, anchor: NaiveDate, day: NaiveDate) -> StarIndex {
    let mut out = None;
    walk(seed, anchor, day, day, |d, v| out = Some(index_of(d, v)));
    out.unwrap_or_else(|| index_of(day, base(seed)))
}

/// Up to `days` days ending on `today`, oldest first, none before [`first_index_day`].
pub(crate) fn star_history(
    seed: u64,
    anchor: NaiveDate,
    today: NaiveDate,
    days: u32,
) -> Vec<StarIndex> {
    let from = plus_days(today, 1 - i64::from(days)).max(first_index_day(anchor));
    let mut out = Vec::new();
    if from <= today {
        walk(seed, anchor, from, today, |d, v| out.push(index_of(d, v)));
    }
    out
}

// ---------------------------------------------------------------------------------------
// Extra dispatches (R-LEVEL-4, R-LEVEL-7)
// ---------------------------------------------------------------------------------------

/// The demo creator reached its level this many days before the anchor; its 30-day
/// periods start then (so on the anchor day two have ended and a third runs).
pub(crate) const LEVEL_SINCE_DAYS: i64 = 70;

/// The periods shown: the most recent ones.
const WINDOWS_SHOWN: usize = 6;

/// The 30-day periods from the day the level was reached to the one holding `today`, the
/// last [`WINDOWS_SHOWN`]: `promised` each (the level's, R-LEVEL-4) and the dispatches
/// sent on the days up to `today`. The demo's first period got everything, the second 3
/// short (so on the anchor day the last period that ended owes DOU+, R-LEVEL-7), later
/// ones 4 to 8, never more than promised.
pub(crate) fn dispatch_windows(
    seed: u64,
    anchor: NaiveDate,
    today: NaiveDate,
    promised: u32,
    period_days: u64,
) -> Vec<DispatchWindow> {
    let period = i64::try_from(period_days).unwrap_or(30).max(1);
    let since = super::demo::level_since(anchor);
    let mut windows = Vec::new();
    let mut k: i64 = 0;
    loop {
        let starts_on = plus_days(since, k * period);
        if starts_on > today {
            break;
        }
        let mut rng = day_rng(seed, starts_on, 0xD15B_A7C4_0000_0003);
        let planned = match k {
            0 => 8,
            1 => 5,
            _ => 4 + u32::try_from(rng.below(5)).unwrap_or(0),
        }
        .min(promised);
        // The days of the period the dispatches go out on, distinct.
        let mut offsets: Vec<i64> = (0..period).collect();
        for i in 0..(planned as usize).min(offsets.len()) {
            let j = i + rng.index(offsets.len() - i);
            offsets.swap(i, j);
        }
        offsets.truncate(planned as usize);
        let sent = offsets
            .iter()
            .filter(|&&o| plus_days(starts_on, o) <= today)
            .count();
        windows.push(DispatchWindow {
            starts_on,
            ends_on: plus_days(starts_on, period - 1),
            promised,
            sent: u32::try_from(sent).unwrap_or(u32::MAX),
        });
        k += 1;
    }
    let skip = windows.len().saturating_sub(WINDOWS_SHOWN);
    windows.split_off(skip)
}

// ---------------------------------------------------------------------------------------
// MCN agencies (R-MCN-1, R-MCN-2)
// ---------------------------------------------------------------------------------------

/// Invented agency names (not meant to be real companies).
const AGENCY_NAMES: [&str; 12] = [
    "杭州星芒文化传媒有限公司",
    "上海青柚网络科技有限公司",
    "成都熊猫互娱文化传播有限公司",
    "广州木棉花传媒有限公司",
    "北京奇点星空文化有限公司",
    "深圳鲸跃网络科技有限公司",
    "长沙芒果籽文化传媒有限公司",
    "南京栖霞山影视文化有限公司",
    "厦门海蛎煎网络科技有限公司",
    "武汉江城光年传媒有限公司",
    "西安长安乐文化传播有限公司",
    "苏州平江路数字传媒有限公司",
];

/// The last rating day on or before `today` (R-MCN-1: the 3rd of each month).
fn last_rating_day(today: NaiveDate) -> NaiveDate {
    let this_month = today.with_day(RATING_DAY_OF_MONTH).unwrap_or(today);
    if today >= this_month {
        this_month
    } else {
        this_month
            .checked_sub_months(Months::new(1))
            .unwrap_or(this_month)
    }
}

/// When agency `i` joined the platform: years ago for most; the second to last in the
/// month before the anchor's (first rated on the anchor month's 3rd), the last in the
/// anchor's own month (not rated yet on the anchor day).
fn founded_on(anchor: NaiveDate, i: usize, rng: &mut SplitMix64) -> NaiveDate {
    let month_start = anchor.with_day(1).unwrap_or(anchor);
    match i {
        10 => month_start
            .checked_sub_months(Months::new(1))
            .and_then(|m| m.with_day(10))
            .unwrap_or(month_start),
        11 => plus_days(month_start, i64::from(anchor.day() - 1) / 2),
        _ => plus_days(anchor, -rng.range(200, 2400)),
    }
}

/// The directory on `today`: every agency that has joined by then, in the platform's
/// order. A rated agency's level and channel are drawn per rating day, so they change on
/// the 3rd of a month as the clock passes it.
pub(crate) fn agencies(seed: u64, anchor: NaiveDate, today: NaiveDate) -> Vec<AgencyEntry> {
    AGENCY_NAMES
        .iter()
        .enumerate()
        .filter_map(|(i, name)| {
            let mut rng = SplitMix64::new(seed ^ mix64(0xA6E1_0000 + i as u64));
            let founded = founded_on(anchor, i, &mut rng);
            let creators = if i < 10 {
                rng.range(12, 420)
            } else {
                rng.range(5, 15)
            };
            if founded > today {
                return None;
            }
            let rating = rated_yet(founded, today).then(|| {
                let on = last_rating_day(today).max(first_rating_day(founded));
                let mut draw = day_rng(seed, on, 0xA6E1_0000_0000_0006 ^ i as u64);
                let level = 1 + draw.weighted(&[20, 30, 25, 15, 10]);
                let channel = if draw.chance(55) {
                    AgencyChannel::HighLevelCreators
                } else {
                    AgencyChannel::MonthlyGmv
                };
                (u8::try_from(level).unwrap_or(1), channel, on)
            });
            Some(AgencyEntry {
                id: agency_id(seed, i as u64),
                name: (*name).to_owned(),
                level: rating.map(|r| r.0),
                channel: rating.map(|r| r.1),
                rated_on: rating.map(|r| r.2),
                creators: u32::try_from(creators).unwrap_or(0),
                founded_on: founded,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// R-LEVEL-9: 90 days on the anchor day, the same values on every call, within 0–100,
    /// and the last of the history is today's index.
    #[test]
    fn r_level_9_the_index_wanders_deterministically() {
        let anchor = day(2026, 11, 22);
        let history = star_history(7, anchor, anchor, 365);
        assert_eq!(history.len(), 90);
        assert_eq!(history[0].day, day(2026, 8, 25));
        assert_eq!(history.last(), Some(&star_index(7, anchor, anchor)));
        assert_eq!(history, star_history(7, anchor, anchor, 90));
        let hundred = Decimal::ONE_HUNDRED;
        for s in &history {
            for v in [s.index, s.reach, s.cooperation, s.growth, s.value_for_money] {
                assert!(
                    Decimal::ZERO <= v && v <= hundred && v.scale() == 2,
                    "{s:?}"
                );
            }
        }
        let moved = history.windows(2).filter(|w| w[0].reach != w[1].reach);
        assert!(moved.count() > 60, "it moves from day to day");
        assert_ne!(star_history(8, anchor, anchor, 1), history[89..].to_vec());
        // The next day continues the walk.
        let tomorrow = plus_days(anchor, 1);
        assert_eq!(star_history(7, anchor, tomorrow, 2)[0], history[89]);
    }

    /// R-LEVEL-4, R-LEVEL-7: three periods on the anchor day; the one that ended last is
    /// short, none sends more than promised.
    #[test]
    fn r_level_7_the_last_ended_period_is_short() {
        let anchor = day(2026, 11, 22);
        let w = dispatch_windows(3, anchor, anchor, 8, 30);
        assert_eq!(w.len(), 3);
        assert_eq!(w[0].starts_on, day(2026, 9, 13));
        assert_eq!(w[0].ends_on, day(2026, 10, 12));
        assert_eq!((w[0].sent, w[1].sent), (8, 5));
        assert!(w[1].ends_on < anchor && anchor <= w[2].ends_on);
        assert!(w[2].sent <= 8);
        let later = dispatch_windows(3, anchor, plus_days(anchor, 400), 8, 30);
        assert_eq!(later.len(), WINDOWS_SHOWN);
        assert!(later.iter().all(|w| w.sent <= w.promised));
        assert!(dispatch_windows(3, anchor, anchor, 0, 30)
            .iter()
            .all(|w| w.sent == 0));
    }

    /// R-MCN-1, R-MCN-2: rated on a 3rd, a new agency first in its second month, levels
    /// 1..=5.
    #[test]
    fn r_mcn_1_agencies_are_rated_on_the_3rd_from_their_second_month() {
        let anchor = day(2026, 11, 22);
        let list = agencies(5, anchor, anchor);
        assert_eq!(list.len(), 12);
        for a in &list[..10] {
            assert_eq!(a.rated_on, Some(day(2026, 11, 3)), "{a:?}");
            assert!((1..=5).contains(&a.level.unwrap()));
            assert!(a.channel.is_some() && a.creators >= 5);
        }
        assert_eq!(list[10].founded_on, day(2026, 10, 10));
        assert_eq!(list[10].rated_on, Some(day(2026, 11, 3)));
        assert_eq!(list[11].founded_on, day(2026, 11, 11));
        assert_eq!(
            (list[11].level, list[11].channel, list[11].rated_on),
            (None, None, None)
        );
        let december = agencies(5, anchor, day(2026, 12, 3));
        assert_eq!(december[11].rated_on, Some(day(2026, 12, 3)));
        assert_eq!(agencies(5, anchor, day(2026, 12, 2))[11].level, None);
        assert_eq!(last_rating_day(day(2026, 1, 2)), day(2025, 12, 3));
        assert_eq!(agencies(5, anchor, anchor), list, "deterministic");
    }
}
