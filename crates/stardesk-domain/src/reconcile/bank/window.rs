//! Step 2 of the money axis: one statement line, one credit, by amount and date.
//!
//! The date window is directional and counts working days (issue 11): the platform pays
//! after it settles, and weekends, holidays and their make-up working days (调休) move the
//! bank's credit, not the statement's date. A line is paid by a credit dated
//! - from [`ReconcileOptions::bank_early_days`] calendar days before the line's date (the
//!   bank and the platform cut their days at different hours),
//! - to the [`ReconcileOptions::bank_window_working_days`]-th working day after it, or,
//!   when an invoice was mailed for the line's statement, to R-SETTLE-1's deadline if
//!   that is later.
//!
//! The calendar is asked once per distinct line date and once per invoice mailing day,
//! before the search: in the search a window is two day numbers.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::super::hash::{fast_map, FastMap};
use super::super::{ExpectedRecord, InvoiceLine, PayoutMethod, ReconcileOptions, StatementRecord};
use super::Matcher;
use crate::calendar::payout_deadline;

/// Union-find "next free position" with path halving: `parent[i] == i` while `i` is free.
fn find(parent: &mut [usize], mut x: usize) -> usize {
    while parent[x] != x {
        let up = parent[parent[x]];
        parent[x] = up;
        x = up;
    }
    x
}

/// `amount × 10^(scale − its scale)` as an exact integer; `None` when it does not fit
/// (an amount beyond any real payout, which then sits out step 2).
fn scaled(amount: Decimal, scale: u32) -> Option<i128> {
    let mut value = amount.mantissa();
    for _ in amount.scale()..scale {
        value = value.checked_mul(10)?;
    }
    Some(value)
}

/// Days since the common era, for gaps without date arithmetic in the hot loop.
fn day_number(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// A free platform credit in step 2, ordered by (amount, date, key, file position).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Credit {
    amount: i128,
    day: i32,
    fingerprint: u64,
    occurrence: u32,
    index: usize,
}

/// A statement line looking for a credit in step 2.
struct Probe {
    line: usize,
    day: i32,
    amount: i128,
    tolerance: i128,
    window: Window,
}

/// The day numbers a credit paying one line may be dated, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    earliest: i32,
    latest: i32,
}

impl Window {
    fn contains(self, day: i32) -> bool {
        (self.earliest..=self.latest).contains(&day)
    }
}

/// R-SETTLE-1: per statement with an invoice mailed, the day number of its deadline, the
/// 15th working day after its latest invoice, as in the overdue check: a credit that
/// arrives while the statement is not yet overdue pays it.
fn invoice_horizons<'a>(
    invoices: &'a [InvoiceLine],
    options: &ReconcileOptions,
) -> FastMap<&'a str, i32> {
    let mut latest_sent: FastMap<&'a str, NaiveDate> = fast_map(invoices.len());
    for invoice in invoices {
        let sent = latest_sent
            .entry(invoice.statement_id.as_str())
            .or_insert(invoice.sent_date);
        *sent = (*sent).max(invoice.sent_date);
    }
    // Many statements share a mailing day: the calendar is asked once per day.
    let mut deadlines: FastMap<NaiveDate, i32> = fast_map(64);
    latest_sent
        .into_iter()
        .map(|(id, sent)| {
            let deadline = *deadlines
                .entry(sent)
                .or_insert_with(|| day_number(payout_deadline(sent, &options.calendar).0));
            (id, deadline)
        })
        .collect()
}

/// The last day number a credit may be dated to pay a line dated `date` without an
/// invoice: the `bank_window_working_days`-th working day after it (the line's own day
/// never counts, as in [`crate::calendar::WorkCalendar::add_working_days`]). Outside the
/// calendar's years, Monday to Friday; the window adds no calendar warning of its own (the
/// overdue check reports the years it met).
fn working_day_horizon(date: NaiveDate, options: &ReconcileOptions) -> i32 {
    let last = options
        .calendar
        .add_working_days(date, options.bank_window_working_days)
        .0;
    day_number(last)
}

impl<E: ExpectedRecord, S: StatementRecord> Matcher<'_, '_, E, S> {
    /// Step 2: one line, one credit, closest dates first (one pass per day of gap at which
    /// some line has a credit left).
    pub(super) fn by_amount_and_date(&mut self) {
        let (statement, bank) = (self.input.statement, self.input.bank);
        let tolerance = self.options.amount_tolerance.abs();
        let lines: Vec<usize> = (0..statement.len())
            .filter(|&s| self.open_line(s) && statement[s].amount() > Decimal::ZERO)
            .collect();
        let credits: Vec<usize> = (0..bank.len()).filter(|&b| self.free_credit(b)).collect();
        if credits.is_empty() || lines.is_empty() {
            return;
        }
        // Exact integer amounts: every amount times 10^scale, at the largest scale in play.
        let scale = lines
            .iter()
            .map(|&s| statement[s].amount().scale())
            .chain(credits.iter().map(|&b| bank[b].amount.scale()))
            .chain(std::iter::once(tolerance.scale()))
            .max()
            .unwrap_or(0);
        let Some(tolerance) = scaled(tolerance, scale) else {
            return;
        };
        let mut free: Vec<Credit> = credits
            .iter()
            .filter_map(|&b| {
                let line = &bank[b];
                Some(Credit {
                    amount: scaled(line.amount, scale)?,
                    day: day_number(line.date),
                    fingerprint: line.key.fingerprint,
                    occurrence: line.key.occurrence,
                    index: b,
                })
            })
            .collect();
        free.sort_unstable();
        // The distinct amounts and where their credits start in `free`: a probe searches
        // this short array, then only its run by date.
        let mut runs: Vec<(i128, usize)> = Vec::new();
        for (position, credit) in free.iter().enumerate() {
            if runs
                .last()
                .is_none_or(|&(amount, _)| amount != credit.amount)
            {
                runs.push((credit.amount, position));
            }
        }
        runs.push((i128::MAX, free.len()));
        let mut lines: Vec<(i32, u64, u32, usize, i128)> = lines
            .iter()
            .filter_map(|&s| {
                let line = &statement[s];
                Some((
                    day_number(line.date()),
                    line.key().fingerprint,
                    line.key().occurrence,
                    s,
                    scaled(line.amount(), scale)?,
                ))
            })
            .collect();
        lines.sort_unstable();
        let windows = self.windows(&lines);

        let slots = free.len();
        // next[i]: the first free position ≥ i (slots = none). prev[i + 1]: the last free
        // position ≤ i, plus one (0 = none).
        let mut next: Vec<usize> = (0..=slots).collect();
        let mut prev: Vec<usize> = (0..=slots).collect();
        // A lower bound of each line's nearest usable gap: credits are only ever taken,
        // so it never shrinks, and a line is skipped until the pass reaches it.
        let mut lower_bound = vec![0u32; lines.len()];
        // The lines still looking, in order. A window can reach weeks ahead (an invoice's
        // horizon), so a pass only visits these, and the passes that would find nothing
        // are skipped: the next pass is the smallest lower bound.
        let mut active: Vec<usize> = (0..lines.len()).collect();
        let mut gap = 0u32;
        loop {
            for &li in &active {
                let (day, _, _, s, amount) = lines[li];
                if self.paid[s] || lower_bound[li] > gap {
                    continue;
                }
                let probe = Probe {
                    line: s,
                    day,
                    amount,
                    tolerance,
                    window: windows[li],
                };
                match self.nearest_credit(&probe, &free, &runs, &mut next, &mut prev) {
                    Some((found_gap, position)) if found_gap <= gap => {
                        next[position] = position + 1;
                        prev[position + 1] = position;
                        self.record_one(
                            s,
                            free[position].index,
                            PayoutMethod::AmountAndDate { day_gap: found_gap },
                        );
                    }
                    Some((found_gap, _)) => lower_bound[li] = found_gap,
                    None => lower_bound[li] = u32::MAX,
                }
            }
            active.retain(|&li| !self.paid[lines[li].3] && lower_bound[li] != u32::MAX);
            // Every line left was found farther than `gap`.
            match active.iter().map(|&li| lower_bound[li]).min() {
                Some(next) => gap = next.max(gap + 1),
                None => break,
            }
        }
    }

    /// Each line's [`Window`], for `lines` sorted by date.
    fn windows(&self, lines: &[(i32, u64, u32, usize, i128)]) -> Vec<Window> {
        let (statement, options) = (self.input.statement, self.options);
        let horizons = invoice_horizons(self.input.invoices, options);
        let early = i32::try_from(options.bank_early_days).unwrap_or(i32::MAX);
        // Lines sorted by date: the calendar is asked once per date.
        let mut last: Option<(i32, i32)> = None;
        lines
            .iter()
            .map(|&(day, _, _, s, _)| {
                let line = &statement[s];
                let after = match last {
                    Some((known, after)) if known == day => after,
                    _ => {
                        let after = working_day_horizon(line.date(), options);
                        last = Some((day, after));
                        after
                    }
                };
                // R-SETTLE-1: once the invoice is mailed, the payout may come until the
                // deadline; only after it is the line overdue.
                let invoiced = if horizons.is_empty() {
                    None
                } else {
                    horizons.get(line.statement_id()).copied()
                };
                Window {
                    earliest: day.saturating_sub(early),
                    latest: invoiced.map_or(after, |deadline| after.max(deadline)),
                }
            })
            .collect()
    }

    /// The best free credit for a line within the tolerance and the window: (gap,
    /// position in `free`). Ranked by gap, then amount difference, then the credit's
    /// order in `free` (date, key, file position).
    fn nearest_credit(
        &self,
        probe: &Probe,
        free: &[Credit],
        runs: &[(i128, usize)],
        next: &mut [usize],
        prev: &mut [usize],
    ) -> Option<(u32, usize)> {
        let (low, high) = (
            probe.amount.saturating_sub(probe.tolerance),
            probe.amount.saturating_add(probe.tolerance),
        );
        // The last entry of `runs` is the end sentinel, never a run of its own.
        let amounts = &runs[..runs.len() - 1];
        let first_run = amounts.partition_point(|&(amount, _)| amount < low);
        let last_run = amounts.partition_point(|&(amount, _)| amount <= high);

        let mut best: Option<((u32, i128, usize), usize)> = None;
        let mut consider = |position: usize| {
            let credit = &free[position];
            if !probe.window.contains(credit.day) {
                return;
            }
            let gap = (credit.day - probe.day).unsigned_abs();
            let rank = (gap, (credit.amount - probe.amount).abs(), position);
            if best.is_none_or(|(current, _)| rank < current) {
                best = Some((rank, position));
            }
        };

        for run in first_run..last_run {
            let (run_start, run_end) = (runs[run].1, runs[run + 1].1);
            let pivot = run_start + free[run_start..run_end].partition_point(|c| c.day < probe.day);
            // The nearest free credit on or after the line's date...
            let mut position = find(next, pivot);
            while position < run_end {
                if self.rejected_single(probe.line, free[position].index) {
                    position = find(next, position + 1);
                    continue;
                }
                consider(position);
                break;
            }
            // ...and the nearest before it.
            let mut slot = find(prev, pivot);
            while slot > run_start {
                let position = slot - 1;
                if self.rejected_single(probe.line, free[position].index) {
                    slot = find(prev, position);
                    continue;
                }
                consider(position);
                break;
            }
        }
        best.map(|((gap, ..), position)| (gap, position))
    }
}
