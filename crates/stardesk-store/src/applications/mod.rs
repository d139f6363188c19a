//! Product-review applications: the platform's view of them as last synced
//! (`applications`), the terms of the tasks applied to (`campaign_tasks`), the outbox of
//! applications not confirmed yet ([`outbox`]) and the reminder schedule ([`reminders`]).
//! Codes (status, selection outcome, review outcome) are the API's snake_case names.

pub mod outbox;
pub mod reminders;

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row, Transaction};
use stardesk_domain::reward::Reward;

use crate::tasks::{reward_from_store, reward_to_store};
use crate::{Store, StoreError};

/// The contact and address an application was sent with. Personal data: `Debug` shows
/// neither the phone nor the street.
#[derive(Clone, PartialEq, Eq)]
pub struct ShippingRecord {
    pub contact_name: String,
    pub phone: String,
    pub region_code: String,
    pub province: String,
    pub city: String,
    pub district: String,
    pub detail: String,
}

impl ShippingRecord {
    /// The seven shipping columns, in declaration order, starting at column `first`
    /// (both the applications and the outbox keep them so).
    pub(crate) fn read(r: &Row<'_>, first: usize) -> rusqlite::Result<Self> {
        Ok(Self {
            contact_name: r.get(first)?,
            phone: r.get(first + 1)?,
            region_code: r.get(first + 2)?,
            province: r.get(first + 3)?,
            city: r.get(first + 4)?,
            district: r.get(first + 5)?,
            detail: r.get(first + 6)?,
        })
    }
}

impl std::fmt::Debug for ShippingRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShippingRecord")
            .field("region_code", &self.region_code)
            .finish_non_exhaustive()
    }
}

/// One application as the platform last reported it. Instants are RFC 3339 text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApplicationRecord {
    pub id: String,
    pub task_id: String,
    pub status: String,
    pub applied_at: String,
    pub shipping: ShippingRecord,
    pub strengths: String,
    pub idea: String,
    pub withdrawn_at: Option<String>,
    /// `selected`, `passed` or `expired`, and when.
    pub selection: Option<(String, String)>,
    pub carrier: Option<String>,
    pub tracking_no: Option<String>,
    pub shipped_on: Option<NaiveDate>,
    pub delivered_at: Option<String>,
    /// Received or not, the note, when reported.
    pub receipt: Option<(bool, Option<String>, String)>,
    pub content_url: Option<String>,
    pub content_submitted_at: Option<String>,
    /// `approved` or `rejected`, the reason, when.
    pub review: Option<(String, Option<String>, String)>,
    pub published_on: Option<NaiveDate>,
    pub reward_fen: Option<i64>,
    pub reward_listed_on: Option<NaiveDate>,
    pub reward_paid_on: Option<NaiveDate>,
    pub updated_at: String,
}

/// The terms of a task applied to, kept for its timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CampaignTaskRecord {
    pub task_id: String,
    pub title: String,
    pub brand: String,
    pub apply_start: NaiveDate,
    pub apply_end: NaiveDate,
    pub ship_by: Option<NaiveDate>,
    pub upload_deadline: NaiveDate,
    pub retention_days: u32,
    pub reward: Reward,
    pub fetched_at: String,
}

const APP_COLUMNS: &str = "id, task_id, status, applied_at, contact_name, phone, region_code,
    province, city, district, detail, strengths, idea, withdrawn_at, selection_outcome,
    selection_decided_at, carrier, tracking_no, shipped_on, delivered_at, receipt_received,
    receipt_note, receipt_reported_at, content_url, content_submitted_at, review_outcome,
    review_reason, reviewed_at, published_on, reward_fen, reward_listed_on, reward_paid_on,
    updated_at";

fn conversion(i: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
}

fn opt_date(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    r.get::<_, Option<String>>(i)?
        .map(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| conversion(i, e)))
        .transpose()
}

fn date(r: &Row<'_>, i: usize) -> rusqlite::Result<NaiveDate> {
    let s: String = r.get(i)?;
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| conversion(i, e))
}

fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn read_application(r: &Row<'_>) -> rusqlite::Result<ApplicationRecord> {
    let selection = match (
        r.get::<_, Option<String>>(14)?,
        r.get::<_, Option<String>>(15)?,
    ) {
        (Some(o), Some(at)) => Some((o, at)),
        _ => None,
    };
    let receipt = match (
        r.get::<_, Option<i64>>(20)?,
        r.get::<_, Option<String>>(22)?,
    ) {
        (Some(received), Some(at)) => Some((received == 1, r.get(21)?, at)),
        _ => None,
    };
    let review = match (
        r.get::<_, Option<String>>(25)?,
        r.get::<_, Option<String>>(27)?,
    ) {
        (Some(o), Some(at)) => Some((o, r.get(26)?, at)),
        _ => None,
    };
    Ok(ApplicationRecord {
        id: r.get(0)?,
        task_id: r.get(1)?,
        status: r.get(2)?,
        applied_at: r.get(3)?,
        shipping: ShippingRecord::read(r, 4)?,
        strengths: r.get(11)?,
        idea: r.get(12)?,
        withdrawn_at: r.get(13)?,
        selection,
        carrier: r.get(16)?,
        tracking_no: r.get(17)?,
        shipped_on: opt_date(r, 18)?,
        delivered_at: r.get(19)?,
        receipt,
        content_url: r.get(23)?,
        content_submitted_at: r.get(24)?,
        review,
        published_on: opt_date(r, 28)?,
        reward_fen: r.get(29)?,
        reward_listed_on: opt_date(r, 30)?,
        reward_paid_on: opt_date(r, 31)?,
        updated_at: r.get(32)?,
    })
}

pub(crate) fn upsert_application(
    tx: &Transaction<'_>,
    a: &ApplicationRecord,
) -> rusqlite::Result<()> {
    let (outcome, decided_at) = match &a.selection {
        Some((o, at)) => (Some(o.as_str()), Some(at.as_str())),
        None => (None, None),
    };
    let (received, note, reported_at) = match &a.receipt {
        Some((received, note, at)) => (Some(i64::from(*received)), note.clone(), Some(at.clone())),
        None => (None, None, None),
    };
    let (review, reason, reviewed_at) = match &a.review {
        Some((o, reason, at)) => (Some(o.clone()), reason.clone(), Some(at.clone())),
        None => (None, None, None),
    };
    tx.execute(
        &format!(
            "INSERT OR REPLACE INTO applications ({APP_COLUMNS})
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32,
                     ?33)"
        ),
        params![
            a.id,
            a.task_id,
            a.status,
            a.applied_at,
            a.shipping.contact_name,
            a.shipping.phone,
            a.shipping.region_code,
            a.shipping.province,
            a.shipping.city,
            a.shipping.district,
            a.shipping.detail,
            a.strengths,
            a.idea,
            a.withdrawn_at,
            outcome,
            decided_at,
            a.carrier,
            a.tracking_no,
            day(a.shipped_on),
            a.delivered_at,
            received,
            note,
            reported_at,
            a.content_url,
            a.content_submitted_at,
            review,
            reason,
            reviewed_at,
            day(a.published_on),
            a.reward_fen,
            day(a.reward_listed_on),
            day(a.reward_paid_on),
            a.updated_at,
        ],
    )
    .map(|_| ())
}

pub(crate) fn upsert_campaign_task(
    tx: &Transaction<'_>,
    t: &CampaignTaskRecord,
) -> Result<(), StoreError> {
    let reward = reward_to_store(&t.reward)?;
    tx.execute(
        "INSERT OR REPLACE INTO campaign_tasks (task_id, title, brand, apply_start, apply_end,
             ship_by, upload_deadline, retention_days, reward_json, fetched_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            t.task_id,
            t.title,
            t.brand,
            day(Some(t.apply_start)),
            day(Some(t.apply_end)),
            day(t.ship_by),
            day(Some(t.upload_deadline)),
            t.retention_days,
            reward,
            t.fetched_at,
        ],
    )
    .map(|_| ())
    .map_err(|e| StoreError::Corrupt(e.to_string()))
}

fn read_campaign_task(r: &Row<'_>) -> rusqlite::Result<CampaignTaskRecord> {
    let reward: String = r.get(8)?;
    Ok(CampaignTaskRecord {
        task_id: r.get(0)?,
        title: r.get(1)?,
        brand: r.get(2)?,
        apply_start: date(r, 3)?,
        apply_end: date(r, 4)?,
        ship_by: opt_date(r, 5)?,
        upload_deadline: date(r, 6)?,
        retention_days: r.get(7)?,
        reward: reward_from_store(&reward).map_err(|e| conversion(8, e))?,
        fetched_at: r.get(9)?,
    })
}

const TASK_COLUMNS: &str = "task_id, title, brand, apply_start, apply_end, ship_by,
    upload_deadline, retention_days, reward_json, fetched_at";

/// The cursor key of a source's applications feed in `sync_state`.
fn feed_key(source: &str) -> String {
    format!("{source}#applications")
}

impl Store {
    /// One page of the applications feed, the terms of tasks it names, and the cursor to
    /// resume from: one transaction, so an interrupted sync resumes at the last whole page.
    pub fn save_application_page(
        &mut self,
        source: &str,
        applications: &[ApplicationRecord],
        tasks: &[CampaignTaskRecord],
        cursor: &str,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        for t in tasks {
            upsert_campaign_task(&tx, t)?;
        }
        for a in applications {
            upsert_application(&tx, a).map_err(sql)?;
        }
        tx.execute(
            "INSERT INTO sync_state (source, cursor) VALUES (?1, ?2)
             ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor",
            params![feed_key(source), cursor],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)
    }

    /// Where the source's applications feed resumes.
    pub fn applications_cursor(&self, source: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT cursor FROM sync_state WHERE source = ?1",
                [feed_key(source)],
                |r| r.get(0),
            )
            .optional()
            .map(Option::flatten)
            .map_err(|e| self.err(e))
    }

    /// Keeps one application as the platform just returned it (after an action).
    pub fn save_application(&mut self, a: &ApplicationRecord) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        upsert_application(&tx, a).map_err(sql)?;
        tx.commit().map_err(sql)
    }

    /// Every application, the most recently applied first.
    pub fn applications(&self) -> Result<Vec<ApplicationRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {APP_COLUMNS} FROM applications ORDER BY applied_at DESC, id DESC"
            ))
            .map_err(|e| self.err(e))?;
        stmt.query_map([], read_application)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    pub fn application(&self, id: &str) -> Result<Option<ApplicationRecord>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {APP_COLUMNS} FROM applications WHERE id = ?1"),
                [id],
                read_application,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Keeps a task's terms (for an application's timeline).
    pub fn save_campaign_task(&mut self, t: &CampaignTaskRecord) -> Result<(), StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::sqlite(&path, e))?;
        upsert_campaign_task(&tx, t)?;
        tx.commit().map_err(|e| StoreError::sqlite(&path, e))
    }

    pub fn campaign_task(&self, task_id: &str) -> Result<Option<CampaignTaskRecord>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {TASK_COLUMNS} FROM campaign_tasks WHERE task_id = ?1"),
                [task_id],
                read_campaign_task,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn campaign_tasks(&self) -> Result<Vec<CampaignTaskRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {TASK_COLUMNS} FROM campaign_tasks ORDER BY task_id"
            ))
            .map_err(|e| self.err(e))?;
        stmt.query_map([], read_campaign_task)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }
}
