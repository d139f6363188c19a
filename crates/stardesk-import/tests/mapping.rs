//! Mapping profiles for layouts the synonyms don't cover, and the preview that builds them.

mod common;

use common::{d, day, sheet, xlsx, X};
use stardesk_import::{
    import_as, import_with_mapping, preview, preview_with_mapping, AnyImported, ColumnMapping,
    ColumnRef, FileKind, Format, HeaderRow, Problem, TextEncoding,
};

/// A platform-agency export with its own header names and a footer.
const AGENCY: &str = "机构结算导出\n\
                      单据,项目编号,实收（元）,日期,结果,达人\n\
                      JS1,T1,100.00,2026-03-05,已结算,小星\n\
                      JS2,T2,200.00,2026-03-06,已提现,小月\n\
                      合计,,300.00,,,\n";

fn agency_profile() -> ColumnMapping {
    ColumnMapping {
        skip_trailing_rows: 1,
        ..ColumnMapping::by_headers([
            ("statement_id", "单据"),
            ("task_id", "项目编号"),
            ("amount", "实收"),
            ("date", "日期"),
            ("status", "结果"),
        ])
    }
}

#[test]
fn a_header_profile_reads_a_foreign_layout_and_drops_the_footer() {
    let imported = import_with_mapping(
        FileKind::Statement,
        "agency.csv",
        AGENCY.as_bytes(),
        &agency_profile(),
    )
    .unwrap();
    let AnyImported::Statement(imported) = imported else {
        panic!("statement expected");
    };
    assert_eq!(imported.lines.len(), 2);
    assert_eq!(imported.lines[1].amount, d("200"));
    assert_eq!(imported.header_row, Some(2));
    assert_eq!(imported.ignored_columns, ["达人"]);

    // Without the footer skip, 合计 is a row like any other and fails on its empty date.
    let mut no_skip = agency_profile();
    no_skip.skip_trailing_rows = 0;
    let err = import_with_mapping(
        FileKind::Statement,
        "agency.csv",
        AGENCY.as_bytes(),
        &no_skip,
    )
    .unwrap_err();
    assert_eq!((err.row(), err.column()), (Some(5), Some("项目编号")));
}

#[test]
fn the_mapping_an_import_reports_reproduces_it() {
    let first = import_as::<stardesk_domain::reconcile::records::StatementLine>(
        "agency.csv",
        AGENCY.as_bytes(),
        &agency_profile(),
    )
    .unwrap();
    let saved = first.mapping.clone();
    assert_eq!((first.header_row, first.delimiter), (Some(2), Some(',')));
    // What was detected stays detected in the profile: next month may differ.
    assert_eq!(saved.header_row, HeaderRow::Auto);
    assert_eq!((saved.delimiter, saved.encoding), (None, None));
    assert_eq!(saved.skip_trailing_rows, 1);
    assert!(saved.columns.contains(&(
        "amount".to_owned(),
        ColumnRef::Header("实收（元）".to_owned())
    )));
    let again = import_as::<stardesk_domain::reconcile::records::StatementLine>(
        "agency.csv",
        AGENCY.as_bytes(),
        &saved,
    )
    .unwrap();
    assert_eq!(again.lines, first.lines);
}

#[test]
fn an_index_profile_reads_a_file_without_a_header() {
    let csv = "T1|2026-04-01|¥300.00\nT2||12\n";
    let mapping = ColumnMapping {
        delimiter: Some('|'),
        ..ColumnMapping::by_indexes([("task_id", 0), ("amount", 2), ("due_date", 1)])
    };
    let imported =
        import_with_mapping(FileKind::Expected, "raw.txt", csv.as_bytes(), &mapping).unwrap();
    let AnyImported::Expected(imported) = imported else {
        panic!()
    };
    assert_eq!(imported.header_row, None);
    assert_eq!(imported.lines.len(), 2);
    assert_eq!(imported.lines[0].due_date, Some(day(2026, 4, 1)));
    assert_eq!(imported.lines[1].amount, d("12"));

    // Errors in a headerless file name the column by its letter.
    let bad = "T1|2026-04-01|x\n";
    let err =
        import_with_mapping(FileKind::Expected, "raw.txt", bad.as_bytes(), &mapping).unwrap_err();
    assert_eq!(
        err.to_string(),
        "raw.txt: row 1, column \"C\": \"x\" is not an amount"
    );
}

#[test]
fn an_explicit_header_row_overrides_detection() {
    // Row 1 would match by synonyms too, but the profile says the header is row 3.
    let csv = "task_id,amount\nignored,0\ntask_id,amount\nT1,5\n";
    let mapping = ColumnMapping {
        header_row: HeaderRow::Row(3),
        ..ColumnMapping::default()
    };
    let imported =
        import_with_mapping(FileKind::Expected, "e.csv", csv.as_bytes(), &mapping).unwrap();
    assert_eq!(imported.len(), 1);

    let past_end = ColumnMapping {
        header_row: HeaderRow::Row(9),
        ..ColumnMapping::default()
    };
    let err =
        import_with_mapping(FileKind::Expected, "e.csv", csv.as_bytes(), &past_end).unwrap_err();
    assert_eq!(err.code(), "import.mapping");
}

#[test]
fn a_profile_missing_a_required_field_or_header_is_refused() {
    let incomplete = ColumnMapping::by_headers([("task_id", "项目编号")]);
    let err = import_with_mapping(
        FileKind::Statement,
        "agency.csv",
        AGENCY.as_bytes(),
        &incomplete,
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("required field \"statement_id\""),
        "{err}"
    );

    let mut renamed = agency_profile();
    renamed.columns[2].1 = ColumnRef::Header("净额".to_owned());
    let err = import_with_mapping(
        FileKind::Statement,
        "agency.csv",
        AGENCY.as_bytes(),
        &renamed,
    )
    .unwrap_err();
    assert_eq!(err.column(), Some("净额"));
    let Problem::MissingColumn { found, .. } = err.problem() else {
        panic!("{err}")
    };
    assert!(found.contains(&"实收（元）".to_owned()));
}

#[test]
fn preview_guesses_what_it_can_and_lists_what_is_missing() {
    let preview = preview(FileKind::Statement, "agency.csv", AGENCY.as_bytes(), 2).unwrap();
    assert_eq!(preview.encoding, "UTF-8");
    assert_eq!(
        preview.format,
        Format::Csv {
            encoding: TextEncoding::Utf8
        }
    );
    // No row has the statement headers: the first non-blank row stands in as the header.
    assert_eq!(preview.header_row, Some(1));
    assert_eq!(preview.headers, ["机构结算导出"]);
    assert_eq!(
        preview.missing_required,
        ["statement_id", "task_id", "amount", "date", "status"]
    );

    // With the header row given, the standard 日期 is still not a synonym, but the rows
    // show.
    let at_row_2 = ColumnMapping {
        header_row: HeaderRow::Row(2),
        ..ColumnMapping::default()
    };
    let preview = preview_with_mapping(
        FileKind::Statement,
        "agency.csv",
        AGENCY.as_bytes(),
        &at_row_2,
        10,
    )
    .unwrap();
    assert_eq!(
        preview.headers,
        ["单据", "项目编号", "实收（元）", "日期", "结果", "达人"]
    );
    assert_eq!(preview.rows.len(), 3);
    assert_eq!(preview.rows[0][0], "JS1");

    // With the full profile nothing is missing, and the guess is the profile resolved.
    let preview = preview_with_mapping(
        FileKind::Statement,
        "agency.csv",
        AGENCY.as_bytes(),
        &agency_profile(),
        1,
    )
    .unwrap();
    assert!(preview.missing_required.is_empty());
    assert_eq!(
        preview.rows,
        [["JS1", "T1", "100.00", "2026-03-05", "已结算", "小星"]]
    );
    assert_eq!(preview.header_row, Some(2));
    assert_eq!(preview.delimiter, Some(','));
}

#[test]
fn preview_of_a_standard_workbook_needs_no_mapping() {
    let bytes = xlsx(&[
        sheet("封面", vec![vec![X::S("说明")]]),
        sheet(
            "流水",
            vec![
                vec![X::S("交易日期"), X::S("收入金额"), X::S("对方户名")],
                vec![X::Date(2026, 3, 5), X::N(1234.5), X::S("甲")],
            ],
        ),
    ]);
    let on_sheet = ColumnMapping {
        sheet: Some("流水".to_owned()),
        ..ColumnMapping::default()
    };
    let preview = preview_with_mapping(FileKind::Bank, "b.xlsx", &bytes, &on_sheet, 5).unwrap();
    assert_eq!(preview.sheets, ["封面", "流水"]);
    assert!(preview.missing_required.is_empty());
    assert_eq!(preview.rows, [["2026-03-05", "1234.5", "甲"]]);
    assert_eq!(preview.sheet.as_deref(), Some("流水"));
    assert_eq!(preview.guessed_mapping.sheet.as_deref(), Some("流水"));
    assert_eq!(
        preview.guessed_mapping.columns,
        [
            ("date".to_owned(), ColumnRef::Header("交易日期".to_owned())),
            (
                "amount".to_owned(),
                ColumnRef::Header("收入金额".to_owned())
            ),
            (
                "counterparty".to_owned(),
                ColumnRef::Header("对方户名".to_owned())
            ),
        ]
    );
}

/// A bank profile that names its columns but not the direction, saved before StarDesk
/// read one (the store asks for `direction` by header then): the 借贷标志 column is still
/// read by its header, so a debit of an unsigned file is not taken for a credit. A mapping
/// that does not ask leaves the column out, as its user chose.
#[test]
fn a_bank_profile_from_before_the_direction_still_reads_the_direction_column() {
    let csv = "记账日,发生额,借贷标志,对手户名,用途\n\
               2026-03-05,1000.00,贷,星图科技,结算\n\
               2026-03-06,300.00,借,房东,房租\n";
    let legacy = |pairs: &[(&'static str, &'static str)]| ColumnMapping {
        also_by_header: vec!["direction".to_owned()],
        ..ColumnMapping::by_headers(pairs.iter().copied())
    };
    let bank = |name: &str, csv: &str, mapping: &ColumnMapping| match import_with_mapping(
        FileKind::Bank,
        name,
        csv.as_bytes(),
        mapping,
    )
    .unwrap()
    {
        AnyImported::Bank(imported) => imported,
        _ => panic!("bank expected"),
    };
    let columns = [
        ("date", "记账日"),
        ("amount", "发生额"),
        ("counterparty", "对手户名"),
        ("memo", "用途"),
    ];
    let imported = bank("bank.csv", csv, &legacy(&columns));
    let amounts: Vec<_> = imported.lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [d("1000"), d("-300")]);
    assert!(
        imported.ignored_columns.is_empty(),
        "{:?}",
        imported.ignored_columns
    );
    assert!(imported.mapping.columns.contains(&(
        "direction".to_owned(),
        ColumnRef::Header("借贷标志".to_owned())
    )));

    // A mapping that leaves the direction out on purpose: a 交易方向 column of other words
    // is not read (it would be refused as a direction).
    let csv = "记账日,发生额,交易方向\n2026-03-05,1000.00,转账\n";
    let chosen = ColumnMapping::by_headers([("date", "记账日"), ("amount", "发生额")]);
    let imported = bank("chosen.csv", csv, &chosen);
    assert_eq!(imported.lines[0].amount, d("1000"));
    assert_eq!(imported.ignored_columns, ["交易方向"]);

    // A column the profile gives another field is not taken for the direction; when the
    // first direction header is another field's, a later one is still found.
    for (csv, counterparty, amount) in [
        (
            "记账日,发生额,借贷\n2026-03-05,1000.00,星图科技\n",
            "借贷",
            "1000",
        ),
        (
            "记账日,发生额,借贷标志,收支方向\n2026-03-05,1000.00,星图科技,支出\n",
            "借贷标志",
            "-1000",
        ),
    ] {
        let profile = legacy(&[
            ("date", "记账日"),
            ("amount", "发生额"),
            ("counterparty", counterparty),
        ]);
        let imported = bank("odd.csv", csv, &profile);
        assert_eq!(imported.lines[0].amount, d(amount), "{csv}");
        assert_eq!(imported.lines[0].counterparty, "星图科技", "{csv}");
    }

    // Only an optional field of the kind can be asked for: a required one would quietly
    // become optional, an unknown one would be nothing.
    for asked in ["amount", "nonsense"] {
        let mapping = ColumnMapping {
            also_by_header: vec![asked.to_owned()],
            ..ColumnMapping::by_headers(columns)
        };
        let err = import_with_mapping(FileKind::Bank, "b.csv", CSV_OK.as_bytes(), &mapping)
            .expect_err(asked);
        assert!(err.to_string().contains(asked), "{err}");
    }
}

const CSV_OK: &str = "记账日,发生额,对手户名,用途\n2026-03-05,1.00,甲,乙\n";
