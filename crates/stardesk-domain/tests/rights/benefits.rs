//! R-LEVEL-4 to R-LEVEL-7: benefits by level, automatic or claimable, guarantee cards and
//! the DOU+ owed for missing dispatches.

use stardesk_domain::earnings::GuaranteeCard;
use stardesk_domain::rights::{
    card_expiry, days_left, dou_plus_owed, BenefitKind, BenefitTable, Claim, ExpiryReminders,
    StatedValue, Tier,
};

use crate::support::{d, date};

fn listing(level: u8) -> Vec<(char, &'static str, Option<u32>)> {
    BenefitTable::default()
        .level(level)
        .unwrap()
        .benefits
        .iter()
        .map(|b| {
            let tier = if b.tier == Tier::Basic { 'B' } else { 'R' };
            (tier, b.kind.key(), b.count)
        })
        .collect()
}

#[test]
fn r_level_4_stated_values_per_level() {
    let values: Vec<_> = BenefitTable::default()
        .levels
        .iter()
        .map(|l| (l.level, l.stated_value))
        .collect();
    assert_eq!(
        values,
        [
            (1, d("5000")),
            (2, d("20000")),
            (3, d("70000")),
            (4, d("130000"))
        ]
    );
    assert!(BenefitTable::default().level(0).is_none());
}

#[test]
fn r_level_4_lv1_and_lv2_benefits() {
    assert_eq!(
        listing(1),
        [
            ('B', "identity_tag", None),
            ('B', "extra_dispatch", Some(4)),
            ('B', "diamond_booth", None),
            ('R', "stars_plan_priority", None),
        ]
    );
    assert_eq!(
        listing(2),
        [
            ('B', "identity_tag", None),
            ('B', "ad_slot", None),
            ('B', "extra_dispatch", Some(8)),
            ('B', "diamond_booth", None),
            ('B', "featured_case", None),
            ('R', "stars_plan_priority", None),
            ('R', "guarantee_card", Some(2)),
        ]
    );
}

#[test]
fn r_level_4_lv3_and_lv4_benefits() {
    assert_eq!(
        listing(3),
        [
            ('B', "identity_tag", None),
            ('B', "ad_slot", None),
            ('B', "ranking", None),
            ('B', "diamond_booth", None),
            ('B', "case_promotion", None),
            ('B', "one_to_one_recommendation", Some(1)),
            ('B', "featured_case", None),
            ('B', "guarantee_card", Some(3)),
            ('R', "one_to_one_recommendation", Some(2)),
            ('R', "guarantee_card", Some(4)),
            ('R', "stars_plan_priority", None),
        ]
    );
    assert_eq!(
        listing(4),
        [
            ('B', "identity_tag", None),
            ('B', "ad_slot", None),
            ('B', "ranking", None),
            ('B', "ops_group", None),
            ('B', "gala", None),
            ('B', "diamond_booth", None),
            ('B', "case_promotion", None),
            ('B', "lecturer", None),
            ('B', "one_to_one_recommendation", Some(3)),
            ('B', "featured_case", None),
            ('B', "guarantee_card", Some(4)),
            ('R', "one_to_one_recommendation", Some(5)),
            ('R', "stars_plan_priority", None),
            ('R', "guarantee_card", Some(5)),
        ]
    );
}

#[test]
fn r_level_4_booth_and_case_promotion_values() {
    let table = BenefitTable::default();
    let value = |level, kind| {
        table
            .level(level)
            .unwrap()
            .benefits
            .iter()
            .find(|b| b.kind == kind)
            .unwrap()
            .value
    };
    use BenefitKind::{CasePromotion, DiamondBooth};
    assert_eq!(value(1, DiamondBooth), None);
    assert_eq!(
        value(2, DiamondBooth),
        Some(StatedValue::Exactly(d("5000")))
    );
    assert_eq!(
        value(3, DiamondBooth),
        Some(StatedValue::Exactly(d("10000")))
    );
    assert_eq!(
        value(4, DiamondBooth),
        Some(StatedValue::Exactly(d("30000")))
    );
    assert_eq!(
        value(3, CasePromotion),
        Some(StatedValue::AtLeast(d("30000")))
    );
    assert_eq!(
        value(4, CasePromotion),
        Some(StatedValue::AtLeast(d("80000")))
    );
}

#[test]
fn r_level_5_automatic_and_claimable() {
    let table = BenefitTable::default();
    let mut automatic: Vec<&str> = table
        .levels
        .iter()
        .flat_map(|l| &l.benefits)
        .filter(|b| b.claim == Claim::Automatic)
        .map(|b| b.kind.key())
        .collect();
    automatic.sort_unstable();
    automatic.dedup();
    assert_eq!(
        automatic,
        [
            "case_promotion",
            "diamond_booth",
            "identity_tag",
            "one_to_one_recommendation",
            "ranking"
        ]
    );
    use BenefitKind::*;
    for kind in [
        ExtraDispatch,
        AdSlot,
        GuaranteeCard,
        FeaturedCase,
        OpsGroup,
        Gala,
        Lecturer,
        StarsPlanPriority,
    ] {
        assert_eq!(kind.published_claim(), Claim::Claimable, "{}", kind.key());
    }
}

#[test]
fn r_level_6_a_card_issued_on_1_january_is_last_valid_on_29_june() {
    let issued = date(2025, 1, 1);
    let expiry = card_expiry(issued);
    // 1 January is day 1; day 180 is 29 June, day 181 is 30 June.
    assert_eq!(expiry, date(2025, 6, 29));
    assert_eq!(days_left(expiry, date(2025, 6, 29)), Some(0));
    assert_eq!(days_left(expiry, date(2025, 6, 30)), None);
    assert_eq!(days_left(expiry, issued), Some(179));
    // The same reading as the earnings module's card.
    let card = GuaranteeCard::published(issued);
    assert!(card.is_valid_on(date(2025, 6, 29)));
    assert!(!card.is_valid_on(date(2025, 6, 30)));
    assert_eq!(card.value, d("50"));
}

#[test]
fn r_level_6_expiry_reminders_30_7_and_1_days_before() {
    let reminders = ExpiryReminders::default();
    assert_eq!(reminders.days_before, [30, 7, 1]);
    let expiry = date(2025, 6, 29);
    assert_eq!(
        reminders.dates(expiry),
        [date(2025, 5, 30), date(2025, 6, 22), date(2025, 6, 28)]
    );
    assert_eq!(reminders.due(expiry, date(2025, 5, 30)), Some(30));
    assert_eq!(reminders.due(expiry, date(2025, 5, 31)), None);
    assert_eq!(reminders.due(expiry, date(2025, 6, 22)), Some(7));
    assert_eq!(reminders.due(expiry, date(2025, 6, 28)), Some(1));
    assert_eq!(reminders.due(expiry, date(2025, 6, 29)), None);
    // Catching up: on 25 June the latest reminder that has come is the 7-day one.
    assert_eq!(reminders.latest_passed(expiry, date(2025, 6, 25)), Some(7));
    assert_eq!(reminders.latest_passed(expiry, date(2025, 5, 29)), None);
    assert_eq!(reminders.latest_passed(expiry, date(2025, 6, 29)), Some(1));
    assert_eq!(reminders.latest_passed(expiry, date(2025, 6, 30)), None);
}

#[test]
fn r_level_7_dispatches_promised_per_30_days_and_dou_plus_owed() {
    let table = BenefitTable::default();
    let promised: Vec<u32> = (0..=4).map(|l| table.dispatches_promised(l)).collect();
    assert_eq!(promised, [0, 4, 8, 0, 0]);
    assert_eq!(dou_plus_owed(4, 1), 60);
    assert_eq!(dou_plus_owed(8, 0), 160);
    assert_eq!(dou_plus_owed(8, 8), 0);
    assert_eq!(dou_plus_owed(4, 6), 0);
}
