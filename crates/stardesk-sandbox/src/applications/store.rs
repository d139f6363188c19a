//! The applications' tables and every read and write of them, in the sandbox's SQLite
//! next to the tasks.
//!
//! Like the task feed, every change gives an application `rev = max(rev) + 1` and a new
//! `updated_at`, so the feed is "rows with rev > cursor, in rev order". Before any read or
//! write the due changes are applied ([`Store::settle`]): the rows whose `platform_due_ms`
//! (or, with the brands on autopilot, `brand_due_ms`) has come, found by index.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{params, Connection, OptionalExtension, Transaction};
use stardesk_platform::wire::{
    Application, ApplicationPage, ApplicationRequest, ConflictCode, FieldError, FieldErrorCode, Me,
    SettlementMode, Task,
};

use super::lifecycle::{self, Refusal, Tracked, WrongState};
use crate::clock::beijing_day;
use crate::rng::application_id;
use crate::store::{Cursor, FeedQuery, Store, StoreError};

/// Migration 2: the applications and the idempotency keys that made them.
pub(crate) const SCHEMA: &str = "
CREATE TABLE applications (
    id              TEXT    NOT NULL PRIMARY KEY,
    rev             INTEGER NOT NULL UNIQUE,
    task_id         TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    updated_at_ms   INTEGER NOT NULL,
    platform_due_ms INTEGER,
    brand_due_ms    INTEGER,
    submissions     INTEGER NOT NULL,
    body            TEXT    NOT NULL
) STRICT;
CREATE INDEX applications_feed ON applications (rev, updated_at_ms);
CREATE INDEX applications_task ON applications (task_id, status);
CREATE INDEX applications_platform_due ON applications (platform_due_ms);
CREATE INDEX applications_brand_due ON applications (brand_due_ms);
CREATE TABLE idempotency_keys (
    key            TEXT NOT NULL PRIMARY KEY,
    request        TEXT NOT NULL,
    application_id TEXT NOT NULL REFERENCES applications (id)
) STRICT;
";

/// Why an applications request was not carried out.
#[derive(Debug)]
pub(crate) enum ActionError {
    Refused(Refusal),
    /// The idempotency key was used before with another body.
    KeyReused,
    NotFound(String),
    Store(StoreError),
}

impl From<StoreError> for ActionError {
    fn from(err: StoreError) -> Self {
        ActionError::Store(err)
    }
}

impl From<rusqlite::Error> for ActionError {
    fn from(err: rusqlite::Error) -> Self {
        ActionError::Store(err.into())
    }
}

impl From<Refusal> for ActionError {
    fn from(r: Refusal) -> Self {
        ActionError::Refused(r)
    }
}

fn refused(code: ConflictCode, detail: String) -> ActionError {
    ActionError::Refused(Refusal::Conflict { code, detail })
}

fn invalid_task(code: FieldErrorCode, message: &str) -> ActionError {
    ActionError::Refused(Refusal::Invalid(vec![FieldError {
        field: "task_id".into(),
        code,
        message: message.into(),
    }]))
}

/// A brand transition `Control` forces, refused.
#[derive(Debug)]
pub(crate) enum ForceError {
    NotFound,
    WrongState(WrongState),
    Store(StoreError),
}

impl From<StoreError> for ForceError {
    fn from(err: StoreError) -> Self {
        ForceError::Store(err)
    }
}

impl From<rusqlite::Error> for ForceError {
    fn from(err: rusqlite::Error) -> Self {
        ForceError::Store(err.into())
    }
}

/// The task an application belongs to, with its feed status (`open`, `closed`, `deleted`).
fn task_row(conn: &Connection, id: &str) -> Result<Option<(String, Task)>, StoreError> {
    let row: Option<(String, String)> = conn
        .prepare_cached("SELECT status, body FROM tasks WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    row.map(|(status, body)| Ok((status, serde_json::from_str(&body)?)))
        .transpose()
}

pub(crate) fn task_of(conn: &Connection, t: &Tracked) -> Result<Task, StoreError> {
    task_row(conn, &t.app.task_id)?
        .map(|(_, task)| task)
        .ok_or_else(|| StoreError::Corrupt(format!("application {} has no task", t.app.id)))
}

pub(crate) fn load(conn: &Connection, id: &str) -> Result<Option<Tracked>, StoreError> {
    let row: Option<(String, i64, Option<i64>)> = conn
        .prepare_cached("SELECT body, submissions, brand_due_ms FROM applications WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    row.map(|(body, submissions, brand_due)| {
        let app: Application = serde_json::from_str(&body)?;
        let parcel_halted = match &app.shipment {
            Some(s) => crate::tracking::store::halted(conn, &s.tracking_no)?,
            None => false,
        };
        Ok(Tracked {
            app,
            submissions: u32::try_from(submissions).unwrap_or(0),
            brand_due: brand_due.map(crate::store::from_ms).transpose()?,
            parcel_halted,
        })
    })
    .transpose()
}

/// Writes `t` as changed at `stamp`: a new revision, its due times recomputed.
fn save(
    conn: &Connection,
    t: &mut Tracked,
    task: &Task,
    stamp: DateTime<Utc>,
) -> Result<(), StoreError> {
    t.app.updated_at = stamp;
    let rev: i64 = conn.query_row(
        "SELECT coalesce(max(rev), 0) + 1 FROM applications",
        [],
        |r| r.get(0),
    )?;
    let platform_due = lifecycle::platform_due(&t.app, task).map(|at| at.timestamp_millis());
    conn.prepare_cached(
        "INSERT INTO applications (id, rev, task_id, status, updated_at_ms, platform_due_ms,
                                   brand_due_ms, submissions, body)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (id) DO UPDATE SET rev = excluded.rev, status = excluded.status,
             updated_at_ms = excluded.updated_at_ms, platform_due_ms = excluded.platform_due_ms,
             brand_due_ms = excluded.brand_due_ms, submissions = excluded.submissions,
             body = excluded.body",
    )?
    .execute(params![
        t.app.id,
        rev,
        t.app.task_id,
        lifecycle::status_name(t.app.status),
        stamp.timestamp_millis(),
        platform_due,
        t.brand_due.map(|at| at.timestamp_millis()),
        t.submissions,
        serde_json::to_string(&t.app)?,
    ])?;
    Ok(())
}

/// R-REVIEW-11 and the task's own follower range, as the platform checks them: why this
/// creator may not apply, or `None`.
fn ineligible(me: &Me, task: &Task) -> Option<String> {
    match &me.agency {
        None if !(10_000..=500_000).contains(&me.followers) => {
            Some("a creator not under an MCN needs 10000 to 500000 followers (R-REVIEW-11)".into())
        }
        Some(agency) if agency.deposit_ever_deducted => {
            Some("the creator's MCN had its deposit deducted (R-REVIEW-11)".into())
        }
        _ if me.followers < task.min_followers
            || task.max_followers.is_some_and(|max| me.followers > max) =>
        {
            Some(format!(
                "task {} takes creators with {} to {} followers",
                task.id,
                task.min_followers,
                task.max_followers
                    .map_or_else(|| "any number of".to_owned(), |m| m.to_string())
            ))
        }
        _ => None,
    }
}

impl Store {
    /// Applies every change due by the clock's now, each due application once, in one
    /// transaction. Returns how many applications changed.
    pub(crate) fn settle(&mut self) -> Result<usize, StoreError> {
        let now = self.clock.now();
        let now_ms = now.timestamp_millis();
        let (seed, autopilot) = (self.seed, self.autopilot);
        let tx = self.conn.transaction()?;
        let due: Vec<String> = {
            let mut stmt = tx.prepare_cached(
                "SELECT id FROM applications WHERE platform_due_ms <= ?1
                 UNION SELECT id FROM applications WHERE ?2 AND brand_due_ms <= ?1",
            )?;
            let ids = stmt.query_map(params![now_ms, autopilot], |r| r.get(0))?;
            ids.collect::<Result<_, _>>()?
        };
        let mut changed = Vec::new();
        for id in due {
            let Some(mut t) = load(&tx, &id)? else {
                continue;
            };
            let task = task_of(&tx, &t)?;
            if lifecycle::settle(&mut t, &task, seed, autopilot, now) {
                changed.push((t, task));
            }
        }
        for (t, task) in &mut changed {
            save(&tx, t, task, self.clock.stamp())?;
        }
        tx.commit()?;
        Ok(changed.len())
    }

    /// `POST /v1/applications`. `Ok((true, _))` created; `Ok((false, _))` a replay of the
    /// same key and body.
    pub(crate) fn apply(
        &mut self,
        key: &str,
        request: &ApplicationRequest,
        me: &Me,
    ) -> Result<(bool, Application), ActionError> {
        self.settle()?;
        let canonical = serde_json::to_string(request).map_err(StoreError::from)?;
        let now = self.clock.now();
        let seed = self.seed;
        let tx = self.conn.transaction()?;
        let known: Option<(String, String)> = tx
            .query_row(
                "SELECT request, application_id FROM idempotency_keys WHERE key = ?1",
                [key],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((stored, id)) = known {
            if stored != canonical {
                return Err(ActionError::KeyReused);
            }
            let t = load(&tx, &id)?.ok_or_else(|| StoreError::Corrupt(format!("key of {id}")))?;
            return Ok((false, t.app));
        }
        let Some((task_status, task)) = task_row(&tx, &request.task_id)? else {
            return Err(invalid_task(
                FieldErrorCode::UnknownTask,
                "no task has this id",
            ));
        };
        if task.settlement_mode != Some(SettlementMode::ProductReview) {
            return Err(invalid_task(
                FieldErrorCode::NotProductReview,
                "the task is not a product-review recruitment",
            ));
        }
        check_can_apply(&tx, me, &task, &task_status, beijing_day(now))?;

        // Rows are never deleted, so the count never repeats.
        let seq: i64 = tx.query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?;
        let id = application_id(seed, u64::try_from(seq).unwrap_or(0));
        let mut t = lifecycle::new_application(id, request, now);
        lifecycle::schedule_brand(&mut t, &task, seed, now);
        save(&tx, &mut t, &task, self.clock.stamp())?;
        tx.execute(
            "INSERT INTO idempotency_keys (key, request, application_id) VALUES (?1, ?2, ?3)",
            params![key, canonical, t.app.id],
        )?;
        tx.commit()?;
        Ok((true, t.app))
    }

    /// One page of the applications feed, due changes applied first.
    pub(crate) fn application_feed(
        &mut self,
        q: &FeedQuery,
    ) -> Result<ApplicationPage, StoreError> {
        self.settle()?;
        let after = match q.cursor {
            Cursor::Start => 0,
            Cursor::After(after) | Cursor::Snapshot { after, .. } => after,
        };
        let since = q.since_ms.unwrap_or(i64::MIN);
        let mut stmt = self.conn.prepare_cached(
            "SELECT rev, body FROM applications WHERE rev > ?1 AND updated_at_ms >= ?2
             ORDER BY rev LIMIT ?3",
        )?;
        let mut rows = stmt.query(params![after, since, q.limit])?;
        let mut items = Vec::new();
        let mut last = after;
        while let Some(row) = rows.next()? {
            last = row.get(0)?;
            let body: String = row.get(1)?;
            items.push(serde_json::from_str(&body)?);
        }
        let remaining: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM applications WHERE rev > ?1 AND updated_at_ms >= ?2",
            )?
            .query_row(params![last, since], |r| r.get(0))?;
        Ok(ApplicationPage {
            items,
            next_cursor: format!("r{last}"),
            has_more: remaining > 0,
            remaining: u64::try_from(remaining).unwrap_or(0),
        })
    }

    pub(crate) fn application(&mut self, id: &str) -> Result<Option<Application>, StoreError> {
        self.settle()?;
        Ok(load(&self.conn, id)?.map(|t| t.app))
    }

    pub(crate) fn application_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM applications", [], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Runs a creator's action on application `id` (due changes applied first). An action
    /// that changes nothing (a repeat) writes nothing and answers the application as it is.
    pub(crate) fn act(
        &mut self,
        id: &str,
        action: impl FnOnce(&mut Tracked, &Task, DateTime<Utc>) -> Result<bool, Refusal>,
    ) -> Result<Application, ActionError> {
        self.settle()?;
        let now = self.clock.now();
        let seed = self.seed;
        let tx = self.conn.transaction()?;
        let mut t =
            load(&tx, id)?.ok_or_else(|| ActionError::NotFound(format!("no application {id}")))?;
        let task = task_of(&tx, &t)?;
        if action(&mut t, &task, now)? {
            lifecycle::schedule_brand(&mut t, &task, seed, now);
            save(&tx, &mut t, &task, self.clock.stamp())?;
            tx.commit()?;
        }
        Ok(t.app)
    }

    /// Forces a brand transition on application `id` now (`Control`), then applies what
    /// falls due.
    pub(crate) fn force(
        &mut self,
        id: &str,
        transition: impl FnOnce(&mut Tracked, DateTime<Utc>) -> Result<(), WrongState>,
    ) -> Result<Application, ForceError> {
        self.settle()?;
        let now = self.clock.now();
        let seed = self.seed;
        let tx = self.conn.transaction()?;
        let mut t = load(&tx, id)?.ok_or(ForceError::NotFound)?;
        let task = task_of(&tx, &t)?;
        transition(&mut t, now).map_err(ForceError::WrongState)?;
        lifecycle::schedule_brand(&mut t, &task, seed, now);
        save(&tx, &mut t, &task, self.clock.stamp())?;
        tx.commit()?;
        self.settle()?;
        Ok(load(&self.conn, id)?.ok_or(ForceError::NotFound)?.app)
    }

    /// Stores the demo creator's applications (`super::demo`) with `updated_at` = their
    /// last event, in that order.
    pub(crate) fn seed_demo_applications(
        &mut self,
        now: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        let tasks = review_tasks(&tx)?;
        let mut made = super::demo::applications(self.seed, &tasks, now);
        made.sort_by_key(|(t, last, _)| (*last, t.app.id.clone()));
        for (t, last, task) in &mut made {
            save(&tx, t, task, *last)?;
        }
        tx.execute(
            "INSERT INTO meta (key, value) VALUES ('demo_applications', ?1)",
            [made.len().to_string()],
        )?;
        tx.commit()?;
        if let Some((_, last, _)) = made.last() {
            self.clock.observe(last.timestamp_millis());
        }
        Ok(made.len())
    }
}

/// The 409s of applying, in order: already applied, window closed, not eligible, slots
/// full.
fn check_can_apply(
    tx: &Transaction<'_>,
    me: &Me,
    task: &Task,
    task_status: &str,
    today: NaiveDate,
) -> Result<(), ActionError> {
    // One application per task per creator; a withdrawn one does not count.
    let active: Option<String> = tx
        .query_row(
            "SELECT id FROM applications WHERE task_id = ?1 AND status != 'withdrawn'",
            [&task.id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = active {
        return Err(refused(
            ConflictCode::AlreadyApplied,
            format!("application {other} to this task is still active"),
        ));
    }
    // R-REVIEW-2: the application date range, on the platform's calendar.
    if task_status != "open" {
        return Err(refused(
            ConflictCode::WindowClosed,
            format!("task {} was {task_status}", task.id),
        ));
    }
    if today < task.apply_start || today > task.apply_end {
        return Err(refused(
            ConflictCode::WindowClosed,
            format!(
                "task {} takes applications from {} to {}",
                task.id, task.apply_start, task.apply_end
            ),
        ));
    }
    if let Some(why) = ineligible(me, task) {
        return Err(refused(ConflictCode::NotEligible, why));
    }
    if task.slots_taken >= task.slots_wanted {
        return Err(refused(
            ConflictCode::SlotsFull,
            format!(
                "task {} has taken all {} creators it wants",
                task.id, task.slots_wanted
            ),
        ));
    }
    Ok(())
}

/// The open product-review tasks, in rowid order.
fn review_tasks(conn: &Connection) -> Result<Vec<Task>, StoreError> {
    let mut stmt = conn.prepare(
        "SELECT body FROM tasks WHERE status = 'open'
         AND json_extract(body, '$.settlement_mode') = 'product_review' ORDER BY rowid",
    )?;
    let bodies = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let mut tasks = Vec::new();
    for body in bodies {
        tasks.push(serde_json::from_str(&body?)?);
    }
    Ok(tasks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use stardesk_platform::wire::{Agency, Category, ContentForm, Reward};

    fn task() -> Task {
        Task {
            id: "1".into(),
            title: String::new(),
            brand: String::new(),
            category: Category::Recruitment,
            settlement_mode: Some(SettlementMode::ProductReview),
            industry: String::new(),
            content_form: ContentForm::Video,
            reward: Reward::SampleOnly,
            sample_value: None,
            apply_start: NaiveDate::MIN,
            apply_end: NaiveDate::MAX,
            ship_by: None,
            upload_deadline: NaiveDate::MAX,
            retention_days: 0,
            min_followers: 50_000,
            max_followers: Some(500_000),
            slots_wanted: 1,
            slots_taken: 0,
            requirements: vec![],
            description: String::new(),
            updated_at: DateTime::UNIX_EPOCH,
        }
    }

    fn me(followers: u64, agency: Option<bool>) -> Me {
        Me {
            creator_id: "1".into(),
            nickname: String::new(),
            followers,
            agency: agency.map(|deducted| Agency {
                id: "2".into(),
                name: String::new(),
                deposit_ever_deducted: deducted,
            }),
            level: 1,
        }
    }

    /// R-REVIEW-11: 10,000–500,000 followers without an MCN; with one, a clean deposit;
    /// and the task's own range either way.
    #[test]
    fn r_review_11_eligibility() {
        let t = task();
        assert!(ineligible(&me(268_000, None), &t).is_none());
        assert!(ineligible(&me(9_999, None), &t).is_some());
        assert!(ineligible(&me(500_001, None), &t).is_some());
        assert!(ineligible(
            &me(600_000, Some(false)),
            &Task {
                max_followers: None,
                ..task()
            }
        )
        .is_none());
        assert!(ineligible(&me(268_000, Some(true)), &t).is_some());
        assert!(
            ineligible(&me(20_000, None), &t).is_some(),
            "below the task's own 50,000"
        );
    }
}

#[cfg(test)]
mod demo_tests {
    use std::collections::BTreeMap;

    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    /// The demo applications of a new dataset, checked: each to an open product-review
    /// task, made inside its window, last changed by `now`, nothing due at start.
    fn demo_statuses(seed: u64, now: DateTime<Utc>) -> BTreeMap<String, usize> {
        let mut s = Store::open(None, seed, crate::DEFAULT_TASKS, now).unwrap();
        let page = s
            .application_feed(&FeedQuery {
                cursor: Cursor::Start,
                since_ms: None,
                limit: 100,
            })
            .unwrap();
        let mut statuses = BTreeMap::new();
        for a in &page.items {
            *statuses
                .entry(lifecycle::status_name(a.status))
                .or_insert(0) += 1;
            let (_, task) = task_row(&s.conn, &a.task_id).unwrap().unwrap();
            assert_eq!(task.settlement_mode, Some(SettlementMode::ProductReview));
            let day = beijing_day(a.applied_at);
            assert!(task.apply_start <= day && day <= task.apply_end, "{a:?}");
            assert!(a.updated_at <= now);
        }
        let tasks: std::collections::HashSet<&str> =
            page.items.iter().map(|a| a.task_id.as_str()).collect();
        assert_eq!(tasks.len(), page.items.len(), "one application per task");
        assert_eq!(s.settle().unwrap(), 0, "nothing is due at start");
        statuses
    }

    /// The demo creator starts with about 15 applications over every status.
    #[test]
    fn demo_applications_cover_every_status() {
        let statuses = demo_statuses(crate::DEFAULT_SEED, now());
        assert_eq!(statuses.len(), 14, "{statuses:?}");
        let total: usize = statuses.values().sum();
        assert!((14..=16).contains(&total), "{statuses:?}");
    }

    /// On other seeds and days, at most one status is missing: a reward inside its 3 days
    /// of publicity (R-REVIEW-9) needs a campaign that ended just then, which a dataset
    /// does not always hold.
    #[test]
    fn demo_applications_on_other_days() {
        for i in 0..8 {
            let statuses = demo_statuses(
                crate::DEFAULT_SEED + i,
                now() + chrono::TimeDelta::days(i as i64 * 47),
            );
            assert!(statuses.len() >= 13, "{statuses:?}");
        }
    }
}
