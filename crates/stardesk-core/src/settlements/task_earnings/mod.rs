//! Per-task earnings: for one task, every expected line's gross → fees → tax → net as the
//! domain computes it ([`pricing`]), beside the statement line that paid it (gross, fee,
//! tax and net as the platform reported them) and the bank credit that paid that line,
//! with the difference net paid − net expected. The window's drawer on a matched or
//! mismatched row; the report's per-task columns come from the same [`pricing`].

pub mod ipc;
pub(crate) mod pricing;

use std::collections::{HashMap, HashSet};

use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::records::{ExpectedLine, LineKey, PayoutStatus};
use stardesk_domain::reconcile::{Match, PayoutMatch, Reconciliation};
use stardesk_domain::tax::TaxTable;

use super::reconciliation::StoredLines;
use super::report::ipc::ClassCode;
use super::tax::working;
use super::to_u32;
use crate::context::Context;
use crate::error::{AppError, ErrorCode};
use crate::task_hall::view::{creator_view, fee_line, order_view};
use crate::wire::day;
use ipc::*;
use pricing::{agrees, expected_parts, Priced, TaskAxis};

impl Context {
    /// Every expected line of `task_id` computed gross → fees → tax → net by the domain,
    /// beside the statement lines and bank credits that paid it: the reconciliation of
    /// everything stored with the saved decisions, as of today. A task with no expected
    /// and no statement line is `not_found`.
    pub async fn task_earnings(&self, task_id: String) -> Result<TaskEarningsView, AppError> {
        let task_id = task_id.trim().to_string();
        if task_id.is_empty() {
            return Err(AppError::invalid_input("the task id is empty"));
        }
        self.reconcile_stored(None, move |_, result, lines| view(&task_id, result, lines))
            .await?
    }
}

fn view(
    task_id: &str,
    result: &Reconciliation<'_>,
    lines: &StoredLines,
) -> Result<TaskEarningsView, AppError> {
    let expected: Vec<usize> = positions(lines.expected.iter().map(|l| l.task_id == task_id));
    let statement: Vec<usize> = positions(lines.statement.iter().map(|l| l.task_id == task_id));
    if expected.is_empty() && statement.is_empty() {
        return Err(AppError::new(
            ErrorCode::NotFound,
            format!("no expected or statement line of task {task_id:?} is imported"),
        ));
    }
    let axis = TaskAxis::new(result, &lines.expected, &lines.statement);
    let credits = Credits::of(
        result,
        lines,
        statement.iter().map(|&s| &lines.statement[s].key),
    );
    let paid_line = |s: usize| credits.paid_line(&axis, s);

    let earnings = expected
        .iter()
        .zip(axis.price(&expected))
        .map(|(&e, priced)| earning(&axis, e, priced, &paid_line))
        .collect();
    let paying: HashSet<usize> = expected.iter().filter_map(|&e| axis.paid_by[e]).collect();
    Ok(TaskEarningsView {
        task_id: task_id.to_string(),
        earnings,
        other_lines: statement
            .into_iter()
            .filter(|s| !paying.contains(s))
            .map(paid_line)
            .collect(),
        cumulative_from: day(TaxTable::china().cumulative_from),
    })
}

fn positions(hits: impl Iterator<Item = bool>) -> Vec<usize> {
    hits.enumerate()
        .filter(|(_, hit)| *hit)
        .map(|(i, _)| i)
        .collect()
}

type Axis<'a> = TaskAxis<'a, ExpectedLine, stardesk_domain::reconcile::records::StatementLine>;

fn earning(
    axis: &Axis<'_>,
    e: usize,
    priced: Result<Priced, MissingFact>,
    paid_line: &dyn Fn(usize) -> PaidLine,
) -> TaskEarning {
    let line = &axis.expected[e];
    let parts = expected_parts(line, priced.as_ref().ok());
    let [gross, fee, tax] = match parts.parts {
        Some(p) => p.map(|v| Some(format_yuan(v))),
        None => [None, None, None],
    };
    let paying = axis.paid_by[e];
    let net_paid = paying
        .map(|s| &axis.statement[s])
        .filter(|s| s.status != PayoutStatus::Failed)
        .map(|s| s.amount);
    TaskEarning {
        expected_key: line.key.to_string(),
        due_date: line.due_date.map(day),
        components: parts.components,
        gross,
        fee,
        tax,
        net_expected: format_yuan(line.amount),
        steps: priced.as_ref().ok().map(|p| steps(line, p)),
        missing: priced.err(),
        paid: paying.map(paid_line),
        net_paid: net_paid.map(format_yuan),
        difference: net_paid.map(|paid| format_yuan(paid - line.amount)),
    }
}

fn steps(line: &ExpectedLine, p: &Priced) -> EarningSteps {
    let b = &p.breakdown;
    EarningSteps {
        gross: format_yuan(b.gross),
        gross_from: p.gross_from,
        order: order_view(b.order),
        creator: creator_view(b.creator),
        kinds_from: p.kinds_from,
        fees: b.fees.iter().map(fee_line).collect(),
        fee_total: format_yuan(b.total_fees()),
        taxable_income: format_yuan(b.gross - b.total_fees()),
        tax: format_yuan(b.tax),
        tax_share: b.tax_detail.as_ref().map(|t| TaskTax {
            month: format!("{:04}-{:02}", t.year, t.month),
            income: format_yuan(t.income),
            month_income: format_yuan(t.month_income),
            month_lines_without_gross: p.month_lines_without_gross,
            working: working(&t.month_withholding),
            month_tax: format_yuan(t.month_withholding.tax()),
        }),
        net: format_yuan(b.net),
        pay_date: day(p.pay_date),
        agrees: agrees(line, b),
    }
}

/// The payout matches of the task's statement lines, and their bank lines.
struct Credits<'r, 'l> {
    by_line: HashMap<&'l LineKey, &'r PayoutMatch<'r>>,
    lines: &'l StoredLines,
}

impl<'r, 'l> Credits<'r, 'l> {
    fn of(
        result: &'r Reconciliation<'_>,
        lines: &'l StoredLines,
        keys: impl Iterator<Item = &'l LineKey>,
    ) -> Self {
        let wanted: HashSet<&LineKey> = keys.collect();
        let mut by_line = HashMap::new();
        for m in &result.matches {
            if let Match::Payout(p) = m {
                for key in &p.statement {
                    if let Some(&k) = wanted.get(key) {
                        by_line.insert(k, &**p);
                    }
                }
            }
        }
        Self { by_line, lines }
    }

    fn paid_line(&self, axis: &Axis<'_>, s: usize) -> PaidLine {
        let line = &axis.statement[s];
        let payout = self.by_line.get(&line.key);
        let credits = payout.map_or_else(Vec::new, |p| {
            p.bank
                .iter()
                .filter_map(|k| self.lines.bank.iter().find(|b| &b.key == k))
                .map(|b| BankCreditView {
                    bank_key: b.key.to_string(),
                    txn_id: b.txn_id.clone(),
                    date: day(b.date),
                    amount: format_yuan(b.amount),
                })
                .collect()
        });
        let money = |v: Option<rust_decimal::Decimal>| v.map(format_yuan);
        let failed = line.status == PayoutStatus::Failed;
        PaidLine {
            statement_key: line.key.to_string(),
            statement_id: line.statement_id.clone(),
            date: day(line.date),
            class: axis.class[s].unwrap_or(if failed {
                ClassCode::PayoutFailed
            } else {
                ClassCode::UnexpectedPayout
            }),
            failed,
            gross: money(line.gross),
            fee: money(line.fee),
            tax: money(line.tax),
            net: format_yuan(line.amount),
            credits,
            credit_lines: payout.map_or(0, |p| to_u32(p.statement.len())),
        }
    }
}
