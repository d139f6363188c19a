//! The brand's shipping against the campaign's dates (R-REVIEW-10), and the alert codes
//! with their rules and defaults.

use crate::fixtures::*;
use stardesk_domain::campaign::ApplicationStatus;
use stardesk_domain::logistics::alerts::*;
use stardesk_domain::logistics::ShipmentState::*;

#[test]
fn the_default_thresholds_are_the_documented_ones() {
    let th = AlertThresholds::default();
    assert_eq!(th.awaiting_pickup_hours, 48);
    assert_eq!(th.in_transit_silence_hours, 72);
    assert_eq!(th.pickup_point_hours, 24);
    assert_eq!(th.unconfirmed_delivery_hours, 24);
    assert_eq!(th.production_days, 3);
    assert_eq!(th.return_due_warning_days, 3);
}

#[test]
fn codes_have_stable_names_and_their_rules() {
    let names: Vec<&str> = AlertCode::ALL.iter().map(|c| c.code()).collect();
    for (code, name, rule) in [
        (AlertCode::NotShipped, "not_shipped", Some("R-REVIEW-10")),
        (AlertCode::ShippedLate, "shipped_late", Some("R-REVIEW-10")),
        (
            AlertCode::DeliveredTooLate,
            "delivered_too_late",
            Some("R-REVIEW-13"),
        ),
        (AlertCode::ReturnDue, "return_due", Some("R-REVIEW-13")),
        (AlertCode::Problem, "problem", Some("R-REVIEW-16")),
        (AlertCode::Returning, "returning", Some("R-REVIEW-16")),
        (AlertCode::Returned, "returned", Some("R-REVIEW-16")),
        (AlertCode::Refused, "refused", Some("R-REVIEW-16")),
        (
            AlertCode::DeliveredUnconfirmed,
            "delivered_unconfirmed",
            Some("R-REVIEW-16"),
        ),
        (
            AlertCode::AwaitingPickupTooLong,
            "awaiting_pickup_too_long",
            None,
        ),
        (AlertCode::NoNewEvent, "no_new_event", None),
        (
            AlertCode::UncollectedAtPickupPoint,
            "uncollected_at_pickup_point",
            None,
        ),
    ] {
        assert_eq!((code.code(), code.rule()), (name, rule));
        assert!(names.contains(&name));
    }
    assert_eq!(names.len(), 12);
    let mut sorted = AlertCode::ALL;
    sorted.sort();
    assert_eq!(sorted, AlertCode::ALL, "ALL is in urgency order");
}

#[test]
fn r_review_10_not_shipped_fires_the_day_after_ship_by() {
    let tl = tl(Some("2026-11-20"));
    let selected = app(ApplicationStatus::Selected, None);
    assert_eq!(
        application_alerts(&tl, &selected, None, t("2026-11-20 23:59")),
        []
    );
    let alerts = application_alerts(&tl, &selected, None, t("2026-11-21 00:00"));
    assert_eq!(codes(&alerts), [AlertCode::NotShipped]);
    assert_eq!(alerts[0].since, Some(t("2026-11-21 00:00")));
    assert_eq!(
        alerts[0].detail,
        AlertDetail::NotShipped {
            due: d("2026-11-20"),
            days_overdue: 1,
            brand_fault: false
        }
    );
    // Past the client-fault date as well (12-16): any shipping now is the brand's fault.
    let later = application_alerts(&tl, &selected, None, t("2026-12-17 09:00"));
    assert_eq!(
        later[0].detail,
        AlertDetail::NotShipped {
            due: d("2026-11-20"),
            days_overdue: 27,
            brand_fault: true
        }
    );
}

#[test]
fn r_review_10_without_a_ship_by_date_the_client_fault_date_is_due() {
    let tl = tl(None);
    let selected = app(ApplicationStatus::Selected, None);
    assert_eq!(
        application_alerts(&tl, &selected, None, t("2026-12-16 23:59")),
        []
    );
    let alerts = application_alerts(&tl, &selected, None, t("2026-12-17 00:00"));
    assert_eq!(
        alerts[0].detail,
        AlertDetail::NotShipped {
            due: d("2026-12-16"),
            days_overdue: 1,
            brand_fault: true
        }
    );
}

#[test]
fn r_review_10_not_shipped_only_while_selected_and_nothing_is_on_its_way() {
    let tl = tl(Some("2026-11-20"));
    let late = t("2026-11-25 12:00");
    let ordered = parcel(Ordered);
    let selected = app(ApplicationStatus::Selected, None);
    // A tracking number was uploaded: shipped (slow pickups are another alert).
    assert_eq!(application_alerts(&tl, &selected, Some(&ordered), late), []);
    // ...unless the carrier reports the order cancelled.
    let cancelled = parcel(Cancelled);
    for status in [ApplicationStatus::Selected, ApplicationStatus::Shipped] {
        let a = app(status, Some("2026-11-20"));
        assert_eq!(
            codes(&application_alerts(&tl, &a, Some(&cancelled), late)),
            [AlertCode::NotShipped],
            "{status:?}"
        );
    }
    for status in [
        ApplicationStatus::Submitted,
        ApplicationStatus::Withdrawn,
        ApplicationStatus::NotSelected,
        ApplicationStatus::Shipped,
        ApplicationStatus::Delivered,
        ApplicationStatus::ContentSubmitted,
        ApplicationStatus::Failed,
    ] {
        assert_eq!(
            application_alerts(&tl, &app(status, None), None, late),
            [],
            "{status:?}"
        );
    }
    assert_eq!(
        application_alerts(
            &tl,
            &app(ApplicationStatus::Selected, Some("2026-11-19")),
            None,
            late
        ),
        []
    );
}

#[test]
fn r_review_10_shipped_late_is_after_the_client_fault_date_not_on_it() {
    let tl = tl(Some("2026-12-20"));
    let now = t("2026-12-22 12:00");
    let on_time = app(ApplicationStatus::Shipped, Some("2026-12-16"));
    assert_eq!(application_alerts(&tl, &on_time, None, now), []);
    let late = app(ApplicationStatus::Shipped, Some("2026-12-17"));
    let alerts = application_alerts(&tl, &late, None, now);
    assert_eq!(codes(&alerts), [AlertCode::ShippedLate]);
    assert_eq!(
        alerts[0].detail,
        AlertDetail::ShippedLate {
            shipped_on: d("2026-12-17"),
            late_shipping_after: d("2026-12-16"),
            days_late: 1,
        }
    );
    // The outbound parcel's shipping day counts before the application's.
    let mut outbound = parcel(InTransit);
    outbound.shipped_on = Some(d("2026-12-20"));
    let alerts = application_alerts(&tl, &on_time, Some(&outbound), now);
    assert!(matches!(
        alerts[0].detail,
        AlertDetail::ShippedLate { days_late: 4, .. }
    ));
    // A return parcel is not the brand's shipping.
    outbound.leg = Leg::Return;
    assert_eq!(application_alerts(&tl, &on_time, Some(&outbound), now), []);
}
