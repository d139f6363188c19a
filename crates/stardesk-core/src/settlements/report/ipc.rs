//! The reconciliation report's IPC types: the summary by class and one row per discrepancy.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

/// Counts per reconciliation class: exactly these keys, also in `stardesk reconcile --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassCounts {
    #[ts(type = "number")]
    pub matched: u64,
    #[ts(type = "number")]
    pub amount_mismatch: u64,
    #[ts(type = "number")]
    pub missing_payout: u64,
    #[ts(type = "number")]
    pub duplicate_payout: u64,
    #[ts(type = "number")]
    pub payout_failed: u64,
    #[ts(type = "number")]
    pub payout_overdue: u64,
    #[ts(type = "number")]
    pub unexpected_credit: u64,
}

/// Totals per class, decimal strings in yuan: the sum of the differences for
/// mismatches, of the amounts for the rest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassTotals {
    pub matched: String,
    pub amount_mismatch: String,
    pub missing_payout: String,
    pub duplicate_payout: String,
    pub payout_failed: String,
    pub payout_overdue: String,
    pub unexpected_credit: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReconcileSummary {
    pub counts: ClassCounts,
    pub totals: ClassTotals,
}

/// One line of the reconciliation report (CSV and UI).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportRow {
    /// A class code: amount_mismatch, missing_payout, duplicate_payout, payout_failed,
    /// unexpected_payout, payout_overdue, unexpected_credit, matched.
    pub class: String,
    pub task_id: String,
    pub statement_id: String,
    pub txn_id: String,
    pub date: String,
    pub amount: String,
    pub reason_zh: String,
    pub reason_en: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportFormat {
    Csv,
    Xlsx,
}

/// This module as TypeScript: `ui/src/bindings/settlementReport.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementReport",
        types: vec![
            TsType::of::<ClassCounts>(),
            TsType::of::<ClassTotals>(),
            TsType::of::<ReconcileSummary>(),
            TsType::of::<ReportRow>(),
            TsType::of::<ReportFormat>(),
        ],
        consts: vec![],
    }
}
