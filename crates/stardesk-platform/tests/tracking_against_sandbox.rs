//! The kuaidi100 client against the real sandbox on a random loopback port: the form and
//! its sign (a wrong one is refused), every state and advanced code as sent, every error
//! code with its meaning, retries on 501/502 only, the events' order and Beijing times,
//! carrier detection, and the key kept out of every error and `Debug` output.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use stardesk_platform::tracking::{
    CarrierCandidate, Kuaidi100Client, Kuaidi100Config, TrackQuery, TrackReport, TrackingError,
    TrackingProvider,
};
use stardesk_platform::wire::{Address, ApplicationRequest};
use stardesk_platform::{new_idempotency_key, ClientOptions, PlatformClient};
use stardesk_sandbox::{
    RunningSandbox, SandboxConfig, DEMO_TOKEN, SANDBOX_TRACKING_CUSTOMER as CUSTOMER,
    SANDBOX_TRACKING_KEY as KEY,
};

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn fast() -> ClientOptions {
    ClientOptions {
        timeout: Duration::from_millis(2000),
        attempts: 3,
        backoff: Duration::from_millis(10),
        max_backoff: Duration::from_millis(40),
    }
}

async fn sandbox() -> RunningSandbox {
    let config = SandboxConfig {
        now: Some(now()),
        ..SandboxConfig::default()
    };
    let sb = stardesk_sandbox::start(config, "127.0.0.1:0".parse().expect("addr"))
        .await
        .expect("sandbox starts");
    sb.control().set_brand_autopilot(false);
    sb
}

fn tracker_with(sb: &RunningSandbox, customer: &str, key: &str) -> Kuaidi100Client {
    let config = Kuaidi100Config::at(&sb.url(), customer, key).expect("loopback http is fine");
    Kuaidi100Client::with_options(config, fast()).expect("client")
}

fn tracker(sb: &RunningSandbox) -> Kuaidi100Client {
    tracker_with(sb, CUSTOMER, KEY)
}

/// The creator applies (phone 13812345678, to 杭州); the brand selects and ships. The
/// application's id.
async fn ship(sb: &RunningSandbox, carrier: &str, number: &str, on: &str) -> String {
    let c = sb.control();
    let task = c.add_open_review_tasks(1).remove(0);
    let platform = PlatformClient::new(&sb.url(), DEMO_TOKEN, fast()).expect("client");
    let request = ApplicationRequest {
        task_id: task,
        contact_name: "林小满".into(),
        phone: "13812345678".into(),
        address: Address {
            region_code: "330106".into(),
            province: "浙江省".into(),
            city: "杭州市".into(),
            district: "西湖区".into(),
            detail: "文三路90号东部软件园3号楼502室".into(),
        },
        strengths: "专注敏感肌护肤测评三年，粉丝以女性为主。".into(),
        idea: "以换季泛红为切入点，做14天真实打卡对比。".into(),
    };
    let app = platform
        .apply(&request, &new_idempotency_key())
        .await
        .expect("applied")
        .into_application();
    c.select(&app.id).expect("selected");
    let day: NaiveDate = on.parse().unwrap();
    c.ship(&app.id, carrier, number, day).expect("shipped");
    app.id
}

fn q(carrier: &str, number: &str, phone: Option<&str>) -> TrackQuery {
    TrackQuery {
        carrier: carrier.into(),
        number: number.into(),
        phone_last4: phone.map(str::to_owned),
    }
}

fn provider_code(err: &TrackingError) -> &str {
    match err {
        TrackingError::Provider { code, .. } => code,
        other => panic!("expected a kuaidi100 returnCode, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_form_is_signed_and_a_wrong_key_is_a_503() {
    let sb = sandbox().await;
    ship(&sb, "yuantong", "YT2026112100001", "2026-11-21").await;
    sb.control().advance(TimeDelta::days(1));
    let query = q(" YuanTong ", " YT2026112100001 ", None);

    // Through the object-safe trait, as core holds it.
    let provider: Arc<dyn TrackingProvider> = Arc::new(tracker(&sb));
    let report = provider.query(&query).await.expect("tracked");
    assert_eq!(report.carrier, "yuantong");
    assert_eq!(report.number, "YT2026112100001");
    assert!(!report.events.is_empty());
    assert_eq!(sb.control().tracking_queries("YT2026112100001"), 1);

    for client in [
        tracker_with(&sb, CUSTOMER, "not-the-key-SECRET"),
        tracker_with(&sb, "SOMEONEELSE", KEY),
    ] {
        let err = client.query(&query).await.expect_err("refused");
        assert_eq!(provider_code(&err), "503");
        assert!(err.meaning().unwrap().contains("sign check failed"));
        assert!(!err.is_transient());
        for shown in [format!("{err:?}"), err.to_string(), format!("{client:?}")] {
            assert!(!shown.contains("SECRET") && !shown.contains(KEY), "{shown}");
        }
    }
    assert_eq!(
        sb.control().tracking_queries("YT2026112100001"),
        1,
        "refused unsigned"
    );
}

/// The advanced codes of `resultv2=4`, each with its main state.
const ADVANCED: [(u16, u16); 12] = [
    (101, 1),
    (102, 1),
    (103, 1),
    (1001, 0),
    (1002, 0),
    (1003, 0),
    (501, 5),
    (301, 3),
    (302, 3),
    (303, 3),
    (304, 3),
    (401, 4),
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_state_and_advanced_code_is_reported_as_sent() {
    let sb = sandbox().await;
    let c = sb.control();
    let number = "JT2026112100002";
    ship(&sb, "jtexpress", number, "2026-11-21").await;
    c.advance(TimeDelta::hours(8));
    let t = tracker(&sb);
    let query = q("jtexpress", number, None);
    let states = (0u16..=8).chain(10..=14);
    let cases = states
        .map(|s| (s, None))
        .chain(ADVANCED.iter().map(|(code, s)| (*s, Some(*code))));
    for (state, code) in cases {
        c.advance(TimeDelta::minutes(3));
        c.parcel_event(number, state, code, "")
            .expect("event added");
        let report: TrackReport = t.query(&query).await.expect("tracked");
        let newest = &report.events[0];
        assert_eq!(report.state, state.to_string(), "{code:?}");
        let sent = code.unwrap_or(state).to_string();
        assert_eq!(newest.status_code.as_deref(), Some(sent.as_str()));
        assert!(newest.status_word.is_some(), "{newest:?}");
        assert!(!newest.text.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_error_code_is_reported_with_its_meaning() {
    let sb = sandbox().await;
    let c = sb.control();
    ship(&sb, "shunfeng", "SF2026112100003", "2026-11-21").await;
    ship(&sb, "zhongtong", "75202611210004", "2026-11-21").await;
    c.advance(TimeDelta::days(1));
    let t = tracker(&sb);

    let unknown_carrier = t
        .query(&q("nosuchcarrier", "SF2026112100003", None))
        .await
        .expect_err("400");
    assert_eq!(provider_code(&unknown_carrier), "400");
    assert!(unknown_carrier
        .meaning()
        .unwrap()
        .contains("unknown carrier"));

    // 顺丰 and 中通 check the phone's last 4 digits.
    for (carrier, number) in [
        ("shunfeng", "SF2026112100003"),
        ("zhongtong", "75202611210004"),
    ] {
        for phone in [None, Some("0000"), Some("139 0000 1234")] {
            let err = t.query(&q(carrier, number, phone)).await.expect_err("408");
            assert_eq!(provider_code(&err), "408", "{carrier} {phone:?}");
            assert_eq!(
                err.meaning(),
                Some(
                    "the phone number check failed (顺丰 and 中通 need the last 4 digits of \
                     the receiver's phone)"
                )
            );
        }
        for phone in ["5678", "138-1234-5678"] {
            let report = t.query(&q(carrier, number, Some(phone))).await.expect("ok");
            assert!(!report.events.is_empty());
        }
    }

    let nothing = t
        .query(&q("yuantong", "YT0000000000000", None))
        .await
        .expect_err("500");
    assert_eq!(provider_code(&nothing), "500");
    assert!(nothing.is_no_result_yet() && !nothing.is_transient());
    assert!(nothing.meaning().unwrap().starts_with("no result yet"));
    assert_eq!(
        c.tracking_queries("YT0000000000000"),
        1,
        "500 is not retried"
    );

    // 601 is final; 501/502 ("server error", "busy") are transient but not asked again at
    // once: the query reached kuaidi100 and counts against its 30-minute rule.
    let sf = q("shunfeng", "SF2026112100003", Some("5678"));
    let before = c.tracking_queries("SF2026112100003");
    c.tracking_fail_next(601, 1);
    let expired = t.query(&sf).await.expect_err("601");
    assert_eq!(provider_code(&expired), "601");
    assert!(expired.meaning().unwrap().contains("expired"));
    assert_eq!(c.tracking_queries("SF2026112100003"), before + 1);
    for code in [501u16, 502] {
        let asked = c.tracking_queries("SF2026112100003");
        c.tracking_fail_next(code, 1);
        let busy = t.query(&sf).await.expect_err("501/502");
        assert_eq!(provider_code(&busy), code.to_string());
        assert!(busy.is_transient() && busy.reached_provider());
        assert_eq!(
            c.tracking_queries("SF2026112100003"),
            asked + 1,
            "{code} is asked once"
        );
    }
    // The next ask, later, goes through.
    t.query(&sf).await.expect("after the busy answers");
    assert_eq!(c.tracking_queries("SF2026112100003"), before + 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn events_come_newest_first_in_beijing_time_and_end_signed() {
    let sb = sandbox().await;
    let c = sb.control();
    // Shipped tomorrow (Beijing): nothing to see yet; its first event is that morning.
    let id = ship(&sb, "yunda", "4320261123005", "2026-11-23").await;
    let t = tracker(&sb);
    let query = q("yunda", "4320261123005", None);
    let early = t.query(&query).await.expect_err("nothing yet");
    assert!(early.is_no_result_yet());

    c.set_now("2026-11-26T02:00:00Z".parse().unwrap());
    let delivered_at = c.deliver(&id).expect("delivered").delivered_at.unwrap();
    let report = t.query(&query).await.expect("tracked");
    assert_eq!(report.state, "3");
    assert!(report.signed);
    let signed = &report.events[0];
    assert_eq!(
        signed.time,
        (delivered_at + TimeDelta::hours(8)).naive_utc(),
        "Beijing time"
    );
    assert_eq!(signed.area.as_deref(), Some("浙江,杭州市"));
    assert!(matches!(
        signed.status_code.as_deref(),
        Some("301" | "303" | "304")
    ));
    assert!(report.events.windows(2).all(|w| w[0].time >= w[1].time));
    let first = report.events.last().unwrap();
    assert_eq!(first.status_code.as_deref(), Some("101"));
    assert_eq!(
        first.time.date(),
        "2026-11-23".parse::<NaiveDate>().unwrap()
    );
    assert!(first.time.format("%H").to_string().as_str() >= "08");
    assert!(report
        .events
        .iter()
        .any(|e| e.status_code.as_deref() == Some("1002")));
    assert!(report.events.iter().all(|e| e.area.is_some()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autonumber_names_the_parcels_carrier() {
    let sb = sandbox().await;
    ship(&sb, "ems", "1120261121006", "2026-11-21").await;
    let t: Arc<dyn TrackingProvider> = Arc::new(tracker(&sb));
    assert_eq!(
        t.autonumber(" 1120261121006 ").await.expect("detected"),
        [CarrierCandidate {
            code: "ems".into(),
            name: "EMS".into()
        }]
    );
    assert!(t
        .autonumber("1199999999999")
        .await
        .expect("none")
        .is_empty());
    // kuaidi100 busy: a carrier detection is asked again at once (the 30-minute rule is
    // about queries of a number), and the second answer names the carrier.
    sb.control().tracking_fail_next(502, 1);
    assert_eq!(
        t.autonumber("1120261121006")
            .await
            .expect("after one busy answer")[0]
            .code,
        "ems"
    );
    let wrong = tracker_with(&sb, CUSTOMER, "nope")
        .autonumber("1120261121006")
        .await
        .expect_err("wrong key");
    assert_eq!(provider_code(&wrong), "503");
    assert!(matches!(
        t.autonumber("  ").await,
        Err(TrackingError::InvalidQuery(_))
    ));
}
