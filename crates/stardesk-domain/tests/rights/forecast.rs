//! R-LEVEL-1, R-LEVEL-2: the rolling 30-day post window, the demotion forecast and the
//! requirements near their threshold.

use chrono::{Days, NaiveDate};
use stardesk_domain::rights::{
    demotion_forecast, is_near, posts_in_window, Item, LevelTable, Metrics, Op, PostsNeeded,
    Requirement,
};

use crate::support::{date, lv3};

fn back(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_sub_days(Days::new(days)).unwrap()
}

fn ahead(day: NaiveDate, days: u64) -> NaiveDate {
    day.checked_add_days(Days::new(days)).unwrap()
}

#[test]
fn r_level_2_the_window_is_the_30_days_ending_today_inclusive() {
    let today = date(2025, 12, 8);
    assert_eq!(posts_in_window(&[today], today), 1);
    assert_eq!(posts_in_window(&[back(today, 29)], today), 1);
    assert_eq!(posts_in_window(&[back(today, 30)], today), 0);
    assert_eq!(posts_in_window(&[ahead(today, 1)], today), 0);
    // A post is counted from its day through day + 29 and falls out on day + 30.
    let post = date(2025, 11, 8);
    assert_eq!(posts_in_window(&[post], back(post, 1)), 0);
    assert_eq!(posts_in_window(&[post], ahead(post, 29)), 1);
    assert_eq!(posts_in_window(&[post], ahead(post, 30)), 0);
    // Two posts on one day are two posts.
    assert_eq!(posts_in_window(&[post, post], post), 2);
}

#[test]
fn r_level_2_two_more_posts_by_the_day_two_old_ones_leave_the_window() {
    // LV2 needs ≥ 8. Two posts of 8 November leave the window on 8 December.
    let today = date(2025, 12, 1);
    let mut posts = vec![date(2025, 11, 8), date(2025, 11, 8)];
    posts.extend((15..=30).step_by(3).map(|day| date(2025, 11, day)));
    assert_eq!(posts.len(), 8);
    let forecast = demotion_forecast(
        &LevelTable::default(),
        2,
        &Metrics::default(),
        &posts,
        today,
    );
    assert_eq!(forecast.posts_floor, Some(8));
    assert_eq!(forecast.posts_today, 8);
    assert_eq!(forecast.drops_on, Some(date(2025, 12, 8)));
    assert_eq!(
        forecast.keep,
        Some(PostsNeeded {
            posts_needed: 2,
            by: date(2025, 12, 8)
        })
    );
}

#[test]
fn r_level_2_the_drop_day_is_the_oldest_posts_day_plus_30() {
    // LV1 needs ≥ 5; the oldest post is on the window's first day, so it leaves tomorrow.
    let today = date(2025, 12, 8);
    let posts = [
        back(today, 29),
        back(today, 20),
        back(today, 20),
        back(today, 10),
        today,
    ];
    let forecast = demotion_forecast(
        &LevelTable::default(),
        1,
        &Metrics::default(),
        &posts,
        today,
    );
    assert_eq!(forecast.posts_today, 5);
    assert_eq!(forecast.drops_on, Some(ahead(today, 1)));
    assert_eq!(forecast.keep.map(|k| k.posts_needed), Some(1));

    // One day younger, it stays one more day.
    let posts = [
        back(today, 28),
        back(today, 20),
        back(today, 20),
        back(today, 10),
        today,
    ];
    let forecast = demotion_forecast(
        &LevelTable::default(),
        1,
        &Metrics::default(),
        &posts,
        today,
    );
    assert_eq!(forecast.drops_on, Some(ahead(today, 2)));

    // A post 30 days back is already out: 4 in the window, short today.
    let posts = [
        back(today, 30),
        back(today, 20),
        back(today, 20),
        back(today, 10),
        today,
    ];
    let forecast = demotion_forecast(
        &LevelTable::default(),
        1,
        &Metrics::default(),
        &posts,
        today,
    );
    assert_eq!(forecast.posts_today, 4);
    assert_eq!(forecast.drops_on, Some(today));
    assert_eq!(
        forecast.keep,
        Some(PostsNeeded {
            posts_needed: 1,
            by: today
        })
    );
}

#[test]
fn r_level_2_future_dates_are_not_posts_yet() {
    let today = date(2025, 12, 8);
    let mut posts = vec![today; 4];
    posts.push(ahead(today, 1));
    let forecast = demotion_forecast(
        &LevelTable::default(),
        1,
        &Metrics::default(),
        &posts,
        today,
    );
    assert_eq!(forecast.posts_today, 4);
    assert_eq!(forecast.drops_on, Some(today));
}

#[test]
fn r_level_2_with_enough_posts_the_drop_is_still_within_30_days() {
    // 40 posts today: LV4's 30 hold until they all leave on today + 30.
    let today = date(2025, 12, 8);
    let posts = vec![today; 40];
    let forecast = demotion_forecast(
        &LevelTable::default(),
        4,
        &Metrics::default(),
        &posts,
        today,
    );
    assert_eq!(forecast.posts_floor, Some(30));
    assert_eq!(forecast.drops_on, Some(ahead(today, 30)));
    assert_eq!(forecast.keep.map(|k| k.posts_needed), Some(30));
}

#[test]
fn r_level_1_level_0_or_a_table_without_posts_never_drops() {
    let today = date(2025, 12, 8);
    let forecast = demotion_forecast(&LevelTable::default(), 0, &Metrics::default(), &[], today);
    assert_eq!(forecast.posts_floor, None);
    assert_eq!((forecast.drops_on, forecast.keep), (None, None));
    assert!(forecast.near.is_empty() && forecast.failing.is_empty());

    let no_posts = LevelTable {
        requirements: vec![Requirement::new(1, Item::CoursesCompleted, Op::AtLeast, 3)],
    };
    let forecast = demotion_forecast(&no_posts, 1, &Metrics::default(), &[], today);
    assert_eq!((forecast.posts_floor, forecast.drops_on), (None, None));
}

#[test]
fn r_level_2_a_strict_posts_requirement_needs_one_more() {
    let today = date(2025, 12, 8);
    let strict = LevelTable {
        requirements: vec![Requirement::new(1, Item::Posts30d, Op::GreaterThan, 5)],
    };
    let posts = vec![today; 5];
    let forecast = demotion_forecast(&strict, 1, &Metrics::default(), &posts, today);
    assert_eq!(forecast.posts_floor, Some(6));
    assert_eq!(forecast.drops_on, Some(today));
    assert_eq!(forecast.keep.map(|k| k.posts_needed), Some(1));
}

#[test]
fn r_level_1_near_lists_met_requirements_within_10_percent_of_all_held_levels() {
    let metrics = Metrics {
        courses_completed: 9,
        avg_valid_plays: 55_000,
        orders: 1,
        followers: 330_000,
        likes: 11_001,
        credit_score: 55,
        submission_tasks_joined: 1,
        ..lv3()
    };
    let today = date(2025, 12, 8);
    let forecast = demotion_forecast(&LevelTable::default(), 3, &metrics, &[], today);
    let near: Vec<(u8, &str, u64)> = forecast
        .near
        .iter()
        .map(|c| (c.req.level, c.req.item.key(), c.have))
        .collect();
    // avg plays > 50,000 → 55,000 is near; likes > 10,000 → 11,001 is not; credit ≥ 50 →
    // 55 is; LV2's "joined ≥ 1 submission task" with 1 is; posts are the forecast's own.
    assert_eq!(
        near,
        [
            (2, "submission_tasks_joined", 1),
            (3, "avg_valid_plays", 55_000),
            (3, "orders", 1),
            (3, "followers", 330_000),
            (3, "credit_score", 55),
        ]
    );
    assert!(forecast.failing.is_empty());

    let further = Metrics {
        followers: 330_001,
        credit_score: 56,
        ..metrics
    };
    let forecast = demotion_forecast(&LevelTable::default(), 3, &further, &[], today);
    let keys: Vec<&str> = forecast.near.iter().map(|c| c.req.item.key()).collect();
    assert_eq!(
        keys,
        ["submission_tasks_joined", "avg_valid_plays", "orders"]
    );
}

#[test]
fn r_level_1_an_unmet_requirement_is_failing_not_near() {
    let metrics = Metrics {
        credit_score: 49,
        ..lv3()
    };
    let forecast = demotion_forecast(&LevelTable::default(), 3, &metrics, &[], date(2025, 12, 8));
    assert!(forecast
        .near
        .iter()
        .all(|c| c.req.item != Item::CreditScore));
    let failing: Vec<(&str, u64)> = forecast
        .failing
        .iter()
        .map(|c| (c.req.item.key(), c.have))
        .collect();
    assert_eq!(failing, [("credit_score", 49)]);
}

#[test]
fn r_level_2_near_is_integer_exact_at_ten_percent_and_skips_yes_no_items() {
    let check = |op, need, have| {
        Requirement::new(3, Item::Likes, op, need).check(&Metrics {
            likes: have,
            ..Metrics::default()
        })
    };
    assert!(is_near(&check(Op::AtLeast, 50, 55)));
    assert!(!is_near(&check(Op::AtLeast, 50, 56)));
    assert!(is_near(&check(Op::GreaterThan, 10_000, 11_000)));
    assert!(!is_near(&check(Op::GreaterThan, 10_000, 11_001)));
    // Met exactly at the threshold is the nearest there is; unmet is not near.
    assert!(is_near(&check(Op::AtLeast, 50, 50)));
    assert!(!is_near(&check(Op::AtLeast, 50, 49)));
    assert!(!is_near(&check(Op::GreaterThan, 10_000, 10_000)));
    let profile = Requirement::new(1, Item::ProfileComplete, Op::IsTrue, 1).check(&Metrics {
        profile_complete: true,
        ..Metrics::default()
    });
    assert!(profile.met && !is_near(&profile));
}
