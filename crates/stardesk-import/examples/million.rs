//! Imports a million expected rows and a million statement rows generated in memory,
//! and prints how long each step took.
//!
//! ```text
//! cargo run --release -p stardesk-import --example million [rows] [single]
//! ```
//!
//! `single` quotes one header cell, which makes the reader take its one-pass path (the
//! chunked, multi-threaded path needs a text without quotes), for comparison.
//!
//! Only the counts are asserted: timings depend on the machine.

use std::fmt::Write as _;
use std::time::Instant;

use stardesk_import::{import_expected, import_statement};

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|arg| arg.parse().ok())
        .unwrap_or(1_000_000);

    let single = std::env::args().nth(2).as_deref() == Some("single");

    let started = Instant::now();
    let mut expected = expected_csv(rows);
    let mut statement = statement_csv(rows);
    if single {
        expected = expected.replacen("task_id", "\"task_id\"", 1);
        statement = statement.replacen("task_id", "\"task_id\"", 1);
    }
    println!(
        "generated {rows} + {rows} rows ({:.1} MB + {:.1} MB) in {:?}",
        mb(expected.len()),
        mb(statement.len()),
        started.elapsed()
    );

    let (started, cpu) = (Instant::now(), cpu_ms());
    let imported = import_expected("expected.csv", expected.as_bytes()).expect("expected rows");
    let expected_time = started.elapsed();
    let expected_cpu = cpu_ms().zip(cpu).map(|(after, before)| after - before);
    assert_eq!(imported.lines.len(), rows);
    println!("expected:  {rows} lines in {expected_time:?} (CPU {expected_cpu:?} ms)");

    let (started, cpu) = (Instant::now(), cpu_ms());
    let imported = import_statement("statement.csv", statement.as_bytes()).expect("statement rows");
    let statement_time = started.elapsed();
    let statement_cpu = cpu_ms().zip(cpu).map(|(after, before)| after - before);
    assert_eq!(imported.lines.len(), rows);
    println!("statement: {rows} lines in {statement_time:?} (CPU {statement_cpu:?} ms)");
    println!("total:     {:?}", expected_time + statement_time);
}

/// The process's user + system CPU time in milliseconds (Linux only; `None` elsewhere):
/// on a busy machine, wall time includes waiting for a core, CPU time does not.
fn cpu_ms() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the parenthesized command name; utime and stime are the 12th and 13th.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks * 10) // USER_HZ is 100 on Linux
}

fn mb(bytes: usize) -> f64 {
    // Display only; the crate itself never does float arithmetic on money.
    bytes as f64 / 1_000_000.0
}

/// `task_id,amount,due_date`, amounts like `1234.56`, ISO dates.
fn expected_csv(rows: usize) -> String {
    let mut csv = String::with_capacity(rows * 40);
    csv.push_str("task_id,amount,due_date\n");
    for i in 0..rows {
        let (yuan, fen) = amount(i);
        let (month, day) = date(i);
        writeln!(csv, "T{i:08},{yuan}.{fen:02},2026-{month:02}-{day:02}").unwrap();
    }
    csv
}

/// `statement_id,task_id,amount,date,status`.
fn statement_csv(rows: usize) -> String {
    const STATUSES: [&str; 4] = ["已结算", "提现中", "已提现", "提现失败"];
    let mut csv = String::with_capacity(rows * 60);
    csv.push_str("statement_id,task_id,amount,date,status\n");
    for i in 0..rows {
        let (yuan, fen) = amount(i);
        let (month, day) = date(i);
        let status = STATUSES[i % 4];
        writeln!(
            csv,
            "JS{:07},T{i:08},{yuan}.{fen:02},2026-{month:02}-{day:02},{status}",
            i / 3
        )
        .unwrap();
    }
    csv
}

fn amount(i: usize) -> (usize, usize) {
    (100 + (i * 7919) % 50_000, (i * 31) % 100)
}

fn date(i: usize) -> (usize, usize) {
    (1 + i % 12, 1 + i % 28)
}
