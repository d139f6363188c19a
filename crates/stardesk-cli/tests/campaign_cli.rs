//! The campaign commands' contract (README, "CLI"), as a user runs them: separate
//! `stardesk` processes over one data directory, pointed with `account set` at a sandbox
//! platform this test serves on a random loopback port (so it can read the server's side,
//! take the platform away and bring it back). Expected dates and amounts are worked out
//! here from the rules of `shared/DOMAIN.md`, not taken from the code under test.
//!
//! Needs the OS keychain: `dbus-run-session -- bash scripts/with-keyring.sh cargo test -p
//! stardesk-cli --test campaign_cli`.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{Duration, NaiveDate};
use serde_json::Value;
use stardesk_platform::wire::{self, Reward, Task};

use common::*;

const TIMELINE_KEYS: [&str; 7] = [
    "selection_by",
    "ship_by",
    "late_shipping_after",
    "upload_by",
    "cooperation_ends",
    "reward_publicity_ends",
    "retain_until",
];

/// Tasks the test platforms generate: enough product-review tasks for the demo creator's
/// applications and for a full one.
const TASKS: usize = 1500;

fn object_keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .unwrap_or_else(|| panic!("not a JSON object: {v}"))
        .keys()
        .cloned()
        .collect()
}

fn keys(list: &[&str]) -> BTreeSet<String> {
    list.iter().map(|s| s.to_string()).collect()
}

fn plus(d: NaiveDate, days: i64) -> NaiveDate {
    d + Duration::days(days)
}

/// The China calendar day of an instant.
fn china_day(t: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (t + Duration::hours(8)).date_naive()
}

/// A task "with a cash reward" (DOMAIN.md): its scheme pays cash; sample-only does not.
fn pays_cash(task: &Task) -> bool {
    !matches!(task.reward, Reward::SampleOnly)
}

/// "The campaign timeline: exact dates" of DOMAIN.md, for an application made on
/// `applied_on` to `task`, published on `published_on` (R-REVIEW-3, 8, 9, 10, 13, 15).
fn expected_timeline(
    applied_on: NaiveDate,
    task: &Task,
    published_on: Option<NaiveDate>,
) -> BTreeMap<&'static str, Option<NaiveDate>> {
    let upload = task.upload_deadline;
    let cash = pays_cash(task);
    let cooperation_ends = if cash { plus(upload, 3) } else { upload };
    BTreeMap::from([
        ("selection_by", Some(plus(applied_on, 14))),
        ("ship_by", task.ship_by),
        ("late_shipping_after", Some(plus(upload, -15))),
        ("upload_by", Some(upload)),
        ("cooperation_ends", Some(cooperation_ends)),
        (
            "reward_publicity_ends",
            cash.then(|| plus(cooperation_ends, 3)),
        ),
        (
            "retain_until",
            published_on.map(|p| plus(p, i64::from(task.retention_days))),
        ),
    ])
}

/// The `timeline` object of one application of `applications --json`: exactly the seven
/// keys, each `YYYY-MM-DD` or null.
fn timeline_of(app: &Value) -> BTreeMap<String, Option<NaiveDate>> {
    let timeline = &app["timeline"];
    assert_eq!(
        object_keys(timeline),
        keys(&TIMELINE_KEYS),
        "application {}: the timeline has exactly the seven keys",
        app["id"]
    );
    timeline
        .as_object()
        .expect("object")
        .iter()
        .map(|(k, v)| {
            let d = match v {
                Value::Null => None,
                Value::String(s) => Some(date(s).unwrap_or_else(|| {
                    panic!("application {}: {k} is {s:?}, not YYYY-MM-DD", app["id"])
                })),
                other => panic!(
                    "application {}: {k} is {other}, not a date or null",
                    app["id"]
                ),
            };
            (k.clone(), d)
        })
        .collect()
}

fn signed_in(platform: &Platform, dir: &Path) -> Cli {
    let cli = Cli::new(dir);
    require_keychain(&cli);
    cli.sign_in(platform);
    cli
}

#[test]
fn account_set_checks_the_token_first_and_keeps_it_only_in_the_keychain() {
    let platform = Platform::start(50, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    require_keychain(&cli);
    let token_account = format!(
        "platform-token:{}",
        stardesk_store::secret::db_key_account(dir.path())
    );
    let requests = platform.control().request_count();

    let out = cli.run_with_stdin(
        &["account", "set", "--url", &platform.url(), "--token-stdin"],
        "not-the-token\n",
    );
    assert!(!out.status.success(), "a wrong token is refused");
    let err = text(&out.stderr);
    assert!(
        err.contains("sign_in_required") || err.contains("refused the sign-in"),
        "the error says the platform refused the token: {err}"
    );
    assert!(!err.contains("not-the-token"), "the token is never printed");
    assert!(
        platform.control().request_count() > requests,
        "the token was checked against the platform"
    );
    let status = cli.json(&["status", "--json"]);
    assert_eq!(
        status["source"]["kind"], "sandbox",
        "nothing was saved: still the embedded sandbox"
    );
    assert!(
        stardesk_store::secret::keychain_get(&token_account)
            .expect("keychain")
            .is_none(),
        "no token was kept"
    );

    cli.sign_in(&platform);
    let status = cli.json(&["status", "--json"]);
    assert_eq!(status["source"]["kind"], "platform");
    assert_eq!(
        status["source"]["url"]
            .as_str()
            .map(|u| u.trim_end_matches('/')),
        Some(platform.url().as_str())
    );
    assert_eq!(
        stardesk_store::secret::keychain_get(&token_account)
            .expect("keychain")
            .map(|t| t.expose().clone())
            .as_deref(),
        Some(TOKEN),
        "the token is in the keychain"
    );
    let db = std::fs::read(dir.path().join("stardesk.db")).expect("the database file");
    assert!(
        !db.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()),
        "the token is not in the database file"
    );

    cli.ok(&["account", "sandbox"]);
    let status = cli.json(&["status", "--json"]);
    assert_eq!(status["source"]["kind"], "sandbox");
    assert!(
        stardesk_store::secret::keychain_get(&token_account)
            .expect("keychain")
            .is_none(),
        "`account sandbox` forgets the token"
    );
}

#[test]
fn sync_brings_the_applications_with_the_dates_of_domain_md_and_task_shows_the_api_fields() {
    let platform = Platform::start(TASKS, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(&platform, dir.path());
    let sync = cli.json(&["sync", "--json"]);
    assert_eq!(sync["task_count"], TASKS, "{sync}");

    let apps = cli.json(&["applications", "--json"]);
    let apps = apps.as_array().expect("applications --json is an array");
    let server: BTreeMap<String, wire::Application> = platform
        .server_applications()
        .into_iter()
        .map(|a| (a.id.clone(), a))
        .collect();
    assert!(
        server.len() >= 5,
        "the demo creator has applications: {}",
        server.len()
    );
    let listed: BTreeSet<String> = apps
        .iter()
        .map(|a| a["id"].as_str().expect("id is a string").to_string())
        .collect();
    assert_eq!(
        listed,
        server.keys().cloned().collect::<BTreeSet<_>>(),
        "one object per application of the platform"
    );
    assert_eq!(listed.len(), apps.len(), "no application twice");

    let mut tasks: BTreeMap<String, Task> = BTreeMap::new();
    let mut cash = 0;
    let mut published = 0;
    for app in apps {
        let id = app["id"].as_str().expect("id");
        let theirs = &server[id];
        for key in ["id", "task_id", "status", "applied_on", "timeline"] {
            assert!(app.get(key).is_some(), "application {id} has {key}: {app}");
        }
        assert_eq!(app["task_id"], theirs.task_id.as_str());
        assert_eq!(
            app["status"],
            serde_json::to_value(theirs.status).expect("status"),
            "application {id}: the platform's status"
        );
        let applied_on = date(app["applied_on"].as_str().expect("applied_on"))
            .unwrap_or_else(|| panic!("applied_on is YYYY-MM-DD: {}", app["applied_on"]));
        assert_eq!(
            applied_on,
            china_day(theirs.applied_at),
            "application {id}: applied_on is the China day of {}",
            theirs.applied_at
        );
        let task = tasks
            .entry(theirs.task_id.clone())
            .or_insert_with(|| platform.server_task(&theirs.task_id));
        cash += usize::from(pays_cash(task));
        published += usize::from(theirs.published_on.is_some());
        let expected = expected_timeline(applied_on, task, theirs.published_on);
        let got = timeline_of(app);
        for (key, want) in &expected {
            assert_eq!(
                got[*key],
                *want,
                "application {id} ({:?}, task {}: ship_by {:?}, upload {}, retention {}, \
                 cash {}), {key}",
                theirs.status,
                task.id,
                task.ship_by,
                task.upload_deadline,
                task.retention_days,
                pays_cash(task)
            );
        }
    }
    assert!(
        cash > 0 && published > 0,
        "the data exercises the cash and publication dates ({cash} with cash, {published} \
         published)"
    );

    // `task ID --json`: the task as the API publishes it, with its field names.
    let (task_id, theirs) = tasks.iter().next().expect("a task");
    let task = cli.json(&["task", task_id, "--json"]);
    assert_eq!(
        object_keys(&task),
        keys(&[
            "id",
            "title",
            "brand",
            "category",
            "settlement_mode",
            "industry",
            "content_form",
            "reward",
            "sample_value",
            "apply_start",
            "apply_end",
            "ship_by",
            "upload_deadline",
            "retention_days",
            "min_followers",
            "max_followers",
            "slots_wanted",
            "slots_taken",
            "requirements",
            "description",
            "updated_at",
        ]),
        "the API's Task fields (docs/platform-api.yaml)"
    );
    let wire = serde_json::to_value(theirs).expect("wire task");
    for key in [
        "id",
        "ship_by",
        "upload_deadline",
        "retention_days",
        "reward",
        "apply_end",
    ] {
        assert_eq!(task[key], wire[key], "task {task_id}: {key}");
    }
    let missing = cli.run(&["task", "9999999999999999999", "--json"]);
    assert!(!missing.status.success(), "an unknown task is an error");

    // `reward --task ID`: the task's own scheme, at its lowest tier's bounds (R-REVIEW-5).
    let (id, lowest) = platform
        .server_tasks()
        .into_iter()
        .find_map(|t| match &t.reward {
            Reward::PlayTiers { tiers } => tiers
                .iter()
                .min_by_key(|tier| tier.above)
                .cloned()
                .map(|tier| (t.id.clone(), tier)),
            _ => None,
        })
        .expect("a task paying by valid plays");
    let top = lowest.up_to.unwrap_or(lowest.above + 1);
    for (plays, want) in [
        (lowest.above, "0".to_string()),
        (top, lowest.amount.to_string()),
    ] {
        let out = cli.json(&[
            "reward",
            "--task",
            &id,
            "--plays",
            &plays.to_string(),
            "--json",
        ]);
        let got = out["reward"].as_str().expect("a string of yuan");
        assert_eq!(
            fen(got),
            fen(&want),
            "task {id} at {plays} plays: ¥{want}, got ¥{got}"
        );
    }
}

/// R-REVIEW-11 for the signed-in creator, and the task's own follower range.
fn eligible(task: &Task, me: &wire::Me) -> bool {
    let creator_ok = match &me.agency {
        None => (10_000..=500_000).contains(&me.followers),
        Some(a) => !a.deposit_ever_deducted,
    };
    creator_ok
        && me.followers >= task.min_followers
        && task.max_followers.is_none_or(|max| me.followers <= max)
}

fn is_review(task: &Task) -> bool {
    task.settlement_mode == Some(wire::SettlementMode::ProductReview)
}

/// `apply` with one flag's value replaced.
fn apply_with(task: &str, flag: &str, value: &str) -> Vec<String> {
    let mut args = apply_args(task);
    let at = args
        .iter()
        .position(|a| a == flag)
        .unwrap_or_else(|| panic!("no {flag}"));
    args[at + 1] = value.to_string();
    args
}

fn failure(cli: &Cli, args: &[String]) -> String {
    let out = cli.run(&strs(args));
    assert!(
        !out.status.success(),
        "`stardesk {}` should fail; it printed {}",
        args.join(" "),
        text(&out.stdout)
    );
    assert!(
        out.stdout.is_empty(),
        "a failed apply prints no result: {}",
        text(&out.stdout)
    );
    text(&out.stderr)
}

/// R-REVIEW-12: every field is checked before anything is stored or sent.
#[test]
fn apply_names_the_invalid_field_queues_nothing_sends_once_and_reports_refusals() {
    let platform = Platform::start(TASKS, None);
    let control = platform.control();
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(&platform, dir.path());
    let synced = control.add_open_review_tasks(1).remove(0);
    cli.ok(&["sync", "--json"]);
    // Published after the last sync: the CLI has not seen it.
    let unsynced = control.add_open_review_tasks(1).remove(0);
    let before = control.application_count();

    const FLAGS: [&str; 6] = [
        "--name",
        "--phone",
        "--region-code",
        "--address",
        "--strengths",
        "--idea",
    ];
    let twenty_one = "林".repeat(21);
    let cases: [(&str, &str); 9] = [
        ("--name", ""),
        ("--name", &twenty_one),
        ("--phone", "12812345678"),
        ("--phone", "1381234567"),
        ("--region-code", "999999"),
        ("--address", "文三路9"),
        ("--strengths", "一二三四五六七八九"),
        ("--idea", "一二三四五六七八九"),
        ("--idea", "   一二三四五六七八九   "),
    ];
    for (flag, value) in cases {
        let err = failure(&cli, &apply_with(&synced, flag, value));
        assert!(
            err.contains(flag),
            "{flag} {value:?}: the error names {flag}: {err}"
        );
        for other in FLAGS.iter().filter(|f| **f != flag) {
            assert!(
                !err.contains(other),
                "{flag} {value:?}: only the field at fault is named, not {other}: {err}"
            );
        }
    }
    assert_eq!(
        cli.json(&["outbox", "--json"]),
        Value::Array(vec![]),
        "nothing waits"
    );
    assert!(
        store_unsent(dir.path()).is_empty(),
        "nothing was queued, not even as refused"
    );
    assert_eq!(control.application_count(), before, "nothing was sent");

    // The bounds themselves are valid: 20 characters of name, 5 of address, 10 of each text.
    let mut args = apply_args(&unsynced);
    for (flag, value) in [
        ("--name", "林".repeat(20)),
        ("--address", "文三路9号".to_string()),
        ("--strengths", "一二三四五六七八九十".to_string()),
        ("--idea", "十九八七六五四三二一".to_string()),
    ] {
        args = {
            let at = args.iter().position(|a| a == flag).expect("flag");
            args[at + 1] = value;
            args
        };
    }
    let mut sent = BTreeMap::new();
    for (task, args) in [(&unsynced, args), (&synced, apply_args(&synced))] {
        let out = cli.json(&strs(&args));
        assert_eq!(
            object_keys(&out),
            keys(&["id", "task_id", "status", "queued"]),
            "exactly these keys: {out}"
        );
        assert_eq!(out["task_id"], task.as_str());
        assert_eq!(out["queued"], false);
        assert_eq!(out["status"], "submitted");
        sent.insert(task.clone(), out["id"].as_str().expect("id").to_string());
    }
    let server = platform.server_applications();
    for (task, id) in &sent {
        let on_server: Vec<_> = server.iter().filter(|a| &a.task_id == task).collect();
        assert_eq!(on_server.len(), 1, "task {task}: applied exactly once");
        assert_eq!(&on_server[0].id, id, "the id printed is the platform's");
    }
    assert_eq!(control.application_count(), before + 2);

    // At once, without a sync: listed with every date, the unsynced task's too.
    let apps = cli.json(&["applications", "--json"]);
    for (task_id, id) in &sent {
        let app = apps
            .as_array()
            .expect("array")
            .iter()
            .find(|a| a["id"] == id.as_str())
            .unwrap_or_else(|| panic!("application {id} is listed"));
        let theirs = server.iter().find(|a| &a.id == id).expect("on the server");
        let applied_on = date(app["applied_on"].as_str().expect("applied_on")).expect("date");
        assert_eq!(applied_on, china_day(theirs.applied_at));
        let task = platform.server_task(task_id);
        let want = expected_timeline(applied_on, &task, None);
        let got = timeline_of(app);
        for (key, want) in want {
            assert_eq!(got[key], want, "task {task_id} (just applied): {key}");
        }
    }

    // The platform's refusals (409), with their reason.
    let err = failure(&cli, &apply_args(&synced));
    assert!(err.contains("already_applied"), "{err}");

    let me = control.creator();
    let today = control.today();
    let mine: BTreeSet<String> = platform
        .server_applications()
        .into_iter()
        .filter(|a| a.status != wire::ApplicationStatus::Withdrawn)
        .map(|a| a.task_id)
        .collect();
    let open: Vec<Task> = platform
        .server_tasks()
        .into_iter()
        .filter(|t| is_review(t) && !mine.contains(&t.id) && eligible(t, &me))
        .collect();
    let closed = open
        .iter()
        .find(|t| today < t.apply_start || today > t.apply_end)
        .expect("a product-review task whose application window is not open today");
    let err = failure(&cli, &apply_args(&closed.id));
    assert!(
        err.contains("window_closed"),
        "task {} ({} to {}): {err}",
        closed.id,
        closed.apply_start,
        closed.apply_end
    );
    let full = open
        .iter()
        .find(|t| (t.apply_start..=t.apply_end).contains(&today) && t.slots_taken >= t.slots_wanted)
        .expect("a product-review task open today with every slot taken");
    let err = failure(&cli, &apply_args(&full.id));
    assert!(
        err.contains("slots_full"),
        "task {} ({}/{} slots): {err}",
        full.id,
        full.slots_taken,
        full.slots_wanted
    );

    assert_eq!(control.application_count(), before + 2, "none was stored");
    assert_eq!(cli.json(&["outbox", "--json"]), Value::Array(vec![]));
}

#[test]
fn an_application_made_while_the_platform_is_down_waits_and_is_sent_once_when_it_is_back() {
    let platform_dir = tempfile::tempdir().expect("tempdir");
    let mut platform = Platform::start(200, Some(platform_dir.path().join("platform.sqlite")));
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(&platform, dir.path());
    let task = platform.control().add_open_review_tasks(1).remove(0);
    cli.ok(&["sync", "--json"]);
    let before = platform.control().application_count();
    platform.stop();

    let out = cli.json(&strs(&apply_args(&task)));
    assert_eq!(
        object_keys(&out),
        keys(&["id", "task_id", "status", "queued"]),
        "{out}"
    );
    assert_eq!(out["queued"], true, "{out}");
    assert_eq!(out["task_id"], task.as_str());
    let waiting = cli.json(&["outbox", "--json"]);
    let waiting = waiting.as_array().expect("outbox --json is an array");
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    assert_eq!(waiting[0]["task_id"], task.as_str());
    let send = cli.run(&["outbox", "send"]);
    assert!(
        !send.status.success(),
        "`outbox send` fails while the platform is down"
    );
    assert_eq!(
        cli.json(&["outbox", "--json"]).as_array().map(Vec::len),
        Some(1)
    );

    platform.restart();
    assert_eq!(platform.control().application_count(), before, "kept");
    cli.ok(&["outbox", "send"]);
    assert_eq!(cli.json(&["outbox", "--json"]), Value::Array(vec![]));
    let per_task = platform.applications_per_task();
    assert_eq!(per_task.get(&task), Some(&1), "on the server once");
    assert_eq!(platform.control().application_count(), before + 1);
    cli.ok(&["outbox", "send"]);
    assert_eq!(
        platform.control().application_count(),
        before + 1,
        "never twice"
    );
    let apps = cli.json(&["applications", "--json"]);
    let mine: Vec<&Value> = apps
        .as_array()
        .expect("array")
        .iter()
        .filter(|a| a["task_id"] == task.as_str())
        .collect();
    assert_eq!(mine.len(), 1, "listed once");
    assert_eq!(mine[0]["status"], "submitted");
}

/// Amounts as fen, from a decimal yuan string (`"88.8"`, `"88.80"`, `"2000"`).
fn fen(yuan: &str) -> i64 {
    let (whole, frac) = yuan.split_once('.').unwrap_or((yuan, ""));
    assert!(
        frac.len() <= 2
            && !whole.is_empty()
            && (whole.chars().chain(frac.chars())).all(|c| c.is_ascii_digit()),
        "not a yuan amount: {yuan:?}"
    );
    let frac = format!("{frac:0<2}");
    whole.parse::<i64>().expect("yuan") * 100 + frac.parse::<i64>().expect("fen")
}

fn reward(cli: &Cli, scheme: &Path, measure: &str, n: u64) -> String {
    let out = cli.json(&[
        "reward",
        "--scheme",
        scheme.to_str().expect("path"),
        measure,
        &n.to_string(),
        "--json",
    ]);
    assert_eq!(object_keys(&out), keys(&["reward"]), "{out}");
    out["reward"]
        .as_str()
        .unwrap_or_else(|| panic!("the reward is a string of yuan: {out}"))
        .to_string()
}

#[test]
fn r_review_5_6_reward_at_each_bound_of_a_scheme_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(&dir.path().join("data"));
    // Not DOMAIN.md's example numbers, and listed out of order: a gap up to 2,000 plays.
    let tiers = dir.path().join("tiers.json");
    std::fs::write(
        &tiers,
        r#"{"kind": "play_tiers", "tiers": [
            {"above": 8000, "up_to": 50000, "amount": "300"},
            {"above": 2000, "up_to": 8000, "amount": "88.8"},
            {"above": 50000, "up_to": null, "amount": "1234.56"}
        ]}"#,
    )
    .expect("write");
    // R-REVIEW-5: lower bound exclusive, upper bound inclusive.
    let plays: [(u64, &str); 10] = [
        (0, "0"),
        (2000, "0"),
        (2001, "88.80"),
        (7999, "88.80"),
        (8000, "88.80"),
        (8001, "300"),
        (50000, "300"),
        (50001, "1234.56"),
        (9_000_000, "1234.56"),
        (1, "0"),
    ];
    for (n, want) in plays {
        let got = reward(&cli, &tiers, "--plays", n);
        assert_eq!(fen(&got), fen(want), "{n} plays: ¥{want}, got ¥{got}");
    }
    let ranks = dir.path().join("ranks.json");
    std::fs::write(
        &ranks,
        r#"{"kind": "rank", "prizes": [
            {"from": 1, "to": 1, "amount": "1888"},
            {"from": 2, "to": 3, "amount": "600"},
            {"from": 4, "to": 6, "amount": "199.9"}
        ]}"#,
    )
    .expect("write");
    // R-REVIEW-6: rank ranges inclusive at both ends.
    let by_rank: [(u64, &str); 7] = [
        (1, "1888"),
        (2, "600"),
        (3, "600"),
        (4, "199.90"),
        (6, "199.90"),
        (7, "0"),
        (100, "0"),
    ];
    for (n, want) in by_rank {
        let got = reward(&cli, &ranks, "--rank", n);
        assert_eq!(fen(&got), fen(want), "rank {n}: ¥{want}, got ¥{got}");
    }
    assert!(
        !dir.path().join("data").exists(),
        "a scheme file needs no data directory"
    );
    for (scheme, wrong) in [(&tiers, "--rank"), (&ranks, "--plays")] {
        let out = cli.run(&[
            "reward",
            "--scheme",
            scheme.to_str().expect("path"),
            wrong,
            "3",
            "--json",
        ]);
        assert!(
            !out.status.success(),
            "{wrong} on a scheme that pays otherwise is an error"
        );
    }
    let bad = dir.path().join("overlap.json");
    std::fs::write(
        &bad,
        r#"{"kind": "play_tiers", "tiers": [
            {"above": 0, "up_to": 100, "amount": "1"},
            {"above": 50, "up_to": 200, "amount": "2"}]}"#,
    )
    .expect("write");
    let out = cli.run(&[
        "reward",
        "--scheme",
        bad.to_str().expect("path"),
        "--plays",
        "60",
        "--json",
    ]);
    assert!(!out.status.success(), "overlapping tiers are refused");
    assert!(text(&out.stderr).contains("overlap.json"), "names the file");
}

/// Seconds of an RFC 5545 duration (`-PT226800S`, `-P2DT15H`, `PT9H`, `P1W`).
fn duration_secs(v: &str) -> i64 {
    let (sign, rest) = match v.strip_prefix('-') {
        Some(r) => (-1, r),
        None => (1, v.strip_prefix('+').unwrap_or(v)),
    };
    let rest = rest
        .strip_prefix('P')
        .unwrap_or_else(|| panic!("not a duration: {v}"));
    let (mut secs, mut n, mut in_time) = (0i64, String::new(), false);
    for c in rest.chars() {
        match c {
            'T' => in_time = true,
            '0'..='9' => n.push(c),
            unit => {
                let k: i64 = n.parse().unwrap_or_else(|_| panic!("not a duration: {v}"));
                n.clear();
                secs += k * match (unit, in_time) {
                    ('W', false) => 7 * 86_400,
                    ('D', false) => 86_400,
                    ('H', true) => 3_600,
                    ('M', true) => 60,
                    ('S', true) => 1,
                    _ => panic!("not a duration: {v}"),
                };
            }
        }
    }
    assert!(n.is_empty(), "not a duration: {v}");
    sign * secs
}

/// One VEVENT as the test reads it back.
#[derive(Debug, PartialEq, Eq)]
struct ParsedEvent {
    start: NaiveDate,
    /// DTEND as a date, when given.
    end: Option<NaiveDate>,
    summary: String,
    /// Each VALARM's action and trigger (seconds from the start of the day).
    alarms: Vec<(String, i64)>,
}

/// The VEVENTs of an iCalendar file by UID, parsed with the `icalendar` crate's parser.
fn parse_ics(path: &Path) -> BTreeMap<String, ParsedEvent> {
    let raw = std::fs::read_to_string(path).expect("the calendar file");
    assert!(
        raw.starts_with("BEGIN:VCALENDAR\r\n"),
        "a calendar: {raw:.60}"
    );
    assert!(raw.contains("VERSION:2.0\r\n") && raw.contains("PRODID:"));
    let unfolded = icalendar::parser::unfold(&raw);
    let calendar = icalendar::parser::read_calendar(&unfolded)
        .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
    let mut events = BTreeMap::new();
    for c in calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
    {
        let prop = |name: &str| {
            c.find_prop(name)
                .map(|p| p.val.as_str().to_string())
                .unwrap_or_else(|| panic!("a VEVENT without {name}"))
        };
        let day = |name: &str| {
            c.find_prop(name).map(|p| {
                assert!(
                    p.params.iter().any(|q| q.key.as_str() == "VALUE"
                        && q.val.as_ref().map(|v| v.as_str()) == Some("DATE")),
                    "{name} is an all-day DATE: {p:?}"
                );
                NaiveDate::parse_from_str(p.val.as_str(), "%Y%m%d")
                    .unwrap_or_else(|e| panic!("{name} {:?}: {e}", p.val.as_str()))
            })
        };
        assert!(c.find_prop("DTSTAMP").is_some(), "RFC 5545: DTSTAMP");
        let alarms = c
            .components
            .iter()
            .filter(|a| a.name.as_str() == "VALARM")
            .map(|a| {
                let action = a
                    .find_prop("ACTION")
                    .expect("ACTION")
                    .val
                    .as_str()
                    .to_string();
                let trigger = a.find_prop("TRIGGER").expect("TRIGGER");
                assert!(
                    trigger.params.iter().all(|q| q.key.as_str() != "RELATED"
                        || q.val.as_ref().map(|v| v.as_str()) == Some("START")),
                    "relative to the start of the day: {trigger:?}"
                );
                assert!(
                    a.find_prop("DESCRIPTION").is_some(),
                    "RFC 5545: DISPLAY needs DESCRIPTION"
                );
                (action, duration_secs(trigger.val.as_str()))
            })
            .collect();
        let uid = prop("UID");
        let event = ParsedEvent {
            start: day("DTSTART").expect("DTSTART"),
            end: day("DTEND"),
            summary: prop("SUMMARY"),
            alarms,
        };
        assert!(
            events.insert(uid.clone(), event).is_none(),
            "UID {uid} appears twice"
        );
    }
    events
}

/// The statuses after which nothing more happens (no reminders, but of the retention
/// period once completed or paid: R-REVIEW-15).
const CLOSED: [&str; 5] = [
    "withdrawn",
    "not_selected",
    "failed",
    "completed",
    "reward_paid",
];

#[test]
fn agenda_lists_the_open_dates_ahead_and_the_calendar_has_one_event_per_date() {
    let platform = Platform::start(TASKS, None);
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(&platform, dir.path());
    cli.ok(&["sync", "--json"]);
    let apps = cli.json(&["applications", "--json"]);
    let apps = apps.as_array().expect("array");
    let today = china_today();

    // Every date of every application, with where it stands (the `steps` of the list).
    struct Dated {
        app: String,
        status: String,
        key: String,
        date: NaiveDate,
        state: String,
        title: String,
    }
    let mut dated = Vec::new();
    for a in apps {
        let timeline = timeline_of(a);
        for (key, d) in timeline {
            let Some(d) = d else { continue };
            let step = a["steps"]
                .as_array()
                .and_then(|s| s.iter().find(|s| s["key"] == key.as_str()))
                .unwrap_or_else(|| panic!("application {}: step {key}", a["id"]));
            dated.push(Dated {
                app: a["id"].as_str().expect("id").to_string(),
                status: a["status"].as_str().expect("status").to_string(),
                key,
                date: d,
                state: step["state"].as_str().expect("state").to_string(),
                title: a["task_title"].as_str().unwrap_or("").to_string(),
            });
        }
    }
    assert!(!dated.is_empty());

    // The agenda: the dates still open (next or later) from today to 14 days ahead.
    let agenda = cli.json(&["agenda", "--days", "14", "--json"]);
    let agenda = agenda.as_array().expect("agenda --json is an array");
    let got: BTreeSet<(String, String, NaiveDate)> = agenda
        .iter()
        .map(|i| {
            let d = date(i["date"].as_str().expect("date")).expect("YYYY-MM-DD");
            assert_eq!(i["days_left"], (d - today).num_days(), "{i}");
            (
                i["application_id"].as_str().expect("id").to_string(),
                i["key"].as_str().expect("key").to_string(),
                d,
            )
        })
        .collect();
    let want: BTreeSet<(String, String, NaiveDate)> = dated
        .iter()
        .filter(|d| {
            matches!(d.state.as_str(), "next" | "later")
                && d.date >= today
                && d.date <= plus(today, 14)
        })
        .map(|d| (d.app.clone(), d.key.clone(), d.date))
        .collect();
    assert_eq!(got, want, "the open dates of the next 14 days");
    assert_eq!(got.len(), agenda.len(), "each once");
    assert!(
        agenda
            .windows(2)
            .all(|w| w[0]["date"].as_str() <= w[1]["date"].as_str()),
        "soonest first"
    );
    assert!(
        !want.is_empty(),
        "the demo data has dates in the next 14 days"
    );

    // The calendar, exported twice.
    let first = dir.path().join("first.ics");
    let second = dir.path().join("second.ics");
    cli.ok(&["agenda", "--ics", first.to_str().expect("path")]);
    cli.ok(&["agenda", "--ics", second.to_str().expect("path"), "--json"]);
    let (a, b) = (parse_ics(&first), parse_ics(&second));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "the same UIDs in both exports, so importing again updates"
    );
    assert_eq!(a, b, "the same events in both exports");

    // One all-day event per known date, and a 09:00 alarm per lead day (3, 1 and 0 days
    // before by default) on each date the reminders remind of: not the end of cooperation
    // (shown, not reminded), nothing of a closed application but a completed or paid one's
    // retention (R-REVIEW-15), nothing done or missed.
    assert_eq!(a.len(), dated.len(), "one event per date of the timelines");
    let leads = [3i64, 1, 0];
    let mut with_alarms = 0;
    for d in &dated {
        let uid = format!("{}-{}@stardesk", d.app, d.key);
        let event = a
            .get(&uid)
            .unwrap_or_else(|| panic!("no event {uid} for {} {}", d.key, d.date));
        assert_eq!(event.start, d.date, "{uid}");
        if let Some(end) = event.end {
            assert_eq!(
                end,
                plus(d.date, 1),
                "{uid}: an all-day event ends (exclusive) the next day (RFC 5545 3.8.2.2)"
            );
        }
        assert!(
            event.summary.contains(&d.title),
            "{uid}: names the task: {}",
            event.summary
        );
        let retention =
            d.key == "retain_until" && matches!(d.status.as_str(), "completed" | "reward_paid");
        let reminded = d.key != "cooperation_ends"
            && (!CLOSED.contains(&d.status.as_str()) || retention)
            && matches!(d.state.as_str(), "next" | "later")
            // A day gone by while its step is still to come has nothing left to remind of.
            && d.date >= today;
        let mut triggers: Vec<i64> = event
            .alarms
            .iter()
            .map(|(action, t)| {
                assert_eq!(action, "DISPLAY", "{uid}");
                *t
            })
            .collect();
        triggers.sort_unstable();
        let mut expected: Vec<i64> = if reminded {
            leads.iter().map(|l| 9 * 3_600 - l * 86_400).collect()
        } else {
            Vec::new()
        };
        expected.sort_unstable();
        assert_eq!(
            triggers, expected,
            "{uid} ({}, {}, {}): alarms at 09:00 {leads:?} days before when reminded ({reminded})",
            d.status, d.key, d.state
        );
        with_alarms += usize::from(reminded);
    }
    assert!(
        with_alarms > 0 && with_alarms < dated.len(),
        "the data has dates reminded of and dates not ({with_alarms} of {})",
        dated.len()
    );
}

/// The CLI beside the app (or a second CLI) on one data directory: commands running at
/// once wait for each other's writes instead of failing with "database is locked".
#[test]
fn commands_running_at_once_on_one_data_directory_all_succeed() {
    let platform = Platform::start(200, None);
    let control = platform.control();
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = signed_in(&platform, dir.path());
    let tasks = control.add_open_review_tasks(24);
    cli.ok(&["sync", "--json"]);
    let before = control.application_count();
    for round in tasks.chunks(12) {
        let mut children: Vec<(String, std::process::Child)> = Vec::new();
        let mut spawn = |args: Vec<String>| {
            let child = cli
                .command(&strs(&args))
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("spawn stardesk");
            children.push((args.join(" "), child));
        };
        for task in round {
            spawn(apply_args(task));
        }
        spawn(vec!["sync".into(), "--json".into()]);
        spawn(vec!["applications".into(), "--json".into()]);
        spawn(vec!["outbox".into(), "send".into()]);
        for (args, child) in children {
            let out = child.wait_with_output().expect("wait");
            let err = text(&out.stderr);
            if args == "outbox send" {
                // It may find an application another process just queued, still in flight.
                assert!(
                    out.status.success() || err.contains("still wait"),
                    "`stardesk {args}`: {err}"
                );
                continue;
            }
            assert!(out.status.success(), "`stardesk {args}` failed: {err}");
            if args.starts_with("apply") {
                let result: Value = serde_json::from_slice(&out.stdout).expect("apply JSON");
                assert_eq!(result["queued"], false, "`stardesk {args}`: {result}");
            }
        }
    }
    cli.ok(&["outbox", "send"]);
    let per_task = platform.applications_per_task();
    for task in &tasks {
        assert_eq!(per_task.get(task), Some(&1), "task {task}: applied once");
    }
    assert_eq!(control.application_count(), before + tasks.len());
}
