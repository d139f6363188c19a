//! Columns found by header: languages, case, spacing, order, extras, titles, delimiters.

mod common;

use common::{d, day};
use stardesk_domain::reconcile::records::PayoutStatus;
use stardesk_import::{
    import_bank, import_expected, import_invoices, import_statement, FileKind, HEADER_SCAN_ROWS,
};

#[test]
fn english_and_chinese_headers_read_the_same_lines() {
    let english = "statement_id,task_id,amount,date,status\nJS1,T1,100,2026-03-05,settled\n";
    let chinese = "结算单号,任务ID,结算金额,结算日期,状态\nJS1,T1,100,2026-03-05,已结算\n";
    let a = import_statement("en.csv", english.as_bytes()).unwrap();
    let b = import_statement("zh.csv", chinese.as_bytes()).unwrap();
    assert_eq!(a.lines, b.lines);
    assert_eq!(a.lines[0].status, PayoutStatus::Settled);
}

#[test]
fn case_spacing_colons_and_units_are_ignored() {
    let csv = " Statement ID ,TASK_ID,结算金额（元）：,Date:,  状\u{3000}态\u{3000}\n\
               JS1,T1,100,2026-03-05,Withdrawn\n";
    let imported = import_statement("s.csv", csv.as_bytes()).unwrap();
    let line = &imported.lines[0];
    assert_eq!(line.statement_id, "JS1");
    assert_eq!(line.amount, d("100"));
    assert_eq!(line.status, PayoutStatus::Withdrawn);
}

#[test]
fn column_order_is_free_and_extra_columns_are_reported() {
    let csv = "备注,状态,结算日期,达人昵称,结算金额,任务ID,结算单号,税前金额,代扣个税\n\
               无,已提现,2026-03-05,小星,80.00,T1,JS1,100.00,20.00\n";
    let imported = import_statement("s.csv", csv.as_bytes()).unwrap();
    let line = &imported.lines[0];
    assert_eq!(
        (line.statement_id.as_str(), line.task_id.as_str()),
        ("JS1", "T1")
    );
    assert_eq!(line.amount, d("80"));
    assert_eq!(line.gross, Some(d("100")));
    assert_eq!(line.tax, Some(d("20")));
    assert_eq!(line.fee, None);
    assert_eq!(imported.ignored_columns, ["备注", "达人昵称"]);
}

#[test]
fn bank_synonyms_and_the_date_column_wins_over_the_time_column() {
    // 交易时间 comes first and holds only a time; 交易日期 outranks it as the date.
    let csv = "交易时间,交易日期,凭证号,贷方发生额,对方名称,附言\n\
               14:22:01,20260305,V001,\"2,500.00\",某某MCN有限公司,星图任务款\n";
    let imported = import_bank("b.csv", csv.as_bytes()).unwrap();
    let line = &imported.lines[0];
    assert_eq!(line.date, day(2026, 3, 5));
    assert_eq!(line.txn_id, "V001");
    assert_eq!(line.amount, d("2500"));
    assert_eq!(line.counterparty, "某某MCN有限公司");
    assert_eq!(line.memo, "星图任务款");
    assert_eq!(imported.ignored_columns, ["交易时间"]);
}

#[test]
fn split_credit_and_debit_columns_give_signed_amounts() {
    let csv = "交易日期,收入金额,支出金额,对方户名,摘要\n\
               2026-03-05,1000.00,,甲公司,结算\n\
               2026-03-06,,300.00,乙,转出\n\
               2026-03-07,0.00,45.50,丙,手续费\n";
    let imported = import_bank("b.csv", csv.as_bytes()).unwrap();
    let amounts: Vec<_> = imported.lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [d("1000"), d("-300"), d("-45.5")]);
    // Without a transaction-id column the id is empty, and lines are told apart by content.
    assert!(imported.lines.iter().all(|l| l.txn_id.is_empty()));
}

/// A bank that prints every amount unsigned says in a column of its own (借贷标志) which
/// way the money went: a depositor's 借 is money out, 贷 money in. Without reading it, a
/// rent payment would be a credit the reconciliation could match to a payout.
#[test]
fn a_direction_column_signs_unsigned_amounts() {
    let csv = "交易日期,交易金额,借贷标志,对方户名,摘要\n\
               2026-03-05,1000.00,贷,甲公司,结算\n\
               2026-03-06,300.00,借,乙,房租\n\
               2026-03-07,45.50,支出,丙,手续费\n\
               2026-03-08,12.00, 收入 ,丁,退款\n\
               2026-03-09,-8.00,借方,戊,扣费\n\
               2026-03-10,66.00,,己,未标明\n\
               2026-03-11,20.00,-,庚,占位\n\
               2026-03-12,0.00,借,辛,零\n\
               2026-03-13,15.00,流出,壬,流向\n";
    let imported = import_bank("b.csv", csv.as_bytes()).unwrap();
    let amounts: Vec<_> = imported.lines.iter().map(|l| l.amount).collect();
    assert_eq!(
        amounts,
        [
            d("1000"),
            d("-300"),
            d("-45.5"),
            d("12"),
            d("-8"),
            d("66"),
            d("20"),
            d("0"),
            d("-15")
        ]
    );
    // "-" is a placeholder, not money out; a zero stays a plain zero (no "-0.00").
    assert!(!imported.lines[7].amount.is_sign_negative());
    assert!(
        imported.ignored_columns.is_empty(),
        "{:?}",
        imported.ignored_columns
    );
    // English exports: Dr/Cr.
    let csv = "Transaction date,Amount,Dr/Cr\n2026-03-05,10.00,CR\n2026-03-06,4.00,Dr\n";
    let imported = import_bank("en.csv", csv.as_bytes()).unwrap();
    let amounts: Vec<_> = imported.lines.iter().map(|l| l.amount).collect();
    assert_eq!(amounts, [d("10"), d("-4")]);
}

#[test]
fn title_lines_above_the_header_are_skipped_and_rows_still_count() {
    let csv = "中国建设银行个人活期账户交易明细\n\
               账号,6217000000000000001\n\
               起止日期,2026-03-01 至 2026-03-31\n\
               \n\
               交易日期,交易金额,对方户名,摘要,交易流水号\n\
               2026-03-05,1200.00,某公司,结算,A1\n\
               2026-03-06,oops,某公司,结算,A2\n";
    let err = import_bank("ccb.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(err.row(), Some(7), "{err}");
    let fixed = csv.replace("oops", "-50");
    let imported = import_bank("ccb.csv", fixed.as_bytes()).unwrap();
    assert_eq!(imported.header_row, Some(5));
    assert_eq!(imported.lines.len(), 2);
    assert_eq!(imported.lines[1].amount, d("-50"));
}

#[test]
fn the_header_must_be_within_the_first_rows() {
    let mut csv = String::new();
    for i in 0..HEADER_SCAN_ROWS {
        csv.push_str(&format!("title line {i}\n"));
    }
    csv.push_str("task_id,amount\nT1,1\n");
    let err = import_expected("late.csv", csv.as_bytes()).unwrap_err();
    assert!(
        matches!(
            err.problem(),
            stardesk_import::Problem::MissingColumn { .. }
        ),
        "{err}"
    );
    let within = csv.replacen("title line 0\n", "", 1);
    assert_eq!(
        import_expected("ok.csv", within.as_bytes())
            .unwrap()
            .lines
            .len(),
        1
    );
}

#[test]
fn tab_and_semicolon_delimiters_are_detected_from_the_header() {
    // Commas in the amounts must not make the comma win.
    let tsv = "任务ID\t应收金额\t应付日期\nT1\t1,234.50\t2026-04-01\n";
    let imported = import_expected("e.tsv", tsv.as_bytes()).unwrap();
    assert_eq!(imported.delimiter, Some('\t'));
    assert_eq!(imported.lines[0].amount, d("1234.5"));

    let ssv = "task_id;amount;due_date\nT1;12.30;\n";
    let imported = import_expected("e.csv", ssv.as_bytes()).unwrap();
    assert_eq!(imported.delimiter, Some(';'));
    assert_eq!(imported.lines[0].due_date, None);
}

#[test]
fn a_header_only_file_imports_zero_lines() {
    let imported = import_invoices("inv.csv", "结算单号,寄出日期,快递单号\n".as_bytes()).unwrap();
    assert!(imported.lines.is_empty());
    assert_eq!(imported.header_row, Some(1));
}

#[test]
fn blank_and_comma_only_rows_are_skipped() {
    let csv = "结算单号,寄出日期,快递单号\r\n\r\nJS1,2026-03-05,SF123\r\n,,\r\n  ,\t, \r\nJS2,2026-03-06,SF124\r\n";
    let imported = import_invoices("inv.csv", csv.as_bytes()).unwrap();
    assert_eq!(imported.lines.len(), 2);
    assert_eq!(imported.lines[1].tracking_no, "SF124");
}

#[test]
fn every_kind_lists_its_fields_with_synonyms() {
    for kind in FileKind::ALL {
        let fields = kind.fields();
        assert!(fields.iter().any(|f| f.required), "{kind:?}");
        assert!(
            fields.iter().all(|f| f.synonyms.first() == Some(&f.name)),
            "{kind:?}"
        );
    }
}
