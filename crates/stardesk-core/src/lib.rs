//! stardesk-core: StarDesk's use cases over one [`Context`], by feature.
//!
//! The only API the desktop shell and the `stardesk` CLI call. Each feature is a module
//! holding its use cases (an `impl Context` block) and, beside them, its IPC types
//! (`<feature>/ipc.rs`): [`task_hall`], [`account`], [`sync`], the [`settlements`] parts,
//! and [`file_reconciliation`] (files in, report out, nothing stored). [`ipc`]
//! re-exports every IPC type.
//! **Invariants:** rules come from `stardesk-domain`; storage from `stardesk-store`; the
//! network from `stardesk-platform`. Only IPC types leave this crate.

pub mod account;
pub mod address_book;
pub mod applications;
pub mod bindings;
pub mod codes;
pub mod commands;
mod context;
mod error;
pub mod events;
pub mod file_reconciliation;
pub mod ipc;
pub mod jobs;
pub mod logistics;
pub mod reminders;
pub mod rights;
pub mod settlements;
pub mod sync;
pub mod task_hall;
#[cfg(test)]
mod test_support;
mod wire;

pub use applications::view::china;
pub use codes::Code;
pub use context::{china_today, Context, ContextOptions};
pub use error::{AppError, ErrorCode, ImportFailure, ImportProblemCode};
pub use events::{AppEvent, DataArea, EventLog, EventSink, HeldNotices, NoEvents, APP_EVENT};
pub use jobs::JobKind;
