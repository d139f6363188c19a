//! Applications' IPC types: the form, the outbox, the applications with their timelines.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::address_book::ipc::FieldProblem;
use crate::bindings::{TsModule, TsType};
use crate::error::AppError;
use crate::logistics::ipc::{ShipmentEventView, ShipmentStateCode};
use crate::task_hall::ipc::CheckCode;

crate::code_enum! {
    /// Where an application stands (the platform's statuses).
    pub enum ApplicationStatus {
        /// Sent; the brand has 14 days to decide (R-REVIEW-3).
        Submitted = "submitted",
        Withdrawn = "withdrawn",
        /// The brand passed, or 14 days went by (R-REVIEW-3).
        NotSelected = "not_selected",
        Selected = "selected",
        /// The brand shipped the sample (R-REVIEW-10).
        Shipped = "shipped",
        Delivered = "delivered",
        ContentSubmitted = "content_submitted",
        /// Revise and re-upload until the deadline (R-REVIEW-14).
        ContentRejected = "content_rejected",
        ContentApproved = "content_approved",
        Published = "published",
        Completed = "completed",
        /// No approved content by the deadline (R-REVIEW-13/14).
        Failed = "failed",
        /// On the public reward list (R-REVIEW-9).
        RewardListed = "reward_listed",
        RewardPaid = "reward_paid",
    }
}

crate::code_enum! {
    /// A date of a campaign's timeline (DOMAIN.md, "The campaign timeline").
    pub enum TimelineKeyCode {
        SelectionBy = "selection_by",
        ShipBy = "ship_by",
        LateShippingAfter = "late_shipping_after",
        UploadBy = "upload_by",
        CooperationEnds = "cooperation_ends",
        RewardPublicityEnds = "reward_publicity_ends",
        RetainUntil = "retain_until",
        /// A benefit card's last valid day (R-LEVEL-6): reminders only, never on a
        /// campaign's timeline.
        BenefitExpires = "benefit_expires",
        /// The day the level would be lost if nothing new is posted (R-LEVEL-1, R-LEVEL-2):
        /// reminders only.
        LevelDrops = "level_drops",
    }
}

impl TimelineKeyCode {
    /// A date of a campaign's timeline (the seven of R-REVIEW-*); not one of the rights
    /// center's dates that share the reminder schedule.
    pub const fn is_campaign_date(self) -> bool {
        !matches!(self, Self::BenefitExpires | Self::LevelDrops)
    }
}

crate::code_enum! {
    /// Where an application stands against one date.
    pub enum StepStateCode {
        Done = "done",
        /// The first date still ahead.
        Next = "next",
        Later = "later",
        /// Passed without what it asks for.
        Missed = "missed",
        NotApplicable = "not_applicable",
    }
}

crate::code_enum! {
    /// Who was late.
    pub enum PartyCode {
        /// The brand: shipping (R-REVIEW-10).
        Brand = "brand",
        /// The creator: content (R-REVIEW-13/14).
        Creator = "creator",
    }
}

/// One date of the timeline with where the application stands against it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TimelineStep {
    pub key: TimelineKeyCode,
    /// `YYYY-MM-DD`; `None` where it does not apply or is not known yet.
    pub date: Option<String>,
    pub state: StepStateCode,
    pub late: Option<PartyCode>,
    /// The DOMAIN.md rule the date comes from.
    pub rule: String,
    /// Days from today to the date (negative once passed).
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
}

/// The contact and address an application was sent with, masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShippingView {
    pub contact_name: String,
    /// `138****5678`.
    pub phone_masked: String,
    pub province: String,
    pub city: String,
    pub district: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ShipmentView {
    /// A kuaidi100 carrier code (`shunfeng`, `zhongtong`, ...).
    pub carrier: String,
    pub tracking_no: String,
    pub shipped_on: String,
    /// The parcel StarDesk tracks for it (the Logistics page), its state and newest
    /// event, once known.
    pub parcel_id: Option<String>,
    pub parcel_state: Option<ShipmentStateCode>,
    pub last_event: Option<ShipmentEventView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceiptView {
    pub received: bool,
    pub note: Option<String>,
    pub reported_at: String,
}

crate::code_enum! {
    pub enum ReviewOutcomeCode {
        Approved = "approved",
        /// Revise and re-upload until the deadline (R-REVIEW-14).
        Rejected = "rejected",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ContentView {
    pub url: String,
    pub submitted_at: String,
    pub review: Option<ReviewOutcomeCode>,
    pub review_reason: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ListedRewardView {
    /// Yuan.
    pub amount: String,
    pub listed_on: Option<String>,
    pub paid_on: Option<String>,
}

/// One application with its timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplicationView {
    pub id: String,
    pub task_id: String,
    /// From the task's terms; empty until they are known.
    pub task_title: String,
    pub brand: String,
    pub status: ApplicationStatus,
    /// RFC 3339.
    pub applied_at: String,
    /// `YYYY-MM-DD`, China time.
    pub applied_on: String,
    pub shipping: ShippingView,
    pub selected_at: Option<String>,
    pub shipment: Option<ShipmentView>,
    pub delivered_at: Option<String>,
    pub receipt: Option<ReceiptView>,
    pub content: Option<ContentView>,
    pub published_on: Option<String>,
    pub reward: Option<ListedRewardView>,
    /// Every date, in timeline order; empty until the task's terms are known.
    pub timeline: Vec<TimelineStep>,
    /// Before selection only.
    pub can_withdraw: bool,
    /// Once shipped (R-REVIEW-16).
    pub can_report_receipt: bool,
    /// Once selected, until approved or failed (R-REVIEW-13/14).
    pub can_report_content: bool,
}

/// One brand that received the creator's address: for that campaign's sample only
/// (R-REVIEW-4), so the creator knows whom to ask for deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AddressDisclosure {
    pub application_id: String,
    pub task_id: String,
    pub task_title: String,
    pub brand: String,
    /// RFC 3339: when the application carrying the address was sent.
    pub sent_at: String,
    pub status: ApplicationStatus,
    pub shipping: ShippingView,
}

/// The shipping details of an application: a saved address, or typed in.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ShippingChoice {
    Saved {
        address_id: String,
    },
    Typed {
        contact_name: String,
        phone: String,
        region_code: String,
        detail: String,
    },
}

impl std::fmt::Debug for ShippingChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShippingChoice::Saved { address_id } => f
                .debug_struct("Saved")
                .field("address_id", address_id)
                .finish(),
            ShippingChoice::Typed { region_code, .. } => f
                .debug_struct("Typed")
                .field("region_code", region_code)
                .finish_non_exhaustive(),
        }
    }
}

/// An application as the creator fills it in (R-REVIEW-12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplicationInput {
    pub task_id: String,
    pub shipping: ShippingChoice,
    /// 合作优势, 10–500 characters.
    pub strengths: String,
    /// 创作思路, 10–500 characters.
    pub idea: String,
    /// Snippets used, to list them first next time.
    pub snippet_ids: Vec<String>,
}

crate::code_enum! {
    /// Why applying now would be refused, said before sending.
    pub enum ApplyWarningCode {
        /// The application window is not open today.
        WindowClosed = "window_closed",
        SlotsFull = "slots_full",
        /// An eligibility rule is not met (`check` says which).
        NotEligible = "not_eligible",
        AlreadyApplied = "already_applied",
        /// The task is not in the task hall (not synced, or closed).
        UnknownTask = "unknown_task",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplyWarning {
    pub code: ApplyWarningCode,
    /// For `not_eligible`: the failed check (R-REVIEW-11, R-JOIN-1).
    pub check: Option<CheckCode>,
}

/// The form's problems by field and the warnings about the task, before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ApplicationCheck {
    pub problems: Vec<FieldProblem>,
    pub warnings: Vec<ApplyWarning>,
}

crate::code_enum! {
    /// Where an item of the outbox stands.
    pub enum OutboxStateCode {
        /// Not confirmed by the platform yet; sent as soon as it can be.
        Waiting = "waiting",
        /// The platform refused it: edit and send again, or discard.
        Refused = "refused",
        /// Confirmed: it is an application now.
        Sent = "sent",
    }
}

/// A field problem the platform listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RemoteProblemView {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// An application the platform has not confirmed (or refused).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OutboxItemView {
    pub id: String,
    pub task_id: String,
    pub task_title: String,
    pub brand: String,
    pub created_at: String,
    pub state: OutboxStateCode,
    pub attempts: u32,
    /// RFC 3339; when waiting.
    pub next_attempt_at: Option<String>,
    /// The last failed attempt (network, the platform's refusal).
    pub last_error: Option<AppError>,
    /// The platform's refusal code (`already_applied`, `window_closed`, `slots_full`,
    /// `not_eligible`, `invalid`, ...).
    pub refusal_code: Option<String>,
    pub problems: Vec<RemoteProblemView>,
    /// Once sent.
    pub application_id: Option<String>,
    pub shipping: ShippingView,
}

/// What a reward scheme pays on: valid plays (R-REVIEW-5) or rank (R-REVIEW-6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum RewardMeasure {
    Plays {
        #[ts(type = "number")]
        plays: u64,
    },
    Rank {
        rank: u32,
    },
}

/// This module as TypeScript: `ui/src/bindings/applications.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "applications",
        types: vec![
            TsType::listed::<ApplicationStatus>("APPLICATION_STATUSES"),
            TsType::listed::<TimelineKeyCode>("TIMELINE_KEYS"),
            TsType::listed::<StepStateCode>("STEP_STATES"),
            TsType::listed::<PartyCode>("PARTIES"),
            TsType::of::<TimelineStep>(),
            TsType::of::<ShippingView>(),
            TsType::of::<ShipmentView>(),
            TsType::of::<ReceiptView>(),
            TsType::listed::<ReviewOutcomeCode>("REVIEW_OUTCOMES"),
            TsType::of::<ContentView>(),
            TsType::of::<ListedRewardView>(),
            TsType::of::<ApplicationView>(),
            TsType::of::<AddressDisclosure>(),
            TsType::of::<ShippingChoice>(),
            TsType::of::<ApplicationInput>(),
            TsType::listed::<ApplyWarningCode>("APPLY_WARNINGS"),
            TsType::of::<ApplyWarning>(),
            TsType::of::<ApplicationCheck>(),
            TsType::listed::<OutboxStateCode>("OUTBOX_STATES"),
            TsType::of::<RemoteProblemView>(),
            TsType::of::<OutboxItemView>(),
            TsType::of::<RewardMeasure>(),
        ],
        consts: vec![],
    }
}
