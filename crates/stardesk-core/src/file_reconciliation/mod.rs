//! Reconciliation of exported files, stateless: files in, report out, nothing stored
//! (`stardesk reconcile`). The stored reconciliation is `crate::settlements`.
//!
//! Reads the platform's statements, the bank's statements, the expected earnings and the
//! invoices, reconciles them with `stardesk_domain::reconcile`, and reports the outcome
//! in the shape the CLI prints and the UI shows.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::LineKey;
use stardesk_domain::reconcile::{reconcile_records, ReconcileOptions, RecordInputs};
use stardesk_import::{ImportError, Imported};

use crate::error::{AppError, ErrorCode};
use crate::settlements::report::ipc::{ReconcileSummary, ReportRow};
use crate::settlements::report::{discrepancy_rows, summary_dto};

/// The files of one reconciliation run.
#[derive(Debug, Clone, Default)]
pub struct ReconcileFiles {
    pub statements: Vec<PathBuf>,
    pub bank: Vec<PathBuf>,
    pub expected: Vec<PathBuf>,
    pub invoices: Vec<PathBuf>,
    /// The day "overdue" and "due" are judged on.
    pub as_of: NaiveDate,
    /// Also list each clean task match in the report rows (large for big files).
    pub list_matches: bool,
    /// Only the summary is wanted: the report rows are left empty (a caller printing
    /// counts and totals saves building a row, with its reasons, per discrepancy).
    pub summary_only: bool,
}

/// The outcome: the summary and one report row per discrepancy (and per match if asked).
#[derive(Debug, Clone)]
pub struct ReconcileReport {
    pub summary: ReconcileSummary,
    pub rows: Vec<ReportRow>,
}

fn import_error(e: ImportError) -> AppError {
    AppError::new(ErrorCode::InvalidInput, e.to_string())
}

fn read(path: &Path) -> Result<(String, Vec<u8>), AppError> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        AppError::new(
            ErrorCode::InvalidInput,
            format!("{name}: cannot read the file: {e}"),
        )
    })?;
    Ok((name, bytes))
}

/// Imports every file of one kind; a line found in two files (an overlapping period, a
/// re-export) counts once, while identical lines inside one file all count (R-SETTLE).
fn import_all<T>(
    paths: &[PathBuf],
    import: impl Fn(&str, &[u8]) -> Result<Imported<T>, ImportError>,
    key: impl Fn(&T) -> &LineKey,
) -> Result<Vec<T>, AppError> {
    let mut out: Vec<T> = Vec::new();
    let mut seen: HashSet<LineKey> = HashSet::new();
    for (i, path) in paths.iter().enumerate() {
        let (name, bytes) = read(path)?;
        let imported = import(&name, &bytes).map_err(import_error)?;
        if paths.len() == 1 {
            return Ok(imported.lines);
        }
        for line in imported.lines {
            if i == 0 || !seen.contains(key(&line)) {
                seen.insert(key(&line).clone());
                out.push(line);
            }
        }
    }
    Ok(out)
}

/// Reconciles the files. A bad file fails the whole run with an error naming the file,
/// row, column and value; nothing is half-read.
pub fn reconcile_files(req: &ReconcileFiles) -> Result<ReconcileReport, AppError> {
    // Lean lines: a million-line statement in less than half the memory of
    // `StatementLine`s, with the same keys and the same reconciliation. The expected
    // file is read on its own thread meanwhile: reading and checking a file has parts
    // that use one core. Errors are reported in the order the files are listed here.
    let (statement, bank, expected, invoices) = std::thread::scope(|scope| {
        let expected = scope.spawn(|| {
            import_all(&req.expected, stardesk_import::import_expected_lean, |l| {
                &l.key
            })
        });
        let statement = import_all(
            &req.statements,
            stardesk_import::import_statement_lean,
            |l| &l.key,
        );
        let bank = import_all(&req.bank, stardesk_import::import_bank, |l| &l.key);
        let invoices = import_all(&req.invoices, stardesk_import::import_invoices, |l| &l.key);
        let expected = expected
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (statement, bank, expected, invoices)
    });
    let (statement, bank) = (statement?, bank?);
    let (expected, invoices) = (expected?, invoices?);
    let mut options = ReconcileOptions::new(req.as_of);
    options.list_task_matches = req.list_matches;
    let result = reconcile_records(
        &RecordInputs {
            expected: &expected,
            statement: &statement,
            bank: &bank,
            invoices: &invoices,
            decisions: &[],
        },
        &options,
    );
    let mut rows = if req.summary_only {
        Vec::new()
    } else {
        discrepancy_rows(&result)
    };
    if req.list_matches && !req.summary_only {
        rows.extend(result.matches.iter().map(|m| ReportRow {
            class: "matched".into(),
            task_id: String::new(),
            statement_id: String::new(),
            txn_id: String::new(),
            date: String::new(),
            amount: format_yuan(Decimal::ZERO),
            reason_zh: format!("{:?}", m.pair()),
            reason_en: format!("{:?}", m.pair()),
        }));
    }
    Ok(ReconcileReport {
        summary: summary_dto(&result.summary),
        rows,
    })
}
