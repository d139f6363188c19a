//! The account's IPC types: where the data comes from, who the creator is, the app's state.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CreatorKind {
    Independent,
    Agency,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Creator {
    pub creator_id: String,
    pub nickname: String,
    pub followers: String,
    pub kind: CreatorKind,
    pub agency_name: Option<String>,
    pub level: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// The sandbox platform started inside the app.
    Sandbox { url: String },
    /// A configured platform account.
    Platform { url: String },
}

crate::code_enum! {
    /// Where the key of the encrypted database is kept.
    pub enum KeyStore {
        /// The OS keychain.
        Keychain = "keychain",
        /// The owner-only key file, where no keychain service answers.
        KeyFile = "key_file",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub source: Source,
    pub creator: Option<Creator>,
    pub last_synced_at: Option<String>,
    pub task_count: u32,
    pub syncing: bool,
    /// The last sync's failure, if the last attempt failed.
    pub last_error: Option<AppError>,
    pub data_dir: String,
    /// Where the database key lives (a key file gets a warning in the UI).
    pub key_store: KeyStore,
    /// Applications waiting in the outbox to be sent.
    pub outbox_waiting: u32,
}

#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PlatformAccountInput {
    pub url: String,
    pub token: String,
}

/// Never the token (a `{:?}` in a log or a panic message would print it).
impl std::fmt::Debug for PlatformAccountInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PlatformAccountInput")
            .field("url", &self.url)
            .finish_non_exhaustive()
    }
}

/// A moment of the window's cold start, sent with `ui_ready` for `make bench`'s breakdown:
/// its name (`[a-z_]`, at most 32 characters) and the wall clock in milliseconds since the
/// Unix epoch (`performance.timeOrigin + performance.now()`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct UiMark {
    pub name: String,
    pub unix_ms: f64,
}

/// This module as TypeScript: `ui/src/bindings/account.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "account",
        types: vec![
            TsType::of::<CreatorKind>(),
            TsType::of::<Creator>(),
            TsType::of::<Source>(),
            TsType::of::<KeyStore>(),
            TsType::of::<AppStatus>(),
            TsType::of::<PlatformAccountInput>(),
            TsType::of::<UiMark>(),
        ],
        consts: vec![],
    }
}
