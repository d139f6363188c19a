//! R-LEVEL-1, R-LEVEL-2: the requirement table, each threshold on both sides, and the
//! cumulative reading of levels.

use stardesk_domain::rights::{evaluate, Item, LevelTable, Metrics, Op, Requirement};

use crate::support::{lv3, lv4};

#[test]
fn r_level_2_item_keys_and_operator_symbols_are_stable() {
    let keys: Vec<&str> = Item::ALL.iter().map(|item| item.key()).collect();
    assert_eq!(
        keys,
        [
            "followers",
            "courses_completed",
            "posts_30d",
            "avg_valid_plays",
            "likes",
            "orders",
            "credit_score",
            "profile_complete",
            "submission_tasks_joined",
        ]
    );
    assert_eq!(Op::AtLeast.symbol(), ">=");
    assert_eq!(Op::GreaterThan.symbol(), ">");
    assert_eq!(Op::IsTrue.symbol(), "is");
}

#[test]
fn r_level_2_default_table_is_the_published_one_row_by_row() {
    let rows: Vec<(u8, &str, &str, u64)> = LevelTable::default()
        .requirements
        .iter()
        .map(|r| (r.level, r.item.key(), r.op.symbol(), r.need))
        .collect();
    assert_eq!(
        rows,
        [
            (1, "courses_completed", ">=", 3),
            (1, "posts_30d", ">=", 5),
            (1, "profile_complete", "is", 1),
            (2, "courses_completed", ">=", 5),
            (2, "posts_30d", ">=", 8),
            (2, "avg_valid_plays", ">", 10_000),
            (2, "submission_tasks_joined", ">=", 1),
            (3, "courses_completed", ">=", 8),
            (3, "posts_30d", ">=", 20),
            (3, "avg_valid_plays", ">", 50_000),
            (3, "orders", ">=", 1),
            (3, "followers", ">", 300_000),
            (3, "likes", ">", 10_000),
            (3, "credit_score", ">=", 50),
            (4, "courses_completed", ">=", 10),
            (4, "posts_30d", ">=", 30),
            (4, "avg_valid_plays", ">", 100_000),
            (4, "orders", ">=", 3),
            (4, "followers", ">", 500_000),
            (4, "likes", ">", 30_000),
            (4, "credit_score", ">=", 75),
        ]
    );
    assert_eq!(LevelTable::default().top_level(), 4);
}

fn set(metrics: &mut Metrics, item: Item, value: u64) {
    let small = || u32::try_from(value).unwrap();
    match item {
        Item::Followers => metrics.followers = value,
        Item::CoursesCompleted => metrics.courses_completed = small(),
        Item::Posts30d => metrics.posts_30d = small(),
        Item::AvgValidPlays => metrics.avg_valid_plays = value,
        Item::Likes => metrics.likes = value,
        Item::Orders => metrics.orders = small(),
        Item::CreditScore => metrics.credit_score = small(),
        Item::ProfileComplete => metrics.profile_complete = value != 0,
        Item::SubmissionTasksJoined => metrics.submission_tasks_joined = small(),
    }
}

/// R-LEVEL-2, every threshold on both sides, "≥" reached exactly and "> x" not reached at
/// x: starting from a creator with every LV4 requirement met, one metric is set and the
/// level is what the other levels' thresholds leave.
#[test]
fn r_level_2_every_threshold_on_both_sides() {
    use Item::*;
    let cases: &[(Item, u64, u8)] = &[
        (CoursesCompleted, 10, 4),
        (CoursesCompleted, 9, 3),
        (CoursesCompleted, 8, 3),
        (CoursesCompleted, 7, 2),
        (CoursesCompleted, 5, 2),
        (CoursesCompleted, 4, 1),
        (CoursesCompleted, 3, 1),
        (CoursesCompleted, 2, 0),
        (Posts30d, 30, 4),
        (Posts30d, 29, 3),
        (Posts30d, 20, 3),
        (Posts30d, 19, 2),
        (Posts30d, 8, 2),
        (Posts30d, 7, 1),
        (Posts30d, 5, 1),
        (Posts30d, 4, 0),
        (AvgValidPlays, 100_001, 4),
        (AvgValidPlays, 100_000, 3),
        (AvgValidPlays, 50_001, 3),
        (AvgValidPlays, 50_000, 2),
        (AvgValidPlays, 10_001, 2),
        (AvgValidPlays, 10_000, 1),
        (AvgValidPlays, 0, 1),
        (Orders, 3, 4),
        (Orders, 2, 3),
        (Orders, 1, 3),
        (Orders, 0, 2),
        (Followers, 500_001, 4),
        (Followers, 500_000, 3),
        (Followers, 300_001, 3),
        (Followers, 300_000, 2),
        (Likes, 30_001, 4),
        (Likes, 30_000, 3),
        (Likes, 10_001, 3),
        (Likes, 10_000, 2),
        (CreditScore, 75, 4),
        (CreditScore, 74, 3),
        (CreditScore, 50, 3),
        (CreditScore, 49, 2),
        (ProfileComplete, 1, 4),
        (ProfileComplete, 0, 0),
        (SubmissionTasksJoined, 1, 4),
        (SubmissionTasksJoined, 0, 1),
    ];
    let table = LevelTable::default();
    for &(item, value, level) in cases {
        let mut metrics = lv4();
        set(&mut metrics, item, value);
        assert_eq!(
            evaluate(&table, &metrics).level,
            level,
            "{} = {value}",
            item.key()
        );
    }
}

#[test]
fn r_level_2_strict_and_non_strict_operators_at_the_threshold() {
    let at = |op, have| {
        Requirement::new(1, Item::Likes, op, 10_000).check(&Metrics {
            likes: have,
            ..Metrics::default()
        })
    };
    assert!(at(Op::AtLeast, 10_000).met);
    assert!(!at(Op::AtLeast, 9_999).met);
    assert!(!at(Op::GreaterThan, 10_000).met);
    assert!(at(Op::GreaterThan, 10_001).met);
    assert_eq!(at(Op::GreaterThan, 10_001).have, 10_001);
    let profile = |complete| {
        Requirement::new(1, Item::ProfileComplete, Op::IsTrue, 1).check(&Metrics {
            profile_complete: complete,
            ..Metrics::default()
        })
    };
    assert_eq!((profile(true).have, profile(true).met), (1, true));
    assert_eq!((profile(false).have, profile(false).met), (0, false));
}

#[test]
fn r_level_1_cumulative_lv3_metrics_with_an_lv2_task_missing_is_level_1() {
    let mut metrics = lv3();
    metrics.submission_tasks_joined = 0;
    let report = evaluate(&LevelTable::default(), &metrics);
    // Every LV3 task is met on its own, but LV2's submission task is not: LV2 does not
    // hold, so neither does LV3.
    assert!(report.checklist(3).all(|c| c.met));
    assert_eq!(report.level, 1);
    assert_eq!(report.next_level, Some(2));
    let missing: Vec<&str> = report.missing.iter().map(|c| c.req.item.key()).collect();
    assert_eq!(missing, ["submission_tasks_joined"]);
    assert_eq!(report.missing[0].have, 0);

    metrics.submission_tasks_joined = 1;
    assert_eq!(evaluate(&LevelTable::default(), &metrics).level, 3);
}

#[test]
fn r_level_1_level_0_when_lv1_does_not_hold_and_the_checklist_is_lv1() {
    let report = evaluate(&LevelTable::default(), &Metrics::default());
    assert_eq!(report.level, 0);
    assert_eq!(report.next_level, Some(1));
    let missing: Vec<(&str, u64)> = report
        .missing
        .iter()
        .map(|c| (c.req.item.key(), c.have))
        .collect();
    assert_eq!(
        missing,
        [
            ("courses_completed", 0),
            ("posts_30d", 0),
            ("profile_complete", 0)
        ]
    );
}

#[test]
fn r_level_1_the_next_levels_checklist_lists_met_and_unmet_with_values() {
    let mut metrics = lv3();
    metrics.orders = 3;
    metrics.followers = 550_000;
    let report = evaluate(&LevelTable::default(), &metrics);
    assert_eq!(report.level, 3);
    assert_eq!(report.next_level, Some(4));
    let checklist: Vec<(&str, u64, bool)> = report
        .checklist(4)
        .map(|c| (c.req.item.key(), c.have, c.met))
        .collect();
    assert_eq!(
        checklist,
        [
            ("courses_completed", 8, false),
            ("posts_30d", 20, false),
            ("avg_valid_plays", 60_000, false),
            ("orders", 3, true),
            ("followers", 550_000, true),
            ("likes", 20_000, false),
            ("credit_score", 60, false),
        ]
    );
    assert_eq!(report.missing.len(), 5);
    assert!(report.missing.iter().all(|c| c.req.level == 4 && !c.met));
    // Every requirement of every level is reported, in table order.
    assert_eq!(report.requirements.len(), 21);
    assert_eq!(report.requirements[6].req.item, Item::SubmissionTasksJoined);
}

#[test]
fn r_level_1_top_level_has_no_next_level_and_nothing_missing() {
    let report = evaluate(&LevelTable::default(), &lv4());
    assert_eq!(report.level, 4);
    assert_eq!(report.next_level, None);
    assert!(report.missing.is_empty());
    assert!(report.requirements.iter().all(|c| c.met));
}

#[test]
fn r_level_1_a_table_is_data_an_empty_one_has_no_levels() {
    let empty = LevelTable {
        requirements: Vec::new(),
    };
    let report = evaluate(&empty, &lv4());
    assert_eq!((report.level, report.next_level), (0, None));

    // A revised table with LV1 asking for 6 posts.
    let mut revised = LevelTable::default();
    revised.requirements[1].need = 6;
    let metrics = Metrics {
        posts_30d: 5,
        ..lv4()
    };
    assert_eq!(evaluate(&LevelTable::default(), &metrics).level, 1);
    assert_eq!(evaluate(&revised, &metrics).level, 0);
}
