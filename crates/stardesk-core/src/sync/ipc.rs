//! The sync's IPC types: progress and outcome.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::error::AppError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SyncPhase {
    Started,
    Page,
    /// Every page is in; a first sync builds the hall's search indexes (a few seconds
    /// at 100,000 tasks).
    Indexing,
    Done,
    Failed,
}

/// Emitted as the `sync://progress` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncProgress {
    pub phase: SyncPhase,
    /// Entries applied so far in this sync.
    pub applied: u32,
    /// Entries the server says are left.
    pub remaining: u32,
    pub error: Option<AppError>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SyncSummary {
    pub upserted: u32,
    pub removed: u32,
    pub pages: u32,
    pub task_count: u32,
    /// Applications that changed (new, or in a new state).
    pub applications: u32,
}

/// This module as TypeScript: `ui/src/bindings/sync.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "sync",
        types: vec![
            TsType::of::<SyncPhase>(),
            TsType::of::<SyncProgress>(),
            TsType::of::<SyncSummary>(),
        ],
        consts: vec![],
    }
}
