//! The outbox: applications the creator made that the platform has not confirmed yet.
//!
//! Applying stores the application and its idempotency key in one transaction; the sender
//! posts it with that key until the platform answers. Confirming it (the application the
//! platform returned, into the cache) is again one transaction, so whatever the process
//! does in between — a crash, a `kill -9` — the next attempt sends the same key and the
//! platform answers with the application it already made: nothing is lost, nothing is
//! sent twice.

use rusqlite::{params, OptionalExtension, Row};

use super::ShippingRecord;
use super::{upsert_application, upsert_campaign_task, ApplicationRecord, CampaignTaskRecord};
use crate::{Store, StoreError};

/// Where an outbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OutboxState {
    /// Not confirmed yet: the sender will try (again).
    Waiting,
    /// The platform confirmed it (`application_id`).
    Sent,
    /// The platform refused it (a 4xx): edit and resend, or delete.
    Refused,
}

impl OutboxState {
    fn parse(code: &str) -> Option<Self> {
        match code {
            "waiting" => Some(OutboxState::Waiting),
            "sent" => Some(OutboxState::Sent),
            "refused" => Some(OutboxState::Refused),
            _ => None,
        }
    }
}

/// A field problem the platform listed in a 422.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteProblem {
    pub field: String,
    pub code: String,
    pub message: String,
}

/// What the creator applied with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxInput {
    pub source: String,
    pub idempotency_key: String,
    pub task_id: String,
    pub shipping: ShippingRecord,
    pub strengths: String,
    pub idea: String,
    pub created_at: String,
}

/// One outbox item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRecord {
    pub id: i64,
    pub source: String,
    pub idempotency_key: String,
    pub task_id: String,
    pub shipping: ShippingRecord,
    pub strengths: String,
    pub idea: String,
    pub created_at: String,
    pub state: OutboxState,
    pub attempts: u32,
    pub next_attempt_at: Option<String>,
    pub last_error_code: Option<String>,
    pub last_error_message: Option<String>,
    pub refusal_code: Option<String>,
    pub problems: Vec<RemoteProblem>,
    pub application_id: Option<String>,
    pub sent_at: Option<String>,
}

const COLUMNS: &str = "id, source, idempotency_key, task_id, contact_name, phone, region_code,
    province, city, district, detail, strengths, idea, created_at, state, attempts,
    next_attempt_at, last_error_code, last_error_message, refusal_code, application_id,
    sent_at";

fn read(r: &Row<'_>) -> rusqlite::Result<OutboxRecord> {
    let state: String = r.get(14)?;
    Ok(OutboxRecord {
        id: r.get(0)?,
        source: r.get(1)?,
        idempotency_key: r.get(2)?,
        task_id: r.get(3)?,
        shipping: ShippingRecord::read(r, 4)?,
        strengths: r.get(11)?,
        idea: r.get(12)?,
        created_at: r.get(13)?,
        state: OutboxState::parse(&state).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                14,
                rusqlite::types::Type::Text,
                Box::new(StoreError::Corrupt(format!("outbox state {state:?}"))),
            )
        })?,
        attempts: r.get(15)?,
        next_attempt_at: r.get(16)?,
        last_error_code: r.get(17)?,
        last_error_message: r.get(18)?,
        refusal_code: r.get(19)?,
        problems: Vec::new(),
        application_id: r.get(20)?,
        sent_at: r.get(21)?,
    })
}

impl Store {
    fn with_problems(&self, mut items: Vec<OutboxRecord>) -> Result<Vec<OutboxRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT field, code, message FROM application_outbox_problems
                 WHERE outbox_id = ?1 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        for item in items.iter_mut().filter(|i| i.state == OutboxState::Refused) {
            item.problems = stmt
                .query_map([item.id], |r| {
                    Ok(RemoteProblem {
                        field: r.get(0)?,
                        code: r.get(1)?,
                        message: r.get(2)?,
                    })
                })
                .and_then(|rows| rows.collect())
                .map_err(|e| self.err(e))?;
        }
        Ok(items)
    }

    /// Queues an application with its idempotency key, and keeps the terms of its task,
    /// in one transaction; returns the item's id.
    pub fn queue_application(
        &mut self,
        input: &OutboxInput,
        task: Option<&CampaignTaskRecord>,
    ) -> Result<i64, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        if let Some(task) = task {
            upsert_campaign_task(&tx, task)?;
        }
        tx.execute(
            "INSERT INTO application_outbox (source, idempotency_key, task_id, contact_name,
                 phone, region_code, province, city, district, detail, strengths, idea,
                 created_at, state, next_attempt_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'waiting', ?13)",
            params![
                input.source,
                input.idempotency_key,
                input.task_id,
                input.shipping.contact_name,
                input.shipping.phone,
                input.shipping.region_code,
                input.shipping.province,
                input.shipping.city,
                input.shipping.district,
                input.shipping.detail,
                input.strengths,
                input.idea,
                input.created_at,
            ],
        )
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        tx.commit().map_err(sql)?;
        Ok(id)
    }

    /// Every item not sent yet (waiting or refused), oldest first.
    pub fn outbox(&self) -> Result<Vec<OutboxRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM application_outbox WHERE state != 'sent' ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        let items = stmt
            .query_map([], read)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))?;
        self.with_problems(items)
    }

    pub fn outbox_item(&self, id: i64) -> Result<Option<OutboxRecord>, StoreError> {
        let item = self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM application_outbox WHERE id = ?1"),
                [id],
                read,
            )
            .optional()
            .map_err(|e| self.err(e))?;
        Ok(self.with_problems(item.into_iter().collect())?.pop())
    }

    /// The waiting items of `source` whose next attempt is due at `now`, oldest first.
    ///
    /// Times are compared as instants (`julianday`), never as text: the outbox holds RFC
    /// 3339 times written with and without milliseconds, and `…:16Z` sorts after
    /// `…:16.514Z`. Compared as text, an item queued at `…:16Z` was not due until the next
    /// second while its next attempt read as past, and the job ran again at once, dozens
    /// of times, until the clock turned.
    pub fn outbox_due(&self, source: &str, now: &str) -> Result<Vec<OutboxRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM application_outbox
                 WHERE state = 'waiting' AND source = ?1
                   AND (next_attempt_at IS NULL OR julianday(next_attempt_at) <= julianday(?2))
                 ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        stmt.query_map(params![source, now], read)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    /// The platform answered: every waiting item of `source` is due at `now` instead of
    /// at the end of its backoff. Returns how many.
    pub fn outbox_due_now(&self, source: &str, now: &str) -> Result<usize, StoreError> {
        self.conn
            .execute(
                "UPDATE application_outbox SET next_attempt_at = ?2
                 WHERE state = 'waiting' AND source = ?1
                   AND (next_attempt_at IS NULL OR julianday(next_attempt_at) > julianday(?2))",
                params![source, now],
            )
            .map_err(|e| self.err(e))
    }

    /// The earliest next attempt of a waiting item of `source`.
    pub fn outbox_next_attempt(&self, source: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT next_attempt_at FROM application_outbox
                 WHERE state = 'waiting' AND source = ?1 AND next_attempt_at IS NOT NULL
                 ORDER BY julianday(next_attempt_at) LIMIT 1",
                [source],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// How many items wait to be sent, for every source.
    pub fn outbox_waiting_count(&self) -> Result<u32, StoreError> {
        self.conn
            .query_row(
                "SELECT count(*) FROM application_outbox WHERE state = 'waiting'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// The platform confirmed item `id` as `application`: the item is sent and the
    /// application is in the cache, in one transaction. The item keeps no copy of the
    /// contact (name, phone, street address): the application holds it now.
    pub fn mark_outbox_sent(
        &mut self,
        id: i64,
        application: &ApplicationRecord,
        now: &str,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        upsert_application(&tx, application).map_err(sql)?;
        tx.execute(
            "UPDATE application_outbox SET state = 'sent', application_id = ?2, sent_at = ?3,
                 contact_name = '', phone = '', detail = '',
                 attempts = attempts + 1, next_attempt_at = NULL,
                 last_error_code = NULL, last_error_message = NULL
             WHERE id = ?1",
            params![id, application.id, now],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)
    }

    /// An attempt failed in a way worth retrying (network, 5xx, 429): try again at
    /// `retry_at`, with the same key.
    pub fn mark_outbox_retry(
        &self,
        id: i64,
        retry_at: &str,
        code: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE application_outbox SET attempts = attempts + 1, next_attempt_at = ?2,
                     last_error_code = ?3, last_error_message = ?4
                 WHERE id = ?1 AND state = 'waiting'",
                params![id, retry_at, code, message],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// The platform refused item `id` (a 4xx): it stops trying and keeps the reason.
    pub fn mark_outbox_refused(
        &mut self,
        id: i64,
        refusal_code: &str,
        message: &str,
        problems: &[RemoteProblem],
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute(
            "UPDATE application_outbox SET state = 'refused', attempts = attempts + 1,
                 next_attempt_at = NULL, refusal_code = ?2, last_error_code = ?2,
                 last_error_message = ?3
             WHERE id = ?1",
            params![id, refusal_code, message],
        )
        .map_err(sql)?;
        tx.execute(
            "DELETE FROM application_outbox_problems WHERE outbox_id = ?1",
            [id],
        )
        .map_err(sql)?;
        for (i, p) in problems.iter().enumerate() {
            tx.execute(
                "INSERT INTO application_outbox_problems (outbox_id, position, field, code, message)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, i as i64, p.field, p.code, p.message],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }

    /// A refused item, edited by the creator, is sent again under a new key (the old one
    /// made nothing on the platform). `false` unless it was refused.
    pub fn resend_outbox(
        &mut self,
        id: i64,
        new_key: &str,
        shipping: &ShippingRecord,
        strengths: &str,
        idea: &str,
        now: &str,
    ) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let n = tx
            .execute(
                "UPDATE application_outbox SET idempotency_key = ?2, contact_name = ?3,
                     phone = ?4, region_code = ?5, province = ?6, city = ?7, district = ?8,
                     detail = ?9, strengths = ?10, idea = ?11, state = 'waiting', attempts = 0,
                     next_attempt_at = ?12, refusal_code = NULL, last_error_code = NULL,
                     last_error_message = NULL
                 WHERE id = ?1 AND state = 'refused'",
                params![
                    id,
                    new_key,
                    shipping.contact_name,
                    shipping.phone,
                    shipping.region_code,
                    shipping.province,
                    shipping.city,
                    shipping.district,
                    shipping.detail,
                    strengths,
                    idea,
                    now
                ],
            )
            .map_err(sql)?;
        tx.execute(
            "DELETE FROM application_outbox_problems WHERE outbox_id = ?1",
            [id],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(n > 0)
    }

    /// Drops every application and rights-center item made for `source`, sent or not: the
    /// source is gone for good (the embedded sandbox, once a real account is in use), so
    /// its items could never be sent, and the waiting ones keep a contact (name, phone,
    /// street address). The number of application items dropped.
    pub fn forget_outbox_of(&mut self, source: &str) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let n = tx
            .execute("DELETE FROM application_outbox WHERE source = ?1", [source])
            .map_err(sql)?;
        tx.execute("DELETE FROM rights_outbox WHERE source = ?1", [source])
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(n)
    }

    /// Drops an item that was not sent (refused, or given up by the creator); `false` if
    /// there is none, or it was sent.
    pub fn delete_outbox(&self, id: i64) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "DELETE FROM application_outbox WHERE id = ?1 AND state != 'sent'",
                [id],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }
}
