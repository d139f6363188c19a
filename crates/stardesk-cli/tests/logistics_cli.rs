//! The logistics commands' contract (`tracking`, `carrier`, `track`, `shipments`), and
//! `kill -9` of the poller (`stardesk shipments --refresh`) at random moments: no event
//! lost, none doubled, the store opens every time.
//!
//! A sandbox on a random loopback port is both the platform and the kuaidi100-compatible
//! tracking service. Needs the OS keychain: `dbus-run-session -- bash
//! scripts/with-keyring.sh cargo test -p stardesk-cli --test logistics_cli`.

mod common;

use std::collections::BTreeSet;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;
use stardesk_platform::tracking::{Kuaidi100Client, Kuaidi100Config, TrackQuery};
use stardesk_sandbox::{SANDBOX_TRACKING_CUSTOMER, SANDBOX_TRACKING_KEY};

use common::*;

/// Signed in to `platform`, tracking with it, synced.
fn tracking_cli(dir: &std::path::Path, platform: &Platform) -> Cli {
    let cli = Cli::new(dir);
    require_keychain(&cli);
    cli.sign_in(platform);
    let out = cli.run_with_stdin(
        &[
            "tracking",
            "set",
            "--customer",
            SANDBOX_TRACKING_CUSTOMER,
            "--key-stdin",
            "--url",
            &platform.url(),
        ],
        &format!("{SANDBOX_TRACKING_KEY}\n"),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    cli.ok(&["sync", "--json"]);
    cli
}

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn is_event_time(s: &str) -> bool {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").is_ok() && s.len() == 19
}

#[test]
fn carrier_prints_the_candidates_best_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    require_keychain(&cli);
    let sf = cli.json(&["carrier", "SF1234567890123", "--json"]);
    assert_eq!(sf[0]["code"], "shunfeng");
    assert_eq!(sf[0]["name"], "顺丰速运");
    assert_eq!(keys(&sf[0]), ["code", "name"].map(String::from).into());
    let sto = cli.json(&["carrier", "771234567890123", "--json"]);
    let codes: Vec<&str> = sto
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|c| c["code"].as_str())
        .collect();
    assert_eq!(codes.first(), Some(&"shentong"), "{sto}");
    assert!(codes.len() >= 2, "an all-digit number fits several: {sto}");
    assert_eq!(cli.json(&["carrier", "??", "--json"]), Value::Array(vec![]));
}

#[test]
fn track_prints_the_contract_and_a_provider_error_exits_non_zero_with_its_meaning() {
    let platform = Platform::start(60, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = tracking_cli(dir.path(), &platform);
    let parcel = platform
        .control()
        .parcels()
        .into_iter()
        .find(|p| p.delivered_at.is_some())
        .expect("a delivered parcel in the demo");
    let t = cli.json(&["track", &parcel.tracking_no, "--json"]);
    assert_eq!(
        keys(&t),
        [
            "carrier",
            "number",
            "state",
            "state_code",
            "signed",
            "events",
            "alerts"
        ]
        .map(String::from)
        .into()
    );
    assert_eq!(t["carrier"], parcel.carrier.as_str());
    assert_eq!(t["number"], parcel.tracking_no.as_str());
    assert_eq!(t["state"], "delivered");
    assert_eq!(t["state_code"], "3");
    assert_eq!(t["signed"], true);
    let events = t["events"].as_array().expect("events");
    assert!(events.len() >= 3, "{t}");
    for e in events {
        assert_eq!(keys(e), ["time", "text", "area"].map(String::from).into());
        assert!(is_event_time(e["time"].as_str().unwrap_or_default()), "{e}");
    }
    let times: Vec<&str> = events.iter().filter_map(|e| e["time"].as_str()).collect();
    assert!(
        times.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {times:?}"
    );
    let asked = platform.control().tracking_queries(&parcel.tracking_no);
    cli.json(&["track", &parcel.tracking_no, "--json"]);
    assert_eq!(
        platform.control().tracking_queries(&parcel.tracking_no),
        asked,
        "within 30 minutes: from the store"
    );
    cli.json(&["track", &parcel.tracking_no, "--force", "--json"]);
    assert_eq!(
        platform.control().tracking_queries(&parcel.tracking_no),
        asked + 1
    );

    // kuaidi100's 500: non-zero, the code and its meaning on stderr.
    let out = cli.run(&[
        "track",
        "YT1000000000009",
        "--carrier",
        "yuantong",
        "--json",
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("500") && err.contains("no result"), "{err}");
    // 601 forced.
    platform.control().tracking_fail_next(601, 1);
    let out = cli.run(&["track", &parcel.tracking_no, "--force", "--json"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("601") && err.contains("expired"), "{err}");

    let list = cli.json(&["shipments", "--json"]);
    let numbers: Vec<&str> = list
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|p| p["number"].as_str())
        .collect();
    assert!(numbers.contains(&parcel.tracking_no.as_str()));
    assert!(
        numbers.contains(&"YT1000000000009"),
        "a tracked number stays tracked"
    );

    // A platform account without a tracking account: parcels wait, `track` says why.
    cli.ok(&["tracking", "clear"]);
    let out = cli.run(&["track", &parcel.tracking_no, "--force", "--json"]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("tracking_not_configured"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_poller_killed_at_random_moments_loses_no_event_and_doubles_none() {
    let seed = std::env::var("STARDESK_KILL9_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("kill -9 of the poller: seed {seed} (STARDESK_KILL9_SEED={seed} repeats it)");
    let mut rng = Rng::new(seed);
    let platform = Platform::start(60, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = tracking_cli(dir.path(), &platform);
    // More parcels on their way: the brands select and ship the waiting applications.
    let apps = cli.json(&["applications", "--json"]);
    let carriers = ["shunfeng", "zhongtong", "yuantong", "jd", "yunda"];
    let mut shipped = 0;
    for a in apps.as_array().expect("applications") {
        let id = a["id"].as_str().expect("id");
        let status = a["status"].as_str().unwrap_or_default();
        if status == "submitted" {
            platform.control().select(id).expect("select");
        } else if status != "selected" {
            continue;
        }
        let (carrier, number) = platform.control().brand_parcel(id);
        let carrier = if shipped < carriers.len() {
            carriers[shipped].to_string()
        } else {
            carrier
        };
        platform
            .control()
            .ship(id, &carrier, &number, china_today())
            .expect("ship");
        shipped += 1;
    }
    assert!(shipped >= 3, "parcels shipped for the trials: {shipped}");
    platform.control().advance(chrono::TimeDelta::hours(20));
    cli.ok(&["sync", "--json"]);
    // How long an undisturbed pass lives (the shortest of three).
    let life = (0..3)
        .map(|_| {
            let t = Instant::now();
            cli.json(&["shipments", "--refresh", "--json"]);
            t.elapsed()
        })
        .min()
        .expect("three runs");
    eprintln!("an undisturbed poll lives {life:?}");
    for trial in 0..20 {
        // New events for some parcels, so each pass has something to store.
        platform
            .control()
            .advance(chrono::TimeDelta::hours(rng.below(12) as i64 + 1));
        let mut child = cli
            .command(&["shipments", "--refresh", "--json"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn stardesk");
        let delay = Duration::from_millis(rng.below(life.as_millis() as u64 + 1));
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("wait");
        eprintln!("trial {trial}: killed after {delay:?}: {status}");
        // The store opens, and a listing works offline of the service.
        cli.json(&["shipments", "--json"]);
    }
    // The clock stands still from here: no carrier event falls due between the last
    // refresh and the truth asked below.
    platform.control().set_now(platform.control().now());
    cli.json(&["shipments", "--refresh", "--json"]);

    // The truth: the service's own answer for each parcel, asked directly.
    let client = Kuaidi100Client::new(
        Kuaidi100Config::at(
            &platform.url(),
            SANDBOX_TRACKING_CUSTOMER,
            SANDBOX_TRACKING_KEY,
        )
        .expect("config"),
    )
    .expect("client");
    let (store, _, _) =
        stardesk_store::open_data_dir_with(dir.path(), stardesk_store::KeyPolicy::KeychainOnly, 0)
            .expect("the store opens");
    let mut checked = 0;
    for p in platform.control().parcels() {
        let Some(rec) = store.shipment_by_number(&p.tracking_no).expect("read") else {
            continue;
        };
        let answer = platform.rt.block_on(client.query(&TrackQuery {
            carrier: p.carrier.clone(),
            number: p.tracking_no.clone(),
            phone_last4: Some(p.phone_last4.clone()),
        }));
        let stored = store.shipment_events(rec.id).expect("events");
        let truth = match answer {
            Ok(t) => t,
            Err(e) if e.is_no_result_yet() => {
                assert!(stored.is_empty(), "{}: nothing yet", p.tracking_no);
                continue;
            }
            Err(e) => panic!("the service answers: {e}"),
        };
        let stored_keys: Vec<(String, String)> = stored
            .iter()
            .map(|e| (e.at.to_string(), e.text.clone()))
            .collect();
        let unique: BTreeSet<&(String, String)> = stored_keys.iter().collect();
        assert_eq!(
            unique.len(),
            stored_keys.len(),
            "{}: no event twice",
            p.tracking_no
        );
        let truth_keys: BTreeSet<(String, String)> = truth
            .events
            .iter()
            .map(|e| (e.time.to_string(), e.text.clone()))
            .collect();
        assert_eq!(
            stored_keys.iter().cloned().collect::<BTreeSet<_>>(),
            truth_keys,
            "{}: every event the service has, once",
            p.tracking_no
        );
        checked += 1;
    }
    assert!(checked >= 3, "parcels checked: {checked}");
}
