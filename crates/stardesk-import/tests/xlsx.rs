//! Workbooks: typed cells, sheets, title rows, offsets, and broken files.

mod common;

use common::{d, day, sheet, xlsx, SheetSpec, X};
use stardesk_domain::reconcile::records::PayoutStatus;
use stardesk_import::{
    detect_format, import_bank, import_expected, import_statement, import_with_mapping,
    ColumnMapping, FileKind, Format, Problem,
};

fn statement_sheet() -> Vec<Vec<X>> {
    vec![
        vec![
            X::S("结算单号"),
            X::S("任务ID"),
            X::S("结算金额"),
            X::S("结算日期"),
            X::S("状态"),
            X::S("服务费"),
        ],
        vec![
            X::S("JS001"),
            X::N(1_234_567_890_123.0),
            X::N(1234.5),
            X::Date(2026, 3, 5),
            X::S("已结算"),
            X::N(61.73),
        ],
        vec![
            X::S("JS002"),
            X::S("T1002"),
            X::S("¥1,000.00"),
            X::DateTime(2026, 3, 6, 14, 22, 1),
            X::S("提现中"),
            X::Blank,
        ],
    ]
}

/// A 19-digit platform id in a number cell (Excel's default when it opens a CSV) has lost
/// its last digits: refused, naming the row and column, rather than stored as another id.
#[test]
fn an_id_too_long_for_an_excel_number_is_refused() {
    let mut rows = statement_sheet();
    rows[2][1] = X::N(7_300_000_000_000_000_123.0);
    let err = import_statement("statement.xlsx", &xlsx(&[sheet("结算单", rows)])).unwrap_err();
    assert_eq!(err.row(), Some(3), "{err}");
    assert_eq!(err.column(), Some("任务ID"), "{err}");
    assert!(
        matches!(err.problem(), Problem::NumberTooLong { value } if value.starts_with("73")),
        "{err}"
    );
    // 15 digits are kept whole.
    let mut rows = statement_sheet();
    rows[2][1] = X::N(999_999_999_999_999.0);
    let imported = import_statement("statement.xlsx", &xlsx(&[sheet("结算单", rows)])).unwrap();
    assert_eq!(imported.lines[1].task_id, "999999999999999");
}

#[test]
fn numeric_and_date_cells_become_exact_decimals_and_dates() {
    let bytes = xlsx(&[sheet("结算单", statement_sheet())]);
    assert_eq!(
        detect_format("statement.xlsx", &bytes).unwrap(),
        Format::Xlsx
    );
    let imported = import_statement("statement.xlsx", &bytes).unwrap();
    assert_eq!(imported.encoding, "XLSX");
    assert_eq!(imported.sheet.as_deref(), Some("结算单"));
    let [first, second] = imported.lines.as_slice() else {
        panic!("two lines expected: {:?}", imported.lines);
    };
    // 1234.5 stored as a binary float comes out exactly 1234.50, scale and all.
    assert_eq!(first.amount.to_string(), "1234.50");
    assert_eq!(first.fee, Some(d("61.73")));
    // A numeric id keeps all its digits and no ".0".
    assert_eq!(first.task_id, "1234567890123");
    assert_eq!(first.date, day(2026, 3, 5));
    assert_eq!(first.status, PayoutStatus::Settled);
    // A date-time cell gives its date; a blank optional cell gives None.
    assert_eq!(second.date, day(2026, 3, 6));
    assert_eq!(second.amount, d("1000"));
    assert_eq!(second.fee, None);
    assert_eq!(second.status, PayoutStatus::Withdrawing);
}

#[test]
fn the_same_statement_as_csv_and_xlsx_has_the_same_keys() {
    let from_xlsx = import_statement("s.xlsx", &xlsx(&[sheet("S", statement_sheet())])).unwrap();
    let csv = "结算单号,任务ID,结算金额,结算日期,状态,服务费\n\
               JS001,1234567890123,1234.50,2026/3/5,已结算,61.73\n\
               JS002,T1002,1000,2026-03-06 14:22:01,提现中,\n";
    let from_csv = import_statement("s.csv", csv.as_bytes()).unwrap();
    assert_eq!(from_xlsx.lines, from_csv.lines);
}

#[test]
fn title_rows_and_a_table_not_starting_at_column_a() {
    let spec = SheetSpec {
        name: "明细",
        origin: (0, 1),
        rows: vec![
            vec![X::S("招商银行交易流水")],
            vec![X::S("账号：6214 **** 0001"), X::Blank, X::S("币种：人民币")],
            vec![],
            vec![
                X::S("记账日期"),
                X::S("贷方金额"),
                X::S("对方户名"),
                X::S("用途"),
            ],
            vec![
                X::N(20260305.0),
                X::N(5000.0),
                X::S("某某文化传媒有限公司"),
                X::S("3月结算"),
            ],
            vec![X::N(46087.0), X::S("abc"), X::S("x"), X::S("y")],
        ],
    };
    let bytes = xlsx(&[spec]);
    let err = import_bank("bank.xlsx", &bytes).unwrap_err();
    // Rows and headers as the spreadsheet shows them: header in row 4, bad cell in row 6.
    assert_eq!(err.row(), Some(6));
    assert_eq!(err.column(), Some("贷方金额"));
    assert_eq!(err.value(), Some("abc"));
    assert_eq!(
        err.to_string(),
        "bank.xlsx: row 6, column \"贷方金额\": \"abc\" is not an amount"
    );

    let ok = SheetSpec {
        name: "明细",
        origin: (0, 1),
        rows: vec![
            vec![X::S("招商银行交易流水")],
            vec![
                X::S("记账日期"),
                X::S("贷方金额"),
                X::S("对方户名"),
                X::S("用途"),
            ],
            // yyyymmdd typed as a number, and an unformatted serial day.
            vec![
                X::N(20260305.0),
                X::N(5000.0),
                X::S("某某文化传媒有限公司"),
                X::S("3月结算"),
            ],
            vec![X::N(46087.0), X::N(0.1), X::S("x"), X::S("y")],
        ],
    };
    let imported = import_bank("bank.xlsx", &xlsx(&[ok])).unwrap();
    assert_eq!(imported.header_row, Some(2));
    assert_eq!(imported.lines[0].date, day(2026, 3, 5));
    assert_eq!(imported.lines[0].amount, d("5000"));
    assert_eq!(imported.lines[0].memo, "3月结算");
    assert_eq!(imported.lines[1].date, day(2026, 3, 6));
    assert_eq!(imported.lines[1].amount.to_string(), "0.10");
}

#[test]
fn a_named_sheet_is_read_and_a_missing_one_lists_the_sheets() {
    let bytes = xlsx(&[
        sheet("说明", vec![vec![X::S("本表由系统导出")]]),
        sheet(
            "应收",
            vec![
                vec![X::S("任务ID"), X::S("应收金额"), X::S("应付日期")],
                vec![X::S("T1"), X::N(300.0), X::Date(2026, 4, 1)],
            ],
        ),
    ]);
    // The first sheet has no header.
    let err = import_expected("expected.xlsx", &bytes).unwrap_err();
    assert!(
        matches!(err.problem(), Problem::MissingColumn { .. }),
        "{err}"
    );

    let on_sheet = ColumnMapping {
        sheet: Some("应收".to_owned()),
        ..ColumnMapping::default()
    };
    let imported =
        import_with_mapping(FileKind::Expected, "expected.xlsx", &bytes, &on_sheet).unwrap();
    assert_eq!(imported.len(), 1);

    let wrong = ColumnMapping {
        sheet: Some("Sheet9".to_owned()),
        ..ColumnMapping::default()
    };
    let err = import_with_mapping(FileKind::Expected, "expected.xlsx", &bytes, &wrong).unwrap_err();
    assert_eq!(
        *err.problem(),
        Problem::NoSuchSheet {
            sheet: "Sheet9".to_owned(),
            available: vec!["说明".to_owned(), "应收".to_owned()],
        }
    );
}

#[test]
fn a_bad_date_cell_names_row_column_and_value() {
    let bytes = xlsx(&[sheet(
        "S",
        vec![
            vec![X::S("task_id"), X::S("amount"), X::S("due_date")],
            vec![X::S("T1"), X::N(1.0), X::S("2026-3-5")],
            vec![X::S("T2"), X::N(2.0), X::S("next week")],
        ],
    )]);
    let err = import_expected("e.xlsx", &bytes).unwrap_err();
    assert_eq!(
        err.to_string(),
        "e.xlsx: row 3, column \"due_date\": \"next week\" is not a date"
    );
}

#[test]
fn non_workbook_bytes_named_xlsx_are_refused() {
    let err = import_statement("statement.xlsx", b"statement_id,amount\n1,2\n").unwrap_err();
    assert!(matches!(err.problem(), Problem::NotExcel { .. }), "{err}");
    assert_eq!(err.file_name(), "statement.xlsx");
    assert_eq!(err.code(), "import.not_excel");

    // A ZIP signature followed by garbage: calamine's own error, still `NotExcel`.
    let err = import_statement("statement.xlsx", b"PK\x03\x04 definitely not a zip").unwrap_err();
    assert!(matches!(err.problem(), Problem::NotExcel { .. }), "{err}");

    let err = import_statement("empty.xlsx", b"").unwrap_err();
    assert!(matches!(err.problem(), Problem::NotExcel { .. }), "{err}");
}

#[test]
fn an_empty_sheet_is_an_empty_file() {
    let bytes = xlsx(&[sheet("S", vec![])]);
    let err = import_statement("blank.xlsx", &bytes).unwrap_err();
    assert_eq!(*err.problem(), Problem::Empty);
}
