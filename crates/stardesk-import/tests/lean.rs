//! Lean lines: the same lines, keys and errors as the full records, and the same
//! reconciliation, on tricky input (quotes, BOM, GBK, CRLF, decorated amounts, blank
//! lines, unusual statuses, the optional components) read by both CSV paths.

use chrono::NaiveDate;
use stardesk_domain::reconcile::records::{ExpectedLine, StatementLine};
use stardesk_domain::reconcile::{
    reconcile, reconcile_records, Inputs, ReconcileOptions, RecordInputs,
};
use stardesk_import::{
    import_expected, import_expected_lean, import_statement, import_statement_lean,
    LeanExpectedLine, LeanStatementLine,
};

const STATEMENT: &str = "结算单明细导出\n\
    \n\
    结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
    JS001,7300000000000000000,¥1,234.50,2026-03-05,已结算,,,\n\
    JS001,7300000000000007919,(200.00),2026/3/6,提现失败,,,\n\
    JS002,T1002,1234.5元,2026年3月7日,审核中,1500,150,115.50\n\
    \n\
    JS002,T1002,1234.5元,2026年3月7日,审核中,1500,150,115.50\n\
    JS003,'0012,=\"66.00\",20260308,settled,,,\n\
    JS004,任务一二三四五六七八九十一二三,+7.5,2026-03-09 14:22:01,Withdrawing,,,\n\
    ,,,,,,,\n";

const EXPECTED: &str = "task_id,amount,due_date,gross,fee,tax\n\
    7300000000000000000,1234.5,2026-03-01,,,\n\
    7300000000000007919,200,,,,\n\
    T1002,1234.50,2026-03-02,1500,150,115.5\n\
    T1003,88,2026-03-03,,,\n\
    0012,66.01,2026-03-03,,,\n";

/// The file as each variant of the same export: a quote (the `csv` path), CRLF, a BOM,
/// GBK, tabs.
fn variants(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let quoted = text.replacen("JS001,", "\"JS001\",", 1);
    let quoted_header = text.replacen("task_id", "\"task_id\"", 1);
    let crlf = text.replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    // GBK has no half-width ¥: GBK exports write the full-width one.
    let gbk_text = text.replace('¥', "￥");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&gbk_text);
    assert!(!unmappable);
    vec![
        ("plain.csv", text.as_bytes().to_vec()),
        ("quoted.csv", quoted.into_bytes()),
        ("quoted-header.csv", quoted_header.into_bytes()),
        ("crlf.csv", crlf.into_bytes()),
        ("bom.csv", bom),
        ("gbk.csv", gbk.into_owned()),
    ]
}

#[test]
fn lean_statement_lines_are_the_full_lines() {
    // The amount `¥1,234.50` holds a comma: written quoted, as a real export would.
    let text = STATEMENT.replace("¥1,234.50", "\"¥1,234.50\"");
    for (name, bytes) in variants(&text) {
        let full = import_statement(name, &bytes).unwrap();
        let lean = import_statement_lean(name, &bytes).unwrap();
        assert_eq!(full.encoding, lean.encoding, "{name}");
        assert_eq!(full.lines.len(), 6, "{name}");
        let back: Vec<StatementLine> = lean
            .lines
            .into_iter()
            .map(LeanStatementLine::into_line)
            .collect();
        assert_eq!(back, full.lines, "{name}");
        // Identical lines stay two: occurrences 0 and 1.
        assert_eq!(back[2].key.fingerprint, back[3].key.fingerprint);
        assert_eq!((back[2].key.occurrence, back[3].key.occurrence), (0, 1));
    }
}

#[test]
fn lean_expected_lines_are_the_full_lines() {
    for (name, bytes) in variants(EXPECTED) {
        let full = import_expected(name, &bytes).unwrap();
        let lean = import_expected_lean(name, &bytes).unwrap();
        let back: Vec<ExpectedLine> = lean
            .lines
            .into_iter()
            .map(LeanExpectedLine::into_line)
            .collect();
        assert_eq!(back.len(), 5, "{name}");
        assert_eq!(back, full.lines, "{name}");
    }
}

#[test]
fn lean_and_full_lines_fail_on_the_same_cell() {
    for bad in [
        "task_id,amount\nT1,12,34x\n",
        "task_id,amount\nT1,12\n,5\n",
        "task_id,amount,due_date\nT1,12,2026-02-30\n",
        "task_id,amount\n\"T1,12\n",
    ] {
        let full = import_expected("bad.csv", bad.as_bytes()).unwrap_err();
        let lean = import_expected_lean("bad.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(full.to_string(), lean.to_string(), "{bad:?}");
    }
}

#[test]
fn lean_lines_reconcile_as_the_full_lines() {
    let statement = STATEMENT.replace("¥1,234.50", "\"¥1,234.50\"");
    let full_s = import_statement("s.csv", statement.as_bytes())
        .unwrap()
        .lines;
    let lean_s = import_statement_lean("s.csv", statement.as_bytes())
        .unwrap()
        .lines;
    let full_e = import_expected("e.csv", EXPECTED.as_bytes()).unwrap().lines;
    let lean_e = import_expected_lean("e.csv", EXPECTED.as_bytes())
        .unwrap()
        .lines;
    let as_of = NaiveDate::from_ymd_opt(2026, 3, 31).unwrap();
    let options = ReconcileOptions::new(as_of);
    let full = reconcile(
        &Inputs {
            expected: &full_e,
            statement: &full_s,
            ..Inputs::default()
        },
        &options,
    );
    let lean = reconcile_records(
        &RecordInputs {
            expected: &lean_e,
            statement: &lean_s,
            bank: &[],
            invoices: &[],
            decisions: &[],
        },
        &options,
    );
    assert_eq!(full, lean);
    assert!(full.summary.amount_mismatch.count > 0);
    assert!(full.summary.duplicate_payout.count > 0);
    assert!(full.summary.payout_failed.count > 0);
    assert!(full.summary.missing_payout.count > 0);
}
