//! Every type that crosses IPC to the UI (and the CLI's `--json`), re-exported from the
//! feature that owns it: `crate::<feature>::ipc`.
//!
//! **Architecture invariant:** these are the only `Serialize` types the shell sees. Each
//! feature's types are generated into `ui/src/bindings/<feature>.ts` by
//! `cargo test -p stardesk-core --test bindings`, which fails when a committed file
//! drifts. Amounts are decimal strings in yuan, ids are strings, dates `YYYY-MM-DD`,
//! instants RFC 3339.

pub use crate::account::ipc::*;
pub use crate::address_book::ipc::*;
pub use crate::applications::ipc::*;
pub use crate::error::{AppError, ErrorCode};
pub use crate::logistics::ipc::*;
pub use crate::reminders::ipc::*;
pub use crate::rights::ipc::*;
pub use crate::settlements::decisions::ipc::*;
pub use crate::settlements::imports::ipc::*;
pub use crate::settlements::income::ipc::*;
pub use crate::settlements::mapping_profiles::ipc::*;
pub use crate::settlements::payout_fix::ipc::*;
pub use crate::settlements::reconciliation::ipc::*;
pub use crate::settlements::report::ipc::*;
pub use crate::settlements::task_earnings::ipc::*;
pub use crate::settlements::tax::ipc::*;
pub use crate::sync::ipc::*;
pub use crate::task_hall::ipc::*;
