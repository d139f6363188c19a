//! R-PREF-2 to R-PREF-6: the hour to accept, the acceptance rate against its floor, and
//! the net of a preferred order.

use chrono::TimeDelta;
use stardesk_domain::fees::{CreatorKind, FeeKind, FeeSchedule};
use stardesk_domain::rights::{
    acceptance_rate, after_decline, below_floor, declines_left, preferred_net, respond_by,
    time_left,
};

use crate::support::{at, d};

/// R-PREF-4, R-PREF-7: the dispatch step of the flow is accepted within 1 hour.
#[test]
fn r_pref_4_one_hour_to_accept_and_none_left_at_the_hour() {
    let received = at(2025, 12, 8, 23, 30, 0);
    assert_eq!(respond_by(received), at(2025, 12, 9, 0, 30, 0));
    assert_eq!(time_left(received, received), Some(TimeDelta::hours(1)));
    assert_eq!(
        time_left(received, at(2025, 12, 9, 0, 10, 0)),
        Some(TimeDelta::minutes(20))
    );
    assert_eq!(
        time_left(received, at(2025, 12, 9, 0, 29, 59)),
        Some(TimeDelta::seconds(1))
    );
    assert_eq!(time_left(received, at(2025, 12, 9, 0, 30, 0)), None);
    assert_eq!(time_left(received, at(2025, 12, 9, 0, 30, 1)), None);
    // A clock behind the platform's never shows more than the hour.
    assert_eq!(
        time_left(received, at(2025, 12, 8, 23, 29, 0)),
        Some(TimeDelta::hours(1))
    );
}

#[test]
fn r_pref_2_acceptance_rate_at_the_80_percent_edge() {
    assert_eq!(acceptance_rate(8, 10), d("80"));
    assert!(!below_floor(acceptance_rate(8, 10)));
    assert!(below_floor(acceptance_rate(7, 10)));
    // Just under 80%: 15,999 of 20,000 is 79.995%, below, whatever it rounds to.
    assert_eq!(acceptance_rate(15_999, 20_000), d("79.995"));
    assert!(below_floor(acceptance_rate(15_999, 20_000)));
    assert!(!below_floor(acceptance_rate(16_000, 20_000)));
    assert!(below_floor(acceptance_rate(3, 4)));
    assert!(!below_floor(acceptance_rate(4, 5)));
    // No inquiry yet: nothing refused.
    assert_eq!(acceptance_rate(0, 0), d("100"));
    assert_eq!(acceptance_rate(12, 10), d("100"));
}

#[test]
fn r_pref_5_refusing_one_more_can_cross_the_floor() {
    // 8 of 9 is 88.9%; refusing the 10th leaves 80%, still at the floor; refusing an 11th
    // would not.
    assert!(!below_floor(after_decline(8, 9)));
    assert_eq!(after_decline(8, 9), d("80"));
    assert!(below_floor(after_decline(8, 10)));
    assert_eq!(declines_left(8, 9), 1);
    assert_eq!(declines_left(8, 10), 0);
    assert_eq!(declines_left(7, 10), 0);
    assert_eq!(declines_left(40, 40), 10);
    // The first inquiry refused is 0%.
    assert_eq!(after_decline(0, 0), d("0"));
    assert_eq!(declines_left(0, 0), 0);
    // declines_left agrees with refusing one at a time.
    for (accepted, total) in [(8, 9), (40, 40), (17, 20), (33, 41)] {
        let k = declines_left(accepted, total);
        assert!(!below_floor(acceptance_rate(accepted, total + k)));
        assert!(below_floor(acceptance_rate(accepted, total + k + 1)));
    }
}

#[test]
fn r_pref_3_fees_are_both_rates_of_the_price_not_sequential() {
    let schedule = FeeSchedule::default();
    let independent = preferred_net(d("1000"), CreatorKind::Independent, false, &schedule);
    assert_eq!(independent.breakdown.net, d("800.00"));
    assert_eq!(independent.breakdown.total_fees(), d("200.00"));
    let agency = preferred_net(d("1000"), CreatorKind::Agency, false, &schedule);
    assert_eq!(agency.breakdown.net, d("850.00"));
    assert_eq!(agency.breakdown.fees.len(), 1);
    assert_eq!(agency.breakdown.fees[0].kind, FeeKind::PreferredTechnical);
}

#[test]
fn r_pref_3_each_fee_rounded_half_up_to_the_fen() {
    // 5% of 333.33 = 16.6665 → 16.67; 15% = 49.9995 → 50.00.
    let net = preferred_net(
        d("333.33"),
        CreatorKind::Independent,
        false,
        &FeeSchedule::default(),
    );
    let amounts: Vec<_> = net.breakdown.fees.iter().map(|f| f.amount).collect();
    assert_eq!(amounts, [d("16.67"), d("50.00")]);
    assert_eq!(net.breakdown.net, d("266.66"));
}

#[test]
fn r_pref_6_stars_plan_creators_pay_the_same_and_get_the_note() {
    let schedule = FeeSchedule::default();
    let stars = preferred_net(d("1000"), CreatorKind::Agency, true, &schedule);
    let plain = preferred_net(d("1000"), CreatorKind::Agency, false, &schedule);
    assert!(stars.stars_plan_note);
    assert!(!plain.stars_plan_note);
    assert_eq!(stars.breakdown, plain.breakdown);
    assert_eq!(stars.breakdown.net, d("850.00"));
}
