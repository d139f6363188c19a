//! Dates, campaign timelines and parcels shared by the logistics tests.
#![allow(dead_code)]

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
use stardesk_domain::campaign::{
    timeline, ApplicationFacts, ApplicationStatus, TaskDates, Timeline,
};
use stardesk_domain::logistics::alerts::*;
use stardesk_domain::logistics::ShipmentState;

pub fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

pub fn t(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("time")
}

pub fn hours(n: i64) -> TimeDelta {
    TimeDelta::hours(n)
}

pub fn minute() -> TimeDelta {
    TimeDelta::minutes(1)
}

/// Upload deadline 2026-12-31: `late_shipping_after` is 2026-12-16 (R-REVIEW-10).
pub fn tl(ship_by: Option<&str>) -> Timeline {
    let task = TaskDates {
        ship_by: ship_by.map(d),
        upload_deadline: d("2026-12-31"),
        retention_days: 30,
        cash_reward: false,
    };
    timeline(d("2026-11-01"), &task, None)
}

pub fn parcel(state: ShipmentState) -> ShipmentFacts {
    ShipmentFacts {
        leg: Leg::Outbound,
        state,
        shipped_on: Some(d("2026-11-20")),
        first_event_at: Some(t("2026-11-20 10:00")),
        last_event_at: Some(t("2026-11-20 10:00")),
        state_since: Some(t("2026-11-20 10:00")),
        delivered_at: None,
        receipt_confirmed: false,
        return_due: None,
        has_tracking: true,
    }
}

pub fn app(status: ApplicationStatus, shipped_on: Option<&str>) -> ApplicationFacts {
    ApplicationFacts {
        status,
        shipped_on: shipped_on.map(d),
        published_on: None,
    }
}

pub fn codes(alerts: &[Alert]) -> Vec<AlertCode> {
    alerts.iter().map(|a| a.code).collect()
}

pub fn th() -> AlertThresholds {
    AlertThresholds::default()
}

pub fn fires(s: &ShipmentFacts, now: NaiveDateTime, th: &AlertThresholds) -> Vec<AlertCode> {
    codes(&shipment_alerts(s, Some(&tl(Some("2026-11-20"))), now, th))
}

pub fn return_parcel(state: ShipmentState, has_tracking: bool) -> ShipmentFacts {
    ShipmentFacts {
        leg: Leg::Return,
        state,
        shipped_on: None,
        first_event_at: None,
        last_event_at: None,
        state_since: None,
        delivered_at: None,
        receipt_confirmed: false,
        return_due: Some(d("2027-01-10")),
        has_tracking,
    }
}
