//! The tax check's IPC types: per month, what the statement says was withheld against
//! what StarDesk computes, and why they differ as codes and figures (the window words
//! them in zh-CN or en).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

crate::code_enum! {
    /// How a month's withholding compares with StarDesk's.
    pub enum TaxVerdict {
        /// Withheld = expected, to the fen.
        Exact = "exact",
        /// The platform withheld more than expected (difference > 0).
        OverWithheld = "over_withheld",
        /// The platform withheld less than expected (difference < 0).
        UnderWithheld = "under_withheld",
        /// No line of the month states the tax: nothing to compare (withheld reads 0).
        NotStated = "not_stated",
    }
}

crate::code_enum! {
    /// How the per-payment method set the expenses.
    pub enum TaxExpenseBasis {
        /// The fixed ¥800, for an income up to ¥4,000.
        Fixed = "fixed",
        /// 20% of the income, above ¥4,000.
        Ratio = "ratio",
    }
}

/// Every step of the expected withholding, by the method that applied to the month:
/// amounts in yuan (rounded to the fen for display; the computation keeps them exact),
/// rates as percentages ("20").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "method", rename_all = "snake_case")]
pub enum TaxWorking {
    /// 按次预扣, before `cumulative_from` (国家税务总局公告2018年第61号): the month's income
    /// as one payment.
    PerPayment {
        income: String,
        expense_basis: TaxExpenseBasis,
        expenses: String,
        /// `max(0, income − expenses)`.
        taxable: String,
        rate: String,
        quick_deduction: String,
        /// `max(0, taxable × rate − quick_deduction)`.
        tax: String,
    },
    /// 累计预扣法, from `cumulative_from` (国家税务总局公告2025年第16号): the year's running
    /// total less what the earlier months withheld.
    Cumulative {
        /// This year's income from the switch (or January) up to this month.
        cumulative_income: String,
        cumulative_expenses: String,
        /// Consecutive paid months ending with this one.
        deduction_months: u32,
        cumulative_basic_deduction: String,
        cumulative_taxable: String,
        rate: String,
        quick_deduction: String,
        tax_due_to_date: String,
        /// What the earlier months should have withheld (recomputed, not the statement's).
        already_withheld: String,
        /// `max(0, tax_due_to_date − already_withheld)`: the expected withholding.
        withholding: String,
    },
}

/// Why a month's difference is what it is: the verdict, the method's steps and how
/// complete the statement was.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxExplanation {
    pub verdict: TaxVerdict,
    pub working: TaxWorking,
    /// Lines of the month with no tax stated: `withheld` counts them as 0.
    pub lines_without_tax: u32,
    /// Lines with no gross stated: their gross is read as net + fee + tax.
    pub lines_without_gross: u32,
}

/// One calendar month of the statement date (failed payouts left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxMonth {
    /// "2025-09".
    pub month: String,
    pub lines: u32,
    /// The gross (税前金额) of the month's lines.
    pub income: String,
    /// The service fees of the month's lines.
    pub fees: String,
    /// `income − fees`: the labour income the withholding is computed on.
    pub taxable_income: String,
    /// The statement's tax column (代扣个税), summed.
    pub withheld: String,
    /// What StarDesk computes for the month.
    pub expected: String,
    /// `withheld − expected`.
    pub difference: String,
    pub explanation: TaxExplanation,
}

/// Sums over the months shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxTotals {
    pub income: String,
    pub withheld: String,
    pub expected: String,
    pub difference: String,
}

/// The tax check of an individual creator: month by month, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TaxCheckView {
    /// Every calendar year with a statement line counted, ascending (the year selector).
    pub years: Vec<i32>,
    /// The year shown; null = every year.
    pub year: Option<i32>,
    /// Payments from this day (`YYYY-MM-DD`) are withheld by the cumulative method.
    pub cumulative_from: String,
    pub months: Vec<TaxMonth>,
    pub totals: TaxTotals,
}

/// This module as TypeScript: `ui/src/bindings/settlementTax.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementTax",
        types: vec![
            TsType::of::<TaxVerdict>(),
            TsType::of::<TaxExpenseBasis>(),
            TsType::of::<TaxWorking>(),
            TsType::of::<TaxExplanation>(),
            TsType::of::<TaxMonth>(),
            TsType::of::<TaxTotals>(),
            TsType::of::<TaxCheckView>(),
        ],
        consts: vec![],
    }
}
