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
//! - The rights center (R-LEVEL-*, R-PREF-*, R-MCN-*), see below: `GET /v1/rights/metrics`
//!   → [`wire::RightsMetrics`]; `GET /v1/rights/benefits` → [`wire::BenefitList`];
//!   `POST /v1/rights/benefits/{id}/claim` (`Idempotency-Key` required) →
//!   [`wire::BenefitCard`]; `GET /v1/rights/dispatches` → [`wire::DispatchWindows`];
//!   `GET /v1/rights/star-index` → [`wire::StarIndex`]; `GET
//!   /v1/rights/star-index/history?days=` (1..=365, default 90; optional in the API) →
//!   [`wire::StarIndexHistory`]; `GET /v1/rights/invitations` → [`wire::InvitationList`];
//!   `POST /v1/rights/invitations/{id}/accept`, `/decline` (key required) →
//!   [`wire::Invitation`]; `GET /v1/rights/featured-case` → [`wire::FeaturedCaseState`],
//!   `POST` [`wire::FeaturedCaseRequest`] → 201 [`wire::FeaturedCase`] (200 for the same
//!   text again); `GET /v1/agencies` → [`wire::AgencyDirectory`]. A claim or an answer with
//!   a key seen before answers what that key did, as it is now (422
//!   `idempotency_key_reused` for another request); refusals are 409 `automatic_benefit`,
//!   `benefit_expired`, `benefit_used`, `already_claimed`, `window_closed` (a dispatch from
//!   `received_at` + 1 h, R-PREF-4), `already_answered`, `already_submitted`; a blank or
//!   too long (over 2,000 characters) case text is 422 `invalid_fields` (`text`).
//! - `GET /healthz` → `ok`, no auth.
//!
//! The tracking service and the control routes below are not part of this API.
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
//! ## The rights center
//! The demo creator's rights data is made once per dataset around its **anchor**, the
//! Beijing day of the first start (kept in the database), and served by the clock:
//! - **metrics**: 268,000 followers (also `/v1/me`'s), 8 courses, an average of valid
//!   plays above 50,000, 21 posts in the 30 days ending on the anchor (the oldest leaves the
//!   window 2 days later, the next 4 days later) among those of the last 100 days (the last
//!   60 are listed), orders, likes, credit and profile enough for LV3: by the domain's table
//!   it is LV2 with one requirement of LV3 missing (the followers). The cycle is the
//!   calendar quarter; each month's orders are drawn from the seed, its averages come from
//!   the posts.
//! - **benefits**: LV2's cards of the published table (automatic ones `claimed` from the
//!   day the level was reached, 70 days before the anchor), and three batches of guarantee
//!   cards (¥50, 180 days counting the issue day): usable, ending 4 days after the anchor,
//!   and used or expired. A card past its `expires_on` is `expired`.
//! - **dispatches**: 30-day periods from the level's day, promised by `/v1/me`'s level (8
//!   at LV2); the first sent all 8, the second 5, later ones 4 to 8 on days drawn from the
//!   seed, counted up to today.
//! - **star index**: a mean-reverting random walk from the seed, one value per day from 89
//!   days before the anchor (so `history` has 90 days at first, and one more each day).
//! - **invitations**: 11 inquiries answered over 55 days (9 accepted), a dispatch accepted
//!   and one expired, an inquiry pending since 3 hours before the start; and at every start
//!   a new dispatch arriving 2 minutes later (unless one is still on its way), so its hour
//!   (R-PREF-4) runs visibly. A dispatch is `expired` from `received_at` + 1 h.
//! - **featured case**: none; once submitted it is `under_review`, `live` a day later.
//! - **agencies**: 12, rated on the 3rd of each month (level and channel drawn per rating
//!   day); one joined the month before the anchor's (first rated on its 3rd), one in the
//!   anchor's month (not rated yet).
//!
//! [`Control::send_invitation`], [`Control::add_post`], [`Control::set_metrics`] (and
//! [`Control::metrics`], [`Control::set_followers`]) and [`Control::expire_benefit`] move
//! it; the clock does the rest.
//!
//! ## Parcel tracking (kuaidi100-compatible)
//! Not part of the platform API: a stand-in for kuaidi100 (`shared/reference/kuaidi100.md`)
//! that knows the sandbox's own parcels, the applications' shipments. Outside the `/v1`
//! gate (no bearer token, no `/v1` faults); every answer is HTTP 200, in the shapes of
//! [`stardesk_platform::tracking::wire`].
//! - `POST /poll/query.do`, form `customer`, `param` (JSON: `com`, `num`, `phone`,
//!   `resultv2`, `show`, `order`), `sign` = `UPPERCASE_HEX(MD5(param + key + customer))`
//!   with [`SandboxConfig::tracking_customer`] and [`SandboxConfig::tracking_key`]
//!   (defaults [`SANDBOX_TRACKING_CUSTOMER`], [`SANDBOX_TRACKING_KEY`]). Checked in this
//!   order: a wrong customer or sign → `returnCode` 503; `param` not JSON, or without
//!   `com`/`num` → 400 (from here the query counts for [`Control::tracking_queries`]); a
//!   failure queued by [`Control::tracking_fail_next`]; a `com` neither kuaidi100's
//!   (`CARRIERS`, `shunfengkuaiyun`, `youzhengguonei`) nor the parcel's → 400; no
//!   application shipped with `num` by that carrier → 500; 顺丰 (`shunfeng`,
//!   `shunfengkuaiyun`) and 中通 (`zhongtong`) without `phone` ending in the last 4 digits
//!   of the application's shipping phone → 408; no event yet → 500 `查询无结果，请隔段时间再查`.
//!   Otherwise the history up to the clock's now, newest first (`order=asc` turns it),
//!   times in Beijing time `YYYY-MM-DD HH:MM:SS`; `state` is the newest event's main state;
//!   `ischeck` is `1` once an event signed for it (签收, or 退签); events carry
//!   `areaCode`/`areaName` (`四川,成都市`) with `resultv2` 1 or 4 and `statusCode` (the
//!   advanced code, else the main state) with `resultv2` 4.
//! - `POST /autonumber/auto`, form `num`, `key`: `[{"comCode", "name", "noPre",
//!   "lengthPre"}]` for a sandbox parcel, `[]` for any other number; a wrong key → 503
//!   (kuaidi100's answer there is undocumented), no `num` → 400. Not counted as a query.
//!
//! Each parcel's history is drawn from the seed and the application, so it is the same on
//! every run: 101 已下单 the morning of `shipped_at` (08:00–12:00 Beijing: a parcel shipped
//! today has no event, hence 500, before then), 102 待揽收, 103 已揽收 hours later, 在途 and
//! 1002 干线 events through sorting hubs from a warehouse city to the city of the
//! application's shipping address, 1001 到达派件城市, 5 派件, sometimes 501 投柜或驿站, then
//! 签收 (3) exactly at the application's `delivered_at`: 304 after a locker or station, 302
//! after a 疑难, else 301 or 303. An application not delivered has no 签收 event, so the
//! parcel and the `/v1` status agree (with the brands on autopilot, delivery comes at the
//! plan's time; a delivery forced earlier cuts the story short). [`Control::parcel_incident`]
//! and [`Control::parcel_event`] add events now, kept in the database; a halting one
//! (退回, 退签, 拒签, 转投, 销单) ends the story and keeps the brand from delivering, but does
//! not change the application's status ([`ParcelIncident`]).
//!
//! ## The control routes (`--control`)
//! For end-to-end tests that run the binary as a separate process: with
//! [`SandboxConfig::control_http`] (only on a loopback address) these routes need the same
//! bearer token as `/v1`; without it they are 404. Errors are problem documents (404 for
//! an unknown application, parcel or card, 409 for a wrong status, 400 for a bad body).
//! - `GET /control/clock` → `{"now"}`; `POST /control/clock` with `{"advance_hours": N}`
//!   (fractional or negative allowed) or `{"set": "RFC3339"}` → `{"now"}`.
//! - `POST /control/brand_autopilot` `{"on": false}`.
//! - `POST /control/applications/{id}/select`, `/deliver`, and `/ship` with
//!   `{"carrier", "tracking_no", "shipped_at": "YYYY-MM-DD"}` (all optional: the brand's
//!   own carrier and number, today) → the application ([`wire::Application`]).
//! - `GET /control/parcels` → `[Parcel]`; `POST /control/parcels/{tracking_no}/incident`
//!   with `{"kind": "returned"}` (one of [`ParcelIncident::KINDS`]; customs with
//!   `"code"`) → the parcel.
//! - `POST /control/tracking/fail_next` `{"return_code": 601, "times": 1}`.
//! - `POST /control/rights/invitations` with `{"kind": "dispatch", "price": "8800"}` (both
//!   optional: a dispatch at the offer's own price) → the invitation, received now
//!   ([`wire::Invitation`]).
//! - `POST /control/rights/benefits/{id}/expire` → the card, expired now
//!   ([`wire::BenefitCard`]).
//!
//! [`wire::Problem`]: stardesk_platform::wire::Problem
//! [`wire::Me`]: stardesk_platform::wire::Me
//! [`wire::TaskPage`]: stardesk_platform::wire::TaskPage
//! [`wire::Task`]: stardesk_platform::wire::Task
//! [`wire::Application`]: stardesk_platform::wire::Application
//! [`wire::ApplicationPage`]: stardesk_platform::wire::ApplicationPage
//! [`wire::ReceiptReport`]: stardesk_platform::wire::ReceiptReport
//! [`wire::ContentReport`]: stardesk_platform::wire::ContentReport
//! [`wire::RightsMetrics`]: stardesk_platform::wire::RightsMetrics
//! [`wire::BenefitList`]: stardesk_platform::wire::BenefitList
//! [`wire::BenefitCard`]: stardesk_platform::wire::BenefitCard
//! [`wire::DispatchWindows`]: stardesk_platform::wire::DispatchWindows
//! [`wire::StarIndex`]: stardesk_platform::wire::StarIndex
//! [`wire::StarIndexHistory`]: stardesk_platform::wire::StarIndexHistory
//! [`wire::InvitationList`]: stardesk_platform::wire::InvitationList
//! [`wire::Invitation`]: stardesk_platform::wire::Invitation
//! [`wire::FeaturedCaseState`]: stardesk_platform::wire::FeaturedCaseState
//! [`wire::FeaturedCaseRequest`]: stardesk_platform::wire::FeaturedCaseRequest
//! [`wire::FeaturedCase`]: stardesk_platform::wire::FeaturedCase
//! [`wire::AgencyDirectory`]: stardesk_platform::wire::AgencyDirectory

mod api;
mod applications;
mod catalog;
mod clock;
mod control;
mod control_http;
mod generate;
mod rights;
mod rng;
mod store;
mod tracking;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use stardesk_platform::wire::Me;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use api::{problem_type, DEFAULT_LIMIT, MAX_LIMIT};
pub use control::{Control, ControlError};
pub use rights::MetricsCounters;
pub use tracking::{Parcel, ParcelIncident, SANDBOX_TRACKING_CUSTOMER, SANDBOX_TRACKING_KEY};

use api::Shared;
use store::Store;
use tracking::TrackingState;

/// The bearer token the sandbox accepts unless configured otherwise. Not a secret: it is
/// printed in docs and used by the standalone dev server and tests (an app's embedded
/// sandbox takes a token made for its process).
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
    /// A SQLCipher raw key (64 hex digits) for `db_path`: the file is then encrypted, and
    /// one written plain before is encrypted in place on open. The embedded sandbox of an
    /// app keeps what the creator sends it (names, phones, addresses) there. Never in
    /// `Debug`.
    pub db_key: Option<String>,
    /// The kuaidi100 `customer` the tracking service accepts.
    pub tracking_customer: String,
    /// The kuaidi100 key the tracking service checks signs with (never in `Debug`).
    pub tracking_key: String,
    /// Also serve the `/control` routes (see the crate docs). Only on a loopback address.
    pub control_http: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            seed: DEFAULT_SEED,
            tasks: DEFAULT_TASKS,
            token: DEMO_TOKEN.to_owned(),
            now: None,
            db_path: None,
            db_key: None,
            tracking_customer: SANDBOX_TRACKING_CUSTOMER.to_owned(),
            tracking_key: SANDBOX_TRACKING_KEY.to_owned(),
            control_http: false,
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
            .field("db_key", &self.db_key.as_ref().map(|_| "<redacted>"))
            .field("tracking_customer", &self.tracking_customer)
            .field("tracking_key", &"<redacted>")
            .field("control_http", &self.control_http)
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

/// Starts a sandbox: generates (or opens) its data, binds `addr` (port 0 = a random free
/// port) and serves on a spawned tokio task until [`RunningSandbox::shutdown`] or drop.
pub async fn start(config: SandboxConfig, addr: SocketAddr) -> anyhow::Result<RunningSandbox> {
    anyhow::ensure!(
        !config.token.trim().is_empty() && !config.token.contains(char::is_whitespace),
        "the sandbox token must be non-empty and contain no whitespace"
    );
    anyhow::ensure!(
        !config.tracking_customer.trim().is_empty() && !config.tracking_key.trim().is_empty(),
        "the sandbox's tracking customer and key must be non-empty"
    );
    anyhow::ensure!(
        !config.control_http || addr.ip().is_loopback(),
        "the control routes are served on a loopback address only, not on {}",
        addr.ip()
    );
    // Bind first so a taken port fails fast, before seconds of data generation. Clients
    // that connect meanwhile wait in the accept backlog.
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    let local = listener.local_addr()?;
    let now = config.now.unwrap_or_else(Utc::now);
    let (db_path, seed, tasks) = (config.db_path.clone(), config.seed, config.tasks);
    let db_key = config.db_key.clone();
    let store = tokio::task::spawn_blocking(move || {
        Store::open_keyed(db_path.as_deref(), db_key.as_deref(), seed, tasks, now)
    })
    .await
    .context("sandbox data generation panicked")?
    .context("opening the sandbox database")?;

    let followers = store
        .counters()
        .context("reading the demo creator's followers")?
        .followers;
    let shared = Arc::new(Shared {
        me: Mutex::new(demo_creator(store.seed(), followers)),
        store: Mutex::new(store),
        faults: Mutex::new(VecDeque::new()),
        random_faults: Mutex::new(None),
        requests: AtomicU64::new(0),
        faults_before: AtomicU64::new(0),
        faults_after: AtomicU64::new(0),
        token: config.token,
        tracking: TrackingState::new(config.tracking_customer, config.tracking_key),
    });
    let app = api::router(shared.clone(), config.control_http);
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

/// The demo creator of R-REVIEW-11's band: independent, 268,000 followers at first (the
/// rights center's, which `Control::set_followers` moves), LV2.
fn demo_creator(seed: u64, followers: u64) -> Me {
    Me {
        creator_id: rng::creator_id(seed),
        nickname: "小满的好物日记".to_owned(),
        followers,
        agency: None,
        level: rights::demo::DEMO_LEVEL,
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
