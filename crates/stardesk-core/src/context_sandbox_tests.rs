//! The embedded sandbox holds what the creator applies with (a name, a phone, an address):
//! its file is encrypted with the data directory's key, and it answers only this process's
//! own token and tracking key, not the sandbox's well-known ones. And an input holding a token or a
//! phone never prints it in `Debug`.

use std::sync::Arc;

use stardesk_platform::tracking::{Kuaidi100Client, Kuaidi100Config, TrackQuery, TrackingError};
use stardesk_sandbox::{DEMO_TOKEN, SANDBOX_TRACKING_CUSTOMER, SANDBOX_TRACKING_KEY};
use stardesk_store::KeyPolicy;

use crate::applications::ipc::{ApplicationInput, ShippingChoice};
use crate::ipc::TaskQuery;
use crate::{Context, ContextOptions, EventLog};

const PHONE: &str = "13812345678";
const DETAIL: &str = "文三路 90 号 3 幢 501";

/// A context on `dir` whose embedded sandbox makes `tasks` tasks, without background jobs.
async fn open(dir: &std::path::Path, tasks: usize) -> Arc<Context> {
    Context::open(
        ContextOptions {
            data_dir: dir.to_path_buf(),
            key_policy: KeyPolicy::FileOnly,
            sandbox_tasks: tasks,
            today: None,
            background_jobs: false,
            granted_paths_only: false,
            platform_client: Default::default(),
        },
        Arc::new(EventLog::new()),
    )
    .await
    .expect("open")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_the_embedded_sandbox_receives_is_encrypted_and_only_this_process_reads_it() {
    let dir = tempfile::tempdir().expect("dir");
    let ctx = open(dir.path(), 400).await;
    ctx.sync().await.expect("sync the embedded sandbox");
    let mut task = None;
    for offset in (0..400).step_by(100) {
        let page = ctx
            .query_tasks(TaskQuery {
                eligible_only: true,
                offset,
                limit: 100,
                ..TaskQuery::default()
            })
            .await
            .expect("query");
        task = page.rows.into_iter().find(|r| {
            r.settlement_mode == Some(crate::task_hall::ipc::SettlementMode::ProductReview)
        });
        if task.is_some() {
            break;
        }
    }
    let task = task.expect("an open review task the demo creator may apply to");
    ctx.apply(ApplicationInput {
        task_id: task.id.clone(),
        shipping: ShippingChoice::Typed {
            contact_name: "林小满".into(),
            phone: PHONE.into(),
            region_code: "330106".into(),
            detail: DETAIL.into(),
        },
        strengths: "美妆测评三年，粉丝以 18-30 岁女性为主".into(),
        idea: "一周早晚对比实测，展示质地与持妆时长".into(),
        snippet_ids: vec![],
    })
    .await
    .expect("apply");
    let (report, _) = ctx.send_outbox(true).await.expect("send");
    assert_eq!(report.sent, 1, "sent to the embedded sandbox");

    // Not a plain SQLite file, and none of the application's words in any of its files.
    let sandbox = dir.path().join(super::SANDBOX_DB);
    let bytes = std::fs::read(&sandbox).expect("sandbox file");
    assert_ne!(&bytes[..16], b"SQLite format 3\0");
    for entry in std::fs::read_dir(dir.path()).expect("dir") {
        let path = entry.expect("entry").path();
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        if !name.starts_with(super::SANDBOX_DB) {
            continue;
        }
        let bytes = std::fs::read(&path).expect("read");
        for needle in [PHONE, DETAIL, "林小满"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle.as_bytes()),
                "{name} holds {needle} in plain"
            );
        }
    }

    // Its token is this process's own: the demo token everyone knows is refused.
    let url = ctx.sandbox_url().await.expect("url");
    let client = reqwest::Client::new();
    let get = |token: String| {
        client
            .get(format!("{url}/v1/applications"))
            .bearer_auth(token)
            .send()
    };
    let refused = get(DEMO_TOKEN.to_string()).await.expect("answer");
    assert_eq!(refused.status(), reqwest::StatusCode::UNAUTHORIZED);
    let own = get(ctx.sandbox_token.expose().clone())
        .await
        .expect("answer");
    assert!(own.status().is_success(), "{}", own.status());
    // Its tracking service likewise: a query signed with the public sandbox key is refused
    // (kuaidi100's 503, sign check failed); the process's own key is not.
    let query = TrackQuery {
        carrier: "yuantong".into(),
        number: "YT0000000000000".into(),
        phone_last4: None,
    };
    let with_key = |key: &str| {
        Kuaidi100Client::new(
            Kuaidi100Config::at(&url, SANDBOX_TRACKING_CUSTOMER, key).expect("config"),
        )
        .expect("client")
    };
    let public = with_key(SANDBOX_TRACKING_KEY).query(&query).await;
    assert!(
        matches!(&public, Err(TrackingError::Provider { code, .. }) if code == "503"),
        "{public:?}"
    );
    let mine = with_key(ctx.sandbox_tracking_key.expose())
        .query(&query)
        .await;
    assert!(
        !matches!(&mine, Err(TrackingError::Provider { code, .. }) if code == "503"),
        "{mine:?}"
    );
    ctx.shutdown().await;
}

/// While the embedded sandbox runs, its file is held (shared) by this process, so another
/// process switching to an account leaves it (`forget_sandbox_data`); stopped, it lets go.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_running_embedded_sandbox_holds_its_file_until_it_stops() {
    let dir = tempfile::tempdir().expect("dir");
    let ctx = open(dir.path(), 20).await;
    ctx.sandbox_url().await.expect("the sandbox starts");
    let file = dir.path().join(super::SANDBOX_DB);
    assert!(file.exists());
    // Another process's view of the lock: its own open file.
    let other = super::in_use_file(&dir.path().join(super::SANDBOX_IN_USE)).expect("lock file");
    assert!(
        matches!(other.try_lock(), Err(std::fs::TryLockError::WouldBlock)),
        "held while the sandbox runs"
    );
    ctx.forget_sandbox_data();
    assert!(file.exists(), "not deleted under the running sandbox");
    ctx.shutdown().await;
    other.try_lock().expect("let go once it stops");
    other.unlock().expect("unlock");
    ctx.forget_sandbox_data();
    assert!(!file.exists(), "deleted once nothing runs on it");
}

#[test]
fn inputs_holding_a_token_or_a_phone_never_print_it_in_debug() {
    let account = crate::ipc::PlatformAccountInput {
        url: "https://platform.example".into(),
        token: "tok_SECRET".into(),
    };
    let parcel = crate::logistics::ipc::ParcelInput {
        application_id: None,
        leg: crate::logistics::ipc::LegCode::Outbound,
        carrier: "shunfeng".into(),
        tracking_no: "SF1409876543210".into(),
        phone: Some("13812345678".into()),
        return_due: None,
    };
    let shown = format!("{account:?} {parcel:?}");
    assert!(shown.contains("platform.example") && shown.contains("SF1409876543210"));
    for secret in ["tok_SECRET", "13812345678", "5678"] {
        assert!(!shown.contains(secret), "{shown}");
    }
}
