//! Expected earnings of finished tasks, every step kept: gross → fees → tax → net.
//!
//! The gross comes from the task's own terms (a fixed fee, a product-review cash reward, a
//! guarantee card); the fees from [`crate::fees::net_income`]; the withholding from
//! [`crate::tax::withhold_each`]. Nothing here re-derives a rule those modules own: this
//! module only decides which of them applies to a task, in what order, and on what base.
//!
//! The result feeds reconciliation through [`expected_lines`].

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate};
use rust_decimal::Decimal;

use crate::fees::{net_income, CreatorKind, Fee, FeeSchedule, OrderKind};
use crate::money::{round_fen, split_largest_remainder};
use crate::reconcile::records::{ExpectedLine, LineKey};
use crate::reconcile::{fingerprint, keys_for};
use crate::reward::{reward_for_plays, reward_for_rank, PlayTier, RankPrize};
use crate::tax::{withhold_each, MonthlyPayment, TaxTable, Withholding};

/// R-REVIEW-8: with a cash reward, the cooperation period runs to the 3rd day after the
/// upload deadline (without one, it ends on the deadline).
pub const COOPERATION_DAYS_AFTER_DEADLINE: u64 = 3;

/// R-REVIEW-9: the reward list is shown publicly for 3 days (公示期) before payout.
pub const PUBLICITY_DAYS: u64 = 3;

fn plus_days(date: NaiveDate, days: u64) -> NaiveDate {
    // Only chrono's last representable dates overflow; no campaign reaches them.
    date.checked_add_days(Days::new(days))
        .unwrap_or(NaiveDate::MAX)
}

/// R-REVIEW-8: the last day of the cooperation period, in which valid plays count: the
/// upload deadline itself without a cash reward, the 3rd day after it with one.
pub fn cooperation_period_end(upload_deadline: NaiveDate, with_cash_reward: bool) -> NaiveDate {
    if with_cash_reward {
        plus_days(upload_deadline, COOPERATION_DAYS_AFTER_DEADLINE)
    } else {
        upload_deadline
    }
}

/// R-REVIEW-9: the publicity period (公示期) of a cash reward, first and last day, both
/// inclusive.
///
/// The list is generated when the cooperation period ends, i.e. at the end of its last
/// day, so the 3 days of publicity are the 3 whole days after it: for an upload deadline
/// D, the cooperation period ends on D+3 and the list is shown on D+4, D+5 and D+6.
pub fn publicity_period(upload_deadline: NaiveDate) -> (NaiveDate, NaiveDate) {
    let cooperation_end = cooperation_period_end(upload_deadline, true);
    (
        plus_days(cooperation_end, 1),
        plus_days(cooperation_end, PUBLICITY_DAYS),
    )
}

/// R-REVIEW-8/9: the first day a cash reward can be paid: the day after its publicity
/// period, D+7 for an upload deadline D. Before it, the reward is "not yet due", never
/// "owed".
pub fn reward_payable_from(upload_deadline: NaiveDate) -> NaiveDate {
    plus_days(publicity_period(upload_deadline).1, 1)
}

/// A submission-task guarantee card (投稿任务收益保底卡, R-LEVEL-6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GuaranteeCard {
    pub issued_on: NaiveDate,
    /// The guaranteed income (published: ¥50).
    pub value: Decimal,
    /// How many days the card can be used, counting the issue day as day 1
    /// (published: 180).
    pub valid_days: u32,
}

impl GuaranteeCard {
    /// R-LEVEL-6: a card is worth ¥50.
    pub const PUBLISHED_VALUE: Decimal = Decimal::from_parts(50, 0, 0, false, 0);
    /// R-LEVEL-6: a card is valid for 180 days.
    pub const PUBLISHED_VALID_DAYS: u32 = 180;

    /// R-LEVEL-6: the ¥50 card valid for 180 days, issued on `issued_on`.
    pub fn published(issued_on: NaiveDate) -> Self {
        Self {
            issued_on,
            value: Self::PUBLISHED_VALUE,
            valid_days: Self::PUBLISHED_VALID_DAYS,
        }
    }

    /// R-LEVEL-6: the last day the card can be used. The issue day is day 1, so "valid 180
    /// days" ends on day 180 = `issued_on + 179`, inclusive; on day 181 it has expired.
    ///
    /// Counting the issue day errs on the early side: a creator told the card lasts one
    /// day less than the platform might allow uses it in time, while the other reading
    /// could let it lapse. `None` for a card with no valid day at all (`valid_days == 0`).
    pub fn last_valid_day(&self) -> Option<NaiveDate> {
        let extra = self.valid_days.checked_sub(1)?;
        Some(plus_days(self.issued_on, u64::from(extra)))
    }

    /// R-LEVEL-6: whether the card can be used on `date` (from the issue day through
    /// [`GuaranteeCard::last_valid_day`], both inclusive).
    pub fn is_valid_on(&self, date: NaiveDate) -> bool {
        self.last_valid_day()
            .is_some_and(|last| self.issued_on <= date && date <= last)
    }
}

/// Where a finished task's gross comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrossSource {
    /// The order's agreed price.
    FixedFee(Decimal),
    /// A product-review cash reward by valid plays (R-REVIEW-5), payable only after its
    /// publicity period (R-REVIEW-8/9).
    PlaysReward {
        tiers: Vec<PlayTier>,
        valid_plays: u64,
        upload_deadline: NaiveDate,
    },
    /// A product-review cash reward by rank of valid plays (R-REVIEW-6), payable only after
    /// its publicity period (R-REVIEW-8/9).
    RankReward {
        prizes: Vec<RankPrize>,
        rank: u32,
        upload_deadline: NaiveDate,
    },
    /// A guarantee submission task on which a guarantee card was used (R-LEVEL-6).
    Guarantee {
        card: GuaranteeCard,
        /// The day the card was applied to the task; it must be valid that day.
        used_on: NaiveDate,
        play_target: u64,
        valid_plays: u64,
        /// What the submission task earned on its own, before the guarantee.
        earned: Decimal,
    },
}

/// One finished task to price.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FinishedTask {
    pub task_id: String,
    pub order: OrderKind,
    pub creator: CreatorKind,
    /// When the platform settles the task (its month-end settlement, or the date the
    /// platform states). A cash reward is due at the later of this and
    /// [`reward_payable_from`].
    pub pay_date: NaiveDate,
    pub source: GrossSource,
}

/// Who receives the creator's income, which decides whether the platform withholds tax.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Payee {
    /// A natural person: the platform withholds individual income tax on labour income.
    Individual,
    /// A company (the creator's studio), which invoices the platform and pays its own
    /// taxes (R-SETTLE-1's self-service settlement): nothing is withheld.
    Company,
}

/// How the gross was found, for the UI to show the rule that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GrossBasis {
    FixedFee,
    /// R-REVIEW-5: the tier the plays fell in, `None` below the first tier or in a gap.
    Plays {
        valid_plays: u64,
        tier: Option<PlayTier>,
    },
    /// R-REVIEW-6: the prize of the rank, `None` past the last prize.
    Rank {
        rank: u32,
        prize: Option<RankPrize>,
    },
    /// R-LEVEL-6: `gross = earned + top_up`, where the top-up lifts the task's own income
    /// to the card's value when the card was valid and the target reached.
    Guarantee {
        earned: Decimal,
        guaranteed: Decimal,
        card_valid: bool,
        target_reached: bool,
        top_up: Decimal,
    },
}

/// This task's part of a month's withholding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaxShare {
    pub year: i32,
    pub month: u32,
    /// This task's labour income: `gross − fees` (the fees never reach the creator).
    pub income: Decimal,
    /// The month's labour income from the platform, all taxed tasks together.
    pub month_income: Decimal,
    /// Every step of the month's withholding, by whichever method applied.
    pub month_withholding: Withholding,
}

/// Whether an expected earning can be claimed yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DueStatus {
    Due,
    /// R-REVIEW-9: e.g. a cash reward still in its publicity period; not owed until `from`.
    NotYetDue {
        from: NaiveDate,
    },
}

/// One step of an earning, in the order the UI lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BreakdownLine {
    Gross(Decimal),
    /// A platform fee (R-PREF-3).
    Fee(Fee),
    /// The creator is bound to an agency, which settles with it: no platform service fee
    /// here and no withholding by the platform (R-PREF-3).
    AgencySettlement,
    Tax(Decimal),
    Net(Decimal),
}

/// A task's expected earning, gross to net.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarningBreakdown {
    pub task_id: String,
    pub order: OrderKind,
    pub creator: CreatorKind,
    pub basis: GrossBasis,
    pub gross: Decimal,
    /// As [`crate::fees::net_income`] lists them.
    pub fees: Vec<Fee>,
    /// R-PREF-3: an agency creator settles through its agency.
    pub settles_through_agency: bool,
    /// Withheld from this task, whole fen.
    pub tax: Decimal,
    /// How the withholding was reached; `None` when nothing is withheld by the platform
    /// (an agency creator, a company payee).
    pub tax_detail: Option<TaxShare>,
    /// `gross − Σ fees − tax`, exact.
    pub net: Decimal,
    pub due_date: NaiveDate,
    /// For a cash reward, the first day it can be paid (R-REVIEW-9).
    pub reward_payable_from: Option<NaiveDate>,
}

impl EarningBreakdown {
    pub fn total_fees(&self) -> Decimal {
        self.fees.iter().map(|fee| fee.amount).sum()
    }

    /// R-REVIEW-9: a reward still before its payable date is not yet due (and so never
    /// reported as a missing payout).
    pub fn due_status(&self, as_of: NaiveDate) -> DueStatus {
        if self.due_date <= as_of {
            DueStatus::Due
        } else {
            DueStatus::NotYetDue {
                from: self.due_date,
            }
        }
    }

    /// Gross, each fee (or the agency line), tax, net.
    pub fn lines(&self) -> Vec<BreakdownLine> {
        let mut lines = vec![BreakdownLine::Gross(self.gross)];
        lines.extend(self.fees.iter().cloned().map(BreakdownLine::Fee));
        if self.settles_through_agency {
            lines.push(BreakdownLine::AgencySettlement);
        }
        lines.push(BreakdownLine::Tax(self.tax));
        lines.push(BreakdownLine::Net(self.net));
        lines
    }
}

struct Gross {
    basis: GrossBasis,
    amount: Decimal,
    payable_from: Option<NaiveDate>,
}

fn gross_of(source: &GrossSource) -> Gross {
    match source {
        GrossSource::FixedFee(amount) => Gross {
            basis: GrossBasis::FixedFee,
            amount: *amount,
            payable_from: None,
        },
        GrossSource::PlaysReward {
            tiers,
            valid_plays,
            upload_deadline,
        } => Gross {
            basis: GrossBasis::Plays {
                valid_plays: *valid_plays,
                tier: tiers.iter().find(|t| t.contains(*valid_plays)).cloned(),
            },
            amount: reward_for_plays(tiers, *valid_plays),
            payable_from: Some(reward_payable_from(*upload_deadline)),
        },
        GrossSource::RankReward {
            prizes,
            rank,
            upload_deadline,
        } => Gross {
            basis: GrossBasis::Rank {
                rank: *rank,
                prize: prizes.iter().find(|p| p.contains(*rank)).cloned(),
            },
            amount: reward_for_rank(prizes, *rank),
            payable_from: Some(reward_payable_from(*upload_deadline)),
        },
        GrossSource::Guarantee {
            card,
            used_on,
            play_target,
            valid_plays,
            earned,
        } => {
            let card_valid = card.is_valid_on(*used_on);
            let target_reached = valid_plays >= play_target;
            let top_up = if card_valid && target_reached {
                (card.value - *earned).max(Decimal::ZERO)
            } else {
                Decimal::ZERO
            };
            Gross {
                basis: GrossBasis::Guarantee {
                    earned: *earned,
                    guaranteed: card.value,
                    card_valid,
                    target_reached,
                    top_up,
                },
                amount: *earned + top_up,
                payable_from: None,
            }
        }
    }
}

/// The expected earning of each task, in the order given, for one creator.
///
/// - **Gross**: a fixed fee; a cash reward by plays (R-REVIEW-5) or rank (R-REVIEW-6),
///   due no earlier than [`reward_payable_from`] (R-REVIEW-8/9); or a guarantee task's
///   income lifted to the card's value when the card was valid on the day it was used
///   and the play target was reached (R-LEVEL-6; "reached" = plays ≥ target).
/// - **Fees**: [`net_income`] (R-PREF-3). An agency creator pays no platform service fee
///   here, which the breakdown shows as [`BreakdownLine::AgencySettlement`].
/// - **Tax**: only for an independent creator paid as an [`Payee::Individual`] (an agency
///   or a company handles its own). The base is the creator's labour income `gross −
///   fees`. The platform withholds on the creator's income *for the month*: the taxed
///   tasks due in one calendar month form one payment (dated on the month's last due
///   date), the months are withheld in date order with [`withhold_each`] (so each month
///   sees the earlier months as history: per payment before 2025-10-01, cumulative from
///   then), and each month's withholding is split over its tasks in proportion to their
///   income by the largest-remainder method, so the shares add up to the fen.
/// - **Net**: `gross − fees − tax`, exact.
///
/// The batch is meant to be the creator's whole year so far: withholding on a month
/// depends on every earlier month of the year.
pub fn expected_earnings(
    tasks: &[FinishedTask],
    payee: Payee,
    fees: &FeeSchedule,
    table: &TaxTable,
) -> Vec<EarningBreakdown> {
    let mut breakdowns: Vec<EarningBreakdown> = tasks
        .iter()
        .map(|task| {
            let gross = gross_of(&task.source);
            let after_fees = net_income(gross.amount, task.order, task.creator, fees);
            let due_date = gross
                .payable_from
                .map_or(task.pay_date, |from| from.max(task.pay_date));
            EarningBreakdown {
                task_id: task.task_id.clone(),
                order: task.order,
                creator: task.creator,
                basis: gross.basis,
                gross: after_fees.gross,
                fees: after_fees.fees,
                settles_through_agency: task.creator == CreatorKind::Agency,
                tax: Decimal::ZERO,
                tax_detail: None,
                net: after_fees.net,
                due_date,
                reward_payable_from: gross.payable_from,
            }
        })
        .collect();

    if payee == Payee::Individual {
        withhold_by_month(&mut breakdowns, table);
    }
    breakdowns
}

fn withhold_by_month(breakdowns: &mut [EarningBreakdown], table: &TaxTable) {
    // (year, month) → indices of the taxed tasks due that month, in input order.
    let mut months: BTreeMap<(i32, u32), Vec<usize>> = BTreeMap::new();
    for (index, b) in breakdowns.iter().enumerate() {
        if b.creator == CreatorKind::Independent {
            months
                .entry((b.due_date.year(), b.due_date.month()))
                .or_default()
                .push(index);
        }
    }
    let payments: Vec<MonthlyPayment> = months
        .values()
        .map(|indices| MonthlyPayment {
            paid_on: indices
                .iter()
                .map(|&i| breakdowns[i].due_date)
                .max()
                .unwrap_or(NaiveDate::MIN),
            income: indices.iter().map(|&i| income_of(&breakdowns[i])).sum(),
        })
        .collect();
    // The BTreeMap already orders the months, and so their dates, as withhold_each needs.
    let withholdings = withhold_each(&payments, table);

    for ((&(year, month), indices), (payment, withholding)) in
        months.iter().zip(payments.iter().zip(withholdings))
    {
        let weights: Vec<Decimal> = indices
            .iter()
            .map(|&i| income_of(&breakdowns[i]).max(Decimal::ZERO))
            .collect();
        let shares = split_largest_remainder(withholding.tax(), &weights);
        for (&i, share) in indices.iter().zip(shares) {
            let b = &mut breakdowns[i];
            b.tax = round_fen(share);
            b.net -= b.tax;
            b.tax_detail = Some(TaxShare {
                year,
                month,
                income: income_of(b),
                month_income: payment.income,
                month_withholding: withholding.clone(),
            });
        }
    }
}

/// The creator's labour income from a task: what the platform pays before withholding.
fn income_of(b: &EarningBreakdown) -> Decimal {
    b.gross - b.total_fees()
}

/// The expected lines reconciliation compares with the statement: amount = net, with the
/// gross, the total fee and the tax filled in so a difference can be traced to one of them.
///
/// A computed line's key is the fingerprint of its task id (and its occurrence among
/// breakdowns of the same task), not of its amounts: recomputing after a rate change keeps
/// the key, so the user's decisions about the line still apply.
pub fn expected_lines(breakdowns: &[EarningBreakdown]) -> Vec<ExpectedLine> {
    let fingerprints: Vec<u64> = breakdowns
        .iter()
        .map(|b| fingerprint(&["expected", &b.task_id]))
        .collect();
    breakdowns
        .iter()
        .zip(keys_for(&fingerprints))
        .map(|(b, key): (&EarningBreakdown, LineKey)| ExpectedLine {
            key,
            task_id: b.task_id.clone(),
            amount: b.net,
            due_date: Some(b.due_date),
            gross: Some(b.gross),
            fee: Some(b.total_fees()),
            tax: Some(b.tax),
        })
        .collect()
}
