//! Keeping a level (R-LEVEL-1): when the rolling 30-day post count (R-LEVEL-2) would drop
//! below what the level needs if nothing new is posted, how many posts keep it and by
//! when, and which other requirements of the level are close to their threshold.

use chrono::{Days, NaiveDate};

use super::level::{Checked, Item, LevelTable, Metrics, Op};

/// R-LEVEL-2: "posts" are those of the last 30 days.
pub const POSTS_WINDOW_DAYS: u64 = 30;

/// A requirement counts as near its threshold when the creator's value is at most this
/// many percent above it (see [`is_near`]). A product choice, not a platform rule.
pub const NEAR_MARGIN_PERCENT: u64 = 10;

/// R-LEVEL-2: the posts counted on `day`: the dates `d` with `day − 30 < d ≤ day`, i.e. the
/// 30 days ending on `day`, `day` included. A post published on `p` is counted from `p`
/// through `p + 29` and falls out on `p + 30`. Each entry is one post (several on one day
/// count separately).
pub fn posts_in_window(post_dates: &[NaiveDate], day: NaiveDate) -> u64 {
    let first = day
        .checked_sub_days(Days::new(POSTS_WINDOW_DAYS - 1))
        .unwrap_or(NaiveDate::MIN);
    post_dates
        .iter()
        .filter(|&&d| first <= d && d <= day)
        .count() as u64
}

/// Whether a met requirement is within [`NEAR_MARGIN_PERCENT`] of its threshold:
/// `have ≤ need × 1.1`, in integers as `have × 100 ≤ need × 110`. The same bound for "≥"
/// and ">" (for "> 10,000", 11,000 is near and 11,001 is not). An unmet requirement is not
/// "near" (it has already failed), and a yes/no item never is (it has no margin).
pub fn is_near(checked: &Checked) -> bool {
    checked.met
        && checked.req.op != Op::IsTrue
        && u128::from(checked.have) * 100
            <= u128::from(checked.req.need) * u128::from(100 + NEAR_MARGIN_PERCENT)
}

/// How many posts keep the level, and the last day to publish them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PostsNeeded {
    /// New posts to publish between today and `by`, both included, e.g. 2.
    pub posts_needed: u32,
    /// The day the count would first fall short; a post published on it still counts for
    /// it (the window includes its last day).
    pub by: NaiveDate,
}

/// Where a creator stands on keeping its current level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemotionForecast {
    pub level: u8,
    /// The fewest posts the 30-day window must hold to keep `level`: the largest of the
    /// posts requirements of levels ≤ `level`, `n` for "≥ n" and `n + 1` for "> n". `None`
    /// when none of them counts posts (level 0, or a table without posts).
    pub posts_floor: Option<u64>,
    /// Posts in today's window.
    pub posts_today: u64,
    /// The first day from today on whose window holds fewer than `posts_floor` posts if
    /// nothing new is published: today itself when it already does. `None` when it never
    /// would (no floor, or a floor of 0).
    pub drops_on: Option<NaiveDate>,
    /// The posts that keep the level on `drops_on`: `Some` exactly when `drops_on` is. After
    /// publishing them, forecast again for the next drop.
    pub keep: Option<PostsNeeded>,
    /// Met requirements of levels ≤ `level`, other than posts, within
    /// [`NEAR_MARGIN_PERCENT`] of their threshold ([`is_near`]), in table order.
    pub near: Vec<Checked>,
    /// Unmet requirements of levels ≤ `level`, other than posts (which `drops_on` covers):
    /// the creator no longer holds `level` on these metrics.
    pub failing: Vec<Checked>,
}

/// R-LEVEL-1, R-LEVEL-2: the forecast for a creator at `level` with these metrics and
/// these post dates (the last 60 days suffice; older and future dates are ignored, a
/// future date being a post not yet published).
///
/// Levels are cumulative, so every requirement of the levels up to `level` is watched, not
/// only `level`'s own: losing any of them loses the level. In the published table the
/// posts floor is then simply `level`'s own (5 / 8 / 20 / 30). The posts count comes from
/// `post_dates`, not from `metrics.posts_30d`, so that it can be rolled forward.
pub fn demotion_forecast(
    table: &LevelTable,
    level: u8,
    metrics: &Metrics,
    post_dates: &[NaiveDate],
    today: NaiveDate,
) -> DemotionForecast {
    let watched = || table.requirements.iter().filter(|r| r.level <= level);
    let posts_floor = watched()
        .filter(|r| r.item == Item::Posts30d)
        .map(|r| r.op.least_meeting(r.need))
        .max();
    let published: Vec<NaiveDate> = post_dates.iter().copied().filter(|&d| d <= today).collect();
    let posts_today = posts_in_window(&published, today);

    // With nothing new, every post has left the window on today + 30, so a positive floor
    // is always missed by then.
    let drops_on = posts_floor.filter(|&floor| floor > 0).and_then(|floor| {
        (0..=POSTS_WINDOW_DAYS)
            .filter_map(|offset| today.checked_add_days(Days::new(offset)))
            .find(|&day| posts_in_window(&published, day) < floor)
    });
    let keep = drops_on.zip(posts_floor).map(|(by, floor)| PostsNeeded {
        posts_needed: u32::try_from(floor - posts_in_window(&published, by)).unwrap_or(u32::MAX),
        by,
    });

    let others: Vec<Checked> = watched()
        .filter(|r| r.item != Item::Posts30d)
        .map(|r| r.check(metrics))
        .collect();
    DemotionForecast {
        level,
        posts_floor,
        posts_today,
        drops_on,
        keep,
        near: others.iter().copied().filter(is_near).collect(),
        failing: others.into_iter().filter(|c| !c.met).collect(),
    }
}
