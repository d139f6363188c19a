//! The rights center's commands and their contract: `level [--metrics FILE] --json`,
//! `benefits [--json]`, `benefits claim ID`, `invitations [--json]`, `invitations
//! accept|decline ID`, `star-index [--days N] [--json]`.
//!
//! A sandbox on a random loopback port is the platform, with its demo creator. Needs the
//! OS keychain: `dbus-run-session -- bash scripts/with-keyring.sh cargo test -p
//! stardesk-cli --test rights_cli`.

mod common;

use std::collections::BTreeSet;

use rust_decimal::Decimal;
use serde_json::{json, Value};
use stardesk_platform::wire::InvitationKind;

use common::*;

const METRIC_KEYS: [&str; 9] = [
    "followers",
    "courses_completed",
    "posts_30d",
    "avg_valid_plays",
    "likes",
    "orders",
    "credit_score",
    "profile_complete",
    "submission_tasks_joined",
];

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn set(names: &[&str]) -> BTreeSet<String> {
    names.iter().map(|s| (*s).to_string()).collect()
}

fn signed_in(dir: &std::path::Path, platform: &Platform) -> Cli {
    let cli = Cli::new(dir);
    require_keychain(&cli);
    cli.sign_in(platform);
    cli.ok(&["sync", "--json"]);
    cli
}

fn check_report_shape(report: &Value) {
    assert_eq!(
        keys(report),
        set(&["level", "next_level", "requirements", "missing"]),
        "{report}"
    );
    for r in report["requirements"]
        .as_array()
        .expect("requirements")
        .iter()
        .chain(report["missing"].as_array().expect("missing"))
    {
        assert_eq!(
            keys(r),
            set(&["level", "item", "have", "op", "need", "met"]),
            "{r}"
        );
        let item = r["item"].as_str().expect("item");
        assert!(METRIC_KEYS.contains(&item), "{item} is a metric key");
        assert!([">=", ">", "is"].contains(&r["op"].as_str().expect("op")));
    }
}

#[test]
fn level_from_the_last_sync_prints_the_contract() {
    let platform = Platform::start(20, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(dir.path(), &platform);
    // R-LEVEL-1, R-LEVEL-2: the demo creator is LV2; LV3 misses its followers.
    let report = cli.json(&["level", "--json"]);
    check_report_shape(&report);
    assert_eq!(report["level"], 2);
    assert_eq!(report["next_level"], 3);
    assert_eq!(report["requirements"].as_array().expect("all").len(), 21);
    let missing = report["missing"].as_array().expect("missing");
    assert!(missing.iter().all(|r| r["level"] == 3 && r["met"] == false));
    assert!(missing
        .iter()
        .any(|r| r["item"] == "followers" && r["op"] == ">" && r["need"] == 300_000));
}

#[test]
fn level_with_metrics_plans_offline_on_both_sides_of_each_threshold() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    let file = dir.path().join("metrics.json");
    let lv3 = json!({
        "followers": 300_001, "courses_completed": 8, "posts_30d": 20,
        "avg_valid_plays": 50_001, "likes": 10_001, "orders": 1, "credit_score": 50,
        "profile_complete": true, "submission_tasks_joined": 1
    });
    let plan = |m: &Value| {
        std::fs::write(&file, m.to_string()).expect("write");
        cli.json(&["level", "--metrics", file.to_str().expect("path"), "--json"])
    };
    let at = plan(&lv3);
    check_report_shape(&at);
    assert_eq!(
        (at["level"].clone(), at["next_level"].clone()),
        (json!(3), json!(4))
    );
    // R-LEVEL-2, each LV3 row one step below its threshold: LV2, missing exactly that row.
    for (key, below) in [
        ("followers", json!(300_000)),
        ("courses_completed", json!(7)),
        ("posts_30d", json!(19)),
        ("avg_valid_plays", json!(50_000)),
        ("likes", json!(10_000)),
        ("orders", json!(0)),
        ("credit_score", json!(49)),
    ] {
        let mut m = lv3.clone();
        m[key] = below;
        let r = plan(&m);
        assert_eq!(r["level"], 2, "{key}");
        let missing: Vec<&str> = r["missing"]
            .as_array()
            .expect("missing")
            .iter()
            .filter_map(|x| x["item"].as_str())
            .collect();
        assert_eq!(missing, vec![key], "{key}");
    }
    // The yes/no row reads `is 1`.
    let mut m = lv3.clone();
    m["profile_complete"] = json!(false);
    let r = plan(&m);
    assert_eq!(r["level"], 0);
    assert_eq!(
        r["missing"][0],
        json!({"level": 1, "item": "profile_complete", "have": 0, "op": "is", "need": 1, "met": false})
    );

    // A file without a key: the file and the field named, nothing else done.
    std::fs::write(&file, r#"{"followers": 1}"#).expect("write");
    let out = cli.run(&["level", "--metrics", file.to_str().expect("path"), "--json"]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("metrics.json") && err.contains("courses_completed"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn benefits_claim_once_and_the_platform_has_it() {
    let platform = Platform::start(20, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(dir.path(), &platform);
    let wallet = cli.json(&["benefits", "--json"]);
    assert_eq!(
        keys(&wallet),
        set(&["items", "dispatches", "dou_plus_owed"])
    );
    let items = wallet["items"].as_array().expect("items");
    // Claimable first (R-LEVEL-5).
    assert_eq!(items[0]["status"], "available");
    assert_eq!(items[0]["claimable"], true);
    let id = items[0]["id"].as_str().expect("id").to_string();
    // R-LEVEL-7: 20 DOU+ per dispatch owed in an ended period.
    let owed: u64 = wallet["dispatches"]
        .as_array()
        .expect("periods")
        .iter()
        .filter_map(|p| p["dou_plus"].as_u64())
        .sum();
    assert_eq!(wallet["dou_plus_owed"].as_u64(), Some(owed));
    assert!(owed > 0, "the demo creator is owed dispatches");

    let claimed = cli.json(&["benefits", "claim", &id, "--json"]);
    assert_eq!(claimed["status"], "claimed");
    assert_eq!(claimed["send_state"], Value::Null);
    // The platform agrees, and a second claim is refused here, not sent.
    let fresh = cli.json(&["benefits", "--refresh", "--json"]);
    let card = fresh["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|b| b["id"] == id.as_str())
        .expect("card")
        .clone();
    assert_eq!(card["status"], "claimed");
    let again = cli.run(&["benefits", "claim", &id]);
    assert!(!again.status.success());
    assert!(
        text(&again.stderr).contains("already claimed"),
        "{}",
        text(&again.stderr)
    );
    let missing = cli.run(&["benefits", "claim", "nope"]);
    assert!(!missing.status.success());
}

#[test]
fn invitations_list_the_hour_and_accept_a_dispatch_inside_it() {
    let platform = Platform::start(20, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(dir.path(), &platform);
    let id = platform
        .control()
        .send_invitation(InvitationKind::Dispatch, Decimal::from(2000))
        .expect("invite");
    // The refresh sees it first, and marks it seen: the app will not tell it again, so
    // the command does (on stderr; stdout stays JSON), with the hour to accept it in.
    let out = cli.run(&["invitations", "--refresh", "--json"]);
    assert!(out.status.success());
    let told = String::from_utf8_lossy(&out.stderr);
    let line = told
        .lines()
        .find(|l| l.starts_with("new preferred dispatch: "))
        .unwrap_or_else(|| panic!("the dispatch is told: {told}"));
    assert!(
        line.contains(&format!("stardesk invitations accept {id}")),
        "{line}"
    );
    assert!(line.contains("China time"), "{line}");
    let list: Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(keys(&list), set(&["items", "acceptance"]));
    // R-PREF-2: 9 of 11 before, 75.00% after one more decline.
    assert_eq!(list["acceptance"]["rate"], "81.82");
    assert_eq!(list["acceptance"]["after_decline"], "75.00");
    let first = &list["items"][0];
    assert_eq!(first["id"], id.as_str(), "pending first");
    assert_eq!(first["status"], "pending");
    let left = first["seconds_left"].as_i64().expect("seconds left");
    assert!((3000..=3600).contains(&left), "R-PREF-4: {left}");
    // R-PREF-3: an independent creator nets ¥2,000 − 15% − 5%.
    assert_eq!(first["net"], "1600.00");

    let accepted = cli.json(&["invitations", "accept", &id, "--json"]);
    assert_eq!(accepted["status"], "accepted");
    let twice = cli.run(&["invitations", "decline", &id]);
    assert!(!twice.status.success(), "answered already");
}

#[test]
fn star_index_prints_the_recorded_days_oldest_first() {
    let platform = Platform::start(20, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(dir.path(), &platform);
    let v = cli.json(&["star-index", "--days", "7", "--json"]);
    assert_eq!(keys(&v), set(&["days", "points", "change"]));
    let points = v["points"].as_array().expect("points");
    assert_eq!(
        points.len(),
        7,
        "seeded from the platform's history, then today's"
    );
    let days: Vec<&str> = points.iter().filter_map(|p| p["day"].as_str()).collect();
    assert!(days.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(
        days.last().copied(),
        Some(china_today().format("%Y-%m-%d").to_string().as_str())
    );
    for p in points {
        assert_eq!(
            keys(p),
            set(&[
                "day",
                "index",
                "reach",
                "cooperation",
                "growth",
                "value_for_money",
                "seeding"
            ])
        );
    }
    let all = cli.json(&["star-index", "--json"]);
    assert!(all["points"].as_array().expect("points").len() >= 89);
}
