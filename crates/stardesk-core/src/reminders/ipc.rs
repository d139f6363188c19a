//! The reminders' IPC types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applications::ipc::{ApplicationStatus, PartyCode, StepStateCode, TimelineKeyCode};
use crate::bindings::{TsModule, TsType};
use crate::rights::ipc::BenefitKindCode;

/// When to be reminded of a campaign's dates: days before each, `0` = on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSettings {
    /// Distinct, longest first, each at most `max_lead_days`.
    pub lead_days: Vec<u32>,
    /// The longest lead allowed.
    pub max_lead_days: u32,
}

crate::code_enum! {
    /// Which feature a reminded date belongs to.
    pub enum AgendaFeatureCode {
        /// A campaign date of an application: `application_id` is the application's.
        Campaign = "campaign",
        /// The rights center: `application_id` is `benefit:<id>` (a card's expiry) or
        /// `level` (the day the level would drop); `task_title` names it in Chinese and
        /// `rights` says what it is, for the UI to name it in its language.
        Rights = "rights",
    }
}

/// What a rights-center date is about, for the UI to name it in the creator's language
/// (`task_title` is the Chinese name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "subject", rename_all = "snake_case")]
pub enum RightsSubject {
    /// A benefit card's expiry (R-LEVEL-6).
    Benefit {
        kind: BenefitKindCode,
        /// The kind's Chinese name; for `other`, the platform's own name.
        kind_name: String,
        /// Yuan, as the platform states it.
        value: Option<String>,
        /// Claimed and not used yet (use it before it expires); `false`: still to claim.
        /// Two cards of one kind and value can expire the same day, one of each.
        claimed: bool,
    },
    /// The day the level would drop (R-LEVEL-2).
    Level {
        level: u8,
        /// Works still to post before that day.
        posts_needed: u32,
    },
}

/// One date of the agenda: a campaign date of an application, or a date of the rights
/// center.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
    pub feature: AgendaFeatureCode,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[ts(type = "number")]
    pub days_left: i64,
    pub key: TimelineKeyCode,
    pub rule: String,
    pub state: StepStateCode,
    pub late: Option<PartyCode>,
    pub application_id: String,
    pub task_id: String,
    pub task_title: String,
    pub brand: String,
    /// The application's status; `None` for a rights date.
    pub status: Option<ApplicationStatus>,
    /// What a rights date is about; `None` for a campaign date.
    pub rights: Option<RightsSubject>,
}

/// A reminder that came due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderNotice {
    pub feature: AgendaFeatureCode,
    pub application_id: String,
    pub task_title: String,
    pub brand: String,
    pub key: TimelineKeyCode,
    /// The date reminded of, `YYYY-MM-DD`.
    pub due_on: String,
    /// Days before it; 0 = today.
    pub days_left: u32,
    /// What a rights date is about; `None` for a campaign date.
    pub rights: Option<RightsSubject>,
}

/// This module as TypeScript: `ui/src/bindings/reminders.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "reminders",
        types: vec![
            TsType::of::<ReminderSettings>(),
            TsType::listed::<AgendaFeatureCode>("AGENDA_FEATURES"),
            TsType::of::<RightsSubject>(),
            TsType::of::<AgendaItem>(),
            TsType::of::<ReminderNotice>(),
        ],
        consts: vec![],
    }
}
