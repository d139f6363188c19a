//! The applications endpoints over real HTTP on a random loopback port, with the control
//! handle's clock, brand moves and faults. (The client's view of the same endpoints is
//! `stardesk-platform`'s `tests/applications_against_sandbox.rs`.)

use std::collections::BTreeMap;
use std::net::SocketAddr;

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use stardesk_platform::wire::{
    Application, ApplicationPage, ApplicationStatus, Problem, SelectionOutcome, SettlementMode,
    Task, TaskEntry, TaskPage, PROBLEM_JSON,
};
use stardesk_sandbox::{
    problem_type, start, ControlError, Fault, RunningSandbox, SandboxConfig, DEMO_TOKEN,
};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

async fn sandbox_with(config: SandboxConfig) -> RunningSandbox {
    start(config, loopback()).await.expect("sandbox starts")
}

async fn sandbox() -> RunningSandbox {
    sandbox_with(SandboxConfig {
        now: Some(now()),
        ..SandboxConfig::default()
    })
    .await
}

fn client() -> reqwest::Client {
    reqwest::Client::new()
}

async fn get(sb: &RunningSandbox, path: &str) -> reqwest::Response {
    client()
        .get(format!("{}{path}", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .send()
        .await
        .expect("request reaches the sandbox")
}

async fn post(
    sb: &RunningSandbox,
    path: &str,
    key: Option<&str>,
    body: &Value,
) -> reqwest::Response {
    let mut req = client()
        .post(format!("{}{path}", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .json(body);
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    req.send().await.expect("request reaches the sandbox")
}

async fn problem(res: reqwest::Response, status: StatusCode) -> Problem {
    assert_eq!(res.status(), status);
    assert_eq!(res.headers()[reqwest::header::CONTENT_TYPE], PROBLEM_JSON);
    let doc: Problem = res.json().await.expect("a problem document");
    assert_eq!(doc.status, status.as_u16());
    doc
}

fn key(n: u32) -> String {
    format!("00000000-0000-4000-8000-{n:012}")
}

fn body(task_id: &str) -> Value {
    json!({
        "task_id": task_id,
        "contact_name": "林小满",
        "phone": "13812345678",
        "address": {
            "region_code": "330106",
            "province": "浙江省",
            "city": "杭州市",
            "district": "西湖区",
            "detail": "文三路90号东部软件园3号楼502室"
        },
        "strengths": "专注敏感肌护肤测评三年，粉丝以女性为主",
        "idea": "十四天真实打卡对比，结合成分讲解"
    })
}

async fn all_applications(sb: &RunningSandbox) -> Vec<Application> {
    let res = get(sb, "/v1/applications?limit=1000").await;
    assert_eq!(res.status(), StatusCode::OK);
    res.json::<ApplicationPage>().await.unwrap().items
}

/// An open product-review task taking applications today with free slots, not applied to.
async fn open_review_task(sb: &RunningSandbox) -> String {
    sb.control().add_open_review_tasks(1).remove(0)
}

/// Every open product-review task of the task feed.
async fn review_tasks(sb: &RunningSandbox) -> Vec<Task> {
    let mut tasks = Vec::new();
    let mut cursor = String::new();
    loop {
        let page: TaskPage = get(sb, &format!("/v1/tasks?limit=1000&cursor={cursor}"))
            .await
            .json()
            .await
            .unwrap();
        tasks.extend(page.items.into_iter().filter_map(|e| match e {
            TaskEntry::Open(t) if t.settlement_mode == Some(SettlementMode::ProductReview) => {
                Some(*t)
            }
            _ => None,
        }));
        if !page.has_more {
            return tasks;
        }
        cursor = page.next_cursor;
    }
}

#[tokio::test]
async fn the_demo_creator_starts_with_applications_in_every_status() {
    let (a, b) = (sandbox().await, sandbox().await);
    let first = get(&a, "/v1/applications").await.bytes().await.unwrap();
    let second = get(&b, "/v1/applications").await.bytes().await.unwrap();
    assert_eq!(first, second, "same seed and instant, same applications");

    let page: ApplicationPage = serde_json::from_slice(&first).unwrap();
    let mut statuses: BTreeMap<String, usize> = BTreeMap::new();
    let tasks: BTreeMap<String, Task> = review_tasks(&a)
        .await
        .into_iter()
        .map(|t| (t.id.clone(), t))
        .collect();
    for app in &page.items {
        let name = serde_json::to_value(app.status)
            .unwrap()
            .as_str()
            .unwrap()
            .to_owned();
        *statuses.entry(name).or_default() += 1;
        assert!(
            tasks.contains_key(&app.task_id),
            "{} is not an open review task",
            app.task_id
        );
        assert!(app.id.parse::<u64>().unwrap() > 1 << 53);
        if let Some(s) = &app.shipment {
            assert!(stardesk_platform::wire::CARRIERS.contains(&s.carrier.as_str()));
        }
    }
    assert_eq!(statuses.len(), 14, "{statuses:?}");
    assert_eq!(a.control().application_count(), page.items.len());
    // R-REVIEW-14: the rejected one says why.
    let rejected = page
        .items
        .iter()
        .find(|a| a.status == ApplicationStatus::ContentRejected)
        .unwrap();
    assert!(rejected
        .content
        .as_ref()
        .unwrap()
        .review
        .as_ref()
        .unwrap()
        .reason
        .is_some());
}

#[tokio::test]
async fn applying_is_idempotent_by_key() {
    let sb = sandbox().await;
    let control = sb.control();
    let task = open_review_task(&sb).await;
    let before = control.application_count();

    let res = post(&sb, "/v1/applications", Some(&key(1)), &body(&task)).await;
    assert_eq!(res.status(), StatusCode::CREATED);
    let location = res.headers()[reqwest::header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned();
    let created: Application = res.json().await.unwrap();
    assert_eq!(location, format!("/v1/applications/{}", created.id));
    assert_eq!(created.status, ApplicationStatus::Submitted);
    assert_eq!(created.task_id, task);

    // The same key and body: the same application, nothing created.
    let res = post(&sb, "/v1/applications", Some(&key(1)), &body(&task)).await;
    assert_eq!(res.status(), StatusCode::OK);
    let replayed: Application = res.json().await.unwrap();
    assert_eq!(replayed.id, created.id);
    // Key case does not matter; member order does not either.
    let upper = key(1).to_uppercase();
    assert_eq!(
        post(&sb, "/v1/applications", Some(&upper), &body(&task))
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(control.application_count(), before + 1);

    // The same key, another body.
    let mut other = body(&task);
    other["idea"] = json!("换一个创作思路：三十天长期使用记录");
    let doc = problem(
        post(&sb, "/v1/applications", Some(&key(1)), &other).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(doc.code.as_deref(), Some("idempotency_key_reused"));
    assert_eq!(doc.kind, problem_type::IDEMPOTENCY_KEY_REUSED);

    // A missing or malformed key, a body that is not an object.
    let doc = problem(
        post(&sb, "/v1/applications", None, &body(&task)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(doc.code.as_deref(), Some("idempotency_key_missing"));
    let doc = problem(
        post(&sb, "/v1/applications", Some("42"), &body(&task)).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(doc.code.as_deref(), Some("idempotency_key_invalid"));
    let doc = problem(
        post(&sb, "/v1/applications", Some(&key(2)), &json!([1])).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    assert_eq!(doc.code.as_deref(), Some("malformed_body"));
    assert_eq!(control.application_count(), before + 1);

    let res = get(&sb, &format!("/v1/applications/{}", created.id)).await;
    assert_eq!(res.json::<Application>().await.unwrap().id, created.id);
    problem(
        get(&sb, "/v1/applications/7599999999999999999").await,
        StatusCode::NOT_FOUND,
    )
    .await;
}

#[tokio::test]
async fn invalid_fields_are_listed_together() {
    let sb = sandbox().await;
    let task = open_review_task(&sb).await;
    let mut bad = body(&task);
    bad["phone"] = json!("23812345678");
    bad["address"]["region_code"] = json!("330100");
    bad["strengths"] = json!("短");
    let doc = problem(
        post(&sb, "/v1/applications", Some(&key(3)), &bad).await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(doc.code.as_deref(), Some("invalid_fields"));
    let fields: Vec<(&str, &str)> = doc
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.code.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("phone", "invalid_format"),
            ("address.region_code", "not_county_level"),
            ("strengths", "too_short")
        ]
    );
    for e in &doc.errors {
        assert!(
            !e.message.contains("23812345678"),
            "a message never repeats the value"
        );
    }
    let unknown = problem(
        post(
            &sb,
            "/v1/applications",
            Some(&key(4)),
            &body("7399999999999999999"),
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY,
    )
    .await;
    assert_eq!(unknown.errors[0].code.as_str(), "unknown_task");
}

#[tokio::test]
async fn faults_apply_to_applications_before_or_after_handling() {
    let sb = sandbox().await;
    let control = sb.control();
    let before = control.application_count();
    let tasks = sb.control().add_open_review_tasks(3);

    // Broken off before handling: nothing stored.
    control.push_fault(Fault::Disconnect);
    let sent = client()
        .post(format!("{}/v1/applications", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .header("Idempotency-Key", key(10))
        .json(&body(&tasks[0]))
        .send()
        .await;
    let failed = match sent {
        Err(_) => true,
        Ok(res) => res.bytes().await.is_err(),
    };
    assert!(failed, "a disconnect is a transport failure");
    assert_eq!(control.application_count(), before);

    // Handled, then a 503: stored, and the same key replays it.
    control.push_fault(Fault::HandledThenStatus(503));
    let res = post(&sb, "/v1/applications", Some(&key(11)), &body(&tasks[1])).await;
    assert_eq!(res.headers()[reqwest::header::RETRY_AFTER], "1");
    problem(res, StatusCode::SERVICE_UNAVAILABLE).await;
    assert_eq!(control.application_count(), before + 1);
    assert_eq!(
        post(&sb, "/v1/applications", Some(&key(11)), &body(&tasks[1]))
            .await
            .status(),
        StatusCode::OK
    );

    // Handled, then broken off: stored too.
    control.push_fault(Fault::HandledThenDisconnect);
    let sent = client()
        .post(format!("{}/v1/applications", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .header("Idempotency-Key", key(12))
        .json(&body(&tasks[2]))
        .send()
        .await;
    assert!(sent.is_err() || sent.unwrap().bytes().await.is_err());
    assert_eq!(control.application_count(), before + 2);
    assert_eq!(control.fault_counts().before_handling, 1);
    assert_eq!(control.fault_counts().after_handling, 2);

    // The random mix, from a seed: some requests fail each way, the same ones for a seed.
    control.set_random_faults(7, 50);
    let mut outcomes = Vec::new();
    for _ in 0..60 {
        let res = client()
            .get(format!("{}/v1/me", sb.url()))
            .bearer_auth(DEMO_TOKEN)
            .send()
            .await;
        outcomes.push(match res {
            Ok(r) if r.status() == StatusCode::OK => r.bytes().await.is_ok(),
            _ => false,
        });
    }
    control.set_random_faults(0, 0);
    let failures = outcomes.iter().filter(|ok| !**ok).count();
    assert!((15..=45).contains(&failures), "{failures} of 60 failed");
    let counts = control.fault_counts();
    assert!(
        counts.before_handling > 1 && counts.after_handling > 2,
        "{counts:?}"
    );
    assert_eq!(
        get(&sb, "/v1/me").await.status(),
        StatusCode::OK,
        "the mix is off again"
    );
}

/// R-REVIEW-3, driven by the clock: with the brand idle, an application made on a Beijing
/// day is still waiting at the last second of that day + 14, and not selected a second
/// later.
#[tokio::test]
async fn r_review_3_the_clock_expires_a_waiting_application() {
    let sb = sandbox().await;
    let control = sb.control();
    control.set_brand_autopilot(false);
    // 2026-11-22 12:00 Beijing.
    control.set_now(now());
    let task = open_review_task(&sb).await;
    let created: Application = post(&sb, "/v1/applications", Some(&key(20)), &body(&task))
        .await
        .json()
        .await
        .unwrap();
    let path = format!("/v1/applications/{}", created.id);

    control.set_now("2026-12-06T15:59:59Z".parse().unwrap());
    let app: Application = get(&sb, &path).await.json().await.unwrap();
    assert_eq!(app.status, ApplicationStatus::Submitted);
    control.advance(TimeDelta::seconds(1));
    let app: Application = get(&sb, &path).await.json().await.unwrap();
    assert_eq!(app.status, ApplicationStatus::NotSelected);
    let selection = app.selection.unwrap();
    assert_eq!(selection.outcome, SelectionOutcome::Expired);
    assert_eq!(
        selection.decided_at,
        "2026-12-06T16:00:00Z".parse::<DateTime<Utc>>().unwrap()
    );
    assert!(app.updated_at > created.updated_at);
}

#[tokio::test]
async fn control_forces_brand_moves_and_refuses_wrong_ones() {
    let sb = sandbox().await;
    let control = sb.control();
    control.set_brand_autopilot(false);
    let task = open_review_task(&sb).await;
    let app: Application = post(&sb, "/v1/applications", Some(&key(30)), &body(&task))
        .await
        .json()
        .await
        .unwrap();
    let id = app.id.as_str();

    assert!(matches!(
        control.deliver(id),
        Err(ControlError::WrongState {
            status: ApplicationStatus::Submitted,
            ..
        })
    ));
    assert!(matches!(
        control.select("1"),
        Err(ControlError::NotFound(_))
    ));
    assert_eq!(
        control.select(id).unwrap().status,
        ApplicationStatus::Selected
    );
    let shipped = control
        .ship(id, "shunfeng", "SF1402938475612", control.today())
        .unwrap();
    assert_eq!(shipped.status, ApplicationStatus::Shipped);
    assert_eq!(shipped.shipment.as_ref().unwrap().carrier, "shunfeng");
    assert_eq!(
        control.deliver(id).unwrap().status,
        ApplicationStatus::Delivered
    );
    let content = json!({"url": "https://www.douyin.com/video/7441234567890123456", "published_on": control.today()});
    let res = post(
        &sb,
        &format!("/v1/applications/{id}/content"),
        None,
        &content,
    )
    .await;
    assert_eq!(
        res.json::<Application>().await.unwrap().status,
        ApplicationStatus::ContentSubmitted
    );
    let rejected = control
        .reject(id, "未挂载商品组件，请补充后重新上传")
        .unwrap();
    assert_eq!(rejected.status, ApplicationStatus::ContentRejected);
    post(
        &sb,
        &format!("/v1/applications/{id}/content"),
        None,
        &content,
    )
    .await;
    // Approved content published today goes public at once.
    assert_eq!(
        control.approve(id).unwrap().status,
        ApplicationStatus::Published
    );
    assert!(control.pay(id).is_err());
    let listed = control.list_reward(id, "500".parse().unwrap()).unwrap();
    assert_eq!(listed.status, ApplicationStatus::RewardListed);
    assert_eq!(listed.reward.as_ref().unwrap().listed_on, control.today());
    // R-REVIEW-9: paid once the 3 days of publicity are over.
    control.advance(TimeDelta::days(3));
    let paid: Application = get(&sb, &format!("/v1/applications/{id}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(paid.status, ApplicationStatus::RewardPaid);
    assert_eq!(
        paid.reward.unwrap().paid_on,
        Some(listed.reward.unwrap().listed_on + TimeDelta::days(3))
    );
}

/// The brands on autopilot: moving the clock two months on takes fresh applications to
/// the end of their story, the same story on two sandboxes with the same seed.
#[tokio::test]
async fn on_autopilot_the_brands_play_applications_through() {
    let run = || async {
        let sb = sandbox().await;
        let control = sb.control();
        control.set_now(now());
        let tasks = control.add_open_review_tasks(12);
        for (n, task) in tasks.iter().enumerate() {
            let res = post(
                &sb,
                "/v1/applications",
                Some(&key(40 + n as u32)),
                &body(task),
            )
            .await;
            assert_eq!(res.status(), StatusCode::CREATED);
        }
        for _ in 0..90 {
            control.advance(TimeDelta::days(1));
            // The creator reports content once the sample has arrived, and revises once.
            for app in all_applications(&sb).await {
                let version = match app.status {
                    ApplicationStatus::Delivered => "v1",
                    ApplicationStatus::ContentRejected => "v2",
                    _ => continue,
                };
                let content = json!({
                    "url": format!("https://www.douyin.com/video/{}{version}", app.id),
                    "published_on": control.today(),
                });
                post(
                    &sb,
                    &format!("/v1/applications/{}/content", app.id),
                    None,
                    &content,
                )
                .await;
            }
        }
        let apps: Vec<Application> = all_applications(&sb)
            .await
            .into_iter()
            .filter(|a| tasks.contains(&a.task_id))
            .collect();
        apps
    };
    let apps = run().await;
    assert_eq!(apps.len(), 12);
    for app in &apps {
        use ApplicationStatus as S;
        assert!(
            matches!(
                app.status,
                S::NotSelected | S::Completed | S::Failed | S::RewardPaid
            ),
            "{app:?}"
        );
    }
    assert!(
        apps.iter().any(|a| a.shipment.is_some()),
        "some were shipped"
    );
    let mut again = run().await;
    // Ids and stamps differ in time; the stories do not.
    let story = |a: &Application| {
        (
            a.status,
            a.selection.as_ref().map(|s| s.outcome),
            a.shipment.clone(),
            a.reward.clone(),
        )
    };
    again.sort_by_key(|a| a.task_id.clone());
    let mut apps = apps;
    apps.sort_by_key(|a| a.task_id.clone());
    assert_eq!(
        apps.iter().map(story).collect::<Vec<_>>(),
        again.iter().map(story).collect::<Vec<_>>()
    );
}

#[tokio::test]
async fn applications_and_keys_survive_a_restart() {
    let dir = std::env::temp_dir().join(format!("sandbox-applications-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("sandbox.sqlite");
    let _ = std::fs::remove_file(&path);
    let config = SandboxConfig {
        now: Some(now()),
        db_path: Some(path.clone()),
        tasks: 300,
        ..SandboxConfig::default()
    };
    let sb = sandbox_with(config.clone()).await;
    let task = open_review_task(&sb).await;
    let created: Application = post(&sb, "/v1/applications", Some(&key(50)), &body(&task))
        .await
        .json()
        .await
        .unwrap();
    let count = sb.control().application_count();
    sb.shutdown().await;

    let sb = sandbox_with(config).await;
    assert_eq!(
        sb.control().application_count(),
        count,
        "no second set of demo applications"
    );
    let res = post(&sb, "/v1/applications", Some(&key(50)), &body(&task)).await;
    assert_eq!(res.status(), StatusCode::OK, "the key is remembered");
    assert_eq!(res.json::<Application>().await.unwrap().id, created.id);
    sb.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}
