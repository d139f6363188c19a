//! The stored reconciliation: every imported line with the stored decisions applied,
//! as the window shows it (matches, discrepancies and the lines each is about).

pub mod ipc;

use std::collections::HashMap;

use chrono::NaiveDate;
use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::{
    BankLine, ExpectedLine, InvoiceLine, LineKey, StatementLine,
};
use stardesk_domain::reconcile::{
    reconcile, Decision, Discrepancy, Inputs, Match, Origin, ReconcileOptions, Reconciliation,
};

use super::report::{reason, report_row, summary};
use super::{keys, to_u32, VIEW_ROW_LIMIT};
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use ipc::*;

fn origin(o: Origin) -> MatchOrigin {
    match o {
        Origin::Automatic => MatchOrigin::Automatic,
        Origin::Accepted => MatchOrigin::Accepted,
        Origin::Manual => MatchOrigin::Manual,
    }
}

/// The lines a discrepancy names, as keys the UI passes back in a decision. For a
/// duplicate, the extra line (the one not counted as the payment).
fn line_refs(d: &Discrepancy<'_>) -> LineRefs {
    let one = |k: &LineKey| vec![k.to_string()];
    match d {
        Discrepancy::AmountMismatch(m) => LineRefs {
            expected: Some(m.expected.to_string()),
            statement: one(&m.statement),
            bank: vec![],
        },
        Discrepancy::MissingPayout(m) => LineRefs {
            expected: Some(m.expected.to_string()),
            ..LineRefs::default()
        },
        Discrepancy::DuplicatePayout(m) => LineRefs {
            statement: one(&m.extra),
            ..LineRefs::default()
        },
        Discrepancy::PayoutFailed(m) => LineRefs {
            expected: m.expected.as_ref().map(LineKey::to_string),
            statement: one(&m.statement),
            bank: vec![],
        },
        Discrepancy::UnexpectedPayout(m) => LineRefs {
            statement: one(&m.statement),
            ..LineRefs::default()
        },
        Discrepancy::PayoutOverdue(m) => LineRefs {
            statement: keys(&m.lines),
            ..LineRefs::default()
        },
        Discrepancy::UnexpectedCredit(m) => LineRefs {
            bank: one(&m.bank),
            ..LineRefs::default()
        },
    }
}

fn parse_as_of(as_of: Option<&str>, today: NaiveDate) -> Result<NaiveDate, AppError> {
    match as_of {
        None => Ok(today),
        Some(text) => NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
            AppError::invalid_input(format!("as_of {text:?} is not a date (YYYY-MM-DD)"))
        }),
    }
}

impl Context {
    /// Reconciles every stored line with the stored decisions applied, as of `as_of`
    /// (`YYYY-MM-DD`; `None` = today). The summary counts everything; the discrepancy
    /// rows and the matches are the first [`VIEW_ROW_LIMIT`] of each (`rows_total` and
    /// `matches_total` say how many there are; the exported report has them all).
    pub async fn reconcile_saved(&self, as_of: Option<String>) -> Result<ReconcileView, AppError> {
        self.reconcile_stored(as_of, |as_of, result, lines| {
            view(as_of, result, lines, VIEW_ROW_LIMIT)
        })
        .await
    }

    /// Runs the reconciliation of everything stored (with the stored decisions) as of
    /// `as_of`, and hands it to `f` off the async threads.
    pub(crate) async fn reconcile_stored<T: Send + 'static>(
        &self,
        as_of: Option<String>,
        f: impl FnOnce(NaiveDate, &Reconciliation<'_>, &StoredLines) -> T + Send + 'static,
    ) -> Result<T, AppError> {
        let as_of = parse_as_of(as_of.as_deref(), self.today())?;
        let (lines, decisions) = with_store(&self.reader, |s| {
            Ok((
                StoredLines {
                    expected: s.expected_lines()?,
                    statement: s.statement_lines()?,
                    bank: s.bank_lines()?,
                    invoices: s.invoice_lines()?,
                },
                s.decisions()?,
            ))
        })
        .await?;
        tokio::task::spawn_blocking(move || {
            let decisions: Vec<Decision> = decisions.into_iter().map(|d| d.decision).collect();
            let result = reconcile(
                &Inputs {
                    expected: &lines.expected,
                    statement: &lines.statement,
                    bank: &lines.bank,
                    invoices: &lines.invoices,
                    decisions: &decisions,
                },
                &ReconcileOptions::new(as_of),
            );
            f(as_of, &result, &lines)
        })
        .await
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))
    }
}

/// Every stored line, by kind.
pub(crate) struct StoredLines {
    pub expected: Vec<ExpectedLine>,
    pub statement: Vec<StatementLine>,
    pub bank: Vec<BankLine>,
    pub invoices: Vec<InvoiceLine>,
}

/// The window's view of a reconciliation: the first `limit` discrepancies and matches.
fn view(
    as_of: NaiveDate,
    result: &Reconciliation<'_>,
    lines: &StoredLines,
    limit: usize,
) -> ReconcileView {
    let statement_id: HashMap<&LineKey, &str> = lines
        .statement
        .iter()
        .map(|l| (&l.key, l.statement_id.as_str()))
        .collect();
    let txn_id: HashMap<&LineKey, &str> = lines
        .bank
        .iter()
        .map(|l| (&l.key, l.txn_id.as_str()))
        .collect();
    let matches = result
        .matches
        .iter()
        .take(limit)
        .map(|m| match m {
            Match::Task(t) => MatchRow {
                kind: MatchKind::Task,
                origin: origin(t.origin),
                expected_key: Some(t.expected.to_string()),
                statement_keys: vec![t.statement.to_string()],
                bank_keys: vec![],
                task_id: Some(t.task_id.to_string()),
                statement_ids: statement_id
                    .get(&t.statement)
                    .map(|s| vec![s.to_string()])
                    .unwrap_or_default(),
                txn_ids: vec![],
                amount: format_yuan(t.amount),
            },
            Match::Payout(p) => MatchRow {
                kind: MatchKind::Payout,
                origin: origin(p.origin),
                expected_key: None,
                statement_keys: keys(&p.statement),
                bank_keys: keys(&p.bank),
                task_id: None,
                statement_ids: p.statement_ids.iter().map(|s| s.to_string()).collect(),
                txn_ids: p
                    .bank
                    .iter()
                    .filter_map(|k| txn_id.get(k).map(|t| t.to_string()))
                    .collect(),
                amount: format_yuan(p.bank_total),
            },
        })
        .collect();
    ReconcileView {
        as_of: as_of.to_string(),
        summary: summary(&result.summary),
        rows: result
            .discrepancies
            .iter()
            .take(limit)
            .map(|d| {
                let row = report_row(d);
                DiscrepancyView {
                    class: row.class,
                    task_id: row.task_id,
                    statement_id: row.statement_id,
                    txn_id: row.txn_id,
                    date: row.date,
                    amount: row.amount,
                    reason: reason(d),
                    refs: line_refs(d),
                }
            })
            .collect(),
        rows_total: to_u32(result.discrepancies.len()),
        matches,
        matches_total: to_u32(result.matches.len()),
        ignored_decisions: to_u32(result.ignored_decisions.len()),
    }
}
