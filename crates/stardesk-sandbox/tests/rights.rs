//! The rights center as a peer sees it over HTTP: the requests a client could get wrong
//! (keys, parameters, bodies), the `/control/rights` routes end-to-end tests use, the same
//! data from the same seed, and a database of the schema before the rights center.

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use stardesk_platform::wire::{
    BenefitCard, BenefitList, BenefitStatus, Invitation, InvitationKind, InvitationList,
    InvitationStatus, Problem, RightsMetrics,
};
use stardesk_sandbox::{start, RunningSandbox, SandboxConfig, DEMO_TOKEN};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn config() -> SandboxConfig {
    SandboxConfig {
        now: Some(now()),
        tasks: 300,
        control_http: true,
        ..SandboxConfig::default()
    }
}

async fn sandbox_with(config: SandboxConfig) -> RunningSandbox {
    let sb = start(config, "127.0.0.1:0".parse().unwrap())
        .await
        .expect("sandbox starts");
    sb.control().set_now(now());
    sb
}

const KEY: &str = "5b0f4c7e-2d8a-4f1e-9c36-0a7d51e2b8f4";

async fn call(
    sb: &RunningSandbox,
    method: &str,
    path: &str,
    key: Option<&str>,
    body: Option<Value>,
) -> reqwest::Response {
    let client = reqwest::Client::new();
    let url = format!("{}{path}", sb.url());
    let mut req = match method {
        "GET" => client.get(url),
        _ => client.post(url),
    }
    .bearer_auth(DEMO_TOKEN);
    if let Some(key) = key {
        req = req.header("Idempotency-Key", key);
    }
    if let Some(body) = body {
        req = req.json(&body);
    }
    req.send().await.expect("the sandbox answers")
}

async fn ok<T: serde::de::DeserializeOwned>(res: reqwest::Response) -> T {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "{status}: {text}");
    serde_json::from_str(&text).unwrap()
}

async fn problem(res: reqwest::Response, status: StatusCode) -> Problem {
    assert_eq!(res.status(), status);
    res.json().await.unwrap()
}

async fn available_card(sb: &RunningSandbox) -> BenefitCard {
    let list: BenefitList = ok(call(sb, "GET", "/v1/rights/benefits", None, None).await).await;
    list.items
        .into_iter()
        .find(|c| c.status == BenefitStatus::Available)
        .expect("an available card")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn claims_and_answers_need_a_uuid_key() {
    let sb = sandbox_with(config()).await;
    let card = available_card(&sb).await;
    let path = format!("/v1/rights/benefits/{}/claim", card.id);
    let missing = problem(
        call(&sb, "POST", &path, None, None).await,
        StatusCode::BAD_REQUEST,
    );
    assert_eq!(
        missing.await.code.as_deref(),
        Some("idempotency_key_missing")
    );
    let invalid = call(&sb, "POST", &path, Some("not-a-uuid"), None).await;
    let invalid = problem(invalid, StatusCode::BAD_REQUEST).await;
    assert_eq!(invalid.code.as_deref(), Some("idempotency_key_invalid"));
    // Refused requests keep nothing: the card is still available.
    assert_eq!(available_card(&sb).await, card);

    let claimed: BenefitCard = ok(call(&sb, "POST", &path, Some(KEY), None).await).await;
    assert_eq!(claimed.status, BenefitStatus::Claimed);
    // The same key to answer an invitation: another request.
    let list: InvitationList =
        ok(call(&sb, "GET", "/v1/rights/invitations", None, None).await).await;
    let pending = list
        .items
        .iter()
        .find(|i| i.status == InvitationStatus::Pending);
    let accept = format!("/v1/rights/invitations/{}/accept", pending.unwrap().id);
    let reused = call(&sb, "POST", &accept, Some(KEY), None).await;
    let reused = problem(reused, StatusCode::UNPROCESSABLE_ENTITY).await;
    assert_eq!(reused.code.as_deref(), Some("idempotency_key_reused"));
    let unknown = call(
        &sb,
        "POST",
        "/v1/rights/invitations/1/decline",
        Some(KEY),
        None,
    );
    problem(unknown.await, StatusCode::UNPROCESSABLE_ENTITY).await;
    let fresh = "0b0f4c7e-2d8a-4f1e-9c36-0a7d51e2b8f4";
    let nobody = call(
        &sb,
        "POST",
        "/v1/rights/invitations/1/decline",
        Some(fresh),
        None,
    );
    problem(nobody.await, StatusCode::NOT_FOUND).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parameters_and_bodies_are_checked() {
    let sb = sandbox_with(config()).await;
    for days in ["0", "366", "abc", "-1"] {
        let path = format!("/v1/rights/star-index/history?days={days}");
        let p = problem(
            call(&sb, "GET", &path, None, None).await,
            StatusCode::BAD_REQUEST,
        );
        assert!(p.await.title.contains("days"), "{days}");
    }
    let all: Value = ok(call(
        &sb,
        "GET",
        "/v1/rights/star-index/history?days=",
        None,
        None,
    )
    .await)
    .await;
    assert_eq!(all["items"].as_array().unwrap().len(), 90, "the default");

    let path = "/v1/rights/featured-case";
    let res = reqwest::Client::new()
        .post(format!("{}{path}", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .body("[1]")
        .send()
        .await
        .unwrap();
    let p = problem(res, StatusCode::BAD_REQUEST).await;
    assert_eq!(p.code.as_deref(), Some("malformed_body"));
    for (body, code) in [
        (json!({}), "required"),
        (json!({"text": null}), "required"),
        (json!({"text": 42}), "invalid_type"),
        (json!({"text": "\n "}), "required"),
        (json!({"text": "例".repeat(2001)}), "too_long"),
    ] {
        let res = call(&sb, "POST", path, None, Some(body.clone())).await;
        let p = problem(res, StatusCode::UNPROCESSABLE_ENTITY).await;
        assert_eq!(p.errors[0].code.as_str(), code, "{body}");
        assert_eq!(p.errors[0].field, "text");
    }
    let created = call(
        &sb,
        "POST",
        path,
        None,
        Some(json!({"text": "例".repeat(2000)})),
    );
    assert_eq!(created.await.status(), StatusCode::CREATED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_control_routes_send_invitations_and_expire_cards() {
    let sb = sandbox_with(config()).await;
    let res = call(&sb, "POST", "/control/rights/invitations", None, None).await;
    let sent: Invitation = ok(res).await;
    assert_eq!(
        (sent.kind, sent.status),
        (InvitationKind::Dispatch, InvitationStatus::Pending)
    );
    assert_eq!(sent.received_at, now());
    let body = json!({"kind": "inquiry", "price": "6500.50"});
    let res = call(&sb, "POST", "/control/rights/invitations", None, Some(body)).await;
    let inquiry: Invitation = ok(res).await;
    assert_eq!(inquiry.kind, InvitationKind::Inquiry);
    assert_eq!(inquiry.price.to_string(), "6500.50");
    let list: InvitationList =
        ok(call(&sb, "GET", "/v1/rights/invitations", None, None).await).await;
    assert_eq!(&list.items[..2], &[inquiry, sent]);
    let bad = json!({"kind": "order"});
    let res = call(&sb, "POST", "/control/rights/invitations", None, Some(bad)).await;
    problem(res, StatusCode::BAD_REQUEST).await;

    let card = available_card(&sb).await;
    let path = format!("/control/rights/benefits/{}/expire", card.id);
    let expired: BenefitCard = ok(call(&sb, "POST", &path, None, None).await).await;
    assert_eq!(expired.status, BenefitStatus::Expired);
    let res = call(&sb, "POST", "/control/rights/benefits/1/expire", None, None).await;
    problem(res, StatusCode::NOT_FOUND).await;

    // Without --control, none of it exists.
    let plain = sandbox_with(SandboxConfig {
        control_http: false,
        ..config()
    })
    .await;
    let res = call(&plain, "POST", "/control/rights/invitations", None, None).await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
}

/// The same seed and instant give the same rights data, ids included; another seed not.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_seed_gives_the_same_creator() {
    let paths = [
        "/v1/rights/metrics",
        "/v1/rights/benefits",
        "/v1/rights/dispatches",
        "/v1/rights/star-index/history?days=90",
        "/v1/rights/invitations",
        "/v1/agencies",
    ];
    let mut answers = Vec::new();
    for seed in [1, 1, 2] {
        let sb = sandbox_with(SandboxConfig { seed, ..config() }).await;
        sb.control().advance(TimeDelta::minutes(2));
        let mut all = Vec::new();
        for path in paths {
            all.push(ok::<Value>(call(&sb, "GET", path, None, None).await).await);
        }
        answers.push(all);
    }
    assert_eq!(answers[0], answers[1]);
    // The dispatch periods have no ids and few numbers: they may agree by chance.
    for (i, path) in paths
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.contains("dispatches"))
    {
        assert_ne!(answers[0][i], answers[2][i], "{path}");
    }
}

/// A file of the schema before the rights center (3) gains its tables and the demo data;
/// each start sends one dispatch 2 minutes on, unless one is still on its way.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_older_database_gains_the_rights_center() {
    let dir = tempfile_dir();
    let db = dir.join("sandbox.sqlite");
    let config = SandboxConfig {
        db_path: Some(db.clone()),
        ..config()
    };
    start(config.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap()
        .shutdown()
        .await;
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "DROP TABLE rights_creator; DROP TABLE rights_posts; DROP TABLE rights_benefits;
             DROP TABLE rights_invitations; DROP TABLE rights_keys;
             DROP TABLE rights_featured_case; DELETE FROM meta WHERE key = 'demo_rights';
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let sb = sandbox_with(config.clone()).await;
    let m: RightsMetrics = ok(call(&sb, "GET", "/v1/rights/metrics", None, None).await).await;
    assert_eq!(m.followers, 268_000);
    sb.shutdown().await;
    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    // v3 → the rights center (4) → the feed's index of open tasks (5).
    assert_eq!(version, 5);

    // Started again an hour later: the first start's dispatch has come and gone, so a new
    // one is on its way.
    let later = SandboxConfig {
        now: Some(now() + TimeDelta::hours(1)),
        ..config
    };
    let sb = start(later, "127.0.0.1:0".parse().unwrap()).await.unwrap();
    sb.control().advance(TimeDelta::minutes(2));
    let list: InvitationList =
        ok(call(&sb, "GET", "/v1/rights/invitations", None, None).await).await;
    let dispatches: Vec<&Invitation> = list
        .items
        .iter()
        .filter(|i| i.kind == InvitationKind::Dispatch && i.received_at > now())
        .collect();
    assert_eq!(dispatches.len(), 2, "{dispatches:?}");
    assert_eq!(dispatches[0].status, InvitationStatus::Pending);
    assert_eq!(dispatches[1].status, InvitationStatus::Expired, "R-PREF-4");
    sb.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "sandbox-rights-{}-{}",
        std::process::id(),
        Utc::now().timestamp_nanos_opt().unwrap_or(0)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
