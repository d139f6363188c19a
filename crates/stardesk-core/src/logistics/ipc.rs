//! Logistics' IPC types: the parcels with their state, events and alerts, the carrier
//! guesses, the tracking account.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applications::ipc::ApplicationStatus;
use crate::bindings::{TsModule, TsType};

crate::code_enum! {
    /// Where a parcel is: one model for every carrier (kuaidi100's states and advanced
    /// codes map onto it).
    pub enum ShipmentStateCode {
        Ordered = "ordered",
        AwaitingPickup = "awaiting_pickup",
        PickedUp = "picked_up",
        InTransit = "in_transit",
        AtDeliveryCity = "at_delivery_city",
        OutForDelivery = "out_for_delivery",
        AtPickupPoint = "at_pickup_point",
        Delivered = "delivered",
        Problem = "problem",
        Returning = "returning",
        Returned = "returned",
        Refused = "refused",
        Customs = "customs",
        Cancelled = "cancelled",
    }
}

crate::code_enum! {
    /// What an alert is about, most urgent first.
    pub enum ShipmentAlertCode {
        /// R-REVIEW-16.
        Refused = "refused",
        /// R-REVIEW-16.
        Returned = "returned",
        /// R-REVIEW-16.
        Returning = "returning",
        /// R-REVIEW-16.
        Problem = "problem",
        /// Delivered per the carrier, not confirmed (R-REVIEW-16).
        DeliveredUnconfirmed = "delivered_unconfirmed",
        UncollectedAtPickupPoint = "uncollected_at_pickup_point",
        /// R-REVIEW-13.
        ReturnDue = "return_due",
        /// R-REVIEW-13.
        DeliveredTooLate = "delivered_too_late",
        /// R-REVIEW-10.
        NotShipped = "not_shipped",
        /// After the client-fault date: the brand's fault (R-REVIEW-10).
        ShippedLate = "shipped_late",
        NoNewEvent = "no_new_event",
        AwaitingPickupTooLong = "awaiting_pickup_too_long",
    }
}

crate::code_enum! {
    /// Which way a parcel goes.
    pub enum LegCode {
        /// The brand's sample, to the creator.
        Outbound = "outbound",
        /// The sample going back to the brand (R-REVIEW-13).
        Return = "return",
    }
}

/// One alert, with its figures for the sentence the UI writes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShipmentAlertView {
    pub code: ShipmentAlertCode,
    /// The DOMAIN.md rule, where the alert has one.
    pub rule: Option<String>,
    /// The sentence in English (the CLI's; the UI writes its own from the figures).
    pub message: String,
    /// Beijing time `YYYY-MM-DD HH:MM:SS`: when the condition began, when known.
    pub since: Option<String>,
    /// Hours waited (waits), days late / overdue / short (dates), days left (a return).
    #[ts(type = "number | null")]
    pub days: Option<i64>,
    pub hours: Option<u32>,
    /// The date it rests on (`YYYY-MM-DD`): ship-by, the client-fault date, upload-by,
    /// the return's due date.
    pub date: Option<String>,
    /// The shipping day (`shipped_late`), the arrival (`delivered_too_late`, with `ready_on`
    /// the day the content can be ready), `YYYY-MM-DD`.
    pub shipped_on: Option<String>,
    pub arrived_on: Option<String>,
    pub ready_on: Option<String>,
    /// Whose fault, when the alert says: `brand` for R-REVIEW-10.
    pub brand_fault: bool,
    /// A drafted message to the brand (Chinese), when the brand should hear of it.
    pub draft: Option<String>,
}

/// One carrier event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShipmentEventView {
    /// Beijing time, `YYYY-MM-DD HH:MM:SS`.
    pub time: String,
    pub text: String,
    pub area: Option<String>,
    pub state: Option<ShipmentStateCode>,
}

/// A query's failure as the provider said it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrackingErrorView {
    /// kuaidi100's `returnCode`, or `unreachable`, `not_configured`….
    pub code: String,
    pub message: String,
}

/// One tracked parcel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParcelView {
    pub id: String,
    pub application_id: Option<String>,
    /// The campaign, when the parcel belongs to an application.
    pub task_title: Option<String>,
    pub brand: Option<String>,
    pub application_status: Option<ApplicationStatus>,
    pub leg: LegCode,
    /// `feed` (the brand's shipment on the application) or `manual`.
    pub origin: String,
    /// A kuaidi100 carrier code, and its name.
    pub carrier: String,
    pub carrier_name: String,
    pub tracking_no: String,
    /// The carrier needs the receiver's last 4 phone digits (顺丰, 中通).
    pub phone_required: bool,
    /// They are known (from the application's address, or given by hand).
    pub phone_known: bool,
    pub shipped_on: Option<String>,
    pub return_due: Option<String>,
    /// Not queried yet: `None`.
    pub state: Option<ShipmentStateCode>,
    /// kuaidi100's state code.
    pub state_code: Option<String>,
    pub signed: bool,
    /// Nothing more will change (delivered, returned, refused, cancelled).
    pub is_final: bool,
    pub last_event: Option<ShipmentEventView>,
    /// Most urgent first.
    pub alerts: Vec<ShipmentAlertView>,
    /// RFC 3339.
    pub last_queried_at: Option<String>,
    pub next_query_at: Option<String>,
    pub last_error: Option<TrackingErrorView>,
    /// The creator confirmed the parcel arrived.
    pub received: bool,
}

/// A parcel with every event, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParcelDetail {
    pub parcel: ParcelView,
    pub events: Vec<ShipmentEventView>,
}

/// A parcel to add, or the correction of one. `Debug` never shows the phone.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParcelInput {
    pub application_id: Option<String>,
    pub leg: LegCode,
    /// A kuaidi100 carrier code; empty = the best guess from the number.
    pub carrier: String,
    pub tracking_no: String,
    /// The receiver's phone, or its last 4 digits (顺丰, 中通).
    pub phone: Option<String>,
    /// `YYYY-MM-DD`: when a return must be sent (R-REVIEW-13).
    pub return_due: Option<String>,
}

impl std::fmt::Debug for ParcelInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParcelInput")
            .field("application_id", &self.application_id)
            .field("leg", &self.leg)
            .field("carrier", &self.carrier)
            .field("tracking_no", &self.tracking_no)
            .field("phone", &self.phone.as_ref().map(|_| "<redacted>"))
            .field("return_due", &self.return_due)
            .finish()
    }
}

crate::code_enum! {
    /// A field of the parcel form.
    pub enum ParcelFieldCode {
        TrackingNo = "tracking_no",
        Carrier = "carrier",
        Phone = "phone",
        ReturnDue = "return_due",
        Application = "application",
    }
}

crate::code_enum! {
    /// What is wrong with a field of the parcel form.
    pub enum ParcelProblemCode {
        /// Empty, and needed (the number; a return's due date; the last 4 phone digits for
        /// 顺丰 and 中通 when no application gives them).
        Required = "required",
        /// Not in the field's shape (letters and digits up to 32; 4+ phone digits; a date).
        Invalid = "invalid",
        /// No carrier given and none fits the number's shape: choose one.
        UnknownCarrier = "unknown_carrier",
        /// Another parcel already has this number.
        AlreadyTracked = "already_tracked",
        /// No such application.
        NotFound = "not_found",
    }
}

/// One field's problem, for the form to show beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParcelProblem {
    pub field: ParcelFieldCode,
    pub problem: ParcelProblemCode,
}

/// A carrier StarDesk knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CarrierOption {
    pub code: String,
    pub name: String,
    pub phone_required: bool,
}

/// Where tracking answers come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrackingSettings {
    /// A kuaidi100 account is set (its key is in the OS keychain).
    pub configured: bool,
    pub customer: Option<String>,
    /// Where `/poll/query.do` and `/autonumber/auto` live; `None` = kuaidi100's hosts.
    pub url: Option<String>,
    /// No account: the demo tracks the embedded sandbox's parcels.
    pub using_sandbox: bool,
}

/// A kuaidi100 account: the customer id and its key (kept in the OS keychain only).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TrackingAccountInput {
    pub customer: String,
    pub key: String,
    /// `None` or empty = kuaidi100's hosts.
    pub url: Option<String>,
}

impl std::fmt::Debug for TrackingAccountInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TrackingAccountInput")
            .field("customer", &self.customer)
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// A selected application whose sample is not shipped yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AwaitingShipmentView {
    pub application_id: String,
    pub task_title: String,
    pub brand: String,
    /// `YYYY-MM-DD`, when the task gave one (R-REVIEW-10).
    pub ship_by: Option<String>,
    /// The client-fault date: shipping after it is the brand's fault (R-REVIEW-10).
    pub late_shipping_after: Option<String>,
    pub alerts: Vec<ShipmentAlertView>,
}

/// The Logistics page: every parcel, and the samples still to be shipped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LogisticsView {
    /// Alerts first (most urgent), then newest shipping first.
    pub parcels: Vec<ParcelView>,
    pub awaiting: Vec<AwaitingShipmentView>,
    pub tracking: TrackingSettings,
}

/// When a wait becomes an alert (a wait fires when strictly longer than its threshold).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AlertThresholdsView {
    /// Ordered or awaiting pickup for longer than this [48].
    pub awaiting_pickup_hours: u32,
    /// In transit with no new event for longer than this [72].
    pub in_transit_silence_hours: u32,
    /// In a locker or pickup station for longer than this [24].
    pub pickup_point_hours: u32,
    /// Delivered and not confirmed for longer than this [24] (R-REVIEW-16).
    pub unconfirmed_delivery_hours: u32,
    /// Days the creator usually needs from the sample to the upload [3] (R-REVIEW-13).
    pub production_days: u32,
    /// A return is announced this many days before it is due [3] (R-REVIEW-13).
    pub return_due_warning_days: u32,
}

/// A new alert, for a system notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ParcelAlertNotice {
    pub parcel_id: Option<String>,
    pub application_id: Option<String>,
    pub task_title: Option<String>,
    /// The carrier's code (for its name in the window's language) and Chinese name.
    pub carrier: Option<String>,
    pub carrier_name: Option<String>,
    pub leg: Option<LegCode>,
    pub tracking_no: Option<String>,
    pub alert: ShipmentAlertView,
}

/// This module as TypeScript: `ui/src/bindings/logistics.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "logistics",
        types: vec![
            TsType::listed::<ShipmentStateCode>("SHIPMENT_STATES"),
            TsType::listed::<ShipmentAlertCode>("SHIPMENT_ALERTS"),
            TsType::listed::<LegCode>("LEGS"),
            TsType::of::<ShipmentAlertView>(),
            TsType::of::<ShipmentEventView>(),
            TsType::of::<TrackingErrorView>(),
            TsType::of::<ParcelView>(),
            TsType::of::<ParcelDetail>(),
            TsType::of::<ParcelInput>(),
            TsType::listed::<ParcelFieldCode>("PARCEL_FIELDS"),
            TsType::listed::<ParcelProblemCode>("PARCEL_PROBLEMS"),
            TsType::of::<ParcelProblem>(),
            TsType::of::<CarrierOption>(),
            TsType::of::<TrackingSettings>(),
            TsType::of::<TrackingAccountInput>(),
            TsType::of::<ParcelAlertNotice>(),
            TsType::of::<AwaitingShipmentView>(),
            TsType::of::<LogisticsView>(),
            TsType::of::<AlertThresholdsView>(),
        ],
        consts: vec![],
    }
}
