//! Large files: a million rows, and the multi-threaded CSV path agreeing with the
//! single-threaded one (rows, keys and error positions).

use std::fmt::Write as _;

use stardesk_import::import_expected;

fn expected_csv(rows: usize, blank_every: usize, crlf: bool) -> String {
    let eol = if crlf { "\r\n" } else { "\n" };
    let mut csv = format!("应收明细导出{eol}{eol}task_id,amount,due_date{eol}");
    for i in 0..rows {
        write!(
            csv,
            "T{i:08},{}.{:02},2026-{:02}-{:02}{eol}",
            100 + i % 5000,
            i % 100,
            1 + i % 12,
            1 + i % 28
        )
        .unwrap();
        if blank_every > 0 && i % blank_every == 0 {
            csv.push_str(eol);
        }
    }
    csv
}

/// The benchmark's shape. `examples/million.rs` does this and a million statement rows in
/// release mode, with timings.
#[test]
fn a_million_expected_rows_import() {
    let csv = expected_csv(1_000_000, 0, false);
    let imported = import_expected("million.csv", csv.as_bytes()).unwrap();
    assert_eq!(imported.lines.len(), 1_000_000);
}

#[test]
fn chunked_reading_matches_one_pass_reading() {
    for crlf in [false, true] {
        // Over the 4 MiB threshold, with blank lines scattered through every chunk.
        let csv = expected_csv(200_000, 997, crlf);
        assert!(csv.len() > 4 << 20);
        let chunked = import_expected("big.csv", csv.as_bytes()).unwrap();
        // One quote anywhere forces the single-pass reader; a quoted header cell reads
        // the same.
        let quoted = csv.replacen("task_id", "\"task_id\"", 1);
        let single = import_expected("big.csv", quoted.as_bytes()).unwrap();
        assert_eq!(chunked.lines.len(), 200_000);
        assert_eq!(chunked.lines, single.lines);
    }
}

#[test]
fn an_error_late_in_a_chunked_file_names_the_row_a_spreadsheet_shows() {
    for crlf in [false, true] {
        let csv = expected_csv(200_000, 997, crlf);
        let eol = if crlf { "\r\n" } else { "\n" };
        // Break the row of task T00190000, near the end.
        let bad = csv.replacen("T00190000,", "T00190000,x", 1);
        let chunked = import_expected("big.csv", bad.as_bytes()).unwrap_err();
        let single = import_expected(
            "big.csv",
            bad.replacen("task_id", "\"task_id\"", 1).as_bytes(),
        )
        .unwrap_err();
        assert_eq!(chunked, single);
        // Expected row: 3 lines of title/blank/header, 190000 data rows before it, and a
        // blank line after every row whose index is a multiple of 997 (0, 997, ...).
        let blanks_before = 190_000usize.div_ceil(997);
        assert_eq!(
            chunked.row(),
            Some(3 + 190_000 + blanks_before + 1),
            "{eol:?}"
        );
        assert_eq!(chunked.column(), Some("amount"));
    }
}
