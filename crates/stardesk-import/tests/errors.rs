//! Malformed files: each error names the file, the row, the column and the value.

use stardesk_import::{
    import_bank, import_expected, import_statement, import_with_mapping, ColumnMapping, FileKind,
    ImportError, Problem,
};

const HEADER: &str = "结算单号,任务ID,结算金额,结算日期,状态\n";

fn statement_with(bad_row: &str) -> String {
    // Header in row 1, five good rows (2..6), the bad one in row 7.
    let mut csv = HEADER.to_owned();
    for i in 0..5 {
        csv.push_str(&format!("JS{i},T{i},100.00,2026-03-05,已结算\n"));
    }
    csv.push_str(bad_row);
    csv.push_str("\nJS9,T9,1,2026-03-06,已结算\n");
    csv
}

fn fail(csv: &str) -> ImportError {
    import_statement("statement.csv", csv.as_bytes()).unwrap_err()
}

#[test]
fn a_bad_amount_names_file_row_column_and_value() {
    let err = fail(&statement_with("JS6,T6,\"12,34x\",2026-03-05,已结算"));
    assert_eq!(
        err.to_string(),
        "statement.csv: row 7, column \"结算金额\": \"12,34x\" is not an amount"
    );
    assert_eq!(err.file_name(), "statement.csv");
    assert_eq!(err.row(), Some(7));
    assert_eq!(err.column(), Some("结算金额"));
    assert_eq!(err.value(), Some("12,34x"));
    assert_eq!(err.code(), "import.bad_amount");
}

#[test]
fn a_misgrouped_amount_is_not_read_as_a_different_number() {
    // `12,34` is most likely a decimal comma; reading it as 1234 would be a 100x error.
    let err = fail(&statement_with("JS6,T6,\"12,34\",2026-03-05,已结算"));
    assert_eq!(err.value(), Some("12,34"));
}

#[test]
fn a_bad_date_names_its_cell() {
    let err = fail(&statement_with("JS6,T6,1,2026-02-30,已结算"));
    assert_eq!(
        err.to_string(),
        "statement.csv: row 7, column \"结算日期\": \"2026-02-30\" is not a date"
    );
}

#[test]
fn an_empty_required_cell_names_its_cell() {
    let err = fail(&statement_with("JS6,,1,2026-03-05,已结算"));
    assert_eq!((err.row(), err.column()), (Some(7), Some("任务ID")));
    assert_eq!(*err.problem(), Problem::EmptyCell);
    assert_eq!(err.value(), Some(""));
}

#[test]
fn a_missing_column_is_named_with_the_headers_found() {
    let csv = "结算单号,任务ID,金额,结算日期,状态\nJS1,T1,1,2026-03-05,已结算\n";
    let err = fail(csv);
    assert_eq!(err.row(), Some(1));
    assert_eq!(err.column(), Some("结算金额"));
    let Problem::MissingColumn {
        field,
        found,
        accepted,
    } = err.problem()
    else {
        panic!("{err}");
    };
    assert_eq!(*field, "amount");
    assert_eq!(found, &["结算单号", "任务ID", "金额", "结算日期", "状态"]);
    assert!(accepted.iter().any(|a| a == "结算金额"));
    let text = err.to_string();
    assert!(
        text.starts_with("statement.csv: row 1, column \"结算金额\": required column not found"),
        "{text}"
    );
    assert!(
        text.contains("headers found: \"结算单号\", \"任务ID\", \"金额\""),
        "{text}"
    );
}

#[test]
fn a_short_row_names_the_row_and_the_first_missing_column() {
    let err = fail(&statement_with("JS6,T6,1"));
    assert_eq!(err.row(), Some(7));
    assert_eq!(err.column(), Some("结算日期"));
    assert_eq!(
        *err.problem(),
        Problem::ShortRow {
            cells: 3,
            expected: 5
        }
    );
    assert_eq!(
        err.to_string(),
        "statement.csv: row 7, column \"结算日期\": row has 3 cells but the header has 5"
    );
}

#[test]
fn an_unquoted_comma_that_overflows_the_header_is_caught() {
    // The memo column is last, so an unquoted comma spills one cell past the header.
    let csv = "交易日期,收入金额,摘要\n2026-03-05,100,服务费,3月\n";
    let err = import_bank("bank.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(err.row(), Some(2));
    assert_eq!(err.column(), Some("D"));
    assert_eq!(err.value(), Some("3月"));
}

#[test]
fn an_unquoted_thousands_separator_whose_spill_is_an_empty_cell_is_caught() {
    // The last value is empty, so the amount's "1" and "234.50" push only an empty cell
    // past the header: read as it stands, ¥1.00 and a memo of "234.50".
    let one_line = "交易日期,收入金额,摘要\n2026-03-04,88.00,利息\n2026-03-05,1,234.50,\n";
    // Every line ends with a delimiter, the header too.
    let trailing = "交易日期,收入金额,摘要,\n2026-03-05,1,234.50,工资,\n";
    for csv in [one_line, trailing] {
        let err = import_bank("bank.csv", csv.as_bytes()).unwrap_err();
        assert_eq!(err.row(), Some(csv.lines().count()), "{err}");
        assert_eq!(err.column(), Some("收入金额"), "{err}");
        assert_eq!(
            *err.problem(),
            Problem::SplitAmount {
                left: "1".into(),
                right: "234.50".into()
            }
        );
        assert!(err.to_string().contains("quote the amount"), "{err}");
    }
    // A line ending with a delimiter and nothing split is read as it is.
    let fine = "交易日期,收入金额,摘要\n2026-03-05,1234.50,工资,\n2026-03-06,\"1,234.50\",,\n";
    let imported = import_bank("bank.csv", fine.as_bytes()).expect("trailing delimiters");
    assert_eq!(imported.lines.len(), 2);
    // Only a pair starting in an amount's column: a serial number before the amount is
    // read as it is.
    let numbered = "交易日期,序号,收入金额,摘要\n2026-03-05,1,500.00,工资,\n";
    let imported = import_bank("bank.csv", numbered.as_bytes()).expect("a serial number");
    assert_eq!(imported.lines[0].amount.to_string(), "500.00");
}

#[test]
fn an_empty_file_has_no_header() {
    for bytes in [&b""[..], b"\n\n  \r\n", b"\xEF\xBB\xBF"] {
        let err = import_statement("empty.csv", bytes).unwrap_err();
        assert_eq!(*err.problem(), Problem::Empty, "{bytes:?}");
        assert_eq!(
            err.to_string(),
            "empty.csv: the file is empty: no header row"
        );
    }
}

#[test]
fn an_unclosed_quote_names_the_row_where_it_opened() {
    let err = fail(&statement_with("JS6,T6,\"100.00,2026-03-05,已结算"));
    assert_eq!(err.row(), Some(7), "{err}");
    assert!(matches!(err.problem(), Problem::MalformedCsv { .. }));
    assert!(err.to_string().contains("never closed"), "{err}");
}

#[test]
fn text_after_a_closing_quote_is_malformed() {
    let err = fail(&statement_with("JS6,\"T6\"x,1,2026-03-05,已结算"));
    assert_eq!(err.row(), Some(7));
    assert_eq!(err.code(), "import.malformed_csv");
}

#[test]
fn quoted_values_with_line_breaks_keep_later_row_numbers_right() {
    let csv = "task_id,amount,due_date\n\"T\n1\",1,2026-03-05\nT2,x,2026-03-05\n";
    let err = import_expected("e.csv", csv.as_bytes()).unwrap_err();
    // A spreadsheet shows the two-line value as one row (2), so the bad amount is row 3.
    assert_eq!(err.row(), Some(3));
}

#[test]
fn both_credit_and_debit_on_one_line_is_refused() {
    let csv = "交易日期,收入金额,支出金额\n2026-03-05,100,20\n";
    let err = import_bank("b.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(err.row(), Some(2));
    assert_eq!(err.column(), Some("收入金额"));
    assert_eq!(
        *err.problem(),
        Problem::CreditAndDebit {
            credit: "100".to_owned(),
            debit: "20".to_owned()
        }
    );
}

#[test]
fn a_direction_the_reader_does_not_know_is_refused_at_its_cell() {
    let csv = "交易日期,交易金额,借贷标志\n2026-03-05,100,贷\n2026-03-06,20,转账\n";
    let err = import_bank("b.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(err.row(), Some(3));
    assert_eq!(err.column(), Some("借贷标志"));
    assert_eq!(err.code(), "import.bad_direction");
    assert_eq!(
        *err.problem(),
        Problem::NotADirection {
            value: "转账".to_owned()
        }
    );
    assert_eq!(err.value(), Some("转账"));
}

/// 贷 with a negative amount means the columns were mapped wrong (or the bank signs and
/// flags at once and the two disagree): refused rather than guessed.
#[test]
fn money_in_with_a_negative_amount_is_refused() {
    let csv = "交易日期,交易金额,借贷标志\n2026-03-05,-100.00,贷\n";
    let err = import_bank("b.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(err.row(), Some(2));
    assert_eq!(err.column(), Some("借贷标志"));
    assert_eq!(
        *err.problem(),
        Problem::DirectionAgainstSign {
            direction: "贷".to_owned(),
            amount: "-100.00".to_owned()
        }
    );
    assert_eq!(
        err.to_string(),
        "b.csv: row 2, column \"借贷标志\": the direction \"贷\" says money came in, but the \
         amount \"-100.00\" is negative"
    );
}

#[test]
fn a_mapping_naming_an_unknown_field_is_refused_before_reading() {
    let mapping = ColumnMapping::by_headers([("task_id", "任务"), ("amout", "金额")]);
    let err = import_with_mapping(FileKind::Expected, "e.csv", b"", &mapping).unwrap_err();
    assert_eq!(err.code(), "import.mapping");
    assert!(err.to_string().contains("unknown field \"amout\""), "{err}");
}
