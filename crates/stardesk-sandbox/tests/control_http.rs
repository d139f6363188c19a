//! The `/control` routes end-to-end tests use when the sandbox runs as its own process:
//! off by default (404), behind the bearer token, loopback only; and the binary's
//! `--control` flag.

use std::io::{BufRead as _, BufReader};
use std::net::SocketAddr;
use std::process::{Command, Stdio};

use chrono::{DateTime, TimeDelta, Utc};
use reqwest::StatusCode;
use serde_json::{json, Value};
use stardesk_platform::tracking::sign;
use stardesk_platform::wire::{Application, ApplicationPage, ApplicationStatus, Problem};
use stardesk_sandbox::{
    start, RunningSandbox, SandboxConfig, DEMO_TOKEN, SANDBOX_TRACKING_CUSTOMER,
    SANDBOX_TRACKING_KEY,
};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn loopback() -> SocketAddr {
    "127.0.0.1:0".parse().unwrap()
}

async fn sandbox(control_http: bool) -> RunningSandbox {
    let config = SandboxConfig {
        now: Some(now()),
        control_http,
        ..SandboxConfig::default()
    };
    start(config, loopback()).await.expect("sandbox starts")
}

async fn call(base: &str, method: &str, path: &str, body: Option<Value>) -> reqwest::Response {
    let client = reqwest::Client::new();
    let url = format!("{base}{path}");
    let req = match method {
        "GET" => client.get(url),
        _ => client.post(url),
    };
    let req = req.bearer_auth(DEMO_TOKEN);
    let req = match body {
        Some(b) => req.json(&b),
        None => req,
    };
    req.send().await.expect("the sandbox answers")
}

async fn json_ok(res: reqwest::Response) -> Value {
    let status = res.status();
    let text = res.text().await.unwrap();
    assert_eq!(status, StatusCode::OK, "{text}");
    serde_json::from_str(&text).unwrap()
}

async fn problem(res: reqwest::Response, status: StatusCode) -> Problem {
    assert_eq!(res.status(), status);
    res.json().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_the_flag_the_control_routes_do_not_exist() {
    let sb = sandbox(false).await;
    for (method, path) in [
        ("GET", "/control/clock"),
        ("POST", "/control/clock"),
        ("GET", "/control/parcels"),
        ("POST", "/control/applications/1/deliver"),
    ] {
        let res = call(&sb.url(), method, path, Some(json!({"advance_hours": 1}))).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{method} {path}");
    }
    assert!(
        sb.control().now() < now() + TimeDelta::minutes(1),
        "nothing moved"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn control_routes_need_the_token_and_loopback() {
    let sb = sandbox(true).await;
    let res = reqwest::Client::new()
        .get(format!("{}/control/clock", sb.url()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    let res = reqwest::Client::new()
        .get(format!("{}/control/clock", sb.url()))
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);

    let everywhere = SandboxConfig {
        control_http: true,
        ..SandboxConfig::default()
    };
    let err = start(everywhere, "0.0.0.0:0".parse().unwrap())
        .await
        .expect_err("not on every interface");
    assert!(err.to_string().contains("loopback"), "{err}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_test_drives_an_application_and_its_parcel_over_http() {
    let sb = sandbox(true).await;
    let base = sb.url();
    let c = sb.control();
    c.set_brand_autopilot(false);
    let off = json_ok(
        call(
            &base,
            "POST",
            "/control/brand_autopilot",
            Some(json!({"on": false})),
        )
        .await,
    )
    .await;
    assert_eq!(off, json!({"on": false}));

    // The clock: set, then advanced by fractional hours.
    let set = json_ok(
        call(
            &base,
            "POST",
            "/control/clock",
            Some(json!({"set": "2026-11-22T04:00:00Z"})),
        )
        .await,
    )
    .await;
    assert_eq!(set["now"], "2026-11-22T04:00:00Z");
    let moved = json_ok(
        call(
            &base,
            "POST",
            "/control/clock",
            Some(json!({"advance_hours": 1.5})),
        )
        .await,
    )
    .await;
    assert_eq!(moved["now"], "2026-11-22T05:30:00Z");
    assert_eq!(c.now(), now() + TimeDelta::minutes(90));
    problem(
        call(&base, "POST", "/control/clock", Some(json!({}))).await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    problem(
        call(&base, "POST", "/control/clock", Some(json!({"advance": 1}))).await,
        StatusCode::BAD_REQUEST,
    )
    .await;

    // A submitted demo application: selected, shipped, delivered.
    let page: ApplicationPage = serde_json::from_value(
        json_ok(call(&base, "GET", "/v1/applications?limit=1000", None).await).await,
    )
    .unwrap();
    let id = page
        .items
        .iter()
        .find(|a| a.status == ApplicationStatus::Submitted)
        .map(|a| a.id.clone())
        .expect("a submitted demo application");
    let path = |action: &str| format!("/control/applications/{id}/{action}");
    let selected: Application =
        serde_json::from_value(json_ok(call(&base, "POST", &path("select"), None).await).await)
            .unwrap();
    assert_eq!(selected.status, ApplicationStatus::Selected);
    let again = problem(
        call(&base, "POST", &path("select"), None).await,
        StatusCode::CONFLICT,
    )
    .await;
    assert!(again.detail.unwrap().to_lowercase().contains("selected"));
    problem(
        call(
            &base,
            "POST",
            &path("ship"),
            Some(json!({"carrier": "yuantong"})),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    let ship = json!({"carrier": "zhongtong", "tracking_no": "75000000000042", "shipped_at": "2026-11-21"});
    let shipped: Application =
        serde_json::from_value(json_ok(call(&base, "POST", &path("ship"), Some(ship)).await).await)
            .unwrap();
    assert_eq!(
        shipped.shipment.as_ref().unwrap().tracking_no,
        "75000000000042"
    );

    let parcels = json_ok(call(&base, "GET", "/control/parcels", None).await).await;
    let parcel = parcels
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["tracking_no"] == "75000000000042")
        .expect("listed")
        .clone();
    assert_eq!(parcel["application_id"], json!(id));
    assert_eq!(parcel["carrier"], "zhongtong");
    assert_eq!(parcel["delivered_at"], Value::Null);

    // The parcel as kuaidi100 tells it, with the phone 中通 needs.
    let last4 = parcel["phone_last4"].as_str().unwrap().to_owned();
    let track = || async {
        let param =
            json!({"com": "zhongtong", "num": "75000000000042", "phone": last4, "resultv2": "4"})
                .to_string();
        let sign = sign(&param, SANDBOX_TRACKING_KEY, SANDBOX_TRACKING_CUSTOMER);
        reqwest::Client::new()
            .post(format!("{base}/poll/query.do"))
            .form(&[
                ("customer", SANDBOX_TRACKING_CUSTOMER),
                ("param", &param),
                ("sign", &sign),
            ])
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    };
    assert_eq!(track().await["ischeck"], "0");

    let incident = json_ok(
        call(
            &base,
            "POST",
            "/control/parcels/75000000000042/incident",
            Some(json!({"kind": "at_pickup_point"})),
        )
        .await,
    )
    .await;
    assert_eq!(incident["tracking_no"], "75000000000042");
    assert_eq!(track().await["data"][0]["statusCode"], "501");
    problem(
        call(
            &base,
            "POST",
            "/control/parcels/75000000000042/incident",
            Some(json!({"kind": "lost"})),
        )
        .await,
        StatusCode::BAD_REQUEST,
    )
    .await;
    problem(
        call(
            &base,
            "POST",
            "/control/parcels/NOPE/incident",
            Some(json!({"kind": "problem"})),
        )
        .await,
        StatusCode::NOT_FOUND,
    )
    .await;

    let delivered: Application =
        serde_json::from_value(json_ok(call(&base, "POST", &path("deliver"), None).await).await)
            .unwrap();
    assert_eq!(delivered.status, ApplicationStatus::Delivered);
    let signed = track().await;
    assert_eq!(
        (&signed["state"], &signed["data"][0]["statusCode"]),
        (&json!("3"), &json!("304"))
    );

    json_ok(
        call(
            &base,
            "POST",
            "/control/tracking/fail_next",
            Some(json!({"return_code": 601})),
        )
        .await,
    )
    .await;
    assert_eq!(track().await["returnCode"], "601");
    assert_eq!(track().await["state"], "3");
    problem(
        call(&base, "POST", "/control/applications/1/deliver", None).await,
        StatusCode::NOT_FOUND,
    )
    .await;
    let listed = json_ok(call(&base, "GET", "/control/parcels", None).await).await;
    let queries = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["tracking_no"] == "75000000000042")
        .map(|p| p["queries"].clone());
    assert_eq!(queries, Some(json!(5)));
}

/// `--control` on the binary (what the desktop app's end-to-end tests run).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_binary_serves_the_control_routes_with_the_flag() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_stardesk-sandbox"))
        .args([
            "--port",
            "0",
            "--tasks",
            "200",
            "--control",
            "--now",
            "2026-11-22T04:00:00Z",
        ])
        .args([
            "--tracking-customer",
            "E2ECUSTOMER",
            "--tracking-key",
            "e2e-key",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the sandbox binary starts");
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .unwrap()
    .unwrap();
    let base = line.trim().rsplit(' ').next().unwrap().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"), "{line}");

    let moved = json_ok(
        call(
            &base,
            "POST",
            "/control/clock",
            Some(json!({"advance_hours": 24})),
        )
        .await,
    )
    .await;
    let moved: DateTime<Utc> = serde_json::from_value(moved["now"].clone()).unwrap();
    let expected = now() + TimeDelta::days(1);
    assert!(
        moved >= expected && moved < expected + TimeDelta::minutes(1),
        "{moved}"
    );
    // The overridden tracking account: the default one no longer signs.
    let param = json!({"com": "yuantong", "num": "YT1"}).to_string();
    let answer = |customer: &'static str, key: &'static str| {
        let (base, param) = (base.clone(), param.clone());
        async move {
            let sign = sign(&param, key, customer);
            reqwest::Client::new()
                .post(format!("{base}/poll/query.do"))
                .form(&[
                    ("customer", customer),
                    ("param", param.as_str()),
                    ("sign", &sign),
                ])
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    assert_eq!(
        answer(SANDBOX_TRACKING_CUSTOMER, SANDBOX_TRACKING_KEY).await["returnCode"],
        "503"
    );
    assert_eq!(answer("E2ECUSTOMER", "e2e-key").await["returnCode"], "500");
    child.kill().expect("stop the sandbox");
    let _ = child.wait();
}
