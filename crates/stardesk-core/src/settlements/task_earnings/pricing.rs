//! The task axis as the reconciliation tied it, and the domain's expected earning of an
//! expected line. Pure, and over any holder of the lines (the stored lines, or the lean
//! lines `stardesk reconcile` reads), so the drawer and both reports give one figure.
//!
//! The earning is [`stardesk_domain::earnings::expected_earnings`]'s, nothing
//! re-derived: each expected line whose gross is known (its own, else the gross of the
//! statement line paying it) is a finished task of that gross, due on its due date (else
//! the paying line's date). The fees are R-PREF-3's for the order and creator kinds whose
//! fees give the stated fee exactly; with no fee stated, or one that fits no case, an
//! ordinary order of an independent creator. The payee is an individual, as in the tax
//! check: the platform withholds on the month's labour income, per payment before
//! 2025-10-01 and cumulatively from then, and each task bears its share. Withholding
//! restarts every calendar year, so only the years of the lines asked for are computed.

use std::collections::{BTreeSet, HashMap};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use stardesk_domain::earnings::{
    expected_earnings, EarningBreakdown, FinishedTask, GrossSource, Payee,
};
use stardesk_domain::fees::{net_income, CreatorKind, FeeSchedule, OrderKind};
use stardesk_domain::reconcile::records::{ExpectedRecord, LineKey, StatementRecord};
use stardesk_domain::reconcile::{Discrepancy, Match, Reconciliation};
use stardesk_domain::tax::TaxTable;

use super::ipc::{ComponentsSource, GrossFrom, KindsFrom, MissingFact};
use crate::settlements::report::ipc::ClassCode;

/// The expected and statement lines of one reconciliation, with how it tied them.
pub(crate) struct TaskAxis<'a, E, S> {
    pub expected: &'a [E],
    pub statement: &'a [S],
    expected_at: HashMap<&'a LineKey, usize>,
    statement_at: HashMap<&'a LineKey, usize>,
    /// By expected line: the statement line paying it (matched, mismatched, or only a
    /// failed payout).
    pub paid_by: Vec<Option<usize>>,
    /// By statement line: its class on the task axis.
    pub class: Vec<Option<ClassCode>>,
}

impl<'a, E: ExpectedRecord, S: StatementRecord> TaskAxis<'a, E, S> {
    /// `result` must be the reconciliation of these lines, with its task matches listed.
    pub fn new(result: &Reconciliation<'_>, expected: &'a [E], statement: &'a [S]) -> Self {
        let mut axis = Self {
            expected,
            statement,
            expected_at: expected
                .iter()
                .enumerate()
                .map(|(i, l)| (l.key(), i))
                .collect(),
            statement_at: statement
                .iter()
                .enumerate()
                .map(|(i, l)| (l.key(), i))
                .collect(),
            paid_by: vec![None; expected.len()],
            class: vec![None; statement.len()],
        };
        for m in &result.matches {
            if let Match::Task(t) = m {
                axis.tie(Some(&t.expected), &t.statement, ClassCode::Matched);
            }
        }
        for d in &result.discrepancies {
            match d {
                Discrepancy::AmountMismatch(m) => {
                    axis.tie(Some(&m.expected), &m.statement, ClassCode::AmountMismatch);
                }
                Discrepancy::PayoutFailed(m) => {
                    axis.tie(m.expected.as_ref(), &m.statement, ClassCode::PayoutFailed);
                }
                Discrepancy::DuplicatePayout(m) => {
                    axis.tie(None, &m.extra, ClassCode::DuplicatePayout);
                }
                Discrepancy::UnexpectedPayout(m) => {
                    axis.tie(None, &m.statement, ClassCode::UnexpectedPayout);
                }
                _ => {}
            }
        }
        axis
    }

    /// A failed payout pays an expected line only when nothing else does.
    fn tie(&mut self, expected: Option<&LineKey>, statement: &LineKey, class: ClassCode) {
        let Some(&s) = self.statement_at.get(statement) else {
            return;
        };
        self.class[s] = Some(class);
        if let Some(&e) = expected.and_then(|k| self.expected_at.get(k)) {
            if class != ClassCode::PayoutFailed || self.paid_by[e].is_none() {
                self.paid_by[e] = Some(s);
            }
        }
    }

    pub fn expected_index(&self, key: &LineKey) -> Option<usize> {
        self.expected_at.get(key).copied()
    }

    pub fn statement_index(&self, key: &LineKey) -> Option<usize> {
        self.statement_at.get(key).copied()
    }

    fn facts(&self, e: usize) -> Facts {
        let line = &self.expected[e];
        let paying = self.paid_by[e].map(|s| &self.statement[s]);
        Facts {
            gross: line.gross().map(|g| (g, GrossFrom::Expected)).or_else(|| {
                paying
                    .and_then(|s| s.gross())
                    .map(|g| (g, GrossFrom::Statement))
            }),
            fee: line.fee().or_else(|| paying.and_then(|s| s.fee())),
            date: line.due_date().or_else(|| paying.map(|s| s.date())),
        }
    }

    /// The domain's earning of each expected line in `wanted`, in that order: computed
    /// with every line of the same years whose gross and date are known, or why not.
    pub fn price(&self, wanted: &[usize]) -> Vec<Result<Priced, MissingFact>> {
        let facts: Vec<Facts> = (0..self.expected.len()).map(|e| self.facts(e)).collect();
        let years: BTreeSet<i32> = wanted
            .iter()
            .filter_map(|&e| facts[e].priceable())
            .map(|(_, date)| date.year())
            .collect();
        let mut batch: Vec<usize> = Vec::new();
        let mut tasks: Vec<FinishedTask> = Vec::new();
        let mut without_gross: HashMap<(i32, u32), u32> = HashMap::new();
        for (e, f) in facts.iter().enumerate() {
            let Some(date) = f.date.filter(|d| years.contains(&d.year())) else {
                continue;
            };
            let Some((gross, _)) = f.gross else {
                *without_gross
                    .entry((date.year(), date.month()))
                    .or_default() += 1;
                continue;
            };
            let (order, creator, _) = kinds(gross, f.fee);
            batch.push(e);
            tasks.push(FinishedTask {
                task_id: self.expected[e].task_id().to_string(),
                order,
                creator,
                pay_date: date,
                source: GrossSource::FixedFee(gross),
            });
        }
        let breakdowns = expected_earnings(
            &tasks,
            Payee::Individual,
            &FeeSchedule::default(),
            &TaxTable::china(),
        );
        wanted
            .iter()
            .map(|&e| {
                let f = &facts[e];
                let (gross_from, date) = match (f.gross, f.date) {
                    (None, _) => return Err(MissingFact::NoGross),
                    (Some(_), None) => return Err(MissingFact::NoPayDate),
                    (Some((_, from)), Some(date)) => (from, date),
                };
                // Priceable, so in its year's batch (in line order).
                let breakdown = batch
                    .binary_search(&e)
                    .ok()
                    .and_then(|at| breakdowns.get(at))
                    .cloned()
                    .ok_or(MissingFact::NoPayDate)?;
                let (_, _, kinds_from) = kinds(breakdown.gross, f.fee);
                Ok(Priced {
                    month_lines_without_gross: without_gross
                        .get(&(date.year(), date.month()))
                        .copied()
                        .unwrap_or(0),
                    breakdown,
                    gross_from,
                    kinds_from,
                    pay_date: date,
                })
            })
            .collect()
    }
}

/// What the domain needs of an expected line, and where it was read.
struct Facts {
    gross: Option<(Decimal, GrossFrom)>,
    fee: Option<Decimal>,
    date: Option<NaiveDate>,
}

impl Facts {
    fn priceable(&self) -> Option<(Decimal, NaiveDate)> {
        Some((self.gross?.0, self.date?))
    }
}

/// The domain's earning of one expected line and what it was computed from.
#[derive(Debug, Clone)]
pub(crate) struct Priced {
    pub breakdown: EarningBreakdown,
    pub gross_from: GrossFrom,
    pub kinds_from: KindsFrom,
    pub pay_date: NaiveDate,
    /// Expected lines due in the same month whose gross is unknown (left out of the
    /// month's income).
    pub month_lines_without_gross: u32,
}

/// R-PREF-3's four cases, in the order a stated fee is tried against them.
const CASES: [(OrderKind, CreatorKind); 4] = [
    (OrderKind::Ordinary, CreatorKind::Independent),
    (OrderKind::Preferred, CreatorKind::Independent),
    (OrderKind::Preferred, CreatorKind::Agency),
    (OrderKind::Ordinary, CreatorKind::Agency),
];

/// R-PREF-3: the order and creator kinds whose fees on `gross` are exactly `fee`; an
/// ordinary order of an independent creator when no fee is stated or none fits.
pub(crate) fn kinds(gross: Decimal, fee: Option<Decimal>) -> (OrderKind, CreatorKind, KindsFrom) {
    let (order, creator) = CASES[0];
    let Some(fee) = fee else {
        return (order, creator, KindsFrom::NoFeeStated);
    };
    let schedule = FeeSchedule::default();
    CASES
        .iter()
        .find(|&&(o, c)| net_income(gross, o, c, &schedule).total_fees() == fee)
        .map_or((order, creator, KindsFrom::FeeFitsNone), |&(o, c)| {
            (o, c, KindsFrom::StatedFee)
        })
}

/// An expected line's gross, fee and tax: its own when it states all three, the domain's
/// when computed, none when unknown.
pub(crate) struct ExpectedParts {
    pub components: ComponentsSource,
    pub parts: Option<[Decimal; 3]>,
}

pub(crate) fn fully_stated<E: ExpectedRecord>(line: &E) -> bool {
    line.gross().is_some() && line.fee().is_some() && line.tax().is_some()
}

pub(crate) fn expected_parts<E: ExpectedRecord>(
    line: &E,
    priced: Option<&Priced>,
) -> ExpectedParts {
    if let (Some(gross), Some(fee), Some(tax)) = (line.gross(), line.fee(), line.tax()) {
        return ExpectedParts {
            components: ComponentsSource::Stated,
            parts: Some([gross, fee, tax]),
        };
    }
    match priced {
        Some(p) => ExpectedParts {
            components: ComponentsSource::Computed,
            parts: Some([p.breakdown.gross, p.breakdown.total_fees(), p.breakdown.tax]),
        },
        None => ExpectedParts {
            components: ComponentsSource::Unknown,
            parts: None,
        },
    }
}

/// Whether the computation equals the line: its net, and the fee and tax it states.
pub(crate) fn agrees<E: ExpectedRecord>(line: &E, b: &EarningBreakdown) -> bool {
    b.net == line.amount()
        && line.fee().is_none_or(|fee| fee == b.total_fees())
        && line.tax().is_none_or(|tax| tax == b.tax)
}
