//! The individual creator's tax check (个税核对), month by month, on both sides of
//! 2025-10-01: per payment before (国家税务总局公告2018年第61号, `stardesk_domain::tax`'s
//! `withhold_per_payment`), cumulative from then (国家税务总局公告2025年第16号,
//! `withhold_cumulative`). Every expected figure is worked by hand in the comments; the base
//! is the month's gross less its service fees (R-PREF-3), as in the expected earnings.

use std::path::Path;
use std::sync::Arc;

use stardesk_core::ipc::*;
use stardesk_core::settlements::tax::{check_lines, TaxCheckJson, TaxMonthJson};
use stardesk_core::{Context, ContextOptions, NoEvents};
use stardesk_domain::tax::TaxTable;
use stardesk_store::KeyPolicy;

// Net = gross − fee − tax on every line.
// 2025-08 (per payment): 3,000 − 150 = 2,850 ≤ 4,000 → − 800 = 2,050 × 20% = 410.00;
//   the statement withholds 500.00: over-withheld by 90.00.
// 2025-09 (per payment): 10,000 − 500 = 9,500 > 4,000 → × 80% = 7,600 × 20% = 1,520.00;
//   withheld 1,520.00: exact.
// 2025-10 (cumulative; August and September came before the switch and do not count):
//   9,500 − 20% 1,900 − 1 month × 5,000 = 2,600 × 3% = 78.00; the platform kept
//   withholding per payment, 1,520.00: over-withheld by 1,442.00.
// 2025-11 (cumulative, two lines = one month's payment, the failed line left out):
//   9,500 + 19,000 = 28,500 − 5,700 − 2 × 5,000 = 12,800 × 3% = 384.00 − 78.00 = 306.00;
//   withheld 183.60 + 122.40 = 306.00: exact.
// 2026-01 (cumulative, the year restarts): 4,750 − 950 − 5,000 < 0 → 0.00; withheld 0.
const STATEMENT: &str = "结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
JS08,T1,2350.00,2025-08-20,已提现,3000.00,150.00,500.00\n\
JS09,T2,7980.00,2025-09-20,已提现,10000.00,500.00,1520.00\n\
JS10,T3,7980.00,2025-10-20,已提现,10000.00,500.00,1520.00\n\
JS11,T4,11216.40,2025-11-10,已提现,12000.00,600.00,183.60\n\
JS11,T5,7477.60,2025-11-25,已结算,8000.00,400.00,122.40\n\
JS11,T6,4750.00,2025-11-26,提现失败,5000.00,250.00,0\n\
JS01,T7,4750.00,2026-01-15,已提现,5000.00,250.00,0\n";

fn lines(csv: &str) -> Vec<stardesk_domain::reconcile::records::StatementLine> {
    stardesk_import::import_statement("结算单.csv", csv.as_bytes())
        .expect("the fixture imports")
        .lines
}

fn row(
    month: &str,
    income: &str,
    withheld: &str,
    expected: &str,
    difference: &str,
) -> TaxMonthJson {
    TaxMonthJson {
        month: month.into(),
        income: income.into(),
        withheld: withheld.into(),
        expected: expected.into(),
        difference: difference.into(),
    }
}

fn month<'a>(view: &'a TaxCheckView, name: &str) -> &'a TaxMonth {
    view.months
        .iter()
        .find(|m| m.month == name)
        .unwrap_or_else(|| panic!("no {name} in {:?}", view.months))
}

#[test]
fn months_on_both_sides_of_2025_10_01_over_withheld_and_exact() {
    let view = check_lines(&lines(STATEMENT), None, &TaxTable::china());
    assert_eq!(
        TaxCheckJson::of(&view).months,
        vec![
            row("2025-08", "3000.00", "500.00", "410.00", "90.00"),
            row("2025-09", "10000.00", "1520.00", "1520.00", "0.00"),
            row("2025-10", "10000.00", "1520.00", "78.00", "1442.00"),
            row("2025-11", "20000.00", "306.00", "306.00", "0.00"),
            row("2026-01", "5000.00", "0.00", "0.00", "0.00"),
        ]
    );
    assert_eq!(view.years, vec![2025, 2026]);
    assert_eq!(view.year, None);
    assert_eq!(view.cumulative_from, "2025-10-01");
    assert_eq!(
        view.totals,
        TaxTotals {
            income: "48000.00".into(),
            withheld: "3846.00".into(),
            expected: "2314.00".into(),
            difference: "1532.00".into(),
        }
    );
}

#[test]
fn per_payment_before_2025_10_01_explains_the_over_withholding_with_its_steps() {
    // 国家税务总局公告2018年第61号: ≤ ¥4,000 deducts ¥800, above it 20%; 20% up to 20,000.
    let view = check_lines(&lines(STATEMENT), Some(2025), &TaxTable::china());
    let august = month(&view, "2025-08");
    assert_eq!(august.fees, "150.00");
    assert_eq!(august.taxable_income, "2850.00");
    assert_eq!(
        august.explanation,
        TaxExplanation {
            verdict: TaxVerdict::OverWithheld,
            working: TaxWorking::PerPayment {
                income: "2850.00".into(),
                expense_basis: TaxExpenseBasis::Fixed,
                expenses: "800.00".into(),
                taxable: "2050.00".into(),
                rate: "20".into(),
                quick_deduction: "0.00".into(),
                tax: "410.00".into(),
            },
            lines_without_tax: 0,
            lines_without_gross: 0,
        }
    );
    let september = month(&view, "2025-09");
    assert_eq!(september.explanation.verdict, TaxVerdict::Exact);
    assert!(matches!(
        &september.explanation.working,
        TaxWorking::PerPayment { expense_basis: TaxExpenseBasis::Ratio, expenses, .. }
            if expenses == "1900.00"
    ));
}

#[test]
fn cumulative_from_2025_10_01_counts_only_months_from_the_switch_and_restarts_each_year() {
    // 国家税务总局公告2025年第16号: 累计收入 − 20% − 5,000 × 连续月份, 预扣率表一.
    let view = check_lines(&lines(STATEMENT), Some(2025), &TaxTable::china());
    assert_eq!(view.year, Some(2025));
    assert_eq!(
        view.months
            .iter()
            .map(|m| m.month.as_str())
            .collect::<Vec<_>>(),
        ["2025-08", "2025-09", "2025-10", "2025-11"],
        "only 2025's months are shown"
    );
    let october = month(&view, "2025-10");
    assert_eq!(october.explanation.verdict, TaxVerdict::OverWithheld);
    assert_eq!(
        october.explanation.working,
        TaxWorking::Cumulative {
            cumulative_income: "9500.00".into(),
            cumulative_expenses: "1900.00".into(),
            deduction_months: 1,
            cumulative_basic_deduction: "5000.00".into(),
            cumulative_taxable: "2600.00".into(),
            rate: "3".into(),
            quick_deduction: "0.00".into(),
            tax_due_to_date: "78.00".into(),
            already_withheld: "0.00".into(),
            withholding: "78.00".into(),
        }
    );
    let november = month(&view, "2025-11");
    assert_eq!(november.lines, 2, "the failed payout is left out");
    assert_eq!(november.explanation.verdict, TaxVerdict::Exact);
    assert!(matches!(
        &november.explanation.working,
        TaxWorking::Cumulative { deduction_months: 2, cumulative_income, already_withheld, withholding, .. }
            if cumulative_income == "28500.00" && already_withheld == "78.00" && withholding == "306.00"
    ));
    assert_eq!(view.totals.difference, "1532.00", "90 + 1,442");

    let next = check_lines(&lines(STATEMENT), Some(2026), &TaxTable::china());
    assert_eq!(
        next.years,
        vec![2025, 2026],
        "every year, whatever is shown"
    );
    let january = month(&next, "2026-01");
    assert!(matches!(
        &january.explanation.working,
        TaxWorking::Cumulative { deduction_months: 1, cumulative_income, .. }
            if cumulative_income == "4750.00"
    ));
    assert_eq!(next.months.len(), 1);
    assert!(
        check_lines(&lines(STATEMENT), Some(2024), &TaxTable::china())
            .months
            .is_empty()
    );
}

#[test]
fn the_switch_date_is_the_tables_data() {
    // The same October computed with the switch moved to 2025-11-01 is per payment:
    // 9,500 × 80% × 20% = 1,520.00, exact.
    let mut table = TaxTable::china();
    table.cumulative_from = chrono::NaiveDate::from_ymd_opt(2025, 11, 1).expect("date");
    let view = check_lines(&lines(STATEMENT), Some(2025), &table);
    let october = month(&view, "2025-10");
    assert_eq!(october.expected, "1520.00");
    assert_eq!(october.explanation.verdict, TaxVerdict::Exact);
    assert_eq!(view.cumulative_from, "2025-11-01");
}

fn options(dir: &Path) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        sandbox_tasks: 10,
        today: None,
        background_jobs: false,
        granted_paths_only: false,
        platform_client: Default::default(),
    }
}

// 2024-12: 760 ≤ 4,000 → − 800 → 0: exact at 0.
// 2025-09 (per payment): 2,850 → 2,050 × 20% = 410.00, withheld 410.00: exact.
// 2025-10 (cumulative): 28,500 − 5,700 − 5,000 = 17,800 × 3% = 534.00; withheld 500.00:
//   under-withheld by 34.00 (the failed line is left out).
// 2025-11: no tax stated; 38,000 − 7,600 − 10,000 = 20,400 × 3% = 612.00 − 534.00 = 78.00.
// 2026-03: the gross is not stated: 950 net + 50 fee + 0 tax = 1,000; 950 − 190 − 5,000 → 0.
const IMPORTED: &str = "结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
JS2412,T1,760.00,2024-12-20,已提现,800.00,40.00,0.00\n\
JS2509,T2,2440.00,2025-09-20,已提现,3000.00,150.00,410.00\n\
JS2510,T3,28000.00,2025-10-15,已提现,30000.00,1500.00,500.00\n\
JS2510,T4,4750.00,2025-10-16,提现失败,5000.00,250.00,0.00\n\
JS2511,T5,9500.00,2025-11-15,已提现,10000.00,500.00,\n\
JS2603,T6,950.00,2026-03-02,已提现,,50.00,0.00\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stored_statement_lines_are_checked_under_and_not_stated_too() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("结算单-个税.csv");
    std::fs::write(&path, IMPORTED).expect("write");
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");

    let before = ctx.settlement_tax(None).await.expect("tax check");
    assert!(before.months.is_empty() && before.years.is_empty());
    assert_eq!(before.totals.difference, "0.00");

    ctx.import_settlement_file(ImportKind::Statement, path.display().to_string(), None)
        .await
        .expect("import");

    let all = ctx.settlement_tax(None).await.expect("tax check");
    assert_eq!(all.years, vec![2024, 2025, 2026]);
    assert_eq!(
        TaxCheckJson::of(&all).months,
        vec![
            row("2024-12", "800.00", "0.00", "0.00", "0.00"),
            row("2025-09", "3000.00", "410.00", "410.00", "0.00"),
            row("2025-10", "30000.00", "500.00", "534.00", "-34.00"),
            row("2025-11", "10000.00", "0.00", "78.00", "-78.00"),
            row("2026-03", "1000.00", "0.00", "0.00", "0.00"),
        ]
    );
    assert_eq!(
        month(&all, "2025-10").explanation.verdict,
        TaxVerdict::UnderWithheld
    );
    let november = &month(&all, "2025-11").explanation;
    assert_eq!(november.verdict, TaxVerdict::NotStated);
    assert_eq!(november.lines_without_tax, 1);
    let march = &month(&all, "2026-03").explanation;
    assert_eq!(march.lines_without_gross, 1);
    assert_eq!(march.verdict, TaxVerdict::Exact);

    let y2025 = ctx.settlement_tax(Some(2025)).await.expect("tax check");
    assert_eq!(y2025.months.len(), 3);
    assert_eq!(
        y2025.totals,
        TaxTotals {
            income: "43000.00".into(),
            withheld: "910.00".into(),
            expected: "1022.00".into(),
            difference: "-112.00".into(),
        }
    );

    // Re-importing the same file adds nothing, so nothing doubles.
    ctx.import_settlement_file(ImportKind::Statement, path.display().to_string(), None)
        .await
        .expect("re-import");
    assert_eq!(ctx.settlement_tax(Some(2025)).await.expect("again"), y2025);

    ctx.delete_settlement_data().await.expect("delete");
    assert!(ctx
        .settlement_tax(None)
        .await
        .expect("after delete")
        .months
        .is_empty());
    ctx.shutdown().await;
}
