//! Settlement reconciliation over exported files, offline.
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
use stardesk_domain::reconcile::{
    reason_en, reason_zh, reconcile_records, Discrepancy, ReconcileOptions, Reconciliation,
    RecordInputs, Summary, Tally,
};
use stardesk_import::{ImportError, Imported};

use crate::dto::{ClassCounts, ClassTotals, ReconcileSummary, ReportRow};
use crate::error::{AppError, ErrorCode};

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

fn counts(s: &Summary) -> ClassCounts {
    ClassCounts {
        matched: s.matched.count,
        amount_mismatch: s.amount_mismatch.count,
        missing_payout: s.missing_payout.count,
        duplicate_payout: s.duplicate_payout.count,
        payout_failed: s.payout_failed.count,
        payout_overdue: s.payout_overdue.count,
        unexpected_credit: s.unexpected_credit.count,
    }
}

fn totals(s: &Summary) -> ClassTotals {
    let t = |t: &Tally| format_yuan(t.total);
    ClassTotals {
        matched: t(&s.matched),
        amount_mismatch: t(&s.amount_mismatch),
        missing_payout: t(&s.missing_payout),
        duplicate_payout: t(&s.duplicate_payout),
        payout_failed: t(&s.payout_failed),
        payout_overdue: t(&s.payout_overdue),
        unexpected_credit: t(&s.unexpected_credit),
    }
}

fn param(params: &[(&'static str, String)], name: &str) -> String {
    params
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// The summary as the CLI prints it and the UI shows it (shared by [`reconcile_files`]
/// and the saved reconciliation).
pub(crate) fn summary_dto(s: &Summary) -> ReconcileSummary {
    ReconcileSummary {
        counts: counts(s),
        totals: totals(s),
    }
}

/// One report row per discrepancy, in the reconciler's order.
pub(crate) fn discrepancy_rows(result: &Reconciliation<'_>) -> Vec<ReportRow> {
    result.discrepancies.iter().map(report_row).collect()
}

pub(crate) fn report_row(d: &Discrepancy<'_>) -> ReportRow {
    let p = d.params();
    ReportRow {
        class: d.code().as_str().to_string(),
        task_id: param(&p, "task_id"),
        statement_id: param(&p, "statement_id"),
        txn_id: param(&p, "txn_id"),
        date: {
            let date = param(&p, "date");
            if date.is_empty() {
                param(&p, "sent_date")
            } else {
                date
            }
        },
        amount: format_yuan(d.amount()),
        reason_zh: reason_zh(d),
        reason_en: reason_en(d),
    }
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

/// The report's CSV columns, in order (documented in the README).
pub const REPORT_COLUMNS: [&str; 8] = [
    "class",
    "task_id",
    "statement_id",
    "txn_id",
    "date",
    "amount",
    "reason_zh",
    "reason_en",
];

/// Writes the report rows as CSV (UTF-8 with a BOM, so Excel opens Chinese text right).
pub fn write_report_csv(path: &Path, rows: &[ReportRow]) -> Result<(), AppError> {
    let fail = |e: &dyn std::fmt::Display| {
        AppError::new(
            ErrorCode::InvalidInput,
            format!("{}: cannot write the report: {e}", path.display()),
        )
    };
    let file = std::fs::File::create(path).map_err(|e| fail(&e))?;
    let mut out = std::io::BufWriter::new(file);
    std::io::Write::write_all(&mut out, "\u{feff}".as_bytes()).map_err(|e| fail(&e))?;
    let mut w = csv::Writer::from_writer(out);
    w.write_record(REPORT_COLUMNS).map_err(|e| fail(&e))?;
    for r in rows {
        w.write_record([
            &r.class,
            &r.task_id,
            &r.statement_id,
            &r.txn_id,
            &r.date,
            &r.amount,
            &r.reason_zh,
            &r.reason_en,
        ])
        .map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
}
