//! The sandbox over real HTTP on a random loopback port, as its clients see it.

use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use reqwest::StatusCode;
use stardesk_platform::wire::{
    Category, Me, Problem, Reward, SettlementMode, Task, TaskEntry, TaskPage, PROBLEM_JSON,
};
use stardesk_sandbox::{start, Fault, RunningSandbox, SandboxConfig, DEMO_TOKEN};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

async fn sandbox_with(seed: u64, tasks: usize) -> RunningSandbox {
    let config = SandboxConfig {
        seed,
        tasks,
        now: Some(now()),
        ..SandboxConfig::default()
    };
    start(config, loopback()).await.expect("sandbox starts")
}

async fn sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig::default().seed, 3000).await
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn get(sb: &RunningSandbox, path_and_query: &str) -> reqwest::Response {
    client()
        .get(format!("{}{path_and_query}", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .send()
        .await
        .expect("request reaches the sandbox")
}

async fn page(sb: &RunningSandbox, path_and_query: &str) -> TaskPage {
    let res = get(sb, path_and_query).await;
    assert_eq!(res.status(), StatusCode::OK, "{path_and_query}");
    res.json().await.expect("a TaskPage")
}

/// Asserts an RFC 9457 problem response and returns the document.
async fn problem(res: reqwest::Response, status: StatusCode) -> Problem {
    assert_eq!(res.status(), status);
    let content_type = res.headers()[reqwest::header::CONTENT_TYPE]
        .to_str()
        .unwrap();
    assert_eq!(content_type, PROBLEM_JSON);
    let doc: Problem = res.json().await.expect("a problem document");
    assert_eq!(doc.status, status.as_u16());
    assert!(doc.kind.starts_with("urn:stardesk:problem:"), "{doc:?}");
    doc
}

/// Pages through the whole feed from `cursor`, checking `remaining` on the way.
async fn drain(sb: &RunningSandbox, cursor: Option<&str>, limit: u32) -> (Vec<TaskEntry>, String) {
    let mut items = Vec::new();
    let mut cursor = cursor.map(str::to_owned);
    let mut last_remaining = u64::MAX;
    loop {
        let query = match &cursor {
            Some(c) => format!("/v1/tasks?limit={limit}&cursor={c}"),
            None => format!("/v1/tasks?limit={limit}"),
        };
        let p = page(sb, &query).await;
        assert!(p.items.len() <= limit as usize);
        assert!(
            p.remaining < last_remaining,
            "remaining must fall page by page"
        );
        assert_eq!(p.has_more, p.remaining > 0);
        last_remaining = p.remaining;
        items.extend(p.items);
        cursor = Some(p.next_cursor.clone());
        if !p.has_more {
            return (items, p.next_cursor);
        }
    }
}

fn open_tasks(entries: &[TaskEntry]) -> Vec<&Task> {
    entries
        .iter()
        .map(|e| match e {
            TaskEntry::Open(t) => t.as_ref(),
            other => panic!("a fresh feed has no tombstones: {other:?}"),
        })
        .collect()
}

#[tokio::test]
async fn same_seed_gives_an_identical_first_page() {
    let (a, b) = (sandbox().await, sandbox().await);
    let first = |sb: RunningSandbox| async move {
        get(&sb, "/v1/tasks?limit=1000")
            .await
            .bytes()
            .await
            .unwrap()
    };
    let (a_bytes, b_bytes) = (first(a).await, first(b).await);
    assert!(a_bytes.len() > 100_000, "a page of 1000 tasks");
    assert_eq!(a_bytes, b_bytes);

    let other = sandbox_with(7, 3000).await;
    let other_page = page(&other, "/v1/tasks?limit=10").await;
    let ours: TaskPage = serde_json::from_slice(&a_bytes).unwrap();
    assert_ne!(ours.items[0].id(), other_page.items[0].id());
}

#[tokio::test]
async fn default_dataset_is_varied_and_realistic() {
    let sb = sandbox().await;
    let (entries, _) = drain(&sb, None, 1000).await;
    let tasks = open_tasks(&entries);
    assert_eq!(tasks.len(), 3000);

    let industries: HashSet<&str> = tasks.iter().map(|t| t.industry.as_str()).collect();
    let brands: HashSet<&str> = tasks.iter().map(|t| t.brand.as_str()).collect();
    assert!(industries.len() >= 20, "{} industries", industries.len());
    assert!(brands.len() >= 200, "{} brands", brands.len());

    let mut categories: HashMap<Category, usize> = HashMap::new();
    let mut rewards: HashMap<&str, usize> = HashMap::new();
    for t in &tasks {
        *categories.entry(t.category).or_default() += 1;
        let kind = match &t.reward {
            Reward::Fixed { .. } => "fixed",
            Reward::PlayTiers { .. } => "play_tiers",
            Reward::Rank { .. } => "rank",
            Reward::SampleOnly => "sample_only",
        };
        *rewards.entry(kind).or_default() += 1;
        assert_eq!(
            t.settlement_mode.is_some(),
            t.category == Category::Recruitment
        );
        assert!(t.id.parse::<u64>().unwrap() > 1 << 53, "{}", t.id);
        assert!(t.title.contains(&t.brand), "{}", t.title);
        assert!(!t.description.is_empty() && !t.requirements.is_empty());
        assert!(t.updated_at <= now() && now() - t.updated_at <= chrono::TimeDelta::days(60));
    }
    assert_eq!(categories.len(), 4, "{categories:?}");
    assert_eq!(rewards.len(), 4, "{rewards:?}");
    // ~35 / 35 / 15 / 15 %.
    let share = |c: Category| categories[&c] * 100 / tasks.len();
    assert!(
        (30..=40).contains(&share(Category::Submission)),
        "{categories:?}"
    );
    assert!(
        (30..=40).contains(&share(Category::Recruitment)),
        "{categories:?}"
    );
    assert!(
        (11..=19).contains(&share(Category::Assigned)),
        "{categories:?}"
    );
    assert!(
        (11..=19).contains(&share(Category::Preferred)),
        "{categories:?}"
    );
    let reviews = tasks
        .iter()
        .filter(|t| t.settlement_mode == Some(SettlementMode::ProductReview))
        .count();
    let review_share = reviews * 100 / categories[&Category::Recruitment];
    assert!(
        (52..=68).contains(&review_share),
        "{review_share}% product review"
    );

    let ids: HashSet<&str> = tasks.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids.len(), 3000);
    let face_cream = tasks.iter().filter(|t| t.title.contains("面霜")).count();
    assert!(face_cream >= 50, "{face_cream} titles with 面霜");
    // Some windows are over, some open now, some not yet open.
    let today = now().date_naive();
    assert!(tasks.iter().any(|t| t.apply_end < today));
    assert!(tasks
        .iter()
        .any(|t| t.apply_start <= today && today <= t.apply_end));
    assert!(tasks.iter().any(|t| t.apply_start > today));
}

#[tokio::test]
async fn paging_yields_every_id_exactly_once() {
    let sb = sandbox().await;
    let first = page(&sb, "/v1/tasks?limit=700").await;
    assert_eq!(first.remaining, 2300);
    assert_eq!(first.next_cursor, first.next_cursor.trim());

    let (entries, last_cursor) = drain(&sb, None, 700).await;
    let ids: Vec<&str> = entries.iter().map(TaskEntry::id).collect();
    let unique: HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(ids.len(), 3000);
    assert_eq!(unique.len(), 3000);

    // Nothing changed since: an empty page that hands the same cursor back.
    let tail = page(&sb, &format!("/v1/tasks?cursor={last_cursor}")).await;
    assert!(tail.items.is_empty());
    assert_eq!(tail.next_cursor, last_cursor);
    assert!(!tail.has_more);
    assert_eq!(tail.remaining, 0);

    // Default page size.
    assert_eq!(page(&sb, "/v1/tasks").await.items.len(), 500);
}

#[tokio::test]
async fn feed_from_a_saved_cursor_returns_exactly_the_changes() {
    let sb = sandbox().await;
    let control = sb.control();
    let (before, cursor) = drain(&sb, None, 1000).await;
    let before: HashMap<String, Task> = open_tasks(&before)
        .into_iter()
        .map(|t| (t.id.clone(), t.clone()))
        .collect();

    let modified = control.modify_tasks(10);
    let closed = control.close_tasks(5);
    assert_eq!((modified.len(), closed.len()), (10, 5));
    assert_eq!(control.open_task_count(), 2995);

    let (changes, _) = drain(&sb, Some(&cursor), 1000).await;
    assert_eq!(changes.len(), 15);
    let mut seen_modified = Vec::new();
    let mut seen_closed = Vec::new();
    for entry in &changes {
        match entry {
            TaskEntry::Open(t) => {
                let old = &before[&t.id];
                assert!(t.updated_at > old.updated_at);
                let mut same_stamp = (**t).clone();
                same_stamp.updated_at = old.updated_at;
                assert_ne!(&same_stamp, old, "a modification must be visible");
                seen_modified.push(t.id.clone());
            }
            TaskEntry::Closed { id, updated_at } => {
                assert!(*updated_at > before[id].updated_at);
                seen_closed.push(id.clone());
            }
            TaskEntry::Deleted { id, .. } => panic!("nothing was deleted, got {id}"),
        }
    }
    assert_eq!(seen_modified, modified);
    assert_eq!(seen_closed, closed);
    let all_changed: HashSet<&String> = modified.iter().chain(&closed).collect();
    assert_eq!(all_changed.len(), 15, "no task touched twice");

    // A fresh client gets only the 2,995 open tasks, no tombstones.
    let (fresh, _) = drain(&sb, None, 1000).await;
    assert_eq!(open_tasks(&fresh).len(), 2995);
}

#[tokio::test]
async fn deleted_and_added_tasks_reach_the_feed() {
    let sb = sandbox_with(99, 200).await;
    let control = sb.control();
    let cursor = page(&sb, "/v1/tasks?limit=1000").await.next_cursor;
    let deleted = control.delete_tasks(3);
    let added = control.add_tasks(4);
    assert_eq!(control.open_task_count(), 200 - 3 + 4);

    let changes = page(&sb, &format!("/v1/tasks?cursor={cursor}")).await;
    let deleted_seen: Vec<&str> = changes
        .items
        .iter()
        .filter(|e| matches!(e, TaskEntry::Deleted { .. }))
        .map(TaskEntry::id)
        .collect();
    let added_seen: Vec<&str> = changes
        .items
        .iter()
        .filter(|e| matches!(e, TaskEntry::Open(_)))
        .map(TaskEntry::id)
        .collect();
    assert_eq!(deleted_seen, deleted);
    assert_eq!(added_seen, added);
}

#[tokio::test]
async fn updated_since_filters_the_feed() {
    let sb = sandbox().await;
    let all = page(&sb, "/v1/tasks?limit=1000&cursor=r2000").await;
    let since = match &all.items[500] {
        TaskEntry::Open(t) => t.updated_at,
        other => panic!("{other:?}"),
    };
    let since_text = since.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let filtered = page(
        &sb,
        &format!("/v1/tasks?limit=1000&updated_since={since_text}"),
    )
    .await;
    assert!(!filtered.items.is_empty());
    for entry in &filtered.items {
        let TaskEntry::Open(t) = entry else {
            panic!("{entry:?}")
        };
        assert!(t.updated_at >= since);
    }
    let expected = all
        .items
        .iter()
        .filter(|e| matches!(e, TaskEntry::Open(t) if t.updated_at >= since))
        .count();
    assert_eq!(filtered.items.len(), expected);
    assert!(expected < all.items.len());
}

#[tokio::test]
async fn missing_or_wrong_token_is_a_401_problem() {
    let sb = sandbox_with(1, 10).await;
    let url = format!("{}/v1/tasks", sb.url());

    let res = client().get(&url).send().await.unwrap();
    assert!(res.headers()[reqwest::header::WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .starts_with("Bearer"));
    problem(res, StatusCode::UNAUTHORIZED).await;

    let res = client()
        .get(&url)
        .bearer_auth("not-the-token")
        .send()
        .await
        .unwrap();
    let doc = problem(res, StatusCode::UNAUTHORIZED).await;
    assert_eq!(doc.kind, stardesk_sandbox::problem_type::UNAUTHORIZED);

    let res = client()
        .get(format!("{}/v1/me", sb.url()))
        .basic_auth("demo", Some(DEMO_TOKEN))
        .send()
        .await
        .unwrap();
    problem(res, StatusCode::UNAUTHORIZED).await;
    assert_eq!(sb.control().request_count(), 3);

    // A custom token replaces the demo one.
    let custom = start(
        SandboxConfig {
            tasks: 5,
            token: "s3cret".into(),
            ..SandboxConfig::default()
        },
        loopback(),
    )
    .await
    .unwrap();
    let res = get(&custom, "/v1/me").await;
    problem(res, StatusCode::UNAUTHORIZED).await;
    let res = client()
        .get(format!("{}/v1/me", custom.url()))
        .bearer_auth("s3cret")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
}

#[tokio::test]
async fn malformed_parameters_are_400_problems_naming_them() {
    let sb = sandbox_with(1, 10).await;
    for (query, name) in [
        ("limit=0", "limit"),
        ("limit=1001", "limit"),
        ("limit=ten", "limit"),
        ("cursor=12345", "cursor"),
        ("cursor=r12x", "cursor"),
        ("updated_since=2026-13-01T00:00:00Z", "updated_since"),
        ("updated_since=yesterday", "updated_since"),
    ] {
        let res = get(&sb, &format!("/v1/tasks?{query}")).await;
        let doc = problem(res, StatusCode::BAD_REQUEST).await;
        assert!(doc.title.contains(name), "{query}: {doc:?}");
        assert!(doc.detail.is_some());
    }
    // The boundaries themselves are fine.
    assert_eq!(get(&sb, "/v1/tasks?limit=1").await.status(), StatusCode::OK);
    assert_eq!(
        get(&sb, "/v1/tasks?limit=1000").await.status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn injected_status_fault_then_normal_service() {
    let sb = sandbox_with(1, 10).await;
    let control = sb.control();
    control.push_fault(Fault::Status(500));
    control.push_fault(Fault::Pass);
    control.push_fault(Fault::Status(503));
    assert_eq!(control.pending_faults(), 3);

    let doc = problem(
        get(&sb, "/v1/tasks").await,
        StatusCode::INTERNAL_SERVER_ERROR,
    )
    .await;
    assert_eq!(doc.kind, stardesk_sandbox::problem_type::INJECTED_FAULT);
    assert_eq!(get(&sb, "/v1/tasks").await.status(), StatusCode::OK);
    let res = get(&sb, "/v1/me").await;
    assert_eq!(res.headers()[reqwest::header::RETRY_AFTER], "1");
    problem(res, StatusCode::SERVICE_UNAVAILABLE).await;

    let res = get(&sb, "/v1/tasks").await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.json::<TaskPage>().await.unwrap().items.len(), 10);
    assert_eq!(control.pending_faults(), 0);
    assert_eq!(control.request_count(), 4);

    // A status no server can send as a final answer becomes a 500.
    control.push_fault(Fault::Status(42));
    problem(get(&sb, "/v1/me").await, StatusCode::INTERNAL_SERVER_ERROR).await;
}

#[tokio::test]
async fn injected_delay_then_normal_service() {
    let sb = sandbox_with(1, 10).await;
    // A delay far beyond an ordinary request of a debug build on a loaded machine, so the
    // request after it is told from it by time alone.
    let delay = Duration::from_secs(3);
    sb.control().push_fault(Fault::Delay(delay));

    let started = Instant::now();
    let res = get(&sb, "/v1/me").await;
    assert!(started.elapsed() >= delay);
    assert_eq!(res.status(), StatusCode::OK);

    let started = Instant::now();
    assert_eq!(get(&sb, "/v1/me").await.status(), StatusCode::OK);
    assert!(started.elapsed() < delay);
    assert_eq!(sb.control().pending_faults(), 0);

    // A client-side timeout shorter than the delay sees a timeout, as against a slow server.
    sb.control()
        .push_fault(Fault::Delay(Duration::from_millis(800)));
    let err = client()
        .get(format!("{}/v1/me", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .timeout(Duration::from_millis(100))
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout());
}

#[tokio::test]
async fn single_task_is_200_404_or_410() {
    let sb = sandbox_with(3, 50).await;
    let control = sb.control();
    let first = page(&sb, "/v1/tasks?limit=50").await;
    let TaskEntry::Open(listed) = &first.items[0] else {
        panic!("open task expected")
    };

    let res = get(&sb, &format!("/v1/tasks/{}", listed.id)).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(&res.json::<Task>().await.unwrap(), listed.as_ref());

    problem(
        get(&sb, "/v1/tasks/7399999999999999999").await,
        StatusCode::NOT_FOUND,
    )
    .await;
    problem(get(&sb, "/v1/tasks/not-an-id").await, StatusCode::NOT_FOUND).await;

    let closed = control.close_tasks(1);
    let deleted = control.delete_tasks(1);
    let doc = problem(
        get(&sb, &format!("/v1/tasks/{}", closed[0])).await,
        StatusCode::GONE,
    )
    .await;
    assert!(doc.detail.unwrap().contains("closed"));
    let doc = problem(
        get(&sb, &format!("/v1/tasks/{}", deleted[0])).await,
        StatusCode::GONE,
    )
    .await;
    assert!(doc.detail.unwrap().contains("deleted"));

    let modified = control.modify_tasks(1);
    let res = get(&sb, &format!("/v1/tasks/{}", modified[0])).await;
    let task: Task = res.json().await.unwrap();
    assert!(task.updated_at > now());
}

#[tokio::test]
async fn me_healthz_and_unknown_routes() {
    let sb = sandbox_with(1, 10).await;
    let res = get(&sb, "/v1/me").await;
    assert_eq!(res.status(), StatusCode::OK);
    let me: Me = res.json().await.unwrap();
    assert_eq!(me.followers, 268_000);
    assert_eq!(me.level, 2);
    assert!(me.agency.is_none());
    assert!(me.creator_id.parse::<u64>().unwrap() > 1 << 53);
    assert!(!me.nickname.is_ascii());

    let res = client()
        .get(format!("{}/healthz", sb.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.text().await.unwrap(), "ok");
    assert_eq!(
        sb.control().request_count(),
        1,
        "/healthz is not a /v1 request"
    );

    problem(get(&sb, "/v2/tasks").await, StatusCode::NOT_FOUND).await;
    assert!(sb.url().starts_with("http://127.0.0.1:"));
    assert_ne!(sb.addr().port(), 0);
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let sb = sandbox_with(1, 10).await;
    let url = format!("{}/healthz", sb.url());
    assert!(client().get(&url).send().await.is_ok());
    sb.shutdown().await;
    let fresh = reqwest::Client::new();
    assert!(fresh.get(&url).send().await.is_err());

    let dropped = sandbox_with(1, 10).await;
    let url = format!("{}/healthz", dropped.url());
    drop(dropped);
    // Dropping stops the server in the background; give it a moment.
    let mut refused = false;
    for _ in 0..50 {
        if reqwest::Client::new().get(&url).send().await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert!(refused, "a dropped sandbox stops serving");
}
