//! Who may apply to a task: R-JOIN-1 (100,000 followers for an account), R-REVIEW-11
//! (10,000..=500,000 followers outside an MCN; a clean MCN deposit record inside one) and
//! the task's own window, slots and follower range (R-REVIEW-2), each on both sides of its
//! threshold.

use chrono::NaiveDate;
use stardesk_domain::eligibility::{
    check, AgencyFacts, CheckCode, CreatorFacts, EligibilityRules, TaskFacts,
};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn independent(followers: u64) -> CreatorFacts {
    CreatorFacts {
        followers,
        agency: None,
    }
}

fn mcn(followers: u64, deposit_ever_deducted: bool) -> CreatorFacts {
    CreatorFacts {
        followers,
        agency: Some(AgencyFacts {
            deposit_ever_deducted,
        }),
    }
}

/// An open review task that sets no follower range of its own.
fn review_task() -> TaskFacts {
    TaskFacts {
        is_product_review: true,
        min_followers: 0,
        max_followers: None,
        slots_wanted: 20,
        slots_taken: 3,
        apply_start: date(2026, 11, 1),
        apply_end: date(2026, 11, 30),
    }
}

fn ordinary_task() -> TaskFacts {
    TaskFacts {
        is_product_review: false,
        ..review_task()
    }
}

fn today() -> NaiveDate {
    date(2026, 11, 15)
}

fn outcome(creator: &CreatorFacts, task: &TaskFacts, code: CheckCode) -> Option<bool> {
    check(creator, task, today(), &EligibilityRules::default())
        .get(code)
        .map(|c| c.ok)
}

#[test]
fn r_review_11_independent_creator_needs_10_000_to_500_000_followers() {
    for (followers, ok) in [
        (9_999, false),
        (10_000, true),
        (268_000, true),
        (500_000, true),
        (500_001, false),
    ] {
        let result = check(
            &independent(followers),
            &review_task(),
            today(),
            &EligibilityRules::default(),
        );
        assert_eq!(result.eligible, ok, "{followers}");
        let range = result.get(CheckCode::ReviewFollowerRange).unwrap();
        assert_eq!(range.ok, ok, "{followers}");
        assert_eq!(range.rule, Some("R-REVIEW-11"));
        // A review task does not ask for the R-JOIN-1 account threshold.
        assert!(result.get(CheckCode::AccountFollowers).is_none());
    }
}

#[test]
fn r_review_11_range_check_names_its_bounds_for_the_message() {
    let result = check(
        &independent(9_999),
        &review_task(),
        today(),
        &EligibilityRules::default(),
    );
    let range = result.get(CheckCode::ReviewFollowerRange).unwrap();
    assert_eq!(range.param("required_min"), Some("10000"));
    assert_eq!(range.param("required_max"), Some("500000"));
    assert_eq!(range.param("actual"), Some("9999"));
    assert_eq!(
        result.failures().map(|c| c.code).collect::<Vec<_>>(),
        vec![CheckCode::ReviewFollowerRange]
    );
}

#[test]
fn r_review_11_mcn_creator_needs_an_agency_never_deducted() {
    // The follower range is for creators outside an MCN; an MCN creator with 5,000 or
    // 2,000,000 followers is judged on the agency's deposit record instead.
    for followers in [5_000, 2_000_000] {
        assert_eq!(
            outcome(
                &mcn(followers, false),
                &review_task(),
                CheckCode::AgencyDeposit
            ),
            Some(true)
        );
        assert_eq!(
            outcome(
                &mcn(followers, false),
                &review_task(),
                CheckCode::ReviewFollowerRange
            ),
            None
        );
    }
    let result = check(
        &mcn(50_000, true),
        &review_task(),
        today(),
        &EligibilityRules::default(),
    );
    assert!(!result.eligible);
    let deposit = result.get(CheckCode::AgencyDeposit).unwrap();
    assert!(!deposit.ok);
    assert_eq!(deposit.rule, Some("R-REVIEW-11"));
    assert_eq!(deposit.param("deposit_ever_deducted"), Some("true"));
}

#[test]
fn r_join_1_other_tasks_need_a_100_000_follower_account() {
    for creator in [independent(99_999), mcn(99_999, false)] {
        let result = check(
            &creator,
            &ordinary_task(),
            today(),
            &EligibilityRules::default(),
        );
        assert!(!result.eligible);
        let account = result.get(CheckCode::AccountFollowers).unwrap();
        assert!(!account.ok);
        assert_eq!(account.rule, Some("R-JOIN-1"));
        assert_eq!(account.param("required_min"), Some("100000"));
    }
    for creator in [independent(100_000), mcn(100_000, true)] {
        let result = check(
            &creator,
            &ordinary_task(),
            today(),
            &EligibilityRules::default(),
        );
        assert!(result.eligible, "{creator:?}");
        // R-REVIEW-11 belongs to review tasks only.
        assert!(result.get(CheckCode::AgencyDeposit).is_none());
        assert!(result.get(CheckCode::ReviewFollowerRange).is_none());
    }
}

#[test]
fn thresholds_are_data() {
    let rules = EligibilityRules {
        account_min_followers: 50_000,
        review_min_followers: 1_000,
        review_max_followers: 2_000,
    };
    assert!(check(&independent(50_000), &ordinary_task(), today(), &rules).eligible);
    assert!(check(&independent(2_000), &review_task(), today(), &rules).eligible);
    assert!(!check(&independent(2_001), &review_task(), today(), &rules).eligible);
}

#[test]
fn task_follower_range_on_both_sides() {
    let task = TaskFacts {
        min_followers: 20_000,
        max_followers: Some(300_000),
        ..review_task()
    };
    for (followers, ok) in [
        (19_999, false),
        (20_000, true),
        (300_000, true),
        (300_001, false),
    ] {
        assert_eq!(
            outcome(&independent(followers), &task, CheckCode::TaskFollowers),
            Some(ok),
            "{followers}"
        );
    }
    let result = check(
        &independent(19_999),
        &task,
        today(),
        &EligibilityRules::default(),
    );
    let own = result.get(CheckCode::TaskFollowers).unwrap();
    assert_eq!(own.rule, None);
    assert_eq!(own.param("required_min"), Some("20000"));
    assert_eq!(own.param("required_max"), Some("300000"));
    // No ceiling: no required_max to show.
    let open = check(
        &independent(19_999),
        &review_task(),
        today(),
        &EligibilityRules::default(),
    );
    assert_eq!(
        open.get(CheckCode::TaskFollowers)
            .unwrap()
            .param("required_max"),
        None
    );
}

#[test]
fn r_review_2_application_window_includes_both_ends() {
    let creator = independent(268_000);
    let task = review_task();
    for (day, ok) in [
        (date(2026, 10, 31), false),
        (date(2026, 11, 1), true),
        (date(2026, 11, 30), true),
        (date(2026, 12, 1), false),
    ] {
        let result = check(&creator, &task, day, &EligibilityRules::default());
        assert_eq!(result.eligible, ok, "{day}");
        let window = result.get(CheckCode::ApplicationWindow).unwrap();
        assert_eq!(window.ok, ok, "{day}");
        assert_eq!(window.rule, Some("R-REVIEW-2"));
        assert_eq!(window.param("apply_end"), Some("2026-11-30"));
        assert_eq!(window.param("apply_start"), Some("2026-11-01"));
    }
}

#[test]
fn r_review_2_full_task_has_no_slots_left() {
    let creator = independent(268_000);
    for (taken, ok) in [(19, true), (20, false), (25, false)] {
        let task = TaskFacts {
            slots_taken: taken,
            ..review_task()
        };
        let result = check(&creator, &task, today(), &EligibilityRules::default());
        assert_eq!(result.eligible, ok, "{taken} taken");
        let slots = result.get(CheckCode::SlotsLeft).unwrap();
        assert_eq!(slots.ok, ok);
        assert_eq!(slots.param("slots_left"), Some(if ok { "1" } else { "0" }));
    }
}

#[test]
fn every_failure_is_reported_not_just_the_first() {
    let task = TaskFacts {
        min_followers: 20_000,
        slots_taken: 20,
        ..review_task()
    };
    let result = check(
        &independent(9_999),
        &task,
        date(2026, 12, 1),
        &EligibilityRules::default(),
    );
    assert!(!result.eligible);
    assert_eq!(
        result.failures().map(|c| c.code).collect::<Vec<_>>(),
        vec![
            CheckCode::ReviewFollowerRange,
            CheckCode::TaskFollowers,
            CheckCode::ApplicationWindow,
            CheckCode::SlotsLeft,
        ]
    );
    assert_eq!(CheckCode::SlotsLeft.as_str(), "slots_left");
}

#[test]
fn ordinary_task_checks_carry_no_review_rule() {
    let result = check(
        &independent(200_000),
        &ordinary_task(),
        today(),
        &EligibilityRules::default(),
    );
    assert!(result.eligible);
    assert_eq!(result.get(CheckCode::ApplicationWindow).unwrap().rule, None);
    assert_eq!(result.get(CheckCode::SlotsLeft).unwrap().rule, None);
}
