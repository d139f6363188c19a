//! The kuaidi100-compatible tracking service over real HTTP on a random loopback port: the
//! raw form, the answers' shapes and every error code, consistency with the applications,
//! incidents across a restart. (The client's view is `stardesk-platform`'s
//! `tests/tracking_against_sandbox.rs`.)

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use stardesk_platform::tracking::sign;
use stardesk_platform::wire::{Application, ApplicationPage, ApplicationStatus};
use stardesk_sandbox::{
    start, ControlError, ParcelIncident, RunningSandbox, SandboxConfig, DEMO_TOKEN,
    SANDBOX_TRACKING_CUSTOMER as CUSTOMER, SANDBOX_TRACKING_KEY as KEY,
};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

fn config() -> SandboxConfig {
    SandboxConfig {
        now: Some(now()),
        ..SandboxConfig::default()
    }
}

async fn sandbox() -> RunningSandbox {
    let sb = start(config(), loopback()).await.expect("sandbox starts");
    sb.control().set_brand_autopilot(false);
    sb
}

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

static KEYS: AtomicU64 = AtomicU64::new(1);

/// Applies (phone 13812345678, to 杭州), is selected and shipped: the application's id.
async fn shipped(sb: &RunningSandbox, carrier: &str, number: &str, on: &str) -> String {
    let task = sb.control().add_open_review_tasks(1).remove(0);
    let res = reqwest::Client::new()
        .post(format!("{}/v1/applications", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .header(
            "Idempotency-Key",
            format!(
                "00000000-0000-4000-8000-{:012}",
                KEYS.fetch_add(1, Ordering::SeqCst)
            ),
        )
        .json(&json!({
            "task_id": task, "contact_name": "林小满", "phone": "13812345678",
            "address": {"region_code": "330106", "province": "浙江省", "city": "杭州市",
                        "district": "西湖区", "detail": "文三路90号"},
            "strengths": "专注敏感肌护肤测评三年，粉丝以女性为主",
            "idea": "十四天真实打卡对比，结合成分讲解"
        }))
        .send()
        .await
        .unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::CREATED, "{text}");
    let app: Application = serde_json::from_str(&text).unwrap();
    let c = sb.control();
    c.select(&app.id).unwrap();
    c.ship(&app.id, carrier, number, day(on)).unwrap();
    app.id
}

/// POSTs a form and returns the JSON answer, asserting HTTP 200 as kuaidi100 answers.
async fn post_form(sb: &RunningSandbox, path: &str, form: &[(&str, &str)]) -> Value {
    let res = reqwest::Client::new()
        .post(format!("{}{path}", sb.url()))
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    res.json().await.unwrap()
}

async fn query_as(sb: &RunningSandbox, customer: &str, key: &str, param: &Value) -> Value {
    let param = param.to_string();
    let sign = sign(&param, key, customer);
    post_form(
        sb,
        "/poll/query.do",
        &[("customer", customer), ("param", &param), ("sign", &sign)],
    )
    .await
}

async fn query(sb: &RunningSandbox, param: Value) -> Value {
    query_as(sb, CUSTOMER, KEY, &param).await
}

fn code(answer: &Value) -> &str {
    answer["returnCode"].as_str().unwrap_or("")
}

fn failed(answer: &Value, expected: &str) {
    assert_eq!(code(answer), expected, "{answer}");
    assert_eq!(answer["result"], json!(false));
    assert!(!answer["message"].as_str().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_parcel_answers_in_kuaidi100s_shape_and_follows_its_application() {
    let sb = sandbox().await;
    let c = sb.control();
    let id = shipped(&sb, "yuantong", "YT1234567890123", "2026-11-21").await;
    let p = || json!({"com": "yuantong", "num": "YT1234567890123", "resultv2": "4"});
    c.advance(TimeDelta::days(6));

    let a = query(&sb, p()).await;
    assert_eq!(code(&a), "", "{a}");
    assert_eq!(
        (&a["message"], &a["status"], &a["nu"], &a["com"]),
        (
            &json!("ok"),
            &json!("200"),
            &json!("YT1234567890123"),
            &json!("yuantong")
        )
    );
    assert_eq!(a["ischeck"], "0", "not delivered: no 签收");
    let data = a["data"].as_array().unwrap();
    let newest = &data[0];
    assert_eq!(a["state"], "5", "out for delivery: {newest}");
    let oldest = data.last().unwrap();
    assert_eq!(
        (&oldest["statusCode"], &oldest["status"]),
        (&json!("101"), &json!("揽收"))
    );
    assert!(data.iter().any(|e| e["statusCode"] == "1002"));
    assert!(data.iter().any(|e| e["statusCode"] == "1001"));
    assert!(
        data.iter()
            .filter(|e| e["areaName"] == "浙江,杭州市")
            .count()
            >= 2
    );
    let times: Vec<&str> = data.iter().map(|e| e["time"].as_str().unwrap()).collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    assert!(oldest["time"].as_str().unwrap().starts_with("2026-11-21 "));
    assert_eq!(oldest["time"], oldest["ftime"]);

    // Without resultv2 4 no statusCode; without 1 or 4 no area; asc turns the order.
    let plain = query(&sb, json!({"com": "yuantong", "num": "YT1234567890123"})).await;
    let e = &plain["data"][0];
    assert!(
        e.get("statusCode").is_none() && e.get("areaName").is_none(),
        "{e}"
    );
    assert_eq!(e["location"], "");
    let area = query(
        &sb,
        json!({"com": "yuantong", "num": "YT1234567890123", "resultv2": "1",
                                 "order": "asc"}),
    )
    .await;
    assert!(area["data"][0].get("statusCode").is_none());
    assert_eq!(area["data"][0]["time"], oldest["time"]);
    assert!(area["data"][0]["areaCode"]
        .as_str()
        .unwrap()
        .starts_with("CN"));

    // Delivered now: 签收 at this very instant, Beijing time.
    let delivered_at = c.deliver(&id).unwrap().delivered_at.unwrap();
    let a = query(&sb, p()).await;
    assert_eq!((&a["state"], &a["ischeck"]), (&json!("3"), &json!("1")));
    let beijing = (delivered_at + TimeDelta::hours(8))
        .format("%Y-%m-%d %H:%M:%S")
        .to_string();
    assert_eq!(a["data"][0]["time"], beijing);
    assert!(matches!(
        a["data"][0]["statusCode"].as_str(),
        Some("301" | "303" | "304")
    ));
    assert_eq!(c.tracking_queries("YT1234567890123"), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_code_as_kuaidi100_answers_it() {
    let sb = sandbox().await;
    let c = sb.control();
    shipped(&sb, "shunfeng", "SF1234567890123", "2026-11-21").await;
    shipped(&sb, "yunda", "4312345678901", "2026-11-25").await;
    let sf = |phone: Option<&str>| {
        let mut p = json!({"com": "shunfeng", "num": "SF1234567890123", "resultv2": "4"});
        if let Some(phone) = phone {
            p["phone"] = json!(phone);
        }
        p
    };
    failed(
        &query_as(&sb, CUSTOMER, "wrong-key", &sf(Some("5678"))).await,
        "503",
    );
    failed(
        &query_as(&sb, "SOMEONEELSE", KEY, &sf(Some("5678"))).await,
        "503",
    );
    let unsigned = post_form(&sb, "/poll/query.do", &[("customer", CUSTOMER)]).await;
    failed(&unsigned, "503");
    failed(&query(&sb, json!("not an object")).await, "400");
    failed(&query(&sb, json!({"com": "shunfeng"})).await, "400");
    failed(
        &query(&sb, json!({"com": "shunfeng", "num": " "})).await,
        "400",
    );
    failed(
        &query(
            &sb,
            json!({"com": "nosuchcarrier", "num": "SF1234567890123"}),
        )
        .await,
        "400",
    );
    failed(
        &query(&sb, json!({"com": "yuantong", "num": "YT0000000000000"})).await,
        "500",
    );
    failed(
        &query(&sb, json!({"com": "yuantong", "num": "SF1234567890123"})).await,
        "500",
    );
    // 顺丰 checks the phone: missing, wrong or too short is 408; the last 4 digits pass.
    failed(&query(&sb, sf(None)).await, "408");
    failed(&query(&sb, sf(Some("1234"))).await, "408");
    failed(&query(&sb, sf(Some("78"))).await, "408");
    assert_eq!(code(&query(&sb, sf(Some("5678"))).await), "");
    assert_eq!(code(&query(&sb, sf(Some("138 1234 5678"))).await), "");
    // Shipped on a day to come: nothing yet.
    failed(
        &query(&sb, json!({"com": "yunda", "num": "4312345678901"})).await,
        "500",
    );
    // Injected: 601 twice, then normal again; each counted.
    c.tracking_fail_next(601, 2);
    failed(&query(&sb, sf(Some("5678"))).await, "601");
    failed(&query(&sb, sf(Some("5678"))).await, "601");
    assert_eq!(code(&query(&sb, sf(Some("5678"))).await), "");
    // Counted: every query past the sign check that named the number, whatever came of
    // it (the unknown carrier and the wrong carrier ones too).
    assert_eq!(c.tracking_queries("SF1234567890123"), 10);
    assert_eq!(c.tracking_queries("nope"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autonumber_knows_the_sandboxs_parcels_only() {
    let sb = sandbox().await;
    shipped(&sb, "zhongtong", "75123456789012", "2026-11-21").await;
    let found = post_form(
        &sb,
        "/autonumber/auto",
        &[("num", "75123456789012"), ("key", KEY)],
    )
    .await;
    assert_eq!(found[0]["comCode"], "zhongtong");
    assert_eq!(found[0]["name"], "中通快递");
    assert_eq!(found[0]["lengthPre"], 14);
    let unknown = post_form(&sb, "/autonumber/auto", &[("num", "YT999"), ("key", KEY)]).await;
    assert_eq!(unknown, json!([]));
    let wrong = post_form(&sb, "/autonumber/auto", &[("num", "YT999"), ("key", "x")]).await;
    failed(&wrong, "503");
    failed(
        &post_form(&sb, "/autonumber/auto", &[("key", KEY)]).await,
        "400",
    );
    assert_eq!(sb.control().tracking_queries("75123456789012"), 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incidents_put_the_parcel_in_their_state_and_survive_a_restart() {
    let dir = tempfile_dir("incidents");
    let db = dir.join("sandbox.db");
    let sb = start(
        SandboxConfig {
            db_path: Some(db.clone()),
            ..config()
        },
        loopback(),
    )
    .await
    .unwrap();
    let c = sb.control();
    let id = shipped(&sb, "jtexpress", "JT1234567890123", "2026-11-21").await;
    c.advance(TimeDelta::hours(10));
    let p = || json!({"com": "jtexpress", "num": "JT1234567890123", "resultv2": "4"});
    c.parcel_incident("JT1234567890123", ParcelIncident::Problem)
        .unwrap();
    assert_eq!(query(&sb, p()).await["state"], "2");
    c.parcel_incident("JT1234567890123", ParcelIncident::Refused)
        .unwrap();
    let refused = query(&sb, p()).await;
    assert_eq!(
        (&refused["state"], &refused["ischeck"]),
        (&json!("14"), &json!("0"))
    );
    assert_eq!(
        c.parcel_incident("JT0", ParcelIncident::Returned),
        Err(ControlError::NoParcel("JT0".into()))
    );
    assert!(matches!(
        c.parcel_incident("JT1234567890123", ParcelIncident::Customs(9)),
        Err(ControlError::Invalid(_))
    ));
    assert!(matches!(
        c.parcel_event("JT1234567890123", 3, Some(1002), ""),
        Err(ControlError::Invalid(_))
    ));
    c.set_brand_autopilot(true);
    let address = sb.addr();
    sb.shutdown().await;

    // The same file: the incidents are still there, and the brand never delivers a
    // refused parcel (the application stays shipped).
    let sb = start(
        SandboxConfig {
            db_path: Some(db),
            ..config()
        },
        address,
    )
    .await
    .unwrap();
    let c = sb.control();
    c.set_now(now() + TimeDelta::days(8));
    let again = query(&sb, p()).await;
    assert_eq!(again["state"], "14");
    assert_eq!(again["data"][0]["context"], refused["data"][0]["context"]);
    let apps: ApplicationPage = reqwest::Client::new()
        .get(format!("{}/v1/applications?limit=1000", sb.url()))
        .bearer_auth(DEMO_TOKEN)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let app = apps.items.iter().find(|a| a.id == id).unwrap();
    assert!(app.delivered_at.is_none() && app.status != ApplicationStatus::Delivered);
    assert_eq!(c.parcel("JT1234567890123").unwrap().delivered_at, None);
    sb.shutdown().await;
    let _ = std::fs::remove_dir_all(&dir);
}

/// On autopilot, over days: every parcel reads 签收 exactly when its application is
/// delivered, never before.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn parcels_and_applications_agree_as_the_clock_runs() {
    let sb = start(config(), loopback()).await.unwrap();
    let c = sb.control();
    let mut seen_unsigned = 0;
    for _ in 0..8 {
        for parcel in c.parcels() {
            let param = json!({"com": parcel.carrier, "num": parcel.tracking_no,
                               "phone": parcel.phone_last4, "resultv2": "4"});
            let a = query(&sb, param).await;
            if parcel.delivered_at.is_none() && code(&a) == "500" {
                continue; // nothing yet
            }
            assert_eq!(code(&a), "", "{a}");
            let delivered = parcel.delivered_at.is_some();
            assert_eq!(a["ischeck"] == "1", delivered, "{parcel:?} {a}");
            assert_eq!(a["state"] == "3", delivered, "{parcel:?} {a}");
            seen_unsigned += usize::from(!delivered);
        }
        c.advance(TimeDelta::hours(20));
    }
    assert!(seen_unsigned > 0 && c.parcels().len() >= 5);
}

fn tempfile_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sandbox-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
