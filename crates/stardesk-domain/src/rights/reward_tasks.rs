//! Reward tasks (奖励任务, R-LEVEL-3): over a 3-month assessment cycle, average orders per
//! natural month and average valid plays (short video or live) against each level's bar.
//! Meeting a level's bar earns that level's reward benefits ([`super::benefits::Tier::Reward`],
//! R-LEVEL-4).

use rust_decimal::{Decimal, RoundingStrategy};

/// One level's reward-task bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RewardBar {
    pub level: u8,
    /// Average orders per natural month, at least (the source's "每自然月平均1个订单" reads
    /// as "on average 1 order a month", so 1.0 meets a bar of 1).
    pub orders_per_month: u32,
    /// Average valid plays must be strictly above this ("> 5,000").
    pub plays_above: u64,
}

/// The reward-task bars. The platform revises them, so they are data; [`Default`] is the
/// published R-LEVEL-3 schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardBars {
    /// Natural months in an assessment cycle (published: 3).
    pub cycle_months: u32,
    /// By level.
    pub bars: Vec<RewardBar>,
}

impl RewardBars {
    /// R-LEVEL-3: a 3-month cycle; LV1 1 order, > 5,000; LV2 1, > 20,000; LV3 2,
    /// > 80,000; LV4 2, > 150,000.
    pub fn published() -> Self {
        let bar = |level, orders_per_month, plays_above| RewardBar {
            level,
            orders_per_month,
            plays_above,
        };
        Self {
            cycle_months: 3,
            bars: vec![
                bar(1, 1, 5_000),
                bar(2, 1, 20_000),
                bar(3, 2, 80_000),
                bar(4, 2, 150_000),
            ],
        }
    }
}

/// R-LEVEL-3: the published bars ([`RewardBars::published`]).
impl Default for RewardBars {
    fn default() -> Self {
        Self::published()
    }
}

/// One natural month of the cycle as the platform reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CycleMonth {
    /// Orders in the month (0 for a month with none: it still counts as a month).
    pub orders: u32,
    /// Average valid plays of the month's short videos.
    pub avg_plays_short_video: u64,
    /// Average valid plays of the month's lives.
    pub avg_plays_live: u64,
}

/// Which kind of content gave the better average.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PlaysChannel {
    ShortVideo,
    Live,
}

/// One level's bar and whether the cycle meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RewardCheck {
    pub bar: RewardBar,
    pub orders_met: bool,
    pub plays_met: bool,
    /// Both met.
    pub met: bool,
}

/// The cycle's averages and every level's bar against them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RewardProgress {
    /// Months averaged over: those given, at most `cycle_months`.
    pub months_counted: u32,
    /// Orders per month, shown: 2 decimals, 四舍五入.
    pub avg_orders: Decimal,
    /// Short-video plays averaged over the months, shown: 2 decimals, 四舍五入.
    pub avg_plays_short_video: Decimal,
    /// Live plays averaged over the months, shown: 2 decimals, 四舍五入.
    pub avg_plays_live: Decimal,
    /// The better of the two averages, the one the bars are judged on.
    pub avg_plays: Decimal,
    /// Which of the two it is; short video on a tie.
    pub better: PlaysChannel,
    /// By level, in the bars' order.
    pub levels: Vec<RewardCheck>,
}

impl RewardProgress {
    /// Whether the bar of `level` is met; false for a level without a bar.
    pub fn met(&self, level: u8) -> bool {
        self.levels.iter().any(|c| c.bar.level == level && c.met)
    }
}

fn shown(total: u64, months: u32) -> Decimal {
    if months == 0 {
        return Decimal::ZERO;
    }
    (Decimal::from(total) / Decimal::from(months))
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// R-LEVEL-3: the cycle's averages against each level's bar.
///
/// `months` are the cycle's natural months so far, oldest first; only the first
/// `cycle_months` are used. Every month given counts in the average, so a month with no
/// order must be given (with `orders: 0`) and pulls the average down, as the platform
/// counts it. Judged mid-cycle, the averages are the pace so far; the cycle's verdict is
/// the one with all 3 months.
///
/// Plays are "short video OR live": each is averaged over the months on its own, and the
/// bar is met when either average is above it, i.e. the better one is. Bars are judged on
/// the exact averages in integers (`total ≥ bar × months`, `total > bar × months`); the
/// rounded averages are only for showing. With no month at all nothing is met.
pub fn reward_progress(bars: &RewardBars, months: &[CycleMonth]) -> RewardProgress {
    let used = &months[..months.len().min(bars.cycle_months as usize)];
    let n = used.len() as u32;
    let orders: u64 = used.iter().map(|m| u64::from(m.orders)).sum();
    let short: u64 = used.iter().map(|m| m.avg_plays_short_video).sum();
    let live: u64 = used.iter().map(|m| m.avg_plays_live).sum();
    let (better, best) = if live > short {
        (PlaysChannel::Live, live)
    } else {
        (PlaysChannel::ShortVideo, short)
    };
    let levels = bars
        .bars
        .iter()
        .map(|&bar| {
            let months = u128::from(n);
            let orders_met =
                n > 0 && u128::from(orders) >= u128::from(bar.orders_per_month) * months;
            let plays_met = n > 0 && u128::from(best) > u128::from(bar.plays_above) * months;
            RewardCheck {
                bar,
                orders_met,
                plays_met,
                met: orders_met && plays_met,
            }
        })
        .collect();
    RewardProgress {
        months_counted: n,
        avg_orders: shown(orders, n),
        avg_plays_short_video: shown(short, n),
        avg_plays_live: shown(live, n),
        avg_plays: shown(best, n),
        better,
        levels,
    }
}
