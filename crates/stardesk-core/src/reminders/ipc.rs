//! The reminders' IPC types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applications::ipc::{ApplicationStatus, PartyCode, StepStateCode, TimelineKeyCode};
use crate::bindings::{TsModule, TsType};

/// When to be reminded of a campaign's dates: days before each, `0` = on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSettings {
    /// Distinct, longest first, each at most `max_lead_days`.
    pub lead_days: Vec<u32>,
    /// The longest lead allowed.
    pub max_lead_days: u32,
}

/// One date of the agenda: a campaign date of an application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AgendaItem {
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
    pub status: ApplicationStatus,
}

/// A reminder that came due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderNotice {
    pub application_id: String,
    pub task_title: String,
    pub brand: String,
    pub key: TimelineKeyCode,
    /// The date reminded of, `YYYY-MM-DD`.
    pub due_on: String,
    /// Days before it; 0 = today.
    pub days_left: u32,
}

/// This module as TypeScript: `ui/src/bindings/reminders.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "reminders",
        types: vec![
            TsType::of::<ReminderSettings>(),
            TsType::of::<AgendaItem>(),
            TsType::of::<ReminderNotice>(),
        ],
        consts: vec![],
    }
}
