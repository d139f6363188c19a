//! Sample logistics, headless: a real data directory, a sandbox on a random loopback port
//! as the platform and as the kuaidi100-compatible tracking service (its
//! `/poll/query.do` over HTTP, with the documented form and sign), and its `Control` to
//! move parcels, fail queries and count them.
//!
//! Needs the OS keychain (the platform token and the tracking key live there):
//! `dbus-run-session -- bash scripts/with-keyring.sh cargo test -p stardesk-core --test logistics`.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{TimeDelta, Utc};
use stardesk_core::ipc::*;
use stardesk_core::{AppEvent, Context, ContextOptions, ErrorCode, EventLog, JobKind};
use stardesk_platform::ClientOptions;
use stardesk_sandbox::{
    ParcelIncident, RunningSandbox, SandboxConfig, SANDBOX_TRACKING_CUSTOMER, SANDBOX_TRACKING_KEY,
};
use stardesk_store::KeyPolicy;

const TOKEN: &str = "logistics-token";

fn options(dir: &std::path::Path, background_jobs: bool) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        sandbox_tasks: 10,
        today: None,
        background_jobs,
        granted_paths_only: false,
        platform_client: ClientOptions {
            timeout: Duration::from_secs(5),
            attempts: 2,
            backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
        },
    }
}

fn config(db: Option<std::path::PathBuf>) -> SandboxConfig {
    SandboxConfig {
        tasks: 40,
        token: TOKEN.into(),
        seed: 42,
        db_path: db,
        ..SandboxConfig::default()
    }
}

async fn platform(db: Option<std::path::PathBuf>) -> RunningSandbox {
    stardesk_sandbox::start(config(db), "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("platform")
}

/// Signed in to `platform`, tracking with it, synced: every shipped application is a parcel.
async fn tracking(
    dir: &std::path::Path,
    platform: &RunningSandbox,
    background_jobs: bool,
    events: Arc<EventLog>,
) -> Arc<Context> {
    let ctx = Context::open(options(dir, background_jobs), events)
        .await
        .expect("open");
    ctx.set_platform(PlatformAccountInput {
        url: platform.url(),
        token: TOKEN.into(),
    })
    .await
    .unwrap_or_else(|e| {
        panic!("needs the OS keychain (gnome-keyring under dbus-run-session on Linux): {e}")
    });
    ctx.set_tracking_account(TrackingAccountInput {
        customer: SANDBOX_TRACKING_CUSTOMER.into(),
        key: SANDBOX_TRACKING_KEY.into(),
        url: Some(platform.url()),
    })
    .await
    .expect("tracking account");
    sync_now(&ctx).await;
    ctx
}

/// A sync that starts after this call and ends. With background jobs on, the account's
/// first sync (a job) may be running: that one is waited out, then ours runs.
async fn sync_now(ctx: &Context) {
    let deadline = Instant::now() + Duration::from_secs(180);
    loop {
        match ctx.sync().await {
            Ok(_) => return,
            Err(e) if e.code == ErrorCode::Busy && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            Err(e) => panic!("sync: {e:?}"),
        }
    }
}

async fn parcel_of(ctx: &Context, number: &str) -> ParcelView {
    ctx.logistics()
        .await
        .expect("logistics")
        .parcels
        .into_iter()
        .find(|p| p.tracking_no == number)
        .unwrap_or_else(|| panic!("parcel {number} is tracked"))
}

/// A selected application of the sandbox, shipped now with `carrier` and `number`, and
/// synced: its parcel.
async fn shipped(
    ctx: &Context,
    platform: &RunningSandbox,
    carrier: &str,
    number: &str,
) -> ParcelView {
    let apps = ctx.applications().await.expect("applications");
    let app = match apps
        .iter()
        .find(|a| a.status == ApplicationStatus::Selected && a.shipment.is_none())
    {
        Some(a) => a.clone(),
        None => {
            // The brand selects one more creator.
            let a = apps
                .iter()
                .find(|a| a.status == ApplicationStatus::Submitted)
                .expect("an application waiting for selection")
                .clone();
            platform.control().select(&a.id).expect("select");
            a
        }
    };
    let today = Utc::now().with_timezone(&chrono::FixedOffset::east_opt(8 * 3600).expect("tz"));
    platform
        .control()
        .ship(&app.id, carrier, number, today.date_naive())
        .expect("ship");
    // The first carrier event is logged in the morning of the shipping day.
    platform.control().advance(TimeDelta::hours(30));
    sync_now(ctx).await;
    let p = parcel_of(ctx, number).await;
    assert_eq!(p.application_id.as_deref(), Some(app.id.as_str()));
    assert_eq!(p.origin, "feed");
    p
}

/// The table: kuaidi100's main states, and the advanced codes refining them, each
/// to one StarDesk state, through the real client over HTTP.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_kuaidi100_state_and_advanced_code_maps_to_one_state_over_http() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(None).await;
    let ctx = tracking(dir.path(), &platform, false, Arc::new(EventLog::new())).await;
    let p = shipped(&ctx, &platform, "yuantong", "YT8800000000001").await;
    let cases: &[(u16, Option<u16>, &str)] = &[
        (0, None, "in_transit"),
        (1, None, "picked_up"),
        (2, None, "problem"),
        (3, None, "delivered"),
        (4, None, "returned"),
        (5, None, "out_for_delivery"),
        (6, None, "returning"),
        (7, None, "in_transit"),
        (8, None, "customs"),
        (10, None, "customs"),
        (11, None, "customs"),
        (12, None, "customs"),
        (13, None, "customs"),
        (14, None, "refused"),
        (1, Some(101), "ordered"),
        (1, Some(102), "awaiting_pickup"),
        (1, Some(103), "picked_up"),
        (0, Some(1001), "at_delivery_city"),
        (0, Some(1002), "in_transit"),
        (0, Some(1003), "in_transit"),
        (5, Some(501), "at_pickup_point"),
        (3, Some(301), "delivered"),
        (3, Some(302), "delivered"),
        (3, Some(303), "delivered"),
        (3, Some(304), "delivered"),
        (4, Some(401), "cancelled"),
    ];
    let mut events_before = ctx
        .track_parcel(p.id.clone(), true)
        .await
        .expect("the parcel's history so far")
        .events
        .len();
    for (i, (state, code, want)) in cases.iter().enumerate() {
        platform.control().advance(TimeDelta::minutes(1));
        platform
            .control()
            .parcel_event(&p.tracking_no, *state, *code, &format!("状态测试 {i}"))
            .expect("event");
        let d = ctx.track_parcel(p.id.clone(), true).await.expect("track");
        assert_eq!(
            d.parcel.state.map(|s| s.as_str()),
            Some(*want),
            "state {state} code {code:?}"
        );
        assert_eq!(
            d.parcel.state_code.as_deref(),
            Some(state.to_string().as_str())
        );
        // The carrier's own plan may log an event in the same minute (it depends on the
        // time of day the test runs): ours is there once, newest, and nothing is doubled.
        let ours = format!("状态测试 {i}");
        assert!(d.events.len() > events_before, "the new event is stored");
        assert_eq!(
            d.events.iter().filter(|e| e.text == ours).count(),
            1,
            "one new event, stored once"
        );
        assert_eq!(d.events[0].text, ours, "newest first");
        let mut seen = std::collections::HashSet::new();
        for e in &d.events {
            assert!(
                seen.insert((e.time.as_str(), e.text.as_str())),
                "no event is stored twice: {} {}",
                e.time,
                e.text
            );
        }
        events_before = d.events.len();
    }
    platform.shutdown().await;
}

fn refused(e: &stardesk_core::AppError, code: &str) {
    assert_eq!(e.code, ErrorCode::TrackingRefused, "{e:?}");
    assert!(
        e.message.contains(code),
        "the message names kuaidi100's code {code}: {}",
        e.message
    );
}

/// 400, 408, 500, 503 and 601 are each reported as such, with their meaning; 顺丰 and
/// 中通 are asked with the last 4 digits of the receiver's phone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn provider_errors_are_reported_with_their_code_and_the_phone_rule_holds() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(None).await;
    let ctx = tracking(dir.path(), &platform, false, Arc::new(EventLog::new())).await;
    // 顺丰 with the application's phone: answered.
    let sf = shipped(&ctx, &platform, "shunfeng", "SF1400000000001").await;
    assert!(sf.phone_required && sf.phone_known);
    let ok = ctx
        .track_parcel(sf.id.clone(), true)
        .await
        .expect("answered");
    assert!(!ok.events.is_empty());
    // A wrong last 4 given by hand: 408.
    let wrong = ParcelInput {
        application_id: None,
        leg: LegCode::Outbound,
        carrier: "shunfeng".into(),
        tracking_no: sf.tracking_no.clone(),
        phone: Some("0000".into()),
        return_due: None,
    };
    ctx.correct_parcel(sf.id.clone(), wrong)
        .await
        .expect("corrected");
    let e = ctx
        .track_parcel(sf.id.clone(), true)
        .await
        .expect_err("408");
    refused(&e, "408");
    assert!(e.message.contains("phone"), "{}", e.message);
    let shown = ctx.parcel(sf.id.clone()).await.expect("parcel").parcel;
    assert_eq!(shown.last_error.map(|x| x.code).as_deref(), Some("408"));
    // 400: a carrier the service does not know.
    let e = ctx
        .track_number(
            "YT8800000000002".into(),
            Some("nosuchcarrier".into()),
            None,
            true,
        )
        .await
        .expect_err("400");
    refused(&e, "400");
    // 500: a number the service has nothing for.
    let e = ctx
        .track_number(
            "YT8800000000003".into(),
            Some("yuantong".into()),
            None,
            true,
        )
        .await
        .expect_err("500");
    refused(&e, "500");
    assert!(e.message.contains("no result"), "{}", e.message);
    // 601: the key expired.
    let yt = shipped(&ctx, &platform, "yuantong", "YT8800000000004").await;
    platform.control().tracking_fail_next(601, 1);
    refused(
        &ctx.track_parcel(yt.id.clone(), true)
            .await
            .expect_err("601"),
        "601",
    );
    // 503: a wrong key fails the sign check.
    ctx.set_tracking_account(TrackingAccountInput {
        customer: SANDBOX_TRACKING_CUSTOMER.into(),
        key: "not-the-key".into(),
        url: Some(platform.url()),
    })
    .await
    .expect("account");
    refused(
        &ctx.track_parcel(yt.id.clone(), true)
            .await
            .expect_err("503"),
        "503",
    );
    platform.shutdown().await;
}

/// kuaidi100 locks a number asked more often than every 30 minutes: within that time the
/// store answers, unless forced.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_is_asked_at_most_once_per_30_minutes_unless_forced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(None).await;
    let ctx = tracking(dir.path(), &platform, false, Arc::new(EventLog::new())).await;
    let p = shipped(&ctx, &platform, "zhongtong", "750000000000123").await;
    let before = platform.control().tracking_queries(&p.tracking_no);
    let first = ctx.track_parcel(p.id.clone(), false).await.expect("first");
    let asked = platform.control().tracking_queries(&p.tracking_no);
    assert_eq!(asked, before + 1, "asked once");
    let next = first.parcel.next_query_at.clone().expect("next query time");
    let next = chrono::DateTime::parse_from_rfc3339(&next).expect("rfc3339");
    let spacing = next.with_timezone(&Utc) - Utc::now();
    assert!(spacing > TimeDelta::minutes(29) && spacing <= TimeDelta::minutes(30));
    let again = ctx.track_parcel(p.id.clone(), false).await.expect("again");
    assert_eq!(
        platform.control().tracking_queries(&p.tracking_no),
        asked,
        "from the store"
    );
    assert_eq!(again.events, first.events);
    ctx.track_parcel(p.id.clone(), true).await.expect("forced");
    assert_eq!(
        platform.control().tracking_queries(&p.tracking_no),
        asked + 1,
        "forced: asked"
    );
    platform.shutdown().await;
}

/// A number typed in lower case is the parcel kept in upper case: tracking it again finds
/// that parcel (it failed as "already tracked").
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_number_tracked_in_lower_case_is_the_parcel_it_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(None).await;
    let ctx = tracking(dir.path(), &platform, false, Arc::new(EventLog::new())).await;
    let p = shipped(&ctx, &platform, "yuantong", "YT8800000000311").await;
    let detail = ctx
        .track_number("  yt8800000000311 ".into(), None, None, false)
        .await
        .expect("the tracked parcel");
    assert_eq!(detail.parcel.id, p.id);
    let numbers = ctx.logistics().await.expect("logistics").parcels;
    assert_eq!(
        numbers
            .iter()
            .filter(|q| q.tracking_no == p.tracking_no)
            .count(),
        1
    );
    platform.shutdown().await;
}

/// Waits until `done` holds, or fails after three minutes: a hang detector, not a speed
/// check (as in `jobs.rs`, where a minute was once not enough on a loaded 2-core machine).
async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !done().await {
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "timed out: {what}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The poller (the job runner) asks every parcel, waits while the service is away, and
/// resumes once a sync reaches the platform again; each new alert is raised once.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_poller_waits_offline_resumes_and_raises_each_new_alert_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("platform.sqlite");
    let platform = platform(Some(db.clone())).await;
    let addr = platform.addr();
    let log = Arc::new(EventLog::new());
    let ctx = tracking(dir.path(), &platform, true, log.clone()).await;
    let p = shipped(&ctx, &platform, "yuantong", "YT8800000000005").await;
    ctx.schedule_job(JobKind::Tracking, None)
        .await
        .expect("schedule");
    until("the poller asked every parcel", async || {
        let v = ctx.logistics().await.expect("logistics");
        v.parcels
            .iter()
            .all(|p| p.last_queried_at.is_some() || p.last_error.is_some())
    })
    .await;
    let events_before = ctx.parcel(p.id.clone()).await.expect("parcel").events.len();
    assert!(events_before > 0);
    platform.shutdown().await;
    // Offline: asked, failed as unreachable, nothing lost.
    ctx.correct_parcel(
        p.id.clone(),
        ParcelInput {
            application_id: None,
            leg: LegCode::Outbound,
            carrier: "yuantong".into(),
            tracking_no: p.tracking_no.clone(),
            phone: Some("13812345678".into()),
            return_due: None,
        },
    )
    .await
    .expect("a correction makes it due now");
    until("the offline attempt", async || {
        let v = ctx.parcel(p.id.clone()).await.expect("parcel").parcel;
        v.last_error.is_some_and(|e| e.code == "unreachable")
    })
    .await;
    // Back, and the parcel came back to its sender meanwhile.
    let platform = stardesk_sandbox::start(config(Some(db)), addr)
        .await
        .expect("back");
    platform
        .control()
        .parcel_incident(&p.tracking_no, ParcelIncident::Returned)
        .expect("returned");
    sync_now(&ctx).await;
    until("the poller resumed", async || {
        ctx.parcel(p.id.clone()).await.expect("parcel").parcel.state
            == Some(ShipmentStateCode::Returned)
    })
    .await;
    let after = ctx.parcel(p.id.clone()).await.expect("parcel");
    assert!(after.events.len() > events_before, "new events came");
    let mut keys: Vec<(String, String)> = after
        .events
        .iter()
        .map(|e| (e.time.clone(), e.text.clone()))
        .collect();
    keys.dedup();
    assert_eq!(keys.len(), after.events.len(), "each event once");
    let returned = after
        .parcel
        .alerts
        .iter()
        .find(|a| a.code == ShipmentAlertCode::Returned)
        .expect("R-REVIEW-16: a returned parcel is an alert at once");
    assert_eq!(returned.rule.as_deref(), Some("R-REVIEW-16"));
    assert!(returned
        .draft
        .as_deref()
        .is_some_and(|d| d.contains(&p.tracking_no)));
    until("the alert raised", async || {
        log.events().iter().any(|e| {
            matches!(e, AppEvent::ParcelAlerts { alerts }
                if alerts.iter().any(|a| a.alert.code == ShipmentAlertCode::Returned
                    && a.tracking_no.as_deref() == Some(p.tracking_no.as_str())))
        })
    })
    .await;
    // A run after this one: it asks about the parcel again, and must not raise it again.
    let finished = async || {
        ctx.job_record(JobKind::Tracking)
            .await
            .expect("record")
            .and_then(|r| r.last_finished_at)
    };
    until("the tracking run that raised it to end", async || {
        !ctx.job_running(JobKind::Tracking)
    })
    .await;
    let before = finished().await;
    ctx.schedule_job(JobKind::Tracking, None)
        .await
        .expect("again");
    until("the tracking job to run again", async || {
        finished().await != before && !ctx.job_running(JobKind::Tracking)
    })
    .await;
    let raised = log
        .events()
        .iter()
        .filter_map(|e| match e {
            AppEvent::ParcelAlerts { alerts } => Some(
                alerts
                    .iter()
                    .filter(|a| a.alert.code == ShipmentAlertCode::Returned)
                    .count(),
            ),
            _ => None,
        })
        .sum::<usize>();
    assert_eq!(raised, 1, "raised once");
    ctx.shutdown().await;
    platform.shutdown().await;
}

/// The parcel form's problems come as field and problem codes, all at once; a parcel with
/// none is added, and its number cannot be added twice.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_typed_parcel_is_checked_field_by_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(options(dir.path(), false), Arc::new(EventLog::new()))
        .await
        .expect("open");
    let bad = ParcelInput {
        application_id: Some("no-such-application".into()),
        leg: LegCode::Return,
        carrier: String::new(),
        tracking_no: "SF-12".into(),
        phone: Some("12".into()),
        return_due: None,
    };
    let problems = ctx.check_parcel(bad.clone(), None).await.expect("check");
    let got: Vec<(ParcelFieldCode, ParcelProblemCode)> =
        problems.iter().map(|p| (p.field, p.problem)).collect();
    assert_eq!(
        got,
        vec![
            (ParcelFieldCode::TrackingNo, ParcelProblemCode::Invalid),
            (ParcelFieldCode::Phone, ParcelProblemCode::Invalid),
            (ParcelFieldCode::ReturnDue, ParcelProblemCode::Required),
            (ParcelFieldCode::Application, ParcelProblemCode::NotFound),
        ]
    );
    let e = ctx.add_parcel(bad).await.expect_err("refused");
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let unknown = ParcelInput {
        application_id: None,
        leg: LegCode::Outbound,
        carrier: String::new(),
        tracking_no: "ABC".into(),
        phone: None,
        return_due: None,
    };
    let got = ctx.check_parcel(unknown, None).await.expect("check");
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].problem, ParcelProblemCode::UnknownCarrier);
    // 顺丰 with no application and no phone: the digits are needed.
    let no_phone = ParcelInput {
        application_id: None,
        leg: LegCode::Outbound,
        carrier: "shunfeng".into(),
        tracking_no: "SF1234567890999".into(),
        phone: None,
        return_due: None,
    };
    let got = ctx.check_parcel(no_phone, None).await.expect("check");
    assert_eq!(
        got.iter().map(|p| (p.field, p.problem)).collect::<Vec<_>>(),
        vec![(ParcelFieldCode::Phone, ParcelProblemCode::Required)]
    );
    let good = ParcelInput {
        application_id: None,
        leg: LegCode::Return,
        carrier: String::new(),
        tracking_no: "sf1234567890123".into(),
        phone: Some("138 1234 5678".into()),
        return_due: Some("2026-12-20".into()),
    };
    assert!(ctx
        .check_parcel(good.clone(), None)
        .await
        .expect("check")
        .is_empty());
    let added = ctx.add_parcel(good.clone()).await.expect("added");
    assert_eq!(added.carrier, "shunfeng", "the best guess");
    assert_eq!(added.tracking_no, "SF1234567890123");
    assert_eq!(added.return_due.as_deref(), Some("2026-12-20"));
    let again = ctx.check_parcel(good.clone(), None).await.expect("check");
    assert_eq!(again[0].problem, ParcelProblemCode::AlreadyTracked);
    assert!(
        ctx.check_parcel(good.clone(), Some(added.id.clone()))
            .await
            .expect("check")
            .is_empty(),
        "its own number is no conflict when correcting it"
    );
    let without_digits = ParcelInput {
        phone: None,
        ..good
    };
    assert!(
        ctx.check_parcel(without_digits, Some(added.id.clone()))
            .await
            .expect("check")
            .is_empty(),
        "the digits kept from before count"
    );
}
