//! The reminders' IPC types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

/// When to be reminded of a campaign's dates: days before each, `0` = on the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReminderSettings {
    /// Distinct, longest first, each at most `max_lead_days`.
    pub lead_days: Vec<u32>,
    /// The longest lead allowed.
    pub max_lead_days: u32,
}

/// This module as TypeScript: `ui/src/bindings/reminders.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "reminders",
        types: vec![TsType::of::<ReminderSettings>()],
        consts: vec![],
    }
}
