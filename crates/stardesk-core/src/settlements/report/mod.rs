//! The reconciliation report: the summary by class (what `stardesk reconcile --json`
//! prints and the window's cards show) and one row per discrepancy, written as CSV or
//! XLSX by one writer of cells. Shared by the stored reconciliation and
//! `crate::file_reconciliation`.

pub mod ipc;

use std::path::Path;

use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::{
    reason_en, reason_zh, Discrepancy, Reconciliation, Summary, Tally,
};

use crate::context::Context;
use crate::error::{AppError, ErrorCode};
use ipc::*;

/// The report's columns, in order (documented in the README).
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

/// Where the amount is in [`REPORT_COLUMNS`]: the one column an xlsx holds as a number.
const AMOUNT_COLUMN: usize = 5;
const _: () = assert!(matches!(
    REPORT_COLUMNS[AMOUNT_COLUMN].as_bytes(),
    b"amount"
));

impl ReportRow {
    /// The row's cells, in [`REPORT_COLUMNS`] order: the one place a row becomes cells.
    pub fn cells(&self) -> [&str; 8] {
        [
            &self.class,
            &self.task_id,
            &self.statement_id,
            &self.txn_id,
            &self.date,
            &self.amount,
            &self.reason_zh,
            &self.reason_en,
        ]
    }
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
        w.write_record(r.cells()).map_err(|e| fail(&e))?;
    }
    w.flush().map_err(|e| fail(&e))
}

/// The report's xlsx: a header row ([`REPORT_COLUMNS`]) and one row per report
/// row; amounts are numbers with the `0.00` format so Excel can sum them (a double holds
/// every amount below 2^53 fen exactly to the fen), everything else text.
fn write_report_xlsx(path: &Path, rows: &[ReportRow]) -> Result<(), AppError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: &dyn std::fmt::Display| {
        AppError::invalid_input(format!("{}: cannot write the report: {e}", path.display()))
    };
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("0.00");
    let sheet = book.add_worksheet();
    for (c, name) in REPORT_COLUMNS.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, *name, &bold)
            .map_err(|e| fail(&e))?;
    }
    for (i, r) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).map_err(|e| fail(&e))?;
        for (c, value) in r.cells().into_iter().enumerate() {
            let col = c as u16;
            let number = (c == AMOUNT_COLUMN)
                .then(|| value.parse::<f64>().ok())
                .flatten();
            match number {
                Some(n) => sheet.write_number_with_format(row, col, n, &money),
                None => sheet.write_string(row, col, value),
            }
            .map_err(|e| fail(&e))?;
        }
    }
    book.save(path).map_err(|e| fail(&e))
}

impl Context {
    /// Writes the saved reconciliation's report rows (as [`Context::reconcile_saved`]
    /// with `as_of`) to `path`: CSV as `stardesk reconcile --out` writes it, or an xlsx
    /// workbook with the same columns (amounts as numbers formatted `0.00`).
    pub async fn export_report(
        &self,
        path: String,
        format: ReportFormat,
        as_of: Option<String>,
    ) -> Result<(), AppError> {
        let view = self.reconcile_stored(as_of, usize::MAX).await?;
        let rows: Vec<ReportRow> = view.rows.into_iter().map(|d| d.row).collect();
        tokio::task::spawn_blocking(move || {
            let path = Path::new(&path);
            match format {
                ReportFormat::Csv => write_report_csv(path, &rows),
                ReportFormat::Xlsx => write_report_xlsx(path, &rows),
            }
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
    }
}
