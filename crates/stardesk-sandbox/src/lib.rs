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
//! - `POST /v1/applications` (`Idempotency-Key` required) → 201 [`wire::Application`], or
//!   200 for the same key and body again; 422 for fields at fault (all at once) or a key
//!   reused with another body; 409 `window_closed`, `slots_full`, `not_eligible`,
//!   `already_applied`.
//! - `GET /v1/applications?cursor=&updated_since=&limit=` → [`wire::ApplicationPage`],
//!   paged like the tasks (every application; no tombstones).
//! - `GET /v1/applications/{id}`; `POST /v1/applications/{id}/withdraw`, `/receipt`
//!   ([`wire::ReceiptReport`]), `/content` ([`wire::ContentReport`]) → the application, or
//!   409 with a code for a wrong status.
//! - `GET /healthz` → `ok`, no auth.
//!
//! ## The brands and the clock
//! The sandbox plays the brands of its tasks and the platform's calendar (calendar days,
//! Beijing time). Its clock ([`Control::now`]) follows real time from
//! [`SandboxConfig::now`] unless a test sets or advances it; before every applications
//! request, whatever the clock has made due is applied: the platform's dates always (a
//! selection expiring after 14 days, R-REVIEW-3; failure at the upload deadline,
//! R-REVIEW-13/14; publication on `published_on`; the end of cooperation, R-REVIEW-8; payout
//! 3 days after listing, R-REVIEW-9), and the brands' moves while on autopilot (the
//! default): each application's brand, drawn from the seed, selects or passes within 14
//! days (or never), ships on time, late or after the upload deadline − 15 days (R-REVIEW-10)
//! with a kuaidi100 carrier code and a tracking number, has the parcel delivered 1–4 days
//! later, reviews content within two days (rejecting some first versions with a reason,
//! R-REVIEW-14) and lists a reward for some (R-REVIEW-9). [`Control`] can also force each
//! brand move. The demo creator starts with about 15 applications in every status.
//!
//! [`wire::Problem`]: stardesk_platform::wire::Problem
//! [`wire::Me`]: stardesk_platform::wire::Me
//! [`wire::TaskPage`]: stardesk_platform::wire::TaskPage
//! [`wire::Task`]: stardesk_platform::wire::Task
//! [`wire::Application`]: stardesk_platform::wire::Application
//! [`wire::ApplicationPage`]: stardesk_platform::wire::ApplicationPage
//! [`wire::ReceiptReport`]: stardesk_platform::wire::ReceiptReport
//! [`wire::ContentReport`]: stardesk_platform::wire::ContentReport

mod api;
mod applications;
mod catalog;
mod clock;
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
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use rust_decimal::Decimal;
use stardesk_platform::wire::{Application, ApplicationStatus, Me, ReviewOutcome, Shipment};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use api::{problem_type, DEFAULT_LIMIT, MAX_LIMIT};

use api::{lock, RandomFaults, Shared};
use applications::lifecycle::{self, Tracked, WrongState};
use applications::ForceError;
use clock::beijing_day;
use generate::Shape;
use rng::{mix64, SplitMix64};
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
    /// outside 200..=599 is answered as 500. The request is not handled.
    Status(u16),
    /// Sleep this long, then serve normally.
    Delay(Duration),
    /// Break the connection off without an answer; the request is not handled.
    Disconnect,
    /// Handle the request (its change is stored), then answer with this status instead,
    /// as [`Fault::Status`] does: the client cannot know the change took effect.
    HandledThenStatus(u16),
    /// Handle the request (its change is stored), then break the connection off.
    HandledThenDisconnect,
}

/// How many injected faults failed a request before it was handled, and after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FaultCounts {
    pub before_handling: u64,
    pub after_handling: u64,
}

/// A brand move [`Control`] could not force.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ControlError {
    #[error("no application {0}")]
    NotFound(String),
    #[error("application {id} is {status:?}, which does not allow this")]
    WrongState {
        id: String,
        status: ApplicationStatus,
    },
    #[error("the sandbox's storage failed: {0}")]
    Storage(String),
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
        me: Mutex::new(demo_creator(store.seed())),
        store: Mutex::new(store),
        faults: Mutex::new(VecDeque::new()),
        random_faults: Mutex::new(None),
        requests: AtomicU64::new(0),
        faults_before: AtomicU64::new(0),
        faults_after: AtomicU64::new(0),
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

    /// Publishes `n` new product-review recruitment tasks that take applications today
    /// (on the sandbox's clock) and have free slots: one per application a test sends.
    pub fn add_open_review_tasks(&self, n: usize) -> Vec<String> {
        self.with_store("add review tasks", |s| s.add_shaped(n, Shape::OpenReview))
    }

    /// Queues a fault for a later `/v1` request (first in, first out).
    pub fn push_fault(&self, fault: Fault) {
        lock(&self.shared.faults).push_back(fault);
    }

    /// From now on, each `/v1` request that finds the fault queue empty fails with
    /// probability `percent`% (0 turns the mix off; above 100 counts as 100), with a fault
    /// drawn from a fixed mix: half before the request is handled (a 500, a 503, a
    /// disconnect), half after it (a 500, a 503, a disconnect after the change was
    /// stored). The draws follow `seed`: the same seed and the same sequence of requests
    /// fail the same ones.
    pub fn set_random_faults(&self, seed: u64, percent: u8) {
        *lock(&self.shared.random_faults) = (percent > 0).then(|| RandomFaults {
            rng: SplitMix64::new(mix64(seed ^ 0xFA17_0000)),
            percent: percent.min(100),
        });
    }

    /// Injected faults so far (queued or random), by whether the request had been handled.
    pub fn fault_counts(&self) -> FaultCounts {
        FaultCounts {
            before_handling: self.shared.faults_before.load(Ordering::SeqCst),
            after_handling: self.shared.faults_after.load(Ordering::SeqCst),
        }
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

    /// Applications stored, the demo creator's included (0 if storage fails, which is
    /// logged).
    pub fn application_count(&self) -> usize {
        lock(&self.shared.store)
            .application_count()
            .unwrap_or_else(|err| {
                tracing::error!(%err, "counting applications failed");
                0
            })
    }

    /// Replaces the signed-in creator (`/v1/me`, and who applies: R-REVIEW-11 is checked
    /// against its followers and agency).
    pub fn set_creator(&self, me: Me) {
        *lock(&self.shared.me) = me;
    }

    /// The signed-in creator.
    pub fn creator(&self) -> Me {
        lock(&self.shared.me).clone()
    }

    // --- The clock -----------------------------------------------------------------------

    /// The sandbox's now.
    pub fn now(&self) -> DateTime<Utc> {
        lock(&self.shared.store).clock.now()
    }

    /// The sandbox's today: the Beijing calendar day of [`Self::now`].
    pub fn today(&self) -> NaiveDate {
        beijing_day(self.now())
    }

    /// Pins the clock at `at` (it stands still until moved again) and applies what falls
    /// due by then.
    pub fn set_now(&self, at: DateTime<Utc>) {
        self.move_clock(|s| s.clock.set(at));
    }

    /// Moves the clock by `by` (pinned or running) and applies what falls due by then:
    /// advancing 15 days expires an application the brand left waiting (R-REVIEW-3).
    pub fn advance(&self, by: TimeDelta) {
        self.move_clock(|s| s.clock.advance(by));
    }

    fn move_clock(&self, f: impl FnOnce(&mut Store)) {
        let mut store = lock(&self.shared.store);
        f(&mut store);
        if let Err(err) = store.settle() {
            tracing::error!(%err, "applying due changes failed");
        }
    }

    /// Whether the brands act on their own as the clock moves (the default). Off, only the
    /// platform's dates change applications, and the brand moves below are the only ones.
    pub fn set_brand_autopilot(&self, on: bool) {
        lock(&self.shared.store).autopilot = on;
    }

    // --- Brand moves, forced now ---------------------------------------------------------

    fn force(
        &self,
        id: &str,
        transition: impl FnOnce(&mut Tracked, DateTime<Utc>) -> Result<(), WrongState>,
    ) -> Result<Application, ControlError> {
        let mut store = lock(&self.shared.store);
        store.force(id, transition).map_err(|e| match e {
            ForceError::NotFound => ControlError::NotFound(id.to_owned()),
            ForceError::WrongState(WrongState(status)) => ControlError::WrongState {
                id: id.to_owned(),
                status,
            },
            ForceError::Store(err) => ControlError::Storage(err.to_string()),
        })
    }

    /// The brand selects the creator (from `submitted`, R-REVIEW-3).
    pub fn select(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, lifecycle::select)
    }

    /// The brand passes on the creator (from `submitted`).
    pub fn pass(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, lifecycle::pass)
    }

    /// The brand ships the sample (R-REVIEW-10): `carrier` a kuaidi100 code, shipped on
    /// `shipped_at`. From `selected` (or with content reported before shipping).
    pub fn ship(
        &self,
        id: &str,
        carrier: &str,
        tracking_no: &str,
        shipped_at: NaiveDate,
    ) -> Result<Application, ControlError> {
        let shipment = Shipment {
            carrier: carrier.to_owned(),
            tracking_no: tracking_no.to_owned(),
            shipped_at,
        };
        self.force(id, |t, _| lifecycle::ship(t, shipment))
    }

    /// The carrier reports the parcel delivered now (R-REVIEW-16).
    pub fn deliver(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, lifecycle::deliver)
    }

    /// The brand approves the content waiting for review.
    pub fn approve(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, |t, at| {
            lifecycle::review(t, ReviewOutcome::Approved, None, at)
        })
    }

    /// The brand rejects the content waiting for review, with a reason (R-REVIEW-14).
    pub fn reject(&self, id: &str, reason: &str) -> Result<Application, ControlError> {
        let reason = reason.to_owned();
        self.force(id, |t, at| {
            lifecycle::review(t, ReviewOutcome::Rejected, Some(reason), at)
        })
    }

    /// Lists a reward of `amount` yuan today (R-REVIEW-9), from `published` or `completed`.
    /// It is paid 3 days later unless [`Self::pay`] comes first.
    pub fn list_reward(&self, id: &str, amount: Decimal) -> Result<Application, ControlError> {
        self.force(id, |t, at| {
            lifecycle::list_reward(t, amount, beijing_day(at))
        })
    }

    /// Pays the listed reward today (R-REVIEW-9).
    pub fn pay(&self, id: &str) -> Result<Application, ControlError> {
        self.force(id, |t, at| lifecycle::pay(t, beijing_day(at)))
    }
}
