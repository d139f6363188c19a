//! From the store's parcels and applications to the domain's facts, and from the domain's
//! alerts to their views: the figures, an English sentence (the CLI's), the rule id and a
//! drafted message to the brand.

use chrono::{NaiveDate, NaiveDateTime};
use stardesk_domain::campaign::Timeline;
use stardesk_domain::logistics::carrier::carrier;
use stardesk_domain::logistics::message::{brand_message_zh, MessageContext};
use stardesk_domain::logistics::{
    Alert, AlertCode, AlertDetail, AlertThresholds, Leg, ShipmentFacts, ShipmentState,
};
use stardesk_store::applications::ApplicationRecord;
use stardesk_store::shipments::{ShipmentEventRecord, ShipmentRecord, LEG_RETURN};

use super::ipc::{ShipmentAlertCode, ShipmentAlertView};
use crate::codes::Code;
use crate::wire::day;

const TIME: &str = "%Y-%m-%d %H:%M:%S";

/// The carrier's name, or its code for one StarDesk does not know.
pub(crate) fn carrier_name(code: &str) -> String {
    carrier(code).map_or_else(|| code.to_string(), |c| c.name.to_string())
}

pub(crate) fn leg_of(rec: &ShipmentRecord) -> Leg {
    if rec.leg == LEG_RETURN {
        Leg::Return
    } else {
        Leg::Outbound
    }
}

/// What the alerts read about one parcel: its stored state and events (newest first),
/// and whether the creator confirmed or reported the receipt.
pub(crate) fn facts_of(
    rec: &ShipmentRecord,
    events: &[ShipmentEventRecord],
    app: Option<&ApplicationRecord>,
) -> ShipmentFacts {
    let state = rec
        .state
        .as_deref()
        .and_then(ShipmentState::from_name)
        .unwrap_or(ShipmentState::Ordered);
    // The oldest event of the newest run of events in the current state.
    let state_since = events
        .iter()
        .take_while(|e| e.state.as_deref() == Some(state.name()))
        .last()
        .map(|e| e.at)
        .or_else(|| events.first().map(|e| e.at));
    ShipmentFacts {
        leg: leg_of(rec),
        state,
        shipped_on: rec.shipped_on.or(app.and_then(|a| a.shipped_on)),
        first_event_at: events.last().map(|e| e.at),
        last_event_at: events.first().map(|e| e.at),
        state_since,
        delivered_at: (state == ShipmentState::Delivered)
            .then_some(state_since)
            .flatten(),
        receipt_confirmed: rec.received_at.is_some() || app.is_some_and(|a| a.receipt.is_some()),
        return_due: rec.return_due,
        has_tracking: true,
    }
}

/// The alerts of one parcel: the parcel's own and, for the outbound leg of an
/// application, the brand's shipping against its dates (R-REVIEW-10); most urgent first.
pub(crate) fn parcel_alerts(
    facts: &ShipmentFacts,
    answered: bool,
    app: Option<(&Timeline, &stardesk_domain::campaign::ApplicationFacts)>,
    now: NaiveDateTime,
    th: &AlertThresholds,
) -> Vec<Alert> {
    let mut out = if answered {
        stardesk_domain::logistics::shipment_alerts(facts, app.map(|a| a.0), now, th)
    } else {
        // Never answered yet: where the parcel is, is not known; only a due return and
        // the brand's shipping against its dates can be said.
        stardesk_domain::logistics::alerts::return_due(facts, now, th)
            .into_iter()
            .collect()
    };
    if let Some((timeline, app_facts)) = app {
        if facts.leg == Leg::Outbound {
            out.extend(stardesk_domain::logistics::application_alerts(
                timeline,
                app_facts,
                Some(facts),
                now,
            ));
        }
    }
    stardesk_domain::logistics::sort_alerts(&mut out);
    out
}

fn alert_code(code: AlertCode) -> ShipmentAlertCode {
    ShipmentAlertCode::from_code(code.code()).unwrap_or(ShipmentAlertCode::Problem)
}

/// The alert in English, with its rule id where it has one.
pub(crate) fn message_en(alert: &Alert) -> String {
    let rule = alert
        .code
        .rule()
        .map(|r| format!(" ({r})"))
        .unwrap_or_default();
    let text = match (alert.code, alert.detail) {
        (AlertCode::Refused, _) => "The parcel was refused: tell the brand promptly".to_string(),
        (AlertCode::Returned, _) => {
            "The parcel went back to its sender: tell the brand promptly".to_string()
        }
        (AlertCode::Returning, _) => {
            "The parcel is on its way back to its sender: tell the brand promptly".to_string()
        }
        (AlertCode::Problem, _) => {
            "The carrier reports a problem with the parcel: tell the brand promptly".to_string()
        }
        (AlertCode::DeliveredUnconfirmed, AlertDetail::Waited { hours, .. }) => format!(
            "Delivered per the carrier {hours} h ago: confirm you received it, or tell the brand it did not arrive"
        ),
        (AlertCode::UncollectedAtPickupPoint, AlertDetail::Waited { hours, .. }) => {
            format!("Waiting at a locker or pickup station for {hours} h: collect it")
        }
        (AlertCode::ReturnDue, AlertDetail::ReturnDue { due, overdue, days_left }) => {
            if overdue {
                format!(
                    "The sample had to be sent back by {}: {} days overdue",
                    day(due),
                    -days_left
                )
            } else {
                format!(
                    "The sample must be sent back by {} ({days_left} days left)",
                    day(due)
                )
            }
        }
        (
            AlertCode::DeliveredTooLate,
            AlertDetail::TooLate {
                arrived_on,
                delivered,
                ready_on,
                upload_by,
                days_short,
            },
        ) => format!(
            "{} {}: the content can be ready on {}, {days_short} days after the upload deadline {}; ask the brand for more time",
            if delivered { "Arrived on" } else { "Arriving on" },
            day(arrived_on),
            day(ready_on),
            day(upload_by)
        ),
        (
            AlertCode::NotShipped,
            AlertDetail::NotShipped {
                due,
                days_overdue,
                brand_fault,
            },
        ) => format!(
            "The brand has not shipped the sample by {} ({days_overdue} days overdue){}",
            day(due),
            if brand_fault {
                "; the delay is the brand's fault"
            } else {
                ""
            }
        ),
        (
            AlertCode::ShippedLate,
            AlertDetail::ShippedLate {
                shipped_on,
                late_shipping_after,
                days_late,
            },
        ) => format!(
            "Shipped on {}, {days_late} days after {}: the delay is the brand's fault; ask for more time",
            day(shipped_on),
            day(late_shipping_after)
        ),
        (AlertCode::NoNewEvent, AlertDetail::Waited { hours, .. }) => {
            format!("No new tracking event for {hours} h")
        }
        (AlertCode::AwaitingPickupTooLong, AlertDetail::Waited { hours, .. }) => {
            format!("Not picked up by the carrier for {hours} h")
        }
        (code, _) => code.code().replace('_', " "),
    };
    format!("{text}{rule}")
}

/// What a parcel's drafted message names.
pub(crate) struct DraftContext<'a> {
    pub task_title: &'a str,
    pub carrier: &'a str,
    pub tracking_no: &'a str,
    pub leg: Leg,
    pub shipped_on: Option<NaiveDate>,
}

pub(crate) fn alert_view(alert: &Alert, ctx: Option<&DraftContext<'_>>) -> ShipmentAlertView {
    let (mut shipped, mut arrived, mut ready) = (None, None, None);
    let (days, hours, date, brand_fault) = match alert.detail {
        AlertDetail::Plain => (None, None, None, false),
        AlertDetail::NotShipped {
            due,
            days_overdue,
            brand_fault,
        } => (Some(i64::from(days_overdue)), None, Some(due), brand_fault),
        AlertDetail::ShippedLate {
            shipped_on,
            late_shipping_after,
            days_late,
        } => {
            shipped = Some(shipped_on);
            (
                Some(i64::from(days_late)),
                None,
                Some(late_shipping_after),
                true,
            )
        }
        AlertDetail::Waited { hours, .. } => (None, Some(hours), None, false),
        AlertDetail::TooLate {
            arrived_on,
            ready_on,
            upload_by,
            days_short,
            ..
        } => {
            arrived = Some(arrived_on);
            ready = Some(ready_on);
            (Some(i64::from(days_short)), None, Some(upload_by), false)
        }
        AlertDetail::ReturnDue { due, days_left, .. } => (Some(days_left), None, Some(due), false),
    };
    let draft = ctx.and_then(|c| {
        let name = carrier_name(c.carrier);
        brand_message_zh(
            alert,
            &MessageContext {
                task_title: c.task_title,
                carrier_name: &name,
                tracking_no: c.tracking_no,
                leg: c.leg,
                shipped_on: c.shipped_on,
            },
        )
    });
    ShipmentAlertView {
        code: alert_code(alert.code),
        rule: alert.code.rule().map(str::to_string),
        message: message_en(alert),
        since: alert.since.map(|t| t.format(TIME).to_string()),
        days,
        hours,
        date: date.map(day),
        shipped_on: shipped.map(day),
        arrived_on: arrived.map(day),
        ready_on: ready.map(day),
        brand_fault,
        draft,
    }
}
