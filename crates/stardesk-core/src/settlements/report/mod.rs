//! The reconciliation report: the summary by class, each discrepancy's explanation as
//! data (for the window) and as a row with the domain's sentences (CSV or XLSX, written
//! by one writer of cells). Shared by the stored reconciliation and
//! `crate::file_reconciliation`.

mod columns;
pub mod ipc;

use std::path::Path;

use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::{ExpectedRecord, StatementRecord};
use stardesk_domain::reconcile::{
    reason_en, reason_zh, Component, Discrepancy, DiscrepancyCode, Reconciliation, Summary, Tally,
    ACCOUNT_RULE, PAYOUT_RULE,
};

use crate::codes::Code;
use crate::context::Context;
use crate::error::{AppError, ErrorCode};
use crate::file_reconciliation::ReconcileReport;
use crate::wire::day;
use columns::TaskColumns;
use ipc::*;

/// The report's columns, in order (documented in the README).
pub const REPORT_COLUMNS: [&str; 13] = [
    "class",
    "task_id",
    "statement_id",
    "txn_id",
    "date",
    "amount",
    "gross",
    "fee",
    "tax",
    "net_expected",
    "net_paid",
    "reason_zh",
    "reason_en",
];

/// Where the money is in [`REPORT_COLUMNS`]: the amount and the per-task columns, the
/// columns an xlsx holds as numbers.
const MONEY_COLUMNS: std::ops::RangeInclusive<usize> = 5..=10;
const _: () = assert!(matches!(REPORT_COLUMNS[5].as_bytes(), b"amount"));
const _: () = assert!(matches!(REPORT_COLUMNS[10].as_bytes(), b"net_paid"));

/// One line of the report (CSV, XLSX): the class, the ids and figures, and the domain's
/// sentences in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub class: ClassCode,
    pub task_id: String,
    pub statement_id: String,
    pub txn_id: String,
    /// The statement line's, the credit's, (overdue) the invoice's sending date, or (a
    /// missing payout) the expected line's due date; empty when there is none.
    pub date: String,
    /// The difference (paid − expected) for a mismatch, the amount otherwise.
    pub amount: String,
    /// The task's expected gross, fee and tax (see [`TaskColumns`]); empty when unknown.
    pub gross: String,
    pub fee: String,
    pub tax: String,
    /// The expected line's net; empty when the row names none.
    pub net_expected: String,
    /// The net of the statement line the row names, unless its payout failed.
    pub net_paid: String,
    pub reason_zh: String,
    pub reason_en: String,
}

impl ReportRow {
    /// The row's cells, in [`REPORT_COLUMNS`] order: the one place a row becomes cells.
    pub fn cells(&self) -> [&str; 13] {
        [
            self.class.as_str(),
            &self.task_id,
            &self.statement_id,
            &self.txn_id,
            &self.date,
            &self.amount,
            &self.gross,
            &self.fee,
            &self.tax,
            &self.net_expected,
            &self.net_paid,
            &self.reason_zh,
            &self.reason_en,
        ]
    }
}

/// The class of a discrepancy.
pub(crate) fn class_of(code: DiscrepancyCode) -> ClassCode {
    match code {
        DiscrepancyCode::AmountMismatch => ClassCode::AmountMismatch,
        DiscrepancyCode::MissingPayout => ClassCode::MissingPayout,
        DiscrepancyCode::DuplicatePayout => ClassCode::DuplicatePayout,
        DiscrepancyCode::PayoutFailed => ClassCode::PayoutFailed,
        DiscrepancyCode::UnexpectedPayout => ClassCode::UnexpectedPayout,
        DiscrepancyCode::PayoutOverdue => ClassCode::PayoutOverdue,
        DiscrepancyCode::UnexpectedCredit => ClassCode::UnexpectedCredit,
    }
}

/// The domain's tally of a class.
pub(crate) fn tally(s: &Summary, class: ClassCode) -> &Tally {
    match class {
        ClassCode::Matched => &s.matched,
        ClassCode::AmountMismatch => &s.amount_mismatch,
        ClassCode::MissingPayout => &s.missing_payout,
        ClassCode::DuplicatePayout => &s.duplicate_payout,
        ClassCode::PayoutFailed => &s.payout_failed,
        ClassCode::UnexpectedPayout => &s.unexpected_payout,
        ClassCode::PayoutOverdue => &s.payout_overdue,
        ClassCode::UnexpectedCredit => &s.unexpected_credit,
    }
}

/// Every class with its count and total, as the window's cards show them.
pub(crate) fn summary(s: &Summary) -> ReconcileSummary {
    ReconcileSummary {
        classes: ClassCode::ALL
            .iter()
            .map(|&class| {
                let t = tally(s, class);
                ClassTally {
                    class,
                    count: t.count,
                    total: format_yuan(t.total),
                }
            })
            .collect(),
    }
}

fn param(params: &[(&'static str, String)], name: &str) -> String {
    params
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

/// One report row per discrepancy, in the reconciler's order, with the per-task columns
/// of the lines it names (`expected` and `statement` are the lines reconciled).
pub(crate) fn discrepancy_rows<E: ExpectedRecord, S: StatementRecord>(
    result: &Reconciliation<'_>,
    expected: &[E],
    statement: &[S],
) -> Vec<ReportRow> {
    let columns = TaskColumns::new(result, expected, statement);
    result
        .discrepancies
        .iter()
        .map(|d| {
            let mut row = report_row(d);
            columns.fill(d, &mut row);
            row
        })
        .collect()
}

fn part(c: Component) -> AmountPart {
    match c {
        Component::Gross => AmountPart::Gross,
        Component::Fee => AmountPart::Fee,
        Component::Tax => AmountPart::Tax,
    }
}

/// A discrepancy's explanation as data, for the window to word.
pub(crate) fn reason(d: &Discrepancy<'_>) -> Reason {
    let yuan = |v| format_yuan(v);
    match d {
        Discrepancy::AmountMismatch(m) => Reason::AmountMismatch {
            task_id: m.task_id.to_string(),
            statement_id: m.statement_id.to_string(),
            expected: yuan(m.expected_amount),
            statement: yuan(m.statement_amount),
            difference: yuan(m.difference),
            parts: m
                .components
                .iter()
                .map(|c| PartDifference {
                    part: part(c.component),
                    expected: yuan(c.expected),
                    statement: yuan(c.statement),
                    difference: yuan(c.difference),
                })
                .collect(),
            unexplained: yuan(m.unexplained),
        },
        Discrepancy::MissingPayout(m) => Reason::MissingPayout {
            task_id: m.task_id.to_string(),
            amount: yuan(m.amount),
            due_date: m.due_date.map(day),
        },
        Discrepancy::DuplicatePayout(m) => Reason::DuplicatePayout {
            task_id: m.task_id.to_string(),
            statement_id: m.statement_id.to_string(),
            amount: yuan(m.amount),
            date: day(m.date),
        },
        Discrepancy::PayoutFailed(m) => Reason::PayoutFailed {
            task_id: m.task_id.to_string(),
            statement_id: m.statement_id.to_string(),
            amount: yuan(m.amount),
            date: day(m.date),
            rule: ACCOUNT_RULE.to_string(),
        },
        Discrepancy::UnexpectedPayout(m) => Reason::UnexpectedPayout {
            task_id: m.task_id.to_string(),
            statement_id: m.statement_id.to_string(),
            amount: yuan(m.amount),
            date: day(m.date),
        },
        Discrepancy::PayoutOverdue(m) => Reason::PayoutOverdue {
            statement_id: m.statement_id.to_string(),
            sent_date: day(m.sent_date),
            deadline: day(m.deadline),
            working_days: m.working_days,
            amount: yuan(m.amount),
            tracking_numbers: m.tracking_numbers.iter().map(|t| t.to_string()).collect(),
            uncovered_year: m.calendar_warning.map(|w| w.year),
            rule: PAYOUT_RULE.to_string(),
        },
        Discrepancy::UnexpectedCredit(m) => Reason::UnexpectedCredit {
            txn_id: m.txn_id.to_string(),
            date: day(m.date),
            amount: yuan(m.amount),
            counterparty: m.counterparty.to_string(),
        },
    }
}

pub(crate) fn report_row(d: &Discrepancy<'_>) -> ReportRow {
    let p = d.params();
    ReportRow {
        class: class_of(d.code()),
        task_id: param(&p, "task_id"),
        statement_id: param(&p, "statement_id"),
        txn_id: param(&p, "txn_id"),
        // The statement line's or the bank line's date, an overdue payout's invoice
        // mailing, a missing payout's due date (when the expected file gives one).
        date: ["date", "sent_date", "due_date"]
            .into_iter()
            .map(|name| param(&p, name))
            .find(|date| !date.is_empty())
            .unwrap_or_default(),
        amount: format_yuan(d.amount()),
        gross: String::new(),
        fee: String::new(),
        tax: String::new(),
        net_expected: String::new(),
        net_paid: String::new(),
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
/// row; amounts (and the per-task money columns) are numbers with the `0.00` format so Excel can sum them (a double holds
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
            let number = MONEY_COLUMNS
                .contains(&c)
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

/// Writes the report rows to `path`: CSV as `stardesk reconcile --out` writes it, or an
/// xlsx workbook with the same columns (amounts as numbers formatted `0.00`).
pub fn write_report(path: &Path, format: ReportFormat, rows: &[ReportRow]) -> Result<(), AppError> {
    match format {
        ReportFormat::Csv => write_report_csv(path, rows),
        ReportFormat::Xlsx => write_report_xlsx(path, rows),
    }
}

impl Context {
    /// Writes the saved reconciliation's report rows (as [`Context::reconcile_saved`]
    /// with `as_of`) to `path`, as [`write_report`].
    pub async fn export_report(
        &self,
        path: String,
        format: ReportFormat,
        as_of: Option<String>,
    ) -> Result<(), AppError> {
        let rows = self
            .reconcile_stored(as_of, |_, result, lines| {
                discrepancy_rows(result, &lines.expected, &lines.statement)
            })
            .await?;
        tokio::task::spawn_blocking(move || write_report(Path::new(&path), format, &rows))
            .await
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?
    }

    /// The saved reconciliation (every stored line with the stored decisions, as
    /// [`Context::reconcile_saved`] with `as_of`) in the shape `stardesk reconcile`
    /// reports files in: the same summary (counts and totals by class) and every
    /// discrepancy's report row, none with `summary_only`.
    pub async fn saved_report(
        &self,
        as_of: Option<String>,
        summary_only: bool,
    ) -> Result<ReconcileReport, AppError> {
        self.reconcile_stored(as_of, move |_, result, lines| {
            ReconcileReport::of(result, &lines.expected, &lines.statement, summary_only)
        })
        .await
    }
}
