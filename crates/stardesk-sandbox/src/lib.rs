//! The reference platform server: a real axum HTTP server implementing StarDesk's platform
//! API v1 over a realistic, deterministic dataset.
//!
//! It serves three roles: the embedded default of the desktop app and the CLI when no
//! account is configured ([`start`] on `127.0.0.1:0`), the standalone dev server (the
//! `stardesk-sandbox` binary), and the real peer other crates' tests talk to over loopback
//! (with [`Control`] to change data and inject faults).
//!
//! It owns the server side of the wire: routes, auth, the change feed over its own SQLite
//! (in memory unless given a file), and data generation. It serves exactly the types of
//! [`stardesk_platform::wire`] and must never define wire types of its own, decide a
//! platform rule for the client (rule ids in comments only explain the shape of the data),
//! touch the app's database, or reach the network beyond the socket it was told to bind.
//!
//! ## The API
//! Every `/v1` route needs `Authorization: Bearer <token>`; every error is an RFC 9457
//! problem document (`application/problem+json`, [`wire::Problem`]).
//! - `GET /v1/me` → [`wire::Me`].
//! - `GET /v1/tasks?cursor=&updated_since=&limit=` → [`wire::TaskPage`], a change feed in
//!   server revision order. Without a cursor it lists open tasks only; with one it lists
//!   every change after it, closed and deleted tasks as tombstones. `limit` is 1..=1000
//!   (default 500); empty parameters count as absent; anything malformed is a 400 naming
//!   the parameter.
//! - `GET /v1/tasks/{id}` → [`wire::Task`], 404 if unknown, 410 if closed or deleted.
//! - `GET /healthz` → `ok`, no auth.
//!
//! [`wire::Problem`]: stardesk_platform::wire::Problem
//! [`wire::Me`]: stardesk_platform::wire::Me
//! [`wire::TaskPage`]: stardesk_platform::wire::TaskPage
//! [`wire::Task`]: stardesk_platform::wire::Task

mod api;
mod catalog;
mod generate;
mod rng;
mod store;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use stardesk_platform::wire::Me;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use api::{problem_type, DEFAULT_LIMIT, MAX_LIMIT};

use api::{lock, Shared};
use store::{Store, StoreError};

/// The bearer token the sandbox accepts unless configured otherwise. Not a secret: it is
/// printed in docs and used by the embedded demo.
pub const DEMO_TOKEN: &str = "sandbox-demo-token";
pub const DEFAULT_SEED: u64 = 20261122;
pub const DEFAULT_TASKS: usize = 3000;

/// How a sandbox is set up. The same `seed`, `tasks` and `now` give identical data, ids
/// included; with `now: None` the dates follow the real clock.
#[derive(Clone)]
pub struct SandboxConfig {
    pub seed: u64,
    /// Number of tasks generated on first start.
    pub tasks: usize,
    /// The only bearer token accepted on `/v1`.
    pub token: String,
    /// The instant the data is built around; `None` = the current time.
    pub now: Option<DateTime<Utc>>,
    /// A SQLite file to keep the data in; `None` = in memory. A file that already holds a
    /// dataset is served as is (its own seed, its earlier changes), ignoring `seed`/`tasks`.
    pub db_path: Option<PathBuf>,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            seed: DEFAULT_SEED,
            tasks: DEFAULT_TASKS,
            token: DEMO_TOKEN.to_owned(),
            now: None,
            db_path: None,
        }
    }
}

impl std::fmt::Debug for SandboxConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SandboxConfig")
            .field("seed", &self.seed)
            .field("tasks", &self.tasks)
            .field("token", &"<redacted>")
            .field("now", &self.now)
            .field("db_path", &self.db_path)
            .finish()
    }
}

/// A fault to inject into the next `/v1` request. Each request takes the next queued fault
/// (if any) before authentication, as a failing gateway in front of the API would.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Serve normally (lets a test fault the second request but not the first).
    Pass,
    /// Answer with this status and a problem document of type
    /// [`problem_type::INJECTED_FAULT`]; 429 and 503 carry `Retry-After: 1`. A status
    /// outside 200..=599 is answered as 500.
    Status(u16),
    /// Sleep this long, then serve normally.
    Delay(Duration),
}

/// Starts a sandbox: generates (or opens) its data, binds `addr` (port 0 = a random free
/// port) and serves on a spawned tokio task until [`RunningSandbox::shutdown`] or drop.
pub async fn start(config: SandboxConfig, addr: SocketAddr) -> anyhow::Result<RunningSandbox> {
    anyhow::ensure!(
        !config.token.trim().is_empty() && !config.token.contains(char::is_whitespace),
        "the sandbox token must be non-empty and contain no whitespace"
    );
    // Bind first so a taken port fails fast, before seconds of data generation. Clients
    // that connect meanwhile wait in the accept backlog.
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let local = listener.local_addr()?;
    let now = config.now.unwrap_or_else(Utc::now);
    let (db_path, seed, tasks) = (config.db_path.clone(), config.seed, config.tasks);
    let store =
        tokio::task::spawn_blocking(move || Store::open(db_path.as_deref(), seed, tasks, now))
            .await
            .context("sandbox data generation panicked")?
            .context("opening the sandbox database")?;

    let shared = Arc::new(Shared {
        me: demo_creator(store.seed()),
        store: Mutex::new(store),
        faults: Mutex::new(VecDeque::new()),
        requests: AtomicU64::new(0),
        token: config.token,
    });
    let app = api::router(shared.clone());
    let (stop_tx, stop_rx) = oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        // The signal fires on an explicit stop and also when the sender is dropped, which
        // is how dropping a `RunningSandbox` stops the server.
        let stopped = async {
            let _ = stop_rx.await;
        };
        if let Err(err) = axum::serve(listener, app)
            .with_graceful_shutdown(stopped)
            .await
        {
            tracing::error!(%err, "sandbox server failed");
        }
    });
    tracing::info!(addr = %local, "sandbox serving");
    Ok(RunningSandbox {
        addr: local,
        shared,
        stop: stop_tx,
        task,
    })
}

/// The demo creator of R-REVIEW-11's band: independent, 268,000 followers, LV2.
fn demo_creator(seed: u64) -> Me {
    Me {
        creator_id: rng::creator_id(seed),
        nickname: "小满的好物日记".to_owned(),
        followers: 268_000,
        agency: None,
        level: 2,
    }
}

/// A sandbox serving in the background. Dropping it stops accepting connections (open
/// ones finish their request); [`Self::shutdown`] also waits for the server to finish.
#[derive(Debug)]
pub struct RunningSandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

/// How long [`RunningSandbox::shutdown`] lets in-flight requests (say, an injected
/// `Fault::Delay`) finish before it aborts the server.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(5);

impl RunningSandbox {
    /// The base URL, e.g. `http://127.0.0.1:40123`. A wildcard bind address is reported as
    /// loopback, since that is where a local client can reach it.
    pub fn url(&self) -> String {
        let mut addr = self.addr;
        if addr.ip().is_unspecified() {
            addr.set_ip(if addr.is_ipv4() {
                std::net::Ipv4Addr::LOCALHOST.into()
            } else {
                std::net::Ipv6Addr::LOCALHOST.into()
            });
        }
        format!("http://{addr}")
    }

    /// The address actually bound (with the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn control(&self) -> Control {
        Control {
            shared: self.shared.clone(),
        }
    }

    /// Stops accepting, lets in-flight requests finish (up to 5 s) and returns once the
    /// server task has ended.
    pub async fn shutdown(self) {
        let _ = self.stop.send(());
        let mut task = self.task;
        if tokio::time::timeout(SHUTDOWN_GRACE, &mut task)
            .await
            .is_err()
        {
            task.abort();
        }
    }
}

/// A handle to change a running sandbox's data and inject faults; cheap to clone.
///
/// Every method is synchronous and returns once the change is stored and visible to the
/// next request. The data methods take the store's lock briefly (a few milliseconds for
/// 100,000 tasks), so they are fine to call from async tests. They never panic: if storage
/// fails, the change is rolled back, the error is logged and an empty list is returned.
///
/// Which tasks are changed is deterministic: a function of the seed and the feed's current
/// revision, so the same calls on the same dataset pick the same tasks. One call never
/// touches a task twice; asking for more than there are open tasks changes all of them.
#[derive(Clone)]
pub struct Control {
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Control {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Control")
            .field("requests", &self.request_count())
            .finish_non_exhaustive()
    }
}

impl Control {
    fn with_store(
        &self,
        what: &str,
        f: impl FnOnce(&mut Store) -> Result<Vec<String>, StoreError>,
    ) -> Vec<String> {
        match f(&mut lock(&self.shared.store)) {
            Ok(ids) => {
                tracing::debug!(what, count = ids.len(), "control change");
                ids
            }
            Err(err) => {
                tracing::error!(what, %err, "control change failed");
                Vec::new()
            }
        }
    }

    /// Changes `n` open tasks visibly (slots taken, a 「（加急）」 title suffix, or a raised
    /// reward), each with a new revision and `updated_at`. Returns their ids in feed order.
    pub fn modify_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("modify", |s| s.modify(n))
    }

    /// Closes `n` open tasks; the feed shows them as `closed` tombstones and
    /// `GET /v1/tasks/{id}` answers 410.
    pub fn close_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("close", |s| s.close(n))
    }

    /// Deletes `n` open tasks; the feed shows them as `deleted` tombstones.
    pub fn delete_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("delete", |s| s.delete(n))
    }

    /// Publishes `n` new open tasks, continuing the seed's sequence.
    pub fn add_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("add", |s| s.add(n))
    }

    /// Queues a fault for a later `/v1` request (first in, first out).
    pub fn push_fault(&self, fault: Fault) {
        lock(&self.shared.faults).push_back(fault);
    }

    /// Faults queued but not yet taken by a request.
    pub fn pending_faults(&self) -> usize {
        lock(&self.shared.faults).len()
    }

    /// `/v1` requests received so far, including faulted and unauthorised ones.
    pub fn request_count(&self) -> u64 {
        self.shared.requests.load(Ordering::SeqCst)
    }

    /// Tasks currently open (0 if storage fails, which is logged).
    pub fn open_task_count(&self) -> usize {
        lock(&self.shared.store).open_count().unwrap_or_else(|err| {
            tracing::error!(%err, "counting open tasks failed");
            0
        })
    }
}
