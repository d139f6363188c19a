//! Lean lines hash their fields while still borrowed from the row (`parse_keyed`): the
//! keys must be exactly those of the full records, hashed from the parsed record, on
//! every form of amount and date, and a bad cell must fail with the same error.

use stardesk_domain::reconcile::records::{ExpectedLine, StatementLine};
use stardesk_import::{
    import_expected, import_expected_lean, import_statement, import_statement_lean,
    LeanExpectedLine, LeanStatementLine,
};

const AMOUNTS: [&str; 14] = [
    "1234.50",
    "-200",
    "0001234.5",
    "-0.00",
    "0",
    "1.5",
    "+7",
    "123456789012345.67",
    "12345678901234567890.12",
    "\"¥1,234.50\"",
    "(200.00)",
    "1234.5元",
    "=\"66.00\"",
    " 88 ",
];

const DATES: [&str; 6] = [
    "2026-03-05",
    "2026-3-5",
    "2026/03/05",
    "20260305",
    "2026年3月5日",
    "2026-03-05 14:22:01",
];

#[test]
fn lean_keys_are_the_full_records_keys() {
    let mut statement = String::from("statement_id,task_id,amount,date,status\n");
    let mut expected = String::from("task_id,amount,due_date\n");
    for (i, amount) in AMOUNTS.iter().enumerate() {
        for (j, date) in DATES.iter().enumerate() {
            let task = format!("730000000000000{i:02}{j}");
            statement.push_str(&format!("JS{i},{task},{amount},{date},已结算\n"));
            expected.push_str(&format!("{task},{amount},{date}\n"));
            // The same line twice: occurrence 1.
            expected.push_str(&format!("{task},{amount},{date}\n"));
        }
        expected.push_str(&format!("T{i},{amount},\n"));
    }
    // Large enough to take the parallel path too.
    let mut big_statement = statement.clone();
    let mut big_expected = expected.clone();
    let body_s: String = statement
        .lines()
        .skip(1)
        .map(|l| format!("{l}\n"))
        .collect();
    let body_e: String = expected.lines().skip(1).map(|l| format!("{l}\n")).collect();
    while big_statement.len() < (5 << 20) {
        big_statement.push_str(&body_s);
        big_expected.push_str(&body_e);
    }
    for (s, e) in [(&statement, &expected), (&big_statement, &big_expected)] {
        let full = import_statement("s.csv", s.as_bytes()).unwrap().lines;
        let lean: Vec<StatementLine> = import_statement_lean("s.csv", s.as_bytes())
            .unwrap()
            .lines
            .into_iter()
            .map(LeanStatementLine::into_line)
            .collect();
        assert_eq!(lean, full);
        let full = import_expected("e.csv", e.as_bytes()).unwrap().lines;
        let lean: Vec<ExpectedLine> = import_expected_lean("e.csv", e.as_bytes())
            .unwrap()
            .lines
            .into_iter()
            .map(LeanExpectedLine::into_line)
            .collect();
        assert_eq!(lean, full);
        assert!(lean.iter().any(|line| line.key.occurrence == 1));
    }
}

#[test]
fn lean_and_full_fail_alike_on_bad_dates_and_amounts() {
    for (amount, date) in [
        ("1234.50", "2026-02-30"),
        ("1234.50", "2026-13-01"),
        ("1.2.3", "2026-03-05"),
        ("12a", "2026-03-05"),
        ("-", "2026-03-05"),
        ("1.", "2026-03-05"),
        (".5", "2026-03-05"),
    ] {
        let s = format!("statement_id,task_id,amount,date,status\nJS1,T1,{amount},{date},已结算\n");
        let full = import_statement("s.csv", s.as_bytes()).unwrap_err();
        let lean = import_statement_lean("s.csv", s.as_bytes()).unwrap_err();
        assert_eq!(full.to_string(), lean.to_string());
        let e = format!("task_id,amount,due_date\nT1,{amount},{date}\n");
        let full = import_expected("e.csv", e.as_bytes()).unwrap_err();
        let lean = import_expected_lean("e.csv", e.as_bytes()).unwrap_err();
        assert_eq!(full.to_string(), lean.to_string());
    }
}
