//! The stored reconciliation: every imported line with the stored decisions applied,
//! as the window shows it (the summary, then pages of matches and discrepancies with the
//! lines each is about). The result is kept between looks ([`cache`]) and paged in core
//! ([`page`]).

pub(crate) mod cache;
pub mod ipc;
pub mod page;

use stardesk_domain::reconcile::records::{
    BankLine, ExpectedLine, InvoiceLine, LineKey, StatementLine,
};
use stardesk_domain::reconcile::{Discrepancy, Origin};

use super::report::summary;
use super::{keys, to_u32};
use crate::context::Context;
use crate::error::AppError;
use ipc::*;

pub(crate) fn origin(o: Origin) -> MatchOrigin {
    match o {
        Origin::Automatic => MatchOrigin::Automatic,
        Origin::Accepted => MatchOrigin::Accepted,
        Origin::Manual => MatchOrigin::Manual,
    }
}

/// The lines a discrepancy names, as keys the UI passes back in a decision. For a
/// duplicate, the extra line (the one not counted as the payment).
pub(crate) fn line_refs(d: &Discrepancy<'_>) -> LineRefs {
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

impl Context {
    /// The saved reconciliation's summary as of `as_of` (`YYYY-MM-DD`; `None` = today):
    /// every stored line with the stored decisions. The rows come a page at a time
    /// ([`Context::reconcile_discrepancies`], [`Context::reconcile_matches`]); the
    /// exported report has them all. Kept until the lines, the decisions or the date
    /// change, so looking again is cheap.
    pub async fn reconcile_saved(&self, as_of: Option<String>) -> Result<ReconcileView, AppError> {
        self.with_reconciliation(as_of, |kept| {
            let result = kept.result();
            ReconcileView {
                as_of: kept.as_of.to_string(),
                summary: summary(&result.summary),
                rows_total: to_u32(result.discrepancies.len()),
                matches_total: to_u32(result.matches.len()),
                ignored_decisions: to_u32(result.ignored_decisions.len()),
            }
        })
        .await
    }
}

/// Every stored line, by kind.
pub(crate) struct StoredLines {
    pub expected: Vec<ExpectedLine>,
    pub statement: Vec<StatementLine>,
    pub bank: Vec<BankLine>,
    pub invoices: Vec<InvoiceLine>,
}
