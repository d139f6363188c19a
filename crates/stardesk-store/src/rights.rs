//! The rights center's data: the parts the platform reported last (core's JSON, per
//! source), the star index one point per day, which invitations were already announced,
//! and the outbox of claims and answers.
//!
//! The outbox works as the applications' one: an action is stored with its idempotency
//! key in one transaction; the sender posts it with that key until the platform answers;
//! confirming it and writing the part the answer changed is again one transaction, so a
//! crash in between resends the same key and the platform answers with what it did.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

/// One day of the star index, as decimal text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StarIndexRecord {
    /// `YYYY-MM-DD`.
    pub day: String,
    pub index: String,
    pub reach: String,
    pub cooperation: String,
    pub growth: String,
    pub value_for_money: String,
    pub seeding: String,
}

/// What the creator asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RightsAction {
    /// Claim a benefit card (R-LEVEL-5).
    Claim,
    /// Accept a preferred invitation.
    Accept,
    /// Decline a preferred invitation.
    Decline,
}

impl RightsAction {
    pub const fn as_str(self) -> &'static str {
        match self {
            RightsAction::Claim => "claim",
            RightsAction::Accept => "accept",
            RightsAction::Decline => "decline",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "claim" => Some(RightsAction::Claim),
            "accept" => Some(RightsAction::Accept),
            "decline" => Some(RightsAction::Decline),
            _ => None,
        }
    }
}

/// Where a rights outbox item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RightsSendState {
    Waiting,
    Sent,
    Refused,
}

impl RightsSendState {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "waiting" => Some(RightsSendState::Waiting),
            "sent" => Some(RightsSendState::Sent),
            "refused" => Some(RightsSendState::Refused),
            _ => None,
        }
    }
}

/// One claim or answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RightsOutboxRecord {
    pub id: i64,
    pub source: String,
    pub idempotency_key: String,
    pub action: RightsAction,
    pub target_id: String,
    pub created_at: String,
    pub state: RightsSendState,
    pub attempts: u32,
    pub next_attempt_at: Option<String>,
    pub last_error_code: Option<String>,
    pub last_error_message: Option<String>,
    pub refusal_message: Option<String>,
    pub sent_at: Option<String>,
    /// The platform's conflict code of a refusal (`benefit_expired`, …), when it gave one.
    pub refusal_code: Option<String>,
}

const COLUMNS: &str = "id, source, idempotency_key, action, target_id, created_at, state,
    attempts, next_attempt_at, last_error_code, last_error_message, refusal_message, sent_at,
    refusal_code";

fn corrupt(i: usize, what: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        i,
        rusqlite::types::Type::Text,
        Box::new(StoreError::Corrupt(what)),
    )
}

fn read(r: &Row<'_>) -> rusqlite::Result<RightsOutboxRecord> {
    let action: String = r.get(3)?;
    let state: String = r.get(6)?;
    Ok(RightsOutboxRecord {
        id: r.get(0)?,
        source: r.get(1)?,
        idempotency_key: r.get(2)?,
        action: RightsAction::parse(&action)
            .ok_or_else(|| corrupt(3, format!("rights action {action:?}")))?,
        target_id: r.get(4)?,
        created_at: r.get(5)?,
        state: RightsSendState::parse(&state)
            .ok_or_else(|| corrupt(6, format!("rights outbox state {state:?}")))?,
        attempts: r.get(7)?,
        next_attempt_at: r.get(8)?,
        last_error_code: r.get(9)?,
        last_error_message: r.get(10)?,
        refusal_message: r.get(11)?,
        sent_at: r.get(12)?,
        refusal_code: r.get(13)?,
    })
}

/// Records an invitation seen (once); whether it was new.
fn mark_seen(
    tx: &rusqlite::Transaction<'_>,
    source: &str,
    id: &str,
    at: &str,
) -> rusqlite::Result<bool> {
    tx.execute(
        "INSERT INTO invitations_seen (source, id, seen_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (source, id) DO NOTHING",
        params![source, id, at],
    )
    .map(|added| added == 1)
}

/// A part of the cache, written with the item that changed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CachePart {
    pub part: String,
    pub json: String,
}

impl Store {
    /// Replaces the given parts of `source`'s cache and records the star-index points (a
    /// day already recorded takes the newer figures), in one transaction.
    pub fn save_rights(
        &mut self,
        source: &str,
        synced_at: &str,
        parts: &[CachePart],
        points: &[StarIndexRecord],
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        for p in parts {
            tx.execute(
                "INSERT INTO rights_cache (source, part, json, synced_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (source, part) DO UPDATE SET json = excluded.json,
                     synced_at = excluded.synced_at",
                params![source, p.part, p.json, synced_at],
            )
            .map_err(sql)?;
        }
        for p in points {
            tx.execute(
                "INSERT INTO star_index_points (source, day, star_index, reach, cooperation,
                     growth, value_for_money, seeding, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (source, day) DO UPDATE SET star_index = excluded.star_index,
                     reach = excluded.reach, cooperation = excluded.cooperation,
                     growth = excluded.growth, value_for_money = excluded.value_for_money,
                     seeding = excluded.seeding, recorded_at = excluded.recorded_at",
                params![
                    source,
                    p.day,
                    p.index,
                    p.reach,
                    p.cooperation,
                    p.growth,
                    p.value_for_money,
                    p.seeding,
                    synced_at
                ],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }

    /// `source`'s cached parts: part → (json, synced_at).
    pub fn rights_cache(
        &self,
        source: &str,
    ) -> Result<HashMap<String, (String, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT part, json, synced_at FROM rights_cache WHERE source = ?1")
            .map_err(|e| self.err(e))?;
        stmt.query_map([source], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    /// `source`'s star index from `since` (`YYYY-MM-DD`, included), oldest first.
    pub fn star_index_points(
        &self,
        source: &str,
        since: &str,
    ) -> Result<Vec<StarIndexRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT day, star_index, reach, cooperation, growth, value_for_money, seeding
                 FROM star_index_points WHERE source = ?1 AND day >= ?2 ORDER BY day",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map(params![source, since], |r| {
            Ok(StarIndexRecord {
                day: r.get(0)?,
                index: r.get(1)?,
                reach: r.get(2)?,
                cooperation: r.get(3)?,
                growth: r.get(4)?,
                value_for_money: r.get(5)?,
                seeding: r.get(6)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.err(e))
    }

    /// Marks invitations seen and returns those not seen before, in the order given: each
    /// is announced once. One transaction.
    pub fn first_seen_invitations(
        &mut self,
        source: &str,
        ids: &[String],
        at: &str,
    ) -> Result<Vec<String>, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let mut new = Vec::new();
        for id in ids {
            if mark_seen(&tx, source, id, at).map_err(sql)? {
                new.push(id.clone());
            }
        }
        tx.commit().map_err(sql)?;
        Ok(new)
    }

    /// Queues a claim or an answer with its idempotency key; returns the item's id. An
    /// item for the same action and target still waiting is returned instead (asking
    /// twice sends once).
    pub fn queue_rights_action(
        &mut self,
        source: &str,
        key: &str,
        action: RightsAction,
        target_id: &str,
        at: &str,
    ) -> Result<i64, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let open: Option<i64> = tx
            .query_row(
                "SELECT id FROM rights_outbox WHERE source = ?1 AND action = ?2
                     AND target_id = ?3 AND state = 'waiting'",
                params![source, action.as_str(), target_id],
                |r| r.get(0),
            )
            .optional()
            .map_err(sql)?;
        let id = match open {
            Some(id) => id,
            None => {
                // A refused earlier try of the same is replaced by this one.
                tx.execute(
                    "DELETE FROM rights_outbox WHERE source = ?1 AND target_id = ?2
                         AND state = 'refused'",
                    params![source, target_id],
                )
                .map_err(sql)?;
                tx.execute(
                    "INSERT INTO rights_outbox (source, idempotency_key, action, target_id,
                         created_at, state, next_attempt_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, 'waiting', ?5)",
                    params![source, key, action.as_str(), target_id, at],
                )
                .map_err(sql)?;
                tx.last_insert_rowid()
            }
        };
        tx.commit().map_err(sql)?;
        Ok(id)
    }

    /// `source`'s items not sent (waiting or refused), oldest first.
    pub fn rights_outbox(&self, source: &str) -> Result<Vec<RightsOutboxRecord>, StoreError> {
        self.rights_outbox_where("source = ?1 AND state != 'sent'", params![source])
    }

    /// The items matching `condition`, oldest first.
    fn rights_outbox_where(
        &self,
        condition: &str,
        values: impl rusqlite::Params,
    ) -> Result<Vec<RightsOutboxRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM rights_outbox WHERE {condition} ORDER BY id"
            ))
            .map_err(|e| self.err(e))?;
        stmt.query_map(values, read)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    pub fn rights_outbox_item(&self, id: i64) -> Result<Option<RightsOutboxRecord>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM rights_outbox WHERE id = ?1"),
                [id],
                read,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// `source`'s waiting items due at `now` (RFC 3339), oldest first; times compared as
    /// instants, not text (see `Store::outbox_due`).
    pub fn rights_outbox_due(
        &self,
        source: &str,
        now: &str,
    ) -> Result<Vec<RightsOutboxRecord>, StoreError> {
        self.rights_outbox_where(
            "source = ?1 AND state = 'waiting'
                 AND (next_attempt_at IS NULL OR julianday(next_attempt_at) <= julianday(?2))",
            params![source, now],
        )
    }

    /// The platform confirmed the item: it is sent, and `part` (the cache the answer
    /// changed) is written, in one transaction.
    pub fn mark_rights_sent(
        &mut self,
        id: i64,
        at: &str,
        part: Option<&CachePart>,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let source: String = tx
            .query_row(
                "SELECT source FROM rights_outbox WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .map_err(sql)?;
        tx.execute(
            "UPDATE rights_outbox SET state = 'sent', sent_at = ?2, next_attempt_at = NULL
             WHERE id = ?1",
            params![id, at],
        )
        .map_err(sql)?;
        if let Some(p) = part {
            tx.execute(
                "UPDATE rights_cache SET json = ?3 WHERE source = ?1 AND part = ?2",
                params![source, p.part, p.json],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }

    /// Not reached (network, 5xx, 429): tried again at `retry_at` with the same key.
    pub fn mark_rights_retry(
        &mut self,
        id: i64,
        retry_at: &str,
        code: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE rights_outbox SET attempts = attempts + 1, next_attempt_at = ?2,
                     last_error_code = ?3, last_error_message = ?4
                 WHERE id = ?1 AND state = 'waiting'",
                params![id, retry_at, code, message],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// The platform refused the item (a 4xx): it stops, with the platform's reason.
    /// Files a waiting item refused, with the platform's conflict code when it gave one.
    pub fn mark_rights_refused(
        &mut self,
        id: i64,
        code: Option<&str>,
        message: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE rights_outbox SET state = 'refused', refusal_message = ?2,
                     refusal_code = ?3, next_attempt_at = NULL
                 WHERE id = ?1 AND state = 'waiting'",
                params![id, message, code],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Makes every waiting item of `source` due now (the network is back).
    pub fn rights_outbox_due_now(&mut self, source: &str, now: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE rights_outbox SET next_attempt_at = ?2
                 WHERE source = ?1 AND state = 'waiting'
                   AND julianday(next_attempt_at) > julianday(?2)",
                params![source, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}

impl Store {
    /// Marks the "hour almost over" notice given for these invitations and returns those
    /// not warned before (each is warned once). One transaction.
    pub fn warn_invitations(
        &mut self,
        source: &str,
        ids: &[String],
        at: &str,
    ) -> Result<Vec<String>, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let mut warned = Vec::new();
        for id in ids {
            mark_seen(&tx, source, id, at).map_err(sql)?;
            let changed = tx
                .execute(
                    "UPDATE invitations_seen SET warned_at = ?3
                     WHERE source = ?1 AND id = ?2 AND warned_at IS NULL",
                    params![source, id, at],
                )
                .map_err(sql)?;
            if changed == 1 {
                warned.push(id.clone());
            }
        }
        tx.commit().map_err(sql)?;
        Ok(warned)
    }
}
