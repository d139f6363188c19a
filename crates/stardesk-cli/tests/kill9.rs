//! `kill -9` trials: `stardesk apply` (or `stardesk outbox send`) killed with SIGKILL at
//! a random moment of its life, sometimes while the platform faults, then a fresh process
//! finishes the job. Every time the store must open, and every application must end on
//! the platform exactly once — or not at all if the kill came before it was stored.
//!
//! The moments come from a seeded generator; the seed is printed, and
//! `STARDESK_KILL9_SEED=N` repeats a run.
//!
//! Needs the OS keychain: `dbus-run-session -- bash scripts/with-keyring.sh cargo test -p
//! stardesk-cli --test kill9`.

mod common;

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::{Duration, Instant};

use serde_json::Value;
use stardesk_sandbox::Fault;

use common::*;

const TRIALS: usize = 20;

/// How a trial disturbs the platform while the child runs.
#[derive(Debug, Clone, Copy)]
enum Trouble {
    /// None: the kill alone.
    Calm,
    /// The application request is held this long at the server: the kill tends to land
    /// while it is in flight.
    Slow(Duration),
    /// The server stores the application and breaks the connection off before answering:
    /// the client retries with the same key.
    AnswerLost,
    /// 30% of requests fail at random, before or after the server handled them.
    Flaky,
}

/// What the killed child was.
#[derive(Debug, Clone, Copy)]
enum Victim {
    Apply,
    /// `outbox send` of an application queued while the platform failed every request.
    OutboxSend,
}

fn drain_faults(platform: &Platform) {
    // Each `/v1` request takes the next queued fault; a harmless read uses them up.
    let deadline = Instant::now() + Duration::from_secs(10);
    while platform.control().pending_faults() > 0 {
        assert!(Instant::now() < deadline, "the queued faults do not drain");
        platform.poke();
    }
}

#[test]
fn applications_killed_at_random_moments_arrive_exactly_once() {
    let seed = std::env::var("STARDESK_KILL9_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("kill -9 trials: seed {seed} (STARDESK_KILL9_SEED={seed} repeats this run)");
    let started = Instant::now();
    let mut rng = Rng::new(seed);

    let platform = Platform::start(100, None);
    let control = platform.control();
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    require_keychain(&cli);
    cli.sign_in(&platform);
    let tasks = control.add_open_review_tasks(TRIALS + 1);
    cli.ok(&["sync", "--json"]);

    // One apply left alone: how long a process lives.
    let t = Instant::now();
    cli.json(&strs(&apply_args(&tasks[TRIALS])));
    let life = t.elapsed();
    eprintln!("an undisturbed apply lives {life:?}");
    let before = control.application_count();

    let mut reached = 0usize;
    for (trial, task) in tasks.iter().take(TRIALS).enumerate() {
        let victim = if rng.below(5) == 0 {
            Victim::OutboxSend
        } else {
            Victim::Apply
        };
        let trouble = match rng.below(4) {
            0 => Trouble::Calm,
            1 => Trouble::Slow(Duration::from_millis(50 + rng.below(300))),
            2 => Trouble::AnswerLost,
            _ => Trouble::Flaky,
        };
        if let Victim::OutboxSend = victim {
            // Queued, not sent: every attempt of this apply fails before the server.
            for _ in 0..8 {
                control.push_fault(Fault::Disconnect);
            }
            let out = cli.json(&strs(&apply_args(task)));
            assert_eq!(out["queued"], true, "trial {trial}: queued: {out}");
            drain_faults(&platform);
        }
        // The child's life with this trouble, and a moment in it (or a little after).
        let extra = match trouble {
            Trouble::Calm => Duration::ZERO,
            Trouble::Slow(d) => d,
            Trouble::AnswerLost => Duration::from_millis(400),
            Trouble::Flaky => Duration::from_millis(600),
        };
        let span = (life + extra).mul_f64(1.3).max(Duration::from_millis(400));
        let delay = Duration::from_millis(rng.below(span.as_millis() as u64 + 1));
        match trouble {
            Trouble::Calm => {}
            Trouble::Slow(d) => control.push_fault(Fault::Delay(d)),
            Trouble::AnswerLost => control.push_fault(Fault::HandledThenDisconnect),
            Trouble::Flaky => control.set_random_faults(seed ^ trial as u64, 30),
        }
        let args = match victim {
            Victim::Apply => apply_args(task),
            Victim::OutboxSend => vec!["outbox".into(), "send".into()],
        };
        let mut child = cli
            .command(&strs(&args))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn stardesk");
        std::thread::sleep(delay);
        // SIGKILL on Unix: no destructor, no flush, no shutdown.
        let _ = child.kill();
        let out = child.wait_with_output().expect("wait");
        control.set_random_faults(0, 0);
        drain_faults(&platform);
        let printed: Option<Value> = serde_json::from_slice(&out.stdout).ok();
        eprintln!(
            "trial {trial:2}: {victim:?} with {trouble:?}, killed after {delay:?}: {} {}",
            out.status,
            printed
                .as_ref()
                .map_or_else(|| "(no result)".to_string(), Value::to_string)
        );

        // A fresh process opens the store and finishes the job.
        let waiting = cli.json(&["outbox", "--json"]);
        assert!(
            waiting.is_array(),
            "trial {trial}: the outbox is a list: {waiting}"
        );
        let mut sent = false;
        for _ in 0..5 {
            let send = cli.run(&["outbox", "send"]);
            if send.status.success() {
                sent = true;
                break;
            }
            let err = text(&send.stderr);
            assert!(
                err.contains("still wait"),
                "trial {trial}: `outbox send` fails only while something waits: {err}"
            );
        }
        assert!(sent, "trial {trial}: the outbox empties");
        assert_eq!(
            cli.json(&["outbox", "--json"]),
            Value::Array(vec![]),
            "trial {trial}"
        );
        cli.json(&["applications", "--json"]);

        let unsent = store_unsent(dir.path());
        assert!(
            unsent.is_empty(),
            "trial {trial}: nothing waits or was refused (a refusal here would be a second \
             application under a new key): {:?}",
            unsent
                .iter()
                .map(|o| (&o.task_id, o.state, &o.refusal_code))
                .collect::<Vec<_>>()
        );
        let in_store = store_application_tasks(dir.path())
            .iter()
            .filter(|t| *t == task)
            .count();
        let on_server = platform
            .applications_per_task()
            .get(task)
            .copied()
            .unwrap_or(0);
        assert!(
            in_store <= 1,
            "trial {trial}: kept once, not {in_store} times"
        );
        assert_eq!(
            on_server, in_store,
            "trial {trial}: on the platform exactly when it reached the store"
        );
        if let Some(result) = &printed {
            assert_eq!(
                on_server, 1,
                "trial {trial}: printed {result}, so it is on the platform exactly once"
            );
            if result["queued"] == false {
                let server = platform.server_applications();
                let theirs = server
                    .iter()
                    .find(|a| &a.task_id == task)
                    .expect("on the server");
                assert_eq!(
                    result["id"],
                    theirs.id.as_str(),
                    "trial {trial}: the id printed"
                );
            }
        }
        if let Victim::OutboxSend = victim {
            assert_eq!(on_server, 1, "trial {trial}: it was queued before the kill");
        }
        reached += in_store;
    }

    // The whole run: one application per task that reached the store, none twice.
    let per_task: BTreeMap<String, usize> = platform.applications_per_task();
    assert!(
        per_task.values().all(|n| *n == 1),
        "no task has two applications: {per_task:?}"
    );
    assert_eq!(
        control.application_count(),
        before + reached,
        "the platform holds exactly the applications that reached the store"
    );
    cli.ok(&["sync", "--json"]);
    let apps = cli.json(&["applications", "--json"]);
    let listed = apps
        .as_array()
        .expect("array")
        .iter()
        .filter(|a| tasks[..TRIALS].iter().any(|t| a["task_id"] == t.as_str()))
        .count();
    assert_eq!(listed, reached, "listed once each after a sync");
    eprintln!(
        "{TRIALS} trials, {reached} applications reached the store, in {:?}",
        started.elapsed()
    );
}

/// The first start makes the database key (in the keychain) and the database with its
/// schema: killed at any moment of it, the next start still opens the store.
#[test]
fn a_first_start_killed_at_any_moment_leaves_a_store_that_opens() {
    let seed = std::env::var("STARDESK_KILL9_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos() as u64)
                .unwrap_or(1)
        });
    eprintln!("first-start kills: seed {seed} (STARDESK_KILL9_SEED={seed} repeats this run)");
    let mut rng = Rng::new(seed);
    let probe = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(probe.path());
    let t = Instant::now();
    require_keychain(&cli);
    let life = t.elapsed();
    eprintln!("a first start lives {life:?}");
    for trial in 0..10 {
        let dir = tempfile::tempdir().expect("tempdir");
        let cli = Cli::new(dir.path());
        let delay = Duration::from_millis(rng.below(life.mul_f64(1.2).as_millis() as u64 + 1));
        let mut child = cli
            .command(&["status", "--json"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn stardesk");
        std::thread::sleep(delay);
        let _ = child.kill();
        let status = child.wait().expect("wait");
        eprintln!("trial {trial}: killed after {delay:?}: {status}");
        let out = cli.run(&["status", "--json"]);
        assert!(
            out.status.success(),
            "trial {trial} (killed after {delay:?}): the next start opens the store: {}",
            text(&out.stderr)
        );
        let status: Value = serde_json::from_slice(&out.stdout).expect("status JSON");
        assert_eq!(status["key_store"], "keychain", "trial {trial}");
        assert_eq!(status["outbox_waiting"], 0, "trial {trial}");
    }
}
