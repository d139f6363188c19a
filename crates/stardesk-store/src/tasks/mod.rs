//! The task cache: pages written by the sync engine, queried by the task hall.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, Row};

use stardesk_domain::reward::Reward;

use crate::{Store, StoreError};

mod bulk;
mod eligible;
#[cfg(test)]
mod fixtures;
pub(crate) mod grams;
#[cfg(test)]
mod oracle;
#[cfg(test)]
mod props;
mod query;
mod rebuild;
mod reward;
mod without;
mod write;

pub(crate) use bulk::{register_fold, reindex_grams};
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

impl Store {
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

    /// Distinct industries of the cached tasks, for the filter.
    pub fn industries(&self) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT industry FROM task_hall ORDER BY industry")
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
