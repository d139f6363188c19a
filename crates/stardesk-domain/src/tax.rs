//! Individual income tax withheld from an individual creator's labour income (劳务报酬所得),
//! computed step by step so a statement's withholding can be checked line by line.
//!
//! Two methods, chosen by payment date ([`withhold`]):
//! - **per payment** (按次预扣, before [`TaxTable::cumulative_from`]): each payment alone;
//! - **cumulative** (累计预扣法, from 2025-10-01, as platforms now withhold): the year's
//!   running total, less what was already withheld.
//!
//! Every rate, threshold and date lives in [`TaxTable`], whose [`TaxTable::china`] cites its
//! sources. Intermediate amounts stay exact; only a tax amount is rounded to the fen, so
//! each figure is rounded once.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::calendar::ymd;
use crate::money::round_fen;

/// One band of a progressive rate table: taxable income up to `up_to` (inclusive) is taxed
/// at `rate` minus `quick_deduction` (速算扣除数).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracket {
    /// `None` for the top band.
    pub up_to: Option<Decimal>,
    pub rate: Decimal,
    pub quick_deduction: Decimal,
}

/// The per-payment method's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerPaymentRules {
    /// Up to this income (inclusive) a fixed expense is deducted, above it a ratio.
    pub small_payment_limit: Decimal,
    pub small_payment_expense: Decimal,
    pub expense_ratio: Decimal,
    /// Ascending.
    pub brackets: Vec<Bracket>,
}

/// The cumulative method's figures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CumulativeRules {
    /// Share of cumulative income deducted as expenses (累计费用).
    pub expense_ratio: Decimal,
    /// Basic deduction per counted month (累计减除费用).
    pub monthly_basic_deduction: Decimal,
    /// Ascending.
    pub brackets: Vec<Bracket>,
}

/// All the data the withholding rules need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxTable {
    /// Payments on or after this date use the cumulative method.
    pub cumulative_from: NaiveDate,
    pub per_payment: PerPaymentRules,
    pub cumulative: CumulativeRules,
}

/// 公告2025年第16号 takes effect on this date.
const CUMULATIVE_METHOD_FROM: NaiveDate = ymd(2025, 10, 1);

fn percent(value: i64) -> Decimal {
    Decimal::new(value, 2)
}

fn yuan(value: i64) -> Decimal {
    Decimal::from(value)
}

fn band(up_to: Option<i64>, rate: i64, quick_deduction: i64) -> Bracket {
    Bracket {
        up_to: up_to.map(yuan),
        rate: percent(rate),
        quick_deduction: yuan(quick_deduction),
    }
}

impl TaxTable {
    /// Mainland China's rules for labour income paid by an internet platform.
    pub fn china() -> Self {
        Self {
            // 国家税务总局公告2025年第16号（关于互联网平台企业为平台内从业人员办理扣缴申报、
            // 代办申报若干事项的公告）: platforms withhold on labour income by the cumulative
            // method from 2025-10-01.
            cumulative_from: CUMULATIVE_METHOD_FROM,
            // 国家税务总局公告2018年第61号（个人所得税扣缴申报管理办法（试行））第八条 and its
            // 个人所得税预扣率表二: per payment, expenses 800 up to ¥4,000 of income, 20% above;
            // 20%; 30% − 2,000 above 20,000; 40% − 7,000 above 50,000.
            per_payment: PerPaymentRules {
                small_payment_limit: yuan(4_000),
                small_payment_expense: yuan(800),
                expense_ratio: percent(20),
                brackets: vec![
                    band(Some(20_000), 20, 0),
                    band(Some(50_000), 30, 2_000),
                    band(None, 40, 7_000),
                ],
            },
            // 公告2025年第16号: 累计费用 = 累计收入 × 20%; 累计减除费用 = 5,000/月 × 当年截至本月
            // 在本平台连续取得劳务报酬的月份数; rates from 个人所得税预扣率表一 (公告2018年第61号),
            // which is the annual 综合所得 table of the 个人所得税法 (3%–45%).
            cumulative: CumulativeRules {
                expense_ratio: percent(20),
                monthly_basic_deduction: yuan(5_000),
                brackets: vec![
                    band(Some(36_000), 3, 0),
                    band(Some(144_000), 10, 2_520),
                    band(Some(300_000), 20, 16_920),
                    band(Some(420_000), 25, 31_920),
                    band(Some(660_000), 30, 52_920),
                    band(Some(960_000), 35, 85_920),
                    band(None, 45, 181_920),
                ],
            },
        }
    }
}

/// [`TaxTable::china`].
impl Default for TaxTable {
    fn default() -> Self {
        Self::china()
    }
}

/// The band for `taxable`: the first whose `up_to` holds it. A table whose last band is
/// bounded treats that band as open-ended rather than taxing the excess at nothing.
fn bracket_for(brackets: &[Bracket], taxable: Decimal) -> (Decimal, Decimal) {
    brackets
        .iter()
        .find(|b| b.up_to.is_none_or(|up_to| taxable <= up_to))
        .or(brackets.last())
        .map_or((Decimal::ZERO, Decimal::ZERO), |b| {
            (b.rate, b.quick_deduction)
        })
}

/// How the per-payment expenses were set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ExpenseBasis {
    /// The fixed amount, for a small payment.
    Fixed,
    /// The ratio of the income.
    Ratio,
}

/// Every step of a per-payment withholding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PerPaymentBreakdown {
    pub income: Decimal,
    pub expense_basis: ExpenseBasis,
    pub expenses: Decimal,
    /// `max(0, income − expenses)`.
    pub taxable: Decimal,
    pub rate: Decimal,
    pub quick_deduction: Decimal,
    /// `max(0, taxable × rate − quick_deduction)`, rounded to the fen.
    pub tax: Decimal,
}

/// Withholding on one payment (one 次) by the per-payment method. A month's payments for
/// the same continuing service form one 次 under the tax law; combining them is the
/// caller's decision, as only it knows the services.
pub fn withhold_per_payment(income: Decimal, rules: &PerPaymentRules) -> PerPaymentBreakdown {
    let (expense_basis, expenses) = if income <= rules.small_payment_limit {
        (ExpenseBasis::Fixed, rules.small_payment_expense)
    } else {
        (ExpenseBasis::Ratio, income * rules.expense_ratio)
    };
    let taxable = (income - expenses).max(Decimal::ZERO);
    let (rate, quick_deduction) = bracket_for(&rules.brackets, taxable);
    let tax = round_fen(taxable * rate - quick_deduction).max(Decimal::ZERO);
    PerPaymentBreakdown {
        income,
        expense_basis,
        expenses,
        taxable,
        rate,
        quick_deduction,
        tax,
    }
}

/// One payment of labour income from this platform to the creator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MonthlyPayment {
    pub paid_on: NaiveDate,
    pub income: Decimal,
}

/// Every step of a cumulative-method withholding, for the UI to lay out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxBreakdown {
    pub paid_on: NaiveDate,
    /// This payment.
    pub income: Decimal,
    /// This year's counted payments up to and including this one.
    pub cumulative_income: Decimal,
    /// `cumulative_income × expense_ratio`.
    pub cumulative_expenses: Decimal,
    /// Consecutive paid months ending with this payment's month.
    pub deduction_months: u32,
    /// `monthly_basic_deduction × deduction_months`.
    pub cumulative_basic_deduction: Decimal,
    /// `max(0, cumulative_income − cumulative_expenses − cumulative_basic_deduction)`.
    pub cumulative_taxable: Decimal,
    pub rate: Decimal,
    pub quick_deduction: Decimal,
    /// `max(0, cumulative_taxable × rate − quick_deduction)`, rounded to the fen.
    pub tax_due_to_date: Decimal,
    /// What the earlier counted payments of the year withheld.
    pub already_withheld: Decimal,
    /// `max(0, tax_due_to_date − already_withheld)`: withholding is never refunded during
    /// the year; an excess is settled in the annual reconciliation (汇算清缴).
    pub withholding: Decimal,
}

/// Withholding on `this` payment by the cumulative method, whatever its date (see
/// [`withhold`] to pick the method by date).
///
/// `history` is the platform's other payments to the creator (any order, not including
/// `this`). Only those in the same calendar year, on or after
/// [`TaxTable::cumulative_from`] and not after `this` count: the cumulative total restarts
/// every year, and payments before the switch were already withheld per payment. What
/// they withheld is recomputed by the same rule, as the platform was bound to apply it; a
/// reconciliation compares each recomputed line with the statement.
///
/// Basic-deduction months: 公告2025年第16号 counts the months "当年截至本月在本平台连续取得
/// 劳务报酬". We read that as the run of consecutive calendar months, ending with this
/// payment's month, in each of which the platform paid the creator at least once; a month
/// without payment ends the run, so the count restarts at 1 with the next paid month.
/// Cumulative income and the amount already withheld still cover the whole year: the
/// notice qualifies only the deduction months as 连续.
pub fn withhold_cumulative(
    history: &[MonthlyPayment],
    this: MonthlyPayment,
    table: &TaxTable,
) -> TaxBreakdown {
    let mut prior: Vec<MonthlyPayment> = history
        .iter()
        .filter(|p| {
            p.paid_on.year() == this.paid_on.year()
                && p.paid_on >= table.cumulative_from
                && p.paid_on <= this.paid_on
        })
        .copied()
        .collect();
    prior.sort_by_key(|p| p.paid_on);

    let mut already_withheld = Decimal::ZERO;
    for (index, &payment) in prior.iter().enumerate() {
        already_withheld += cumulative_step(
            &prior[..index],
            payment,
            already_withheld,
            &table.cumulative,
        )
        .withholding;
    }
    cumulative_step(&prior, this, already_withheld, &table.cumulative)
}

/// One cumulative step; `prior` holds only the counted earlier payments.
fn cumulative_step(
    prior: &[MonthlyPayment],
    this: MonthlyPayment,
    already_withheld: Decimal,
    rules: &CumulativeRules,
) -> TaxBreakdown {
    let cumulative_income = prior.iter().map(|p| p.income).sum::<Decimal>() + this.income;
    let cumulative_expenses = cumulative_income * rules.expense_ratio;

    let paid_months: BTreeSet<u32> = prior
        .iter()
        .chain(std::iter::once(&this))
        .map(|p| p.paid_on.month())
        .collect();
    let deduction_months = (1..=this.paid_on.month())
        .rev()
        .take_while(|month| paid_months.contains(month))
        .fold(0u32, |count, _| count + 1);
    let cumulative_basic_deduction =
        rules.monthly_basic_deduction * Decimal::from(deduction_months);

    let cumulative_taxable =
        (cumulative_income - cumulative_expenses - cumulative_basic_deduction).max(Decimal::ZERO);
    let (rate, quick_deduction) = bracket_for(&rules.brackets, cumulative_taxable);
    let tax_due_to_date = round_fen(cumulative_taxable * rate - quick_deduction).max(Decimal::ZERO);
    let withholding = (tax_due_to_date - already_withheld).max(Decimal::ZERO);

    TaxBreakdown {
        paid_on: this.paid_on,
        income: this.income,
        cumulative_income,
        cumulative_expenses,
        deduction_months,
        cumulative_basic_deduction,
        cumulative_taxable,
        rate,
        quick_deduction,
        tax_due_to_date,
        already_withheld,
        withholding,
    }
}

/// The withholding on one payment, by whichever method applied on its date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Withholding {
    PerPayment(PerPaymentBreakdown),
    Cumulative(TaxBreakdown),
}

impl Withholding {
    /// The amount withheld from this payment.
    pub fn tax(&self) -> Decimal {
        match self {
            Self::PerPayment(breakdown) => breakdown.tax,
            Self::Cumulative(breakdown) => breakdown.withholding,
        }
    }
}

/// Withholding on `this` payment: per payment before [`TaxTable::cumulative_from`],
/// cumulative from it on (see [`withhold_cumulative`] for `history`).
pub fn withhold(history: &[MonthlyPayment], this: MonthlyPayment, table: &TaxTable) -> Withholding {
    if this.paid_on < table.cumulative_from {
        Withholding::PerPayment(withhold_per_payment(this.income, &table.per_payment))
    } else {
        Withholding::Cumulative(withhold_cumulative(history, this, table))
    }
}

/// Withholding on each of a creator's payments from this platform, in date order (payments
/// on the same day keep their given order): the expected column of a reconciliation.
pub fn withhold_each(payments: &[MonthlyPayment], table: &TaxTable) -> Vec<Withholding> {
    let mut ordered = payments.to_vec();
    ordered.sort_by_key(|p| p.paid_on);
    (0..ordered.len())
        .map(|index| withhold(&ordered[..index], ordered[index], table))
        .collect()
}
