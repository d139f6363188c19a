//! R-LEVEL-3: reward tasks over the 3-month cycle.

use rust_decimal::Decimal;
use stardesk_domain::rights::{reward_progress, CycleMonth, PlaysChannel, RewardBar, RewardBars};

use crate::support::d;

fn month(orders: u32, short: u64, live: u64) -> CycleMonth {
    CycleMonth {
        orders,
        avg_plays_short_video: short,
        avg_plays_live: live,
    }
}

fn met_levels(months: &[CycleMonth]) -> Vec<u8> {
    reward_progress(&RewardBars::default(), months)
        .levels
        .iter()
        .filter(|c| c.met)
        .map(|c| c.bar.level)
        .collect()
}

#[test]
fn r_level_3_default_bars_are_the_published_ones() {
    let bars = RewardBars::default();
    assert_eq!(bars.cycle_months, 3);
    let rows: Vec<(u8, u32, u64)> = bars
        .bars
        .iter()
        .map(|b| (b.level, b.orders_per_month, b.plays_above))
        .collect();
    assert_eq!(
        rows,
        [
            (1, 1, 5_000),
            (2, 1, 20_000),
            (3, 2, 80_000),
            (4, 2, 150_000)
        ]
    );
}

#[test]
fn r_level_3_a_month_with_no_order_counts_as_zero() {
    // 2 + 0 + 1 orders over 3 months: 1 a month, enough for LV1/LV2's 1, not LV3's 2.
    let months = [
        month(2, 90_000, 0),
        month(0, 90_000, 0),
        month(1, 90_000, 0),
    ];
    let progress = reward_progress(&RewardBars::default(), &months);
    assert_eq!(progress.months_counted, 3);
    assert_eq!(progress.avg_orders, d("1"));
    assert_eq!(met_levels(&months), [1, 2]);
    let lv3 = progress.levels[2];
    assert!(lv3.plays_met && !lv3.orders_met && !lv3.met);

    // Without the empty month the average would have been 1.5, and 4 + 0 + 2 is 2 a month.
    assert_eq!(
        reward_progress(&RewardBars::default(), &[months[0], months[2]]).avg_orders,
        d("1.5")
    );
    let busier = [
        month(4, 90_000, 0),
        month(0, 90_000, 0),
        month(2, 90_000, 0),
    ];
    assert_eq!(met_levels(&busier), [1, 2, 3]);
    // One order short of 6 in the cycle: 5 / 3 = 1.67 a month.
    let short = [
        month(3, 90_000, 0),
        month(0, 90_000, 0),
        month(2, 90_000, 0),
    ];
    let progress = reward_progress(&RewardBars::default(), &short);
    assert_eq!(progress.avg_orders, d("1.67"));
    assert_eq!(met_levels(&short), [1, 2]);
}

#[test]
fn r_level_3_plays_are_strictly_above_the_bar() {
    // 5,000 on average is not above 5,000; 15,001 / 3 = 5,000.33 is.
    let at_bar = [month(1, 5_000, 0), month(1, 5_000, 0), month(1, 5_000, 0)];
    assert_eq!(met_levels(&at_bar), Vec::<u8>::new());
    let above = [month(1, 5_001, 0), month(1, 5_000, 0), month(1, 5_000, 0)];
    let progress = reward_progress(&RewardBars::default(), &above);
    assert_eq!(progress.avg_plays, d("5000.33"));
    assert_eq!(met_levels(&above), [1]);
}

#[test]
fn r_level_3_short_video_or_live_whichever_average_is_better() {
    // Short video averages 70,000, live 90,000: live clears LV3's > 80,000.
    let months = [
        month(2, 100_000, 60_000),
        month(2, 60_000, 120_000),
        month(2, 50_000, 90_000),
    ];
    let progress = reward_progress(&RewardBars::default(), &months);
    assert_eq!(progress.avg_plays_short_video, d("70000"));
    assert_eq!(progress.avg_plays_live, d("90000"));
    assert_eq!(progress.avg_plays, d("90000"));
    assert_eq!(progress.better, PlaysChannel::Live);
    assert!(progress.met(3));
    assert!(!progress.met(4));
    // Each channel is averaged over the cycle on its own: the better channel month by
    // month (150,000, 150,000, 0) would average 100,000, but each channel averages 50,000.
    let swapped = [month(2, 150_000, 0), month(2, 0, 150_000), month(2, 0, 0)];
    let progress = reward_progress(&RewardBars::default(), &swapped);
    assert_eq!(progress.avg_plays, d("50000"));
    assert_eq!(progress.better, PlaysChannel::ShortVideo);
    assert!(!progress.met(3) && progress.met(2));
}

#[test]
fn r_level_3_averages_are_shown_rounded_half_up_to_two_decimals() {
    // 2 / 3 = 0.666.. → 0.67; 10,001 / 2 = 5,000.5 stays; 1 / 3 of a play → 0.33.
    let progress = reward_progress(
        &RewardBars::default(),
        &[month(1, 1, 0), month(1, 0, 0), month(0, 0, 0)],
    );
    assert_eq!(progress.avg_orders, d("0.67"));
    assert_eq!(progress.avg_plays_short_video, d("0.33"));
    let progress = reward_progress(
        &RewardBars::default(),
        &[month(1, 10_001, 0), month(1, 0, 0)],
    );
    assert_eq!(progress.avg_plays, d("5000.5"));
    assert!(progress.met(1));
}

#[test]
fn r_level_3_only_the_cycles_three_months_count_and_none_meets_nothing() {
    let months = [
        month(2, 200_000, 0),
        month(2, 200_000, 0),
        month(2, 200_000, 0),
        month(0, 0, 0),
    ];
    let progress = reward_progress(&RewardBars::default(), &months);
    assert_eq!(progress.months_counted, 3);
    assert!(progress.met(4));

    let none = reward_progress(&RewardBars::default(), &[]);
    assert_eq!(none.months_counted, 0);
    assert_eq!(none.avg_orders, Decimal::ZERO);
    assert!(none.levels.iter().all(|c| !c.orders_met && !c.plays_met));

    // Bars are data: a campaign asking for 3 orders a month.
    let bars = RewardBars {
        cycle_months: 3,
        bars: vec![RewardBar {
            level: 1,
            orders_per_month: 3,
            plays_above: 0,
        }],
    };
    assert!(!reward_progress(&bars, &months[..3]).met(1));
}
