//! stardesk-core: StarDesk's use cases over one [`Context`].
//!
//! The only API the desktop shell and the `stardesk` CLI call: each Tauri command and
//! each CLI subcommand is a few lines around one method here, so the same code is tested
//! headless on a temp data directory. Owns background work (the embedded sandbox, sync).
//! **Invariants:** rules come from `stardesk-domain`; storage from `stardesk-store`; the
//! network from `stardesk-platform`. Only [`dto`] types leave this crate.

mod context;
pub mod dto;
mod error;
mod hall;
mod payout_fix;
pub mod settle;
mod settlements;

pub use context::{Context, ContextOptions};
pub use error::{AppError, ErrorCode};
pub use settlements::VIEW_ROW_LIMIT;
