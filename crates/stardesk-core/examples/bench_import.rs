//! `make bench`: the Settlements page's work on a large statement, against a baseline
//! taken in the same run on the same file.
//!
//! - import of a generated statement (default 1,000,000 lines) into the encrypted store
//!   through `Context::import_settlement_files` (read, parse, store, progress events),
//!   against parsing the same bytes only (`stardesk_import::import_statement`);
//! - a re-import of the same file (every line already present);
//! - the saved reconciliation over everything stored (`Context::reconcile_saved`), made
//!   once, then the window's looks at the kept result: the view, page turns, a class
//!   filter, a search (`saved_view_s` is the slowest of them);
//! - a newer export of the same statement in which every line's payout status changed
//!   (`changed_import_s`: each stored line rewritten, and what it said before recorded),
//!   then taking that export back (`changed_delete_s`: every line says again what it said);
//! - taking one imported file back (`Context::delete_import_file`): the statement
//!   (`delete_statement_s`, its lines kept in blocks) and an expected-earnings list of as
//!   many lines (`delete_expected_s`, a row a line), each alone in the store; then all
//!   settlement data at once, that list again (`delete_all_s`).
//!
//! Prints figures; asserts nothing about speed.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use stardesk_core::ipc::{ClassCode, ImportKind, ReconcilePageQuery};
use stardesk_core::{AppEvent, Context, ContextOptions};
use stardesk_store::KeyPolicy;

/// A deterministic statement: `lines` rows over one year, ~0.5% failed payouts; `newer`:
/// the export a month later, where every failed payout is 已结算 and the rest 已提现.
fn statement_csv(lines: usize, newer: bool) -> String {
    let mut out = String::with_capacity(lines * 48);
    out.push_str("statement_id,task_id,amount,date,status\n");
    for i in 0..lines {
        let amount_fen = 10_000 + (i * 7919) % 500_000;
        let status = match (i % 200 == 7, newer) {
            (true, false) => "提现失败",
            (false, false) | (true, true) => "已结算",
            (false, true) => "已提现",
        };
        let _ = writeln!(
            out,
            "JS{:07},T{:09},{}.{:02},2026-{:02}-{:02},{status}",
            i / 20,
            i,
            amount_fen / 100,
            amount_fen % 100,
            1 + (i / 30) % 12,
            1 + i % 28,
        );
    }
    out
}

/// Expected earnings for the statement's tasks: one line per task, `lines` of them.
fn expected_csv(lines: usize) -> String {
    let mut out = String::with_capacity(lines * 32);
    out.push_str("task_id,amount,due_date\n");
    for i in 0..lines {
        let amount_fen = 10_000 + (i * 7919) % 500_000;
        let _ = writeln!(
            out,
            "T{i:09},{}.{:02},2026-{:02}-{:02}",
            amount_fen / 100,
            amount_fen % 100,
            1 + (i / 30) % 12,
            1 + i % 28,
        );
    }
    out
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let lines: usize = std::env::var("BENCH_IMPORT_LINES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("结算单.csv");
    std::fs::write(&path, statement_csv(lines, false)).expect("write the statement");
    let size_mb = std::fs::metadata(&path).expect("size").len() as f64 / 1e6;

    let bytes = std::fs::read(&path).expect("read");
    let t = Instant::now();
    let parsed = stardesk_import::import_statement("结算单.csv", &bytes).expect("parse");
    let parse_only = t.elapsed();
    assert_eq!(parsed.lines.len(), lines);
    drop((parsed, bytes));

    let data = dir.path().join("data");
    let events = Arc::new(AtomicUsize::new(0));
    let count = events.clone();
    let ctx = Context::open(
        ContextOptions {
            data_dir: data,
            key_policy: KeyPolicy::FileOnly,
            sandbox_tasks: 10,
            today: None,
            background_jobs: false,
            granted_paths_only: false,
            platform_client: Default::default(),
        },
        Arc::new(move |_: AppEvent| {
            count.fetch_add(1, Ordering::Relaxed);
        }),
    )
    .await
    .expect("open the data directory");
    let t = Instant::now();
    let first = ctx
        .import_settlement_files(
            ImportKind::Statement,
            vec![path.display().to_string()],
            None,
        )
        .await
        .expect("import");
    let import = t.elapsed();
    let t = Instant::now();
    let again = ctx
        .import_settlement_file(ImportKind::Statement, path.display().to_string(), None)
        .await
        .expect("re-import");
    let reimport = t.elapsed();
    let t = Instant::now();
    let view = ctx.reconcile_saved(None).await.expect("reconcile");
    let reconcile = t.elapsed();
    // The window's looks once the result is kept: the view again, a page turn deep in
    // the list, a class filter and a search over every row (first time, then a page
    // turn under it).
    let timed = |label: &'static str| (label, Instant::now());
    let mut looks: Vec<(&'static str, f64)> = Vec::new();
    let mut done = |(label, t): (&'static str, Instant)| {
        looks.push((label, t.elapsed().as_secs_f64()));
    };
    let q = |classes: Vec<ClassCode>, search: &str, offset: u32| ReconcilePageQuery {
        classes,
        search: search.into(),
        offset,
        limit: 50,
        ..ReconcilePageQuery::default()
    };
    let t = timed("view again (kept)");
    let kept_view = ctx.reconcile_saved(None).await.expect("view");
    done(t);
    assert_eq!(kept_view, view);
    let t = timed("first page");
    ctx.reconcile_discrepancies(q(vec![], "", 0))
        .await
        .expect("page");
    done(t);
    let t = timed("page turn at row 500,000");
    let deep = ctx
        .reconcile_discrepancies(q(vec![], "", 500_000))
        .await
        .expect("page");
    done(t);
    assert!(lines <= 500_000 || !deep.rows.is_empty());
    let t = timed("class filter (failed payouts)");
    let failed = ctx
        .reconcile_discrepancies(q(vec![ClassCode::PayoutFailed], "", 0))
        .await
        .expect("filter");
    done(t);
    let t = timed("page turn under the filter");
    ctx.reconcile_discrepancies(q(vec![ClassCode::PayoutFailed], "", 2_000))
        .await
        .expect("filter");
    done(t);
    let t = timed("search an id (every row)");
    let found = ctx
        .reconcile_discrepancies(q(vec![], "t00012345", 0))
        .await
        .expect("search");
    done(t);
    let t = timed("matches page");
    ctx.reconcile_matches(q(vec![], "", 0))
        .await
        .expect("matches");
    done(t);
    // A newer export that changes every line, imported, then taken back.
    let newer_path = dir.path().join("结算单-新.csv");
    std::fs::write(&newer_path, statement_csv(lines, true)).expect("write the newer export");
    let t = Instant::now();
    let newer = ctx
        .import_settlement_file(
            ImportKind::Statement,
            newer_path.display().to_string(),
            None,
        )
        .await
        .expect("import the newer export");
    let changed_import = t.elapsed();
    assert_eq!((newer.added, newer.already_present as usize), (0, lines));
    let newer_id = ctx
        .import_files()
        .await
        .expect("files")
        .last()
        .expect("the newer export is listed")
        .id
        .clone();
    let t = Instant::now();
    let taken = ctx
        .delete_import_file(newer_id)
        .await
        .expect("take the newer export back");
    let changed_delete = t.elapsed();
    assert_eq!(
        (taken.lines_removed, taken.lines_restored as usize),
        (0, lines)
    );
    // Taking a file back: the statement first (its lines are in blocks), then an
    // expected-earnings list of as many lines imported and taken back alone. The
    // statement's first import holds its lines (the re-import added none): taken back, it
    // hands them to the re-import, which said exactly them; that one taken back then
    // removes them.
    let statement_id = ctx.import_files().await.expect("files")[0].id.clone();
    let t = Instant::now();
    let handed = ctx
        .delete_import_file(statement_id)
        .await
        .expect("take the first import back");
    let hand_over = t.elapsed();
    assert_eq!(
        (handed.lines_removed, handed.lines_kept as usize),
        (0, lines)
    );
    let statement_id = ctx.import_files().await.expect("files")[0].id.clone();
    let t = Instant::now();
    let deleted = ctx
        .delete_import_file(statement_id)
        .await
        .expect("delete the statement");
    let delete_statement = t.elapsed();
    assert_eq!(deleted.lines_removed as usize, lines);
    let expected_path = dir.path().join("预估收益.csv");
    std::fs::write(&expected_path, expected_csv(lines)).expect("write the expected list");
    ctx.import_settlement_file(
        ImportKind::Expected,
        expected_path.display().to_string(),
        None,
    )
    .await
    .expect("import the expected list");
    // Files are listed oldest first: the list just imported is the last.
    let expected_id = ctx
        .import_files()
        .await
        .expect("files")
        .last()
        .expect("the expected list is listed")
        .id
        .clone();
    let t = Instant::now();
    let deleted = ctx
        .delete_import_file(expected_id)
        .await
        .expect("delete the expected list");
    let delete_expected = t.elapsed();
    assert_eq!(deleted.lines_removed as usize, lines);
    // And everything at once (the settings' "delete settlement data"): the list again.
    ctx.import_settlement_file(
        ImportKind::Expected,
        expected_path.display().to_string(),
        None,
    )
    .await
    .expect("import the expected list again");
    let t = Instant::now();
    ctx.delete_settlement_data()
        .await
        .expect("delete everything");
    let delete_all = t.elapsed();
    assert!(ctx.import_files().await.expect("files").is_empty());
    ctx.shutdown().await;

    println!("statement of {lines} lines ({size_mb:.1} MB)");
    println!(
        "  parse only (baseline):      {:>8.2} s",
        parse_only.as_secs_f64()
    );
    println!(
        "  import into the store:      {:>8.2} s  ({:.2}x the parse; {} added, {} progress events)",
        import.as_secs_f64(),
        import.as_secs_f64() / parse_only.as_secs_f64(),
        first[0].added,
        events.load(Ordering::Relaxed),
    );
    println!(
        "  re-import (all present):    {:>8.2} s  ({:.2}x the parse; {} already present)",
        reimport.as_secs_f64(),
        reimport.as_secs_f64() / parse_only.as_secs_f64(),
        again.already_present,
    );
    println!(
        "  saved reconciliation:       {:>8.2} s  ({} discrepancy rows; made and kept)",
        reconcile.as_secs_f64(),
        view.rows_total,
    );
    for (label, secs) in &looks {
        println!("    {label:<32} {:>8.1} ms", secs * 1e3);
    }
    println!(
        "    ({} failed payouts through the filter, {} rows found by the search)",
        failed.total, found.total
    );
    println!(
        "  a newer export, every line changed: {:>4.2} s  ({:.2}x the parse); taken back: {:.2} s",
        changed_import.as_secs_f64(),
        changed_import.as_secs_f64() / parse_only.as_secs_f64(),
        changed_delete.as_secs_f64()
    );
    println!(
        "  taking a file back:         {:>8.2} s  (the statement's first import: its lines handed to the re-import)",
        hand_over.as_secs_f64()
    );
    println!(
        "                              {:>8.2} s  (the statement)",
        delete_statement.as_secs_f64()
    );
    println!(
        "                              {:>8.2} s  (an expected-earnings list of {lines} lines)",
        delete_expected.as_secs_f64()
    );
    println!(
        "  deleting all settlement data: {:>6.2} s  (the same list)",
        delete_all.as_secs_f64()
    );
    let worst = looks.iter().map(|(_, s)| *s).fold(0.0, f64::max);
    if let Some(out) = std::env::var_os("BENCH_JSON") {
        let json = serde_json::json!({
            "lines": lines,
            "parse_s": parse_only.as_secs_f64(),
            "import_s": import.as_secs_f64(),
            "reimport_s": reimport.as_secs_f64(),
            "reconcile_first_s": reconcile.as_secs_f64(),
            "saved_view_s": worst,
            "changed_import_s": changed_import.as_secs_f64(),
            "changed_delete_s": changed_delete.as_secs_f64(),
            "hand_over_s": hand_over.as_secs_f64(),
            "delete_statement_s": delete_statement.as_secs_f64(),
            "delete_expected_s": delete_expected.as_secs_f64(),
            "delete_all_s": delete_all.as_secs_f64(),
            "saved_view_looks": looks
                .iter()
                .map(|(name, s)| serde_json::json!({"name": name, "ms": s * 1e3}))
                .collect::<Vec<_>>(),
        });
        std::fs::write(out, json.to_string()).expect("write the results");
    }
}
