//! What the carrier reports about one parcel, each alert at both sides of its threshold
//! or date (R-REVIEW-13, R-REVIEW-16), thresholds as data, and the alerts' order.

use crate::fixtures::*;
use chrono::NaiveDateTime;
use stardesk_domain::logistics::alerts::*;
use stardesk_domain::logistics::ShipmentState::*;

/// Fires strictly after `limit` from `from`: at `from + limit` nothing, a minute later
/// exactly `code`, with the whole hours waited.
fn check_wait(
    s: &ShipmentFacts,
    from: NaiveDateTime,
    limit: i64,
    code: AlertCode,
    th: &AlertThresholds,
) {
    assert_eq!(
        fires(s, from + hours(limit), th),
        [],
        "{code:?} at the threshold"
    );
    let alerts = shipment_alerts(s, None, from + hours(limit) + minute(), th);
    assert_eq!(codes(&alerts), [code]);
    assert_eq!(alerts[0].since, Some(from));
    assert_eq!(
        alerts[0].detail,
        AlertDetail::Waited {
            from,
            hours: u32::try_from(limit).unwrap()
        }
    );
}

#[test]
fn awaiting_pickup_fires_after_48_hours_not_at_48() {
    let from = t("2026-11-20 10:00");
    for state in [Ordered, AwaitingPickup] {
        check_wait(
            &parcel(state),
            from,
            48,
            AlertCode::AwaitingPickupTooLong,
            &th(),
        );
    }
    // Without events, counted from the start of the shipping day.
    let mut bare = parcel(AwaitingPickup);
    (bare.state_since, bare.first_event_at, bare.last_event_at) = (None, None, None);
    check_wait(
        &bare,
        t("2026-11-20 00:00"),
        48,
        AlertCode::AwaitingPickupTooLong,
        &th(),
    );
}

#[test]
fn no_new_event_fires_after_72_silent_hours_not_at_72() {
    for state in [PickedUp, InTransit, AtDeliveryCity, OutForDelivery] {
        let mut s = parcel(state);
        s.last_event_at = Some(t("2026-11-21 08:30"));
        check_wait(&s, t("2026-11-21 08:30"), 72, AlertCode::NoNewEvent, &th());
    }
    // Customs is slow by nature.
    assert_eq!(fires(&parcel(Customs), t("2026-12-20 00:00"), &th()), []);
}

#[test]
fn uncollected_at_a_pickup_point_fires_after_24_hours_not_at_24() {
    let mut s = parcel(AtPickupPoint);
    s.state_since = Some(t("2026-11-22 18:00"));
    s.last_event_at = s.state_since;
    check_wait(
        &s,
        t("2026-11-22 18:00"),
        24,
        AlertCode::UncollectedAtPickupPoint,
        &th(),
    );
}

#[test]
fn r_review_16_delivered_unconfirmed_fires_after_24_hours_not_at_24() {
    let mut s = parcel(Delivered);
    s.delivered_at = Some(t("2026-11-22 15:00"));
    check_wait(
        &s,
        t("2026-11-22 15:00"),
        24,
        AlertCode::DeliveredUnconfirmed,
        &th(),
    );
    s.receipt_confirmed = true;
    assert_eq!(fires(&s, t("2026-11-30 15:00"), &th()), []);
    // The return parcel delivered to the brand is not the creator's receipt.
    s.receipt_confirmed = false;
    s.leg = Leg::Return;
    assert_eq!(fires(&s, t("2026-11-30 15:00"), &th()), []);
}

#[test]
fn r_review_16_problem_returning_returned_refused_fire_at_once() {
    for (state, code) in [
        (Problem, AlertCode::Problem),
        (Returning, AlertCode::Returning),
        (Returned, AlertCode::Returned),
        (Refused, AlertCode::Refused),
    ] {
        for leg in [Leg::Outbound, Leg::Return] {
            let mut s = parcel(state);
            s.leg = leg;
            s.state_since = Some(t("2026-11-21 09:00"));
            // The very minute the carrier reports it.
            let alerts = shipment_alerts(&s, None, t("2026-11-21 09:00"), &th());
            assert_eq!(codes(&alerts), [code], "{state:?} {leg:?}");
            assert_eq!(code.rule(), Some("R-REVIEW-16"));
            assert_eq!(alerts[0].since, Some(t("2026-11-21 09:00")));
            assert_eq!(alerts[0].detail, AlertDetail::Plain);
        }
    }
    for state in [Ordered, PickedUp, InTransit, Delivered, Customs, Cancelled] {
        let alerts = shipment_alerts(&parcel(state), None, t("2026-11-20 11:00"), &th());
        assert_eq!(alerts, [], "{state:?}");
    }
}

#[test]
fn r_review_13_delivered_plus_production_days_after_upload_by_is_too_late() {
    let tl = tl(Some("2026-12-20"));
    let mut s = parcel(Delivered);
    s.receipt_confirmed = true;
    // 12-28 + 3 days = 12-31 = upload_by: still in time.
    s.delivered_at = Some(t("2026-12-28 23:59"));
    assert_eq!(
        shipment_alerts(&s, Some(&tl), t("2026-12-29 08:00"), &th()),
        []
    );
    // A day later: one day short.
    s.delivered_at = Some(t("2026-12-29 00:10"));
    let alerts = shipment_alerts(&s, Some(&tl), t("2026-12-29 08:00"), &th());
    assert_eq!(codes(&alerts), [AlertCode::DeliveredTooLate]);
    assert_eq!(alerts[0].since, Some(t("2026-12-29 00:10")));
    assert_eq!(
        alerts[0].detail,
        AlertDetail::TooLate {
            arrived_on: d("2026-12-29"),
            delivered: true,
            ready_on: d("2027-01-01"),
            upload_by: d("2026-12-31"),
            days_short: 1,
        }
    );
    // Without the campaign's dates there is nothing to compare with.
    assert_eq!(shipment_alerts(&s, None, t("2026-12-29 08:00"), &th()), []);
}

#[test]
fn r_review_13_a_sample_still_on_its_way_is_too_late_from_today() {
    let tl = tl(Some("2026-12-20"));
    let mut s = parcel(InTransit);
    s.last_event_at = Some(t("2026-12-28 20:00"));
    assert_eq!(
        shipment_alerts(&s, Some(&tl), t("2026-12-28 23:59"), &th()),
        []
    );
    let alerts = shipment_alerts(&s, Some(&tl), t("2026-12-29 00:00"), &th());
    assert_eq!(codes(&alerts), [AlertCode::DeliveredTooLate]);
    assert_eq!(alerts[0].since, Some(t("2026-12-29 00:00")));
    assert!(matches!(
        alerts[0].detail,
        AlertDetail::TooLate {
            delivered: false,
            days_short: 1,
            ..
        }
    ));
    // Gone back, refused or cancelled: it will not arrive; other alerts say so.
    for state in [Returning, Returned, Refused, Cancelled] {
        let codes = codes(&shipment_alerts(
            &parcel(state),
            Some(&tl),
            t("2026-12-30 00:00"),
            &th(),
        ));
        assert!(!codes.contains(&AlertCode::DeliveredTooLate), "{state:?}");
    }
    s.leg = Leg::Return;
    assert_eq!(
        shipment_alerts(&s, Some(&tl), t("2026-12-30 00:00"), &th()),
        []
    );
}

#[test]
fn r_review_13_a_return_shows_3_days_before_its_due_date_until_handed_over() {
    let s = return_parcel(Ordered, false);
    assert_eq!(shipment_alerts(&s, None, t("2027-01-06 23:59"), &th()), []);
    for (now, days_left, overdue) in [
        ("2027-01-07 00:00", 3, false),
        ("2027-01-10 23:59", 0, false),
        ("2027-01-11 00:00", -1, true),
    ] {
        let alerts = shipment_alerts(&s, None, t(now), &th());
        assert_eq!(codes(&alerts), [AlertCode::ReturnDue], "{now}");
        assert_eq!(
            alerts[0].detail,
            AlertDetail::ReturnDue {
                due: d("2027-01-10"),
                overdue,
                days_left
            },
            "{now}"
        );
        assert_eq!(alerts[0].since, Some(t("2027-01-07 00:00")));
    }
    // Booked but not collected yet, or bounced back to the creator: still due.
    for state in [Ordered, AwaitingPickup, Cancelled, Returned] {
        let codes = codes(&shipment_alerts(
            &return_parcel(state, true),
            None,
            t("2027-01-09 12:00"),
            &th(),
        ));
        assert!(codes.contains(&AlertCode::ReturnDue), "{state:?}");
    }
    // With a carrier: done on the creator's side.
    for state in [PickedUp, InTransit, AtDeliveryCity, Delivered] {
        let codes = codes(&shipment_alerts(
            &return_parcel(state, true),
            None,
            t("2027-01-12 12:00"),
            &th(),
        ));
        assert!(!codes.contains(&AlertCode::ReturnDue), "{state:?}");
    }
    // The due date of an outbound parcel means nothing.
    let mut outbound = return_parcel(Ordered, false);
    outbound.leg = Leg::Outbound;
    assert!(!codes(&shipment_alerts(
        &outbound,
        None,
        t("2027-01-12 12:00"),
        &th()
    ))
    .contains(&AlertCode::ReturnDue));
}

#[test]
fn thresholds_are_data_changing_them_changes_the_outcome() {
    let base = th();
    let now_after = |h: i64| t("2026-11-20 10:00") + hours(h) + minute();
    // 30 h awaiting pickup: nothing at 48, an alert at 24.
    let waiting = parcel(AwaitingPickup);
    assert_eq!(fires(&waiting, now_after(30), &base), []);
    let short = AlertThresholds {
        awaiting_pickup_hours: 24,
        ..base
    };
    assert_eq!(
        fires(&waiting, now_after(30), &short),
        [AlertCode::AwaitingPickupTooLong]
    );
    // 80 h silent: an alert at 72, nothing at 96.
    let silent = parcel(InTransit);
    assert_eq!(
        fires(&silent, now_after(80), &base),
        [AlertCode::NoNewEvent]
    );
    let long = AlertThresholds {
        in_transit_silence_hours: 96,
        ..base
    };
    assert_eq!(fires(&silent, now_after(80), &long), []);
    // 30 h at a pickup point; 30 h unconfirmed.
    let locker = parcel(AtPickupPoint);
    assert_eq!(
        fires(&locker, now_after(30), &base),
        [AlertCode::UncollectedAtPickupPoint]
    );
    assert_eq!(
        fires(
            &locker,
            now_after(30),
            &AlertThresholds {
                pickup_point_hours: 36,
                ..base
            }
        ),
        []
    );
    let mut delivered = parcel(Delivered);
    delivered.delivered_at = delivered.state_since;
    assert_eq!(
        fires(&delivered, now_after(30), &base),
        [AlertCode::DeliveredUnconfirmed]
    );
    let patient = AlertThresholds {
        unconfirmed_delivery_hours: 48,
        ..base
    };
    assert_eq!(fires(&delivered, now_after(30), &patient), []);
    // Delivered 12-27: in time with 3 production days, 1 day short with 5.
    let tl = tl(Some("2026-12-20"));
    delivered.receipt_confirmed = true;
    delivered.delivered_at = Some(t("2026-12-27 10:00"));
    assert_eq!(
        shipment_alerts(&delivered, Some(&tl), t("2026-12-27 12:00"), &base),
        []
    );
    let slow = AlertThresholds {
        production_days: 5,
        ..base
    };
    let alerts = shipment_alerts(&delivered, Some(&tl), t("2026-12-27 12:00"), &slow);
    assert!(matches!(
        alerts[0].detail,
        AlertDetail::TooLate { days_short: 1, .. }
    ));
    // A return due in 5 days: nothing with 3 days' warning, an alert with 7.
    let ret = return_parcel(Ordered, false);
    assert_eq!(
        shipment_alerts(&ret, None, t("2027-01-05 09:00"), &base),
        []
    );
    let early = AlertThresholds {
        return_due_warning_days: 7,
        ..base
    };
    assert_eq!(
        codes(&shipment_alerts(&ret, None, t("2027-01-05 09:00"), &early)),
        [AlertCode::ReturnDue]
    );
}

#[test]
fn alerts_come_most_urgent_first_whatever_the_input_order() {
    // Delivered too late and not confirmed: the receipt comes first.
    let tl = tl(Some("2026-12-20"));
    let mut s = parcel(Delivered);
    s.delivered_at = Some(t("2026-12-30 09:00"));
    let alerts = shipment_alerts(&s, Some(&tl), t("2026-12-31 10:00"), &th());
    assert_eq!(
        codes(&alerts),
        [AlertCode::DeliveredUnconfirmed, AlertCode::DeliveredTooLate]
    );

    let at = |code, since: Option<&str>| Alert {
        code,
        since: since.map(t),
        detail: AlertDetail::Plain,
    };
    let mut merged = vec![
        at(AlertCode::AwaitingPickupTooLong, Some("2026-11-01 00:00")),
        at(AlertCode::Problem, None),
        at(AlertCode::NotShipped, Some("2026-11-03 00:00")),
        at(AlertCode::Problem, Some("2026-11-05 00:00")),
        at(AlertCode::Refused, Some("2026-11-09 00:00")),
        at(AlertCode::Problem, Some("2026-11-02 00:00")),
    ];
    let expected = vec![
        at(AlertCode::Refused, Some("2026-11-09 00:00")),
        at(AlertCode::Problem, Some("2026-11-02 00:00")),
        at(AlertCode::Problem, Some("2026-11-05 00:00")),
        at(AlertCode::Problem, None),
        at(AlertCode::NotShipped, Some("2026-11-03 00:00")),
        at(AlertCode::AwaitingPickupTooLong, Some("2026-11-01 00:00")),
    ];
    sort_alerts(&mut merged);
    assert_eq!(merged, expected);
    merged.reverse();
    sort_alerts(&mut merged);
    assert_eq!(merged, expected);
}
