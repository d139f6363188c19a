//! Settlement files kept over months: imports, re-imports, decisions, reports and
//! deletion, against a real data directory (key file, no keychain needed).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use calamine::Reader;
use stardesk_core::ipc::*;
use stardesk_core::{
    AppEvent, Code, Context, ContextOptions, DataArea, ErrorCode, EventLog, NoEvents,
};
use stardesk_store::settlements::LineCounts;
use stardesk_store::KeyPolicy;

const EXPECTED_CSV: &str = "task_id,amount,due_date\n\
T1,100.00,2026-03-01\n\
T2,200.00,2026-03-01\n\
T3,300.00,2026-03-01\n";

// T1 paid right, T2 paid short, T3 never paid, T5's payout failed (in April).
const STATEMENT_CSV: &str = "结算单号,任务ID,结算金额,结算日期,状态,税前金额,服务费\n\
JS1,T1,100.00,2026-03-05,已结算,110.00,10.00\n\
JS1,T2,190.50,2026-03-05,已提现,,\n\
JS3,T5,500.00,2026-04-02,提现失败,,\n";

// TX1 pays T1's line, TX2 T2's; TX3 is a platform credit paying nothing.
const BANK_CSV: &str = "交易日期,收入金额,对方户名,摘要,流水号\n\
2026-03-06,100.00,北京星图科技有限公司,结算款,TX1\n\
2026-03-06,190.50,北京星图科技有限公司,结算款,TX2\n\
2026-03-07,888.00,抖音视界有限公司,其他,TX3\n";

const AS_OF: &str = "2026-04-30";

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

struct Files {
    expected: PathBuf,
    statement: PathBuf,
    bank: PathBuf,
}

fn write_files(dir: &Path) -> Files {
    let expected = dir.join("应收.csv");
    std::fs::write(&expected, EXPECTED_CSV).expect("write");
    let statement = dir.join("结算单.csv");
    std::fs::write(&statement, STATEMENT_CSV).expect("write");
    let bank = dir.join("银行流水.csv");
    let (gbk, _, lossy) = encoding_rs::GBK.encode(BANK_CSV);
    assert!(!lossy, "the fixture is GBK-encodable");
    std::fs::write(&bank, &gbk).expect("write");
    Files {
        expected,
        statement,
        bank,
    }
}

fn s(p: &Path) -> String {
    p.display().to_string()
}

async fn import_all(ctx: &Context, files: &Files) -> Vec<ImportResult> {
    let mut out = Vec::new();
    for (kind, path) in [
        (ImportKind::Expected, &files.expected),
        (ImportKind::Statement, &files.statement),
        (ImportKind::Bank, &files.bank),
    ] {
        out.push(
            ctx.import_settlement_file(kind, s(path), None)
                .await
                .expect("import"),
        );
    }
    out
}

/// A new data directory with the three files written beside it, opened with its events
/// logged.
async fn opened_with_files() -> (EventLog, tempfile::TempDir, Files, Arc<Context>) {
    let log = EventLog::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_files(dir.path());
    let ctx = Context::open(options(dir.path()), Arc::new(log.clone()))
        .await
        .expect("open");
    (log, dir, files, ctx)
}

/// Whether core told the window that data changed, in the events logged.
fn data_changed(log: &EventLog) -> bool {
    log.events()
        .iter()
        .any(|e| matches!(e, AppEvent::DataChanged { .. }))
}

fn line_counts(dir: &Path) -> LineCounts {
    let (store, _, _) =
        stardesk_store::open_data_dir_with(dir, KeyPolicy::FileOnly, 0).expect("open store");
    store.line_counts().expect("counts")
}

fn tally(v: &ReconcileView, class: ClassCode) -> &ClassTally {
    v.summary
        .classes
        .iter()
        .find(|t| t.class == class)
        .unwrap_or_else(|| panic!("no tally of {class}"))
}

fn counts(v: &ReconcileView) -> [u64; 7] {
    [
        ClassCode::Matched,
        ClassCode::AmountMismatch,
        ClassCode::MissingPayout,
        ClassCode::DuplicatePayout,
        ClassCode::PayoutFailed,
        ClassCode::PayoutOverdue,
        ClassCode::UnexpectedCredit,
    ]
    .map(|c| tally(v, c).count)
}

/// The saved reconciliation as the window sees it: the summary and every row, read page
/// by page.
#[derive(Debug, PartialEq)]
struct Seen {
    view: ReconcileView,
    rows: Vec<DiscrepancyView>,
    matches: Vec<MatchRow>,
}

impl std::ops::Deref for Seen {
    type Target = ReconcileView;
    fn deref(&self) -> &ReconcileView {
        &self.view
    }
}

fn page(as_of: &str, offset: u32) -> ReconcilePageQuery {
    ReconcilePageQuery {
        as_of: Some(as_of.into()),
        offset,
        limit: 7,
        ..ReconcilePageQuery::default()
    }
}

async fn look(ctx: &Context, as_of: &str) -> Seen {
    let view = ctx
        .reconcile_saved(Some(as_of.into()))
        .await
        .expect("reconcile");
    let (mut rows, mut matches) = (Vec::new(), Vec::new());
    loop {
        let p = ctx
            .reconcile_discrepancies(page(as_of, rows.len() as u32))
            .await
            .expect("discrepancies");
        assert_eq!(p.total, view.rows_total);
        if p.rows.is_empty() {
            break;
        }
        rows.extend(p.rows);
    }
    loop {
        let p = ctx
            .reconcile_matches(page(as_of, matches.len() as u32))
            .await
            .expect("matches");
        assert_eq!(p.total, view.matches_total);
        if p.rows.is_empty() {
            break;
        }
        matches.extend(p.rows);
    }
    assert_eq!(rows.len() as u32, view.rows_total);
    Seen {
        view,
        rows,
        matches,
    }
}

fn payouts(v: &Seen) -> Vec<&MatchRow> {
    v.matches
        .iter()
        .filter(|m| m.kind == MatchKind::Payout)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn imports_reconcile_and_reimports_add_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_files(dir.path());
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");

    let first = import_all(&ctx, &files).await;
    assert_eq!(
        first
            .iter()
            .map(|r| (r.kind, r.lines, r.added, r.already_present))
            .collect::<Vec<_>>(),
        vec![
            (ImportKind::Expected, 3, 3, 0),
            (ImportKind::Statement, 3, 3, 0),
            (ImportKind::Bank, 3, 3, 0),
        ]
    );
    assert_eq!(first[2].encoding, "GB18030", "the bank file is GBK");
    assert_eq!(first[2].file_name, "银行流水.csv");

    let view = look(&ctx, AS_OF).await;
    // matched, amount_mismatch, missing_payout, duplicate, failed, overdue, unexpected credit
    assert_eq!(counts(&view), [1, 1, 1, 0, 1, 0, 1], "{view:#?}");
    assert_eq!(tally(&view, ClassCode::AmountMismatch).total, "-9.50");
    assert_eq!(tally(&view, ClassCode::UnexpectedCredit).total, "888.00");
    assert_eq!(
        view.summary
            .classes
            .iter()
            .map(|t| t.class)
            .collect::<Vec<_>>(),
        ClassCode::ALL,
        "every class is tallied, unexpected_payout too"
    );
    let classes: Vec<&str> = view.rows.iter().map(|r| r.class.as_str()).collect();
    for class in [
        "amount_mismatch",
        "missing_payout",
        "payout_failed",
        "unexpected_credit",
    ] {
        assert!(classes.contains(&class), "{class} in {classes:?}");
    }
    // Each discrepancy crosses with its explanation as data, for the window to word.
    for row in &view.rows {
        let reason_class = serde_json::to_value(&row.reason).expect("json")["class"].clone();
        assert_eq!(reason_class, row.class.as_str(), "{row:#?}");
    }
    let failed = view
        .rows
        .iter()
        .find(|r| r.class == ClassCode::PayoutFailed)
        .expect("a failed payout");
    match &failed.reason {
        Reason::PayoutFailed {
            statement_id,
            amount,
            rule,
            ..
        } => {
            assert_eq!(
                (statement_id.as_str(), amount.as_str(), rule.as_str()),
                (
                    failed.statement_id.as_str(),
                    failed.amount.as_str(),
                    "R-SETTLE-2"
                )
            );
        }
        other => panic!("a failed payout explained as {other:?}"),
    }
    let mismatch = view
        .rows
        .iter()
        .find(|r| r.class == ClassCode::AmountMismatch)
        .expect("a mismatch");
    let Reason::AmountMismatch { difference, .. } = &mismatch.reason else {
        panic!("{mismatch:#?}");
    };
    assert_eq!(difference, "-9.50");
    let paid = payouts(&view);
    assert_eq!(
        paid.iter()
            .map(|m| (
                m.txn_ids.clone(),
                m.statement_ids.clone(),
                m.amount.as_str()
            ))
            .collect::<Vec<_>>(),
        vec![
            (vec!["TX1".to_string()], vec!["JS1".to_string()], "100.00"),
            (vec!["TX2".to_string()], vec!["JS1".to_string()], "190.50"),
        ]
    );
    let task = view
        .matches
        .iter()
        .find(|m| m.kind == MatchKind::Task)
        .expect("a task match");
    assert_eq!(
        (task.task_id.as_deref(), task.origin, task.amount.as_str()),
        (Some("T1"), MatchOrigin::Automatic, "100.00")
    );

    // The same files again: nothing added, the same outcome.
    let again = import_all(&ctx, &files).await;
    assert!(
        again.iter().all(|r| r.added == 0 && r.already_present == 3),
        "{again:?}"
    );
    let view2 = look(&ctx, AS_OF).await;
    assert_eq!(view2, view);

    // An overlapping later export: one known line, one new.
    let later = dir.path().join("结算单-4月.csv");
    std::fs::write(
        &later,
        "结算单号,任务ID,结算金额,结算日期,状态\n\
         JS3,T5,500.00,2026-04-02,提现失败\n\
         JS4,T3,300.00,2026-04-10,已结算\n",
    )
    .expect("write");
    let r = ctx
        .import_settlement_file(ImportKind::Statement, s(&later), None)
        .await
        .expect("import later");
    // The April file has no gross/fee columns, so its T5 line is a different line
    // (its content differs): both of its lines are new.
    assert_eq!((r.lines, r.added + r.already_present), (2, 2));
    assert!(r.added >= 1);

    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rejected_payout_match_stays_rejected_after_a_reimport() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_files(dir.path());
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    import_all(&ctx, &files).await;
    let before = look(&ctx, AS_OF).await;
    let tx1 = payouts(&before)
        .into_iter()
        .find(|m| m.txn_ids == ["TX1"])
        .expect("TX1 proposed")
        .clone();

    let saved = ctx
        .decide(DecisionInput {
            action: DecisionAction::Reject,
            kind: MatchKind::Payout,
            expected: None,
            statement: tx1.statement_keys.clone(),
            bank: tx1.bank_keys.clone(),
        })
        .await
        .expect("decide");
    assert_eq!(saved.decision.action, DecisionAction::Reject);

    let after = look(&ctx, AS_OF).await;
    assert!(payouts(&after).iter().all(|m| m.txn_ids != ["TX1"]));
    assert_eq!(
        tally(&after, ClassCode::UnexpectedCredit).count,
        tally(&before, ClassCode::UnexpectedCredit).count + 1,
        "TX1 no longer pays anything"
    );
    assert_eq!(after.ignored_decisions, 0);

    // Re-import everything, in a fresh context on the same data directory.
    ctx.shutdown().await;
    drop(ctx);
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("reopen");
    let again = import_all(&ctx, &files).await;
    assert!(again.iter().all(|r| r.added == 0));
    let reimported = look(&ctx, AS_OF).await;
    assert_eq!(reimported, after, "the decision survives the re-import");
    let decisions = ctx.decisions().await.expect("decisions");
    assert_eq!(decisions.len(), 1);
    assert_eq!(decisions[0].decision.bank, tx1.bank_keys);

    // Undo it: the automatic proposal comes back.
    ctx.delete_decision(decisions[0].id.clone())
        .await
        .expect("undo");
    let undone = look(&ctx, AS_OF).await;
    assert_eq!(undone, before);

    // A malformed decision is refused before anything is stored.
    let err = ctx
        .decide(DecisionInput {
            action: DecisionAction::Accept,
            kind: MatchKind::Task,
            expected: None,
            statement: vec!["1:0".into()],
            bank: vec![],
        })
        .await
        .expect_err("no expected line");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    let err = ctx
        .decide(DecisionInput {
            action: DecisionAction::ManualMatch,
            kind: MatchKind::Payout,
            expected: None,
            statement: vec!["x".into()],
            bank: vec!["1:0".into()],
        })
        .await
        .expect_err("bad key");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(ctx.decisions().await.expect("decisions").is_empty());
    ctx.shutdown().await;
}

/// A file that cannot be read at all: no import failure to word, only the message.
async fn missing_import(
    ctx: &Context,
    dir: &std::path::Path,
) -> Option<stardesk_core::ImportFailure> {
    ctx.import_settlement_file(ImportKind::Bank, s(&dir.join("gone.csv")), None)
        .await
        .expect_err("missing file")
        .import
        .map(|f| *f)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_file_is_invalid_input_naming_row_and_column_and_adds_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_files(dir.path());
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    import_all(&ctx, &files).await;
    let before = line_counts(dir.path());

    let bad = dir.path().join("坏结算单.csv");
    std::fs::write(
        &bad,
        "结算单号,任务ID,结算金额,结算日期,状态\n\
         JS9,T9,10.00,2026-03-05,已结算\n\
         JS9,T10,12,34x,2026-03-05,已结算\n",
    )
    .expect("write");
    let err = ctx
        .import_settlement_file(ImportKind::Statement, s(&bad), None)
        .await
        .expect_err("bad file");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("坏结算单.csv"), "{}", err.message);
    assert!(err.message.contains("row 3"), "{}", err.message);

    let bad_amount = dir.path().join("金额错误.csv");
    std::fs::write(
        &bad_amount,
        "结算单号,任务ID,结算金额,结算日期,状态\n\
         JS9,T9,10.00,2026-03-05,已结算\n\
         JS9,T10,十二元,2026-03-05,已结算\n",
    )
    .expect("write");
    let err = ctx
        .import_settlement_file(ImportKind::Statement, s(&bad_amount), None)
        .await
        .expect_err("bad amount");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("row 3"), "{}", err.message);
    assert!(err.message.contains("结算金额"), "{}", err.message);
    // The same, for the window to say in its own language.
    assert_eq!(
        err.import.map(|f| *f),
        Some(stardesk_core::ImportFailure {
            file: "金额错误.csv".into(),
            row: Some(3),
            column: Some("结算金额".into()),
            problem: stardesk_core::ImportProblemCode::NotAnAmount,
            params: vec![("value".into(), "十二元".into())],
        })
    );
    // A bank direction (借贷标志) the reader does not know: its row, column and value.
    let bad_direction = dir.path().join("流水.csv");
    std::fs::write(
        &bad_direction,
        "交易日期,交易金额,借贷标志\n2026-03-05,100.00,贷\n2026-03-06,20.00,转账\n",
    )
    .expect("write");
    let err = ctx
        .import_settlement_file(ImportKind::Bank, s(&bad_direction), None)
        .await
        .expect_err("bad direction");
    assert_eq!(
        err.import.map(|f| *f),
        Some(stardesk_core::ImportFailure {
            file: "流水.csv".into(),
            row: Some(3),
            column: Some("借贷标志".into()),
            problem: stardesk_core::ImportProblemCode::NotADirection,
            params: vec![("value".into(), "转账".into())],
        })
    );
    assert_eq!(
        missing_import(&ctx, dir.path()).await,
        None,
        "not an import's refusal"
    );

    let missing = ctx
        .import_settlement_file(ImportKind::Bank, s(&dir.path().join("nope.csv")), None)
        .await
        .expect_err("missing file");
    assert_eq!(missing.code, ErrorCode::InvalidInput);

    assert_eq!(line_counts(dir.path()), before, "nothing was added");
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_saved_mapping_profile_reads_a_file_the_synonyms_do_not() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    let odd = dir.path().join("odd-bank.csv");
    std::fs::write(
        &odd,
        "某银行流水\n入账日,进账,付款人\n2026-03-06,100.00,北京星图科技有限公司\n",
    )
    .expect("write");

    let preview = ctx
        .preview_settlement_file(ImportKind::Bank, s(&odd))
        .await
        .expect("preview");
    assert!(!preview.missing_required.is_empty(), "{preview:?}");
    let err = ctx
        .import_settlement_file(ImportKind::Bank, s(&odd), None)
        .await
        .expect_err("synonyms miss");
    assert_eq!(err.code, ErrorCode::InvalidInput);

    let mapping = ColumnMappingView {
        columns: [
            (ImportField::Date, "入账日"),
            (ImportField::Amount, "进账"),
            (ImportField::Counterparty, "付款人"),
        ]
        .into_iter()
        .map(|(field, header)| ColumnAssignment {
            field,
            column: ColumnRefView::Header {
                header: header.into(),
            },
        })
        .collect(),
        ..ColumnMappingView::default()
    };
    ctx.save_mapping_profile("某银行".into(), ImportKind::Bank, mapping.clone())
        .await
        .expect("save");
    let profiles = ctx.mapping_profiles().await.expect("profiles");
    assert_eq!(profiles.len(), 1);
    assert_eq!(profiles[0].mapping, mapping);
    let r = ctx
        .import_settlement_file(ImportKind::Bank, s(&odd), Some("某银行".into()))
        .await
        .expect("import with profile");
    assert_eq!((r.lines, r.added), (1, 1));

    let wrong_kind = ctx
        .import_settlement_file(ImportKind::Statement, s(&odd), Some("某银行".into()))
        .await
        .expect_err("profile of another kind");
    assert_eq!(wrong_kind.code, ErrorCode::InvalidInput);
    let bad_field = ctx
        .save_mapping_profile(
            "x".into(),
            ImportKind::Bank,
            ColumnMappingView {
                columns: vec![ColumnAssignment {
                    field: ImportField::TaskId,
                    column: ColumnRefView::Index { index: 0 },
                }],
                ..ColumnMappingView::default()
            },
        )
        .await
        .expect_err("not a bank field");
    assert_eq!(bad_field.code, ErrorCode::InvalidInput);
    ctx.delete_mapping_profile("某银行".into())
        .await
        .expect("delete");
    assert!(ctx.mapping_profiles().await.expect("profiles").is_empty());
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn monthly_income_reports_and_deletion() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_files(dir.path());
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    import_all(&ctx, &files).await;

    let months = ctx.monthly_income().await.expect("income");
    assert_eq!(
        months,
        vec![MonthIncome {
            month: "2026-03".into(),
            lines: 2,
            gross: "110.00".into(),
            gross_lines: 1,
            fees: "10.00".into(),
            fee_lines: 1,
            tax: "0.00".into(),
            tax_lines: 0,
            net: "290.50".into(),
        }],
        "April's only line failed and is left out"
    );

    let view = look(&ctx, AS_OF).await;
    let csv_path = dir.path().join("report.csv");
    ctx.export_report(s(&csv_path), ReportFormat::Csv, Some(AS_OF.into()))
        .await
        .expect("csv");
    let csv = std::fs::read_to_string(&csv_path).expect("read csv");
    assert!(csv.starts_with("\u{feff}class,task_id,statement_id,txn_id,date,amount,"));
    assert_eq!(csv.lines().count(), 1 + view.rows.len());
    assert!(csv.contains("unexpected_credit"));

    let xlsx_path = dir.path().join("report.xlsx");
    ctx.export_report(s(&xlsx_path), ReportFormat::Xlsx, Some(AS_OF.into()))
        .await
        .expect("xlsx");
    let bytes = std::fs::read(&xlsx_path).expect("read xlsx");
    assert!(bytes.starts_with(b"PK\x03\x04"), "a zip container");
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx_path).expect("open xlsx");
    let range = book.worksheet_range("Sheet1").expect("sheet");
    assert_eq!(range.height(), 1 + view.rows.len());
    assert_eq!(
        range.get((0, 5)),
        Some(&calamine::Data::String("amount".into()))
    );
    for (i, row) in view.rows.iter().enumerate() {
        assert_eq!(
            range.get((i + 1, 0)),
            Some(&calamine::Data::String(row.class.to_string()))
        );
        let amount = match range.get((i + 1, 5)) {
            Some(calamine::Data::Float(f)) => format!("{f:.2}"),
            other => panic!("amount cell {other:?}"),
        };
        assert_eq!(amount, row.amount);
    }

    let bad = ctx
        .reconcile_saved(Some("30/04/2026".into()))
        .await
        .expect_err("bad date");
    assert_eq!(bad.code, ErrorCode::InvalidInput);

    ctx.decide(DecisionInput {
        action: DecisionAction::Accept,
        kind: MatchKind::Payout,
        expected: None,
        statement: payouts(&view)[0].statement_keys.clone(),
        bank: payouts(&view)[0].bank_keys.clone(),
    })
    .await
    .expect("decide");

    ctx.delete_settlement_data().await.expect("delete");
    assert_eq!(line_counts(dir.path()), LineCounts::default());
    assert!(ctx.decisions().await.expect("decisions").is_empty());
    assert!(ctx.monthly_income().await.expect("income").is_empty());
    let empty = look(&ctx, AS_OF).await;
    assert_eq!(counts(&empty), [0; 7]);
    assert!(empty.rows.is_empty() && empty.matches.is_empty());
    ctx.shutdown().await;
}

/// One file's import taken back from the window: its lines leave the reconciliation, the
/// window is told, the other files stay; an unknown or malformed id is refused by name.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn deleting_one_imported_file_takes_its_lines_out_of_the_reconciliation() {
    let (log, dir, files, ctx) = opened_with_files().await;
    import_all(&ctx, &files).await;
    let before = look(&ctx, AS_OF).await;
    assert_eq!(
        tally(&before, ClassCode::UnexpectedCredit).count,
        1,
        "TX3 pays nothing"
    );
    let listed = ctx.import_files().await.expect("files");
    let bank = listed
        .iter()
        .find(|f| f.kind == ImportKind::Bank)
        .expect("the bank file is listed");

    log.clear();
    let deleted = ctx
        .delete_import_file(bank.id.clone())
        .await
        .expect("delete the bank file");
    assert_eq!(
        deleted,
        DeletedImportView {
            kind: ImportKind::Bank,
            file_name: "银行流水.csv".into(),
            lines_removed: 3,
            lines_restored: 0,
            lines_kept: 0,
            kept_by: None,
        }
    );
    assert!(data_changed(&log), "the window is told to read again");
    assert_eq!(
        line_counts(dir.path()),
        LineCounts {
            statement: 3,
            bank: 0,
            expected: 3,
            invoices: 0,
        }
    );
    let after = look(&ctx, AS_OF).await;
    assert_eq!(tally(&after, ClassCode::UnexpectedCredit).count, 0);
    assert_eq!(
        tally(&after, ClassCode::Matched).count,
        tally(&before, ClassCode::Matched).count,
        "the task matches need no bank line"
    );
    let kinds: Vec<ImportKind> = ctx
        .import_files()
        .await
        .expect("files")
        .iter()
        .map(|f| f.kind)
        .collect();
    assert_eq!(kinds, [ImportKind::Expected, ImportKind::Statement]);

    let again = ctx
        .delete_import_file(bank.id.clone())
        .await
        .expect_err("gone already");
    assert_eq!(again.code, ErrorCode::NotFound);
    assert!(again.message.contains(&bank.id), "{}", again.message);
    let bad = ctx
        .delete_import_file("bank".into())
        .await
        .expect_err("not an id");
    assert_eq!(bad.code, ErrorCode::InvalidInput);
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_batch_import_reports_progress_and_one_bad_file_stores_nothing() {
    let log = EventLog::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_files(dir.path());
    let bad = dir.path().join("坏的结算单.csv");
    std::fs::write(
        &bad,
        "结算单号,任务ID,结算金额,结算日期,状态\nJS9,T9,abc,2026-03-05,已结算\n",
    )
    .expect("write");
    let ctx = Context::open(options(dir.path()), Arc::new(log.clone()))
        .await
        .expect("open");

    let err = ctx
        .import_settlement_files(
            ImportKind::Statement,
            vec![s(&files.statement), s(&bad)],
            None,
        )
        .await
        .expect_err("the second file is bad");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("坏的结算单.csv"), "{}", err.message);
    assert_eq!(
        line_counts(dir.path()).statement,
        0,
        "the good file was not stored either"
    );
    assert!(ctx.import_files().await.expect("files").is_empty());

    assert!(!data_changed(&log), "nothing stored, nothing changed");
    log.clear();
    let second = dir.path().join("结算单-4月.csv");
    std::fs::write(
        &second,
        "结算单号,任务ID,结算金额,结算日期,状态\nJS4,T7,70.00,2026-04-05,已结算\n",
    )
    .expect("write");
    let results = ctx
        .import_settlement_files(
            ImportKind::Statement,
            vec![s(&files.statement), s(&second)],
            None,
        )
        .await
        .expect("import");
    assert_eq!(
        results
            .iter()
            .map(|r| (r.file_name.as_str(), r.added))
            .collect::<Vec<_>>(),
        [("结算单.csv", 3), ("结算单-4月.csv", 1)]
    );
    let events = log.events();
    assert_eq!(
        events.last(),
        Some(&AppEvent::DataChanged {
            areas: vec![DataArea::Settlements]
        })
    );
    let seen: Vec<ImportProgress> = events
        .into_iter()
        .filter_map(|e| match e {
            AppEvent::ImportProgress(p) => Some(p),
            _ => None,
        })
        .collect();
    for (index, name) in [(0, "结算单.csv"), (1, "结算单-4月.csv")] {
        let phases: Vec<ImportPhase> = seen
            .iter()
            .filter(|p| p.file_index == index)
            .map(|p| {
                assert_eq!((p.file_count, p.file_name.as_str()), (2, name));
                p.phase
            })
            .collect();
        assert_eq!(phases.first(), Some(&ImportPhase::Reading), "{phases:?}");
        assert_eq!(phases.last(), Some(&ImportPhase::Done), "{phases:?}");
        for phase in [ImportPhase::Parsing, ImportPhase::Storing] {
            assert!(phases.contains(&phase), "{phase:?} of {name}: {phases:?}");
        }
    }
    let read = seen
        .iter()
        .rfind(|p| p.phase == ImportPhase::Reading && p.file_index == 0)
        .expect("reading");
    assert_eq!(read.done, STATEMENT_CSV.len() as u64);
    assert_eq!(read.total, read.done);
    let done = seen
        .iter()
        .find(|p| p.phase == ImportPhase::Done && p.file_index == 1)
        .expect("done");
    assert_eq!((done.done, done.total), (1, 1));

    let listed = ctx.import_files().await.expect("files");
    assert_eq!(
        listed
            .iter()
            .map(|f| (f.kind, f.file_name.as_str(), f.lines, f.added))
            .collect::<Vec<_>>(),
        [
            (ImportKind::Statement, "结算单.csv", 3, 3),
            (ImportKind::Statement, "结算单-4月.csv", 1, 1)
        ]
    );
}

/// The import phases each file of the batch reported, by file index.
fn phases_of(log: &EventLog, index: u32) -> Vec<ImportPhase> {
    log.events()
        .into_iter()
        .filter_map(|e| match e {
            AppEvent::ImportProgress(p) if p.file_index == index => Some(p.phase),
            _ => None,
        })
        .collect()
}

/// A file with the source of the file stored last of its kind (the same bytes, read the
/// same way) is recorded without being parsed or stored line by line: no Parsing or
/// Storing progress, that file's line count and encoding, nothing changed. Any other file
/// is parsed and stored as before: after another file of its kind, in the batch or
/// before it, and under a workbook's name, where the same bytes are refused.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_imported_again_is_recorded_unread_only_while_it_is_the_last_of_its_kind() {
    let (log, dir, files, ctx) = opened_with_files().await;
    let unread = |phases: &[ImportPhase]| {
        phases.first() == Some(&ImportPhase::Reading)
            && phases.last() == Some(&ImportPhase::Done)
            && !phases.contains(&ImportPhase::Parsing)
            && !phases.contains(&ImportPhase::Storing)
    };
    let first = ctx
        .import_settlement_file(ImportKind::Bank, s(&files.bank), None)
        .await
        .expect("bank");
    assert_eq!(
        (first.lines, first.added, first.encoding.as_str()),
        (3, 3, "GB18030")
    );
    assert!(!unread(&phases_of(&log, 0)));

    log.clear();
    let copy = dir.path().join("银行流水 (1).csv");
    std::fs::copy(&files.bank, &copy).expect("copy");
    let again = ctx
        .import_settlement_files(ImportKind::Bank, vec![s(&files.bank), s(&copy)], None)
        .await
        .expect("again");
    for (index, r) in again.iter().enumerate() {
        assert_eq!(
            (r.lines, r.added, r.already_present, r.encoding.as_str()),
            (3, 0, 3, "GB18030"),
            "{}",
            r.file_name
        );
        let phases = phases_of(&log, u32::try_from(index).expect("index"));
        assert!(unread(&phases), "{}: {phases:?}", r.file_name);
    }
    let done = log.events().into_iter().rev().find_map(|e| match e {
        AppEvent::ImportProgress(p) if p.phase == ImportPhase::Done => Some((p.done, p.total)),
        _ => None,
    });
    assert_eq!(done, Some((3, 3)));
    assert!(!data_changed(&log), "nothing changed");

    // Another bank file, then the first again, in one batch and then alone: each is read.
    let april = dir.path().join("银行流水-4月.csv");
    std::fs::write(
        &april,
        "交易日期,收入金额,流水号
2026-04-06,66.00,TX9
",
    )
    .expect("write");
    log.clear();
    let batch = ctx
        .import_settlement_files(ImportKind::Bank, vec![s(&april), s(&files.bank)], None)
        .await
        .expect("batch");
    assert_eq!(
        batch
            .iter()
            .map(|r| (r.added, r.already_present))
            .collect::<Vec<_>>(),
        [(1, 0), (0, 3)]
    );
    assert!(!unread(&phases_of(&log, 0)) && !unread(&phases_of(&log, 1)));
    log.clear();
    let alone = ctx
        .import_settlement_file(ImportKind::Bank, s(&april), None)
        .await
        .expect("april again");
    assert_eq!(
        (alone.lines, alone.added, alone.encoding.as_str()),
        (1, 0, "UTF-8")
    );
    assert!(!unread(&phases_of(&log, 0)), "the last file was another");
    log.clear();
    ctx.import_settlement_file(ImportKind::Bank, s(&april), None)
        .await
        .expect("april once more");
    assert!(unread(&phases_of(&log, 0)));

    // The same bytes as the last bank file, named as a workbook: read, and refused.
    let workbook = dir.path().join("银行流水.xlsx");
    std::fs::copy(&april, &workbook).expect("copy");
    let err = ctx
        .import_settlement_file(ImportKind::Bank, s(&workbook), None)
        .await
        .expect_err("not a workbook");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("银行流水.xlsx"), "{}", err.message);
    assert_eq!(ctx.import_files().await.expect("files").len(), 7);
    assert_eq!(line_counts(dir.path()).bank, 4);

    // Statements: a later export moves T5's failed payout to settled; the older export
    // read again (not the last file) puts it back; read once more, it is recorded unread
    // and changes nothing.
    ctx.import_settlement_file(ImportKind::Expected, s(&files.expected), None)
        .await
        .expect("expected");
    let later = dir.path().join("结算单-更新.csv");
    std::fs::write(&later, STATEMENT_CSV.replace("提现失败", "已结算")).expect("write");
    let failed = |v: &ReconcileView| tally(v, ClassCode::PayoutFailed).count;
    let (mut seen, mut updated) = (Vec::new(), Vec::new());
    for (path, unread_now) in [
        (&files.statement, false),
        (&later, false),
        (&files.statement, false),
        (&files.statement, true),
    ] {
        log.clear();
        let r = ctx
            .import_settlement_file(ImportKind::Statement, s(path), None)
            .await
            .expect("statement");
        updated.push(r.updated);
        assert_eq!(
            unread(&phases_of(&log, 0)),
            unread_now,
            "{}",
            path.display()
        );
        assert_eq!(
            data_changed(&log),
            !unread_now,
            "a status changed: {}",
            path.display()
        );
        let view = ctx
            .reconcile_saved(Some(AS_OF.into()))
            .await
            .expect("reconcile");
        seen.push(failed(&view));
    }
    assert_eq!(
        seen,
        [1, 0, 1, 1],
        "T5's payout: failed, settled, failed again, as it was"
    );
    assert_eq!(
        updated,
        [0, 1, 1, 0],
        "lines whose payout status an import changed"
    );
    ctx.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_lines_a_discrepancy_names_make_a_manual_match() {
    let dir = tempfile::tempdir().expect("tempdir");
    let expected = dir.path().join("应收.csv");
    std::fs::write(&expected, "task_id,amount,due_date\nT3,300.00,2026-03-01\n").expect("write");
    // The platform booked T3's payment under a mistyped task id.
    let statement = dir.path().join("结算单.csv");
    std::fs::write(
        &statement,
        "结算单号,任务ID,结算金额,结算日期,状态\nJS1,T3x,300.00,2026-03-05,已结算\n",
    )
    .expect("write");
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    ctx.import_settlement_file(ImportKind::Expected, s(&expected), None)
        .await
        .expect("import");
    ctx.import_settlement_file(ImportKind::Statement, s(&statement), None)
        .await
        .expect("import");

    let view = look(&ctx, AS_OF).await;
    let of = |class: &str| {
        view.rows
            .iter()
            .find(|r| r.class.as_str() == class)
            .unwrap_or_else(|| panic!("no {class} row in {view:#?}"))
            .refs
            .clone()
    };
    let missing = of("missing_payout");
    let unexpected = of("unexpected_payout");
    assert!(missing.statement.is_empty() && missing.bank.is_empty());
    assert_eq!(
        (unexpected.expected.as_ref(), unexpected.statement.len()),
        (None, 1)
    );

    ctx.decide(DecisionInput {
        action: DecisionAction::ManualMatch,
        kind: MatchKind::Task,
        expected: missing.expected.clone(),
        statement: unexpected.statement.clone(),
        bank: vec![],
    })
    .await
    .expect("decide");
    let after = look(&ctx, AS_OF).await;
    assert_eq!(tally(&after, ClassCode::Matched).count, 1, "{after:#?}");
    assert!(after.rows.is_empty(), "{:#?}", after.rows);
    let task = after
        .matches
        .iter()
        .find(|m| m.kind == MatchKind::Task)
        .expect("task match");
    assert_eq!(task.origin, MatchOrigin::Manual);
    assert_eq!(task.expected_key, missing.expected);
}

const FAILED_STATEMENT_CSV: &str = "结算单号,任务ID,结算金额,结算日期,状态\n\
JS3,T5,500.00,2026-04-02,提现失败\n\
JS3,T6,250.50,2026-04-02,提现失败\n\
JS4,T7,99.00,2026-04-02,已结算\n";

const INVOICES_CSV: &str = "statement_id,sent_date,tracking_no\n\
JS3,2026-04-03,SF1234567890\n\
JS4,2026-04-03,YT0000000001\n";

async fn failed_payout_ctx(dir: &Path) -> Arc<Context> {
    let statement = dir.join("结算单.csv");
    std::fs::write(&statement, FAILED_STATEMENT_CSV).expect("write");
    let invoices = dir.join("发票.csv");
    std::fs::write(&invoices, INVOICES_CSV).expect("write");
    let ctx = Context::open(options(dir), Arc::new(NoEvents))
        .await
        .expect("open");
    ctx.import_settlement_file(ImportKind::Statement, s(&statement), None)
        .await
        .expect("import");
    ctx.import_settlement_file(ImportKind::Invoices, s(&invoices), None)
        .await
        .expect("import");
    ctx
}

fn fix_input(cancellable: bool, regenerated: Option<&str>) -> PayoutFixInput {
    PayoutFixInput {
        statement_id: "JS3".into(),
        account_name: "杭州小星文化传媒有限公司".into(),
        card_number: "6222 0000 1111 9999".into(),
        bank_branch: "招商银行杭州分行".into(),
        cancellable,
        regenerated_amount: regenerated.map(str::to_string),
        nickname: Some("小星".into()),
    }
}

/// R-SETTLE-2: the statement's account against the saved contract account; R-SETTLE-3:
/// cancellable, regenerated higher → supplementary invoice and the e-mail with the
/// tracking numbers.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_settle_2_3_the_fix_guide_checks_the_account_and_drafts_the_email() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = failed_payout_ctx(dir.path()).await;

    // Before the contract account is saved: no check, the statement's name stands in.
    let guide = ctx.payout_fix(fix_input(true, None)).await.expect("fix");
    assert_eq!(guide.checks, None);
    assert_eq!(guide.invoiced_amount, "750.50", "both JS3 lines");
    assert_eq!(guide.rule, "R-SETTLE-3");
    assert_eq!(
        guide
            .steps
            .iter()
            .map(|s| s.code.as_str())
            .collect::<Vec<_>>(),
        [
            "cancel_statement",
            "correct_bank_account",
            "regenerate_next_month",
            "compare_regenerated_amount",
            "send_email"
        ]
    );

    assert_eq!(ctx.contract_account().await.expect("account"), None);
    let saved = ctx
        .set_contract_account(ContractAccountInput {
            company_name: "杭州小星文化传媒有限公司".into(),
            card_number: "6222 0000 1111 8888".into(),
            bank_branch: "招商银行杭州分行".into(),
        })
        .await
        .expect("save");
    assert_eq!(saved.card_number_masked, "****8888");
    let shown = ctx
        .contract_account()
        .await
        .expect("account")
        .expect("saved");
    assert_eq!(shown, saved);
    assert!(
        !format!("{shown:?}").contains("62220000"),
        "the card number never leaves unmasked"
    );

    let guide = ctx
        .payout_fix(fix_input(true, Some("¥770.50")))
        .await
        .expect("fix");
    let checks = guide.checks.expect("checked against the contract");
    assert_eq!(
        checks
            .iter()
            .map(|c| (c.field.as_str(), c.passed))
            .collect::<Vec<_>>(),
        [
            ("account_name", true),
            ("card_number", false),
            ("bank_branch", true)
        ]
    );
    assert_eq!(
        (
            checks[1].on_statement.as_str(),
            checks[1].contracted.as_str()
        ),
        ("****9999", "****8888")
    );
    assert!(
        !checks[1].hidden_difference,
        "****9999 and ****8888 differ in what the window shows"
    );
    assert_eq!(guide.supplementary_invoice.as_deref(), Some("20.00"));
    let issue = guide
        .steps
        .iter()
        .find(|s| s.code == FixStepCode::IssueSupplementaryInvoice)
        .expect("a supplementary invoice step");
    assert_eq!(issue.amount.as_deref(), Some("20.00"));
    assert_eq!(guide.tracking_numbers, ["SF1234567890"]);
    assert_eq!(
        guide.email_subject,
        "【即合打款失败】小星-杭州小星文化传媒有限公司"
    );
    assert!(
        guide.email_body.contains("SF1234567890"),
        "{}",
        guide.email_body
    );
    assert!(
        !guide.email_body.contains("YT0000000001"),
        "JS4's invoice is not ours"
    );

    // Deleted on its own: gone, and the guide no longer checks against it.
    ctx.delete_contract_account().await.expect("delete");
    assert_eq!(ctx.contract_account().await.expect("account"), None);
    let guide = ctx
        .payout_fix(fix_input(true, Some("¥770.50")))
        .await
        .expect("fix");
    assert_eq!(guide.checks, None, "no contract account to check against");
}

/// R-SETTLE-4: no longer cancellable → print, correct, stamp, scan, e-mail, change.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn r_settle_4_a_statement_past_cancelling_gets_the_scan_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ctx = failed_payout_ctx(dir.path()).await;
    let guide = ctx
        .payout_fix(fix_input(false, Some("900")))
        .await
        .expect("fix");
    assert_eq!(guide.rule, "R-SETTLE-4");
    assert_eq!(guide.supplementary_invoice, None, "amounts play no part");
    assert_eq!(
        guide
            .steps
            .iter()
            .map(|s| s.code.as_str())
            .collect::<Vec<_>>(),
        [
            "print_statement",
            "correct_account_on_last_page",
            "stamp_correction",
            "scan_to_one_pdf",
            "send_email",
            "change_account_on_platform"
        ]
    );
    assert_eq!(
        guide.email_subject,
        "【即合打款失败】小星--正确结算单扫描件"
    );

    let mut unknown = fix_input(true, None);
    unknown.statement_id = "JS404".into();
    let err = ctx
        .payout_fix(unknown)
        .await
        .expect_err("no such statement");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = ctx
        .payout_fix(fix_input(true, Some("七百")))
        .await
        .expect_err("not an amount");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(
        err.message.contains("regenerated_amount"),
        "{}",
        err.message
    );
    let err = ctx
        .set_contract_account(ContractAccountInput {
            company_name: "公司".into(),
            card_number: "6222-0000".into(),
            bank_branch: "支行".into(),
        })
        .await
        .expect_err("not digits");
    assert!(err.message.contains("card_number"), "{}", err.message);
}

/// At more rows than a page: the window reaches every row a page at a time, the class
/// filter and the search cover every row (not only a first slice), and a change made
/// by another process on the same data directory is seen at the next look.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_filters_cover_every_row_and_the_export_gets_them_all() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().expect("tempdir");
    // 1,200 tasks expected and never paid (missing payouts, listed first) ...
    let lines = 1_200;
    let mut csv = String::from("task_id,amount,due_date\n");
    for i in 0..lines {
        writeln!(csv, "T{i},10.00,2026-03-01").expect("write");
    }
    let path = dir.path().join("expected.csv");
    std::fs::write(&path, csv).expect("write");
    // ... and three payouts nobody expected, listed after all of them.
    let statement = dir.path().join("statement.csv");
    std::fs::write(
        &statement,
        "statement_id,task_id,amount,date,status\n\
         JSX1,X1,5.00,2026-03-05,已结算\n\
         JSX2,X2,6.00,2026-03-05,已结算\n\
         JSX2,X3,7.00,2026-03-05,已结算\n",
    )
    .expect("write");
    let ctx = Context::open(options(dir.path()), Arc::new(NoEvents))
        .await
        .expect("open");
    ctx.import_settlement_file(ImportKind::Expected, s(&path), None)
        .await
        .expect("import");
    ctx.import_settlement_file(ImportKind::Statement, s(&statement), None)
        .await
        .expect("import");

    let view = ctx
        .reconcile_saved(Some(AS_OF.into()))
        .await
        .expect("reconcile");
    assert_eq!(view.rows_total as usize, lines + 3);
    let query =
        |classes: Vec<ClassCode>, search: &str, offset: u32, limit: u32| ReconcilePageQuery {
            as_of: Some(AS_OF.into()),
            classes,
            search: search.into(),
            offset,
            limit,
        };
    let first = ctx
        .reconcile_discrepancies(query(vec![], "", 0, 50))
        .await
        .expect("page");
    assert_eq!((first.total as usize, first.rows.len()), (lines + 3, 50));
    let last = ctx
        .reconcile_discrepancies(query(vec![], "", 1_190, 50))
        .await
        .expect("page");
    assert_eq!(last.rows.len(), 13, "the rest: 1,203 − 1,190");
    assert_eq!(
        last.rows[0].index, 1_190,
        "positions count from the first row"
    );
    let capped = ctx
        .reconcile_discrepancies(query(vec![], "", 0, 100_000))
        .await
        .expect("page");
    assert_eq!(capped.rows.len(), 500, "a page is 500 rows at most");

    // The class filter finds the three unexpected payouts wherever they are.
    let unexpected = ctx
        .reconcile_discrepancies(query(vec![ClassCode::UnexpectedPayout], "", 0, 50))
        .await
        .expect("filtered");
    assert_eq!(
        unexpected
            .rows
            .iter()
            .map(|r| r.task_id.as_str())
            .collect::<Vec<_>>(),
        ["X1", "X2", "X3"]
    );
    assert_eq!(unexpected.total, 3);
    assert!(unexpected.rows.iter().all(|r| r.index as usize >= lines));
    // The search looks at every id, in any case.
    let found = ctx
        .reconcile_discrepancies(query(vec![], "t1199", 0, 50))
        .await
        .expect("search");
    assert_eq!(
        found
            .rows
            .iter()
            .map(|r| r.task_id.as_str())
            .collect::<Vec<_>>(),
        ["T1199"]
    );
    let by_statement = ctx
        .reconcile_discrepancies(query(
            vec![ClassCode::UnexpectedPayout, ClassCode::MissingPayout],
            "jsx2",
            0,
            50,
        ))
        .await
        .expect("search");
    assert_eq!(by_statement.total, 2, "JSX2 holds X2 and X3");
    let none = ctx
        .reconcile_discrepancies(query(vec![ClassCode::MissingPayout], "jsx2", 0, 50))
        .await
        .expect("search");
    assert_eq!(none.total, 0, "class and search both apply");

    // Another process (the CLI) imports into the same data directory: the next look sees it.
    let more = dir.path().join("more.csv");
    std::fs::write(
        &more,
        "statement_id,task_id,amount,date,status\nJSX3,X4,8.00,2026-03-06,已结算\n",
    )
    .expect("write");
    {
        let other = Context::open(options(dir.path()), Arc::new(NoEvents))
            .await
            .expect("open a second context");
        other
            .import_settlement_file(ImportKind::Statement, s(&more), None)
            .await
            .expect("import");
    }
    let again = ctx
        .reconcile_discrepancies(query(vec![ClassCode::UnexpectedPayout], "", 0, 50))
        .await
        .expect("filtered");
    assert_eq!(again.total, 4, "the kept result is not used after a change");

    let report = dir.path().join("report.csv");
    ctx.export_report(s(&report), ReportFormat::Csv, Some(AS_OF.into()))
        .await
        .expect("export");
    let text = std::fs::read_to_string(&report).expect("read");
    assert_eq!(
        text.lines().count(),
        lines + 4 + 1,
        "a header and every row"
    );
}

#[test]
fn every_field_the_importer_names_is_an_import_field() {
    for kind in [
        ImportKind::Statement,
        ImportKind::Bank,
        ImportKind::Expected,
        ImportKind::Invoices,
    ] {
        let fields = stardesk_core::settlements::imports::kind_fields(kind)
            .unwrap_or_else(|e| panic!("{kind:?}: {}", e.message));
        assert!(
            fields.iter().any(|f| f.required),
            "{kind:?} requires something"
        );
    }
}

/// In the app, the window may import or preview only files the user picked or dropped:
/// a compromised page cannot make it read (and echo in errors) any other file.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_granted_paths_are_read_when_the_context_is_restricted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = write_files(dir.path());
    let secret = dir.path().join("id_rsa");
    std::fs::write(&secret, "-----BEGIN OPENSSH PRIVATE KEY-----\n").expect("write");
    let ctx = Context::open(
        ContextOptions {
            granted_paths_only: true,
            ..options(dir.path())
        },
        Arc::new(NoEvents),
    )
    .await
    .expect("open");
    for path in [&secret, &files.statement] {
        let import = ctx
            .import_settlement_files(ImportKind::Statement, vec![s(path)], None)
            .await
            .expect_err("not granted");
        assert_eq!(import.code, ErrorCode::PermissionDenied);
        assert!(
            !import.message.contains("PRIVATE KEY"),
            "{}",
            import.message
        );
        let preview = ctx
            .preview_settlement_file(ImportKind::Statement, s(path))
            .await
            .expect_err("not granted");
        assert_eq!(preview.code, ErrorCode::PermissionDenied);
    }
    assert!(ctx.import_files().await.expect("files").is_empty());

    ctx.grant_paths(&[&files.statement]);
    ctx.preview_settlement_file(ImportKind::Statement, s(&files.statement))
        .await
        .expect("a granted preview");
    let imported = ctx
        .import_settlement_files(ImportKind::Statement, vec![s(&files.statement)], None)
        .await
        .expect("a granted import");
    assert_eq!(imported[0].added, 3);
    // One file not granted in a batch refuses the whole batch.
    let mixed = ctx
        .import_settlement_files(
            ImportKind::Statement,
            vec![s(&files.statement), s(&secret)],
            None,
        )
        .await
        .expect_err("one not granted");
    assert_eq!(mixed.code, ErrorCode::PermissionDenied);
    ctx.shutdown().await;
}
