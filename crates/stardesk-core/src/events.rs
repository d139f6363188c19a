//! Events: what core tells whoever shows it, as one typed enum.
//!
//! The [`Context`](crate::Context) is opened with an [`EventSink`]: the desktop shell's
//! emits every [`AppEvent`] to the window as the Tauri event [`APP_EVENT`]; the CLI's
//! prints progress to stderr; tests collect them ([`EventLog`]). The UI subscribes once
//! and refreshes its cached queries when [`AppEvent::DataChanged`] names their area.

use std::collections::VecDeque;
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

    /// A notice told once (a reminder, a parcel alert, an invitation): the store marks it
    /// told as it is emitted, so an emit nobody hears loses it for good. The rest say
    /// "read again" or "this is under way", which a window that starts listening later
    /// reads for itself.
    pub fn is_notice(&self) -> bool {
        matches!(
            self,
            AppEvent::RemindersDue { .. }
                | AppEvent::ParcelAlerts { .. }
                | AppEvent::InvitationsArrived { .. }
        )
    }
}

/// The most notices held for a window that does not listen yet; beyond, the oldest go.
pub const MAX_HELD_NOTICES: usize = 64;

/// Notices emitted before the window listens, held until it does. Core starts its jobs
/// while the window loads its page: the reminders missed while the app was closed, and
/// the alerts due at start, are emitted (and marked told) before the page has subscribed.
/// A new page (a reload) does not listen yet either: notices are held again until it says
/// so. Other events pass at once.
#[derive(Debug)]
pub struct HeldNotices {
    /// `Some` while nobody listens: the notices in order.
    held: Mutex<Option<VecDeque<AppEvent>>>,
}

impl Default for HeldNotices {
    fn default() -> Self {
        Self::new()
    }
}

impl HeldNotices {
    /// Holding: nobody listens yet.
    pub fn new() -> Self {
        Self {
            held: Mutex::new(Some(VecDeque::new())),
        }
    }

    /// Sends `event` with `send`, or holds it when it is a notice and nobody listens.
    /// Sent under the lock, so a notice never overtakes the held ones being released.
    pub fn pass(&self, event: AppEvent, send: impl FnOnce(AppEvent)) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        match held.as_mut() {
            Some(queue) if event.is_notice() => {
                if queue.len() == MAX_HELD_NOTICES {
                    queue.pop_front();
                    tracing::warn!(
                        "too many notices before the window listened: the oldest dropped"
                    );
                }
                queue.push_back(event);
            }
            _ => send(event),
        }
    }

    /// The window listens now: the held notices are sent, in order; later ones pass.
    pub fn release(&self, mut send: impl FnMut(AppEvent)) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        for event in held.take().into_iter().flatten() {
            send(event);
        }
    }

    /// A new page that does not listen yet: notices are held again.
    pub fn hold(&self) {
        let mut held = self.held.lock().unwrap_or_else(|e| e.into_inner());
        held.get_or_insert_with(VecDeque::new);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn reminder(caught_up: bool) -> AppEvent {
        AppEvent::RemindersDue {
            reminders: Vec::new(),
            caught_up,
        }
    }

    fn sent_by(held: &HeldNotices, events: Vec<AppEvent>) -> Vec<AppEvent> {
        let mut sent = Vec::new();
        for e in events {
            held.pass(e, |e| sent.push(e));
        }
        sent
    }

    #[test]
    fn notices_before_the_window_listens_are_held_and_sent_in_order_when_it_does() {
        let held = HeldNotices::new();
        let changed = AppEvent::data_changed(&[DataArea::Logistics]);
        let alerts = AppEvent::ParcelAlerts { alerts: Vec::new() };
        let sent = sent_by(&held, vec![reminder(true), changed.clone(), alerts.clone()]);
        assert_eq!(
            sent,
            vec![changed.clone()],
            "only the notice-free event passed"
        );
        let mut released = Vec::new();
        held.release(|e| released.push(e));
        assert_eq!(released, vec![reminder(true), alerts.clone()]);
        // Listening: everything passes.
        assert_eq!(sent_by(&held, vec![reminder(false)]), vec![reminder(false)]);
        // A reload: held again until the new page listens.
        held.hold();
        assert!(sent_by(&held, vec![alerts.clone()]).is_empty());
        let mut again = Vec::new();
        held.release(|e| again.push(e));
        assert_eq!(again, vec![alerts]);
        let mut none = Vec::new();
        held.release(|e| none.push(e));
        assert!(none.is_empty(), "released once");
    }

    #[test]
    fn at_most_so_many_notices_are_held_the_newest_kept() {
        let held = HeldNotices::new();
        let many: Vec<AppEvent> = (0..=MAX_HELD_NOTICES).map(|i| reminder(i == 0)).collect();
        assert!(sent_by(&held, many).is_empty());
        let mut released = Vec::new();
        held.release(|e| released.push(e));
        assert_eq!(released.len(), MAX_HELD_NOTICES);
        assert!(
            released.iter().all(|e| *e == reminder(false)),
            "the oldest (caught up) went"
        );
    }
}
