//! The reminder schedule: one row per reminder of a campaign date, derived from the
//! timelines and replaced whenever they change, remembering which were already fired.

use std::collections::HashSet;

use chrono::NaiveDate;
use rusqlite::params;

use crate::{Store, StoreError};

/// One reminder: `lead_days` before `due_on`, on `remind_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderRecord {
    pub application_id: String,
    /// A timeline key (`upload_by`, ...).
    pub timeline_key: String,
    pub due_on: NaiveDate,
    pub lead_days: u32,
    pub remind_on: NaiveDate,
    pub fired_at: Option<String>,
}

impl ReminderRecord {
    /// The stable key of the reminder.
    pub fn key(&self) -> String {
        format!(
            "{}:{}:{}",
            self.application_id, self.timeline_key, self.lead_days
        )
    }
}

fn day(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn parse_day(i: usize, s: String) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

impl Store {
    /// Replaces the schedule with `schedule` in one transaction: reminders already fired
    /// keep their firing (a moved date is a new reminder), those no longer scheduled go.
    pub fn replace_reminders(&mut self, schedule: &[ReminderRecord]) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let keys: HashSet<String> = schedule.iter().map(ReminderRecord::key).collect();
        let existing: Vec<(String, String)> = {
            let mut stmt = tx
                .prepare("SELECT key, due_on FROM reminders")
                .map_err(sql)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(sql)?;
            rows
        };
        for (key, _) in existing.iter().filter(|(k, _)| !keys.contains(k)) {
            tx.execute("DELETE FROM reminders WHERE key = ?1", [key])
                .map_err(sql)?;
        }
        for r in schedule {
            tx.execute(
                "INSERT INTO reminders (key, application_id, timeline_key, due_on, lead_days,
                     remind_on, fired_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, NULL)
                 ON CONFLICT (key) DO UPDATE SET
                     fired_at = CASE WHEN due_on = excluded.due_on THEN fired_at ELSE NULL END,
                     due_on = excluded.due_on, remind_on = excluded.remind_on",
                params![
                    r.key(),
                    r.application_id,
                    r.timeline_key,
                    day(r.due_on),
                    r.lead_days,
                    day(r.remind_on)
                ],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }

    /// Every reminder, by day.
    pub fn reminders(&self) -> Result<Vec<ReminderRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT application_id, timeline_key, due_on, lead_days, remind_on, fired_at
                 FROM reminders ORDER BY remind_on, due_on, key",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([], |r| {
            Ok(ReminderRecord {
                application_id: r.get(0)?,
                timeline_key: r.get(1)?,
                due_on: parse_day(2, r.get(2)?)?,
                lead_days: r.get(3)?,
                remind_on: parse_day(4, r.get(4)?)?,
                fired_at: r.get(5)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(|e| self.err(e))
    }

    /// Marks reminders fired, each for the date it was read with: one whose date moved
    /// meanwhile (a sync rescheduled it) is a new reminder, not fired.
    pub fn mark_reminders_fired(
        &mut self,
        fired: &[ReminderRecord],
        at: &str,
    ) -> Result<(), StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        for r in fired {
            tx.execute(
                "UPDATE reminders SET fired_at = ?2
                 WHERE key = ?1 AND due_on = ?3 AND fired_at IS NULL",
                params![r.key(), at, day(r.due_on)],
            )
            .map_err(sql)?;
        }
        tx.commit().map_err(sql)
    }
}
