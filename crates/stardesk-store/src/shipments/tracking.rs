//! What the carrier said: each event once, the state, the query schedule; and which
//! alerts were already raised.

use chrono::NaiveDateTime;
use rusqlite::params;

use crate::{Store, StoreError};

const EVENT_TIME: &str = "%Y-%m-%d %H:%M:%S";

/// One carrier event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShipmentEventRecord {
    /// Beijing time.
    pub at: NaiveDateTime,
    pub text: String,
    pub area: Option<String>,
    /// StarDesk's state name the event stands for, when known.
    pub state: Option<String>,
    pub status_code: Option<String>,
}

/// What one successful query said.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackingUpdate<'a> {
    pub state: Option<&'a str>,
    pub state_code: &'a str,
    pub signed: bool,
    pub events: &'a [ShipmentEventRecord],
    pub queried_at: &'a str,
    pub next_query_at: Option<&'a str>,
}

impl Store {
    /// A parcel's events, newest first.
    pub fn shipment_events(&self, id: i64) -> Result<Vec<ShipmentEventRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT at, text, area, state, status_code FROM shipment_events
                 WHERE shipment_id = ?1 ORDER BY at DESC, text DESC",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([id], |r| {
            let at: String = r.get(0)?;
            Ok(ShipmentEventRecord {
                at: NaiveDateTime::parse_from_str(&at, EVENT_TIME).map_err(|e| {
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    )
                })?,
                text: r.get(1)?,
                area: r.get(2)?,
                state: r.get(3)?,
                status_code: r.get(4)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.err(e))
    }

    /// Records a successful query in one transaction: the state, each event not stored
    /// yet (a re-query adds nothing), when it was queried and when it may be next.
    /// Returns how many events were new.
    pub fn record_tracking(
        &mut self,
        id: i64,
        update: &TrackingUpdate<'_>,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let mut added = 0;
        for e in update.events {
            added += tx
                .execute(
                    "INSERT INTO shipment_events (shipment_id, at, text, area, state, status_code)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                     ON CONFLICT (shipment_id, at, text) DO NOTHING",
                    params![
                        id,
                        e.at.format(EVENT_TIME).to_string(),
                        e.text,
                        e.area,
                        e.state,
                        e.status_code
                    ],
                )
                .map_err(sql)?;
        }
        tx.execute(
            "UPDATE shipments SET state = ?2, state_code = ?3, signed = ?4, last_queried_at = ?5,
                 next_query_at = ?6, failures = 0, last_error_code = NULL,
                 last_error_message = NULL, updated_at = ?5
             WHERE id = ?1",
            params![
                id,
                update.state,
                update.state_code,
                update.signed,
                update.queried_at,
                update.next_query_at
            ],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(added)
    }

    /// Records a failed query: the error, one more failure, when to try next.
    /// `reached`: the provider answered (the query counts against the 30-minute rule).
    pub fn record_tracking_failure(
        &mut self,
        id: i64,
        code: &str,
        message: &str,
        at: &str,
        reached: bool,
        next_query_at: Option<&str>,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE shipments SET failures = failures + 1, last_error_code = ?2,
                     last_error_message = ?3,
                     last_queried_at = CASE WHEN ?5 THEN ?4 ELSE last_queried_at END,
                     next_query_at = ?6, updated_at = ?4
                 WHERE id = ?1",
                params![id, code, message, at, reached, next_query_at],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// The creator confirms a parcel arrived (or takes that back with `None`).
    pub fn set_shipment_received(&mut self, id: i64, at: Option<&str>) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "UPDATE shipments SET received_at = ?2 WHERE id = ?1",
                params![id, at],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }

    /// Of `alerts` (subject, code), those not raised before, which are now recorded as
    /// raised at `at`; alerts of a subject no longer given are forgotten, so one that
    /// comes back is raised again. One transaction.
    pub fn raise_alerts(
        &mut self,
        alerts: &[(String, String)],
        at: &str,
    ) -> Result<Vec<(String, String)>, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let known: Vec<(String, String)> = {
            let mut stmt = tx
                .prepare("SELECT subject, code FROM shipment_alerts")
                .map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(sql)?;
            rows
        };
        for gone in known.iter().filter(|k| !alerts.contains(k)) {
            tx.execute(
                "DELETE FROM shipment_alerts WHERE subject = ?1 AND code = ?2",
                params![gone.0, gone.1],
            )
            .map_err(sql)?;
        }
        let mut new = Vec::new();
        for a in alerts.iter().filter(|a| !known.contains(a)) {
            let inserted = tx
                .execute(
                    "INSERT INTO shipment_alerts (subject, code, notified_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT DO NOTHING",
                    params![a.0, a.1, at],
                )
                .map_err(sql)?;
            if inserted > 0 {
                new.push(a.clone());
            }
        }
        tx.commit().map_err(sql)?;
        Ok(new)
    }

    /// Every parcel may be asked at once (another tracking service answers now).
    pub fn reset_query_schedule(&self) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE shipments SET next_query_at = NULL, failures = 0",
                [],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Parcels whose last query could not reach the service are due now.
    pub fn unreachable_parcels_due_now(&self) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE shipments SET next_query_at = NULL WHERE last_error_code = 'unreachable'",
                [],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
