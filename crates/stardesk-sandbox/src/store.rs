//! The sandbox's own SQLite: one `tasks` table of JSON bodies plus the indexed columns the
//! change feed needs (the applications' tables live beside it, in `crate::applications`).
//!
//! Every change (insert, modify, close, delete) gives the row `rev = max(rev) + 1`, so the
//! feed is "rows with rev > cursor, in rev order" (minus old tombstones while a fresh client
//! takes its first snapshot, see [`Cursor`]) over the covering index
//! `tasks_feed (rev, status, updated_at_ms)`.

use std::path::Path;
use std::time::Instant;

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use stardesk_platform::wire::Task;

use crate::clock::Clock;
use crate::generate::{initial_updated_at, make_task, modify_task, Shape};
use crate::rng::{mix64, SplitMix64};

mod feed;
mod keyed;

/// The schema, one migration per version (`PRAGMA user_version` = migrations applied). A
/// database from a newer sandbox is refused rather than misread.
const MIGRATIONS: [&str; 5] = [
    TASKS_SCHEMA,
    crate::applications::SCHEMA,
    crate::tracking::SCHEMA,
    crate::rights::SCHEMA,
    OPEN_REV_INDEX,
];

/// The open tasks by revision: `remaining` counts a snapshot's open tasks as a range of
/// this index, with no per-row test (`store/feed.rs`).
const OPEN_REV_INDEX: &str =
    "CREATE INDEX IF NOT EXISTS tasks_open_rev ON tasks (rev) WHERE status = 'open';";
const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

const TASKS_SCHEMA: &str = "
CREATE TABLE tasks (
    id            TEXT    NOT NULL,
    rev           INTEGER NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('open', 'closed', 'deleted')),
    updated_at_ms INTEGER NOT NULL,
    body          TEXT    NOT NULL
) STRICT;
CREATE TABLE meta (
    key   TEXT NOT NULL PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
";

/// Built after the bulk insert of a new dataset: sorting once halves the time of generating
/// 100,000 tasks compared with maintaining the indexes row by row.
const INDEXES: &str = "
CREATE UNIQUE INDEX IF NOT EXISTS tasks_id ON tasks (id);
CREATE UNIQUE INDEX IF NOT EXISTS tasks_rev ON tasks (rev);
-- Covering, so counting `remaining` never touches the JSON bodies.
CREATE INDEX IF NOT EXISTS tasks_feed ON tasks (rev, status, updated_at_ms);
";

#[derive(Debug, thiserror::Error)]
pub(crate) enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("task body: {0}")]
    Json(#[from] serde_json::Error),
    #[error("database schema version {0} is newer than this sandbox ({SCHEMA_VERSION})")]
    NewerSchema(i64),
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

/// What `GET /v1/tasks/{id}` finds.
#[derive(Debug)]
pub(crate) enum Lookup {
    Open(Box<Task>),
    Gone {
        status: String,
        updated_at: DateTime<Utc>,
    },
    Missing,
}

/// Where a feed request starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cursor {
    /// No cursor: a fresh client. It gets a snapshot of the open tasks.
    Start,
    /// Inside a snapshot that began when the feed's newest revision was `upto`: open tasks
    /// after `after`, plus any change made since the snapshot began (the client may hold
    /// that task from an earlier page). Tombstones from before the snapshot are skipped:
    /// the client never saw those tasks.
    Snapshot { after: i64, upto: i64 },
    /// Incremental sync: every change after `after`, tombstones included.
    After(i64),
}

impl Cursor {
    /// The wire form: `r{after}` or, inside a snapshot, `r{after}s{upto}`.
    pub(crate) fn parse(text: &str) -> Option<Cursor> {
        fn number(digits: &str) -> Option<i64> {
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            digits.parse().ok()
        }
        let rest = text.strip_prefix('r')?;
        match rest.split_once('s') {
            None => Some(Cursor::After(number(rest)?)),
            Some((after, upto)) => Some(Cursor::Snapshot {
                after: number(after)?,
                upto: number(upto)?,
            }),
        }
    }
}

/// One validated `GET /v1/tasks` request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FeedQuery {
    pub(crate) cursor: Cursor,
    pub(crate) since_ms: Option<i64>,
    pub(crate) limit: u32,
}

/// The sandbox's data and its clock (`crate::clock`): every stamp is later than every
/// `updated_at` already stored, so a change is always newer than what it replaces and
/// `updated_at` never decreases along `rev`.
#[derive(Debug)]
pub(crate) struct Store {
    pub(crate) conn: Connection,
    pub(crate) seed: u64,
    pub(crate) clock: Clock,
    /// Whether the brands act on their own (select, ship, deliver, review, list rewards)
    /// as the clock moves. The platform's own dates apply either way.
    pub(crate) autopilot: bool,
    /// What the last snapshot page left to count (`store/feed.rs`).
    pub(crate) feed_memo: std::cell::Cell<Option<feed::FeedMemo>>,
}

/// Which kind of change a control call makes; also salts its random choice.
#[derive(Debug, Clone, Copy)]
enum Change {
    Modify = 1,
    Close,
    Delete,
}

impl Store {
    /// [`Store::open_keyed`] without a key.
    #[cfg(test)]
    pub(crate) fn open(
        db_path: Option<&Path>,
        seed: u64,
        tasks: usize,
        now: DateTime<Utc>,
    ) -> Result<Store, StoreError> {
        Self::open_keyed(db_path, None, seed, tasks, now)
    }

    /// Opens (and on first use fills) the database. A file that already holds a dataset is
    /// served as it is, changes included; `seed` and `tasks` then only apply to new files.
    /// With `key` (64 hex digits) the file is encrypted (`keyed`).
    pub(crate) fn open_keyed(
        db_path: Option<&Path>,
        key: Option<&str>,
        seed: u64,
        tasks: usize,
        now: DateTime<Utc>,
    ) -> Result<Store, StoreError> {
        let mut conn = match db_path {
            Some(path) => {
                let conn = match key {
                    Some(key) => keyed::open(path, key)?,
                    None => Connection::open(path)?,
                };
                // WAL so a developer can inspect the file while the sandbox runs (a keyed
                // one with SQLCipher's shell and the key).
                conn.pragma_update(None, "journal_mode", "WAL")?;
                conn.pragma_update(None, "synchronous", "NORMAL")?;
                conn
            }
            None => Connection::open_in_memory()?,
        };
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;

        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::NewerSchema(version));
        }
        if version < SCHEMA_VERSION {
            let tx = conn.transaction()?;
            for migration in &MIGRATIONS[usize::try_from(version).unwrap_or(0)..] {
                tx.execute_batch(migration)?;
            }
            tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            tx.commit()?;
        }

        let stored_seed: Option<String> = conn
            .query_row("SELECT value FROM meta WHERE key = 'seed'", [], |r| {
                r.get(0)
            })
            .optional()?;
        let seed = match stored_seed {
            Some(text) => {
                let stored = text
                    .parse::<u64>()
                    .map_err(|_| StoreError::Corrupt(format!("meta seed {text:?}")))?;
                if stored != seed {
                    tracing::warn!(
                        stored,
                        requested = seed,
                        "reusing existing dataset; --seed ignored"
                    );
                }
                stored
            }
            None => {
                let started = Instant::now();
                generate(&mut conn, seed, tasks, now)?;
                tracing::info!(tasks, seed, elapsed = ?started.elapsed(), "generated dataset");
                seed
            }
        };
        let last_ms: i64 = conn.query_row(
            "SELECT max((SELECT coalesce(max(updated_at_ms), 0) FROM tasks),
                        (SELECT coalesce(max(updated_at_ms), 0) FROM applications))",
            [],
            |r| r.get(0),
        )?;
        let mut store = Store {
            conn,
            seed,
            clock: Clock::new(now, last_ms),
            autopilot: true,
            feed_memo: std::cell::Cell::new(None),
        };
        // A new dataset, or one a sandbox without applications made: give the demo creator
        // its applications, once.
        if store.meta("demo_applications")?.is_none() {
            let started = Instant::now();
            let made = store.seed_demo_applications(now)?;
            tracing::info!(applications = made, elapsed = ?started.elapsed(), "seeded demo applications");
        }
        // The rights center's demo data once per dataset, and this start's dispatch.
        store.seed_demo_rights(now)?;
        store.dispatch_after_start(now)?;
        Ok(store)
    }

    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    pub(crate) fn seed(&self) -> u64 {
        self.seed
    }

    pub(crate) fn get(&self, id: &str) -> Result<Lookup, StoreError> {
        let row: Option<(String, i64, String)> = self
            .conn
            .prepare_cached("SELECT status, updated_at_ms, body FROM tasks WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        Ok(match row {
            None => Lookup::Missing,
            Some((status, _, body)) if status == "open" => {
                Lookup::Open(Box::new(serde_json::from_str(&body)?))
            }
            Some((status, ms, _)) => Lookup::Gone {
                status,
                updated_at: from_ms(ms)?,
            },
        })
    }

    pub(crate) fn open_count(&self) -> Result<usize, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT count(*) FROM tasks WHERE status = 'open'",
            [],
            |r| r.get(0),
        )?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    pub(crate) fn modify(&mut self, n: usize) -> Result<Vec<String>, StoreError> {
        self.change(n, Change::Modify)
    }

    pub(crate) fn close(&mut self, n: usize) -> Result<Vec<String>, StoreError> {
        self.change(n, Change::Close)
    }

    pub(crate) fn delete(&mut self, n: usize) -> Result<Vec<String>, StoreError> {
        self.change(n, Change::Delete)
    }

    /// Changes `n` distinct open tasks (fewer if fewer are open) in one transaction. The
    /// choice is a function of the seed and the current `max(rev)`, so the same sequence of
    /// calls on the same dataset picks the same tasks.
    fn change(&mut self, n: usize, change: Change) -> Result<Vec<String>, StoreError> {
        let stamp = self.clock.stamp();
        let stamp_ms = stamp.timestamp_millis();
        let tx = self.conn.transaction()?;
        let mut rev = max_rev(&tx)?;
        let mut rng = SplitMix64::new(self.seed ^ mix64(rev as u64 ^ ((change as u64) << 56)));
        let mut open: Vec<String> = {
            let mut stmt =
                tx.prepare("SELECT id FROM tasks WHERE status = 'open' ORDER BY rowid")?;
            let ids = stmt.query_map([], |r| r.get(0))?;
            ids.collect::<Result<_, _>>()?
        };
        let n = n.min(open.len());
        for i in 0..n {
            let j = i + rng.index(open.len() - i);
            open.swap(i, j);
        }
        open.truncate(n);
        for id in &open {
            rev += 1;
            match change {
                Change::Modify => {
                    let body: String =
                        tx.query_row("SELECT body FROM tasks WHERE id = ?1", [id], |r| r.get(0))?;
                    let mut task: Task = serde_json::from_str(&body)?;
                    modify_task(&mut task, &mut rng, stamp);
                    tx.execute(
                        "UPDATE tasks SET rev = ?2, updated_at_ms = ?3, body = ?4 WHERE id = ?1",
                        params![id, rev, stamp_ms, serde_json::to_string(&task)?],
                    )?;
                }
                Change::Close | Change::Delete => {
                    let status = if matches!(change, Change::Close) {
                        "closed"
                    } else {
                        "deleted"
                    };
                    // The body keeps the last open version; only the feed's columns change.
                    tx.execute(
                        "UPDATE tasks SET rev = ?2, updated_at_ms = ?3, status = ?4 WHERE id = ?1",
                        params![id, rev, stamp_ms, status],
                    )?;
                }
            }
        }
        tx.commit()?;
        Ok(open)
    }

    /// Publishes `n` new tasks, continuing the dataset's sequence (ids stay unique because
    /// the generator's index never repeats: rows are never removed).
    pub(crate) fn add(&mut self, n: usize) -> Result<Vec<String>, StoreError> {
        self.add_shaped(n, Shape::Any)
    }

    /// Publishes `n` new tasks of `shape`, continuing the dataset's sequence.
    pub(crate) fn add_shaped(&mut self, n: usize, shape: Shape) -> Result<Vec<String>, StoreError> {
        let stamp = self.clock.stamp();
        let tx = self.conn.transaction()?;
        let mut rev = max_rev(&tx)?;
        let next_index: i64 = tx.query_row("SELECT count(*) FROM tasks", [], |r| r.get(0))?;
        let mut ids = Vec::with_capacity(n);
        {
            let mut insert = tx.prepare_cached(INSERT)?;
            for k in 0..n {
                rev += 1;
                let index = next_index as u64 + k as u64;
                let task = make_task(self.seed, index, stamp, stamp, shape);
                insert.execute(params![
                    task.id,
                    rev,
                    stamp.timestamp_millis(),
                    serde_json::to_string(&task)?
                ])?;
                ids.push(task.id);
            }
        }
        tx.commit()?;
        Ok(ids)
    }
}

const INSERT: &str = "INSERT INTO tasks (id, rev, status, updated_at_ms, body)
                      VALUES (?1, ?2, 'open', ?3, ?4)";

fn generate(
    conn: &mut Connection,
    seed: u64,
    tasks: usize,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let tx = conn.transaction()?;
    {
        let mut insert = tx.prepare_cached(INSERT)?;
        let total = tasks as u64;
        for index in 0..total {
            let updated_at = initial_updated_at(seed, now, index, total);
            let task = make_task(seed, index, now, updated_at, Shape::Any);
            insert.execute(params![
                task.id,
                index as i64 + 1,
                updated_at.timestamp_millis(),
                serde_json::to_string(&task)?
            ])?;
        }
    }
    tx.execute_batch(INDEXES)?;
    tx.execute(
        "INSERT INTO meta (key, value) VALUES ('seed', ?1)",
        [seed.to_string()],
    )?;
    tx.commit()?;
    Ok(())
}

fn max_rev(conn: &Connection) -> Result<i64, StoreError> {
    Ok(conn.query_row("SELECT coalesce(max(rev), 0) FROM tasks", [], |r| r.get(0))?)
}

pub(crate) fn from_ms(ms: i64) -> Result<DateTime<Utc>, StoreError> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::Corrupt(format!("timestamp {ms}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use stardesk_platform::wire::{TaskEntry, TaskPage};

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-22T04:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    fn store(tasks: usize) -> Store {
        Store::open(None, 11, tasks, now()).unwrap()
    }

    fn all(store: &Store, cursor: Cursor) -> TaskPage {
        store
            .feed(&FeedQuery {
                cursor,
                since_ms: None,
                limit: 1000,
            })
            .unwrap()
    }

    /// `GET /v1/tasks` writes each open task's stored body as it is: the page it writes
    /// is, as JSON, exactly the page serde writes from the parsed tasks.
    #[test]
    fn the_feed_written_from_stored_bodies_is_the_page_serde_writes() {
        let mut s = store(30);
        s.modify(3).unwrap();
        s.close(2).unwrap();
        s.delete(1).unwrap();
        s.add(2).unwrap();
        let mut tombstones = 0;
        for cursor in [Cursor::Start, Cursor::After(0), Cursor::After(30)] {
            for limit in [1, 7, 1000] {
                let q = FeedQuery {
                    cursor,
                    since_ms: None,
                    limit,
                };
                let text = s.feed_page(&q).unwrap().to_json().unwrap();
                let written: serde_json::Value = serde_json::from_str(&text).unwrap();
                let page = s.feed(&q).unwrap();
                assert_eq!(written, serde_json::to_value(&page).unwrap(), "{text}");
                assert_eq!(serde_json::from_str::<TaskPage>(&text).unwrap(), page);
                tombstones += page
                    .items
                    .iter()
                    .filter(|e| !matches!(e, TaskEntry::Open(_)))
                    .count();
            }
        }
        assert!(tombstones > 0, "tombstones were written too");
    }

    /// Without `updated_since`, `remaining` is two range counts; with the filter at its
    /// lowest, the one general count: they agree wherever the feed may stand.
    #[test]
    fn remaining_by_ranges_is_the_general_count() {
        let mut s = store(40);
        s.modify(5).unwrap();
        s.close(4).unwrap();
        s.delete(3).unwrap();
        s.add(6).unwrap();
        let top = max_rev(&s.conn).unwrap();
        let mut nonzero = 0;
        for last in 0..=top + 1 {
            for tombstones_after in [0, 10, 40, top - 3, top, top + 2] {
                let ranges = s.remaining(last, None, tombstones_after).unwrap();
                let general = s.remaining(last, Some(i64::MIN), tombstones_after).unwrap();
                assert_eq!(
                    ranges, general,
                    "last {last}, tombstones after {tombstones_after}"
                );
                nonzero += usize::from(ranges > 0);
            }
        }
        assert!(nonzero > 100, "counted something: {nonzero}");
    }

    #[test]
    fn changes_get_new_revs_and_tombstones() {
        let mut s = store(50);
        let page = all(&s, Cursor::Start);
        assert_eq!(page.items.len(), 50);
        assert_eq!(page.next_cursor, "r50");
        assert!(!page.has_more);

        let modified = s.modify(3).unwrap();
        let closed = s.close(2).unwrap();
        let deleted = s.delete(1).unwrap();
        let added = s.add(4).unwrap();
        assert_eq!(
            (modified.len(), closed.len(), deleted.len(), added.len()),
            (3, 2, 1, 4)
        );
        assert_eq!(s.open_count().unwrap(), 50 - 3 + 4);

        let delta = all(&s, Cursor::After(50));
        let ids: Vec<&str> = delta.items.iter().map(TaskEntry::id).collect();
        let expected: Vec<&str> = modified
            .iter()
            .chain(&closed)
            .chain(&deleted)
            .chain(&added)
            .map(String::as_str)
            .collect();
        assert_eq!(ids, expected);
        assert_eq!(delta.next_cursor, "r60");
        assert!(matches!(delta.items[3], TaskEntry::Closed { .. }));
        assert!(matches!(delta.items[5], TaskEntry::Deleted { .. }));

        // A fresh client sees no tombstones.
        assert_eq!(all(&s, Cursor::Start).items.len(), 51);
        assert!(matches!(s.get(&closed[0]).unwrap(), Lookup::Gone { .. }));
        assert!(matches!(s.get("1").unwrap(), Lookup::Missing));
    }

    #[test]
    fn cursors_round_trip_and_reject_garbage() {
        assert_eq!(Cursor::parse("r0"), Some(Cursor::After(0)));
        assert_eq!(
            Cursor::parse("r12s40"),
            Some(Cursor::Snapshot {
                after: 12,
                upto: 40
            })
        );
        for bad in [
            "",
            "r",
            "12",
            "r1s",
            "rs1",
            "r1s2s3",
            "r-1",
            "r+1",
            "r1 ",
            "r99999999999999999999",
        ] {
            assert_eq!(Cursor::parse(bad), None, "{bad:?}");
        }
    }

    /// The snapshot's `remaining`, carried from page to page, is what counting again
    /// gives: with no change between pages, and with tasks modified, closed and deleted
    /// between them (each change moves a task out of the snapshot's range).
    #[test]
    fn the_remaining_carried_between_snapshot_pages_is_the_count() {
        for change_every in [0, 1, 2, 3] {
            let mut s = store(60);
            let mut cursor = Cursor::Start;
            for n in 1.. {
                let q = FeedQuery {
                    cursor,
                    since_ms: None,
                    limit: 7,
                };
                let page = s.feed_page(&q).unwrap();
                cursor = Cursor::parse(&page.next_cursor).unwrap();
                let counted = match cursor {
                    Cursor::Snapshot { after, upto } => s.remaining(after, None, upto).unwrap(),
                    Cursor::After(after) => s.remaining(after, None, after).unwrap(),
                    Cursor::Start => unreachable!("a page never points back to the start"),
                };
                assert_eq!(
                    page.remaining as i64, counted,
                    "page {n}, changes every {change_every}"
                );
                if page.remaining == 0 {
                    break;
                }
                if change_every > 0 && n % change_every == 0 {
                    match n % 3 {
                        0 => s.modify(2).map(drop).unwrap(),
                        1 => s.close(1).map(drop).unwrap(),
                        _ => s.delete(1).map(drop).unwrap(),
                    }
                }
            }
        }
    }

    /// A fresh client gets no tombstones from before it started, but does get the changes
    /// made while it pages through the snapshot.
    #[test]
    fn snapshot_paging_skips_old_tombstones_only() {
        let mut s = store(30);
        let old_closed = s.close(5).unwrap();
        let page = |s: &Store, cursor| {
            s.feed(&FeedQuery {
                cursor,
                since_ms: None,
                limit: 10,
            })
            .unwrap()
        };
        let first = page(&s, Cursor::Start);
        assert_eq!(first.items.len(), 10);
        assert_eq!(first.remaining, 15);
        let seen = first.items[0].id().to_owned();
        let closed_now = {
            // Close one task the client already holds.
            let tx_ids = s.close(25).unwrap();
            assert!(tx_ids.contains(&seen));
            tx_ids
        };
        assert_eq!(closed_now.len(), 25);
        let mut cursor = Cursor::parse(&first.next_cursor).unwrap();
        let mut tombstones = Vec::new();
        loop {
            let p = page(&s, cursor);
            tombstones.extend(p.items.iter().map(|e| e.id().to_owned()));
            cursor = Cursor::parse(&p.next_cursor).unwrap();
            if !p.has_more {
                break;
            }
        }
        assert!(tombstones.contains(&seen));
        assert!(old_closed.iter().all(|id| !tombstones.contains(id)));
        assert_eq!(cursor, Cursor::After(60));
    }

    #[test]
    fn the_same_task_is_not_changed_twice_in_one_call() {
        let mut s = store(20);
        let mut ids = s.modify(20).unwrap();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 20);
        assert_eq!(s.close(100).unwrap().len(), 20);
        assert!(s.modify(1).unwrap().is_empty());
    }

    #[test]
    fn file_database_keeps_its_dataset() {
        let dir = std::env::temp_dir().join(format!("sandbox-store-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sandbox.db");
        let _ = std::fs::remove_file(&path);
        let closed = {
            let mut s = Store::open(Some(&path), 5, 30, now()).unwrap();
            s.close(2).unwrap()
        };
        let s = Store::open(Some(&path), 6, 999, now()).unwrap();
        assert_eq!(s.seed(), 5);
        assert_eq!(s.open_count().unwrap(), 28);
        assert!(matches!(s.get(&closed[1]).unwrap(), Lookup::Gone { .. }));
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// With a key the file is encrypted; a plain file from before is encrypted in place,
    /// its dataset and changes kept, no log of it left; one another key wrote is set aside
    /// whole.
    #[test]
    fn a_keyed_file_is_encrypted_and_a_plain_one_is_encrypted_in_place() {
        const KEY: &str = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
        const OTHER: &str = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100";
        let dir = tempfile::tempdir().unwrap();
        let header = |path: &Path| std::fs::read(path).unwrap()[..16].to_vec();
        let plain_header = b"SQLite format 3\0".to_vec();

        // New and keyed: never plain on disk.
        let fresh = dir.path().join("fresh.sqlite");
        drop(Store::open_keyed(Some(&fresh), Some(KEY), 5, 30, now()).unwrap());
        assert_ne!(header(&fresh), plain_header);

        // Plain from an earlier build, with a change in it.
        let path = dir.path().join("sandbox.sqlite");
        let closed = {
            let mut s = Store::open(Some(&path), 5, 30, now()).unwrap();
            s.close(2).unwrap()
        };
        assert_eq!(header(&path), plain_header);
        let s = Store::open_keyed(Some(&path), Some(KEY), 6, 999, now()).unwrap();
        assert_eq!((s.seed(), s.open_count().unwrap()), (5, 28));
        assert!(matches!(s.get(&closed[1]).unwrap(), Lookup::Gone { .. }));
        drop(s);
        assert_ne!(header(&path), plain_header, "encrypted in place");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with("sandbox.sqlite-") && n != "sandbox.sqlite-lock")
            .collect();
        // Not the plain file's log either (the keyed connection is closed: no log of its own).
        assert!(leftovers.is_empty(), "{leftovers:?}");
        // Opened again with the key: as it was.
        let s = Store::open_keyed(Some(&path), Some(KEY), 6, 999, now()).unwrap();
        assert_eq!(s.open_count().unwrap(), 28);
        drop(s);
        assert!(
            Store::open(Some(&path), 5, 30, now()).is_err(),
            "not readable without a key"
        );
        // The data directory's key lost and made anew: the file is set aside, not refused
        // or overwritten, and a new dataset starts.
        let s = Store::open_keyed(Some(&path), Some(OTHER), 7, 30, now()).unwrap();
        assert_eq!((s.seed(), s.open_count().unwrap()), (7, 30));
        drop(s);
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.to_string_lossy();
                name.contains("sandbox.sqlite-unreadable-")
                    && !name.ends_with("-wal")
                    && !name.ends_with("-shm")
            })
            .collect();
        assert_eq!(aside.len(), 1, "{aside:?}");
        let kept = Store::open_keyed(Some(&aside[0]), Some(KEY), 6, 999, now()).unwrap();
        assert_eq!(
            kept.open_count().unwrap(),
            28,
            "what was set aside is whole"
        );
    }

    /// A file an earlier sandbox made (schema 1: tasks only) gains the applications
    /// tables and the demo applications, its tasks untouched.
    #[test]
    fn a_tasks_only_database_is_migrated() {
        let dir = std::env::temp_dir().join(format!("sandbox-migrate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("sandbox.db");
        let _ = std::fs::remove_file(&path);
        let tasks = {
            let s = Store::open(Some(&path), 5, 3000, now()).unwrap();
            s.conn
                .execute_batch(
                    "DROP TABLE idempotency_keys; DROP TABLE applications;
                     DELETE FROM meta WHERE key = 'demo_applications';
                     PRAGMA user_version = 1;",
                )
                .unwrap();
            all(&s, Cursor::Start).items.len()
        };
        let s = Store::open(Some(&path), 5, 3000, now()).unwrap();
        let version: i64 = s
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert!(s.application_count().unwrap() >= 13);
        assert_eq!(all(&s, Cursor::Start).items.len(), tasks);
        drop(s);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
