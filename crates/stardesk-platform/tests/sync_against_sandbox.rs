//! The client and the sync engine against the real sandbox server on a random loopback
//! port, writing into a real (encrypted) SQLite file.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use stardesk_platform::{
    sync_tasks, sync_tasks_prepared, ClientOptions, PlatformClient, PlatformError, SyncError,
    SyncEvent,
};
use stardesk_sandbox::{Fault, RunningSandbox, SandboxConfig, DEMO_TOKEN};
use stardesk_store::tasks::{EligibleFor, TaskFilter};
use stardesk_store::{DbKey, Store, DB_FILE};

const SOURCE: &str = "sandbox";

async fn sandbox(tasks: usize) -> RunningSandbox {
    let config = SandboxConfig {
        tasks,
        ..SandboxConfig::default()
    };
    stardesk_sandbox::start(config, "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("sandbox starts")
}

/// A sandbox whose data is built around [`DAY`] (its clock runs from 12:00 China time that
/// day), for tests that judge its tasks on that day: with the real time, application
/// windows drift past a fixed day within weeks.
async fn sandbox_on_day(tasks: usize) -> RunningSandbox {
    let now = DAY.and_hms_opt(4, 0, 0).expect("noon in China").and_utc();
    let config = SandboxConfig {
        tasks,
        now: Some(now),
        ..SandboxConfig::default()
    };
    stardesk_sandbox::start(config, "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("sandbox starts")
}

const DAY: chrono::NaiveDate = match chrono::NaiveDate::from_ymd_opt(2026, 11, 22) {
    Some(day) => day,
    None => panic!("a date"),
};

fn fast_options() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(1500),
        attempts: 3,
        backoff: Duration::from_millis(20),
        max_backoff: Duration::from_millis(100),
    }
}

fn client(sb: &RunningSandbox, options: ClientOptions) -> PlatformClient {
    PlatformClient::new(&sb.url(), DEMO_TOKEN, options).expect("client")
}

fn store() -> (tempfile::TempDir, Arc<Mutex<Store>>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join(DB_FILE), &DbKey::random()).expect("store");
    (dir, Arc::new(Mutex::new(store)))
}

fn count(store: &Arc<Mutex<Store>>) -> u32 {
    store.lock().expect("lock").task_count().expect("count")
}

/// The indexes a first sync defers are built, and search by them: a task is found by
/// its title's first four characters and by its first two.
fn indexed_and_searchable(store: &Arc<Mutex<Store>>) {
    let guard = store.lock().expect("lock");
    assert!(
        !guard.task_index_deferred().expect("deferred"),
        "indexes built"
    );
    let (_, first) = guard
        .query_tasks(&TaskFilter {
            limit: 1,
            ..TaskFilter::default()
        })
        .expect("first");
    let task = &first[0];
    for n in [4, 2] {
        let term: String = task.title.chars().take(n).collect();
        let (total, rows) = guard
            .query_tasks(&TaskFilter {
                search: Some(term.clone()),
                limit: 500,
                ..TaskFilter::default()
            })
            .expect("search");
        assert!(total >= 1, "{term}");
        assert!(
            rows.iter().any(|t| t.id == task.id),
            "{term} finds {}",
            task.id
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn full_sync_of_3000_tasks_then_incremental_changes() {
    let sb = sandbox(3000).await;
    let (_dir, store) = store();
    let c = client(&sb, fast_options());
    let mut events = Vec::new();
    let report = sync_tasks(&c, &store, SOURCE, 500, |e| events.push(e))
        .await
        .expect("sync");
    assert_eq!(report.upserted, 3000);
    assert_eq!(report.pages, 6);
    assert_eq!(count(&store), 3000);
    // Started, one event per transaction (a first sync writes the pages that came in
    // while the previous write ran in one), indexing.
    assert_eq!(events.first(), Some(&SyncEvent::Started));
    let written: Vec<(u64, u64)> = events
        .iter()
        .filter_map(|e| match e {
            SyncEvent::Page { applied, remaining } => Some((*applied, *remaining)),
            _ => None,
        })
        .collect();
    assert_eq!(events.len(), written.len() + 2, "{events:?}");
    assert!((1..=6).contains(&written.len()), "{events:?}");
    assert!(
        written
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 > w[1].1),
        "progress only goes forward: {events:?}"
    );
    assert_eq!(written.last(), Some(&(3000, 0)));
    assert_eq!(
        events.last(),
        Some(&SyncEvent::Indexing { applied: 3000 }),
        "a first sync builds its indexes after the last page"
    );
    indexed_and_searchable(&store);
    let creator = store
        .lock()
        .expect("lock")
        .creator(SOURCE)
        .expect("creator")
        .expect("saved");
    assert_eq!(creator.creator_id, report.creator.creator_id);
    assert!(store
        .lock()
        .expect("lock")
        .sync_state(SOURCE)
        .expect("state")
        .last_synced_at
        .is_some());

    // The sandbox changes 10 tasks and closes 5: the next sync moves exactly those.
    let control = sb.control();
    let modified = control.modify_tasks(10);
    let closed = control.close_tasks(5);
    assert_eq!((modified.len(), closed.len()), (10, 5));
    let mut events = Vec::new();
    let report = sync_tasks(&c, &store, SOURCE, 500, |e| events.push(e))
        .await
        .expect("incremental");
    assert!(
        !events
            .iter()
            .any(|e| matches!(e, SyncEvent::Indexing { .. })),
        "a later sync keeps the indexes page by page: {events:?}"
    );
    assert_eq!((report.upserted, report.removed, report.pages), (10, 5, 1));
    assert_eq!(count(&store), 2995);
    assert_eq!(count(&store) as usize, control.open_task_count());
    indexed_and_searchable(&store);
    let guard = store.lock().expect("lock");
    for id in &closed {
        assert!(
            guard.task(id).expect("read").is_none(),
            "closed task {id} still cached"
        );
    }
    for id in &modified {
        let local = guard.task(id).expect("read").expect("present");
        let remote =
            tokio::task::block_in_place(|| tokio::runtime::Handle::current().block_on(c.task(id)))
                .expect("remote task");
        assert_eq!(local.title, remote.title);
        assert_eq!(local.slots_taken, remote.slots_taken);
        assert_eq!(local.updated_at, remote.updated_at);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_500_and_a_timeout_are_retried() {
    let sb = sandbox(300).await;
    let (_dir, store) = store();
    // A timeout no ordinary request of a debug build reaches on a loaded machine (1.5 s
    // could be: one more attempt, one more request), and a delay well past it.
    let options = ClientOptions {
        timeout: Duration::from_secs(5),
        ..fast_options()
    };
    let c = client(&sb, options);
    let control = sb.control();
    control.push_fault(Fault::Status(500)); // /v1/me, first try
    control.push_fault(Fault::Pass); // /v1/me, retry
    control.push_fault(Fault::Delay(Duration::from_secs(8))); // first page: times out
    let before = control.request_count();
    let report = sync_tasks(&c, &store, SOURCE, 500, |_| {})
        .await
        .expect("sync despite faults");
    assert_eq!(report.upserted, 300);
    assert_eq!(count(&store), 300);
    // me: 2 attempts; page: a timed-out attempt plus the retry.
    assert_eq!(control.request_count() - before, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_is_retried_and_a_404_is_not() {
    let sb = sandbox(50).await;
    let c = client(&sb, fast_options());
    let control = sb.control();
    control.push_fault(Fault::Status(429));
    let me = c.me().await.expect("me after a 429");
    assert!(!me.creator_id.is_empty());
    let before = control.request_count();
    let err = c.task("123").await.expect_err("unknown task");
    assert!(
        matches!(err, PlatformError::Http { status: 404, .. }),
        "{err:?}"
    );
    assert_eq!(control.request_count() - before, 1, "a 404 is not retried");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_token_is_a_sign_in_problem_and_is_not_retried() {
    let sb = sandbox(50).await;
    let (_dir, store) = store();
    let c = PlatformClient::new(&sb.url(), "wrong-token", fast_options()).expect("client");
    let before = sb.control().request_count();
    let err = sync_tasks(&c, &store, SOURCE, 500, |_| {})
        .await
        .expect_err("401");
    assert!(
        matches!(
            err,
            SyncError::Platform(PlatformError::Unauthorized { status: 401 })
        ),
        "{err:?}"
    );
    assert_eq!(err.code(), "sign_in_required");
    assert!(
        !err.to_string().contains("wrong-token"),
        "token leaked: {err}"
    );
    assert_eq!(sb.control().request_count() - before, 1);
    let state = store
        .lock()
        .expect("lock")
        .sync_state(SOURCE)
        .expect("state");
    assert_eq!(state.last_error_code.as_deref(), Some("sign_in_required"));
    assert_eq!(count(&store), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_interrupted_sync_resumes_without_duplicates() {
    let sb = sandbox(3000).await;
    let (_dir, store) = store();
    let no_retry = ClientOptions {
        attempts: 1,
        ..fast_options()
    };
    let c = client(&sb, no_retry);
    let control = sb.control();
    control.push_fault(Fault::Pass); // me
    control.push_fault(Fault::Pass); // page 1
    control.push_fault(Fault::Pass); // page 2
    control.push_fault(Fault::Status(503)); // page 3: the sync stops here
    let err = sync_tasks(&c, &store, SOURCE, 500, |_| {})
        .await
        .expect_err("interrupted");
    assert_eq!(err.code(), "platform_unreachable");
    assert_eq!(count(&store), 1000, "two whole pages kept");
    // The first sync failed: what it wrote is indexed all the same.
    indexed_and_searchable(&store);
    let state = store
        .lock()
        .expect("lock")
        .sync_state(SOURCE)
        .expect("state");
    assert_eq!(
        state.last_error_code.as_deref(),
        Some("platform_unreachable")
    );
    assert!(state.cursor.is_some());

    let report = sync_tasks(&c, &store, SOURCE, 500, |_| {})
        .await
        .expect("resumed");
    assert_eq!(report.pages, 4, "resumed from page 3, not from the start");
    assert_eq!(report.upserted, 2000);
    assert_eq!(count(&store), 3000);
    let state = store
        .lock()
        .expect("lock")
        .sync_state(SOURCE)
        .expect("state");
    assert_eq!(state.last_error_code, None, "a good sync clears the error");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_platform_is_reported_as_such() {
    // Bind then drop a listener: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port();
    let (_dir, store) = store();
    let c = PlatformClient::new(
        &format!("http://127.0.0.1:{port}"),
        DEMO_TOKEN,
        fast_options(),
    )
    .expect("client");
    let err = sync_tasks(&c, &store, SOURCE, 500, |_| {})
        .await
        .expect_err("nothing listens");
    assert_eq!(err.code(), "platform_unreachable");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_later_sync_writes_each_page_with_its_cursor_in_a_transaction_of_its_own() {
    let sb = sandbox(1500).await;
    let (_dir, store) = store();
    let c = client(&sb, fast_options());
    sync_tasks(&c, &store, SOURCE, 500, |_| {})
        .await
        .expect("first sync");
    assert_eq!(count(&store), 1500);
    let modified = sb.control().modify_tasks(1200);
    assert_eq!(modified.len(), 1200);
    let mut events = Vec::new();
    let report = sync_tasks(&c, &store, SOURCE, 500, |e| events.push(e))
        .await
        .expect("incremental");
    let pages: Vec<&SyncEvent> = events
        .iter()
        .filter(|e| matches!(e, SyncEvent::Page { .. }))
        .collect();
    assert_eq!((report.upserted, report.pages), (1200, 3));
    assert_eq!(
        pages,
        [
            &SyncEvent::Page {
                applied: 500,
                remaining: 700
            },
            &SyncEvent::Page {
                applied: 1000,
                remaining: 200
            },
            &SyncEvent::Page {
                applied: 1200,
                remaining: 0
            },
        ],
        "one transaction per page: {events:?}"
    );
    indexed_and_searchable(&store);
}

/// Who "eligible only" is for in the test below (R-JOIN-1, R-REVIEW-11 thresholds).
fn eligible_for(followers: u64) -> EligibleFor {
    EligibleFor {
        today: DAY,
        followers,
        agency_deposit_deducted: None,
        account_min_followers: 1000,
        review_min_followers: 10_000,
        review_max_followers: 500_000,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn prepare_runs_before_the_first_page_and_its_eligibility_holds_for_every_page() {
    let sb = sandbox_on_day(2000).await;
    let (_dir, store) = store();
    let c = client(&sb, fast_options());
    let seen = Arc::new(Mutex::new(None));
    let saw = Arc::clone(&seen);
    let prepare: stardesk_platform::Prepare = Box::new(move |s: &mut Store| {
        *saw.lock().expect("lock") = Some((s.creator(SOURCE)?.is_some(), s.task_count()?));
        s.refresh_eligibility(&eligible_for(50_000))
    });
    sync_tasks_prepared(&c, &store, SOURCE, 500, prepare, |_| {})
        .await
        .expect("sync");
    assert_eq!(
        *seen.lock().expect("lock"),
        Some((true, 0)),
        "prepare sees the creator saved and no task written yet"
    );
    let mut guard = store.lock().expect("lock");
    let e = eligible_for(50_000);
    assert!(guard.eligibility_is_current(&e).expect("current"));
    let only = |s: &Store| {
        s.query_tasks(&TaskFilter {
            eligible_for: Some(e.clone()),
            limit: 1,
            ..TaskFilter::default()
        })
        .expect("query")
        .0
    };
    // The flags the pages got as they were written, against every flag computed again.
    let as_written = only(&guard);
    guard
        .refresh_eligibility(&eligible_for(0))
        .expect("refresh");
    guard.refresh_eligibility(&e).expect("refresh");
    let recomputed = only(&guard);
    assert_eq!(as_written, recomputed);
    assert!(as_written > 0 && as_written < 2000, "{as_written}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_prepare_step_does_not_stop_the_sync() {
    let sb = sandbox(1200).await;
    let (_dir, store) = store();
    let c = client(&sb, fast_options());
    let prepare: stardesk_platform::Prepare =
        Box::new(|_| Err(stardesk_store::StoreError::Corrupt("prepare failed".into())));
    let report = sync_tasks_prepared(&c, &store, SOURCE, 500, prepare, |_| {})
        .await
        .expect("the sync goes on without it");
    assert_eq!(report.upserted, 1200);
    assert_eq!(count(&store), 1200);
    indexed_and_searchable(&store);
}
