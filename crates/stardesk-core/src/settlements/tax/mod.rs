//! The tax check of an individual creator (个税核对): for each calendar month of the
//! statement date, the income, the tax the platform withheld (the statement's tax column),
//! the tax StarDesk expects and the difference, with its explanation as data.
//!
//! The expected tax is [`stardesk_domain::tax::withhold_each`]'s, nothing re-derived: per
//! payment before [`TaxTable::cumulative_from`] (2025-10-01, 国家税务总局公告2018年第61号),
//! cumulative from then (国家税务总局公告2025年第16号). As in
//! [`stardesk_domain::earnings::expected_earnings`], a month's lines are one payment
//! dated on the month's last statement date, and the base is the labour income: the
//! gross less the service fees the platform deducts (R-PREF-3). The cumulative method needs every earlier month of the year, so the
//! year filter applies to what is shown, never to what is computed.
//!
//! [`check_lines`] is pure: the stored lines ([`Context::settlement_tax`]) and files read
//! offline (`crate::file_reconciliation::tax_check_files`, `stardesk tax`) go through it.

pub mod ipc;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::StatementRecord;
use stardesk_domain::tax::{withhold_each, ExpenseBasis, MonthlyPayment, TaxTable, Withholding};

use super::to_u32;
use crate::context::{with_store, Context};
use crate::error::AppError;
use ipc::*;

impl Context {
    /// The tax check over every imported statement line; `year` shows that calendar year
    /// only (null: every year).
    pub async fn settlement_tax(&self, year: Option<i32>) -> Result<TaxCheckView, AppError> {
        let lines = with_store(&self.reader, |s| s.statement_lines()).await?;
        Ok(check_lines(&lines, year, &TaxTable::china()))
    }
}

/// One month's lines, summed.
#[derive(Default)]
struct MonthSum {
    lines: usize,
    gross: Decimal,
    fees: Decimal,
    withheld: Decimal,
    without_tax: usize,
    without_gross: usize,
    last_date: Option<NaiveDate>,
}

/// The tax check of statement lines (failed payouts left out), months oldest first;
/// `year` keeps that calendar year's months (and totals) only.
///
/// A line without a gross counts `net + fee + tax` (what it states of them); a line
/// without a tax counts 0 withheld, and the month says how many lines did so.
pub fn check_lines<L: StatementRecord>(
    lines: &[L],
    year: Option<i32>,
    table: &TaxTable,
) -> TaxCheckView {
    let mut months: BTreeMap<(i32, u32), MonthSum> = BTreeMap::new();
    for line in lines.iter().filter(|l| !l.is_failed()) {
        let date = line.date();
        let sum = months.entry((date.year(), date.month())).or_default();
        sum.lines += 1;
        let fee = line.fee().unwrap_or(Decimal::ZERO);
        sum.fees += fee;
        match line.tax() {
            Some(tax) => sum.withheld += tax,
            None => sum.without_tax += 1,
        }
        match line.gross() {
            Some(gross) => sum.gross += gross,
            None => {
                sum.without_gross += 1;
                sum.gross += line.amount() + fee + line.tax().unwrap_or(Decimal::ZERO);
            }
        }
        sum.last_date = sum.last_date.max(Some(date));
    }

    let payments: Vec<MonthlyPayment> = months
        .values()
        .map(|m| MonthlyPayment {
            paid_on: m.last_date.unwrap_or(NaiveDate::MIN),
            income: m.gross - m.fees,
        })
        .collect();
    // The months are in date order, as withhold_each orders them: the results line up.
    let withholdings = withhold_each(&payments, table);

    let years: BTreeSet<i32> = months.keys().map(|&(y, _)| y).collect();
    let mut totals = [Decimal::ZERO; 4];
    let mut shown = Vec::new();
    for ((&(y, m), sum), withholding) in months.iter().zip(&withholdings) {
        if year.is_some_and(|wanted| wanted != y) {
            continue;
        }
        let expected = withholding.tax();
        let difference = sum.withheld - expected;
        for (total, value) in totals
            .iter_mut()
            .zip([sum.gross, sum.withheld, expected, difference])
        {
            *total += value;
        }
        let verdict = if sum.without_tax == sum.lines {
            TaxVerdict::NotStated
        } else if difference.is_zero() {
            TaxVerdict::Exact
        } else if difference > Decimal::ZERO {
            TaxVerdict::OverWithheld
        } else {
            TaxVerdict::UnderWithheld
        };
        shown.push(TaxMonth {
            month: format!("{y:04}-{m:02}"),
            lines: to_u32(sum.lines),
            income: format_yuan(sum.gross),
            fees: format_yuan(sum.fees),
            taxable_income: format_yuan(sum.gross - sum.fees),
            withheld: format_yuan(sum.withheld),
            expected: format_yuan(expected),
            difference: format_yuan(difference),
            explanation: TaxExplanation {
                verdict,
                working: working(withholding),
                lines_without_tax: to_u32(sum.without_tax),
                lines_without_gross: to_u32(sum.without_gross),
            },
        });
    }
    let [income, withheld, expected, difference] = totals.map(format_yuan);
    TaxCheckView {
        years: years.into_iter().collect(),
        year,
        cumulative_from: table.cumulative_from.format("%Y-%m-%d").to_string(),
        months: shown,
        totals: TaxTotals {
            income,
            withheld,
            expected,
            difference,
        },
    }
}

/// A rate as a percentage: 0.20 → "20".
fn percent(rate: Decimal) -> String {
    (rate * Decimal::ONE_HUNDRED).normalize().to_string()
}

/// Every step of a withholding, as the window lays it out.
pub(crate) fn working(withholding: &Withholding) -> TaxWorking {
    match withholding {
        Withholding::PerPayment(b) => TaxWorking::PerPayment {
            income: format_yuan(b.income),
            expense_basis: match b.expense_basis {
                ExpenseBasis::Fixed => TaxExpenseBasis::Fixed,
                ExpenseBasis::Ratio => TaxExpenseBasis::Ratio,
            },
            expenses: format_yuan(b.expenses),
            taxable: format_yuan(b.taxable),
            rate: percent(b.rate),
            quick_deduction: format_yuan(b.quick_deduction),
            tax: format_yuan(b.tax),
        },
        Withholding::Cumulative(b) => TaxWorking::Cumulative {
            cumulative_income: format_yuan(b.cumulative_income),
            cumulative_expenses: format_yuan(b.cumulative_expenses),
            deduction_months: b.deduction_months,
            cumulative_basic_deduction: format_yuan(b.cumulative_basic_deduction),
            cumulative_taxable: format_yuan(b.cumulative_taxable),
            rate: percent(b.rate),
            quick_deduction: format_yuan(b.quick_deduction),
            tax_due_to_date: format_yuan(b.tax_due_to_date),
            already_withheld: format_yuan(b.already_withheld),
            withholding: format_yuan(b.withholding),
        },
    }
}

/// What `stardesk tax --json` prints: exactly `{"months": [{"month", "income",
/// "withheld", "expected", "difference"}]}` (a documented contract of the CLI; the
/// window's [`TaxCheckView`] says more).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxCheckJson {
    pub months: Vec<TaxMonthJson>,
}

/// One month of [`TaxCheckJson`]: amounts in yuan, 2 decimals; `difference` = withheld −
/// expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TaxMonthJson {
    pub month: String,
    pub income: String,
    pub withheld: String,
    pub expected: String,
    pub difference: String,
}

impl TaxCheckJson {
    pub fn of(view: &TaxCheckView) -> Self {
        Self {
            months: view
                .months
                .iter()
                .map(|m| TaxMonthJson {
                    month: m.month.clone(),
                    income: m.income.clone(),
                    withheld: m.withheld.clone(),
                    expected: m.expected.clone(),
                    difference: m.difference.clone(),
                })
                .collect(),
        }
    }
}
