//! Reconciliation of exported files, stateless: files in, report out, nothing stored
//! (`stardesk reconcile`, and `stardesk tax` with [`tax_check_files`]). The stored
//! reconciliation is `crate::settlements`.
//!
//! Reads the platform's statements, the bank's statements, the expected earnings and the
//! invoices, reconciles them with `stardesk_domain::reconcile`, and reports the outcome
//! in the shape the CLI prints and the UI shows.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use serde::Serialize;
use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::{ExpectedRecord, LineKey, StatementRecord};
use stardesk_domain::reconcile::summary::summarize_task_parts;
use stardesk_domain::reconcile::{
    reconcile_records, ReconcileOptions, Reconciliation, RecordInputs, Summary,
};
use stardesk_domain::tax::TaxTable;
use stardesk_import::{ImportError, Imported};

use crate::error::{AppError, ErrorCode};
use crate::settlements::report::ipc::ClassCode;
use crate::settlements::report::{discrepancy_rows, tally, ReportRow};
use crate::settlements::tax::check_lines;
use crate::settlements::tax::ipc::TaxCheckView;

mod scan;

/// The files of one reconciliation run.
#[derive(Debug, Clone, Default)]
pub struct ReconcileFiles {
    pub statements: Vec<PathBuf>,
    pub bank: Vec<PathBuf>,
    pub expected: Vec<PathBuf>,
    pub invoices: Vec<PathBuf>,
    /// The day "overdue" and "due" are judged on.
    pub as_of: NaiveDate,
    /// Only the summary is wanted: the report rows are left empty (a caller printing
    /// counts and totals saves building a row, with its reasons, per discrepancy).
    pub summary_only: bool,
}

/// The outcome: the summary and one report row per discrepancy. Also what
/// `Context::saved_report` gives of the stored reconciliation, so `stardesk reconcile`
/// and `stardesk settlements report` print one shape.
#[derive(Debug, Clone)]
pub struct ReconcileReport {
    pub summary: SummaryJson,
    pub rows: Vec<ReportRow>,
}

impl ReconcileReport {
    /// The report of a reconciliation of `expected` and `statement` (its task matches
    /// listed, unless `summary_only`): the one place its summary and rows are built. With
    /// `summary_only` the rows are left empty.
    pub(crate) fn of<E: ExpectedRecord, S: StatementRecord>(
        result: &Reconciliation<'_>,
        expected: &[E],
        statement: &[S],
        summary_only: bool,
    ) -> Self {
        ReconcileReport {
            summary: SummaryJson::of(&result.summary),
            rows: if summary_only {
                Vec::new()
            } else {
                discrepancy_rows(result, expected, statement)
            },
        }
    }
}

/// What `stardesk reconcile --json` prints: `counts` and `totals`, each with exactly the
/// keys of [`ClassCounts`] (a documented contract of the CLI; `unexpected_payout` is not
/// one of them — its lines are in the report rows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SummaryJson {
    pub counts: ClassCounts,
    pub totals: ClassTotals,
}

/// Counts per class, the CLI's keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassCounts {
    pub matched: u64,
    pub amount_mismatch: u64,
    pub missing_payout: u64,
    pub duplicate_payout: u64,
    pub payout_failed: u64,
    pub payout_overdue: u64,
    pub unexpected_credit: u64,
}

/// Totals per class, decimal strings in yuan: the sum of the differences for
/// mismatches, of the amounts for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassTotals {
    pub matched: String,
    pub amount_mismatch: String,
    pub missing_payout: String,
    pub duplicate_payout: String,
    pub payout_failed: String,
    pub payout_overdue: String,
    pub unexpected_credit: String,
}

impl SummaryJson {
    fn of(s: &Summary) -> Self {
        let count = |c| tally(s, c).count;
        let total = |c| format_yuan(tally(s, c).total);
        SummaryJson {
            counts: ClassCounts {
                matched: count(ClassCode::Matched),
                amount_mismatch: count(ClassCode::AmountMismatch),
                missing_payout: count(ClassCode::MissingPayout),
                duplicate_payout: count(ClassCode::DuplicatePayout),
                payout_failed: count(ClassCode::PayoutFailed),
                payout_overdue: count(ClassCode::PayoutOverdue),
                unexpected_credit: count(ClassCode::UnexpectedCredit),
            },
            totals: ClassTotals {
                matched: total(ClassCode::Matched),
                amount_mismatch: total(ClassCode::AmountMismatch),
                missing_payout: total(ClassCode::MissingPayout),
                duplicate_payout: total(ClassCode::DuplicatePayout),
                payout_failed: total(ClassCode::PayoutFailed),
                payout_overdue: total(ClassCode::PayoutOverdue),
                unexpected_credit: total(ClassCode::UnexpectedCredit),
            },
        }
    }
}

fn import_error(e: ImportError) -> AppError {
    AppError::import(&e)
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
                seen.insert(*key(&line));
                out.push(line);
            }
        }
    }
    Ok(out)
}

/// Reconciles the files. A bad file fails the whole run with an error naming the file,
/// row, column and value; nothing is half-read.
pub fn reconcile_files(req: &ReconcileFiles) -> Result<ReconcileReport, AppError> {
    if let Some(summary) = compact_summary(req)? {
        return Ok(ReconcileReport {
            summary: SummaryJson::of(&summary),
            rows: Vec::new(),
        });
    }
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
    // The rows' per-task columns need the task matches; the summary alone does not.
    options.list_task_matches = !req.summary_only;
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
    Ok(ReconcileReport::of(
        &result,
        &expected,
        &statement,
        req.summary_only,
    ))
}

/// The summary alone of one statement and at most one expected-earnings file, from
/// compact lines (`stardesk_domain::reconcile::summary`): the summary the full run
/// gives, in a fraction of its time and memory, since no line record, match or
/// discrepancy is built and each file's bytes are let go once read. `None` when the
/// request (rows wanted; bank statements, invoices or several files, which need line
/// keys) or the files (an id or amount without a compact form; a task the summary
/// cannot settle alone) need the full run. Errors are the full run's: the statement is
/// read first, as there.
fn compact_summary(req: &ReconcileFiles) -> Result<Option<Summary>, AppError> {
    let plain = req.summary_only
        && req.bank.is_empty()
        && req.invoices.is_empty()
        && req.statements.len() == 1
        && req.expected.len() <= 1;
    if !plain {
        return Ok(None);
    }
    // Both files read in chunks, in parts shared out among the cores, while they are
    // plain; what is not (or cannot be read so) goes through the import, statement
    // first, as in the full run.
    let (statement, expected) = scan::scan_files(&req.statements[0], req.expected.first());
    let Some(statement) = or_import(
        statement,
        &req.statements[0],
        stardesk_import::import_statement_compact,
    )?
    else {
        return Ok(None);
    };
    let expected = match req.expected.first() {
        Some(path) => match or_import(expected, path, stardesk_import::import_expected_compact)? {
            Some(parts) => parts,
            None => return Ok(None),
        },
        None => Vec::new(),
    };
    Ok(summarize_task_parts(&expected, &statement, req.as_of))
}

/// The parts a scan gave, or else the import's compact lines of the file as one part
/// (`None` when they have no compact form; an error naming the bad cell).
fn or_import<T>(
    scanned: Option<scan::Parts<T>>,
    path: &Path,
    import: impl Fn(&str, &[u8]) -> Result<Option<Vec<T>>, ImportError>,
) -> Result<Option<scan::Parts<T>>, AppError> {
    if scanned.is_some() {
        return Ok(scanned);
    }
    let (name, bytes) = read(path)?;
    Ok(import(&name, &bytes)
        .map_err(import_error)?
        .map(|lines| vec![lines.into()]))
}

/// The tax check of statement files (see `crate::settlements::tax`): a line found in two
/// files counts once, as in [`reconcile_files`]; `year` shows that calendar year only,
/// computed over every month of the files. A bad file fails with an error naming the
/// file, row, column and value.
pub fn tax_check_files(
    statements: &[PathBuf],
    year: Option<i32>,
) -> Result<TaxCheckView, AppError> {
    let lines = import_all(statements, stardesk_import::import_statement_lean, |l| {
        &l.key
    })?;
    Ok(check_lines(&lines, year, &TaxTable::china()))
}
