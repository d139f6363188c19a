//! `make bench`: the task hall over 100,000 tasks, measured against baselines taken in
//! the same run on the same data.
//!
//! - full sync from the sandbox (seconds), against fetching the same pages without
//!   storing them (the network + JSON floor);
//! - task-hall queries (search + filter + first page): median and p95, against the
//!   unfiltered first page.
//!
//! Prints figures; asserts nothing about speed. With `BENCH_JSON=PATH` it also writes
//! them there: `{"tasks", "sync_s", "fetch_only_s", "queries": [{"name", "p50_ms",
//! "p95_ms", "matches"}]}` (the first query is the baseline). `BENCH_TASKS` sets the
//! number of tasks (100,000), `BENCH_RUNS` the runs per query (50), `BENCH_QUERY` a part
//! of the name of the only query to time (for profiling it).
//!
//! Where the sync's time goes, from its progress events: until the last page is written
//! (`sync_pages_s`), then the search indexes' build and the steps after the tasks (the
//! hall's eligibility, applications, rights) until it is done (`sync_after_pages_s`);
//! and the steps of the indexes' build as the store logs them (`sync_index_steps_ms`:
//! reading the tasks, the trigram index, the short-term index, the sort indexes, the
//! commit).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use stardesk_core::ipc::{Category, SyncPhase, TaskQuery, TaskSort};
use stardesk_core::{AppEvent, Context, ContextOptions};
use stardesk_platform::{ClientOptions, PlatformClient};
use stardesk_sandbox::{SandboxConfig, DEMO_TOKEN};
use stardesk_store::KeyPolicy;

/// The `ms` (as `total`) and `*_ms` fields of the store's log line for the indexes'
/// build after a first sync (`Store::finish_task_index`), in their order.
#[derive(Clone, Default)]
struct IndexSteps(Arc<Mutex<Vec<(String, u64)>>>);

impl tracing::field::Visit for IndexSteps {
    fn record_u64(&mut self, field: &tracing::field::Field, value: u64) {
        let step = match field.name() {
            "ms" => "total",
            name => match name.strip_suffix("_ms") {
                Some(step) => step,
                None => return,
            },
        };
        if let Ok(mut steps) = self.0.lock() {
            steps.push((step.to_string(), value));
        }
    }

    fn record_debug(&mut self, _field: &tracing::field::Field, _value: &dyn std::fmt::Debug) {}
}

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for IndexSteps {
    fn on_event(
        &self,
        event: &tracing::Event<'_>,
        _ctx: tracing_subscriber::layer::Context<'_, S>,
    ) {
        if event.metadata().target() == "stardesk_store::tasks::bulk" {
            if let Ok(mut steps) = self.0.lock() {
                steps.clear();
            }
            event.record(&mut self.clone());
        }
    }
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    let idx = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[idx.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

/// Milliseconds to the hundredth, for the JSON figures.
fn ms_f64(d: Duration) -> f64 {
    (d.as_secs_f64() * 100_000.0).round() / 100.0
}

async fn time_queries(ctx: &Context, q: &TaskQuery, runs: usize) -> (Duration, Duration, u32) {
    let mut samples = Vec::with_capacity(runs);
    let mut total = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let page = ctx.query_tasks(q.clone()).await.expect("query");
        samples.push(start.elapsed());
        total = page.total;
    }
    samples.sort();
    (percentile(&samples, 50), percentile(&samples, 95), total)
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    let index_steps = IndexSteps::default();
    tracing_subscriber::registry()
        .with(index_steps.clone())
        .init();
    let tasks: usize = std::env::var("BENCH_TASKS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100_000);
    let runs: usize = std::env::var("BENCH_RUNS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(50);
    let dir = tempfile::tempdir().expect("tempdir");
    let sandbox_db = dir.path().join("platform.sqlite");
    let t0 = Instant::now();
    let platform = stardesk_sandbox::start(
        SandboxConfig {
            tasks,
            db_path: Some(sandbox_db),
            ..SandboxConfig::default()
        },
        "127.0.0.1:0".parse().expect("addr"),
    )
    .await
    .expect("sandbox");
    println!(
        "sandbox: {tasks} tasks generated in {:.2} s",
        t0.elapsed().as_secs_f64()
    );

    // Baseline: every page over HTTP and parsed, nothing stored.
    let client =
        PlatformClient::new(&platform.url(), DEMO_TOKEN, ClientOptions::default()).expect("client");
    let t = Instant::now();
    let mut cursor: Option<String> = None;
    let mut fetched = 0usize;
    loop {
        let page = client
            .tasks_page(cursor.as_deref(), stardesk_platform::DEFAULT_PAGE_LIMIT)
            .await
            .expect("page");
        fetched += page.items.len();
        cursor = Some(page.next_cursor);
        if !page.has_more {
            break;
        }
    }
    let fetch_only = t.elapsed();
    assert_eq!(fetched, tasks);

    // The app's sync into the encrypted store, same server, same pages.
    let data = dir.path().join("data");
    // When each sync phase was last reported: the pages end at the last `Page` (or at
    // `Indexing`, which follows it in a first sync), the sync at `Done`.
    let phases: Arc<Mutex<Vec<(SyncPhase, Instant)>>> = Arc::default();
    let seen = Arc::clone(&phases);
    let sink = move |event: AppEvent| {
        if let AppEvent::SyncProgress(p) = event {
            if let Ok(mut seen) = seen.lock() {
                seen.push((p.phase, Instant::now()));
            }
        }
    };
    let ctx = Context::open(
        ContextOptions {
            data_dir: data,
            key_policy: KeyPolicy::FileOnly,
            sandbox_tasks: 0,
            today: None,
            background_jobs: false,
            granted_paths_only: false,
            platform_client: Default::default(),
        },
        Arc::new(sink),
    )
    .await
    .expect("context");
    // Point the context at the benchmark platform as a configured account would.
    // (Loopback http is allowed; the token goes to the keychain, or fails without one.)
    let t = Instant::now();
    let sync = match ctx
        .set_platform(stardesk_core::ipc::PlatformAccountInput {
            url: platform.url(),
            token: DEMO_TOKEN.into(),
        })
        .await
    {
        Ok(_) => ctx.sync().await.expect("sync"),
        Err(e) => panic!(
            "bench needs the OS keychain for the account token: {}",
            e.message
        ),
    };
    let full_sync = t.elapsed();
    let last = |phase: SyncPhase| {
        phases
            .lock()
            .expect("phases")
            .iter()
            .rev()
            .find(|(p, _)| *p == phase)
            .map(|(_, at)| at.duration_since(t))
    };
    let pages = last(SyncPhase::Indexing)
        .or(last(SyncPhase::Page))
        .expect("the sync reported its pages");
    let after_pages = last(SyncPhase::Done)
        .expect("the sync reported its end")
        .saturating_sub(pages);
    println!(
        "full sync of {} tasks: {:.2} s (fetch-only baseline {:.2} s, ratio {:.2}x)",
        sync.task_count,
        full_sync.as_secs_f64(),
        fetch_only.as_secs_f64(),
        full_sync.as_secs_f64() / fetch_only.as_secs_f64()
    );
    println!(
        "  of which: pages fetched and written {:.2} s; then the search indexes built and \
         the steps after the tasks (eligibility, applications, rights) {:.2} s",
        pages.as_secs_f64(),
        after_pages.as_secs_f64()
    );
    let index_steps: Vec<(String, u64)> = index_steps.0.lock().expect("steps").clone();
    let step_ms = |name: &str| index_steps.iter().find(|(n, _)| n == name).map(|s| s.1);
    if let Some(total) = step_ms("total") {
        let parts: Vec<String> = index_steps
            .iter()
            .filter(|(n, _)| n != "total")
            .map(|(n, ms)| format!("{n} {:.2} s", *ms as f64 / 1000.0))
            .collect();
        println!(
            "  the indexes' build: {:.2} s ({})",
            total as f64 / 1000.0,
            parts.join(", ")
        );
    }

    let base = TaskQuery {
        limit: 100,
        ..TaskQuery::default()
    };
    let (b50, b95, base_total) = time_queries(&ctx, &base, runs).await;
    println!(
        "baseline query (no search, no filter, first page of 100): median {} ms, p95 {} ms",
        ms(b50),
        ms(b95)
    );
    let mut measured = vec![serde_json::json!({
        "name": "first page (no search, no filter)",
        "p50_ms": ms_f64(b50),
        "p95_ms": ms_f64(b95),
        "matches": base_total,
    })];
    let cases = [
        (
            "search 霜 (1 char)",
            TaskQuery {
                search: Some("霜".into()),
                ..base.clone()
            },
        ),
        (
            "search 测评 (2 chars)",
            TaskQuery {
                search: Some("测评".into()),
                ..base.clone()
            },
        ),
        (
            "search 面霜 (2 chars) + category + reward sort",
            TaskQuery {
                search: Some("面霜".into()),
                categories: vec![Category::Recruitment, Category::Submission],
                sort: TaskSort::Reward,
                ..base.clone()
            },
        ),
        (
            "search 修护面霜 (trigram FTS) + eligible only",
            TaskQuery {
                search: Some("修护面霜".into()),
                eligible_only: true,
                ..base.clone()
            },
        ),
        (
            "eligible only",
            TaskQuery {
                eligible_only: true,
                ..base.clone()
            },
        ),
        (
            "search 需 (1 char, in nearly every task) + eligible only + reward sort",
            TaskQuery {
                search: Some("需".into()),
                eligible_only: true,
                sort: TaskSort::Reward,
                ..base.clone()
            },
        ),
        (
            "industry 美妆 + deadline 30 days + reward ≥ ¥500 + deadline sort",
            TaskQuery {
                industries: vec!["美妆".into()],
                deadline_within_days: Some(30),
                reward_min: Some("500".into()),
                sort: TaskSort::Deadline,
                ..base.clone()
            },
        ),
    ];
    // `BENCH_QUERY=TEXT` times only the queries whose name holds TEXT (to profile one).
    let only = std::env::var("BENCH_QUERY").ok();
    for (name, q) in cases {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let (p50, p95, total) = time_queries(&ctx, &q, runs).await;
        println!(
            "query [{name}] ({total} matches): median {} ms, p95 {} ms — {:.2}x / {:.2}x the baseline",
            ms(p50),
            ms(p95),
            p50.as_secs_f64() / b50.as_secs_f64(),
            p95.as_secs_f64() / b95.as_secs_f64()
        );
        measured.push(serde_json::json!({
            "name": name,
            "p50_ms": ms_f64(p50),
            "p95_ms": ms_f64(p95),
            "matches": total,
        }));
    }
    if let Some(path) = std::env::var_os("BENCH_JSON") {
        let json = serde_json::json!({
            "tasks": tasks,
            "sync_s": full_sync.as_secs_f64(),
            "fetch_only_s": fetch_only.as_secs_f64(),
            "sync_pages_s": pages.as_secs_f64(),
            "sync_after_pages_s": after_pages.as_secs_f64(),
            "sync_index_steps_ms": index_steps
                .iter()
                .map(|(n, ms)| (n.clone(), serde_json::Value::from(*ms)))
                .collect::<serde_json::Map<String, serde_json::Value>>(),
            "queries": measured,
        });
        let text = serde_json::to_string_pretty(&json).expect("json");
        std::fs::write(&path, text + "\n").expect("write BENCH_JSON");
        println!(
            "figures written to {}",
            std::path::Path::new(&path).display()
        );
    }
    ctx.shutdown().await;
    platform.shutdown().await;
}
