//! Per-task earnings (the drawer, `Context::task_earnings`) and the report's per-task
//! columns, over files imported into a real encrypted data directory. Every expected
//! figure is worked by hand below from the published rules: the 5% platform service fee
//! and the 15% preferred technical service fee (R-PREF-3), and the withholding on a
//! month's labour income, per payment before 2025-10-01 (国家税务总局公告2018年第61号),
//! cumulative from then (国家税务总局公告2025年第16号).
//!
//! September 2025 (per payment; the month's labour income is one payment):
//!   XT2025090101 (imported bare: 7,980.00): gross 10,000.00 from the statement, fee 5% =
//!     500.00 → income 9,500.00.
//!   XT2025090102 (stated by StarDesk): gross 3,000.00, fee 150.00 → income 2,850.00.
//!   Month: 12,350.00 > 4,000 → expenses 20% 2,470.00 → taxable 9,880.00 × 20% =
//!   1,976.00, shared by income: 9,500/12,350 → 1,520.00 and 2,850/12,350 → 456.00.
//!   0101: net 10,000 − 500 − 1,520 = 7,980.00 = expected = paid (matched).
//!   0102: net 3,000 − 150 − 456 = 2,394.00 expected; the platform withheld 410.00 on the
//!   task alone and paid 2,440.00: +46.00 (amount_mismatch, the tax part).
//!   One credit of 10,420.00 names JS202509001 and pays both lines.
//! October 2025 (cumulative; September came before the switch and does not count):
//!   XT2025100101 (bare 9,422.00): gross 10,000.00, fee 500.00 → 9,500.00 − 20% 1,900.00
//!   − 1 month × 5,000.00 = 2,600.00 × 3% = 78.00 → net 9,422.00; the platform kept
//!   withholding per payment (1,520.00) and paid 7,980.00: −1,442.00.
//!   XT2025100102 (bare 650.00): the statement states no gross → components unknown.
//! November 2025 (cumulative): XT2025110102 (bare 1,600.00), a preferred order: gross
//!   2,000.00, fees 5% 100.00 + 15% 300.00 → 1,600.00; Oct + Nov 11,100.00 − 2,220.00 −
//!   2 × 5,000.00 < 0 → 0 due, 78.00 already withheld → 0.00; net 1,600.00 (matched).
//!   XT2025110101 (bare 1,200.00) is never paid and its gross is unknown.

use std::path::Path;
use std::sync::Arc;

use stardesk_core::file_reconciliation::{reconcile_files, ReconcileFiles};
use stardesk_core::ipc::*;
use stardesk_core::{Context, ContextOptions, ErrorCode, NoEvents};
use stardesk_store::KeyPolicy;

const EXPECTED: &str = "任务ID,应收金额,应付日期,税前金额,服务费,代扣个税\n\
XT2025090101,7980.00,2025-09-15,,,\n\
XT2025090102,2394.00,2025-09-15,3000.00,150.00,456.00\n\
XT2025100101,9422.00,2025-10-15,,,\n\
XT2025100102,650.00,2025-10-15,,,\n\
XT2025110101,1200.00,2025-11-15,,,\n\
XT2025110102,1600.00,2025-11-20,,,\n";

const STATEMENT: &str = "结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费,代扣个税\n\
JS202509001,XT2025090101,7980.00,2025-09-20,已提现,10000.00,500.00,1520.00\n\
JS202509001,XT2025090102,2440.00,2025-09-20,已提现,3000.00,150.00,410.00\n\
JS202510001,XT2025100101,7980.00,2025-10-20,已提现,10000.00,500.00,1520.00\n\
JS202510002,XT2025100102,650.00,2025-10-21,已提现,,,\n\
JS202511001,XT2025110102,1600.00,2025-11-24,已提现,2000.00,400.00,0.00\n\
JS202511002,XT2025119999,300.00,2025-11-24,已结算,,,\n";

const BANK: &str = "交易日期,收入金额,对方户名,摘要,流水号\n\
2025-09-22,10420.00,北京星图科技有限公司,结算款 JS202509001,B20250922001\n\
2025-10-22,7980.00,北京星图科技有限公司,结算款 JS202510001,B20251022001\n\
2025-10-23,650.00,北京星图科技有限公司,结算款 JS202510002,B20251023001\n\
2025-11-25,1600.00,北京星图科技有限公司,结算款 JS202511001,B20251125001\n";

const AS_OF: &str = "2026-01-31";

fn options(dir: &Path) -> ContextOptions {
    ContextOptions {
        data_dir: dir.to_path_buf(),
        key_policy: KeyPolicy::FileOnly,
        sandbox_tasks: 10,
        today: chrono::NaiveDate::from_ymd_opt(2026, 1, 31),
        background_jobs: false,
        granted_paths_only: false,
        platform_client: Default::default(),
    }
}

struct Fixture {
    _dir: tempfile::TempDir,
    ctx: Arc<Context>,
    files: ReconcileFiles,
    out: std::path::PathBuf,
}

async fn imported() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    };
    let expected = write("应收明细-2025.csv", EXPECTED);
    let statement = write("结算单明细-2025.csv", STATEMENT);
    let (gbk, _, lossy) = encoding_rs::GBK.encode(BANK);
    assert!(!lossy, "the bank fixture is GBK-encodable");
    let bank = dir.path().join("银行流水.csv");
    std::fs::write(&bank, &gbk).expect("write");
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    for (kind, path) in [
        (ImportKind::Expected, &expected),
        (ImportKind::Statement, &statement),
        (ImportKind::Bank, &bank),
    ] {
        ctx.import_settlement_file(kind, path.display().to_string(), None)
            .await
            .expect("import");
    }
    let out = dir.path().join("对账报告.csv");
    Fixture {
        files: ReconcileFiles {
            statements: vec![statement],
            bank: vec![bank],
            expected: vec![expected],
            invoices: vec![],
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 1, 31).expect("date"),
            summary_only: false,
        },
        _dir: dir,
        ctx,
        out,
    }
}

async fn one(ctx: &Context, task: &str) -> (TaskEarningsView, TaskEarning) {
    let view = ctx.task_earnings(task.into()).await.expect(task);
    assert_eq!(view.task_id, task);
    assert_eq!(view.earnings.len(), 1, "{view:?}");
    let earning = view.earnings[0].clone();
    (view, earning)
}

fn steps(e: &TaskEarning) -> &EarningSteps {
    e.steps.as_ref().expect("the domain's steps")
}

fn platform_fee(rate: &str, amount: &str) -> FeeLine {
    FeeLine {
        kind: FeeKind::PlatformService,
        rate_percent: rate.into(),
        amount: amount.into(),
        rule: "R-PREF-3".into(),
    }
}

/// R-PREF-3 fees and the per-payment withholding (before 2025-10-01) of a task imported
/// as a bare amount, computed from the statement's gross, beside the line and the credit
/// that paid it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bare_expected_line_is_computed_from_the_statement_gross_per_payment_r_pref_3() {
    let f = imported().await;
    let (view, e) = one(&f.ctx, "XT2025090101").await;
    assert_eq!(view.cumulative_from, "2025-10-01");
    assert!(view.other_lines.is_empty());
    assert_eq!(e.components, ComponentsSource::Computed);
    assert_eq!(e.missing, None);
    assert_eq!(e.due_date.as_deref(), Some("2025-09-15"));
    assert_eq!(
        [e.gross.as_deref(), e.fee.as_deref(), e.tax.as_deref()],
        [Some("10000.00"), Some("500.00"), Some("1520.00")]
    );
    assert_eq!(e.net_expected, "7980.00");
    let s = steps(&e);
    assert_eq!(s.gross, "10000.00");
    assert_eq!(s.gross_from, GrossFrom::Statement);
    assert_eq!(
        (s.order, s.creator, s.kinds_from),
        (
            OrderKind::Ordinary,
            CreatorKind::Independent,
            KindsFrom::StatedFee
        )
    );
    assert_eq!(s.fees, vec![platform_fee("5", "500.00")]);
    assert_eq!(s.fee_total, "500.00");
    assert_eq!(s.taxable_income, "9500.00");
    assert_eq!(s.tax, "1520.00");
    assert_eq!(s.net, "7980.00");
    assert_eq!(s.pay_date, "2025-09-15");
    assert!(s.agrees);
    assert_eq!(
        s.tax_share,
        Some(TaskTax {
            month: "2025-09".into(),
            income: "9500.00".into(),
            month_income: "12350.00".into(),
            month_lines_without_gross: 0,
            working: TaxWorking::PerPayment {
                income: "12350.00".into(),
                expense_basis: TaxExpenseBasis::Ratio,
                expenses: "2470.00".into(),
                taxable: "9880.00".into(),
                rate: "20".into(),
                quick_deduction: "0.00".into(),
                tax: "1976.00".into(),
            },
            month_tax: "1976.00".into(),
        })
    );

    let paid = e.paid.as_ref().expect("paid");
    assert_eq!(paid.class, ClassCode::Matched);
    assert_eq!(paid.statement_id, "JS202509001");
    assert_eq!(paid.date, "2025-09-20");
    assert!(!paid.failed);
    assert_eq!(
        [
            paid.gross.as_deref(),
            paid.fee.as_deref(),
            paid.tax.as_deref()
        ],
        [Some("10000.00"), Some("500.00"), Some("1520.00")]
    );
    assert_eq!(paid.net, "7980.00");
    assert_eq!(paid.credit_lines, 2, "one credit pays the whole statement");
    assert_eq!(paid.credits.len(), 1);
    assert_eq!(paid.credits[0].txn_id, "B20250922001");
    assert_eq!(paid.credits[0].date, "2025-09-22");
    assert_eq!(paid.credits[0].amount, "10420.00");
    assert_eq!(e.net_paid.as_deref(), Some("7980.00"));
    assert_eq!(e.difference.as_deref(), Some("0.00"));
    f.ctx.shutdown().await;
}

/// A line StarDesk stated (gross, fee, tax) keeps its figures; the month's withholding
/// shared by income explains the 456.00 the platform withheld as 410.00.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stated_line_shows_its_parts_and_the_tax_difference_of_its_mismatch() {
    let f = imported().await;
    let (_, e) = one(&f.ctx, "XT2025090102").await;
    assert_eq!(e.components, ComponentsSource::Stated);
    assert_eq!(
        [e.gross.as_deref(), e.fee.as_deref(), e.tax.as_deref()],
        [Some("3000.00"), Some("150.00"), Some("456.00")]
    );
    assert_eq!(e.net_expected, "2394.00");
    let s = steps(&e);
    assert_eq!(s.gross_from, GrossFrom::Expected);
    assert_eq!(s.fees, vec![platform_fee("5", "150.00")]);
    assert_eq!(s.taxable_income, "2850.00");
    assert_eq!(s.tax, "456.00");
    assert_eq!(s.net, "2394.00");
    assert!(s.agrees, "the domain gives the stated figures");
    let share = s.tax_share.as_ref().expect("withheld");
    assert_eq!(
        (share.income.as_str(), share.month_tax.as_str()),
        ("2850.00", "1976.00")
    );
    let paid = e.paid.as_ref().expect("paid");
    assert_eq!(paid.class, ClassCode::AmountMismatch);
    assert_eq!(paid.tax.as_deref(), Some("410.00"));
    assert_eq!(e.net_paid.as_deref(), Some("2440.00"));
    assert_eq!(e.difference.as_deref(), Some("46.00"));
    f.ctx.shutdown().await;
}

/// From 2025-10-01 the cumulative method: October's 78.00 against the 1,520.00 the
/// platform withheld; November's preferred order pays both R-PREF-3 fees.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cumulative_from_2025_10_01_and_a_preferred_order_pays_both_fees_r_pref_3() {
    let f = imported().await;
    let (_, e) = one(&f.ctx, "XT2025100101").await;
    let s = steps(&e);
    assert_eq!(
        [
            s.gross.as_str(),
            s.fee_total.as_str(),
            s.tax.as_str(),
            s.net.as_str()
        ],
        ["10000.00", "500.00", "78.00", "9422.00"]
    );
    let share = s.tax_share.as_ref().expect("withheld");
    assert_eq!(share.month, "2025-10");
    assert_eq!(
        share.month_lines_without_gross, 1,
        "XT2025100102 states no gross"
    );
    assert_eq!(
        share.working,
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
    assert_eq!(
        e.paid.as_ref().map(|p| p.class),
        Some(ClassCode::AmountMismatch)
    );
    assert_eq!(e.net_paid.as_deref(), Some("7980.00"));
    assert_eq!(e.difference.as_deref(), Some("-1442.00"));

    let (_, e) = one(&f.ctx, "XT2025110102").await;
    let s = steps(&e);
    assert_eq!(
        (s.order, s.creator, s.kinds_from),
        (
            OrderKind::Preferred,
            CreatorKind::Independent,
            KindsFrom::StatedFee
        )
    );
    assert_eq!(
        s.fees,
        vec![
            platform_fee("5", "100.00"),
            FeeLine {
                kind: FeeKind::PreferredTechnical,
                rate_percent: "15".into(),
                amount: "300.00".into(),
                rule: "R-PREF-3".into(),
            },
        ]
    );
    assert_eq!(
        [s.taxable_income.as_str(), s.tax.as_str(), s.net.as_str()],
        ["1600.00", "0.00", "1600.00"]
    );
    assert!(matches!(
        &s.tax_share.as_ref().expect("share").working,
        TaxWorking::Cumulative { deduction_months: 2, cumulative_income, already_withheld, withholding, .. }
            if cumulative_income == "11100.00" && already_withheld == "78.00" && withholding == "0.00"
    ));
    assert_eq!(e.difference.as_deref(), Some("0.00"));
    f.ctx.shutdown().await;
}

/// Without a gross anywhere the components are unknown (not zero); a payout nobody
/// expected is the task's other line; an unknown task is `not_found`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_components_other_lines_and_unknown_tasks() {
    let f = imported().await;
    let (_, e) = one(&f.ctx, "XT2025100102").await;
    assert_eq!(e.components, ComponentsSource::Unknown);
    assert_eq!(e.missing, Some(MissingFact::NoGross));
    assert_eq!(e.steps, None);
    assert_eq!([&e.gross, &e.fee, &e.tax], [&None, &None, &None]);
    assert_eq!(e.net_paid.as_deref(), Some("650.00"));
    assert_eq!(e.difference.as_deref(), Some("0.00"));

    let (_, e) = one(&f.ctx, "XT2025110101").await;
    assert_eq!(e.missing, Some(MissingFact::NoGross));
    assert_eq!(e.paid, None);
    assert_eq!((e.net_paid, e.difference), (None, None));

    let view = f
        .ctx
        .task_earnings("XT2025119999".into())
        .await
        .expect("a task only the statement knows");
    assert!(view.earnings.is_empty());
    assert_eq!(view.other_lines.len(), 1);
    assert_eq!(view.other_lines[0].class, ClassCode::UnexpectedPayout);
    assert_eq!(view.other_lines[0].net, "300.00");
    assert!(view.other_lines[0].credits.is_empty());

    let err = f
        .ctx
        .task_earnings("XT0000000000".into())
        .await
        .expect_err("no such task");
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(err.message.contains("XT0000000000"), "{}", err.message);
    let err = f
        .ctx
        .task_earnings("  ".into())
        .await
        .expect_err("no task id");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    f.ctx.shutdown().await;
}

/// The exported report's per-task columns are the drawer's figures, and `stardesk
/// reconcile`'s rows over the same files are the same.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_report_has_the_per_task_columns_of_the_drawer() {
    let f = imported().await;
    f.ctx
        .export_report(
            f.out.display().to_string(),
            ReportFormat::Csv,
            Some(AS_OF.into()),
        )
        .await
        .expect("export");
    let csv = std::fs::read_to_string(&f.out).expect("read");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    assert_eq!(
        lines.next(),
        Some(
            "class,task_id,statement_id,txn_id,date,amount,gross,fee,tax,net_expected,net_paid,\
             reason_zh,reason_en"
        )
    );
    let rows: Vec<Vec<String>> = csv::ReaderBuilder::new()
        .from_reader(csv.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.expect("a row").iter().map(str::to_string).collect())
        .collect();
    let row = |task: &str, class: &str| -> Vec<String> {
        rows.iter()
            .find(|r| r[1] == task && r[0] == class)
            .unwrap_or_else(|| panic!("no {class} row of {task}: {rows:?}"))[..11]
            .to_vec()
    };
    let cells = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        row("XT2025100101", "amount_mismatch"),
        cells("amount_mismatch,XT2025100101,JS202510001,,2025-10-20,-1442.00,10000.00,500.00,78.00,9422.00,7980.00")
    );
    assert_eq!(
        row("XT2025090102", "amount_mismatch"),
        cells("amount_mismatch,XT2025090102,JS202509001,,2025-09-20,46.00,3000.00,150.00,456.00,2394.00,2440.00")
    );
    assert_eq!(
        row("XT2025110101", "missing_payout"),
        cells("missing_payout,XT2025110101,,,2025-11-15,1200.00,,,,1200.00,")
    );
    assert_eq!(
        row("XT2025119999", "unexpected_payout"),
        cells("unexpected_payout,XT2025119999,JS202511002,,2025-11-24,300.00,,,,,300.00")
    );

    let stored = f
        .ctx
        .saved_report(Some(AS_OF.into()), false)
        .await
        .expect("saved report");
    let from_files = reconcile_files(&f.files).expect("reconcile the files");
    assert_eq!(stored.rows, from_files.rows);
    assert_eq!(stored.summary, from_files.summary);
    f.ctx.shutdown().await;
}
