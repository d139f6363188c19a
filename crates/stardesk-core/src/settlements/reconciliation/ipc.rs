//! The stored reconciliation's IPC types: matches, discrepancies and their lines.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::settlements::report::ipc::{ClassCode, Reason, ReconcileSummary};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    /// An expected line and the statement line paying it.
    Task,
    /// Statement lines and the bank credit(s) that paid them.
    Payout,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MatchOrigin {
    Automatic,
    /// The user accepted the proposal.
    Accepted,
    /// The user matched by hand.
    Manual,
}

/// A clean match. Keys are "fingerprint:occurrence" strings: pass them back in a
/// [`DecisionInput`] to accept or reject the match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatchRow {
    /// The match's position in the reconciliation (stable until the data change).
    pub index: u32,
    pub kind: MatchKind,
    pub origin: MatchOrigin,
    /// The expected line (task matches).
    pub expected_key: Option<String>,
    pub statement_keys: Vec<String>,
    /// The bank lines (payout matches).
    pub bank_keys: Vec<String>,
    /// The task (task matches).
    pub task_id: Option<String>,
    /// The distinct statements involved.
    pub statement_ids: Vec<String>,
    /// The bank transactions (payout matches).
    pub txn_ids: Vec<String>,
    /// The matched amount: the statement line's for a task match, the bank credits'
    /// total for a payout match.
    pub amount: String,
}

/// The reconciliation of everything imported, with the user's decisions applied: the
/// summary and how many rows there are (the rows come by page).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReconcileView {
    pub as_of: String,
    pub summary: ReconcileSummary,
    /// Discrepancies, every class.
    pub rows_total: u32,
    pub matches_total: u32,
    /// Decisions that had no effect (a line they name is no longer imported, or was
    /// already decided).
    pub ignored_decisions: u32,
}

/// The lines a discrepancy is about, as "fingerprint:occurrence" keys: select two
/// discrepancies' lines and pass them in a [`DecisionInput`] to match them by hand.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineRefs {
    pub expected: Option<String>,
    pub statement: Vec<String>,
    pub bank: Vec<String>,
}

/// One discrepancy of the saved reconciliation: its class, ids, figures, explanation and
/// the lines it is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiscrepancyView {
    /// The discrepancy's position in the reconciliation (stable until the data change).
    pub index: u32,
    pub class: ClassCode,
    pub task_id: String,
    pub statement_id: String,
    pub txn_id: String,
    /// The statement's, the credit's, or (overdue) the invoice's sending date.
    pub date: String,
    /// The difference (paid − expected) for a mismatch, the amount otherwise.
    pub amount: String,
    /// Why, with the figures, for the window to word.
    pub reason: Reason,
    pub refs: LineRefs,
}

/// Which rows of the saved reconciliation, and which page of them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReconcilePageQuery {
    /// `YYYY-MM-DD`; null = today.
    pub as_of: Option<String>,
    /// The discrepancy classes to list; empty = every class. Matches ignore it.
    #[serde(default)]
    pub classes: Vec<ClassCode>,
    /// Part of a task, statement or transaction id, in any case; empty = every row.
    #[serde(default)]
    pub search: String,
    /// The first row of the page, counted among the rows the filter keeps.
    pub offset: u32,
    /// Rows in the page, at most 500.
    pub limit: u32,
}

/// A page of discrepancies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiscrepancyPage {
    pub as_of: String,
    /// The rows the filter keeps, every page.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<DiscrepancyView>,
}

/// A page of matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MatchPage {
    pub as_of: String,
    /// The rows the filter keeps, every page.
    pub total: u32,
    pub offset: u32,
    pub rows: Vec<MatchRow>,
}

/// This module as TypeScript: `ui/src/bindings/settlementReconciliation.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementReconciliation",
        types: vec![
            TsType::of::<MatchKind>(),
            TsType::of::<MatchOrigin>(),
            TsType::of::<MatchRow>(),
            TsType::of::<ReconcileView>(),
            TsType::of::<LineRefs>(),
            TsType::of::<DiscrepancyView>(),
            TsType::of::<ReconcilePageQuery>(),
            TsType::of::<DiscrepancyPage>(),
            TsType::of::<MatchPage>(),
        ],
        consts: vec![],
    }
}
