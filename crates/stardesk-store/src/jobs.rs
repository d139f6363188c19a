//! Background jobs' state: what is due when, what was running, how it ended.
//!
//! The job runner in core owns the schedule; this table makes it survive a crash: a run
//! marked as started and never finished is due again at the next start
//! ([`Store::recover_jobs`]). Instants are RFC 3339 UTC text, which sorts by time.

use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

/// One kind of job's row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct JobRecord {
    pub kind: String,
    /// When it should run next; `None` = not scheduled.
    pub due_at: Option<String>,
    /// Set while a run is under way.
    pub running_since: Option<String>,
    /// Failed runs in a row.
    pub attempts: u32,
    pub last_finished_at: Option<String>,
    pub last_error_code: Option<String>,
    pub last_error_message: Option<String>,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JobEnd<'a> {
    /// Done; run again at `next` if given.
    Done { next: Option<&'a str> },
    /// Failed; run again at `retry_at` if given.
    Failed {
        code: &'a str,
        message: &'a str,
        retry_at: Option<&'a str>,
    },
}

impl Store {
    /// Schedules `kind` at `due_at`, or earlier if it is already due earlier.
    pub fn schedule_job(&self, kind: &str, due_at: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO jobs (kind, due_at) VALUES (?1, ?2)
                 ON CONFLICT (kind) DO UPDATE SET due_at =
                   CASE WHEN due_at IS NULL OR excluded.due_at < due_at
                        THEN excluded.due_at ELSE due_at END",
                params![kind, due_at],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// At start: every run that was under way when the process ended is due `now`.
    /// Returns the kinds recovered.
    pub fn recover_jobs(&mut self, now: &str) -> Result<Vec<String>, StoreError> {
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::sqlite(&self.path, e))?;
        let kinds = {
            let mut stmt = tx
                .prepare("SELECT kind FROM jobs WHERE running_since IS NOT NULL ORDER BY kind")
                .map_err(|e| StoreError::sqlite(&self.path, e))?;
            let rows = stmt
                .query_map([], |r| r.get::<_, String>(0))
                .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
                .map_err(|e| StoreError::sqlite(&self.path, e))?;
            rows
        };
        tx.execute(
            "UPDATE jobs SET running_since = NULL, due_at = ?1 WHERE running_since IS NOT NULL",
            [now],
        )
        .map_err(|e| StoreError::sqlite(&self.path, e))?;
        tx.commit().map_err(|e| StoreError::sqlite(&self.path, e))?;
        Ok(kinds)
    }

    /// The kinds due at `now` that are not running, earliest first.
    pub fn due_jobs(&self, now: &str) -> Result<Vec<String>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT kind FROM jobs WHERE due_at IS NOT NULL AND due_at <= ?1
                 AND running_since IS NULL ORDER BY due_at, kind",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([now], |r| r.get::<_, String>(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    /// The earliest time any job not running is due.
    pub fn next_job_due(&self) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                "SELECT min(due_at) FROM jobs WHERE due_at IS NOT NULL AND running_since IS NULL",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))
    }

    /// Marks a run of `kind` as started (and no longer scheduled).
    pub fn start_job(&self, kind: &str, now: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO jobs (kind, running_since) VALUES (?1, ?2)
                 ON CONFLICT (kind) DO UPDATE SET running_since = ?2, due_at = NULL",
                params![kind, now],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Records how a run of `kind` ended, and when it runs next. A job scheduled again
    /// while it ran keeps the earlier of the two times.
    pub fn finish_job(&self, kind: &str, now: &str, end: &JobEnd<'_>) -> Result<(), StoreError> {
        let (next, code, message, failed) = match end {
            JobEnd::Done { next } => (*next, None, None, false),
            JobEnd::Failed {
                code,
                message,
                retry_at,
            } => (*retry_at, Some(*code), Some(*message), true),
        };
        self.conn
            .execute(
                "UPDATE jobs SET
                   running_since = NULL,
                   last_finished_at = ?2,
                   attempts = CASE WHEN ?5 THEN attempts + 1 ELSE 0 END,
                   last_error_code = ?3,
                   last_error_message = ?4,
                   due_at = CASE
                     WHEN ?6 IS NULL THEN due_at
                     WHEN due_at IS NULL OR ?6 < due_at THEN ?6
                     ELSE due_at END
                 WHERE kind = ?1",
                params![kind, now, code, message, failed, next],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// One kind's row, if it was ever scheduled.
    pub fn job(&self, kind: &str) -> Result<Option<JobRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT kind, due_at, running_since, attempts, last_finished_at,
                        last_error_code, last_error_message
                 FROM jobs WHERE kind = ?1",
                [kind],
                |r| {
                    Ok(JobRecord {
                        kind: r.get(0)?,
                        due_at: r.get(1)?,
                        running_since: r.get(2)?,
                        attempts: r.get(3)?,
                        last_finished_at: r.get(4)?,
                        last_error_code: r.get(5)?,
                        last_error_message: r.get(6)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }
}
