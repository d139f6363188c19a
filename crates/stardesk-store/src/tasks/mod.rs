//! The task cache: pages written by the sync engine, queried by the task hall.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};

use stardesk_domain::reward::Reward;

use crate::{Store, StoreError};

mod reward;

use reward::StoredReward;
pub(crate) use reward::{reward_from_store, reward_to_store};

/// A task as cached locally. Codes (`category`, `content_form`, ...) are the platform
/// API's snake_case names; the reward is the domain's, kept as the store's own JSON
/// ([`StoredReward`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskRecord {
    pub id: String,
    pub title: String,
    pub brand: String,
    pub category: String,
    pub settlement_mode: Option<String>,
    pub industry: String,
    pub content_form: String,
    pub reward_kind: String,
    pub reward: Reward,
    pub reward_min_fen: Option<i64>,
    pub reward_max_fen: Option<i64>,
    pub sample_value_fen: Option<i64>,
    pub apply_start: NaiveDate,
    pub apply_end: NaiveDate,
    pub ship_by: Option<NaiveDate>,
    pub upload_deadline: NaiveDate,
    pub retention_days: u32,
    pub min_followers: u64,
    pub max_followers: Option<u64>,
    pub slots_wanted: u32,
    pub slots_taken: u32,
    pub requirements: Vec<String>,
    pub description: String,
    pub updated_at: DateTime<Utc>,
}

impl TaskRecord {
    fn search_text(&self) -> String {
        let mut s = String::with_capacity(self.title.len() + self.brand.len() + 64);
        for part in [&self.title, &self.brand, &self.industry] {
            s.push_str(part);
            s.push('\n');
        }
        for r in &self.requirements {
            s.push_str(r);
            s.push('\n');
        }
        s
    }
}

/// What one page of the platform's change feed does to the cache.
#[derive(Debug, Clone, Default)]
pub struct PageChanges {
    pub upserts: Vec<TaskRecord>,
    /// Tasks closed or deleted on the platform.
    pub removals: Vec<String>,
    /// The cursor to resume from after this page.
    pub next_cursor: String,
}

/// Counts of what [`Store::apply_page`] changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub upserted: usize,
    pub removed: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum TaskOrder {
    #[default]
    Newest,
    Deadline,
    Reward,
}

/// Who the "only tasks I am eligible for" filter is for, with the thresholds the domain
/// rules use (R-JOIN-1, R-REVIEW-11). The store only turns them into SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EligibleFor {
    pub today: NaiveDate,
    pub followers: u64,
    /// `None`: an independent creator; `Some(deducted)`: under an agency.
    pub agency_deposit_deducted: Option<bool>,
    pub account_min_followers: u64,
    pub review_min_followers: u64,
    pub review_max_followers: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TaskFilter {
    pub search: Option<String>,
    pub categories: Vec<String>,
    pub industries: Vec<String>,
    pub content_forms: Vec<String>,
    pub reward_min_fen: Option<i64>,
    pub reward_max_fen: Option<i64>,
    pub deadline_from: Option<NaiveDate>,
    pub deadline_to: Option<NaiveDate>,
    pub eligible_for: Option<EligibleFor>,
    pub order: TaskOrder,
    pub offset: u32,
    pub limit: u32,
}

const COLUMNS: &str = "id, title, brand, category, settlement_mode, industry, content_form,
    reward_kind, reward_json, reward_min_fen, reward_max_fen, sample_value_fen, apply_start,
    apply_end, ship_by, upload_deadline, retention_days, min_followers, max_followers,
    slots_wanted, slots_taken, requirements, description, updated_at";

fn to_i64(v: u64, what: &str) -> Result<i64, StoreError> {
    i64::try_from(v).map_err(|_| StoreError::Corrupt(format!("{what} out of range: {v}")))
}

fn read_task(r: &Row<'_>) -> rusqlite::Result<TaskRecord> {
    let requirements: String = r.get(21)?;
    let date = |i: usize| -> rusqlite::Result<NaiveDate> {
        let s: String = r.get(i)?;
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let ship_by: Option<String> = r.get(14)?;
    let updated_at: String = r.get(23)?;
    Ok(TaskRecord {
        id: r.get(0)?,
        title: r.get(1)?,
        brand: r.get(2)?,
        category: r.get(3)?,
        settlement_mode: r.get(4)?,
        industry: r.get(5)?,
        content_form: r.get(6)?,
        reward_kind: r.get(7)?,
        reward: {
            let json: String = r.get(8)?;
            serde_json::from_str::<StoredReward>(&json)
                .map(Reward::from)
                .map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        8,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?
        },
        reward_min_fen: r.get(9)?,
        reward_max_fen: r.get(10)?,
        sample_value_fen: r.get(11)?,
        apply_start: date(12)?,
        apply_end: date(13)?,
        ship_by: match ship_by {
            Some(s) => Some(NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    14,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?),
            None => None,
        },
        upload_deadline: date(15)?,
        retention_days: r.get(16)?,
        min_followers: r.get::<_, i64>(17)?.try_into().unwrap_or(0),
        max_followers: r
            .get::<_, Option<i64>>(18)?
            .map(|v| v.try_into().unwrap_or(0)),
        slots_wanted: r.get(19)?,
        slots_taken: r.get(20)?,
        requirements: serde_json::from_str(&requirements).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(21, rusqlite::types::Type::Text, Box::new(e))
        })?,
        description: r.get(22)?,
        updated_at: DateTime::parse_from_rfc3339(&updated_at)
            .map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    23,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?
            .with_timezone(&Utc),
    })
}

/// A quoted FTS5 phrase: the whole term, with its quotes doubled.
fn fts_phrase(term: &str) -> String {
    format!("\"{}\"", term.replace('"', "\"\""))
}

impl TaskFilter {
    /// The WHERE clause and its parameters.
    fn where_sql(&self) -> (String, Vec<Value>) {
        let mut clauses: Vec<String> = Vec::new();
        let mut args: Vec<Value> = Vec::new();
        if let Some(q) = self.search.as_deref() {
            let mut fts_terms = Vec::new();
            for term in q.split_whitespace() {
                // The trigram index needs three characters; shorter terms scan the index's
                // narrow copy of the text with instr(), a plain substring search (faster
                // than LIKE's pattern matcher, and with no wildcards to escape).
                if term.chars().count() >= 3 {
                    fts_terms.push(fts_phrase(term));
                } else {
                    clauses.push(
                        "rowid IN (SELECT rowid FROM tasks_fts WHERE instr(search_text, ?) > 0)"
                            .into(),
                    );
                    args.push(Value::Text(term.to_string()));
                }
            }
            if !fts_terms.is_empty() {
                clauses
                    .push("rowid IN (SELECT rowid FROM tasks_fts WHERE tasks_fts MATCH ?)".into());
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
        any_of("category", &self.categories);
        any_of("industry", &self.industries);
        any_of("content_form", &self.content_forms);
        if let Some(min) = self.reward_min_fen {
            clauses.push("reward_max_fen >= ?".into());
            args.push(Value::Integer(min));
        }
        if let Some(max) = self.reward_max_fen {
            clauses.push("reward_max_fen <= ?".into());
            args.push(Value::Integer(max));
        }
        if let Some(from) = self.deadline_from {
            clauses.push("upload_deadline >= ?".into());
            args.push(Value::Text(from.to_string()));
        }
        if let Some(to) = self.deadline_to {
            clauses.push("upload_deadline <= ?".into());
            args.push(Value::Text(to.to_string()));
        }
        if let Some(e) = &self.eligible_for {
            // Mirrors stardesk_domain::eligibility::check; a core test proves the two agree
            // on every task of the sandbox.
            let followers = i64::try_from(e.followers).unwrap_or(i64::MAX);
            let today = e.today.to_string();
            clauses.push("apply_start <= ? AND apply_end >= ?".into());
            args.push(Value::Text(today.clone()));
            args.push(Value::Text(today));
            clauses.push("slots_taken < slots_wanted".into());
            clauses.push(
                "min_followers <= ? AND (max_followers IS NULL OR max_followers >= ?)".into(),
            );
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
}

impl Store {
    /// Applies one page of the change feed and its cursor in one transaction: a page is
    /// either all written with its cursor, or not at all, so an interrupted sync resumes
    /// exactly where it stopped.
    pub fn apply_page(&mut self, source: &str, page: &PageChanges) -> Result<Applied, StoreError> {
        let path = self.path().to_path_buf();
        let sq = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sq)?;
        let mut applied = Applied::default();
        {
            let mut upsert = tx
                .prepare_cached(&format!(
                    "INSERT INTO tasks ({COLUMNS}, search_text) VALUES
                     (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                      ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)
                     ON CONFLICT (id) DO UPDATE SET title = excluded.title, brand = excluded.brand,
                        category = excluded.category, settlement_mode = excluded.settlement_mode,
                        industry = excluded.industry, content_form = excluded.content_form,
                        reward_kind = excluded.reward_kind, reward_json = excluded.reward_json,
                        reward_min_fen = excluded.reward_min_fen, reward_max_fen = excluded.reward_max_fen,
                        sample_value_fen = excluded.sample_value_fen, apply_start = excluded.apply_start,
                        apply_end = excluded.apply_end, ship_by = excluded.ship_by,
                        upload_deadline = excluded.upload_deadline, retention_days = excluded.retention_days,
                        min_followers = excluded.min_followers, max_followers = excluded.max_followers,
                        slots_wanted = excluded.slots_wanted, slots_taken = excluded.slots_taken,
                        requirements = excluded.requirements, description = excluded.description,
                        updated_at = excluded.updated_at, search_text = excluded.search_text"
                ))
                .map_err(sq)?;
            for t in &page.upserts {
                let requirements = serde_json::to_string(&t.requirements)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                let reward = serde_json::to_string(&StoredReward::from(&t.reward))
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?;
                upsert
                    .execute(params![
                        t.id,
                        t.title,
                        t.brand,
                        t.category,
                        t.settlement_mode,
                        t.industry,
                        t.content_form,
                        t.reward_kind,
                        reward,
                        t.reward_min_fen,
                        t.reward_max_fen,
                        t.sample_value_fen,
                        t.apply_start.to_string(),
                        t.apply_end.to_string(),
                        t.ship_by.map(|d| d.to_string()),
                        t.upload_deadline.to_string(),
                        t.retention_days,
                        to_i64(t.min_followers, "min_followers")?,
                        t.max_followers
                            .map(|v| to_i64(v, "max_followers"))
                            .transpose()?,
                        t.slots_wanted,
                        t.slots_taken,
                        requirements,
                        t.description,
                        t.updated_at
                            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                        t.search_text(),
                    ])
                    .map_err(sq)?;
                applied.upserted += 1;
            }
            let mut remove = tx
                .prepare_cached("DELETE FROM tasks WHERE id = ?1")
                .map_err(sq)?;
            for id in &page.removals {
                applied.removed += remove.execute([id]).map_err(sq)?;
            }
            tx.execute(
                "INSERT INTO sync_state (source, cursor) VALUES (?1, ?2)
                 ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor",
                params![source, page.next_cursor],
            )
            .map_err(sq)?;
        }
        tx.commit().map_err(sq)?;
        Ok(applied)
    }

    pub fn task_count(&self) -> Result<u32, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM tasks", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    pub fn task(&self, id: &str) -> Result<Option<TaskRecord>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM tasks WHERE id = ?1"),
                [id],
                read_task,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// One page of the task hall and the number of matches over all pages.
    pub fn query_tasks(&self, filter: &TaskFilter) -> Result<(u32, Vec<TaskRecord>), StoreError> {
        let (where_sql, mut args) = filter.where_sql();
        let total: u32 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) FROM tasks {where_sql}"))
            .and_then(|mut s| s.query_row(params_from_iter(args.iter()), |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        let order = match filter.order {
            TaskOrder::Newest => "updated_at DESC, id",
            TaskOrder::Deadline => "upload_deadline ASC, id",
            TaskOrder::Reward => "reward_max_fen IS NULL, reward_max_fen DESC, id",
        };
        args.push(Value::Integer(i64::from(filter.limit)));
        args.push(Value::Integer(i64::from(filter.offset)));
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM tasks {where_sql} ORDER BY {order} LIMIT ? OFFSET ?"
            ))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params_from_iter(args.iter()), read_task)
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?;
        Ok((total, rows))
    }

    /// Distinct industries of the cached tasks, for the filter.
    pub fn industries(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT industry FROM tasks ORDER BY industry")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| r.get(0))
            .and_then(|it| it.collect::<Result<Vec<String>, _>>())
            .map_err(|e| self.err(e))?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_phrase_quotes_quotes() {
        assert_eq!(fts_phrase("a\"b"), "\"a\"\"b\"");
    }
}
