//! The use cases headless: a real data directory, the real keychain (or key file), the
//! embedded sandbox and a second sandbox standing in for a configured platform.

use std::sync::Arc;
use std::time::Duration;

use rust_decimal::Decimal;
use stardesk_core::ipc::*;
use stardesk_core::{AppEvent, Context, ContextOptions, DataArea, ErrorCode, EventLog, NoEvents};
use stardesk_domain::fees::{
    net_income, CreatorKind as DCreator, FeeSchedule, OrderKind as DOrder,
};
use stardesk_domain::money::parse_yuan;
use stardesk_sandbox::SandboxConfig;
use stardesk_store::KeyPolicy;

fn options(dir: &std::path::Path) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        sandbox_tasks: 3000,
        today: None,
        background_jobs: false,
        granted_paths_only: false,
        platform_client: Default::default(),
    }
}

fn query(search: Option<&str>) -> TaskQuery {
    TaskQuery {
        search: search.map(str::to_string),
        limit: 100,
        ..TaskQuery::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_sandbox_fills_the_task_hall() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log = EventLog::new();
    let ctx = Context::open(options(dir.path()), Arc::new(log.clone()))
        .await
        .expect("open");
    let before = ctx.status().await.expect("status");
    assert_eq!(
        (before.task_count, before.last_synced_at.clone()),
        (0, None)
    );
    assert!(before.creator.is_none());
    assert_eq!(before.key_store, KeyStore::KeyFile);

    let summary = ctx.sync().await.expect("sync");
    let events = log.events();
    let phases: Vec<SyncPhase> = events
        .iter()
        .filter_map(|e| match e {
            AppEvent::SyncProgress(p) => Some(p.phase),
            _ => None,
        })
        .collect();
    assert_eq!(
        events.last(),
        Some(&AppEvent::DataChanged {
            areas: vec![DataArea::Tasks, DataArea::Status]
        }),
        "a sync ends by saying the tasks and the status changed"
    );
    assert_eq!((summary.upserted, summary.task_count), (3000, 3000));
    assert_eq!(phases.first(), Some(&SyncPhase::Started));
    assert_eq!(phases.last(), Some(&SyncPhase::Done));
    // At least one progress event per transaction: a first sync writes the pages that
    // came in during a write together, so there are 1 to 6 of them for 6 pages.
    let pages = phases.iter().filter(|p| **p == SyncPhase::Page).count();
    assert!((1..=6).contains(&pages), "{phases:?}");
    // The first sync into an empty store builds the search indexes after its last page.
    assert_eq!(phases[phases.len() - 2], SyncPhase::Indexing, "{phases:?}");

    let status = ctx.status().await.expect("status");
    assert!(
        matches!(status.source, Source::Sandbox { ref url } if url.starts_with("http://127.0.0.1:"))
    );
    let creator = status.creator.expect("creator known after sync");
    assert!(status.last_synced_at.is_some() && status.last_error.is_none());

    // A two-character Chinese query finds tasks, and every hit contains it.
    let page = ctx.query_tasks(query(Some("面霜"))).await.expect("query");
    assert!(page.total > 0 && page.total < 3000, "{}", page.total);
    assert!(page
        .rows
        .iter()
        .all(|r| format!("{}{}", r.title, r.brand).contains("面霜")));

    // The detail's own scenario is the domain's net on the highest reward (R-PREF-3).
    let fixed = ctx
        .query_tasks(TaskQuery {
            sort: TaskSort::Reward,
            ..query(None)
        })
        .await
        .expect("query");
    let top = &fixed.rows[0];
    let detail = ctx.task_detail(top.id.clone()).await.expect("detail");
    assert_eq!(detail.net.len(), 4);
    let own: Vec<_> = detail.net.iter().filter(|s| s.applies).collect();
    assert_eq!(own.len(), 1, "exactly one scenario is the creator's");
    let order = if top.category == Category::Preferred {
        DOrder::Preferred
    } else {
        DOrder::Ordinary
    };
    let kind = if creator.kind == CreatorKind::Agency {
        DCreator::Agency
    } else {
        DCreator::Independent
    };
    let gross: Decimal = parse_yuan(top.reward_max.as_deref().expect("reward")).expect("amount");
    let expected = net_income(gross, order, kind, &FeeSchedule::default()).net;
    assert_eq!(parse_yuan(&own[0].net).expect("net"), expected);
    assert_eq!(
        top.net_max.as_deref().map(|n| parse_yuan(n).expect("net")),
        Some(expected)
    );
    assert!(!detail.eligibility.checks.is_empty());

    let missing = ctx.task_detail("1".into()).await.expect_err("unknown id");
    assert_eq!(missing.code, ErrorCode::NotFound);
    let bad = ctx
        .query_tasks(TaskQuery {
            reward_min: Some("abc".into()),
            ..query(None)
        })
        .await
        .expect_err("bad amount");
    assert_eq!(bad.code, ErrorCode::InvalidInput);
    assert!(bad.message.contains("reward_min"), "{}", bad.message);
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn eligible_only_returns_exactly_the_tasks_whose_detail_says_eligible() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    ctx.sync().await.expect("sync");
    let all = ctx
        .query_tasks(TaskQuery {
            limit: 500,
            ..query(None)
        })
        .await
        .expect("all");
    let eligible = ctx
        .query_tasks(TaskQuery {
            eligible_only: true,
            limit: 500,
            ..query(None)
        })
        .await
        .expect("eligible");
    assert!(
        eligible.total > 0 && eligible.total < all.total,
        "{} of {}",
        eligible.total,
        all.total
    );
    // Every row flagged eligible by the domain is in the SQL filter's result, and back.
    let mut offset = 0;
    let mut flagged = 0;
    while offset < all.total {
        let page = ctx
            .query_tasks(TaskQuery {
                limit: 500,
                offset,
                ..query(None)
            })
            .await
            .expect("page");
        flagged += page.rows.iter().filter(|r| r.eligible).count() as u32;
        offset += 500;
    }
    assert_eq!(
        flagged, eligible.total,
        "SQL eligibility filter and domain rules disagree"
    );
    assert!(eligible.rows.iter().all(|r| r.eligible));
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_platform_account_is_checked_saved_and_can_go_offline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(
        ContextOptions {
            key_policy: KeyPolicy::KeychainOnly,
            ..options(dir.path())
        },
        Arc::new(NoEvents),
    )
    .await
    .unwrap_or_else(|e| {
        panic!("needs the OS keychain (gnome-keyring under dbus-run-session on Linux): {e}")
    });
    let platform = stardesk_sandbox::start(
        SandboxConfig {
            tasks: 200,
            token: "account-token-1".into(),
            seed: 7,
            ..SandboxConfig::default()
        },
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("platform");

    // Bad input is refused before anything is saved.
    let e = ctx
        .set_platform(PlatformAccountInput {
            url: "http://platform.example.com".into(),
            token: "t".into(),
        })
        .await
        .expect_err("plain http off loopback");
    assert_eq!(e.code, ErrorCode::InvalidInput);
    let e = ctx
        .set_platform(PlatformAccountInput {
            url: platform.url(),
            token: "wrong".into(),
        })
        .await
        .expect_err("wrong token");
    assert_eq!(e.code, ErrorCode::SignInRequired);
    assert!(!e.message.contains("wrong"), "token leaked: {}", e.message);
    assert!(matches!(
        ctx.status().await.expect("status").source,
        Source::Sandbox { .. }
    ));

    // The embedded sandbox has run (its file would hold what was applied with there),
    // and a copy of an older file was set aside.
    ctx.sync().await.expect("sandbox sync");
    std::fs::write(dir.path().join("sandbox.sqlite-unreadable-1"), b"x").expect("aside");
    // An application to the demo waits to be sent, with a contact in it.
    ctx.apply(ApplicationInput {
        task_id: "demo-task".into(),
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
    .expect("queued for the sandbox");
    assert_eq!(ctx.status().await.expect("status").outbox_waiting, 1);
    let sandbox_files = || {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .expect("data dir")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with("sandbox.sqlite"))
            .collect();
        names.sort();
        names
    };
    assert!(
        sandbox_files().contains(&"sandbox.sqlite".to_owned()),
        "{:?}",
        sandbox_files()
    );

    let status = ctx
        .set_platform(PlatformAccountInput {
            url: platform.url(),
            token: "account-token-1".into(),
        })
        .await
        .expect("account saved");
    assert!(matches!(status.source, Source::Platform { .. }));
    assert_eq!(
        sandbox_files(),
        Vec::<String>::new(),
        "the sandbox's data goes with a real account"
    );
    assert!(
        ctx.outbox().await.expect("outbox").is_empty(),
        "and the demo's application, which no platform will be sent"
    );
    assert_eq!(status.outbox_waiting, 0);
    let summary = ctx.sync().await.expect("sync from the platform");
    assert_eq!(summary.task_count, 200);
    // The token is in the keychain, not in the database file.
    let db = std::fs::read(dir.path().join(stardesk_store::DB_FILE)).expect("db");
    assert!(!db.windows(15).any(|w| w == b"account-token-1"));
    // A sandbox file another process runs its embedded sandbox on (the window switched
    // back to the demo while a command started with the account still set) is kept.
    std::fs::write(dir.path().join("sandbox.sqlite"), b"left behind").expect("leftover");
    let runner = std::fs::File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join("sandbox-in-use.lock"))
        .expect("the sandbox's lock file");
    runner
        .lock_shared()
        .expect("held as a running embedded sandbox holds it");
    // Another start of the app or a command, with the account set.
    let another_start = || {
        Context::open(
            ContextOptions {
                key_policy: KeyPolicy::KeychainOnly,
                ..options(dir.path())
            },
            Arc::new(NoEvents),
        )
    };
    let during = another_start()
        .await
        .expect("a start while another process runs the sandbox");
    assert_eq!(
        sandbox_files(),
        ["sandbox.sqlite"],
        "kept while another process runs on it"
    );
    during.shutdown().await;
    drop(runner);
    // Let go (or never run: the switch could not delete it, another process held it
    // open), it goes at the next start with the account set.
    let next = another_start().await.expect("the next start");
    assert_eq!(
        sandbox_files(),
        Vec::<String>::new(),
        "deleted at the start"
    );
    next.shutdown().await;

    // The platform goes away: the sync says so, the last sync's tasks stay readable.
    platform.shutdown().await;
    let e = tokio::time::timeout(Duration::from_secs(120), ctx.sync())
        .await
        .expect("sync gives up in time")
        .expect_err("offline");
    assert_eq!(e.code, ErrorCode::PlatformUnreachable);
    let status = ctx.status().await.expect("status");
    assert_eq!(
        status.last_error.map(|e| e.code),
        Some(ErrorCode::PlatformUnreachable)
    );
    assert_eq!(
        ctx.query_tasks(query(None))
            .await
            .expect("offline query")
            .total,
        200
    );

    // Back to the sandbox: the account's data and token are forgotten.
    let status = ctx.use_sandbox().await.expect("sandbox");
    assert!(matches!(status.source, Source::Sandbox { .. }));
    assert_eq!(status.task_count, 0);
    assert_eq!(ctx.sync().await.expect("sandbox sync").task_count, 3000);
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_second_sync_while_one_runs_is_refused_as_busy() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    let (a, b) = tokio::join!(ctx.sync(), async {
        tokio::time::sleep(Duration::from_millis(5)).await;
        ctx.sync().await
    });
    let results = [a.map(|_| ()), b.map(|_| ())];
    assert!(results.iter().any(|r| r.is_ok()));
    assert!(
        results
            .iter()
            .any(|r| matches!(r, Err(e) if e.code == ErrorCode::Busy)),
        "{results:?}"
    );
    ctx.shutdown().await;
}
