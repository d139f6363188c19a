//! The task hall's query as it was before its indexes (migration 0009): a scan of the
//! wide table, `instr()` for short terms. Kept for the tests as the oracle that the indexed
//! query must agree with, row for row.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use super::{fts_phrase, read_task, TaskFilter, TaskOrder, TaskRecord, COLUMNS};

/// The WHERE clause and its parameters, as the store built it before migration 0009.
fn where_sql(f: &TaskFilter) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(q) = f.search.as_deref() {
        let mut fts_terms = Vec::new();
        for term in q.split_whitespace() {
            // The trigram index needs three characters; shorter terms scan the index's
            // narrow copy of the text with instr(), a plain substring search (faster
            // than LIKE's pattern matcher, and with no wildcards to escape).
            if term.chars().count() >= 3 {
                fts_terms.push(fts_phrase(term));
            } else {
                clauses.push(
                    "rowid IN (SELECT rowid FROM tasks_fts WHERE instr(search_text, ?) > 0)".into(),
                );
                args.push(Value::Text(term.to_string()));
            }
        }
        if !fts_terms.is_empty() {
            clauses.push("rowid IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)".into());
            args.push(Value::Text(fts_terms.join(" AND ")));
        }
    }
    let mut any_of = |column: &str, values: &[String]| {
        if values.is_empty() {
            return;
        }
        let marks = vec!["?"; values.len()].join(", ");
        clauses.push(format!("{column} IN ({marks})"));
        args.extend(values.iter().map(|v| Value::Text(v.clone())));
    };
    any_of("category", &f.categories);
    any_of("industry", &f.industries);
    any_of("content_form", &f.content_forms);
    if let Some(min) = f.reward_min_fen {
        clauses.push("reward_max_fen >= ?".into());
        args.push(Value::Integer(min));
    }
    if let Some(max) = f.reward_max_fen {
        clauses.push("reward_max_fen <= ?".into());
        args.push(Value::Integer(max));
    }
    if let Some(from) = f.deadline_from {
        clauses.push("upload_deadline >= ?".into());
        args.push(Value::Text(from.to_string()));
    }
    if let Some(to) = f.deadline_to {
        clauses.push("upload_deadline <= ?".into());
        args.push(Value::Text(to.to_string()));
    }
    if let Some(e) = &f.eligible_for {
        // Mirrors stardesk_domain::eligibility::check; a core test proves the two agree
        // on every task of the sandbox.
        let followers = i64::try_from(e.followers).unwrap_or(i64::MAX);
        let today = e.today.to_string();
        clauses.push("apply_start <= ? AND apply_end >= ?".into());
        args.push(Value::Text(today.clone()));
        args.push(Value::Text(today));
        clauses.push("slots_taken < slots_wanted".into());
        clauses.push("min_followers <= ? AND (max_followers IS NULL OR max_followers >= ?)".into());
        args.push(Value::Integer(followers));
        args.push(Value::Integer(followers));
        let review = match e.agency_deposit_deducted {
            // R-REVIEW-11: independent creators need a follower range.
            None => format!(
                "{} BETWEEN {} AND {}",
                followers, e.review_min_followers, e.review_max_followers
            ),
            // R-REVIEW-11: an agency whose deposit was ever deducted is out.
            Some(deducted) => if deducted { "0" } else { "1" }.to_string(),
        };
        // R-JOIN-1: everything else needs an opened account.
        let account = if e.followers >= e.account_min_followers {
            "1"
        } else {
            "0"
        };
        clauses.push(format!(
            "(CASE WHEN settlement_mode = 'product_review' THEN ({review}) ELSE {account} END)"
        ));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, args)
}

/// One page and the number of matches, by the plain scan.
pub(super) fn query_tasks(
    conn: &Connection,
    filter: &TaskFilter,
) -> rusqlite::Result<(u32, Vec<TaskRecord>)> {
    let (where_sql, mut args) = where_sql(filter);
    let total: u32 = conn.query_row(
        &format!("SELECT count(*) FROM tasks {where_sql}"),
        params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let order = match filter.order {
        TaskOrder::Newest => "updated_at DESC, id",
        TaskOrder::Deadline => "upload_deadline ASC, id",
        TaskOrder::Reward => "reward_max_fen IS NULL, reward_max_fen DESC, id",
    };
    args.push(Value::Integer(i64::from(filter.limit)));
    args.push(Value::Integer(i64::from(filter.offset)));
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM tasks {where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
    ))?;
    let rows = stmt
        .query_map(params_from_iter(args.iter()), read_task)?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((total, rows))
}
