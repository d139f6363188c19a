//! The job runner, headless: a real data directory, the embedded sandbox, and (for a
//! failure) a second sandbox standing in for a configured platform that refuses the token.

use std::sync::Arc;
use std::time::{Duration, Instant};

use stardesk_core::ipc::*;
use stardesk_core::{AppEvent, Context, ContextOptions, DataArea, ErrorCode, EventLog, JobKind};
use stardesk_sandbox::{Fault, SandboxConfig};
use stardesk_store::KeyPolicy;

fn options(dir: &std::path::Path, background_jobs: bool) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        sandbox_tasks: 60,
        today: None,
        background_jobs,
        granted_paths_only: false,
        platform_client: Default::default(),
    }
}

/// Waits until `done` holds, or fails after three minutes: a hang detector, not a speed
/// check. This binary's tests run side by side, each with its own sandbox and syncs (one
/// of 3,000 tasks, twice, in a debug build); on a loaded 2-core machine a minute was once
/// not enough for a run that then passed alone in 35 s.
async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    let start = Instant::now();
    while !done().await {
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "timed out: {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn finished_runs(ctx: &Context) -> Option<String> {
    ctx.job_record(JobKind::Sync)
        .await
        .expect("record")
        .and_then(|r| r.last_finished_at)
}

fn sync_phases(log: &EventLog) -> Vec<SyncPhase> {
    log.events()
        .iter()
        .filter_map(|e| match e {
            AppEvent::SyncProgress(p) => Some(p.phase),
            _ => None,
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runner_syncs_at_start_and_reports_through_events() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = EventLog::new();
    let ctx = Context::open(options(dir.path(), true), Arc::new(log.clone()))
        .await
        .expect("open");
    until("the start-up sync", async || {
        finished_runs(&ctx).await.is_some()
    })
    .await;
    let status = ctx.status().await.expect("status");
    assert_eq!(status.task_count, 60);
    let record = ctx
        .job_record(JobKind::Sync)
        .await
        .expect("record")
        .expect("some");
    assert_eq!(
        (
            record.attempts,
            record.last_error_code,
            record.running_since
        ),
        (0, None, None)
    );
    // The runner records the end in the store first and then stops counting it as running.
    until("the runner idle", async || !ctx.job_running(JobKind::Sync)).await;
    let events = log.events();
    assert!(events.contains(&AppEvent::DataChanged {
        areas: vec![DataArea::Tasks, DataArea::Status]
    }));
    assert!(!events
        .iter()
        .any(|e| matches!(e, AppEvent::JobFailed { .. })));
    assert_eq!(sync_phases(&log).last(), Some(&SyncPhase::Done));
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_run_a_crash_interrupted_is_run_again_at_the_next_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        // What a crash leaves behind: a run marked as started, never finished.
        let (store, _, _) =
            stardesk_store::open_data_dir_with(dir.path(), KeyPolicy::FileOnly, 0).expect("store");
        store
            .start_job("sync", "2026-11-30T08:00:00.000Z")
            .expect("a started run");
    }
    let ctx = Context::open(options(dir.path(), false), Arc::new(EventLog::new()))
        .await
        .expect("open without jobs");
    let stuck = ctx
        .job_record(JobKind::Sync)
        .await
        .expect("record")
        .expect("row");
    assert!(stuck.running_since.is_some() && stuck.last_finished_at.is_none());
    ctx.shutdown().await;
    drop(ctx);

    let ctx = Context::open(options(dir.path(), true), Arc::new(EventLog::new()))
        .await
        .expect("open with jobs");
    // A row still marked running is never started by the runner: only recovery frees it.
    // The recovered run may be followed at once by the sync the start asks for, so wait
    // for a moment with a finished run and none running (a row left stuck never gets there).
    until("the recovered run, finished and not running", async || {
        ctx.job_record(JobKind::Sync)
            .await
            .expect("record")
            .is_some_and(|r| r.running_since.is_none() && r.last_finished_at.is_some())
    })
    .await;
    assert_eq!(ctx.status().await.expect("status").task_count, 60);
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn runs_of_one_kind_never_overlap_and_a_request_during_a_run_is_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = EventLog::new();
    let ctx = Context::open(
        ContextOptions {
            sandbox_tasks: 3000,
            ..options(dir.path(), true)
        },
        Arc::new(log.clone()),
    )
    .await
    .expect("open");
    // Under way means marked as started in the store: the runner counts a kind as running
    // a moment before it writes that mark, and a request in that moment is met by the run
    // about to start (the mark clears what was due), so it is not "during" the run.
    until("the start-up run under way", async || {
        ctx.job_record(JobKind::Sync)
            .await
            .expect("record")
            .is_some_and(|r| r.running_since.is_some())
    })
    .await;
    ctx.schedule_job(JobKind::Sync, None).await.expect("again");
    ctx.schedule_job(JobKind::Sync, None)
        .await
        .expect("and again");
    until("a second run", async || {
        sync_phases(&log)
            .iter()
            .filter(|p| **p == SyncPhase::Done)
            .count()
            >= 2
    })
    .await;
    until("the runner idle", async || !ctx.job_running(JobKind::Sync)).await;
    let mut open = 0;
    for phase in sync_phases(&log) {
        match phase {
            SyncPhase::Started => {
                open += 1;
                assert_eq!(open, 1, "two syncs at once");
            }
            SyncPhase::Done | SyncPhase::Failed => open -= 1,
            SyncPhase::Page | SyncPhase::Indexing => assert_eq!(open, 1),
        }
    }
    assert_eq!(open, 0);
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_run_is_an_event_and_stays_recorded() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = EventLog::new();
    let ctx = Context::open(options(dir.path(), true), Arc::new(log.clone()))
        .await
        .expect("open");
    until("the start-up sync", async || {
        finished_runs(&ctx).await.is_some()
    })
    .await;
    let platform = stardesk_sandbox::start(
        SandboxConfig {
            tasks: 20,
            token: "jobs-token".into(),
            seed: 11,
            ..SandboxConfig::default()
        },
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("platform");
    ctx.set_platform(PlatformAccountInput {
        url: platform.url(),
        token: "jobs-token".into(),
    })
    .await
    .unwrap_or_else(|e| {
        panic!("needs the OS keychain (gnome-keyring under dbus-run-session on Linux): {e}")
    });
    // Switching accounts syncs the new one at once, in the background.
    until("the new account's tasks", async || {
        ctx.status().await.expect("status").task_count == 20 && !ctx.job_running(JobKind::Sync)
    })
    .await;
    // The platform now refuses the token: a 401 is not retried. (Queued several times: the
    // rights job may ask the platform first and take some.)
    for _ in 0..12 {
        platform.control().push_fault(Fault::Status(401));
    }
    log.clear();
    ctx.schedule_job(JobKind::Sync, None)
        .await
        .expect("schedule");
    until("the failure event", async || {
        log.events().iter().any(|e| {
            matches!(
                e,
                AppEvent::JobFailed {
                    job: JobKind::Sync,
                    ..
                }
            )
        })
    })
    .await;
    let failed = log
        .events()
        .into_iter()
        .find_map(|e| match e {
            AppEvent::JobFailed {
                job: job @ JobKind::Sync,
                error,
                retry_at,
            } => Some((job, error.code, retry_at)),
            _ => None,
        })
        .expect("a failure");
    assert_eq!(failed, (JobKind::Sync, ErrorCode::SignInRequired, None));
    until("the end recorded", async || !ctx.job_running(JobKind::Sync)).await;
    let record = ctx
        .job_record(JobKind::Sync)
        .await
        .expect("record")
        .expect("row");
    assert_eq!(
        (record.attempts, record.last_error_code.as_deref()),
        (1, Some("sign_in_required"))
    );
    let status = ctx.status().await.expect("status");
    assert_eq!(
        status.last_error.map(|e| e.code),
        Some(ErrorCode::SignInRequired)
    );
    ctx.use_sandbox().await.expect("back to the sandbox");
    ctx.shutdown().await;
    platform.shutdown().await;
}

/// A platform account whose platform goes away after the first sync, and an application
/// applied while it is away: queued, its first attempt failed. The platform is back (same
/// address, same data) when this returns.
struct Outage {
    _dir: tempfile::TempDir,
    ctx: Arc<Context>,
    platform: stardesk_sandbox::RunningSandbox,
    before: usize,
}

async fn applied_during_an_outage() -> Outage {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("platform.sqlite");
    let config = || SandboxConfig {
        tasks: 30,
        token: "outbox-token".into(),
        seed: 5,
        db_path: Some(db.clone()),
        ..SandboxConfig::default()
    };
    let platform = stardesk_sandbox::start(config(), "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("platform");
    let task = platform.control().add_open_review_tasks(1).remove(0);
    let addr = platform.addr();
    let before = platform.control().application_count();
    let ctx = Context::open(options(dir.path(), true), Arc::new(EventLog::new()))
        .await
        .expect("open");
    // The embedded sandbox's start-up sync first, so the run awaited below is the account's.
    until("the start-up sync", async || {
        finished_runs(&ctx).await.is_some() && !ctx.job_running(JobKind::Sync)
    })
    .await;
    let started_up = finished_runs(&ctx).await;
    ctx.set_platform(PlatformAccountInput {
        url: platform.url(),
        token: "outbox-token".into(),
    })
    .await
    .expect("needs the OS keychain (gnome-keyring under dbus-run-session)");
    until("the account's first sync", async || {
        finished_runs(&ctx).await != started_up
            && ctx.status().await.expect("status").task_count > 0
            && !ctx.job_running(JobKind::Sync)
    })
    .await;
    platform.shutdown().await;
    ctx.apply(ApplicationInput {
        task_id: task.clone(),
        shipping: ShippingChoice::Typed {
            contact_name: "林小满".into(),
            phone: "13812345678".into(),
            region_code: "330106".into(),
            detail: "文三路 90 号 3 幢 501".into(),
        },
        strengths: "美妆测评三年，粉丝以 18-30 岁女性为主".into(),
        idea: "一周早晚对比实测，展示质地与持妆时长".into(),
        snippet_ids: vec![],
    })
    .await
    .expect("queued");
    until("the first attempt to fail", async || {
        ctx.outbox().await.expect("outbox")[0].attempts >= 1 && !ctx.job_running(JobKind::Outbox)
    })
    .await;
    let platform = stardesk_sandbox::start(config(), addr).await.expect("back");
    Outage {
        _dir: dir,
        ctx,
        platform,
        before,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_job_sends_what_waited_once_a_sync_reaches_the_platform() {
    let o = applied_during_an_outage().await;
    o.ctx.sync().await.expect("the platform answers");
    until("the waiting item to be sent", async || {
        o.ctx.status().await.expect("status").outbox_waiting == 0
    })
    .await;
    assert_eq!(
        o.platform.control().application_count(),
        o.before + 1,
        "sent once"
    );
    o.ctx.shutdown().await;
    o.platform.shutdown().await;
}

/// Without a sync, the runner's own retry (30 s after the first failure) sends it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_outbox_job_tries_again_on_its_own_after_its_backoff() {
    let o = applied_during_an_outage().await;
    let next = o.ctx.outbox().await.expect("outbox")[0]
        .next_attempt_at
        .clone();
    assert!(next.is_some(), "the waiting item shows its next attempt");
    let start = Instant::now();
    until("the retry to send it", async || {
        o.ctx.status().await.expect("status").outbox_waiting == 0
    })
    .await;
    assert!(
        start.elapsed() < Duration::from_secs(45),
        "sent at its next attempt (30 s after the failure), not later: {:?}",
        start.elapsed()
    );
    assert_eq!(
        o.platform.control().application_count(),
        o.before + 1,
        "sent once"
    );
    let record = o
        .ctx
        .job_record(JobKind::Outbox)
        .await
        .expect("record")
        .expect("scheduled");
    assert_eq!(record.attempts, 0, "the pass that sent it succeeded");
    o.ctx.shutdown().await;
    o.platform.shutdown().await;
}
