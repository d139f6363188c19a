//! What needs the creator's attention about a sample's shipping, each alert a pure
//! function of the facts, the campaign's dates, `now` and the [`AlertThresholds`].
//!
//! Two entry points, so an application with no shipment at all is covered:
//! - [`application_alerts`]: the brand's shipping against the campaign's dates
//!   (R-REVIEW-10): [`AlertCode::NotShipped`] and [`AlertCode::ShippedLate`]. Works with or
//!   without a shipment.
//! - [`shipment_alerts`]: what the carrier reports about one parcel (R-REVIEW-16) and the
//!   deadlines that follow from it (R-REVIEW-13).
//!
//! Both return their alerts in the order of [`sort_alerts`]; a caller merging several
//! lists sorts them again with it.
//!
//! Times are Beijing local time; `now` is a parameter (no clock here).

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};

pub use super::facts::{AlertThresholds, Leg, ShipmentFacts};
use super::status::ShipmentState;
use crate::campaign::status::ApplicationStatus;
use crate::campaign::timeline::{brand_shipped_late, ApplicationFacts, Timeline};

/// What an alert is about. The declaration order is the urgency order (most urgent
/// first): the carrier's bad news that the brand must hear at once (R-REVIEW-16), then what
/// the creator must do now, then deadlines, then the brand's lateness, then slow parcels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlertCode {
    /// R-REVIEW-16: the receiver refused the parcel.
    Refused,
    /// R-REVIEW-16: the parcel went back and was signed for by its sender.
    Returned,
    /// R-REVIEW-16: the parcel is on its way back to its sender.
    Returning,
    /// R-REVIEW-16: the carrier reports a problem.
    Problem,
    /// R-REVIEW-16: delivered per the carrier, the creator has not confirmed it.
    DeliveredUnconfirmed,
    /// Waiting in a locker or pickup station.
    UncollectedAtPickupPoint,
    /// R-REVIEW-13: the sample must go back soon, or should have.
    ReturnDue,
    /// R-REVIEW-13: arrived (or still arriving) too late to make the upload deadline.
    DeliveredTooLate,
    /// R-REVIEW-10: selected, and the brand has not shipped by its date.
    NotShipped,
    /// R-REVIEW-10: shipped after the client-fault date.
    ShippedLate,
    /// No new tracking event for a long time.
    NoNewEvent,
    /// Not collected by the carrier for a long time.
    AwaitingPickupTooLong,
}

impl AlertCode {
    /// Every code, most urgent first.
    pub const ALL: [AlertCode; 12] = [
        AlertCode::Refused,
        AlertCode::Returned,
        AlertCode::Returning,
        AlertCode::Problem,
        AlertCode::DeliveredUnconfirmed,
        AlertCode::UncollectedAtPickupPoint,
        AlertCode::ReturnDue,
        AlertCode::DeliveredTooLate,
        AlertCode::NotShipped,
        AlertCode::ShippedLate,
        AlertCode::NoNewEvent,
        AlertCode::AwaitingPickupTooLong,
    ];

    /// The code's stable snake_case name.
    pub const fn code(self) -> &'static str {
        match self {
            AlertCode::Refused => "refused",
            AlertCode::Returned => "returned",
            AlertCode::Returning => "returning",
            AlertCode::Problem => "problem",
            AlertCode::DeliveredUnconfirmed => "delivered_unconfirmed",
            AlertCode::UncollectedAtPickupPoint => "uncollected_at_pickup_point",
            AlertCode::ReturnDue => "return_due",
            AlertCode::DeliveredTooLate => "delivered_too_late",
            AlertCode::NotShipped => "not_shipped",
            AlertCode::ShippedLate => "shipped_late",
            AlertCode::NoNewEvent => "no_new_event",
            AlertCode::AwaitingPickupTooLong => "awaiting_pickup_too_long",
        }
    }

    /// The DOMAIN.md rule behind the alert; `None` for the waits, which are StarDesk's own
    /// thresholds.
    pub const fn rule(self) -> Option<&'static str> {
        match self {
            AlertCode::NotShipped | AlertCode::ShippedLate => Some("R-REVIEW-10"),
            AlertCode::ReturnDue | AlertCode::DeliveredTooLate => Some("R-REVIEW-13"),
            AlertCode::Refused
            | AlertCode::Returned
            | AlertCode::Returning
            | AlertCode::Problem
            | AlertCode::DeliveredUnconfirmed => Some("R-REVIEW-16"),
            AlertCode::UncollectedAtPickupPoint
            | AlertCode::NoNewEvent
            | AlertCode::AwaitingPickupTooLong => None,
        }
    }
}

/// An alert's figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AlertDetail {
    /// The state is the news (problem, returning, returned, refused).
    Plain,
    /// Not shipped by `due` (`ship_by`, or `late_shipping_after` without one).
    /// `brand_fault`: `late_shipping_after` has passed too, so any shipping from now on is
    /// the brand's fault (R-REVIEW-10).
    NotShipped {
        due: NaiveDate,
        days_overdue: u32,
        brand_fault: bool,
    },
    /// Shipped `days_late` days after `late_shipping_after` (R-REVIEW-10).
    ShippedLate {
        shipped_on: NaiveDate,
        late_shipping_after: NaiveDate,
        days_late: u32,
    },
    /// Waiting since `from`, `hours` whole hours so far.
    Waited { from: NaiveDateTime, hours: u32 },
    /// Arrived on `arrived_on` (or, not `delivered` yet, arriving today at the earliest):
    /// ready on `ready_on` with the usual production time, `days_short` days after
    /// `upload_by` (R-REVIEW-13).
    TooLate {
        arrived_on: NaiveDate,
        delivered: bool,
        ready_on: NaiveDate,
        upload_by: NaiveDate,
        days_short: u32,
    },
    /// The return is due on `due`: `days_left` days from today, negative once `overdue`.
    ReturnDue {
        due: NaiveDate,
        overdue: bool,
        days_left: i64,
    },
}

/// One alert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Alert {
    pub code: AlertCode,
    /// When the condition began, when known.
    pub since: Option<NaiveDateTime>,
    pub detail: AlertDetail,
}

/// Most urgent first: by [`AlertCode`]'s declaration order, then the oldest condition
/// first (an unknown start last), then by the detail's figures, so the order never depends
/// on the input's.
pub fn sort_alerts(alerts: &mut [Alert]) {
    alerts.sort_by_key(|a| (a.code, a.since.is_none(), a.since, a.detail));
}

fn start_of(day: NaiveDate) -> NaiveDateTime {
    day.and_time(NaiveTime::MIN)
}

fn plus_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

fn minus_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_sub_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MIN)
}

fn clamp_u32(n: i64) -> u32 {
    u32::try_from(n.max(0)).unwrap_or(u32::MAX)
}

/// A wait that began at `from` and has lasted strictly longer than `hours` at `now`.
fn waited(
    code: AlertCode,
    from: Option<NaiveDateTime>,
    now: NaiveDateTime,
    hours: u32,
) -> Option<Alert> {
    let from = from?;
    let elapsed = now.signed_duration_since(from);
    (elapsed > TimeDelta::hours(i64::from(hours))).then(|| Alert {
        code,
        since: Some(from),
        detail: AlertDetail::Waited {
            from,
            hours: clamp_u32(elapsed.num_hours()),
        },
    })
}

/// R-REVIEW-10: the application is selected, the brand has not shipped, and `today` is
/// past its due day: the task's `ship_by`, or `late_shipping_after` when the task gave no
/// ship-by date. On the due day itself there is no alert yet.
///
/// "Not shipped": the application is `Selected` with no shipping day and no outbound
/// tracking number, or `Selected`/`Shipped` with an outbound order the carrier reports
/// cancelled (已销单). Any later status means the brand shipped (or it no longer matters).
pub fn not_shipped(
    timeline: &Timeline,
    app: &ApplicationFacts,
    outbound: Option<&ShipmentFacts>,
    today: NaiveDate,
) -> Option<Alert> {
    let cancelled = outbound.is_some_and(|s| s.state == ShipmentState::Cancelled);
    let shipped = match app.status {
        ApplicationStatus::Selected => {
            !cancelled && (app.shipped_on.is_some() || outbound.is_some_and(|s| s.has_tracking))
        }
        ApplicationStatus::Shipped => !cancelled,
        _ => return None,
    };
    let due = timeline.ship_by.unwrap_or(timeline.late_shipping_after);
    (!shipped && today > due).then(|| Alert {
        code: AlertCode::NotShipped,
        since: Some(start_of(plus_days(due, 1))),
        detail: AlertDetail::NotShipped {
            due,
            days_overdue: clamp_u32((today - due).num_days()),
            brand_fault: brand_shipped_late(timeline, None, today),
        },
    })
}

/// R-REVIEW-10: the sample was shipped after `late_shipping_after` (the upload deadline −
/// 15 days): the delay is the brand's fault. Shipping on that day itself is in time.
pub fn shipped_late(timeline: &Timeline, shipped_on: NaiveDate) -> Option<Alert> {
    brand_shipped_late(timeline, Some(shipped_on), shipped_on).then(|| Alert {
        code: AlertCode::ShippedLate,
        since: Some(start_of(shipped_on)),
        detail: AlertDetail::ShippedLate {
            shipped_on,
            late_shipping_after: timeline.late_shipping_after,
            days_late: clamp_u32((shipped_on - timeline.late_shipping_after).num_days()),
        },
    })
}

/// The brand's shipping against the campaign's dates (R-REVIEW-10): [`not_shipped`] and
/// [`shipped_late`]. The shipping day is the outbound shipment's, else the application's.
/// For an application that was never selected there is nothing.
pub fn application_alerts(
    timeline: &Timeline,
    app: &ApplicationFacts,
    outbound: Option<&ShipmentFacts>,
    now: NaiveDateTime,
) -> Vec<Alert> {
    let outbound = outbound.filter(|s| s.leg == Leg::Outbound);
    let mut out: Vec<Alert> = Vec::new();
    if app.status.was_selected() {
        out.extend(not_shipped(timeline, app, outbound, now.date()));
        let shipped_on = outbound.and_then(|s| s.shipped_on).or(app.shipped_on);
        out.extend(shipped_on.and_then(|day| shipped_late(timeline, day)));
    }
    sort_alerts(&mut out);
    out
}

/// Ordered or awaiting pickup for longer than `awaiting_pickup_hours`, counted from the
/// state's event, else the first event, else the start of the shipping day.
pub fn awaiting_pickup_too_long(
    s: &ShipmentFacts,
    now: NaiveDateTime,
    th: &AlertThresholds,
) -> Option<Alert> {
    if !matches!(
        s.state,
        ShipmentState::Ordered | ShipmentState::AwaitingPickup
    ) {
        return None;
    }
    let from = s
        .state_since
        .or(s.first_event_at)
        .or(s.shipped_on.map(start_of));
    waited(
        AlertCode::AwaitingPickupTooLong,
        from,
        now,
        th.awaiting_pickup_hours,
    )
}

/// Picked up, in transit, at the delivery city or out for delivery, with no new event for
/// longer than `in_transit_silence_hours` since the last one. (Customs is left out: it is
/// slow by nature.)
pub fn no_new_event(s: &ShipmentFacts, now: NaiveDateTime, th: &AlertThresholds) -> Option<Alert> {
    if !matches!(
        s.state,
        ShipmentState::PickedUp
            | ShipmentState::InTransit
            | ShipmentState::AtDeliveryCity
            | ShipmentState::OutForDelivery
    ) {
        return None;
    }
    let from = s.last_event_at.or(s.state_since);
    waited(
        AlertCode::NoNewEvent,
        from,
        now,
        th.in_transit_silence_hours,
    )
}

/// In a locker or pickup station for longer than `pickup_point_hours`.
pub fn uncollected_at_pickup_point(
    s: &ShipmentFacts,
    now: NaiveDateTime,
    th: &AlertThresholds,
) -> Option<Alert> {
    if s.state != ShipmentState::AtPickupPoint {
        return None;
    }
    let from = s.state_since.or(s.last_event_at);
    waited(
        AlertCode::UncollectedAtPickupPoint,
        from,
        now,
        th.pickup_point_hours,
    )
}

/// R-REVIEW-16: problem, returning, returned or refused, at once: the creator must tell
/// the brand promptly. Either leg.
pub fn immediate(s: &ShipmentFacts) -> Option<Alert> {
    let code = match s.state {
        ShipmentState::Problem => AlertCode::Problem,
        ShipmentState::Returning => AlertCode::Returning,
        ShipmentState::Returned => AlertCode::Returned,
        ShipmentState::Refused => AlertCode::Refused,
        _ => return None,
    };
    Some(Alert {
        code,
        since: s.state_since.or(s.last_event_at),
        detail: AlertDetail::Plain,
    })
}

/// R-REVIEW-16: the carrier reports the sample delivered and the creator has not confirmed
/// (or reported on) the receipt for longer than `unconfirmed_delivery_hours`: confirm it,
/// or tell the brand it did not arrive. Outbound leg only.
pub fn delivered_unconfirmed(
    s: &ShipmentFacts,
    now: NaiveDateTime,
    th: &AlertThresholds,
) -> Option<Alert> {
    if s.leg != Leg::Outbound || s.state != ShipmentState::Delivered || s.receipt_confirmed {
        return None;
    }
    let from = s.delivered_at.or(s.state_since).or(s.last_event_at);
    waited(
        AlertCode::DeliveredUnconfirmed,
        from,
        now,
        th.unconfirmed_delivery_hours,
    )
}

/// R-REVIEW-13: the sample arrives too late to make `upload_by` with the usual production
/// time: arrival day + `production_days` > `upload_by` (equal is still in time). A
/// delivered sample counts from its delivery day; one still on its way (any state that is
/// not final, except returning) from today, since it cannot arrive earlier. Outbound leg
/// only.
pub fn delivered_too_late(
    s: &ShipmentFacts,
    timeline: &Timeline,
    now: NaiveDateTime,
    th: &AlertThresholds,
) -> Option<Alert> {
    if s.leg != Leg::Outbound {
        return None;
    }
    let (arrived_at, delivered) = match s.state {
        ShipmentState::Delivered => (s.delivered_at.or(s.state_since).or(s.last_event_at)?, true),
        ShipmentState::Returning => return None,
        state if state.is_final() => return None,
        _ => (now, false),
    };
    let arrived_on = arrived_at.date();
    let ready_on = plus_days(arrived_on, th.production_days);
    let upload_by = timeline.upload_by;
    if ready_on <= upload_by {
        return None;
    }
    let since = if delivered {
        arrived_at
    } else {
        // The first moment an arrival could no longer make it.
        start_of(plus_days(minus_days(upload_by, th.production_days), 1))
    };
    Some(Alert {
        code: AlertCode::DeliveredTooLate,
        since: Some(since),
        detail: AlertDetail::TooLate {
            arrived_on,
            delivered,
            ready_on,
            upload_by,
            days_short: clamp_u32((ready_on - upload_by).num_days()),
        },
    })
}

/// R-REVIEW-13: a return leg with a due date whose sample is not with a carrier yet (no
/// tracking number, or ordered, awaiting pickup, cancelled, or returned to the creator)
/// and is due within `return_due_warning_days` days (the due day counts: with 3, it shows
/// from 3 days before) or overdue.
pub fn return_due(s: &ShipmentFacts, now: NaiveDateTime, th: &AlertThresholds) -> Option<Alert> {
    let due = s.return_due.filter(|_| s.leg == Leg::Return)?;
    let handed_over = s.has_tracking
        && !matches!(
            s.state,
            ShipmentState::Ordered
                | ShipmentState::AwaitingPickup
                | ShipmentState::Cancelled
                | ShipmentState::Returned
        );
    let days_left = (due - now.date()).num_days();
    (!handed_over && days_left <= i64::from(th.return_due_warning_days)).then(|| Alert {
        code: AlertCode::ReturnDue,
        since: Some(start_of(minus_days(due, th.return_due_warning_days))),
        detail: AlertDetail::ReturnDue {
            due,
            overdue: days_left < 0,
            days_left,
        },
    })
}

/// Everything about one parcel: [`immediate`], [`delivered_unconfirmed`],
/// [`uncollected_at_pickup_point`], [`return_due`], [`delivered_too_late`] (with a
/// timeline), [`no_new_event`] and [`awaiting_pickup_too_long`], most urgent first.
pub fn shipment_alerts(
    s: &ShipmentFacts,
    timeline: Option<&Timeline>,
    now: NaiveDateTime,
    th: &AlertThresholds,
) -> Vec<Alert> {
    let mut out: Vec<Alert> = [
        immediate(s),
        delivered_unconfirmed(s, now, th),
        uncollected_at_pickup_point(s, now, th),
        return_due(s, now, th),
        timeline.and_then(|t| delivered_too_late(s, t, now, th)),
        no_new_event(s, now, th),
        awaiting_pickup_too_long(s, now, th),
    ]
    .into_iter()
    .flatten()
    .collect();
    sort_alerts(&mut out);
    out
}
