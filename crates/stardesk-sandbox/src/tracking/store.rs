//! The parcels' side of the sandbox's SQLite: finding an application by its tracking
//! number, and the incidents `Control` adds (kept in the database, so they survive a
//! restart with `--db`).

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use stardesk_platform::wire::Application;

use super::history::{self, Event, Incident};
use crate::applications::lifecycle;
use crate::applications::store::{load, task_of};
use crate::store::{from_ms, Store, StoreError};

/// Migration 3: the parcel incidents. `IF NOT EXISTS`, as a database an older sandbox
/// migrated may already hold it.
pub(crate) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS parcel_events (
    id          INTEGER NOT NULL PRIMARY KEY,
    tracking_no TEXT    NOT NULL,
    at_ms       INTEGER NOT NULL,
    state       INTEGER NOT NULL,
    status_code INTEGER,
    context     TEXT    NOT NULL,
    halts       INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS parcel_events_parcel ON parcel_events (tracking_no, at_ms);
";

/// Whether an incident stopped this parcel (the brand's plan then no longer delivers it).
pub(crate) fn halted(conn: &Connection, tracking_no: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM parcel_events WHERE tracking_no = ?1 AND halts LIMIT 1")?
        .query_row([tracking_no], |_| Ok(()))
        .optional()?
        .is_some())
}

fn incidents(conn: &Connection, tracking_no: &str) -> Result<Vec<Incident>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT at_ms, state, status_code, context, halts FROM parcel_events
         WHERE tracking_no = ?1 ORDER BY at_ms, id",
    )?;
    let rows = stmt.query_map([tracking_no], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, Option<i64>>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, bool>(4)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (at, state, code, context, halts) = row?;
        let code16 =
            |v: i64| u16::try_from(v).map_err(|_| StoreError::Corrupt(format!("code {v}")));
        out.push(Incident {
            at: from_ms(at)?,
            state: code16(state)?,
            code: code.map(code16).transpose()?,
            context,
            halts,
        });
    }
    Ok(out)
}

/// The applications whose shipment has a tracking number: all of them (`number` `None`)
/// or those with this one; the latest changed first.
fn shipped(conn: &Connection, number: Option<&str>) -> Result<Vec<Application>, StoreError> {
    // A cheap text filter first; the parsed shipment decides. A number with characters
    // JSON escapes is not pre-filtered.
    let needle = match number {
        Some(n) if n.bytes().all(|b| b.is_ascii_alphanumeric()) => n,
        _ => "\"shipment\":{",
    };
    let mut stmt = conn.prepare_cached(
        "SELECT body FROM applications WHERE instr(body, ?1) > 0 ORDER BY rev DESC",
    )?;
    let bodies = stmt.query_map([needle], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for body in bodies {
        let app: Application = serde_json::from_str(&body?)?;
        let matches = app
            .shipment
            .as_ref()
            .is_some_and(|s| number.is_none_or(|n| s.tracking_no == n));
        if matches {
            out.push(app);
        }
    }
    Ok(out)
}

/// A parcel found for a query: its application and its events at the clock's now.
#[derive(Debug)]
pub(crate) struct Found {
    pub(crate) app: Application,
    /// Newest first; empty before the first event.
    pub(crate) events: Vec<Event>,
}

/// Why `Control` could not add a parcel event.
#[derive(Debug)]
pub(crate) enum IncidentError {
    NoParcel,
    Store(StoreError),
}

impl From<StoreError> for IncidentError {
    fn from(err: StoreError) -> Self {
        IncidentError::Store(err)
    }
}

impl From<rusqlite::Error> for IncidentError {
    fn from(err: rusqlite::Error) -> Self {
        IncidentError::Store(err.into())
    }
}

impl Store {
    /// The parcel with this number (the latest application shipped with it), due changes
    /// applied first; `None` if no application was shipped with it.
    pub(crate) fn parcel(&mut self, number: &str) -> Result<Option<Found>, StoreError> {
        self.settle()?;
        let Some(app) = shipped(&self.conn, Some(number))?.into_iter().next() else {
            return Ok(None);
        };
        let incidents = incidents(&self.conn, number)?;
        let events = history::history(self.seed, &app, &incidents, self.clock.now());
        Ok(Some(Found { app, events }))
    }

    /// Every application shipped so far, the latest changed first.
    pub(crate) fn shipped_applications(&mut self) -> Result<Vec<Application>, StoreError> {
        self.settle()?;
        shipped(&self.conn, None)
    }

    /// Stores an event at the clock's now for the parcel `number`. A halting one also
    /// stops the brand's plan from delivering the applications shipped with it (their
    /// status is not changed, and no revision is made: nothing of theirs is visible).
    pub(crate) fn add_parcel_event(
        &mut self,
        number: &str,
        state: u16,
        code: Option<u16>,
        context: &str,
    ) -> Result<DateTime<Utc>, IncidentError> {
        self.settle()?;
        let apps = shipped(&self.conn, Some(number))?;
        if apps.is_empty() {
            return Err(IncidentError::NoParcel);
        }
        let now = self.clock.now();
        let halts = history::halts(state, code);
        let seed = self.seed;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO parcel_events (tracking_no, at_ms, state, status_code, context, halts)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![number, now.timestamp_millis(), state, code, context, halts],
        )?;
        if halts {
            for app in &apps {
                let Some(mut t) = load(&tx, &app.id)? else {
                    continue;
                };
                let task = task_of(&tx, &t)?;
                lifecycle::schedule_brand(&mut t, &task, seed, now);
                tx.execute(
                    "UPDATE applications SET brand_due_ms = ?2 WHERE id = ?1",
                    params![t.app.id, t.brand_due.map(|at| at.timestamp_millis())],
                )?;
            }
        }
        tx.commit()?;
        Ok(now)
    }
}
