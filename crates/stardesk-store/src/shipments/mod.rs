//! Sample logistics: the parcels StarDesk tracks (`shipments`), each carrier event once
//! (`shipment_events`), and which alerts were already raised (`shipment_alerts`).
//!
//! A parcel comes from the application feed (the brand's shipment) or is added by hand,
//! the return leg of a sample included. The query schedule (`next_query_at`) is the
//! caller's: the store only keeps it. Instants are RFC 3339 text; carrier event times are
//! Beijing time as the carrier gives them (`YYYY-MM-DD HH:MM:SS`).

mod tracking;

pub use tracking::{ShipmentEventRecord, TrackingUpdate};

use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

/// The way a parcel travels: the brand's sample to the creator, or back.
pub const LEG_OUTBOUND: &str = "outbound";
pub const LEG_RETURN: &str = "return";
/// Where a parcel came from.
pub const ORIGIN_FEED: &str = "feed";
pub const ORIGIN_MANUAL: &str = "manual";

/// One tracked parcel. `phone_last4` is personal data: `Debug` leaves it out.
#[derive(Clone, PartialEq, Eq)]
pub struct ShipmentRecord {
    pub id: i64,
    pub application_id: Option<String>,
    /// [`LEG_OUTBOUND`] or [`LEG_RETURN`].
    pub leg: String,
    /// [`ORIGIN_FEED`] or [`ORIGIN_MANUAL`].
    pub origin: String,
    pub carrier: String,
    pub carrier_overridden: bool,
    pub tracking_no: String,
    pub phone_last4: Option<String>,
    pub shipped_on: Option<NaiveDate>,
    pub return_due: Option<NaiveDate>,
    /// StarDesk's state name and kuaidi100's code, once queried.
    pub state: Option<String>,
    pub state_code: Option<String>,
    pub signed: bool,
    pub received_at: Option<String>,
    pub last_queried_at: Option<String>,
    pub next_query_at: Option<String>,
    pub failures: u32,
    pub last_error: Option<(String, String)>,
    pub created_at: String,
    pub updated_at: String,
}

impl std::fmt::Debug for ShipmentRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ShipmentRecord")
            .field("id", &self.id)
            .field("application_id", &self.application_id)
            .field("leg", &self.leg)
            .field("carrier", &self.carrier)
            .field("tracking_no", &self.tracking_no)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// A parcel to add by hand.
#[derive(Clone, PartialEq, Eq)]
pub struct NewShipment {
    pub application_id: Option<String>,
    pub leg: String,
    pub carrier: String,
    pub tracking_no: String,
    pub phone_last4: Option<String>,
    pub shipped_on: Option<NaiveDate>,
    pub return_due: Option<NaiveDate>,
}

impl std::fmt::Debug for NewShipment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewShipment")
            .field("application_id", &self.application_id)
            .field("leg", &self.leg)
            .field("carrier", &self.carrier)
            .field("tracking_no", &self.tracking_no)
            .finish_non_exhaustive()
    }
}

/// The brand's shipment of an application, as the feed reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedShipment {
    pub application_id: String,
    pub carrier: String,
    pub tracking_no: String,
    pub shipped_on: NaiveDate,
}

/// Why a parcel could not be added or changed.
#[derive(Debug, thiserror::Error)]
pub enum ShipmentError {
    #[error("the tracking number {0} is already tracked")]
    Duplicate(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

const COLUMNS: &str = "id, application_id, leg, origin, carrier, carrier_overridden, tracking_no,
     phone_last4, shipped_on, return_due, state, state_code, signed, received_at,
     last_queried_at, next_query_at, failures, last_error_code, last_error_message,
     created_at, updated_at";

fn day(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.format("%Y-%m-%d").to_string())
}

fn parse_day(i: usize, s: Option<String>) -> rusqlite::Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

fn record(r: &Row<'_>) -> rusqlite::Result<ShipmentRecord> {
    let code: Option<String> = r.get(17)?;
    let message: Option<String> = r.get(18)?;
    Ok(ShipmentRecord {
        id: r.get(0)?,
        application_id: r.get(1)?,
        leg: r.get(2)?,
        origin: r.get(3)?,
        carrier: r.get(4)?,
        carrier_overridden: r.get(5)?,
        tracking_no: r.get(6)?,
        phone_last4: r.get(7)?,
        shipped_on: parse_day(8, r.get(8)?)?,
        return_due: parse_day(9, r.get(9)?)?,
        state: r.get(10)?,
        state_code: r.get(11)?,
        signed: r.get(12)?,
        received_at: r.get(13)?,
        last_queried_at: r.get(14)?,
        next_query_at: r.get(15)?,
        failures: r.get(16)?,
        last_error: code.map(|c| (c, message.unwrap_or_default())),
        created_at: r.get(19)?,
        updated_at: r.get(20)?,
    })
}

fn is_unique_violation(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE)
}

impl Store {
    /// Brings the brand's shipments of the feed in, in one transaction: a new shipment is
    /// added; a changed number or carrier replaces the old one (its events go with it),
    /// except a carrier the creator chose. Returns how many were added or changed.
    pub fn save_feed_shipments(
        &mut self,
        shipments: &[FeedShipment],
        now: &str,
    ) -> Result<usize, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let mut changed = 0;
        for s in shipments {
            let existing: Option<(i64, String, String, bool)> = tx
                .query_row(
                    "SELECT id, carrier, tracking_no, carrier_overridden FROM shipments
                     WHERE application_id = ?1 AND leg = 'outbound' AND origin = 'feed'",
                    [&s.application_id],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()
                .map_err(sql)?;
            match existing {
                None => {
                    // The same number added by hand first: it becomes the feed's.
                    let n = tx
                        .execute(
                            "UPDATE shipments SET application_id = ?1, origin = 'feed',
                                 shipped_on = coalesce(shipped_on, ?3), updated_at = ?4
                             WHERE tracking_no = ?2",
                            params![
                                s.application_id,
                                s.tracking_no,
                                day(Some(s.shipped_on)),
                                now
                            ],
                        )
                        .map_err(sql)?;
                    if n == 0 {
                        tx.execute(
                            "INSERT INTO shipments (application_id, leg, origin, carrier,
                                 tracking_no, shipped_on, created_at, updated_at)
                             VALUES (?1, 'outbound', 'feed', ?2, ?3, ?4, ?5, ?5)",
                            params![
                                s.application_id,
                                s.carrier,
                                s.tracking_no,
                                day(Some(s.shipped_on)),
                                now
                            ],
                        )
                        .map_err(sql)?;
                    }
                    changed += 1;
                }
                Some((id, carrier, number, overridden)) => {
                    let new_number = number != s.tracking_no;
                    let new_carrier = carrier != s.carrier && !overridden;
                    if !new_number && !new_carrier {
                        continue;
                    }
                    if new_number {
                        tx.execute("DELETE FROM shipment_events WHERE shipment_id = ?1", [id])
                            .map_err(sql)?;
                    }
                    tx.execute(
                        "UPDATE shipments SET carrier = ?2, tracking_no = ?3, shipped_on = ?4,
                             carrier_overridden = CASE WHEN ?5 THEN 0 ELSE carrier_overridden END,
                             state = CASE WHEN ?5 THEN NULL ELSE state END,
                             state_code = CASE WHEN ?5 THEN NULL ELSE state_code END,
                             signed = CASE WHEN ?5 THEN 0 ELSE signed END,
                             next_query_at = NULL, failures = 0, last_error_code = NULL,
                             last_error_message = NULL, updated_at = ?6
                         WHERE id = ?1",
                        params![
                            id,
                            if new_carrier || new_number {
                                &s.carrier
                            } else {
                                &carrier
                            },
                            s.tracking_no,
                            day(Some(s.shipped_on)),
                            new_number,
                            now
                        ],
                    )
                    .map_err(sql)?;
                    changed += 1;
                }
            }
        }
        tx.commit().map_err(sql)?;
        Ok(changed)
    }

    /// Adds a parcel by hand; [`ShipmentError::Duplicate`] if its number is tracked.
    pub fn add_shipment(&mut self, s: &NewShipment, now: &str) -> Result<i64, ShipmentError> {
        let inserted = self.conn.execute(
            "INSERT INTO shipments (application_id, leg, origin, carrier, carrier_overridden,
                 tracking_no, phone_last4, shipped_on, return_due, created_at, updated_at)
             VALUES (?1, ?2, 'manual', ?3, 1, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                s.application_id,
                s.leg,
                s.carrier,
                s.tracking_no,
                s.phone_last4,
                day(s.shipped_on),
                day(s.return_due),
                now
            ],
        );
        match inserted {
            Ok(_) => Ok(self.conn.last_insert_rowid()),
            Err(e) if is_unique_violation(&e) => {
                Err(ShipmentError::Duplicate(s.tracking_no.clone()))
            }
            Err(e) => Err(self.err(e).into()),
        }
    }

    /// Corrects a parcel's carrier, number, phone digits (kept when none are given) or
    /// return date. A new number or
    /// carrier starts its tracking afresh (its events go). `Ok(false)`: no such parcel.
    pub fn correct_shipment(
        &mut self,
        id: i64,
        fix: &NewShipment,
        now: &str,
    ) -> Result<bool, ShipmentError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let Some((carrier, number)) = tx
            .query_row(
                "SELECT carrier, tracking_no FROM shipments WHERE id = ?1",
                [id],
                |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
            )
            .optional()
            .map_err(sql)?
        else {
            return Ok(false);
        };
        let afresh = carrier != fix.carrier || number != fix.tracking_no;
        if afresh {
            tx.execute("DELETE FROM shipment_events WHERE shipment_id = ?1", [id])
                .map_err(sql)?;
        }
        let updated = tx.execute(
            "UPDATE shipments SET carrier = ?2, tracking_no = ?3, phone_last4 = coalesce(?4, phone_last4),
                 return_due = ?5, shipped_on = coalesce(?6, shipped_on),
                 application_id = coalesce(?7, application_id),
                 carrier_overridden = CASE WHEN carrier = ?2 THEN carrier_overridden ELSE 1 END,
                 state = CASE WHEN ?8 THEN NULL ELSE state END,
                 state_code = CASE WHEN ?8 THEN NULL ELSE state_code END,
                 signed = CASE WHEN ?8 THEN 0 ELSE signed END,
                 next_query_at = NULL, failures = 0, last_error_code = NULL,
                 last_error_message = NULL, updated_at = ?9
             WHERE id = ?1",
            params![
                id,
                fix.carrier,
                fix.tracking_no,
                fix.phone_last4,
                day(fix.return_due),
                day(fix.shipped_on),
                fix.application_id,
                afresh,
                now
            ],
        );
        match updated {
            Ok(_) => {}
            Err(e) if is_unique_violation(&e) => {
                return Err(ShipmentError::Duplicate(fix.tracking_no.clone()))
            }
            Err(e) => return Err(StoreError::sqlite(&path, e).into()),
        }
        if afresh {
            tx.execute(
                "DELETE FROM shipment_alerts WHERE subject = ?1",
                [format!("shipment:{id}")],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(true)
    }

    /// Stops tracking a parcel: it, its events and its raised alerts go.
    pub fn delete_shipment(&mut self, id: i64) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute("DELETE FROM shipment_events WHERE shipment_id = ?1", [id])
            .map_err(sql)?;
        tx.execute(
            "DELETE FROM shipment_alerts WHERE subject = ?1",
            [format!("shipment:{id}")],
        )
        .map_err(sql)?;
        let n = tx
            .execute("DELETE FROM shipments WHERE id = ?1", [id])
            .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(n > 0)
    }

    /// Every parcel, newest first.
    pub fn shipments(&self) -> Result<Vec<ShipmentRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM shipments ORDER BY coalesce(shipped_on, substr(created_at, 1, 10)) DESC, id DESC"
            ))
            .map_err(|e| self.err(e))?;
        stmt.query_map([], record)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    pub fn shipment(&self, id: i64) -> Result<Option<ShipmentRecord>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM shipments WHERE id = ?1"),
                [id],
                record,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn shipment_by_number(&self, number: &str) -> Result<Option<ShipmentRecord>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM shipments WHERE tracking_no = ?1"),
                [number],
                record,
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}
