//! The task hall's query: counted and paged on the hall's narrow structures (migration
//! 0009), so that only the rows of the page are read from the wide `tasks` table.
//!
//! - Search: a term of three characters or more is a trigram phrase (`tasks_fts`); terms
//!   of one or two characters are tokens of `tasks_grams`. Beside terms of three or more,
//!   shorter ones are checked with `instr()` on the few tasks the long ones find.
//! - Filters and sort: `task_hall` and its covering indexes; "eligible only" is its
//!   precomputed flag when that was computed for the creator and day asked about.
//! - The count and the page pick their plan from the sizes involved (the number of tasks
//!   the search finds, the number that match, the page wanted): read a sort index in
//!   order until the page is full when matches are dense, or collect the matches and sort
//!   them when they are few. Every plan returns the same rows; only the time differs.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, TransactionBehavior};

use super::eligible::Basis;
use super::{fts_phrase, grams, read_task, TaskFilter, TaskOrder, TaskRecord, COLUMNS};
use crate::{Store, StoreError};

/// The tasks a search finds, as SQL yielding their rowids (`task_rowid`).
struct Search {
    sql: String,
    args: Vec<Value>,
    /// For a search of short terms only: the tasks it does not find (`task_rowid`), and
    /// the terms, which `instr()` checks on one task's text.
    short_only: Option<(String, Vec<Value>, Vec<String>)>,
}

impl Search {
    fn new(q: &str) -> Option<Search> {
        let (short, long): (Vec<&str>, Vec<&str>) =
            q.split_whitespace().partition(|t| t.chars().count() < 3);
        if short.is_empty() && long.is_empty() {
            return None;
        }
        if !long.is_empty() {
            let phrases: Vec<String> = long.iter().map(|t| fts_phrase(t)).collect();
            let mut sql =
                "SELECT rowid AS task_rowid FROM tasks_fts WHERE tasks_fts MATCH ?".to_string();
            let mut args = vec![Value::Text(phrases.join(" AND "))];
            for t in &short {
                sql.push_str(" AND instr(search_text, ?) > 0");
                args.push(Value::Text((*t).to_string()));
            }
            return Some(Search {
                sql,
                args,
                short_only: None,
            });
        }
        let tokens: Vec<String> = short.iter().filter_map(|t| grams::term_query(t)).collect();
        let query = tokens.join(" AND ");
        let sql = "SELECT rowid AS task_rowid FROM tasks_grams WHERE tasks_grams MATCH ?";
        Some(Search {
            sql: sql.into(),
            args: vec![Value::Text(query.clone())],
            short_only: Some((
                sql.into(),
                vec![Value::Text(format!("{} NOT ({query})", grams::EVERY_TASK))],
                short.iter().map(|t| (*t).to_string()).collect(),
            )),
        })
    }
}

/// The filters other than search, as conditions on `task_hall AS h`.
fn conditions(f: &TaskFilter, stored: Option<&Basis>, args: &mut Vec<Value>) -> Vec<String> {
    let mut conds = Vec::new();
    let mut any_of = |column: &str, values: &[String], args: &mut Vec<Value>| {
        if !values.is_empty() {
            let marks = vec!["?"; values.len()].join(", ");
            conds.push(format!("h.{column} IN ({marks})"));
            args.extend(values.iter().map(|v| Value::Text(v.clone())));
        }
    };
    any_of("category", &f.categories, args);
    any_of("industry", &f.industries, args);
    any_of("content_form", &f.content_forms, args);
    let mut bound = |cond: &str, v: Option<Value>| {
        if let Some(v) = v {
            conds.push(cond.to_string());
            args.push(v);
        }
    };
    bound(
        "h.reward_max_fen >= ?",
        f.reward_min_fen.map(Value::Integer),
    );
    bound(
        "h.reward_max_fen <= ?",
        f.reward_max_fen.map(Value::Integer),
    );
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| Value::Text(d.to_string()));
    bound("h.upload_deadline >= ?", day(f.deadline_from));
    bound("h.upload_deadline <= ?", day(f.deadline_to));
    if let Some(e) = &f.eligible_for {
        let basis = Basis::from(e);
        if stored == Some(&basis) {
            conds.push("h.eligible = 1".into());
        } else {
            conds.push(basis.condition("h", args));
        }
    }
    conds
}

fn and(conds: &[String]) -> String {
    if conds.is_empty() {
        "1".into()
    } else {
        conds.join(" AND ")
    }
}

fn count(conn: &Connection, sql: &str, args: &[Value]) -> rusqlite::Result<u64> {
    conn.prepare_cached(sql)?
        .query_row(params_from_iter(args), |r| r.get::<_, i64>(0))
        .map(|n| u64::try_from(n).unwrap_or(0))
}

/// A search that finds at most this many tasks is counted and paged by visiting each.
const FEW: u64 = 10_000;

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
    /// Through the filters' indexes (no search).
    Filtered,
    /// The tasks the search finds (no filters).
    Found,
    /// Each task found, joined to its row of the hall.
    Driven,
    /// The filters' matches less those the search does not find (short terms).
    Complement,
    /// The filters' matches, each text checked with instr() (short terms).
    Probed,
}

/// How a query reads its page; as for [`Count`], every plan gives the same rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Page {
    /// A sort index read in order until the page is full.
    InOrder,
    /// The matches collected through the filters' indexes, then sorted.
    Sorted,
    /// In order, each visited text checked with instr() (short terms).
    InOrderProbed,
    /// Sorted, each text checked with instr() (short terms).
    SortedProbed,
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
    let stored = Basis::stored(conn)?;
    let mut cond_args = Vec::new();
    let conds = conditions(f, stored.as_ref(), &mut cond_args);
    let search = f.search.as_deref().and_then(Search::new);
    let all = count(conn, "SELECT count(*) FROM task_hall", &[])?;
    // The tasks `from` yields, joined to their row of the hall and filtered.
    let driven = |from: &str, what: &str| {
        format!(
            "SELECT {what} FROM ({from}) AS s CROSS JOIN task_hall AS h
             ON h.task_rowid = s.task_rowid WHERE {}",
            and(&conds)
        )
    };
    let filtered = |conds: &[String], what: &str| {
        format!("SELECT {what} FROM task_hall AS h WHERE {}", and(conds))
    };
    let found = match &search {
        Some(s) => count(conn, &format!("SELECT count(*) FROM ({})", s.sql), &s.args)?,
        None => all,
    };

    // The count, visiting the fewest tasks.
    let plan = match (force.count, &search) {
        (Some(plan), _) => plan,
        (None, None) => Count::Filtered,
        (None, Some(_)) if found == 0 || conds.is_empty() => Count::Found,
        (None, Some(s)) if s.short_only.is_some() && found > FEW => {
            if 2 * found > all {
                Count::Complement
            } else if 2 * count(conn, &filtered(&conds, "count(*)"), &cond_args)? < found {
                Count::Probed
            } else {
                Count::Driven
            }
        }
        (None, Some(_)) => Count::Driven,
    };
    let total = match (plan, &search) {
        (Count::Found, _) if conds.is_empty() => found,
        (
            Count::Complement,
            Some(Search {
                short_only: Some((not_sql, not_args, _)),
                ..
            }),
        ) => {
            // Most tasks have the terms: the matches of the filters, less those without.
            let matching = count(conn, &filtered(&conds, "count(*)"), &cond_args)?;
            let without = count(
                conn,
                &driven(not_sql, "count(*)"),
                &chain(not_args, &cond_args),
            )?;
            matching.saturating_sub(without)
        }
        (
            Count::Probed,
            Some(Search {
                short_only: Some((_, _, terms)),
                ..
            }),
        ) => {
            let (conds, args) = probes(terms, &conds, &cond_args);
            count(conn, &filtered(&conds, "count(*)"), &args)?
        }
        (_, Some(s)) => count(
            conn,
            &driven(&s.sql, "count(*)"),
            &chain(&s.args, &cond_args),
        )?,
        (_, None) => count(conn, &filtered(&conds, "count(*)"), &cond_args)?,
    };
    if total <= u64::from(f.offset) || f.limit == 0 {
        return Ok((total, Vec::new()));
    }

    // The page. Reading a sort index in order visits about `visits` entries to fill it;
    // the filters alone match about `via_filters` tasks; the search finds `found`.
    let (index, order) = match f.order {
        TaskOrder::Newest => ("task_hall_newest", "h.updated_at DESC, h.id"),
        TaskOrder::Deadline => ("task_hall_deadline", "h.upload_deadline, h.id"),
        TaskOrder::Reward => ("task_hall_reward", "h.reward_max_fen DESC, h.id"),
    };
    let wanted = u64::from(f.offset) + u64::from(f.limit);
    let visits = wanted.saturating_mul(all) / total;
    let via_filters = total.saturating_mul(all) / found.max(1);
    let plan = match (force.page, &search) {
        (Some(plan), _) => plan,
        (None, None) if visits <= 10 * total => Page::InOrder,
        (None, None) => Page::Sorted,
        (None, Some(s)) if s.short_only.is_some() => {
            if visits <= found.min(via_filters) {
                Page::InOrderProbed
            } else if via_filters < found {
                Page::SortedProbed
            } else {
                Page::Driven
            }
        }
        (None, Some(_)) if visits <= found => Page::InOrderListed,
        (None, Some(_)) => Page::Driven,
    };
    // In order: the covering sort index holds every filter column.
    let in_order = |conds: &[String]| {
        format!(
            "SELECT h.task_rowid FROM task_hall AS h INDEXED BY {index} WHERE {}
             ORDER BY {order} LIMIT ? OFFSET ?",
            and(conds)
        )
    };
    // Collected through the filters' own index (the planner's choice), then sorted.
    let sorted = |conds: &[String]| {
        format!(
            "{} ORDER BY {order} LIMIT ? OFFSET ?",
            filtered(conds, "h.task_rowid")
        )
    };
    let page = [
        Value::Integer(i64::from(f.limit)),
        Value::Integer(i64::from(f.offset)),
    ];
    let (sql, args) = match (plan, &search) {
        (Page::InOrder, None) => (in_order(&conds), chain(&cond_args, &page)),
        (Page::Sorted, None) => (sorted(&conds), chain(&cond_args, &page)),
        (
            Page::InOrderProbed | Page::SortedProbed,
            Some(Search {
                short_only: Some((_, _, terms)),
                ..
            }),
        ) => {
            let (conds, args) = probes(terms, &conds, &cond_args);
            let sql = if plan == Page::InOrderProbed {
                in_order(&conds)
            } else {
                sorted(&conds)
            };
            (sql, chain(&args, &page))
        }
        (Page::InOrderListed, Some(s)) => {
            let mut conds = conds.clone();
            conds.push(format!("h.task_rowid IN ({})", s.sql));
            (in_order(&conds), chain(&chain(&cond_args, &s.args), &page))
        }
        (_, Some(s)) => (
            format!(
                "{} ORDER BY {order} LIMIT ? OFFSET ?",
                driven(&s.sql, "h.task_rowid")
            ),
            chain(&chain(&s.args, &cond_args), &page),
        ),
        (_, None) => (in_order(&conds), chain(&cond_args, &page)),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let rowids = stmt
        .query_map(params_from_iter(&args), |r| r.get(0))?
        .collect::<rusqlite::Result<Vec<i64>>>()?;
    Ok((total, rowids))
}
