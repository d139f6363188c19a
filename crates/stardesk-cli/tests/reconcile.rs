//! `stardesk reconcile`: files in, summary and report out, with no data directory.

use std::process::Command;

#[path = "common/settlement_files.rs"]
mod settlement_files;

use settlement_files::{write, BAD_STATEMENT, EXPECTED, STATEMENT};

const KEYS: [&str; 7] = [
    "matched",
    "amount_mismatch",
    "missing_payout",
    "duplicate_payout",
    "payout_failed",
    "payout_overdue",
    "unexpected_credit",
];

#[test]
fn json_has_exactly_the_seven_classes_and_the_report_csv_names_each_discrepancy() {
    let dir = tempfile::tempdir().expect("tempdir");
    // T1 matched; T2 paid short (amount_mismatch); T3 missing; T4 paid twice; T5 提现失败.
    let expected = write(dir.path(), "expected.csv", EXPECTED);
    let statement = write(dir.path(), "statement.csv", STATEMENT);
    let report = dir.path().join("report.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_stardesk"))
        .args(["reconcile", "--as-of", "2026-04-01", "--json"])
        .arg("--expected")
        .arg(&expected)
        .arg("--statement")
        .arg(&statement)
        .arg("--out")
        .arg(&report)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    let obj = v.as_object().expect("object");
    assert_eq!(obj.keys().collect::<Vec<_>>(), vec!["counts", "totals"]);
    for part in ["counts", "totals"] {
        let keys: Vec<&str> = v[part]
            .as_object()
            .expect(part)
            .keys()
            .map(String::as_str)
            .collect();
        let mut want = KEYS.to_vec();
        want.sort_unstable();
        let mut got = keys.clone();
        got.sort_unstable();
        assert_eq!(got, want, "{part} keys");
    }
    assert_eq!(v["counts"]["matched"], 2, "T1 and the first T4 line");
    assert_eq!(v["counts"]["amount_mismatch"], 1);
    assert_eq!(v["counts"]["missing_payout"], 1);
    assert_eq!(v["counts"]["duplicate_payout"], 1);
    assert_eq!(v["counts"]["payout_failed"], 1);
    assert!(v["counts"]["matched"].is_u64(), "counts are integers");
    assert_eq!(
        v["totals"]["amount_mismatch"], "-9.50",
        "190.50 paid − 200.00 expected"
    );
    assert_eq!(v["totals"]["missing_payout"], "300.00");
    assert_eq!(v["totals"]["duplicate_payout"], "400.00");
    assert_eq!(v["totals"]["payout_failed"], "500.00");

    let csv = std::fs::read_to_string(&report).expect("report");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some(
            "class,task_id,statement_id,txn_id,date,amount,gross,fee,tax,net_expected,\
             net_paid,reason_zh,reason_en"
        )
    );
    let body: Vec<&str> = lines.collect();
    assert_eq!(body.len(), 4, "{body:?}");
    // The per-task columns: no gross is stated anywhere, so gross, fee and tax are
    // unknown (empty, not zero); the nets expected and paid are the lines'. The date is
    // the statement line's (20260305), or the missing payout's due date.
    assert!(
        body.iter()
            .any(|l| l.starts_with("amount_mismatch,T2,JS1,,2026-03-05,-9.50,,,,200.00,190.50,")),
        "{body:?}"
    );
    assert!(body
        .iter()
        .any(|l| l.starts_with("missing_payout,T3,,,2026-03-01,300.00,,,,300.00,,")));
    assert!(body
        .iter()
        .any(|l| l.starts_with("payout_failed,T5,JS4,,2026-03-07,500.00,,,,500.00,,")));
}

#[test]
fn a_bad_file_exits_non_zero_naming_file_row_column_and_value() {
    let dir = tempfile::tempdir().expect("tempdir");
    let statement = write(dir.path(), "bad-statement.csv", BAD_STATEMENT);
    let out = Command::new(env!("CARGO_BIN_EXE_stardesk"))
        .arg("reconcile")
        .arg("--statement")
        .arg(&statement)
        .arg("--json")
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing printed on failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad-statement.csv"), "{err}");
    assert!(err.contains("row 3"), "{err}");
    assert!(err.contains("amount"), "{err}");
    assert!(err.contains("12x"), "{err}");
}

/// `--json` alone prints the summary from compact lines when the files allow it
/// (numeric task ids, two-decimal amounts); with `--out` the full reconciliation runs.
/// Both print the same counts and totals, every class occurring (R-SETTLE-1..4).
#[test]
fn json_alone_prints_what_the_full_run_prints() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().expect("tempdir");
    let mut expected = String::from("task_id,amount,due_date\n");
    let mut statement = String::from("结算单号,任务ID,结算金额,结算日期,状态\n");
    for i in 0..3_000u64 {
        let task = 7_300_000_000_000_000_000 + i * 7919;
        let fen = 1_000 + i * 37 % 90_000;
        let money = |fen: u64| format!("{}.{:02}", fen / 100, fen % 100);
        let day = format!("2026-03-{:02}", 1 + i % 28);
        writeln!(expected, "{task},{},{day}", money(fen)).unwrap();
        let (amount, status, times) = match i % 50 {
            0 => continue,
            1 => (fen - 3, "已结算", 1),
            2 => (fen, "提现失败", 1),
            3 => (fen, "已提现", 2),
            _ => (fen, "已结算", 1),
        };
        for n in 0..times {
            writeln!(
                statement,
                "JS{i}-{n},{task},{},{day},{status}",
                money(amount)
            )
            .unwrap();
        }
    }
    writeln!(statement, "JS-x,42,8.00,2026-03-02,已结算").unwrap();
    let expected = write(dir.path(), "expected.csv", &expected);
    let statement = write(dir.path(), "statement.csv", &statement);
    let compact = json_alone_as_with_out(dir.path(), &expected, &statement);
    for class in &KEYS[..5] {
        assert!(
            compact["counts"][class].as_u64().unwrap() > 0,
            "no {class}: {compact}"
        );
    }
}

/// An amount beyond what a compact line holds (¥21,474,836.47) sends `--json` alone down
/// the full path: the same figures as with `--out`, the large amount in them.
#[test]
fn json_alone_with_an_amount_beyond_the_compact_lines_prints_the_full_figures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let expected = write(
        dir.path(),
        "expected.csv",
        "task_id,amount,due_date\n1001,30000000.00,2026-03-01\n1002,88.00,2026-03-02\n",
    );
    let statement = write(
        dir.path(),
        "statement.csv",
        "结算单号,任务ID,结算金额,结算日期,状态\n\
         JS1,1001,30000000.00,2026-03-05,已结算\n\
         JS2,1002,80.00,2026-03-06,已结算\n",
    );
    let alone = json_alone_as_with_out(dir.path(), &expected, &statement);
    assert_eq!(alone["counts"]["matched"], 1, "{alone}");
    assert_eq!(alone["totals"]["matched"], "30000000.00", "{alone}");
    assert_eq!(alone["totals"]["amount_mismatch"], "-8.00", "{alone}");
}

/// `stardesk reconcile --as-of 2026-03-20 --json` of the two files alone (the summary-only
/// path), checked to print what it prints with `--out` (into `dir`, the full run): that
/// JSON.
fn json_alone_as_with_out(
    dir: &std::path::Path,
    expected: &std::path::Path,
    statement: &std::path::Path,
) -> serde_json::Value {
    let run = |extra: &[&std::ffi::OsStr]| -> serde_json::Value {
        let out = Command::new(env!("CARGO_BIN_EXE_stardesk"))
            .args(["reconcile", "--as-of", "2026-03-20", "--json", "--expected"])
            .arg(expected)
            .arg("--statement")
            .arg(statement)
            .args(extra)
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("one JSON object")
    };
    let report = dir.join("report.csv");
    let alone = run(&[]);
    assert_eq!(alone, run(&["--out".as_ref(), report.as_os_str()]));
    alone
}

/// The text summary also counts the statement lines no expected line asks for, which it
/// lists among the discrepancies (not one of the JSON's seven classes).
#[test]
fn the_text_summary_counts_payouts_nothing_expected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let statement = write(dir.path(), "statement.csv", STATEMENT);
    let out = Command::new(env!("CARGO_BIN_EXE_stardesk"))
        .args(["reconcile", "--as-of", "2026-04-01", "--statement"])
        .arg(&statement)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let line = |name: &str| {
        text.lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .map(|l| l.split_whitespace().skip(1).collect::<Vec<_>>().join(" "))
            .unwrap_or_else(|| panic!("{name} in {text}"))
    };
    // T1 ¥100.00, T2 ¥190.50 and T4's first ¥400.00; T4's second is a duplicate, T5 failed.
    assert_eq!(line("unexpected_payout"), "3 ¥690.50");
    assert_eq!(line("duplicate_payout"), "1 ¥400.00");
    assert_eq!(line("matched"), "0 ¥0.00");
}
