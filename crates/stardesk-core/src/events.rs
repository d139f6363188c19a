//! Events: what core tells whoever shows it, as one typed enum.
//!
//! The [`Context`](crate::Context) is opened with an [`EventSink`]: the desktop shell's
//! emits every [`AppEvent`] to the window as the Tauri event [`APP_EVENT`]; the CLI's
//! prints progress to stderr; tests collect them ([`EventLog`]). The UI subscribes once
//! and refreshes its cached queries when [`AppEvent::DataChanged`] names their area.

use std::sync::{Arc, Mutex};

use serde::Serialize;
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::error::AppError;
use crate::jobs::JobKind;
use crate::logistics::ipc::ParcelAlertNotice;
use crate::reminders::ipc::ReminderNotice;
use crate::rights::ipc::InvitationNotice;
use crate::settlements::imports::ipc::ImportProgress;
use crate::sync::ipc::SyncProgress;

/// The one Tauri event name every [`AppEvent`] is emitted under.
pub const APP_EVENT: &str = "stardesk://event";

crate::code_enum! {
    /// A part of the stored data, as the UI caches it.
    pub enum DataArea {
        /// The task hall: tasks, their details, the industries.
        Tasks = "tasks",
        /// The app's status: source, creator, last sync.
        Status = "status",
        /// Imported settlement lines, files, decisions, profiles, the contract account.
        Settlements = "settlements",
        /// Saved addresses and snippets.
        AddressBook = "address_book",
        /// The reminder settings and schedule.
        Reminders = "reminders",
        /// Applications, the outbox, and the agenda derived from them.
        Applications = "applications",
        /// Parcels, their events and alerts, the tracking account.
        Logistics = "logistics",
        /// The rights center: level, benefits, dispatches, star index, invitations.
        Rights = "rights",
    }
}

/// Everything core reports while it works.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppEvent {
    /// A sync's progress (`started`, pages, then `done` or `failed`).
    SyncProgress(SyncProgress),
    /// An import's progress, per file and phase.
    ImportProgress(ImportProgress),
    /// Stored data changed: what shows these areas must be read again.
    DataChanged { areas: Vec<DataArea> },
    /// Reminders of campaign dates came due; `caught_up` when they include ones missed
    /// while the app was closed (shown as one summary).
    RemindersDue {
        reminders: Vec<ReminderNotice>,
        caught_up: bool,
    },
    /// Parcel alerts raised for the first time (each once), for system notifications.
    ParcelAlerts { alerts: Vec<ParcelAlertNotice> },
    /// Preferred invitations that arrived (each once), for system notifications; a
    /// dispatch must be accepted within its hour (R-PREF-4).
    /// `closing`: dispatches whose hour is almost over and still unanswered.
    InvitationsArrived {
        invitations: Vec<InvitationNotice>,
        closing: bool,
    },
    /// A background job failed; `retry_at` (RFC 3339) when it will run again.
    JobFailed {
        job: JobKind,
        error: AppError,
        retry_at: Option<String>,
    },
}

impl AppEvent {
    pub fn data_changed(areas: &[DataArea]) -> Self {
        AppEvent::DataChanged {
            areas: areas.to_vec(),
        }
    }
}

/// Where a context's events go. Called from any thread; must not block for long.
pub trait EventSink: Send + Sync + 'static {
    fn emit(&self, event: AppEvent);
}

/// Drops every event (a one-shot command that reports nothing as it goes).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoEvents;

impl EventSink for NoEvents {
    fn emit(&self, _event: AppEvent) {}
}

/// Keeps every event, in order: for tests and for callers that look afterwards.
#[derive(Debug, Default, Clone)]
pub struct EventLog {
    events: Arc<Mutex<Vec<AppEvent>>>,
}

impl EventLog {
    pub fn new() -> Self {
        Self::default()
    }

    /// The events so far.
    pub fn events(&self) -> Vec<AppEvent> {
        self.events.lock().map(|e| e.clone()).unwrap_or_default()
    }

    /// Forgets the events so far.
    pub fn clear(&self) {
        if let Ok(mut e) = self.events.lock() {
            e.clear();
        }
    }
}

impl EventSink for EventLog {
    fn emit(&self, event: AppEvent) {
        if let Ok(mut e) = self.events.lock() {
            e.push(event);
        }
    }
}

/// Any function of an event is a sink.
impl<F: Fn(AppEvent) + Send + Sync + 'static> EventSink for F {
    fn emit(&self, event: AppEvent) {
        self(event)
    }
}

pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "events",
        types: vec![
            TsType::listed::<DataArea>("DATA_AREAS"),
            TsType::of::<AppEvent>(),
        ],
        consts: vec![(
            "APP_EVENT",
            APP_EVENT,
            "The one Tauri event every `AppEvent` arrives as.",
        )],
    }
}
