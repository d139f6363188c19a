//! Settlement fees on ordinary and preferred (R-PREF-1) orders: R-PREF-3 (15% technical
//! fee on preferred orders, 5% platform service fee for independent creators) and R-PREF-6
//! (Stars-plan creators pay the 15% too).

use proptest::prelude::*;
use rust_decimal::Decimal;
use stardesk_domain::fees::{net_income, CreatorKind, FeeKind, FeeSchedule, OrderKind};
use stardesk_domain::money::{from_fen, round_fen};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

/// (platform service fee, preferred technical fee, net) for one scenario, `None` where the
/// fee has no line.
fn breakdown(
    gross: &str,
    order: OrderKind,
    creator: CreatorKind,
) -> (Option<Decimal>, Option<Decimal>, Decimal) {
    let result = net_income(d(gross), order, creator, &FeeSchedule::default());
    let fee = |kind| {
        result
            .fees
            .iter()
            .find(|fee| fee.kind == kind)
            .map(|f| f.amount)
    };
    (
        fee(FeeKind::PlatformService),
        fee(FeeKind::PreferredTechnical),
        result.net,
    )
}

use CreatorKind::{Agency, Independent};
use OrderKind::{Ordinary, Preferred};

#[test]
fn r_pref_3_default_schedule_is_the_published_5_and_15_percent() {
    let schedule = FeeSchedule::default();
    assert_eq!(schedule.platform_service_rate, d("0.05"));
    assert_eq!(schedule.preferred_technical_rate, d("0.15"));
}

#[test]
fn r_pref_3_round_amount_1000_in_all_four_scenarios() {
    // 5% of 1,000.00 = 50.00; 15% = 150.00.
    assert_eq!(
        breakdown("1000.00", Ordinary, Independent),
        (Some(d("50.00")), None, d("950.00"))
    );
    assert_eq!(
        breakdown("1000.00", Ordinary, Agency),
        (None, None, d("1000.00"))
    );
    assert_eq!(
        breakdown("1000.00", Preferred, Independent),
        (Some(d("50.00")), Some(d("150.00")), d("800.00"))
    );
    assert_eq!(
        breakdown("1000.00", Preferred, Agency),
        (None, Some(d("150.00")), d("850.00"))
    );
}

#[test]
fn r_pref_3_one_fen_pays_no_fee_in_any_scenario() {
    // 5% of 0.01 = 0.0005 and 15% = 0.0015: both round down to 0.00.
    for (order, creator) in [
        (Ordinary, Independent),
        (Ordinary, Agency),
        (Preferred, Independent),
        (Preferred, Agency),
    ] {
        let (_, _, net) = breakdown("0.01", order, creator);
        assert_eq!(net, d("0.01"), "{order:?} {creator:?}");
    }
    assert_eq!(
        breakdown("0.01", Preferred, Independent),
        (Some(d("0.00")), Some(d("0.00")), d("0.01"))
    );
}

#[test]
fn r_pref_3_odd_amount_333_33() {
    // 5% = 16.6665 → 16.67; 15% = 49.9995 → 50.00.
    assert_eq!(
        breakdown("333.33", Ordinary, Independent),
        (Some(d("16.67")), None, d("316.66"))
    );
    assert_eq!(
        breakdown("333.33", Ordinary, Agency),
        (None, None, d("333.33"))
    );
    assert_eq!(
        breakdown("333.33", Preferred, Independent),
        (Some(d("16.67")), Some(d("50.00")), d("266.66"))
    );
    assert_eq!(
        breakdown("333.33", Preferred, Agency),
        (None, Some(d("50.00")), d("283.33"))
    );
}

#[test]
fn r_pref_3_midpoint_1288_50_rounds_half_a_fen_away_from_zero() {
    // 5% = 64.425 → 64.43 (banker's rounding would say 64.42); 15% = 193.275 → 193.28.
    assert_eq!(
        breakdown("1288.50", Ordinary, Independent),
        (Some(d("64.43")), None, d("1224.07"))
    );
    assert_eq!(
        breakdown("1288.50", Ordinary, Agency),
        (None, None, d("1288.50"))
    );
    assert_eq!(
        breakdown("1288.50", Preferred, Independent),
        (Some(d("64.43")), Some(d("193.28")), d("1030.79"))
    );
    assert_eq!(
        breakdown("1288.50", Preferred, Agency),
        (None, Some(d("193.28")), d("1095.22"))
    );
}

#[test]
fn r_pref_3_midpoint_0_30_technical_fee_rounds_up_where_bankers_would_round_down() {
    // 15% of 0.30 = 0.045 → 0.05 (half-even: 0.04); 5% = 0.015 → 0.02.
    assert_eq!(
        breakdown("0.30", Preferred, Agency),
        (None, Some(d("0.05")), d("0.25"))
    );
    assert_eq!(
        breakdown("0.30", Preferred, Independent),
        (Some(d("0.02")), Some(d("0.05")), d("0.23"))
    );
    assert_eq!(
        breakdown("0.30", Ordinary, Independent),
        (Some(d("0.02")), None, d("0.28"))
    );
    assert_eq!(breakdown("0.30", Ordinary, Agency), (None, None, d("0.30")));
}

#[test]
fn r_pref_3_reversal_mirrors_the_fees() {
    assert_eq!(
        breakdown("-1288.50", Preferred, Independent),
        (Some(d("-64.43")), Some(d("-193.28")), d("-1030.79"))
    );
}

#[test]
fn r_pref_6_stars_plan_creator_still_pays_the_15_percent_on_preferred_orders() {
    // A Stars-plan (繁星) creator is independent or agency-bound like any other; neither
    // escapes the technical fee on a preferred order.
    for creator in [Independent, Agency] {
        let result = net_income(d("500.00"), Preferred, creator, &FeeSchedule::default());
        let technical = result
            .fees
            .iter()
            .find(|fee| fee.kind == FeeKind::PreferredTechnical)
            .expect("preferred orders always carry the technical fee");
        assert_eq!(technical.amount, d("75.00"));
        assert_eq!(technical.rate, d("0.15"));
    }
}

#[test]
fn r_pref_3_fee_lines_cite_their_rule_and_follow_a_changed_schedule() {
    let schedule = FeeSchedule {
        platform_service_rate: d("0.06"),
        preferred_technical_rate: d("0.10"),
    };
    let result = net_income(d("200.00"), Preferred, Independent, &schedule);
    let lines: Vec<_> = result
        .fees
        .iter()
        .map(|fee| (fee.kind, fee.rate, fee.amount, fee.rule()))
        .collect();
    assert_eq!(
        lines,
        vec![
            (FeeKind::PlatformService, d("0.06"), d("12.00"), "R-PREF-3"),
            (
                FeeKind::PreferredTechnical,
                d("0.10"),
                d("20.00"),
                "R-PREF-3"
            ),
        ]
    );
    assert_eq!(result.total_fees(), d("32.00"));
    assert_eq!(result.net, d("168.00"));
}

fn scenario() -> impl Strategy<Value = (OrderKind, CreatorKind)> {
    (
        prop_oneof![Just(Ordinary), Just(Preferred)],
        prop_oneof![Just(Independent), Just(Agency)],
    )
}

proptest! {
    #[test]
    fn r_pref_3_net_plus_fees_is_gross_exactly(
        fen in -10_000_000_000i64..=10_000_000_000,
        (order, creator) in scenario(),
        platform_bp in 0i64..=10_000,
        technical_bp in 0i64..=10_000,
    ) {
        let gross = from_fen(fen);
        for schedule in [
            FeeSchedule::default(),
            FeeSchedule {
                platform_service_rate: Decimal::new(platform_bp, 4),
                preferred_technical_rate: Decimal::new(technical_bp, 4),
            },
        ] {
            let result = net_income(gross, order, creator, &schedule);
            prop_assert_eq!(result.gross, gross);
            prop_assert_eq!(result.net + result.total_fees(), gross);
            for fee in &result.fees {
                prop_assert_eq!(round_fen(fee.amount), fee.amount);
                prop_assert!((fee.amount - gross * fee.rate).abs() <= d("0.005"));
            }
        }
    }
}
