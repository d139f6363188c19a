//! The task-earnings drawer's IPC types: for one task, gross → fees → tax → net as the
//! domain computes it, beside what the statement paid and the bank credited.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::account::ipc::CreatorKind;
use crate::bindings::{TsModule, TsType};
use crate::settlements::report::ipc::ClassCode;
use crate::settlements::tax::ipc::TaxWorking;
use crate::task_hall::ipc::{FeeLine, OrderKind};

crate::code_enum! {
    /// Where an expected line's gross, fee and tax come from.
    pub enum ComponentsSource {
        /// The expected line states all three (StarDesk computed them when it wrote the
        /// line).
        Stated = "stated",
        /// The line was imported as a bare amount (or with some parts only): StarDesk
        /// computes them by the domain from the gross (the line's, else the statement's).
        Computed = "computed",
        /// Not stated and not computable (see [`MissingFact`]): the components are
        /// unknown, never read as zero.
        Unknown = "unknown",
    }
}

crate::code_enum! {
    /// Why the domain could not compute an expected line's earning.
    pub enum MissingFact {
        /// Neither the expected line nor a statement line paying it states a gross.
        NoGross = "no_gross",
        /// The line has no due date and no statement line pays it: its tax month is not
        /// known.
        NoPayDate = "no_pay_date",
    }
}

crate::code_enum! {
    /// Which line the gross of the computation was read from.
    pub enum GrossFrom {
        /// The expected line's own gross.
        Expected = "expected",
        /// The gross (税前金额) of the statement line paying it.
        Statement = "statement",
    }
}

crate::code_enum! {
    /// How the order kind and the creator kind of the fees were chosen (R-PREF-3).
    pub enum KindsFrom {
        /// The stated fee (the expected line's, else the statement's) is exactly what
        /// R-PREF-3 charges this gross for these kinds.
        StatedFee = "stated_fee",
        /// No fee is stated: an ordinary order of an independent creator is assumed.
        NoFeeStated = "no_fee_stated",
        /// The stated fee fits none of R-PREF-3's four cases: an ordinary order of an
        /// independent creator is assumed, and the computation differs from the line.
        FeeFitsNone = "fee_fits_none",
    }
}

/// This task's share of its month's withholding: the platform withholds on the month's
/// labour income, and each task bears it in proportion to its own (largest remainder, so
/// the shares add up to the fen).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskTax {
    /// "2025-09": the month of the pay date.
    pub month: String,
    /// This task's labour income: gross − fees.
    pub income: String,
    /// The month's labour income, every expected line due that month whose gross is
    /// known.
    pub month_income: String,
    /// Expected lines due that month left out of `month_income`: their gross is unknown.
    pub month_lines_without_gross: u32,
    /// What the month withholds, by the method of its date (per payment before
    /// `cumulative_from`, cumulative from it), every step.
    pub working: TaxWorking,
    /// The month's withholding, all tasks together.
    pub month_tax: String,
}

/// The domain's computation for one expected line, every step (yuan).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EarningSteps {
    pub gross: String,
    pub gross_from: GrossFrom,
    pub order: OrderKind,
    pub creator: CreatorKind,
    pub kinds_from: KindsFrom,
    /// The R-PREF-3 fees, each with its rate and rule; none for an agency's ordinary
    /// order.
    pub fees: Vec<FeeLine>,
    pub fee_total: String,
    /// gross − fees: the labour income the tax is computed on.
    pub taxable_income: String,
    pub tax: String,
    /// How the tax was reached; null when the platform withholds nothing (an agency
    /// creator settles through its agency).
    pub tax_share: Option<TaskTax>,
    /// gross − fees − tax.
    pub net: String,
    /// `YYYY-MM-DD`: the due date, else the paying statement line's date.
    pub pay_date: String,
    /// The computation equals the expected line: its net, and the fee and tax it states.
    pub agrees: bool,
}

/// A bank credit that paid a statement line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BankCreditView {
    pub bank_key: String,
    pub txn_id: String,
    pub date: String,
    pub amount: String,
}

/// A statement line of the task, as the platform reported it, with the credit that paid
/// it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PaidLine {
    pub statement_key: String,
    pub statement_id: String,
    pub date: String,
    /// Its class on the task axis: matched, amount_mismatch, duplicate_payout,
    /// payout_failed or unexpected_payout.
    pub class: ClassCode,
    /// The payout failed (提现失败): nothing was paid.
    pub failed: bool,
    /// As the statement states them; null when it does not.
    pub gross: Option<String>,
    pub fee: Option<String>,
    pub tax: Option<String>,
    pub net: String,
    /// The bank credit(s) of the payout match holding this line; empty when no credit is
    /// matched to it.
    pub credits: Vec<BankCreditView>,
    /// How many statement lines those credits pay together (1: this line alone).
    pub credit_lines: u32,
}

/// One expected line of the task: what was expected, how, and what paid it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskEarning {
    pub expected_key: String,
    pub due_date: Option<String>,
    pub components: ComponentsSource,
    /// The expected gross, fee and tax: the line's when stated, the domain's when
    /// computed, null when unknown (these are the report's columns).
    pub gross: Option<String>,
    pub fee: Option<String>,
    pub tax: Option<String>,
    /// The net expected: the line's amount, what the reconciliation compares.
    pub net_expected: String,
    /// The domain's computation; null when it cannot be made (see `missing`).
    pub steps: Option<EarningSteps>,
    pub missing: Option<MissingFact>,
    /// The statement line paying it (matched, mismatched or failed); null when none does.
    pub paid: Option<PaidLine>,
    /// The paying line's net, unless its payout failed.
    pub net_paid: Option<String>,
    /// net_paid − net_expected.
    pub difference: Option<String>,
}

/// Per-task earnings: every expected line of the task with the domain's computation and
/// what paid it, and the task's other statement lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaskEarningsView {
    pub task_id: String,
    /// In import order; empty for a task nobody expected.
    pub earnings: Vec<TaskEarning>,
    /// Statement lines of the task that pay none of its expected lines (a duplicate, a
    /// payout nobody expected).
    pub other_lines: Vec<PaidLine>,
    /// Payments from this day (`YYYY-MM-DD`) are withheld by the cumulative method.
    pub cumulative_from: String,
}

/// This module as TypeScript: `ui/src/bindings/settlementTaskEarnings.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementTaskEarnings",
        types: vec![
            TsType::of::<ComponentsSource>(),
            TsType::of::<MissingFact>(),
            TsType::of::<GrossFrom>(),
            TsType::of::<KindsFrom>(),
            TsType::of::<TaskTax>(),
            TsType::of::<EarningSteps>(),
            TsType::of::<BankCreditView>(),
            TsType::of::<PaidLine>(),
            TsType::of::<TaskEarning>(),
            TsType::of::<TaskEarningsView>(),
        ],
        consts: vec![],
    }
}
