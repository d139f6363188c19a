//! Settlement files for the reconciliation tests, shared by `stardesk reconcile`'s
//! (`tests/reconcile.rs`) and `stardesk settlements`' (`tests/settlements_cli.rs`): small
//! files written by the test, and the end-to-end fixtures in
//! `tests/e2e/fixtures/settlements` (one file of each kind; the bank file is GBK).

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// Expected earnings: T1 matched; T2 paid short (amount_mismatch); T3 missing; T4 paid
/// twice; T5 提现失败.
pub const EXPECTED: &str = "task_id,amount,due_date\nT1,100.00,2026-03-01\nT2,200.00,2026-03-01\nT3,300.00,2026-03-01\nT4,400.00,2026-03-01\nT5,500.00,2026-03-01\n";

/// The statement paying [`EXPECTED`]: Chinese headers, amounts and dates written
/// every which way.
pub const STATEMENT: &str = "结算单号,任务ID,结算金额,结算日期,状态\nJS1,T1,\"¥100.00\",2026/3/5,已结算\nJS1,T2,190.5元,20260305,已提现\nJS2,T4,400,2026年3月6日,已结算\nJS3,T4,400,2026-03-07,已结算\nJS4,T5,500.00,2026-03-07,提现失败\n";

/// A statement whose row 3 has the amount `12x`.
pub const BAD_STATEMENT: &str = "statement_id,task_id,amount,date,status\nJS1,T1,100.00,2026-03-05,已结算\nJS2,T2,12x,2026-03-05,已结算\n";

/// Writes `text` to `dir/name`.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).expect("write fixture");
    p
}

/// One end-to-end fixture file: `kind` is `expected`, `statement`, `bank` or `invoices`.
pub fn e2e(kind: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/e2e/fixtures/settlements")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|f| f.expect("a fixture").path())
        .collect();
    assert_eq!(files.len(), 1, "one {kind} fixture in {}", dir.display());
    files.pop().expect("the fixture")
}
