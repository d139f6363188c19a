//! What the alerts read: one parcel's facts, which way it goes, and the thresholds that
//! turn a wait into an alert (data, with the documented defaults).

use chrono::{NaiveDate, NaiveDateTime};

use super::status::ShipmentState;

/// Which way a parcel goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Leg {
    /// The brand's sample, to the creator (R-REVIEW-10).
    Outbound,
    /// The sample going back to the brand, when the brand requires it (R-REVIEW-13).
    Return,
}

/// What is known about one parcel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ShipmentFacts {
    pub leg: Leg,
    pub state: ShipmentState,
    /// The day it was shipped (for the outbound leg, the platform's shipping day).
    pub shipped_on: Option<NaiveDate>,
    pub first_event_at: Option<NaiveDateTime>,
    pub last_event_at: Option<NaiveDateTime>,
    /// When the event that put it in its current state happened.
    pub state_since: Option<NaiveDateTime>,
    pub delivered_at: Option<NaiveDateTime>,
    /// The creator confirmed the receipt, or reported on it (R-REVIEW-16).
    pub receipt_confirmed: bool,
    /// The return leg's own due date: the day by which the sample must be handed to a
    /// carrier (R-REVIEW-13).
    pub return_due: Option<NaiveDate>,
    /// A tracking number is known.
    pub has_tracking: bool,
}

/// When a wait becomes an alert. Every waiting alert fires when the time waited is
/// strictly greater than its threshold: exactly 48 h waiting for pickup is no alert yet,
/// 48 h and a minute is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AlertThresholds {
    /// Ordered or awaiting pickup for longer than this.
    pub awaiting_pickup_hours: u32,
    /// Picked up, in transit, at the delivery city or out for delivery with no new event
    /// for longer than this.
    pub in_transit_silence_hours: u32,
    /// In a locker or pickup station for longer than this.
    pub pickup_point_hours: u32,
    /// Delivered per the carrier and not confirmed by the creator for longer than this
    /// (R-REVIEW-16).
    pub unconfirmed_delivery_hours: u32,
    /// Calendar days the creator usually needs from receiving the sample to uploading
    /// (R-REVIEW-13).
    pub production_days: u32,
    /// A return is announced this many days before its due date, and stays until handed
    /// to a carrier (R-REVIEW-13).
    pub return_due_warning_days: u32,
}

impl Default for AlertThresholds {
    /// 48 h to pickup, 72 h of silence in transit, 24 h at a pickup point, 24 h to confirm
    /// a delivery, 3 days of production, return announced 3 days ahead.
    fn default() -> Self {
        AlertThresholds {
            awaiting_pickup_hours: 48,
            in_transit_silence_hours: 72,
            pickup_point_hours: 24,
            unconfirmed_delivery_hours: 24,
            production_days: 3,
            return_due_warning_days: 3,
        }
    }
}
