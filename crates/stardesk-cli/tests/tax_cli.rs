//! `stardesk tax`: statement files in, the individual creator's withholding month by month
//! out, with no data directory. Per payment before 2025-10-01 (国家税务总局公告2018年第61号),
//! cumulative from then (国家税务总局公告2025年第16号); the base is gross − service fee.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

fn stardesk(args: &[&str], statements: &[&Path]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_stardesk"));
    cmd.arg("tax").args(args);
    for s in statements {
        cmd.arg("--statement").arg(s);
    }
    // No data directory is read or made: point it somewhere that does not exist.
    cmd.env("STARDESK_DATA_DIR", "/nonexistent/stardesk-tax-cli");
    cmd.output().expect("run")
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

// 2025-08, per payment: 3,000 − 150 = 2,850 → − 800 = 2,050 × 20% = 410.00; 500.00 withheld.
// 2025-09, per payment: 9,500 × 80% = 7,600 × 20% = 1,520.00; withheld exactly.
// 2025-10, cumulative: 9,500 − 1,900 − 5,000 = 2,600 × 3% = 78.00; 1,520.00 withheld.
// 2025-11, cumulative (two lines, the failed one left out): 28,500 − 5,700 − 10,000 =
//   12,800 × 3% = 384.00 − 78.00 = 306.00; 183.60 + 122.40 withheld.
const AUTUMN: &str = "结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
JS08,T1,2350.00,2025-08-20,已提现,3000.00,150.00,500.00\n\
JS09,T2,7980.00,2025/9/20,已提现,\"¥10,000.00\",500.00,1520.00\n\
JS10,T3,7980.00,2025年10月20日,已提现,10000.00,500.00,1520.00\n\
JS11,T4,11216.40,20251110,已提现,12000.00,600.00,183.60\n\
JS11,T5,7477.60,2025-11-25,已结算,8000.00,400.00,122.40\n\
JS11,T6,4750.00,2025-11-26,提现失败,5000.00,250.00,0\n";

// A later export: October again (counted once), and January 2026, where the cumulative
// total restarts: 4,750 − 950 − 5,000 < 0 → 0.00, but 20.00 withheld.
const WINTER: &str = "statement_id,task_id,amount,date,status,gross,fee,tax\n\
JS10,T3,7980.00,2025-10-20,withdrawn,10000.00,500.00,1520.00\n\
JS01,T7,4730.00,2026-01-15,withdrawn,5000.00,250.00,20.00\n";

fn month(m: &str, income: &str, withheld: &str, expected: &str, diff: &str) -> serde_json::Value {
    serde_json::json!({
        "month": m, "income": income, "withheld": withheld,
        "expected": expected, "difference": diff,
    })
}

#[test]
fn json_is_exactly_months_with_the_five_keys_ascending_across_2025_10_01() {
    let dir = tempfile::tempdir().expect("tempdir");
    let autumn = write(dir.path(), "结算单-2025秋.csv", AUTUMN);
    let winter = write(dir.path(), "statement-winter.csv", WINTER);
    let v = json(&stardesk(&["--json"], &[&winter, &autumn]));

    let obj = v.as_object().expect("object");
    assert_eq!(obj.keys().collect::<Vec<_>>(), vec!["months"]);
    let months = v["months"].as_array().expect("array");
    for m in months {
        let mut keys: Vec<&str> = m
            .as_object()
            .expect("month")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["difference", "expected", "income", "month", "withheld"]
        );
        assert!(
            m.as_object()
                .expect("month")
                .values()
                .all(|v| v.is_string()),
            "{m}"
        );
    }
    assert_eq!(
        months,
        &vec![
            month("2025-08", "3000.00", "500.00", "410.00", "90.00"),
            month("2025-09", "10000.00", "1520.00", "1520.00", "0.00"),
            month("2025-10", "10000.00", "1520.00", "78.00", "1442.00"),
            month("2025-11", "20000.00", "306.00", "306.00", "0.00"),
            month("2026-01", "5000.00", "20.00", "0.00", "20.00"),
        ],
        "months ascending whatever the file order; October once though in both files"
    );
}

#[test]
fn year_shows_that_calendar_year_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let autumn = write(dir.path(), "autumn.csv", AUTUMN);
    let winter = write(dir.path(), "winter.csv", WINTER);
    let v = json(&stardesk(
        &["--year", "2026", "--json"],
        &[&autumn, &winter],
    ));
    assert_eq!(
        v,
        serde_json::json!({"months": [month("2026-01", "5000.00", "20.00", "0.00", "20.00")]})
    );
    let v = json(&stardesk(
        &["--year", "2025", "--json"],
        &[&autumn, &winter],
    ));
    let names: Vec<&str> = v["months"]
        .as_array()
        .expect("array")
        .iter()
        .map(|m| m["month"].as_str().expect("month"))
        .collect();
    assert_eq!(names, ["2025-08", "2025-09", "2025-10", "2025-11"]);
    let v = json(&stardesk(&["--year", "2024", "--json"], &[&autumn]));
    assert_eq!(v, serde_json::json!({"months": []}));
}

#[test]
fn without_json_a_table_with_the_verdicts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let autumn = write(dir.path(), "autumn.csv", AUTUMN);
    let out = stardesk(&[], &[&autumn]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("month"), "{text}");
    let october = lines
        .iter()
        .find(|l| l.starts_with("2025-10"))
        .expect("October");
    assert!(
        october.contains("1520.00") && october.contains("78.00"),
        "{october}"
    );
    assert!(october.ends_with("over_withheld"), "{october}");
    let september = lines
        .iter()
        .find(|l| l.starts_with("2025-09"))
        .expect("September");
    assert!(
        !september.contains("withheld"),
        "exact months carry no verdict: {september}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("total") && l.contains("1532.00")),
        "{text}"
    );
}

#[test]
fn a_bad_file_exits_non_zero_naming_file_row_and_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let good = write(dir.path(), "good.csv", AUTUMN);
    let bad = write(
        dir.path(),
        "bad-tax.csv",
        "结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
         JS1,T1,100.00,2025-10-05,已结算,110.00,10.00,0\n\
         JS2,T2,100.00,2025-10-06,已结算,110.00,10.00,3.x\n",
    );
    let out = stardesk(&["--json"], &[&good, &bad]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing printed on failure");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad-tax.csv"), "{err}");
    assert!(err.contains("row 3"), "{err}");
    assert!(err.contains("代扣个税"), "{err}");
    assert!(err.contains("3.x"), "{err}");
}
