//! Applying, the outbox and the synced applications, headless: a real data directory and
//! a sandbox on a random loopback port standing in for a configured platform (so tests can
//! take it away, fault its requests and move its clock).

use std::sync::Arc;
use std::time::Duration;

use stardesk_core::ipc::*;
use stardesk_core::{AppEvent, Context, ContextOptions, DataArea, ErrorCode, EventLog};
use stardesk_platform::ClientOptions;
use stardesk_sandbox::{RunningSandbox, SandboxConfig};
use stardesk_store::KeyPolicy;

const TOKEN: &str = "applications-token";

fn options(dir: &std::path::Path) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        sandbox_tasks: 10,
        today: None,
        background_jobs: false,
        granted_paths_only: false,
        platform_client: ClientOptions {
            timeout: Duration::from_secs(5),
            attempts: 2,
            backoff: Duration::from_millis(1),
            max_backoff: Duration::from_millis(5),
        },
    }
}

async fn platform(tasks: usize, db: Option<std::path::PathBuf>) -> RunningSandbox {
    stardesk_sandbox::start(
        SandboxConfig {
            tasks,
            token: TOKEN.into(),
            seed: 42,
            db_path: db,
            ..SandboxConfig::default()
        },
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("platform")
}

async fn signed_in(dir: &std::path::Path, platform: &RunningSandbox) -> Arc<Context> {
    let ctx = Context::open(options(dir), Arc::new(EventLog::new()))
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
    ctx
}

fn input(task_id: &str) -> ApplicationInput {
    ApplicationInput {
        task_id: task_id.into(),
        shipping: ShippingChoice::Typed {
            contact_name: "林小满".into(),
            phone: "13812345678".into(),
            region_code: "330106".into(),
            detail: "文三路 90 号 3 幢 501".into(),
        },
        strengths: "美妆测评三年，粉丝以 18-30 岁女性为主".into(),
        idea: "一周早晚对比实测，展示质地与持妆时长".into(),
        snippet_ids: vec![],
    }
}

async fn waiting(ctx: &Context) -> usize {
    ctx.outbox()
        .await
        .expect("outbox")
        .iter()
        .filter(|o| o.state == OutboxStateCode::Waiting)
        .count()
}

/// R-REVIEW-12: every field at fault is named and nothing is queued.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_review_12_an_invalid_application_is_refused_and_nothing_is_queued() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(50, None).await;
    let task = platform.control().add_open_review_tasks(1).remove(0);
    let ctx = signed_in(dir.path(), &platform).await;
    let mut bad = input(&task);
    bad.shipping = ShippingChoice::Typed {
        contact_name: "林小满".into(),
        phone: "1381234".into(),
        region_code: "330100".into(),
        detail: "文三路 90 号".into(),
    };
    bad.idea = "太短".into();
    let check = ctx.check_application(bad.clone()).await.expect("check");
    assert_eq!(
        check.problems.iter().map(|p| p.field).collect::<Vec<_>>(),
        [
            FormFieldCode::Phone,
            FormFieldCode::RegionCode,
            FormFieldCode::Idea
        ]
    );
    let err = ctx.apply(bad).await.expect_err("refused");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    for field in ["phone", "region_code", "idea"] {
        assert!(err.message.contains(field), "{field}: {}", err.message);
    }
    assert!(ctx.outbox().await.expect("outbox").is_empty());
    assert_eq!(ctx.status().await.expect("status").outbox_waiting, 0);
    ctx.shutdown().await;
    platform.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_success_answer_that_cannot_be_read_keeps_the_item_waiting_and_it_is_sent_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(50, None).await;
    let control = platform.control();
    let task = control.add_open_review_tasks(1).remove(0);
    let ctx = signed_in(dir.path(), &platform).await;
    ctx.sync().await.expect("sync");
    let before = control.application_count();
    // The platform creates the application, then its 201 carries no application.
    control.push_fault(stardesk_sandbox::Fault::HandledThenStatus(201));
    ctx.apply(input(&task)).await.expect("queued");
    let (report, _) = ctx.send_outbox(true).await.expect("a pass");
    assert_eq!(
        (report.sent, report.waiting, report.refused),
        (0, 1, 0),
        "not refused: the platform said yes"
    );
    assert_eq!(control.application_count(), before + 1, "it was created");
    assert_eq!(waiting(&ctx).await, 1);
    // Again under the same key: the platform replays it, nothing new is created.
    let (report, _) = ctx.send_outbox(true).await.expect("a pass");
    assert_eq!((report.sent, report.waiting, report.refused), (1, 0, 0));
    assert_eq!(control.application_count(), before + 1, "never twice");
    let mine: Vec<_> = ctx
        .applications()
        .await
        .expect("list")
        .into_iter()
        .filter(|a| a.task_id == task)
        .collect();
    assert_eq!(mine.len(), 1);
    ctx.shutdown().await;
    platform.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_application_made_offline_waits_and_is_sent_once_when_the_platform_is_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("platform.sqlite");
    let platform = platform(50, Some(db.clone())).await;
    let task = platform.control().add_open_review_tasks(1).remove(0);
    let ctx = signed_in(dir.path(), &platform).await;
    ctx.sync()
        .await
        .expect("sync the hall and the applications");
    let addr = platform.addr();
    let before = platform.control().application_count();
    platform.shutdown().await;

    // Offline: applying returns at once and the item waits.
    let queued = ctx.apply(input(&task)).await.expect("queued offline");
    assert_eq!(queued.state, OutboxStateCode::Waiting);
    let (report, next) = ctx.send_outbox(true).await.expect("a pass");
    assert_eq!((report.sent, report.waiting), (0, 1));
    assert!(next.is_some(), "a next attempt is scheduled");
    let item = &ctx.outbox().await.expect("outbox")[0];
    assert_eq!(
        (
            item.state,
            item.attempts,
            item.last_error.as_ref().map(|e| e.code)
        ),
        (
            OutboxStateCode::Waiting,
            1,
            Some(ErrorCode::PlatformUnreachable)
        )
    );
    assert_eq!(ctx.status().await.expect("status").outbox_waiting, 1);
    // Reopening the data directory (a restart) loses nothing.
    ctx.shutdown().await;
    drop(ctx);
    let ctx = Context::open(options(dir.path()), Arc::new(EventLog::new()))
        .await
        .expect("reopen");
    assert_eq!(waiting(&ctx).await, 1);

    // The platform is back on the same address: sent exactly once.
    let platform = stardesk_sandbox::start(
        SandboxConfig {
            token: TOKEN.into(),
            db_path: Some(db),
            ..SandboxConfig::default()
        },
        addr,
    )
    .await
    .expect("platform back");
    // The item backs off (30 s), but a sync that reached the platform makes it due now.
    let (early, _) = ctx.send_outbox(false).await.expect("a pass");
    assert_eq!(early.sent, 0, "not due yet: it backs off");
    ctx.sync().await.expect("the platform answers");
    let (report, _) = ctx.send_outbox(false).await.expect("send");
    assert_eq!((report.sent, report.waiting, report.refused), (1, 0, 0));
    assert_eq!(waiting(&ctx).await, 0);
    assert_eq!(platform.control().application_count(), before + 1);
    let (again, _) = ctx.send_outbox(true).await.expect("nothing left");
    assert_eq!(again.sent, 0);
    assert_eq!(
        platform.control().application_count(),
        before + 1,
        "never twice"
    );

    let apps = ctx.applications().await.expect("applications");
    let mine = apps
        .iter()
        .find(|a| a.task_id == task)
        .expect("the application");
    assert_eq!(mine.status, ApplicationStatus::Submitted);
    assert_eq!(mine.shipping.phone_masked, "138****5678");
    let selection = mine
        .timeline
        .iter()
        .find(|s| s.key == TimelineKeyCode::SelectionBy)
        .expect("R-REVIEW-3's date");
    assert_eq!(selection.rule, "R-REVIEW-3");
    assert_eq!(selection.days_left, Some(14));
    assert!(mine.can_withdraw);

    // R-REVIEW-4: the brand that received the address is listed, masked.
    let disclosures = ctx.address_disclosures().await.expect("who has my address");
    let sent = disclosures
        .iter()
        .find(|d| d.application_id == mine.id)
        .expect("this application's address is listed");
    assert_eq!(
        (
            sent.brand.as_str(),
            sent.shipping.phone_masked.as_str(),
            sent.shipping.district.as_str()
        ),
        (mine.brand.as_str(), "138****5678", "西湖区")
    );
    assert!(!sent.brand.is_empty(), "the brand is known from the task");
    assert!(
        disclosures.windows(2).all(|w| w[0].sent_at >= w[1].sent_at),
        "newest first"
    );
    ctx.shutdown().await;
    platform.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refusal_keeps_the_platforms_reason_and_stops_retrying() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(50, None).await;
    let task = platform.control().add_open_review_tasks(1).remove(0);
    let ctx = signed_in(dir.path(), &platform).await;
    ctx.apply(input(&task)).await.expect("first");
    let check = ctx.check_application(input(&task)).await.expect("check");
    assert!(
        check
            .warnings
            .iter()
            .any(|w| w.code == ApplyWarningCode::AlreadyApplied
                || w.code == ApplyWarningCode::UnknownTask),
        "{check:?}"
    );
    ctx.apply(input(&task)).await.expect("queued anyway");
    let (report, _) = ctx.send_outbox(true).await.expect("send");
    assert_eq!((report.sent, report.refused), (1, 1));
    let refused = ctx
        .outbox()
        .await
        .expect("outbox")
        .into_iter()
        .find(|o| o.state == OutboxStateCode::Refused)
        .expect("the second one");
    assert_eq!(refused.refusal_code.as_deref(), Some("already_applied"));
    assert_eq!(
        refused.last_error.as_ref().map(|e| e.code),
        Some(ErrorCode::Refused)
    );
    let (again, _) = ctx.send_outbox(true).await.expect("send again");
    assert_eq!(
        again.refused, 0,
        "a refused item is not sent again by itself"
    );
    ctx.discard_application(refused.id).await.expect("discard");
    assert!(ctx.outbox().await.expect("outbox").is_empty());
    ctx.shutdown().await;
    platform.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_item_is_not_an_application_and_used_snippets_are_announced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(50, None).await;
    let task = platform.control().add_open_review_tasks(1).remove(0);
    let log = Arc::new(EventLog::new());
    let ctx = Context::open(options(dir.path()), log.clone())
        .await
        .expect("open");
    ctx.set_platform(PlatformAccountInput {
        url: platform.url(),
        token: TOKEN.into(),
    })
    .await
    .expect("needs the OS keychain (gnome-keyring under dbus-run-session)");
    ctx.sync().await.expect("sync");
    let snippet = ctx
        .save_snippet(SnippetInput {
            id: None,
            kind: SnippetKind::Strengths,
            title: "三年美妆".into(),
            body: "美妆测评三年，粉丝以 18-30 岁女性为主".into(),
        })
        .await
        .expect("snippet");
    log.clear();
    let mut with_snippet = input(&task);
    with_snippet.snippet_ids = vec![snippet.id.clone()];
    platform
        .control()
        .push_fault(stardesk_sandbox::Fault::Status(409));
    ctx.apply(with_snippet).await.expect("queued");
    let (report, _) = ctx.send_outbox(true).await.expect("send");
    assert_eq!(report.refused, 1, "a 409 stops the item");
    let warnings = ctx
        .check_application(input(&task))
        .await
        .expect("check")
        .warnings;
    assert!(
        warnings
            .iter()
            .all(|w| w.code != ApplyWarningCode::AlreadyApplied),
        "a refused item does not count as applied: {warnings:?}"
    );
    let changed_address_book = log.events().iter().any(
        |e| matches!(e, AppEvent::DataChanged { areas } if areas.contains(&DataArea::AddressBook)),
    );
    assert!(changed_address_book, "the snippet's last use is announced");
    ctx.shutdown().await;
    platform.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_review_3_16_the_brands_moves_and_the_creators_reports_come_through_the_feed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(50, None).await;
    let control = platform.control();
    control.set_brand_autopilot(false);
    let task = control.add_open_review_tasks(1).remove(0);
    let ctx = signed_in(dir.path(), &platform).await;
    ctx.apply(input(&task)).await.expect("apply");
    ctx.send_outbox(true).await.expect("send");
    let id = ctx
        .applications()
        .await
        .expect("list")
        .into_iter()
        .find(|a| a.task_id == task)
        .expect("sent")
        .id;
    control.select(&id).expect("select");
    let shipped_on = control.today();
    control
        .ship(&id, "shunfeng", "SF1409876543210", shipped_on)
        .expect("ship");
    ctx.sync().await.expect("sync");
    let app = ctx.application(id.clone()).await.expect("get");
    assert_eq!(app.status, ApplicationStatus::Shipped);
    assert_eq!(
        app.shipment.as_ref().map(|s| s.tracking_no.as_str()),
        Some("SF1409876543210")
    );
    assert!(!app.can_withdraw && app.can_report_receipt);
    let err = ctx
        .report_receipt(id.clone(), false, None)
        .await
        .expect_err("a missing sample needs a note (R-REVIEW-16)");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let reported = ctx
        .report_receipt(id.clone(), false, Some("物流显示签收，但未收到".into()))
        .await
        .expect("receipt");
    assert_eq!(reported.receipt.map(|r| r.received), Some(false));
    let withdraw = ctx
        .withdraw_application(id.clone())
        .await
        .expect_err("selected: too late to withdraw");
    assert_eq!(withdraw.code, ErrorCode::Refused);
    // The platform's reason, for the window to say in its words.
    assert_eq!(withdraw.refusal.as_deref(), Some("not_withdrawable"));
    let agenda = ctx.agenda(60).await.expect("agenda");
    assert!(agenda
        .iter()
        .any(|i| i.application_id == id && i.key == TimelineKeyCode::UploadBy));
    ctx.shutdown().await;
    platform.shutdown().await;
}

/// Exactly once: 1,000 applications through a platform that fails 30% of requests at
/// random — some before it handles them, some after it stored them but before the answer
/// arrives — end as exactly 1,000 applications on the server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_applications_through_random_faults_arrive_exactly_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let platform = platform(10, None).await;
    let control = platform.control();
    let tasks = control.add_open_review_tasks(1_000);
    let ctx = signed_in(dir.path(), &platform).await;
    let before = control.application_count();
    for task in &tasks {
        ctx.apply(input(task)).await.expect("queued");
    }
    assert_eq!(waiting(&ctx).await, 1_000);
    control.set_random_faults(7, 30);
    for pass in 0.. {
        assert!(pass < 60, "still waiting after 60 passes");
        let (report, _) = ctx.send_outbox(true).await.expect("a pass");
        assert_eq!(report.refused, 0, "nothing is refused");
        if waiting(&ctx).await == 0 {
            break;
        }
    }
    control.set_random_faults(0, 0);
    let faults = control.fault_counts();
    assert!(
        faults.before_handling > 0 && faults.after_handling > 0,
        "both kinds of failure happened: {faults:?}"
    );
    assert_eq!(control.application_count(), before + 1_000);
    ctx.sync().await.expect("sync");
    let mine = ctx
        .applications()
        .await
        .expect("list")
        .into_iter()
        .filter(|a| tasks.contains(&a.task_id))
        .count();
    assert_eq!(mine, 1_000);
    ctx.shutdown().await;
    platform.shutdown().await;
}
