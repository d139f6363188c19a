//! Every amount, date and status form the exports use.

mod common;

use common::{d, day};
use stardesk_domain::reconcile::records::PayoutStatus;
use stardesk_import::{import_expected, import_statement};

fn amounts(cells: &[&str]) -> Vec<rust_decimal::Decimal> {
    let mut csv = String::from("task_id,amount\n");
    for (i, cell) in cells.iter().enumerate() {
        csv.push_str(&format!("T{i},{cell}\n"));
    }
    import_expected("a.csv", csv.as_bytes())
        .unwrap()
        .lines
        .into_iter()
        .map(|line| line.amount)
        .collect()
}

#[test]
fn every_amount_form() {
    let parsed = amounts(&[
        "\"¥1,234.50\"",
        "1234.5元",
        "(200.00)",
        "-200",
        "￥88",
        " 12.30 ",
        "\"￥ 1,000,000.00 \"",
        "¥-5",
        "+7.5",
        "0.120",
        "1234.5 元",
        "=\"66.00\"",
    ]);
    let expected = [
        "1234.50",
        "1234.50",
        "-200.00",
        "-200.00",
        "88.00",
        "12.30",
        "1000000.00",
        "-5.00",
        "7.50",
        "0.120",
        "1234.50",
        "66.00",
    ];
    let shown: Vec<String> = parsed.iter().map(ToString::to_string).collect();
    assert_eq!(shown, expected);
    assert_eq!(parsed[0], d("1234.5"));
}

/// Money is whole fen: an amount below it (typed, or a formula's result) is refused at its
/// row and column when the file is read, not later when it is stored (which named the
/// line among the data lines and the field's inner name, and kept the files before it).
#[test]
fn an_amount_with_a_fraction_of_a_fen_is_refused_at_its_row_and_column() {
    let csv = "task_id,amount\nT1,10.00\n\nT9,0.125\n";
    let err = stardesk_import::import_expected("expected.csv", csv.as_bytes()).unwrap_err();
    assert_eq!(err.row(), Some(4), "{err}");
    assert_eq!(err.column(), Some("amount"), "{err}");
    assert_eq!(
        *err.problem(),
        stardesk_import::Problem::FractionOfFen {
            value: "0.125".into()
        }
    );
}

#[test]
fn every_date_form() {
    let forms = [
        "2026-03-05",
        "2026/3/5",
        "20260305",
        "2026年3月5日",
        "2026-03-05 14:22:01",
        "2026.3.5",
        "2026/03/05 09:00",
        "2026-03-05T14:22:01",
        " 2026年03月05日 ",
    ];
    let mut csv = String::from("task_id,amount,due_date\n");
    for (i, form) in forms.iter().enumerate() {
        csv.push_str(&format!("T{i},1,{form}\n"));
    }
    let imported = import_expected("d.csv", csv.as_bytes()).unwrap();
    assert_eq!(imported.lines.len(), forms.len());
    for (line, form) in imported.lines.iter().zip(forms) {
        assert_eq!(line.due_date, Some(day(2026, 3, 5)), "{form}");
    }
}

#[test]
fn empty_optional_cells_are_none_and_components_parse() {
    let csv = "结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
               JS1,T1,\"1,000.00\",2026-03-05,已结算,\"¥1,250.00\",50.00,200\n\
               JS2,T2,10,2026-03-05,已结算,,  ,\n";
    let imported = import_statement("s.csv", csv.as_bytes()).unwrap();
    let [full, bare] = imported.lines.as_slice() else {
        panic!()
    };
    assert_eq!(
        (full.gross, full.fee, full.tax),
        (Some(d("1250")), Some(d("50")), Some(d("200")))
    );
    assert_eq!((bare.gross, bare.fee, bare.tax), (None, None, None));
}

#[test]
fn statuses_in_chinese_english_and_otherwise() {
    let csv = "statement_id,task_id,amount,date,status\n\
               A,T,1,2026-03-05,已结算\n\
               B,T,1,2026-03-05,提现中\n\
               C,T,1,2026-03-05,已提现\n\
               D,T,1,2026-03-05,提现失败\n\
               E,T,1,2026-03-05,SETTLED\n\
               F,T,1,2026-03-05,Withdrawing\n\
               G,T,1,2026-03-05,withdrawn\n\
               H,T,1,2026-03-05,Failed\n\
               I,T,1,2026-03-05, 审核中 \n";
    let statuses: Vec<PayoutStatus> = import_statement("s.csv", csv.as_bytes())
        .unwrap()
        .lines
        .into_iter()
        .map(|l| l.status)
        .collect();
    use PayoutStatus::*;
    assert_eq!(
        statuses,
        [
            Settled,
            Withdrawing,
            Withdrawn,
            Failed,
            Settled,
            Withdrawing,
            Withdrawn,
            Failed,
            Other("审核中".to_owned())
        ]
    );
}

#[test]
fn excel_text_markers_on_ids_are_removed() {
    let csv = "statement_id,task_id,amount,date,status\n\
               =\"0012345\",'T-1,1,2026-03-05,已结算\n\
               \"\t98765432109876543\",T-2,1,2026-03-05,已结算\n";
    let lines = import_statement("s.csv", csv.as_bytes()).unwrap().lines;
    assert_eq!(lines[0].statement_id, "0012345");
    assert_eq!(lines[0].task_id, "T-1");
    assert_eq!(lines[1].statement_id, "98765432109876543");
}
