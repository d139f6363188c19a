//! The task hall's query: counted and paged on the hall's narrow structures (migration
//! 0009), so that only the rows of the page are read from the wide `tasks` table.
//!
//! - Search: a term of three characters or more is a trigram phrase (`tasks_fts`); terms
//!   of one or two characters are tokens of `tasks_grams`, which also holds each task's
//!   category, industry and content form, so that FTS5 itself intersects a search with
//!   those filters. Beside terms of three or more, shorter ones are checked with `instr()`
//!   on the few tasks the long ones find.
//! - Filters and sort: `task_hall` and its covering indexes; "eligible only" is its
//!   precomputed flag when that was computed for the creator and day asked about.
//! - The count and the page pick their plan from the sizes involved (the tasks the search
//!   finds, the matches, the page wanted) and what each visit costs: read a sort index in
//!   order until the page is full when matches are dense, or visit the matches and sort
//!   them when they are few. Every plan returns the same rows; only the time differs.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, TransactionBehavior};

use super::eligible::Basis;
use super::without;
use super::{bulk, fts_phrase, grams, read_task, TaskFilter, TaskOrder, TaskRecord, COLUMNS};
use crate::{Store, StoreError};

/// What the full-text indexes find: SQL yielding each task's `task_rowid`.
struct Found {
    sql: String,
    args: Vec<Value>,
    /// When the short-term index answers the whole search (no term of three characters
    /// or more): its query's token groups, and the text terms, which `instr()` can check
    /// on one task's text instead.
    grams: Option<(Vec<Vec<String>>, Vec<String>)>,
}

const GRAMS: &str = "SELECT rowid AS task_rowid FROM tasks_grams WHERE tasks_grams MATCH ?";

impl Found {
    /// `None` when the search is better left to `task_hall` (no text, and filters other
    /// than those the short-term index holds).
    fn new(f: &TaskFilter, other_filters: bool) -> Option<Found> {
        let q = f.search.as_deref().unwrap_or("");
        let (short, long): (Vec<&str>, Vec<&str>) =
            q.split_whitespace().partition(|t| t.chars().count() < 3);
        if !long.is_empty() {
            let phrases: Vec<String> = long.iter().map(|t| fts_phrase(t)).collect();
            let mut sql =
                "SELECT rowid AS task_rowid FROM tasks_fts WHERE tasks_fts MATCH ?".to_string();
            let mut args = vec![Value::Text(phrases.join(" AND "))];
            for t in &short {
                sql.push_str(" AND instr(search_text, ?) > 0");
                args.push(Value::Text((*t).to_string()));
            }
            return Some(Found {
                sql,
                args,
                grams: None,
            });
        }
        let mut groups: Vec<Vec<String>> = short
            .iter()
            .filter_map(|t| grams::term_token(t))
            .map(|t| vec![t])
            .collect();
        for (prefix, values) in [
            (grams::CATEGORY, &f.categories),
            (grams::INDUSTRY, &f.industries),
            (grams::CONTENT_FORM, &f.content_forms),
        ] {
            if !values.is_empty() {
                groups.push(values.iter().map(|v| grams::facet(prefix, v)).collect());
            }
        }
        if groups.is_empty() || (short.is_empty() && other_filters) {
            return None;
        }
        Some(Found {
            sql: GRAMS.into(),
            args: vec![Value::Text(grams::query(&groups))],
            grams: Some((groups, short.iter().map(|t| (*t).to_string()).collect())),
        })
    }

    /// While a first sync defers the indexes (`bulk.rs`): the tasks whose own text has
    /// every term, read from `tasks` — a term of three characters or more as the trigram
    /// index matches it (`fts_fold`), a shorter one with `instr()`, as the index would.
    fn deferred(f: &TaskFilter) -> Option<Found> {
        let q = f.search.as_deref().unwrap_or("");
        let terms: Vec<&str> = q.split_whitespace().collect();
        if terms.is_empty() {
            return None;
        }
        let mut conds = Vec::new();
        let mut args = Vec::new();
        for t in terms {
            if t.chars().count() >= 3 {
                conds.push("instr(fts_fold(search_text), fts_fold(?)) > 0");
            } else {
                conds.push("instr(search_text, ?) > 0");
            }
            args.push(Value::Text(t.to_string()));
        }
        Some(Found {
            sql: format!(
                "SELECT rowid AS task_rowid FROM tasks WHERE {}",
                conds.join(" AND ")
            ),
            args,
            grams: None,
        })
    }
}

/// The filters other than search, as conditions on `task_hall AS h`: those the
/// short-term index also holds (category, industry, content form), and the others.
struct Conditions {
    facets: Vec<String>,
    facet_args: Vec<Value>,
    rest: Vec<String>,
    rest_args: Vec<Value>,
    /// The covering index whose range the other filters narrow most, as far as one can
    /// tell: the eligible tasks', a range of deadlines, of rewards; or every task's.
    narrowest: &'static str,
}

impl Conditions {
    fn new(f: &TaskFilter, stored: Option<&Basis>) -> Conditions {
        let mut facets = Vec::new();
        let mut facet_args = Vec::new();
        for (column, values) in [
            ("category", &f.categories),
            ("industry", &f.industries),
            ("content_form", &f.content_forms),
        ] {
            if !values.is_empty() {
                let marks = vec!["?"; values.len()].join(", ");
                facets.push(format!("h.{column} IN ({marks})"));
                facet_args.extend(values.iter().map(|v| Value::Text(v.clone())));
            }
        }
        let mut rest = Vec::new();
        let mut rest_args = Vec::new();
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| Value::Text(d.to_string()));
        for (cond, v) in [
            (
                "h.reward_max_fen >= ?",
                f.reward_min_fen.map(Value::Integer),
            ),
            (
                "h.reward_max_fen <= ?",
                f.reward_max_fen.map(Value::Integer),
            ),
            ("h.upload_deadline >= ?", day(f.deadline_from)),
            ("h.upload_deadline <= ?", day(f.deadline_to)),
        ] {
            if let Some(v) = v {
                rest.push(cond.to_string());
                rest_args.push(v);
            }
        }
        let mut narrowest = if f.deadline_from.is_some() || f.deadline_to.is_some() {
            "task_hall_deadline"
        } else if f.reward_min_fen.is_some() || f.reward_max_fen.is_some() {
            "task_hall_reward"
        } else {
            "task_hall_newest"
        };
        if let Some(e) = &f.eligible_for {
            let basis = Basis::from(e);
            if stored == Some(&basis) {
                rest.push("h.eligible = 1".into());
                narrowest = "task_hall_eligible";
            } else {
                rest.push(basis.condition("h", &mut rest_args));
            }
        }
        Conditions {
            facets,
            facet_args,
            rest,
            rest_args,
            narrowest,
        }
    }

    /// Every filter.
    fn all(&self) -> (Vec<String>, Vec<Value>) {
        (
            self.facets.iter().chain(&self.rest).cloned().collect(),
            chain(&self.facet_args, &self.rest_args),
        )
    }
}

fn where_(conds: &[String]) -> String {
    if conds.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", conds.join(" AND "))
    }
}

fn count(conn: &Connection, sql: &str, args: &[Value]) -> rusqlite::Result<u64> {
    conn.prepare_cached(sql)?
        .query_row(params_from_iter(args), |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).unwrap_or(0))
}

/// A search that finds at most this many tasks is counted by visiting each.
const FEW: u64 = 10_000;

/// What a visit costs, in covering index entries read (measured): an entry read, a task
/// listed for lookup or looked up in the list, a task's row of the hall looked up, a
/// text checked with instr().
const ENTRY: u64 = 1;
const LISTED: u64 = 3;
const LOOKUP: u64 = 12;
const CHECKED: u64 = 20;

/// The condition that a task's text has every term: instr() on the trigram index's copy.
fn probes(terms: &[String], conds: &[String], args: &[Value]) -> (Vec<String>, Vec<Value>) {
    let mut conds = conds.to_vec();
    let mut args = args.to_vec();
    for t in terms {
        conds.push(
            "instr((SELECT search_text FROM tasks_fts WHERE rowid = h.task_rowid), ?) > 0".into(),
        );
        args.push(Value::Text(t.clone()));
    }
    (conds, args)
}

fn chain(a: &[Value], b: &[Value]) -> Vec<Value> {
    a.iter().chain(b).cloned().collect()
}

/// How a query counts its matches. Every plan gives the same count; a plan that does not
/// fit the query (a search plan without a search, say) falls back to one that does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Count {
    /// On the narrowest of `task_hall`'s covering indexes (no search).
    Filtered,
    /// The tasks the full-text index finds (no other filter).
    Found,
    /// Each task found, joined to its row of the hall.
    Driven,
    /// The matches of the other filters less the tasks not found (short-term index).
    Complement,
}

/// How a query reads its page; as for [`Count`], every plan gives the same rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Page {
    /// A sort index read in order until the page is full (no search).
    InOrder,
    /// The narrowest covering index read, the matches sorted (no search).
    Sorted,
    /// In order, each visited text checked with instr() (short-term index).
    InOrderChecked,
    /// The narrowest covering index read, each text checked, sorted (short terms).
    SortedChecked,
    /// In order, each visited task looked up in the list of those found.
    InOrderListed,
    /// Each task found, then sorted.
    Driven,
}

/// Plans the tests impose; the store picks its own.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Force {
    pub(super) count: Option<Count>,
    pub(super) page: Option<Page>,
}

impl Store {
    /// One page of the task hall and the number of matches over all pages.
    pub fn query_tasks(&self, filter: &TaskFilter) -> Result<(u32, Vec<TaskRecord>), StoreError> {
        // One read snapshot: the count and the page agree even while a sync writes.
        let tx = rusqlite::Transaction::new_unchecked(&self.conn, TransactionBehavior::Deferred)
            .map_err(|e| self.err(e))?;
        query_on(&tx, filter, Force::default()).map_err(|e| self.err(e))
    }
}

/// The query on `conn`, with the plans `force` names.
pub(super) fn query_on(
    conn: &Connection,
    filter: &TaskFilter,
    force: Force,
) -> rusqlite::Result<(u32, Vec<TaskRecord>)> {
    let (total, rowids) = plan_and_run(conn, filter, force)?;
    let mut one = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM tasks WHERE rowid = ?1"))?;
    let mut rows = Vec::with_capacity(rowids.len());
    for rowid in rowids {
        if let Some(t) = one.query_row([rowid], read_task).optional()? {
            rows.push(t);
        }
    }
    Ok((u32::try_from(total).unwrap_or(u32::MAX), rows))
}

/// The number of matches and the rowids of the page, in order.
fn plan_and_run(
    conn: &Connection,
    f: &TaskFilter,
    force: Force,
) -> rusqlite::Result<(u64, Vec<i64>)> {
    let c = Conditions::new(f, Basis::stored(conn)?.as_ref());
    let deferred = bulk::deferred(conn)?;
    let found = if deferred {
        Found::deferred(f)
    } else {
        Found::new(f, !c.rest.is_empty())
    };
    // The covering index a statement reads; none while a first sync defers them.
    let indexed_by = |name: &str| {
        if deferred {
            String::new()
        } else {
            format!("INDEXED BY {name}")
        }
    };
    // With a search, the filters FTS5 did not apply; without, all of them.
    let (conds, args) = match &found {
        Some(Found { grams: Some(_), .. }) => (c.rest.clone(), c.rest_args.clone()),
        _ => c.all(),
    };
    let all = count(conn, "SELECT count(*) FROM task_hall", &[])?;
    // The tasks `from` yields, joined to their row of the hall and filtered.
    let driven = |from: &str, what: &str| {
        format!(
            "SELECT {what} FROM ({from}) AS s CROSS JOIN task_hall AS h
             ON h.task_rowid = s.task_rowid {}",
            where_(&conds)
        )
    };
    // Counted on the narrowest covering index: never a lookup per task.
    let counted = |conds: &[String]| {
        if conds.is_empty() {
            "SELECT count(*) FROM task_hall".to_string()
        } else {
            format!(
                "SELECT count(*) FROM task_hall AS h {} {}",
                indexed_by(c.narrowest),
                where_(conds)
            )
        }
    };

    // The count, and how many tasks the search finds (estimated when not counted).
    let exact = |s: &Found| count(conn, &format!("SELECT count(*) FROM ({})", s.sql), &s.args);
    let n_found = match &found {
        None => all,
        Some(s) if conds.is_empty() => exact(s)?,
        Some(Found {
            grams: Some((groups, _)),
            ..
        }) => grams::estimate(conn, groups, all)?,
        Some(s) => exact(s)?,
    };
    let plan = match (force.count, &found) {
        (Some(plan), _) => plan,
        (None, None) => Count::Filtered,
        (None, Some(_)) if conds.is_empty() => Count::Found,
        (None, Some(s)) if s.grams.is_some() && n_found > FEW && 2 * n_found > all => {
            Count::Complement
        }
        (None, Some(_)) => Count::Driven,
    };
    let total = match (plan, &found) {
        (Count::Found, None) if conds.is_empty() => all,
        (Count::Found, Some(_)) if conds.is_empty() => n_found,
        (
            Count::Complement,
            Some(Found {
                grams: Some((groups, _)),
                ..
            }),
        ) => {
            // Most tasks have the terms: the matches of the filters, less those without.
            let not_args = [Value::Text(without::query(conn, groups)?)];
            let matching = count(conn, &counted(&conds), &args)?;
            let without = count(conn, &driven(GRAMS, "count(*)"), &chain(&not_args, &args))?;
            matching.saturating_sub(without)
        }
        (_, Some(s)) => count(conn, &driven(&s.sql, "count(*)"), &chain(&s.args, &args))?,
        (_, None) => count(conn, &counted(&conds), &args)?,
    };
    if total <= u64::from(f.offset) || f.limit == 0 {
        return Ok((total, Vec::new()));
    }

    // The page, by the plan that costs least. Reading a sort index in order visits about
    // `visits` entries to fill it; the filters FTS5 did not apply match `via_filters`
    // tasks or so, and that share of the visited entries has its text checked.
    let (index, order) = match f.order {
        TaskOrder::Newest => ("task_hall_newest", "h.updated_at DESC, h.id"),
        TaskOrder::Deadline => ("task_hall_deadline", "h.upload_deadline, h.id"),
        TaskOrder::Reward => ("task_hall_reward", "h.reward_max_fen DESC, h.id"),
    };
    let wanted = u64::from(f.offset) + u64::from(f.limit);
    let visits = wanted.saturating_mul(all) / total;
    let via_filters = (total.saturating_mul(all) / n_found.max(1)).min(all);
    let (all_conds, all_args) = c.all();
    // Sorting keeps the `wanted` first: a comparison per level of its tree.
    let sorting = 2 * u64::from(wanted.ilog2());
    // To sort, the narrowest index that holds the sort's columns (the deadline and reward
    // indexes have no update time).
    let sort_from = match (f.order, c.narrowest) {
        (TaskOrder::Newest, "task_hall_deadline" | "task_hall_reward") => index,
        (_, narrowest) => narrowest,
    };
    let plan = match (force.page, &found) {
        (Some(plan), _) => plan,
        // In order, unless the matches are sparse in that order and a narrower range
        // holds them.
        (None, None) if sort_from == index || visits <= 4 * total => Page::InOrder,
        (None, None) => Page::Sorted,
        (None, Some(s)) => {
            let mut costs = vec![
                (Page::InOrderListed, n_found * LISTED + visits * ENTRY),
                (Page::Driven, n_found * (LOOKUP + sorting)),
            ];
            if let Some((_, terms)) = &s.grams {
                let check = if terms.is_empty() { 0 } else { CHECKED };
                let checked = visits.saturating_mul(via_filters) / all.max(1);
                costs.push((Page::InOrderChecked, visits * ENTRY + checked * check));
                costs.push((
                    Page::SortedChecked,
                    all * ENTRY + via_filters * (check + sorting),
                ));
            }
            costs
                .into_iter()
                .min_by_key(|(_, cost)| *cost)
                .map_or(Page::Driven, |(p, _)| p)
        }
    };
    // In order: the covering sort index holds every filter column.
    let in_order = |conds: &[String]| {
        format!(
            "SELECT h.task_rowid FROM task_hall AS h {} {}
             ORDER BY {order} LIMIT ? OFFSET ?",
            indexed_by(index),
            where_(conds)
        )
    };
    // The narrowest covering index read, the matches sorted.
    let sorted = |conds: &[String]| {
        format!(
            "SELECT h.task_rowid FROM task_hall AS h {} {}
             ORDER BY {order} LIMIT ? OFFSET ?",
            indexed_by(sort_from),
            where_(conds)
        )
    };
    let page = [
        Value::Integer(i64::from(f.limit)),
        Value::Integer(i64::from(f.offset)),
    ];
    let (sql, args) = match (plan, &found) {
        (Page::Sorted, None) => (sorted(&all_conds), chain(&all_args, &page)),
        (
            Page::InOrderChecked | Page::SortedChecked,
            Some(Found {
                grams: Some((_, terms)),
                ..
            }),
        ) => {
            let (conds, args) = probes(terms, &all_conds, &all_args);
            let sql = if plan == Page::InOrderChecked {
                in_order(&conds)
            } else {
                sorted(&conds)
            };
            (sql, chain(&args, &page))
        }
        (Page::InOrderListed, Some(s)) => {
            let mut conds = conds.clone();
            conds.push(format!("h.task_rowid IN ({})", s.sql));
            (in_order(&conds), chain(&chain(&args, &s.args), &page))
        }
        (_, Some(s)) => (
            format!(
                "{} ORDER BY {order} LIMIT ? OFFSET ?",
                driven(&s.sql, "h.task_rowid")
            ),
            chain(&chain(&s.args, &args), &page),
        ),
        (_, None) => (in_order(&all_conds), chain(&all_args, &page)),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rowids = stmt
        .query_map(params_from_iter(&args), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok((total, rowids))
}
