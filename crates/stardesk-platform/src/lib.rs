//! stardesk-platform: the platform API client (the rights center's calls in [`rights`]),
//! the sync engine and the outbox, and the parcel tracking client (kuaidi100,
//! [`tracking`]).
//!
//! Owns every byte that crosses the network to the platform: the wire format
//! (`docs/platform-api.yaml`), retries and timeouts (an application, a claim or an answer
//! is retried only with its idempotency key, the same on every attempt; a write without
//! one is sent once unless repeating it is harmless), and turning feed pages into store
//! writes. **Invariants:** a token never appears in a log line, an error or a `Debug`
//! output; plain http is refused anywhere but loopback; a page of the feed is written
//! whole or not at all. Never decides a platform rule (that is `stardesk-domain`).

pub mod applications;
pub mod client;
pub mod convert;
pub mod json_error;
pub mod rights;
pub mod sync;
pub mod tracking;
pub mod wire;

pub use client::{
    check_base_url, new_idempotency_key, ApplyOutcome, ClientOptions, PlatformClient, PlatformError,
};
pub use sync::{
    sync_tasks, sync_tasks_prepared, Prepare, SyncError, SyncEvent, SyncReport, DEFAULT_PAGE_LIMIT,
};
pub use tracking::{
    Kuaidi100Client, Kuaidi100Config, TrackQuery, TrackReport, TrackingError, TrackingProvider,
};
