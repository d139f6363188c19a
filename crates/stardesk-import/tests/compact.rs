//! Compact lines (for `stardesk reconcile --json`'s summary), imported and scanned in
//! chunks ([`PlainScan`]): the lean lines' task,
//! amount, date and failed status, read from the same tricky input (by the `csv` path;
//! the large file by the plain, chunked one); no answer when a value has no compact
//! form; the same errors on the same cells.

use std::fmt::Write as _;

use chrono::NaiveDate;
use stardesk_domain::reconcile::records::{ExpectedRecord, StatementRecord};
use stardesk_domain::reconcile::summary::{TaskDue, TaskPayout};
use stardesk_import::{
    import_expected_compact, import_expected_lean, import_statement_compact, import_statement_lean,
    PlainRecord, PlainScan,
};

const STATEMENT: &str = "结算单明细导出\n\
    \n\
    结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
    JS001,7300000000000000000,\"¥1,234.50\",2026-03-05,已结算,,,\n\
    JS001,7300000000000007919,(200.00),2026/3/6,提现失败,,,\n\
    JS002,1002,1234.5元,2026年3月7日,审核中,1500,150,115.50\n\
    \n\
    JS002,1002,1234.5元,2026年3月7日,审核中,1500,150,115.50\n\
    JS003,'12,=\"66.00\",20260308,FAILED,,,\n\
    JS004, 0 ,+7.5,2026-03-09 14:22:01,Withdrawing,,,\n\
    ,,,,,,,\n";

const EXPECTED: &str = "task_id,amount,due_date,gross,fee,tax\n\
    7300000000000000000,1234.5,2026-03-01,,,\n\
    7300000000000007919,200,,,,\n\
    1002,1234.50,2026-03-02,1500,150,115.5\n\
    =\"12\",66.01,2026-03-03,,,\n";

/// The file as each variant of the same export: CRLF, a BOM, GBK, tabs.
fn variants(text: &str) -> Vec<(&'static str, Vec<u8>)> {
    let unquoted = text.replace("\"¥1,234.50\"", "¥1234.50");
    let crlf = text.replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let gbk_text = text.replace('¥', "￥");
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(&gbk_text);
    assert!(!unmappable);
    let tabs = unquoted.replace(',', "\t");
    vec![
        ("quoted.csv", text.as_bytes().to_vec()),
        ("plain.csv", unquoted.into_bytes()),
        ("crlf.csv", crlf.into_bytes()),
        ("bom.csv", bom),
        ("gbk.csv", gbk.into_owned()),
        ("tabs.csv", tabs.into_bytes()),
    ]
}

fn fen(amount: rust_decimal::Decimal) -> i64 {
    assert_eq!(amount.scale(), 2);
    i64::try_from(amount.mantissa()).unwrap()
}

fn lean_payouts(name: &str, bytes: &[u8]) -> Vec<TaskPayout> {
    import_statement_lean(name, bytes)
        .unwrap()
        .lines
        .iter()
        .map(|line| {
            TaskPayout::new(
                line.task_id().parse().unwrap(),
                fen(line.amount()),
                line.date(),
                line.is_failed(),
            )
            .unwrap()
        })
        .collect()
}

fn lean_dues(name: &str, bytes: &[u8]) -> Vec<TaskDue> {
    import_expected_lean(name, bytes)
        .unwrap()
        .lines
        .iter()
        .map(|line| {
            TaskDue::new(
                line.task_id().parse().unwrap(),
                fen(line.amount()),
                line.due_date(),
            )
            .unwrap()
        })
        .collect()
}

#[test]
fn compact_statement_lines_are_the_lean_lines_fields() {
    for (name, bytes) in variants(STATEMENT) {
        let compact = import_statement_compact(name, &bytes).unwrap().expect(name);
        assert_eq!(compact.len(), 6, "{name}");
        assert_eq!(compact, lean_payouts(name, &bytes), "{name}");
        let failed: Vec<bool> = compact.iter().map(TaskPayout::failed).collect();
        assert_eq!(failed, [false, true, false, false, true, false], "{name}");
        assert_eq!(compact[0].fen(), 123_450, "{name}");
        assert_eq!(
            compact[5].date(),
            NaiveDate::from_ymd_opt(2026, 3, 9).unwrap()
        );
        assert_eq!(compact[4].task, 12, "{name}");
    }
}

#[test]
fn compact_expected_lines_are_the_lean_lines_fields() {
    for (name, bytes) in variants(EXPECTED) {
        let compact = import_expected_compact(name, &bytes).unwrap().expect(name);
        assert_eq!(compact.len(), 4, "{name}");
        assert_eq!(compact, lean_dues(name, &bytes), "{name}");
        assert_eq!(compact[1].due, None, "{name}");
        assert_eq!(
            compact[3].due,
            NaiveDate::from_ymd_opt(2026, 3, 3),
            "{name}"
        );
    }
}

#[test]
fn a_value_without_a_compact_form_gives_no_lines() {
    for (from, to) in [
        ("1002", "T1002"),
        ("'12", "'0012"),
        ("7300000000000000000", "18000000000000000000"),
        // Beyond the compact line's 32 bits of fen (¥21,474,836.47), either way.
        ("+7.5", "21474836.48"),
        ("+7.5", "-21474836.49"),
    ] {
        let text = STATEMENT.replace(from, to);
        assert_eq!(
            import_statement_compact("s.csv", text.as_bytes()).unwrap(),
            None,
            "{to}"
        );
        // The lean import reads it all the same.
        assert_eq!(
            import_statement_lean("s.csv", text.as_bytes())
                .unwrap()
                .lines
                .len(),
            6
        );
    }
}

/// The largest amounts a compact line holds, either way, are read as they are.
#[test]
fn the_largest_compact_amounts_are_read() {
    for (amount, fen) in [
        ("21474836.47", 2_147_483_647),
        ("-21474836.48", -2_147_483_648),
    ] {
        let text = STATEMENT.replace("+7.5", amount);
        let compact = import_statement_compact("s.csv", text.as_bytes())
            .unwrap()
            .expect(amount);
        assert_eq!(compact[5].fen(), fen, "{amount}");
        assert_eq!(compact, lean_payouts("s.csv", text.as_bytes()), "{amount}");
    }
}

#[test]
fn compact_and_lean_lines_fail_on_the_same_cell() {
    for bad in [
        "task_id,amount\n1,12,34x\n",
        "task_id,amount\n1,12\n,5\n",
        "task_id,amount,due_date\n1,12,2026-02-30\n",
        "task_id,amount,due_date,fee\nT1,12,2026-02-28,x\n",
        "task_id,amount\n\"1,12\n",
        "amount\n12\n",
        // A fraction of a fen: both refuse it at its cell.
        "task_id,amount\n1,12\n2,66.015\n",
        // An amount split at an unquoted thousands separator, the spill an empty cell.
        "task_id,amount,memo\n1,12,a\n2,1,234.50,\n",
    ] {
        let lean = import_expected_lean("bad.csv", bad.as_bytes()).unwrap_err();
        let compact = import_expected_compact("bad.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(compact.to_string(), lean.to_string(), "{bad:?}");
    }
    for bad in [
        "结算单号,任务ID,结算金额,结算日期,状态\nJS1,1,5.00,2026-03-01,\n",
        "结算单号,任务ID,结算金额,结算日期,状态\n,1,5.00,2026-03-01,已结算\n",
        "结算单号,任务ID,结算金额,结算日期,状态\nJS1,T1,5.00,2026-13-01,已结算\n",
    ] {
        let lean = import_statement_lean("bad.csv", bad.as_bytes()).unwrap_err();
        let compact = import_statement_compact("bad.csv", bad.as_bytes()).unwrap_err();
        assert_eq!(compact.to_string(), lean.to_string(), "{bad:?}");
    }
}

/// Over the 4 MiB threshold: read in chunks on two threads, in file order.
#[test]
fn a_large_statement_reads_in_chunks_as_the_lean_lines() {
    let mut csv = String::from("statement_id,task_id,amount,date,status\n");
    for i in 0..120_000u64 {
        let status = if i % 97 == 0 {
            "提现失败"
        } else {
            "已结算"
        };
        writeln!(
            csv,
            "JS{i:012},{},{}.{:02},2026-{:02}-{:02},{status}",
            7_300_000_000_000_000_000 + i * 7919,
            100 + i % 5000,
            i % 100,
            1 + i % 12,
            1 + i % 28
        )
        .unwrap();
    }
    assert!(csv.len() > 4 << 20);
    let compact = import_statement_compact("big.csv", csv.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(compact.len(), 120_000);
    assert_eq!(compact, lean_payouts("big.csv", csv.as_bytes()));
}

/// Reads `bytes` as the CLI does: the header from the first MiB, then the lines in chunks
/// of about `size` bytes (whole lines), the header's chunks first, then the others in
/// reverse order, gathered in file order.
/// `None` when the scan gives up.
fn scan<T: PlainRecord + Clone>(bytes: &[u8], size: usize) -> Option<Vec<T>> {
    let mut chunks = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let cut = if rest.len() <= size {
            rest.len()
        } else {
            rest[..size].iter().rposition(|&b| b == b'\n')? + 1
        };
        let (chunk, after) = rest.split_at(cut);
        chunks.push(chunk);
        rest = after;
    }
    // The header from the first MiB, as the CLI reads it.
    let whole = bytes.len() <= 1 << 20;
    let head = if whole {
        bytes
    } else {
        &bytes[..=bytes[..1 << 20].iter().rposition(|&b| b == b'\n')?]
    };
    let scanner = PlainScan::<T>::start(head, whole)?;
    // The header is skipped in the first chunks, whatever their size, then the rest is
    // read in reverse order.
    let mut skip = scanner.header_lines();
    let mut lines = Vec::new();
    let mut at = 0;
    while skip > 0 && at < chunks.len() {
        scanner.read(chunks[at], &mut skip, &mut lines)?;
        at += 1;
    }
    let mut parts = Vec::new();
    for chunk in chunks[at..].iter().rev() {
        let mut part = Vec::new();
        scanner.read(chunk, &mut 0, &mut part)?;
        parts.push(part);
    }
    lines.extend(parts.into_iter().rev().flatten());
    Some(lines)
}

fn statement_csv(rows: u64, title: bool) -> String {
    let mut csv = String::new();
    if title {
        csv.push_str("结算单明细导出\n\n");
    }
    csv.push_str("结算单号,任务ID,结算金额,结算日期,状态,服务费,备注\n");
    for i in 0..rows {
        let status = ["已结算", "提现失败", "Withdrawn", "审核中", " failed "][(i % 5) as usize];
        let fee = if i % 3 == 0 {
            String::new()
        } else {
            format!("{}.5", i % 9)
        };
        writeln!(
            csv,
            "JS{i:06},{},{}.{:02},2026-{:02}-{:02},{status},{fee},备注{i}",
            7_300_000_000_000_000_000 + i * 7919,
            100 + i % 5000,
            i % 100,
            1 + i % 12,
            1 + i % 28
        )
        .unwrap();
        if i % 97 == 0 {
            csv.push_str(",,,,\n\n");
        }
    }
    csv
}

#[test]
fn a_plain_file_scanned_in_chunks_is_the_compact_import() {
    for title in [false, true] {
        let csv = statement_csv(5_000, title);
        let want = import_statement_compact("s.csv", csv.as_bytes())
            .unwrap()
            .unwrap();
        assert_eq!(want.len(), 5_000);
        for size in [100, 4_096, 10_000, 65_536, 1 << 20] {
            let got = scan::<TaskPayout>(csv.as_bytes(), size).expect("plain");
            assert_eq!(got, want, "title {title}, chunks of {size}");
        }
        // Without the last line break.
        let trimmed = csv.trim_end_matches('\n');
        assert_eq!(scan::<TaskPayout>(trimmed.as_bytes(), 4_096).unwrap(), want);
    }
    let expected = EXPECTED.replace("=\"12\"", "12");
    let want = import_expected_compact("e.csv", expected.as_bytes())
        .unwrap()
        .unwrap();
    assert_eq!(scan::<TaskDue>(expected.as_bytes(), 1 << 20).unwrap(), want);
}

/// A chunk read after the header that is not UTF-8 ends the scan (`None`: the import then
/// reads the file, and names the bad bytes); the same chunk without it reads.
#[test]
fn a_later_chunk_that_is_not_utf8_ends_the_scan() {
    let csv = statement_csv(300, true);
    let cut = csv[..csv.len() / 2].rfind('\n').expect("a line break") + 1;
    let (head, tail) = csv.as_bytes().split_at(cut);
    let scanner = PlainScan::<TaskPayout>::start(head, false).expect("a plain head");
    let mut skip = scanner.header_lines();
    let mut lines = Vec::new();
    scanner
        .read(head, &mut skip, &mut lines)
        .expect("the head reads");
    let mut rest = Vec::new();
    scanner
        .read(tail, &mut 0, &mut rest)
        .expect("the tail reads");
    assert!(!lines.is_empty() && !rest.is_empty());
    // In the remark, a column the compact lines do not keep: only the UTF-8 check sees it.
    let remark = tail.len() - 2;
    for at in [remark, remark - 4] {
        let mut bad = tail.to_vec();
        bad[at] = 0xFF;
        assert_eq!(
            scanner.read(&bad, &mut 0, &mut Vec::new()),
            None,
            "byte {at}"
        );
    }
}

/// Whatever the scan gives up on, the import reads (or rejects) on its own terms.
#[test]
fn the_scan_gives_up_on_anything_but_a_plain_file() {
    let csv = statement_csv(300, true);
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(csv.as_bytes());
    let (gbk, _, _) = encoding_rs::GBK.encode(&csv);
    let late = |from: &str, to: &str| {
        let at = csv.rfind(from).unwrap();
        format!("{}{to}{}", &csv[..at], &csv[at + from.len()..])
    };
    for (what, bytes) in [
        ("a BOM", bom),
        ("GBK", gbk.into_owned()),
        ("CRLF", csv.replace('\n', "\r\n").into_bytes()),
        ("a late quote", late("备注299", "\"备注\"").into_bytes()),
        (
            "a late short row",
            late(",备注299", "").replace(",,,,\n", "\n").into_bytes(),
        ),
        ("a late bad amount", late("2026-", "x2026-").into_bytes()),
        (
            "a late non-numeric task",
            late(",7300", ",T7300").into_bytes(),
        ),
        (
            "a late value past the header",
            late("备注299", "备注299,x").into_bytes(),
        ),
        ("a late empty status", late("已结算", "").into_bytes()),
        ("a late byte that is not UTF-8", {
            let mut bytes = csv.clone().into_bytes();
            let at = bytes.len() - 4;
            bytes[at] = 0xFF;
            bytes
        }),
        ("no header", csv.replace("任务ID", "编号").into_bytes()),
    ] {
        assert_eq!(scan::<TaskPayout>(&bytes, 4_096), None, "{what}");
    }
    // Too few rows in the first chunk to be sure of the header: the full path.
    let short = statement_csv(30, true);
    let head = &short.as_bytes()[..=short[..600].rfind('\n').unwrap()];
    assert!(PlainScan::<TaskPayout>::start(head, false).is_none());
    assert!(PlainScan::<TaskPayout>::start(head, true).is_some());
}
