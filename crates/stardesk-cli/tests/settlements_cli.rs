//! `stardesk settlements import|report|delete`: the stored reconciliation over the app's
//! data directory. Its contract (README, "CLI"): import is all or nothing and idempotent,
//! `report --json` is `stardesk reconcile --json`'s shape and figures (with the decisions
//! taken in the app applied), `delete` needs `--yes`.
//!
//! The database key goes to the OS keychain where there is one: run under `dbus-run-session
//! -- bash scripts/with-keyring.sh cargo test -p stardesk-cli --test settlements_cli`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use calamine::Reader;
use serde_json::Value;
use stardesk_core::ipc::{DecisionAction, DecisionInput, MatchKind, ReconcilePageQuery};
use stardesk_core::{Context, ContextOptions, NoEvents};

use common::settlement_files::{e2e, write, BAD_STATEMENT, EXPECTED, STATEMENT};
use common::{text, Cli};

const CLASSES: [&str; 7] = [
    "matched",
    "amount_mismatch",
    "missing_payout",
    "duplicate_payout",
    "payout_failed",
    "payout_overdue",
    "unexpected_credit",
];

const REPORT_HEADER: &str = "class,task_id,statement_id,txn_id,date,amount,gross,fee,tax,\
                             net_expected,net_paid,reason_zh,reason_en";

fn keys(v: &Value) -> BTreeSet<String> {
    v.as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default()
}

fn classes() -> BTreeSet<String> {
    CLASSES.iter().map(|c| c.to_string()).collect()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

/// `settlements import --kind KIND FILES… --json`, which must succeed.
fn import<P: AsRef<Path>>(cli: &Cli, kind: &str, files: &[P]) -> Value {
    let mut args = vec!["settlements", "import", "--kind", kind, "--json"];
    args.extend(files.iter().map(|f| s(f.as_ref())));
    cli.json(&args)
}

fn report(cli: &Cli, as_of: &str) -> Value {
    cli.json(&["settlements", "report", "--as-of", as_of, "--json"])
}

/// `stardesk reconcile` over files, with no data directory.
fn reconcile(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_stardesk"))
        .arg("reconcile")
        .args(args)
        .output()
        .expect("run stardesk reconcile");
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("reconcile's JSON")
}

/// The e2e fixtures (one file of each kind) imported into `cli`'s data directory.
fn import_e2e(cli: &Cli) {
    for kind in ["expected", "statement", "bank", "invoices"] {
        let v = import(cli, kind, &[e2e(kind)]);
        assert!(v["added"].as_u64().expect("added") > 0, "{kind}: {v}");
    }
}

fn e2e_reconcile(as_of: &str) -> Value {
    let (expected, statement, bank, invoices) = (
        e2e("expected"),
        e2e("statement"),
        e2e("bank"),
        e2e("invoices"),
    );
    reconcile(&[
        "--expected",
        s(&expected),
        "--statement",
        s(&statement),
        "--bank",
        s(&bank),
        "--invoices",
        s(&invoices),
        "--as-of",
        as_of,
        "--json",
    ])
}

fn all_zero(report: &Value) -> bool {
    CLASSES
        .iter()
        .all(|c| report["counts"][c] == 0 && report["totals"][c] == "0.00")
}

#[test]
fn each_kind_imports_with_progress_and_again_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    // The lines of each e2e fixture; the bank file is GBK.
    for (kind, lines, encoding) in [
        ("expected", 5, "UTF-8"),
        ("statement", 4, "UTF-8"),
        ("bank", 4, "GB18030"),
        ("invoices", 2, "UTF-8"),
    ] {
        let file = e2e(kind);
        let args = ["settlements", "import", "--kind", kind, s(&file), "--json"];
        let out = cli.run(&args);
        assert!(out.status.success(), "{kind}: {}", text(&out.stderr));
        let first: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
        assert_eq!(first["added"], lines, "{kind}: {first}");
        assert_eq!(first["already_present"], 0, "{kind}: {first}");
        assert!(first["added"].is_u64() && first["already_present"].is_u64());
        assert_eq!(
            keys(&first),
            ["added", "already_present", "files", "kind", "lines"]
                .map(String::from)
                .into()
        );
        assert_eq!(first["kind"], kind);
        let f = &first["files"][0];
        assert_eq!(first["files"].as_array().map(Vec::len), Some(1));
        assert_eq!(f["path"], s(&file));
        assert_eq!(f["kind"], kind);
        assert_eq!(f["encoding"], encoding, "{kind}");
        assert_eq!(f["lines"], lines);
        assert_eq!(f["added"], lines);
        assert_eq!(f["already_present"], 0);
        // Every phase of the file on stderr (also with --json: stdout stays one object).
        let name = file.file_name().and_then(|n| n.to_str()).expect("name");
        let err = text(&out.stderr);
        for phase in [
            "reading (",
            "checking every row",
            &format!("storing {lines} lines"),
            &format!("imported ({lines} lines)"),
        ] {
            assert!(
                err.contains(&format!("[1/1] {name}: {phase}")),
                "{kind}: no {phase:?} in {err}"
            );
        }

        let again = import(&cli, kind, &[&file]);
        assert_eq!(again["added"], 0, "{kind}: {again}");
        assert_eq!(again["already_present"], lines, "{kind}: {again}");
        assert_eq!(again["files"][0]["already_present"], lines);
    }

    // The text view, the file once more: nothing added.
    let out = cli.ok(&["settlements", "import", "--kind", "bank", s(&e2e("bank"))]);
    assert!(
        out.contains("4 lines, 0 added, 4 already present (GB18030)"),
        "{out}"
    );
}

#[test]
fn several_files_in_one_command_are_totalled_and_an_overlap_counts_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    let files = tempfile::tempdir().expect("tempdir");
    let march = write(files.path(), "statement-march.csv", STATEMENT);
    // The same period exported again with one more line: only that line is new.
    let reexport = write(
        files.path(),
        "statement-march-again.csv",
        &format!("{STATEMENT}JS5,T6,66.00,2026-03-08,已结算\n"),
    );
    let out = cli.run(&[
        "settlements",
        "import",
        "--kind",
        "statement",
        s(&march),
        s(&reexport),
        "--json",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["added"], 6, "5 lines, then the one new line: {v}");
    assert_eq!(v["already_present"], 5, "{v}");
    assert_eq!(v["lines"], 11);
    let files: Vec<(u64, u64)> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|f| {
            (
                f["added"].as_u64().expect("n"),
                f["already_present"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(files, [(5, 0), (1, 5)]);
    assert_eq!(v["files"][1]["file_name"], "statement-march-again.csv");
    let err = text(&out.stderr);
    assert!(
        err.contains("[1/2] statement-march.csv: imported (5 lines)"),
        "{err}"
    );
    assert!(
        err.contains("[2/2] statement-march-again.csv: imported (6 lines)"),
        "{err}"
    );
}

#[test]
fn a_bad_file_exits_non_zero_naming_file_row_and_field_and_nothing_of_the_command_is_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    let files = tempfile::tempdir().expect("tempdir");
    let good = write(files.path(), "statement.csv", STATEMENT);
    let bad = write(files.path(), "bad-statement.csv", BAD_STATEMENT);
    let out = cli.run(&[
        "settlements",
        "import",
        "--kind",
        "statement",
        s(&good),
        s(&bad),
        "--json",
    ]);
    assert!(!out.status.success(), "a bad file fails the command");
    assert!(out.stdout.is_empty(), "nothing printed on stdout");
    let err = text(&out.stderr);
    for part in ["bad-statement.csv", "row 3", "amount", "12x"] {
        assert!(err.contains(part), "{part:?} not in {err}");
    }
    assert!(!err.contains("kept from this command"), "{err}");

    // The good file, listed first, was not stored either: it is all new now.
    let v = import(&cli, "statement", &[&good]);
    assert_eq!(v["added"], 5, "{v}");
    assert_eq!(v["already_present"], 0, "{v}");

    // A mapping profile that does not exist: refused, nothing stored.
    let expected = write(files.path(), "expected.csv", EXPECTED);
    let out = cli.run(&[
        "settlements",
        "import",
        "--kind",
        "expected",
        s(&expected),
        "--profile",
        "no-such-profile",
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr).contains("no mapping profile named \"no-such-profile\""),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(import(&cli, "expected", &[&expected])["added"], 5);
}

/// `settlements import --kind expected` of a good file, then `second` holding one line of
/// `amount`, which must fail: the CLI, the good file, stderr, and the directories to keep.
fn import_good_then(second: &str, amount: &str) -> (Cli, PathBuf, String, [tempfile::TempDir; 2]) {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    let files = tempfile::tempdir().expect("tempdir");
    let good = write(files.path(), "expected.csv", EXPECTED);
    let bad = write(
        files.path(),
        second,
        &format!("task_id,amount,due_date\nT9,{amount},2026-03-01\n"),
    );
    let out = cli.run(&[
        "settlements",
        "import",
        "--kind",
        "expected",
        s(&good),
        s(&bad),
    ]);
    assert!(!out.status.success());
    (cli, good, text(&out.stderr), [dir, files])
}

/// Checking is all or nothing across the files (README): an amount with a fraction of a
/// fen is refused at its row and column, and no file of the command is stored.
#[test]
fn an_amount_in_fractions_of_a_fen_stops_the_command_before_anything_is_stored() {
    let (cli, good, err, _dirs) = import_good_then("expected-sub-fen.csv", "0.125");
    assert!(
        err.contains("expected-sub-fen.csv: row 2, column \"amount\"") && err.contains("0.125"),
        "{err}"
    );
    assert!(!err.contains("kept from this command"), "{err}");
    assert_eq!(
        import(&cli, "expected", &[&good])["already_present"],
        0,
        "nothing was stored"
    );
}

/// Storing is per file (README): a line that passes the check but cannot be stored (an
/// amount beyond what fen can count) stops the import at its file, and the files before
/// it stay stored.
#[test]
fn an_amount_too_large_to_store_stops_at_its_file_and_the_files_before_it_stay() {
    let (cli, good, err, _dirs) = import_good_then("expected-huge.csv", "99999999999999999.99");
    assert!(err.contains("expected-huge.csv"), "{err}");
    assert!(
        err.contains("kept from this command: expected.csv (5 lines, 5 added)"),
        "{err}"
    );
    assert!(
        !err.contains("kept from this command: expected-huge.csv"),
        "{err}"
    );
    assert_eq!(
        import(&cli, "expected", &[&good])["already_present"],
        5,
        "the first file was stored"
    );
}

#[test]
fn report_json_is_reconciles_json_over_the_same_files() {
    // The e2e fixtures (a GBK bank file, invoices): before and after XT2026070105's due
    // date (2026-09-15), when its ¥3,000.00 becomes a missing payout.
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    let empty = report(&cli, "2026-09-30");
    assert!(all_zero(&empty), "nothing imported yet: {empty}");
    import_e2e(&cli);
    for as_of in ["2026-08-20", "2026-09-30"] {
        let stored = report(&cli, as_of);
        assert_eq!(keys(&stored), ["counts", "totals"].map(String::from).into());
        assert_eq!(keys(&stored["counts"]), classes());
        assert_eq!(keys(&stored["totals"]), classes());
        assert_eq!(stored, e2e_reconcile(as_of), "as of {as_of}");
        assert_eq!(stored["counts"]["amount_mismatch"], 1, "{stored}");
        assert_eq!(stored["totals"]["amount_mismatch"], "-40.00", "{stored}");
        assert_eq!(stored["counts"]["payout_failed"], 1, "{stored}");
        assert_eq!(stored["totals"]["payout_failed"], "2500.00", "{stored}");
        assert_eq!(stored["counts"]["unexpected_credit"], 1, "{stored}");
        assert!(stored["counts"]["matched"].as_u64().expect("an integer") > 0);
    }
    assert_eq!(report(&cli, "2026-08-20")["counts"]["missing_payout"], 0);
    let late = report(&cli, "2026-09-30");
    assert_eq!(
        late["counts"]["missing_payout"], 1,
        "due by --as-of: {late}"
    );
    assert_eq!(late["totals"]["missing_payout"], "3000.00", "{late}");

    // reconcile.rs's files: a duplicate payout and a missing one.
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    let files = tempfile::tempdir().expect("tempdir");
    let expected = write(files.path(), "expected.csv", EXPECTED);
    let statement = write(files.path(), "statement.csv", STATEMENT);
    import(&cli, "expected", &[&expected]);
    import(&cli, "statement", &[&statement]);
    let stored = report(&cli, "2026-04-01");
    let files = reconcile(&[
        "--expected",
        s(&expected),
        "--statement",
        s(&statement),
        "--as-of",
        "2026-04-01",
        "--json",
    ]);
    assert_eq!(stored, files);
    assert_eq!(stored["counts"]["duplicate_payout"], 1, "{stored}");
    assert_eq!(stored["counts"]["missing_payout"], 1, "{stored}");
    assert_eq!(stored["totals"]["missing_payout"], "300.00", "{stored}");

    // The text view: one line per class, as reconcile's.
    let out = cli.ok(&["settlements", "report", "--as-of", "2026-04-01"]);
    assert!(out.contains("missing_payout"), "{out}");
    assert!(out.contains("¥300.00"), "{out}");
    assert_eq!(
        out,
        {
            let o = Command::new(env!("CARGO_BIN_EXE_stardesk"))
                .args(["reconcile", "--as-of", "2026-04-01", "--expected"])
                .arg(&expected)
                .arg("--statement")
                .arg(&statement)
                .output()
                .expect("run");
            text(&o.stdout)
        },
        "the same text as reconcile's"
    );
}

#[test]
fn report_applies_the_decisions_taken_in_the_app() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    import_e2e(&cli);
    const AS_OF: &str = "2026-09-30";
    let before = report(&cli, AS_OF);

    // In the app (a context over the same data directory): reject the match of
    // XT2026070101 (¥1,200.00 expected, paid).
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    let app_summary = rt.block_on(async {
        let ctx = Context::open(
            ContextOptions {
                key_policy: stardesk_store::KeyPolicy::KeychainThenFile,
                ..ContextOptions::from_env(Some(dir.path().to_path_buf())).expect("options")
            },
            Arc::new(NoEvents),
        )
        .await
        .expect("the app's context opens the CLI's data directory");
        let matches = ctx
            .reconcile_matches(ReconcilePageQuery {
                as_of: Some(AS_OF.into()),
                search: "XT2026070101".into(),
                limit: 50,
                ..ReconcilePageQuery::default()
            })
            .await
            .expect("matches");
        let task = matches
            .rows
            .iter()
            .find(|m| m.kind == MatchKind::Task && m.task_id.as_deref() == Some("XT2026070101"))
            .expect("XT2026070101's task match");
        ctx.decide(DecisionInput {
            action: DecisionAction::Reject,
            kind: MatchKind::Task,
            expected: task.expected_key.clone(),
            statement: task.statement_keys.clone(),
            bank: vec![],
        })
        .await
        .expect("reject");
        let summary = ctx
            .reconcile_saved(Some(AS_OF.into()))
            .await
            .expect("view")
            .summary;
        ctx.shutdown().await;
        summary
    });

    let after = report(&cli, AS_OF);
    assert_ne!(after, before, "the decision changed the reconciliation");
    assert_eq!(
        after["counts"]["matched"].as_u64(),
        before["counts"]["matched"].as_u64().map(|n| n - 1),
        "{before}\n{after}"
    );
    // Exactly what the Settlements page shows.
    for class in &app_summary.classes {
        let name = class.class.to_string();
        if CLASSES.contains(&name.as_str()) {
            assert_eq!(after["counts"][&name], class.count, "{name}");
            assert_eq!(after["totals"][&name], class.total.as_str(), "{name}");
        }
    }
}

#[test]
fn report_out_writes_the_report_csv_as_reconcile_does_or_xlsx_by_the_extension() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    import_e2e(&cli);
    let out_dir = tempfile::tempdir().expect("tempdir");
    let csv_path = out_dir.path().join("report.csv");
    let json = cli.json(&[
        "settlements",
        "report",
        "--as-of",
        "2026-09-30",
        "--out",
        s(&csv_path),
        "--json",
    ]);
    assert_eq!(
        json,
        e2e_reconcile("2026-09-30"),
        "--out leaves --json as it is"
    );
    let csv = std::fs::read_to_string(&csv_path).expect("the report");
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(lines.next(), Some(REPORT_HEADER));
    let rows: Vec<&str> = lines.collect();
    let discrepancies: u64 = CLASSES[1..]
        .iter()
        .map(|c| json["counts"][c].as_u64().expect("count"))
        .sum();
    assert!(
        rows.len() as u64 >= discrepancies && discrepancies > 0,
        "{rows:?}"
    );
    assert!(rows
        .iter()
        .any(|l| l.starts_with("payout_failed,XT2026070103,JS202608002,")));
    // The per-task columns (the task-earnings drawer's figures): XT2026070102 was
    // expected as a bare ¥800.00; the statement's gross 800.00 less the 5% platform
    // service fee (R-PREF-3) is 760.00, withheld nothing (August 2026, cumulative:
    // 5,110.00 − 20% − 5,000.00 < 0), and 760.00 was paid.
    assert!(
        rows.iter().any(|l| l.starts_with(
            "amount_mismatch,XT2026070102,JS202608001,,2026-08-10,-40.00,800.00,40.00,0.00,800.00,760.00,"
        )),
        "{rows:?}"
    );

    // The same report `stardesk reconcile --out` writes over the same files.
    let reconciled = out_dir.path().join("reconciled.csv");
    let (expected, statement, bank, invoices) = (
        e2e("expected"),
        e2e("statement"),
        e2e("bank"),
        e2e("invoices"),
    );
    let out = Command::new(env!("CARGO_BIN_EXE_stardesk"))
        .args(["reconcile", "--as-of", "2026-09-30", "--expected"])
        .arg(&expected)
        .arg("--statement")
        .arg(&statement)
        .arg("--bank")
        .arg(&bank)
        .arg("--invoices")
        .arg(&invoices)
        .arg("--out")
        .arg(&reconciled)
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        csv,
        std::fs::read_to_string(&reconciled).expect("reconcile's report")
    );

    let xlsx_path = out_dir.path().join("对账报告.XLSX");
    cli.ok(&[
        "settlements",
        "report",
        "--as-of",
        "2026-09-30",
        "--out",
        s(&xlsx_path),
    ]);
    let bytes = std::fs::read(&xlsx_path).expect("the workbook");
    assert!(bytes.starts_with(b"PK\x03\x04"), "an xlsx (zip), not CSV");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx_path).expect("open xlsx");
    let sheet = book.worksheet_range("Sheet1").expect("a sheet");
    let header: Vec<String> = (0..13)
        .map(|c| match sheet.get((0, c)) {
            Some(calamine::Data::String(v)) => v.clone(),
            other => panic!("header cell {c}: {other:?}"),
        })
        .collect();
    assert_eq!(header.join(","), REPORT_HEADER);
    assert_eq!(sheet.height(), 1 + rows.len());
}

#[test]
fn delete_needs_yes_and_then_the_reconciliation_is_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    import_e2e(&cli);
    let before = report(&cli, "2026-09-30");
    assert!(!all_zero(&before), "{before}");

    let out = cli.run(&["settlements", "delete"]);
    assert!(!out.status.success(), "refused without --yes");
    let err = text(&out.stderr);
    assert!(err.contains("add --yes"), "{err}");
    assert_eq!(report(&cli, "2026-09-30"), before, "nothing deleted");

    cli.ok(&["settlements", "delete", "--yes"]);
    let after = report(&cli, "2026-09-30");
    assert!(all_zero(&after), "{after}");
    // The lines are gone, not hidden: importing them again adds them.
    let statement: PathBuf = e2e("statement");
    let again = import(&cli, "statement", &[&statement]);
    assert_eq!(again["added"], 4, "{again}");
    assert_eq!(again["already_present"], 0, "{again}");
}

/// Taking back a newer statement export puts back the payout status it changed, and says
/// on how many lines.
#[test]
fn taking_back_a_newer_statement_says_how_many_statuses_go_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    let august = e2e("statement");
    import(&cli, "statement", &[&august]);
    let failed = report(&cli, "2026-09-30");
    // September's export: the payout that failed in August went through.
    let text_of = std::fs::read_to_string(&august).expect("the fixture");
    assert_eq!(text_of.matches("提现失败").count(), 1, "one failed payout");
    let september = dir.path().join("结算单明细-2026年9月.csv");
    std::fs::write(&september, text_of.replace("提现失败", "已提现")).expect("write");
    let newer = import(&cli, "statement", &[&september]);
    assert_eq!(newer["added"], 0, "the same lines: {newer}");
    assert_ne!(
        report(&cli, "2026-09-30"),
        failed,
        "the payout is no longer failed"
    );

    let listed = cli.json(&["settlements", "files", "--json"]);
    let id = listed
        .as_array()
        .expect("an array")
        .iter()
        .find(|f| f["file_name"] == "结算单明细-2026年9月.csv")
        .and_then(|f| f["id"].as_str())
        .expect("September's id")
        .to_string();
    let out = cli.run(&["settlements", "delete", "--file", &id, "--yes"]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(": 0 lines; put back the payout status or amounts it had changed on 1 line"),
        "{err}"
    );
    assert_eq!(
        report(&cli, "2026-09-30"),
        failed,
        "August's failed payout again"
    );
}

#[test]
fn one_file_is_listed_by_id_and_deleted_alone_as_if_never_imported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    import_e2e(&cli);
    let listed = cli.json(&["settlements", "files", "--json"]);
    let files = listed.as_array().expect("an array");
    assert_eq!(files.len(), 4, "{listed}");
    for key in [
        "id",
        "kind",
        "file_name",
        "imported_at",
        "encoding",
        "lines",
        "added",
    ] {
        assert!(files[0].get(key).is_some(), "{key} in {listed}");
    }
    let bank = files
        .iter()
        .find(|f| f["kind"] == "bank")
        .expect("the bank file");
    let id = bank["id"].as_str().expect("id");
    let added = bank["added"].as_u64().expect("added");
    let text_list = cli.ok(&["settlements", "files"]);
    assert!(
        text_list.contains(bank["file_name"].as_str().expect("name")),
        "{text_list}"
    );

    let out = cli.run(&["settlements", "delete", "--file", id]);
    assert!(!out.status.success(), "refused without --yes");
    let err = text(&out.stderr);
    assert!(err.contains("add --yes") && err.contains(id), "{err}");

    cli.ok(&["settlements", "delete", "--file", id, "--yes"]);
    // The saved reconciliation is now that of the other three files.
    let (expected, statement, invoices) = (e2e("expected"), e2e("statement"), e2e("invoices"));
    let without_bank = reconcile(&[
        "--expected",
        s(&expected),
        "--statement",
        s(&statement),
        "--invoices",
        s(&invoices),
        "--as-of",
        "2026-09-30",
        "--json",
    ]);
    assert_eq!(report(&cli, "2026-09-30"), without_bank);
    assert_ne!(
        without_bank,
        e2e_reconcile("2026-09-30"),
        "the bank file changes the reconciliation"
    );
    let left = cli.json(&["settlements", "files", "--json"]);
    assert_eq!(left.as_array().expect("array").len(), 3, "{left}");

    let out = cli.run(&["settlements", "delete", "--file", id, "--yes"]);
    assert!(!out.status.success(), "gone already");
    assert!(text(&out.stderr).contains(id), "{}", text(&out.stderr));
    // Gone, not hidden: importing it again adds its lines again.
    let again = import(&cli, "bank", &[e2e("bank")]);
    assert_eq!(again["added"].as_u64(), Some(added), "{again}");
}

/// The same statement imported twice, then the first import deleted: nothing of the
/// reconciliation changes, and stderr says which file keeps the lines.
#[test]
fn deleting_the_first_of_two_imports_of_one_export_keeps_its_lines() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli::new(dir.path());
    import_e2e(&cli);
    let again = import(&cli, "statement", &[e2e("statement")]);
    assert_eq!(again["added"].as_u64(), Some(0), "{again}");
    let before = report(&cli, "2026-09-30");
    let listed = cli.json(&["settlements", "files", "--json"]);
    let statements: Vec<&Value> = listed
        .as_array()
        .expect("an array")
        .iter()
        .filter(|f| f["kind"] == "statement")
        .collect();
    let [first, second] = statements[..] else {
        panic!("two statement imports: {listed}");
    };
    let (first_id, second_id) = (
        first["id"].as_str().expect("id"),
        second["id"].as_str().expect("id"),
    );
    let added = first["added"].as_u64().expect("added");

    let out = cli.run(&["settlements", "delete", "--file", first_id, "--yes"]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    let name = second["file_name"].as_str().expect("name");
    assert!(
        err.contains(&format!(
            ": 0 lines; kept {added} lines: file {second_id} ({name}) has the same lines"
        )),
        "{err}"
    );
    assert_eq!(report(&cli, "2026-09-30"), before, "nothing changed");
    let left = cli.json(&["settlements", "files", "--json"]);
    let heir = left
        .as_array()
        .expect("an array")
        .iter()
        .find(|f| f["id"] == second_id)
        .expect("the second import is listed");
    assert_eq!(heir["added"].as_u64(), Some(added), "{left}");
}
