//! The reconciliation report's IPC types: the classes, the summary by class, and the
//! explanation of a discrepancy as data (the UI words it in zh-CN or en; the domain's
//! own sentences are for the CSV report and the CLI).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

crate::code_enum! {
    /// What a line of the reconciliation is: a clean match, or the kind of discrepancy.
    pub enum ClassCode {
        /// An expected line paid as expected (and, for payouts, credited).
        Matched = "matched",
        /// Paid, but not the expected amount.
        AmountMismatch = "amount_mismatch",
        /// Expected, and no statement line pays it.
        MissingPayout = "missing_payout",
        /// A task paid twice in statements.
        DuplicatePayout = "duplicate_payout",
        /// The statement says the withdrawal failed (提现失败).
        PayoutFailed = "payout_failed",
        /// A statement line for a task with no expected earning.
        UnexpectedPayout = "unexpected_payout",
        /// Invoiced, and not credited within R-SETTLE-1's 15 working days.
        PayoutOverdue = "payout_overdue",
        /// A bank credit from the platform that pays no statement line.
        UnexpectedCredit = "unexpected_credit",
    }
}

/// One class's count and total (yuan): the sum of the differences for mismatches, of
/// the amounts otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ClassTally {
    pub class: ClassCode,
    #[ts(type = "number")]
    pub count: u64,
    pub total: String,
}

/// Every class, in [`ClassCode`] order, each with its count and total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReconcileSummary {
    pub classes: Vec<ClassTally>,
}

crate::code_enum! {
    /// A part of an amount that an explanation compares.
    pub enum AmountPart {
        /// The gross: the fee or reward before deductions.
        Gross = "gross",
        /// The service fees.
        Fee = "fee",
        /// The tax withheld.
        Tax = "tax",
    }
}

/// One part of an amount mismatch: expected vs on the statement (yuan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PartDifference {
    pub part: AmountPart,
    pub expected: String,
    pub statement: String,
    pub difference: String,
}

/// Why a line is a discrepancy, with its figures: the UI words it. Amounts are yuan,
/// dates `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "class", rename_all = "snake_case")]
pub enum Reason {
    AmountMismatch {
        task_id: String,
        statement_id: String,
        expected: String,
        statement: String,
        /// Paid − expected.
        difference: String,
        /// The parts that differ; empty when none of them is stated on both sides.
        parts: Vec<PartDifference>,
        /// What the parts do not explain.
        unexplained: String,
    },
    MissingPayout {
        task_id: String,
        amount: String,
        due_date: Option<String>,
    },
    DuplicatePayout {
        task_id: String,
        statement_id: String,
        amount: String,
        date: String,
    },
    PayoutFailed {
        task_id: String,
        statement_id: String,
        amount: String,
        date: String,
        /// The rule to check the receiving account by: R-SETTLE-2.
        rule: String,
    },
    UnexpectedPayout {
        task_id: String,
        statement_id: String,
        amount: String,
        date: String,
    },
    PayoutOverdue {
        statement_id: String,
        sent_date: String,
        /// The last working day a credit was due.
        deadline: String,
        working_days: u32,
        amount: String,
        tracking_numbers: Vec<String>,
        /// A year whose holidays are not known (Monday–Friday were counted).
        uncovered_year: Option<i32>,
        /// R-SETTLE-1.
        rule: String,
    },
    UnexpectedCredit {
        txn_id: String,
        date: String,
        amount: String,
        counterparty: String,
    },
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
            TsType::listed::<ClassCode>("CLASS_CODES"),
            TsType::of::<ClassTally>(),
            TsType::of::<ReconcileSummary>(),
            TsType::listed::<AmountPart>("AMOUNT_PARTS"),
            TsType::of::<PartDifference>(),
            TsType::of::<Reason>(),
            TsType::of::<ReportFormat>(),
        ],
        consts: vec![],
    }
}
