//! The money axis: statement lines ↔ platform credits in the bank, and R-SETTLE-1's
//! overdue check. The steps and their bounds are documented on [`super::reconcile`].

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::decisions::Resolved;
use super::hash::{fast_map, FastMap};
use super::tasks::is_failed;
use super::{
    Discrepancy, ExpectedRecord, Origin, PayoutMethod, PayoutOverdue, ReconcileOptions,
    RecordInputs, StatementRecord,
};
use crate::calendar::{payout_deadline, payout_overdue, CalendarWarning, PAYOUT_WORKING_DAYS};
use crate::money::to_fen;

mod window;

/// Lines examined around a credit's date when looking for group candidates.
const GROUP_SCAN_LIMIT: usize = 4_096;
/// Upper bound on `max_group_candidates`, whatever the options say: the pruning tables
/// are quadratic in it.
const GROUP_CANDIDATES_CEILING: usize = 64;

/// Line positions: one without an allocation (the common case), or several.
#[derive(Debug)]
pub(super) enum Positions {
    One(usize),
    Many(Vec<usize>),
}

impl Positions {
    pub fn as_slice(&self) -> &[usize] {
        match self {
            Self::One(position) => std::slice::from_ref(position),
            Self::Many(positions) => positions,
        }
    }
}

#[derive(Debug)]
pub(super) struct RawPayout {
    /// Ascending file positions.
    pub statement: Positions,
    /// Ascending file positions.
    pub bank: Positions,
    pub method: PayoutMethod,
    pub origin: Origin,
}

#[derive(Debug)]
pub(super) struct Money {
    pub matches: Vec<RawPayout>,
    /// Per statement line: a credit paid it.
    pub paid: Vec<bool>,
    /// Per bank line: it pays some statement lines.
    pub used: Vec<bool>,
    /// Per bank line: a platform credit.
    pub eligible: Vec<bool>,
}

fn contains_ignore_ascii_case(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        // An empty pattern would make every line a platform credit.
        return false;
    }
    if !needle.bytes().any(|b| b.is_ascii_alphabetic()) {
        return haystack.contains(needle);
    }
    // Byte windows are safe on UTF-8: a needle's bytes can only match at a char boundary,
    // and only ASCII bytes are case-folded.
    haystack
        .as_bytes()
        .windows(needle.len())
        .any(|window| window.eq_ignore_ascii_case(needle.as_bytes()))
}

fn is_platform_credit(line: &super::BankLine, payers: &[String]) -> bool {
    line.amount > Decimal::ZERO
        && payers.iter().any(|payer| {
            contains_ignore_ascii_case(&line.counterparty, payer)
                || contains_ignore_ascii_case(&line.memo, payer)
        })
}

fn day_gap(a: NaiveDate, b: NaiveDate) -> u32 {
    u32::try_from((a - b).num_days().unsigned_abs()).unwrap_or(u32::MAX)
}

struct Matcher<'i, 'a, E, S> {
    input: &'i RecordInputs<'a, E, S>,
    decisions: &'i Resolved,
    options: &'i ReconcileOptions,
    eligible: Vec<bool>,
    paid: Vec<bool>,
    used: Vec<bool>,
    matches: Vec<RawPayout>,
}

pub(super) fn match_payouts<E: ExpectedRecord, S: StatementRecord>(
    input: &RecordInputs<'_, E, S>,
    decisions: &Resolved,
    options: &ReconcileOptions,
) -> Money {
    let eligible: Vec<bool> = input
        .bank
        .iter()
        .map(|line| is_platform_credit(line, &options.platform_payers))
        .collect();
    let mut m = Matcher {
        input,
        decisions,
        options,
        eligible,
        paid: vec![false; input.statement.len()],
        used: vec![false; input.bank.len()],
        matches: Vec::new(),
    };
    for (statement, bank, origin) in &decisions.payout_groups {
        m.record(
            statement.clone(),
            bank.clone(),
            PayoutMethod::Decided,
            *origin,
        );
    }
    if m.any_free_credit() {
        m.by_reference();
    }
    if m.any_free_credit() {
        m.by_amount_and_date();
    }
    if m.any_free_credit() {
        m.by_group();
    }
    // Each credit is in one match only, and a match's credits are ascending, so the first
    // credit orders the matches without ties.
    m.matches.sort_unstable_by_key(|p| p.bank.as_slice()[0]);
    Money {
        matches: m.matches,
        paid: m.paid,
        used: m.used,
        eligible: m.eligible,
    }
}

impl<'a, E: ExpectedRecord, S: StatementRecord> Matcher<'_, 'a, E, S> {
    fn any_free_credit(&self) -> bool {
        self.eligible
            .iter()
            .zip(&self.used)
            .any(|(&eligible, &used)| eligible && !used)
    }

    fn free_credit(&self, b: usize) -> bool {
        self.eligible[b] && !self.used[b]
    }

    /// A non-failed statement line not yet paid.
    fn open_line(&self, s: usize) -> bool {
        !self.paid[s] && !is_failed(&self.input.statement[s])
    }

    fn rejected_single(&self, s: usize, b: usize) -> bool {
        !self.decisions.rejected_single.is_empty()
            && self.decisions.rejected_single.contains(&(s, b))
    }

    /// `statement` sorted ascending.
    fn rejected_group(&self, statement: &[usize], b: usize) -> bool {
        !self.decisions.rejected_group.is_empty()
            && self
                .decisions
                .rejected_group
                .contains(&(statement.to_vec(), b))
    }

    fn record(
        &mut self,
        mut statement: Vec<usize>,
        mut bank: Vec<usize>,
        method: PayoutMethod,
        origin: Origin,
    ) {
        statement.sort_unstable();
        bank.sort_unstable();
        for &s in &statement {
            self.paid[s] = true;
        }
        for &b in &bank {
            self.used[b] = true;
        }
        let positions = |mut v: Vec<usize>| match v[..] {
            [one] => Positions::One(one),
            _ => {
                v.shrink_to_fit();
                Positions::Many(v)
            }
        };
        self.matches.push(RawPayout {
            statement: positions(statement),
            bank: positions(bank),
            method,
            origin,
        });
    }

    fn record_one(&mut self, s: usize, b: usize, method: PayoutMethod) {
        self.paid[s] = true;
        self.used[b] = true;
        self.matches.push(RawPayout {
            statement: Positions::One(s),
            bank: Positions::One(b),
            method,
            origin: Origin::Automatic,
        });
    }

    /// Step 1: a credit naming statements pays their open lines.
    fn by_reference(&mut self) {
        let statement = self.input.statement;
        let mut heads: FastMap<&'a str, (usize, usize)> = fast_map(64);
        let mut next = vec![usize::MAX; statement.len()];
        let mut lengths = BTreeSet::new();
        for (s, line) in statement.iter().enumerate() {
            if !self.open_line(s) || line.statement_id().is_empty() {
                continue;
            }
            lengths.insert(line.statement_id().len());
            heads
                .entry(line.statement_id())
                .and_modify(|(_, tail)| {
                    next[*tail] = s;
                    *tail = s;
                })
                .or_insert((s, s));
        }
        if heads.is_empty() {
            return;
        }
        let lengths: Vec<usize> = lengths.into_iter().collect();
        // The bytes ids start and end with: most positions of a memo start no id at all.
        let mut edges = IdEdges {
            first: [false; 256],
            last: [false; 256],
            lengths,
        };
        for id in heads.keys() {
            let bytes = id.as_bytes();
            edges.first[usize::from(bytes[0])] = true;
            edges.last[usize::from(bytes[bytes.len() - 1])] = true;
        }

        let mut ids: Vec<&str> = Vec::new();
        for b in 0..self.input.bank.len() {
            if !self.free_credit(b) {
                continue;
            }
            let line = &self.input.bank[b];
            ids.clear();
            for text in [line.txn_id.as_str(), line.memo.as_str()] {
                find_ids(text, &edges, &heads, &mut ids);
            }
            if ids.is_empty() {
                continue;
            }
            let mut group = Vec::new();
            for id in &ids {
                let Some(&(head, _)) = heads.get(id) else {
                    continue;
                };
                let mut s = head;
                while s != usize::MAX {
                    if !self.paid[s] && !self.rejected_single(s, b) {
                        group.push(s);
                    }
                    s = next[s];
                }
            }
            group.sort_unstable();
            // A statement paid in several credits, each naming it (one per line, say):
            // when the credit is not the lines' total, it pays the first line it equals.
            let credit = line.amount;
            let tolerance = self.options.amount_tolerance.abs();
            let total: Decimal = group.iter().map(|&s| statement[s].amount()).sum();
            if (total - credit).abs() > tolerance {
                if let Some(&one) = group
                    .iter()
                    .find(|&&s| (statement[s].amount() - credit).abs() <= tolerance)
                {
                    group = vec![one];
                }
            }
            if group.is_empty() || self.rejected_group(&group, b) {
                continue;
            }
            self.record(group, vec![b], PayoutMethod::Reference, Origin::Automatic);
        }
    }

    /// Step 3: several lines paid by one credit.
    fn by_group(&mut self) {
        let (statement, bank) = (self.input.statement, self.input.bank);
        let window = self.options.group_window_days;
        // Open, positive, whole-fen lines, by (date, key, file position).
        let mut pool: Vec<(usize, i64)> = (0..statement.len())
            .filter(|&s| self.open_line(s) && statement[s].amount() > Decimal::ZERO)
            .filter_map(|s| to_fen(statement[s].amount()).ok().map(|fen| (s, fen)))
            .collect();
        if pool.len() < 2 {
            return;
        }
        pool.sort_unstable_by(|&(x, _), &(y, _)| {
            let (a, b) = (&statement[x], &statement[y]);
            (a.date(), a.key(), x).cmp(&(b.date(), b.key(), y))
        });
        let mut credits: Vec<(usize, i64)> = (0..bank.len())
            .filter(|&b| self.free_credit(b))
            .filter_map(|b| to_fen(bank[b].amount).ok().map(|fen| (b, fen)))
            .collect();
        credits.sort_unstable_by(|&(x, _), &(y, _)| {
            let (a, b) = (&bank[x], &bank[y]);
            (a.date, &a.key, x).cmp(&(b.date, &b.key, y))
        });

        // 3a: the open lines of each statement, and their total.
        let mut statement_slot: FastMap<&str, usize> = fast_map(64);
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut totals: Vec<i64> = Vec::new();
        for &(s, fen) in &pool {
            let slot = *statement_slot
                .entry(statement[s].statement_id())
                .or_insert_with(|| {
                    members.push(Vec::new());
                    totals.push(0);
                    members.len() - 1
                });
            members[slot].push(s);
            totals[slot] = totals[slot].saturating_add(fen);
        }
        let mut by_total: HashMap<i64, Vec<usize>> = HashMap::new();
        for (slot, lines) in members.iter().enumerate() {
            if lines.len() >= 2 {
                by_total.entry(totals[slot]).or_default().push(slot);
            }
        }

        let dates: Vec<NaiveDate> = pool.iter().map(|&(s, _)| statement[s].date()).collect();
        for &(b, target) in &credits {
            let credit_date = bank[b].date;
            let within = |s: usize| day_gap(statement[s].date(), credit_date) <= window;

            if let Some(slots) = by_total.get(&target) {
                let found = slots.iter().find(|&&slot| {
                    let lines = &members[slot];
                    lines
                        .iter()
                        .all(|&s| !self.paid[s] && within(s) && !self.rejected_single(s, b))
                        && {
                            let mut sorted = lines.clone();
                            sorted.sort_unstable();
                            !self.rejected_group(&sorted, b)
                        }
                });
                if let Some(&slot) = found {
                    let lines = members[slot].clone();
                    self.record(
                        lines,
                        vec![b],
                        PayoutMethod::WholeStatement,
                        Origin::Automatic,
                    );
                    continue;
                }
            }

            let candidates = self.group_candidates(b, target, &pool, &dates, window);
            if candidates.len() < 2 {
                continue;
            }
            let amounts: Vec<i64> = candidates.iter().map(|&(_, fen)| fen).collect();
            let max_lines = self.options.max_group_lines.min(candidates.len());
            let mut search = SubsetSearch::new(&amounts, max_lines, target);
            search.budget = self.options.group_search_budget;
            let mut accept = |chosen: &[usize]| {
                let mut lines: Vec<usize> = chosen.iter().map(|&c| candidates[c].0).collect();
                lines.sort_unstable();
                !self.rejected_group(&lines, b)
            };
            let mut found = None;
            for size in 2..=max_lines {
                if search.budget == 0 {
                    break;
                }
                search.chosen.clear();
                if search.dfs(0, size, 0, &mut accept) {
                    found = Some(search.chosen.clone());
                    break;
                }
            }
            if let Some(chosen) = found {
                let lines: Vec<usize> = chosen.iter().map(|&c| candidates[c].0).collect();
                self.record(lines, vec![b], PayoutMethod::Group, Origin::Automatic);
            }
        }
    }

    /// The open lines nearest in date to credit `b` that could be part of its group,
    /// ordered by (gap, date, key, file position): scanned outward from the credit's date
    /// (earlier side first on equal gaps), at most [`GROUP_SCAN_LIMIT`] lines looked at.
    fn group_candidates(
        &self,
        b: usize,
        target: i64,
        pool: &[(usize, i64)],
        dates: &[NaiveDate],
        window: u32,
    ) -> Vec<(usize, i64)> {
        let statement = self.input.statement;
        let credit_date = self.input.bank[b].date;
        let wanted = self
            .options
            .max_group_candidates
            .min(GROUP_CANDIDATES_CEILING);
        let gap_of = |position: usize| day_gap(dates[position], credit_date);
        let in_window = |position: usize| gap_of(position) <= window;
        let pivot = dates.partition_point(|&d| d < credit_date);
        let (mut left, mut right) = (pivot, pivot);
        let mut found: Vec<(u32, usize)> = Vec::new();
        let mut examined = 0usize;
        while found.len() < wanted && examined < GROUP_SCAN_LIMIT {
            let left_ok = left > 0 && in_window(left - 1);
            let right_ok = right < pool.len() && in_window(right);
            let position = match (left_ok, right_ok) {
                (false, false) => break,
                (true, false) => {
                    left -= 1;
                    left
                }
                (false, true) => {
                    right += 1;
                    right - 1
                }
                (true, true) => {
                    if gap_of(left - 1) <= gap_of(right) {
                        left -= 1;
                        left
                    } else {
                        right += 1;
                        right - 1
                    }
                }
            };
            examined += 1;
            let (s, fen) = pool[position];
            if !self.paid[s] && fen <= target && !self.rejected_single(s, b) {
                found.push((gap_of(position), position));
            }
        }
        found.sort_by(|&(ga, pa), &(gb, pb)| {
            let (a, b) = (&statement[pool[pa].0], &statement[pool[pb].0]);
            (ga, a.date(), a.key(), pool[pa].0).cmp(&(gb, b.date(), b.key(), pool[pb].0))
        });
        found
            .into_iter()
            .map(|(_, position)| pool[position])
            .collect()
    }
}

/// What the statement ids look like: their lengths (ascending) and the bytes they start
/// and end with.
struct IdEdges {
    first: [bool; 256],
    last: [bool; 256],
    lengths: Vec<usize>,
}

/// Finds the statement ids named in `text` as whole tokens, appending new ones to `ids`.
fn find_ids<'a>(
    text: &str,
    edges: &IdEdges,
    heads: &FastMap<&'a str, (usize, usize)>,
    ids: &mut Vec<&'a str>,
) {
    let bytes = text.as_bytes();
    for start in 0..bytes.len() {
        if !edges.first[usize::from(bytes[start])] || !text.is_char_boundary(start) {
            continue;
        }
        // An id starting with a letter or digit must not continue a longer token.
        if start > 0
            && bytes[start].is_ascii_alphanumeric()
            && bytes[start - 1].is_ascii_alphanumeric()
        {
            continue;
        }
        for &length in &edges.lengths {
            let end = start + length;
            if end > bytes.len() {
                break;
            }
            if !edges.last[usize::from(bytes[end - 1])] || !text.is_char_boundary(end) {
                continue;
            }
            if end < bytes.len()
                && bytes[end - 1].is_ascii_alphanumeric()
                && bytes[end].is_ascii_alphanumeric()
            {
                continue;
            }
            if let Some((&id, _)) = heads.get_key_value(&text[start..end]) {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
    }
}

/// Exact subset sum over small positive amounts, smallest index-lexicographic first.
struct SubsetSearch<'c> {
    amounts: &'c [i64],
    /// `smallest[i][r]`: sum of the `r` smallest of `amounts[i..]` (`i64::MAX` when fewer).
    smallest: Vec<Vec<i64>>,
    /// `largest[i][r]`: sum of the `r` largest of `amounts[i..]` (`i64::MIN` when fewer).
    largest: Vec<Vec<i64>>,
    target: i64,
    budget: u32,
    chosen: Vec<usize>,
}

impl<'c> SubsetSearch<'c> {
    fn new(amounts: &'c [i64], max_lines: usize, target: i64) -> Self {
        let n = amounts.len();
        let mut smallest = vec![vec![i64::MAX; max_lines + 1]; n + 1];
        let mut largest = vec![vec![i64::MIN; max_lines + 1]; n + 1];
        for i in 0..=n {
            let mut suffix = amounts[i..].to_vec();
            suffix.sort_unstable();
            smallest[i][0] = 0;
            largest[i][0] = 0;
            for r in 1..=max_lines.min(suffix.len()) {
                smallest[i][r] = smallest[i][r - 1].saturating_add(suffix[r - 1]);
                largest[i][r] = largest[i][r - 1].saturating_add(suffix[suffix.len() - r]);
            }
        }
        Self {
            amounts,
            smallest,
            largest,
            target,
            budget: 0,
            chosen: Vec::with_capacity(max_lines),
        }
    }

    /// Picks `need` more indices from `start..` so the sum reaches the target exactly and
    /// `accept` agrees; false when none (or the budget ran out).
    fn dfs(
        &mut self,
        start: usize,
        need: usize,
        sum: i64,
        accept: &mut dyn FnMut(&[usize]) -> bool,
    ) -> bool {
        if need == 0 {
            return sum == self.target && accept(&self.chosen);
        }
        let mut i = start;
        while i + need <= self.amounts.len() {
            if self.budget == 0 {
                return false;
            }
            self.budget -= 1;
            // Later starts only see a smaller suffix: its smallest sums grow and its
            // largest sums shrink, so once out of reach, always out of reach.
            if sum.saturating_add(self.smallest[i][need]) > self.target
                || sum.saturating_add(self.largest[i][need]) < self.target
            {
                break;
            }
            let with = sum + self.amounts[i];
            let rest = need - 1;
            if with.saturating_add(self.smallest[i + 1][rest]) <= self.target
                && with.saturating_add(self.largest[i + 1][rest]) >= self.target
            {
                self.chosen.push(i);
                if self.dfs(i + 1, rest, with, accept) {
                    return true;
                }
                self.chosen.pop();
            }
            i += 1;
        }
        false
    }
}

/// R-SETTLE-1: statements with an invoice sent and no line paid by the 15th working day
/// after the last invoice, and the calendar warnings met on the way.
///
/// A statement with no imported lines, or only failed ones, is skipped: there is nothing
/// to wait for (failed lines are reported as failed).
pub(super) fn overdue<'a, E: ExpectedRecord, S: StatementRecord>(
    input: &RecordInputs<'a, E, S>,
    paid: &[bool],
    options: &ReconcileOptions,
) -> (Vec<Discrepancy<'a>>, Vec<CalendarWarning>) {
    if input.invoices.is_empty() {
        return (Vec::new(), Vec::new());
    }
    let mut order: Vec<&'a str> = Vec::new();
    let mut invoices_of: HashMap<&'a str, Vec<usize>> = HashMap::new();
    for (i, invoice) in input.invoices.iter().enumerate() {
        let id = invoice.statement_id.as_str();
        invoices_of
            .entry(id)
            .or_insert_with(|| {
                order.push(id);
                Vec::new()
            })
            .push(i);
    }
    let mut lines_of: HashMap<&'a str, Vec<usize>> = HashMap::new();
    for (s, line) in input.statement.iter().enumerate() {
        if !is_failed(line) {
            if let Some((&id, _)) = invoices_of.get_key_value(line.statement_id()) {
                lines_of.entry(id).or_default().push(s);
            }
        }
    }

    let mut found = Vec::new();
    let mut warnings = std::collections::BTreeMap::new();
    for id in order {
        let Some(lines) = lines_of.get(id) else {
            continue;
        };
        if lines.iter().any(|&s| paid[s]) {
            continue;
        }
        let invoices = &invoices_of[id];
        let sent_date = invoices
            .iter()
            .map(|&i| input.invoices[i].sent_date)
            .max()
            .unwrap_or(NaiveDate::MIN);
        let (deadline, warning) = payout_deadline(sent_date, &options.calendar);
        if let Some(w) = warning {
            warnings.insert(w.year, w);
        }
        if !payout_overdue(sent_date, options.as_of, &options.calendar) {
            continue;
        }
        found.push(Discrepancy::PayoutOverdue(Box::new(PayoutOverdue {
            statement_id: id,
            invoices: invoices.iter().map(|&i| input.invoices[i].key).collect(),
            tracking_numbers: invoices
                .iter()
                .map(|&i| input.invoices[i].tracking_no.as_str())
                .collect(),
            sent_date,
            deadline,
            working_days: PAYOUT_WORKING_DAYS,
            lines: lines.iter().map(|&s| *input.statement[s].key()).collect(),
            amount: lines.iter().map(|&s| input.statement[s].amount()).sum(),
            calendar_warning: warning,
        })));
    }
    (found, warnings.into_values().collect())
}
