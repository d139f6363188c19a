//! Pages of the kept reconciliation: the discrepancies filtered by class and id, the
//! matches by id, one page at a time, so the window reaches every row of a million-line
//! reconciliation and receives only what it shows.

use stardesk_domain::money::format_yuan;
use stardesk_domain::reconcile::{Discrepancy, Match};

use super::cache::{Cached, Kept};
use super::ipc::*;
use super::{line_refs, origin};
use crate::context::Context;
use crate::error::AppError;
use crate::settlements::keys;
use crate::settlements::report::ipc::ClassCode;
use crate::settlements::report::{class_of, reason, report_row};
use crate::settlements::to_u32;

/// Rows in a page at most.
pub const PAGE_LIMIT: u32 = 500;

/// Whether `hay` contains `needle` (already lower-case), ignoring case.
fn contains_ci(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        true
    } else if hay.is_ascii() && needle.is_ascii() {
        let (h, n) = (hay.as_bytes(), needle.as_bytes());
        n.len() <= h.len() && h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
    } else {
        hay.to_lowercase().contains(needle)
    }
}

/// The query's search, trimmed and lower-case (empty: no search).
fn needle(query: &ReconcilePageQuery) -> String {
    query.search.trim().to_lowercase()
}

/// The positions `kept` lists from `query.offset`, at most `query.limit` (capped at
/// [`PAGE_LIMIT`]).
fn window(kept: &[u32], query: &ReconcilePageQuery) -> Vec<usize> {
    let from = (query.offset as usize).min(kept.len());
    let to = from.saturating_add(query.limit.min(PAGE_LIMIT) as usize);
    kept[from..to.min(kept.len())]
        .iter()
        .map(|&i| i as usize)
        .collect()
}

fn everything(n: usize) -> Vec<u32> {
    (0..to_u32(n)).collect()
}

fn discrepancy_view(index: usize, d: &Discrepancy<'_>) -> DiscrepancyView {
    let row = report_row(d);
    DiscrepancyView {
        index: to_u32(index),
        class: row.class,
        task_id: row.task_id,
        statement_id: row.statement_id,
        txn_id: row.txn_id,
        date: row.date,
        amount: row.amount,
        reason: reason(d),
        refs: line_refs(d),
    }
}

fn match_row(index: usize, m: &Match<'_>, kept: &Cached) -> MatchRow {
    let (lines, ids) = (kept.lines(), kept.ids());
    match m {
        Match::Task(t) => MatchRow {
            index: to_u32(index),
            kind: MatchKind::Task,
            origin: origin(t.origin),
            expected_key: Some(t.expected.to_string()),
            statement_keys: vec![t.statement.to_string()],
            bank_keys: vec![],
            task_id: Some(t.task_id.to_string()),
            statement_ids: ids
                .statement_id(lines, &t.statement)
                .map(|s| vec![s.to_string()])
                .unwrap_or_default(),
            txn_ids: vec![],
            amount: format_yuan(t.amount),
        },
        Match::Payout(p) => MatchRow {
            index: to_u32(index),
            kind: MatchKind::Payout,
            origin: origin(p.origin),
            expected_key: None,
            statement_keys: keys(&p.statement),
            bank_keys: keys(&p.bank),
            task_id: None,
            statement_ids: p.statement_ids.iter().map(|s| s.to_string()).collect(),
            txn_ids: p
                .bank
                .iter()
                .filter_map(|k| ids.txn_id(lines, k).map(str::to_string))
                .collect(),
            amount: format_yuan(p.bank_total),
        },
    }
}

/// Whether a match names an id containing `needle`.
fn match_found(m: &Match<'_>, kept: &Cached, needle: &str) -> bool {
    let (lines, ids) = (kept.lines(), kept.ids());
    match m {
        Match::Task(t) => {
            contains_ci(t.task_id, needle)
                || ids
                    .statement_id(lines, &t.statement)
                    .is_some_and(|s| contains_ci(s, needle))
        }
        Match::Payout(p) => {
            p.statement_ids.iter().any(|s| contains_ci(s, needle))
                || p.bank
                    .iter()
                    .filter_map(|k| ids.txn_id(lines, k))
                    .any(|s| contains_ci(s, needle))
        }
    }
}

/// Whether a discrepancy names an id (task, statement, transaction) containing `needle`.
fn discrepancy_found(d: &Discrepancy<'_>, needle: &str) -> bool {
    d.ids().iter().any(|id| contains_ci(id, needle))
}

/// The discrepancies `query` keeps, by position.
fn discrepancies_kept(kept: &Cached, query: &ReconcilePageQuery) -> Kept {
    let all = &kept.result().discrepancies;
    let needle = needle(query);
    let mut classes: Vec<ClassCode> = query.classes.clone();
    classes.sort_by_key(|c| c.as_str());
    classes.dedup();
    let key = format!(
        "d|{}|{needle}",
        classes
            .iter()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join(",")
    );
    kept.filtered(key, || {
        if classes.is_empty() && needle.is_empty() {
            return everything(all.len());
        }
        all.iter()
            .enumerate()
            .filter(|(_, d)| classes.is_empty() || classes.contains(&class_of(d.code())))
            .filter(|(_, d)| needle.is_empty() || discrepancy_found(d, &needle))
            .map(|(i, _)| to_u32(i))
            .collect()
    })
}

/// The matches `query` keeps (by id; classes do not apply), by position.
fn matches_kept(kept: &Cached, query: &ReconcilePageQuery) -> Kept {
    let all = &kept.result().matches;
    let needle = needle(query);
    kept.filtered(format!("m|{needle}"), || {
        if needle.is_empty() {
            return everything(all.len());
        }
        all.iter()
            .enumerate()
            .filter(|(_, m)| match_found(m, kept, &needle))
            .map(|(i, _)| to_u32(i))
            .collect()
    })
}

impl Context {
    /// A page of the saved reconciliation's discrepancies: those of `query.classes`
    /// (every class when empty) naming an id that contains `query.search` (any case),
    /// from `query.offset`, at most `query.limit` (≤ [`PAGE_LIMIT`]) rows.
    pub async fn reconcile_discrepancies(
        &self,
        query: ReconcilePageQuery,
    ) -> Result<DiscrepancyPage, AppError> {
        self.with_reconciliation(query.as_of.clone(), move |kept| {
            let all = &kept.result().discrepancies;
            let shown = discrepancies_kept(kept, &query);
            DiscrepancyPage {
                as_of: kept.as_of.to_string(),
                total: to_u32(shown.len()),
                offset: query.offset,
                rows: window(&shown, &query)
                    .into_iter()
                    .map(|i| discrepancy_view(i, &all[i]))
                    .collect(),
            }
        })
        .await
    }

    /// A page of the saved reconciliation's matches: those naming an id that contains
    /// `query.search`, from `query.offset`, at most `query.limit` (≤ [`PAGE_LIMIT`]).
    pub async fn reconcile_matches(
        &self,
        query: ReconcilePageQuery,
    ) -> Result<MatchPage, AppError> {
        self.with_reconciliation(query.as_of.clone(), move |kept| {
            let all = &kept.result().matches;
            let shown = matches_kept(kept, &query);
            MatchPage {
                as_of: kept.as_of.to_string(),
                total: to_u32(shown.len()),
                offset: query.offset,
                rows: window(&shown, &query)
                    .into_iter()
                    .map(|i| match_row(i, &all[i], kept))
                    .collect(),
            }
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::contains_ci;

    #[test]
    fn search_ignores_case_in_ascii_and_beyond() {
        assert!(contains_ci("JS-2026-0042", "js-2026"));
        assert!(contains_ci("abc", ""));
        assert!(!contains_ci("ab", "abc"));
        assert!(contains_ci("结算单ÄB", "äb"));
        assert!(!contains_ci("T100", "t2"));
    }
}
