//! The report's per-task columns, the figures of the task-earnings drawer: the expected
//! gross, fee and tax of the expected line a discrepancy names (the line's own when it
//! states all three, else the domain's from the gross: see
//! `crate::settlements::task_earnings::pricing`; empty when unknown), that line's net,
//! and the net of the statement line it names (empty for a failed payout).

use std::collections::HashMap;

use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::{ExpectedRecord, LineKey, StatementRecord};
use stardesk_domain::reconcile::{Discrepancy, Reconciliation};

use super::ReportRow;
use crate::settlements::task_earnings::pricing::{expected_parts, fully_stated, Priced, TaskAxis};

pub(super) struct TaskColumns<'a, E, S> {
    axis: TaskAxis<'a, E, S>,
    /// The domain's earning of the named expected lines that do not state their parts.
    priced: HashMap<usize, Priced>,
}

/// The expected and statement lines a discrepancy names for the columns.
fn named<'d>(d: &'d Discrepancy<'_>) -> (Option<&'d LineKey>, Option<&'d LineKey>) {
    match d {
        Discrepancy::AmountMismatch(m) => (Some(&m.expected), Some(&m.statement)),
        Discrepancy::MissingPayout(m) => (Some(&m.expected), None),
        Discrepancy::PayoutFailed(m) => (m.expected.as_ref(), None),
        Discrepancy::DuplicatePayout(m) => (None, Some(&m.extra)),
        Discrepancy::UnexpectedPayout(m) => (None, Some(&m.statement)),
        Discrepancy::PayoutOverdue(_) | Discrepancy::UnexpectedCredit(_) => (None, None),
    }
}

impl<'a, E: ExpectedRecord, S: StatementRecord> TaskColumns<'a, E, S> {
    pub(super) fn new(result: &Reconciliation<'_>, expected: &'a [E], statement: &'a [S]) -> Self {
        let axis = TaskAxis::new(result, expected, statement);
        let mut wanted: Vec<usize> = result
            .discrepancies
            .iter()
            .filter_map(|d| named(d).0.and_then(|k| axis.expected_index(k)))
            .filter(|&e| !fully_stated(&expected[e]))
            .collect();
        wanted.sort_unstable();
        wanted.dedup();
        // Only lines without their parts need the domain (and their years' batch).
        let priced = if wanted.is_empty() {
            HashMap::new()
        } else {
            wanted
                .iter()
                .zip(axis.price(&wanted))
                .filter_map(|(&e, p)| Some((e, p.ok()?)))
                .collect()
        };
        Self { axis, priced }
    }

    pub(super) fn fill(&self, d: &Discrepancy<'_>, row: &mut ReportRow) {
        let (expected, statement) = named(d);
        if let Some(e) = expected.and_then(|k| self.axis.expected_index(k)) {
            let line = &self.axis.expected[e];
            if let Some([gross, fee, tax]) = expected_parts(line, self.priced.get(&e)).parts {
                row.gross = format_yuan(gross);
                row.fee = format_yuan(fee);
                row.tax = format_yuan(tax);
            }
            row.net_expected = format_yuan(line.amount());
        }
        if let Some(s) = statement.and_then(|k| self.axis.statement_index(k)) {
            let line = &self.axis.statement[s];
            if !line.is_failed() {
                row.net_paid = format_yuan(line.amount());
            }
        }
    }
}
