//! The stored reconciliation's commands: `settlements import|report|files|delete`, over the
//! same data directory as the app's Settlements page; and the report printer shared with
//! `stardesk reconcile`. Their flags and JSON keys are a contract (README, "CLI").

use std::path::{Path, PathBuf};

use clap::{Subcommand, ValueEnum};
use serde_json::{json, Value};
use stardesk_core::file_reconciliation::ReconcileReport;
use stardesk_core::ipc::{ImportKind, ImportResult, ReportFormat};
use stardesk_core::settlements::report::write_report;
use stardesk_core::{AppError, Context};

use crate::print_json;

#[derive(Debug, Subcommand)]
pub enum SettlementsAction {
    /// Import files of one kind into the data directory, as the app does: every file is
    /// checked before any is stored (a bad row stores nothing), and lines already stored
    /// are counted as already present, not added again. Progress goes to stderr.
    Import {
        #[arg(long, value_enum)]
        kind: KindArg,
        /// The files (CSV: UTF-8, UTF-8 BOM, GBK, UTF-16; or XLSX/XLS).
        #[arg(required = true, num_args = 1..)]
        files: Vec<PathBuf>,
        /// A mapping profile saved in the app (by name) for an unusual layout; default:
        /// columns are found by their headers.
        #[arg(long)]
        profile: Option<String>,
        /// Print one JSON object: `added` and `already_present` (totals), `lines`, `kind`,
        /// `files`.
        #[arg(long)]
        json: bool,
    },
    /// The saved reconciliation (the stored lines with the decisions taken in the app),
    /// as the Settlements page shows it. Prints a summary (or JSON with --json, the shape
    /// of `stardesk reconcile --json`); --out writes the report.
    Report {
        /// The day to judge "due" and "overdue" on (default: today), e.g. 2026-03-05.
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
        /// Write the report (one row per discrepancy): XLSX when FILE ends in .xlsx, CSV
        /// otherwise.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print one JSON object: `counts` and `totals` by class.
        #[arg(long)]
        json: bool,
    },
    /// The imported files, oldest first: id, kind, name, when, rows read and rows added
    /// (the id is what `delete --file` takes).
    Files {
        /// Print a JSON array: `id`, `kind`, `file_name`, `imported_at`, `encoding`,
        /// `lines`, `added`.
        #[arg(long)]
        json: bool,
    },
    /// Delete every imported line, file record and decision, and the contract account
    /// (mapping profiles stay); with --file, only the lines that file added and its
    /// record. Needs --yes.
    Delete {
        /// Only this imported file (an id from `settlements files`): the lines it added go
        /// (lines it shared with a file imported earlier stay), decisions stay.
        #[arg(long, value_name = "ID")]
        file: Option<String>,
        /// Yes, delete.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum KindArg {
    /// The platform's settlement statement (结算单明细).
    Statement,
    /// A bank statement (银行流水).
    Bank,
    /// Expected earnings (应收明细: task_id, amount, due_date).
    Expected,
    /// Invoices mailed (statement_id, sent_date, tracking_no).
    Invoices,
}

impl From<KindArg> for ImportKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Statement => ImportKind::Statement,
            KindArg::Bank => ImportKind::Bank,
            KindArg::Expected => ImportKind::Expected,
            KindArg::Invoices => ImportKind::Invoices,
        }
    }
}

/// What `delete` without `--yes` says; checked before the data directory is opened.
pub fn refuse_delete(file: Option<&str>) -> AppError {
    match file {
        Some(id) => AppError::invalid_input(format!(
            "this deletes the lines imported file {id} added and its record, for good; add \
             --yes to delete them"
        )),
        None => AppError::invalid_input(
            "this deletes every imported settlement line, file record and decision, and the \
             contract account, for good; add --yes to delete them",
        ),
    }
}

pub async fn run(ctx: &Context, action: SettlementsAction) -> Result<(), AppError> {
    match action {
        SettlementsAction::Import {
            kind,
            files,
            profile,
            json,
        } => import(ctx, kind.into(), files, profile, json).await,
        SettlementsAction::Report { as_of, out, json } => report(ctx, as_of, out, json).await,
        SettlementsAction::Files { json } => files(ctx, json).await,
        SettlementsAction::Delete { file, yes: false } => Err(refuse_delete(file.as_deref())),
        SettlementsAction::Delete {
            file: Some(id),
            yes: true,
        } => {
            let deleted = ctx.delete_import_file(id.clone()).await?;
            let plural = |n: u32| if n == 1 { "" } else { "s" };
            eprintln!(
                "deleted file {id} ({}, {}): {} lines{}{}",
                deleted.file_name,
                deleted.kind.as_str(),
                deleted.lines_removed,
                match deleted.lines_restored {
                    0 => String::new(),
                    n => format!(
                        "; put back the payout status or amounts it had changed on {n} line{}",
                        plural(n)
                    ),
                },
                match &deleted.kept_by {
                    Some(heir) => format!(
                        "; kept {} line{}: file {} ({}) has the same lines",
                        deleted.lines_kept,
                        plural(deleted.lines_kept),
                        heir.id,
                        heir.file_name
                    ),
                    None => String::new(),
                }
            );
            Ok(())
        }
        SettlementsAction::Delete {
            file: None,
            yes: true,
        } => {
            ctx.delete_settlement_data().await?;
            eprintln!("deleted all settlement data (mapping profiles kept)");
            Ok(())
        }
    }
}

/// `stardesk settlements files [--json]`.
async fn files(ctx: &Context, json: bool) -> Result<(), AppError> {
    let files = ctx.import_files().await?;
    if json {
        return print_json(&files);
    }
    if files.is_empty() {
        println!("no imported files");
        return Ok(());
    }
    println!(
        "{:>5}  {:10}  {:20}  {:>9}  {:>9}  file",
        "id", "kind", "imported", "lines", "added"
    );
    for f in &files {
        println!(
            "{:>5}  {:10}  {:20}  {:>9}  {:>9}  {}",
            f.id,
            f.kind.as_str(),
            f.imported_at,
            f.lines,
            f.added,
            f.file_name
        );
    }
    Ok(())
}

fn path_text(path: &Path) -> Result<String, AppError> {
    path.to_str().map(str::to_string).ok_or_else(|| {
        AppError::invalid_input(format!("{}: the path is not UTF-8", path.display()))
    })
}

/// `{"added", "already_present", "lines", "kind", "files": [...]}`: totals over the files,
/// then each file in the order given.
fn import_json(kind: ImportKind, paths: &[String], results: &[ImportResult]) -> Value {
    let sum = |f: fn(&ImportResult) -> u32| results.iter().map(|r| u64::from(f(r))).sum::<u64>();
    json!({
        "added": sum(|r| r.added),
        "already_present": sum(|r| r.already_present),
        "lines": sum(|r| r.lines),
        "kind": kind,
        "files": paths.iter().zip(results).map(|(path, r)| json!({
            "path": path,
            "file_name": r.file_name,
            "kind": r.kind,
            "encoding": r.encoding,
            "lines": r.lines,
            "added": r.added,
            "already_present": r.already_present,
        })).collect::<Vec<_>>(),
    })
}

/// `stardesk settlements import --kind K FILE… [--profile NAME] [--json]`.
async fn import(
    ctx: &Context,
    kind: ImportKind,
    files: Vec<PathBuf>,
    profile: Option<String>,
    json: bool,
) -> Result<(), AppError> {
    let paths = files
        .iter()
        .map(|p| path_text(p))
        .collect::<Result<Vec<_>, _>>()?;
    // Files are checked together but stored one by one: when storing one fails, the files
    // before it stay imported; say which: those with an id above the last one before (ids
    // are never given twice, so a file deleted meanwhile cannot shift the list).
    let file_id = |f: &stardesk_core::ipc::ImportFileView| f.id.parse::<i64>().unwrap_or(0);
    let known = match paths.len() {
        1 => None,
        _ => Some(
            ctx.import_files()
                .await?
                .iter()
                .map(file_id)
                .max()
                .unwrap_or(0),
        ),
    };
    let results = match ctx
        .import_settlement_files(kind, paths.clone(), profile)
        .await
    {
        Ok(results) => results,
        Err(e) => {
            if let (Some(known), Ok(files)) = (known, ctx.import_files().await) {
                for f in files.iter().filter(|f| file_id(f) > known) {
                    eprintln!(
                        "kept from this command: {} ({} lines, {} added)",
                        f.file_name, f.lines, f.added
                    );
                }
            }
            return Err(e);
        }
    };
    if json {
        return print_json(&import_json(kind, &paths, &results));
    }
    for r in &results {
        println!(
            "{}: {} lines, {} added, {} already present ({})",
            r.file_name, r.lines, r.added, r.already_present, r.encoding
        );
    }
    if results.len() > 1 {
        let added: u64 = results.iter().map(|r| u64::from(r.added)).sum();
        let present: u64 = results.iter().map(|r| u64::from(r.already_present)).sum();
        println!("total: {added} added, {present} already present");
    }
    Ok(())
}

/// XLSX for a `.xlsx` file name, CSV for anything else.
fn report_format(path: &Path) -> ReportFormat {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("xlsx") => ReportFormat::Xlsx,
        _ => ReportFormat::Csv,
    }
}

/// `stardesk settlements report [--as-of DATE] [--out FILE] [--json]`.
async fn report(
    ctx: &Context,
    as_of: Option<chrono::NaiveDate>,
    out: Option<PathBuf>,
    json: bool,
) -> Result<(), AppError> {
    // Today as `stardesk reconcile` takes it (China's calendar, the platform's).
    let as_of = as_of.unwrap_or_else(stardesk_core::china_today);
    // `--json` prints the summary only; the rows are for `--out` and the text view.
    let summary_only = json && out.is_none();
    let report = ctx
        .saved_report(Some(as_of.to_string()), summary_only)
        .await?;
    let out = out.map(|p| {
        let format = report_format(&p);
        (p, format)
    });
    tokio::task::spawn_blocking(move || print_report(&report, out.as_ref(), json))
        .await
        .map_err(|e| AppError::new(stardesk_core::ErrorCode::Internal, e.to_string()))?
}

/// Writes the report to `out` if given, then prints it: the summary as JSON (one object
/// `{"counts": {...}, "totals": {...}}`) or as text with the first discrepancies. The one
/// printer of `stardesk reconcile` and `stardesk settlements report`.
pub fn print_report(
    report: &ReconcileReport,
    out: Option<&(PathBuf, ReportFormat)>,
    json: bool,
) -> Result<(), AppError> {
    if let Some((path, format)) = out {
        write_report(path, *format, &report.rows)?;
    }
    if json {
        return print_json(&report.summary);
    }
    let c = &report.summary.counts;
    let t = &report.summary.totals;
    let lines = [
        ("matched", c.matched, &t.matched),
        ("amount_mismatch", c.amount_mismatch, &t.amount_mismatch),
        ("missing_payout", c.missing_payout, &t.missing_payout),
        ("duplicate_payout", c.duplicate_payout, &t.duplicate_payout),
        ("payout_failed", c.payout_failed, &t.payout_failed),
        ("payout_overdue", c.payout_overdue, &t.payout_overdue),
        (
            "unexpected_credit",
            c.unexpected_credit,
            &t.unexpected_credit,
        ),
    ];
    for (name, count, total) in lines {
        println!("{name:18} {count:>9}  ¥{total}");
    }
    // Not among the JSON's seven classes, but listed below: statement lines no expected
    // line asks for (`matched` pairs expected and statement lines only).
    let unexpected: Vec<_> = report
        .rows
        .iter()
        .filter(|r| r.class.as_str() == "unexpected_payout")
        .collect();
    if !unexpected.is_empty() {
        let total: rust_decimal::Decimal = unexpected
            .iter()
            .filter_map(|r| r.amount.parse::<rust_decimal::Decimal>().ok())
            .sum();
        println!(
            "{:18} {:>9}  ¥{}",
            "unexpected_payout",
            unexpected.len(),
            total.round_dp(2)
        );
    }
    for r in report.rows.iter().take(20) {
        println!("- {}", r.reason_zh);
    }
    if report.rows.len() > 20 {
        println!(
            "… {} more in the report (--out FILE)",
            report.rows.len() - 20
        );
    }
    Ok(())
}
