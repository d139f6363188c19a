//! Opening the encrypted database and migrating its schema.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::secret::DbKey;
use crate::StoreError;

/// What a migration does after its SQL, in the same transaction: what SQL alone cannot.
type Then = fn(&rusqlite::Transaction<'_>) -> rusqlite::Result<()>;

/// A migration: its name, its SQL, and a step in Rust after the SQL.
type Migration = (&'static str, &'static str, Option<Then>);

/// Every migration, in order. `PRAGMA user_version` is the count applied.
const MIGRATIONS: &[Migration] = &[
    ("0001_init", include_str!("migrations/0001_init.sql"), None),
    (
        "0002_settlements",
        include_str!("migrations/0002_settlements.sql"),
        None,
    ),
    ("0003_jobs", include_str!("migrations/0003_jobs.sql"), None),
    (
        "0004_settlement_columns",
        include_str!("migrations/0004_settlement_columns.sql"),
        None,
    ),
    (
        "0005_address_book",
        include_str!("migrations/0005_address_book.sql"),
        None,
    ),
    (
        "0006_applications",
        include_str!("migrations/0006_applications.sql"),
        None,
    ),
    (
        "0007_shipments",
        include_str!("migrations/0007_shipments.sql"),
        None,
    ),
    (
        "0008_rights",
        include_str!("migrations/0008_rights.sql"),
        None,
    ),
    (
        "0009_task_hall_index",
        include_str!("migrations/0009_task_hall_index.sql"),
        // The short-term index of the tasks already cached is written by 0013, which
        // adds to its documents (its hook needs that migration's table).
        None,
    ),
    (
        "0010_task_index_deferred",
        include_str!("migrations/0010_task_index_deferred.sql"),
        None,
    ),
    (
        "0011_import_digest",
        include_str!("migrations/0011_import_digest.sql"),
        None,
    ),
    (
        "0012_statement_status_check",
        include_str!("migrations/0012_statement_status_check.sql"),
        None,
    ),
    (
        "0013_task_grams_common",
        include_str!("migrations/0013_task_grams_common.sql"),
        // The short-term index of the tasks already cached, with complement tokens.
        Some(crate::tasks::reindex_grams),
    ),
    (
        "0014_import_source_digest",
        include_str!("migrations/0014_import_source_digest.sql"),
        None,
    ),
    (
        "0015_statement_blocks",
        include_str!("migrations/0015_statement_blocks.sql"),
        // The statement lines stored one a row, moved into blocks.
        Some(crate::settlements::move_statement_rows_to_blocks),
    ),
    (
        "0016_outbox_sent_scrubbed",
        include_str!("migrations/0016_outbox_sent_scrubbed.sql"),
        None,
    ),
    (
        "0017_rights_refusal_code",
        include_str!("migrations/0017_rights_refusal_code.sql"),
        None,
    ),
    (
        "0018_profiles_before_direction",
        include_str!("migrations/0018_profiles_before_direction.sql"),
        None,
    ),
    (
        "0019_statement_line_changes",
        include_str!("migrations/0019_statement_line_changes.sql"),
        None,
    ),
    (
        "0020_statement_block_changes",
        include_str!("migrations/0020_statement_block_changes.sql"),
        // v19's row per changed line, into a row per file and block.
        Some(crate::settlements::move_line_changes_to_blocks),
    ),
    (
        "0021_import_said_digest",
        include_str!("migrations/0021_import_said_digest.sql"),
        None,
    ),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// The database file's name inside the data directory.
pub const DB_FILE: &str = "stardesk.db";

/// Each connection's page cache, in KiB (see `open`; a first sync's index build takes a
/// larger one for its duration, `tasks/bulk.rs`).
pub(crate) const CACHE_KIB: i64 = 64 * 1024;

/// An open, migrated, encrypted connection.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
    /// The write-ahead log is left uncopied by this connection's commits (SQLite's
    /// automatic checkpoint off) until [`Store::settle_log`]: a first sync's pages
    /// (`tasks/write.rs`).
    pub(crate) log_held: bool,
}

/// SQLite's automatic checkpoint: a commit that leaves the log with this many pages or more
/// copies them into the database file (SQLite's default, set explicitly at open).
pub(crate) const AUTOCHECKPOINT_PAGES: i64 = 1000;

/// What the write-ahead log file is cut back to when SQLite starts it over after a
/// checkpoint. Without it the file kept the size of the largest write for good: ~180 MB
/// after a 100,000-task first sync, whose pages all go through the log at once.
pub(crate) const LOG_SIZE_LIMIT: i64 = 16 * 1024 * 1024;

/// Whether SQLCipher has accepted a key in this process (see [`sqlcipher_ready`]).
static SQLCIPHER_READY: AtomicBool = AtomicBool::new(false);
/// The first callers of [`sqlcipher_ready`] wait here for one another.
static SQLCIPHER_GATE: Mutex<()> = Mutex::new(());
/// How long [`sqlcipher_ready`] waits for another thread's initialisation to finish.
const SQLCIPHER_INIT_WAIT: Duration = Duration::from_secs(2);

/// Returns once SQLCipher accepts keys in this process.
///
/// SQLite marks itself initialised, and lets go of its init mutex, before it runs
/// SQLCipher's own initialisation (`SQLITE_EXTRA_INIT` comes last in
/// `sqlite3_initialize`). A thread that opens its first connection in that window finds
/// SQLite ready and SQLCipher not, and its `PRAGMA key` fails: "sqlcipherCodecAttach:
/// sqlcipher not initialized" in SQLCipher's log, "An error occurred with PRAGMA key" to
/// the caller. Eight threads keying at the start of a process hit it in 8 of 300 runs
/// here, and a CI run of the store's tests once. The first callers wait at a gate, keying
/// a throwaway in-memory connection (a raw key, so nothing is derived) until SQLCipher
/// takes it; from then on it stays initialised for the life of the process and the call
/// is one atomic load. Everything that keys a connection calls this first.
pub fn sqlcipher_ready() -> Result<(), rusqlite::Error> {
    if SQLCIPHER_READY.load(Ordering::Acquire) {
        return Ok(());
    }
    let _gate = SQLCIPHER_GATE.lock().unwrap_or_else(|e| e.into_inner());
    let started = std::time::Instant::now();
    loop {
        if SQLCIPHER_READY.load(Ordering::Acquire) {
            return Ok(());
        }
        let probe = Connection::open_in_memory()?;
        match probe.execute_batch(
            "PRAGMA key = \"x'0000000000000000000000000000000000000000000000000000000000000000'\";",
        ) {
            Ok(()) => SQLCIPHER_READY.store(true, Ordering::Release),
            // Not yet initialised by the thread that started SQLite, or never will be:
            // after the wait the error is the caller's.
            Err(e) if started.elapsed() >= SQLCIPHER_INIT_WAIT => return Err(e),
            Err(_) => std::thread::sleep(Duration::from_millis(1)),
        }
    }
}

/// The migrations a database at schema `found` still needs (none when current); one
/// from a newer StarDesk is refused.
fn pending(path: &Path, found: u32) -> Result<&'static [Migration], StoreError> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(&MIGRATIONS[found as usize..])
}

impl Store {
    /// Opens (creating if needed) the database at `path` with `key`, then migrates it.
    ///
    /// A wrong key, or a file that is not a StarDesk database, fails with
    /// [`StoreError::WrongKey`] before anything is written.
    pub fn open(path: &Path, key: &DbKey) -> Result<Self, StoreError> {
        let mut conn = Self::connect_keyed(path, key)?;
        conn.busy_timeout(Duration::from_secs(5))
            .map_err(|e| StoreError::sqlite(path, e))?;
        // Every transaction of the store writes. Begun deferred, one that reads first (or
        // prepares a statement, which reads the schema) cannot become a writer while
        // another process (the app beside a `stardesk` command) writes: SQLite answers
        // "database is locked" at once instead of waiting out the busy timeout. Begun
        // IMMEDIATE, it takes the write lock up front and waits for it.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // SQLCipher decrypts a page each time it enters SQLite's page cache, so a cache
        // that holds the task table (64 MiB for ~100,000 tasks) is what keeps a filtered
        // scan of the task hall from decrypting the whole table on every query.
        conn.execute_batch(&format!(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -{CACHE_KIB};
             PRAGMA wal_autocheckpoint = {AUTOCHECKPOINT_PAGES};
             PRAGMA journal_size_limit = {LOG_SIZE_LIMIT};"
        ))
        .map_err(|e| StoreError::sqlite(path, e))?;
        crate::tasks::register_fold(&conn).map_err(|e| StoreError::sqlite(path, e))?;
        let mut store = Store {
            conn,
            path: path.to_path_buf(),
            log_held: false,
        };
        store.migrate()?;
        Ok(store)
    }

    /// A connection to `path` keyed with `key` and checked by a first read.
    fn connect_keyed(path: &Path, key: &DbKey) -> Result<Connection, StoreError> {
        sqlcipher_ready().map_err(|e| StoreError::sqlite(path, e))?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| StoreError::sqlite(path, e))?;
        conn.execute_batch(&format!("PRAGMA key = {};", key.pragma_literal().as_str()))
            .map_err(|e| StoreError::sqlite(path, e))?;
        // The first read is where SQLCipher finds out whether the key fits.
        match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        }) {
            Ok(_) => Ok(conn),
            Err(e) => Err(match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => StoreError::WrongKey {
                    path: path.to_path_buf(),
                },
                _ => StoreError::sqlite(path, e),
            }),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Copies the pages of the write-ahead log into the database file, as far as no
    /// reader still needs the log (SQLite's passive checkpoint): what a commit does by
    /// itself once the log holds 1,000 pages, for a writer that left it for later.
    pub fn checkpoint(&mut self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))
            .map_err(|e| StoreError::sqlite(&self.path, e))
    }

    /// Ends what a first sync held back (`tasks/write.rs`): copies the log into the
    /// database file ([`Store::checkpoint`]), then lets commits do that again by
    /// themselves. Whether the log was held; a no-op otherwise. The app runs it after a
    /// sync, in the background, as it runs the checkpoint after an import.
    pub fn settle_log(&mut self) -> Result<bool, StoreError> {
        if !self.log_held {
            return Ok(false);
        }
        self.checkpoint()?;
        self.conn
            .pragma_update(None, "wal_autocheckpoint", AUTOCHECKPOINT_PAGES)
            .map_err(|e| StoreError::sqlite(&self.path, e))?;
        self.log_held = false;
        Ok(true)
    }

    /// Whether the log is held back (see [`Store::settle_log`]; for tests).
    pub fn log_held(&self) -> bool {
        self.log_held
    }

    pub fn schema_version(&self) -> Result<u32, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Applies every pending migration in one transaction, or none.
    fn migrate(&mut self) -> Result<(), StoreError> {
        let path = self.path.clone();
        // Without the write lock first: an open of a current database takes none.
        if pending(&path, self.schema_version()?)?.is_empty() {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| StoreError::sqlite(&path, e))?;
        // Read again under the write lock: another process (the app and a `stardesk`
        // command started together after an upgrade) may have migrated while this one
        // waited for it, and its migrations must not run twice.
        let found: u32 = tx
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(|e| StoreError::sqlite(&path, e))?;
        let todo = pending(&path, found)?;
        if todo.is_empty() {
            return Ok(());
        }
        for (name, sql, then) in todo {
            let failed = |e: rusqlite::Error| StoreError::Migration {
                name,
                message: e.to_string(),
            };
            tx.execute_batch(sql).map_err(failed)?;
            if let Some(then) = then {
                then(&tx).map_err(failed)?;
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .map_err(|e| StoreError::sqlite(&path, e))?;
        tx.commit().map_err(|e| StoreError::sqlite(&path, e))?;
        tracing::info!(from = found, to = SCHEMA_VERSION, "database migrated");
        Ok(())
    }

    pub(crate) fn err(&self, e: rusqlite::Error) -> StoreError {
        StoreError::sqlite(&self.path, e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The app and a `stardesk` command open a database that needs migrating at the same
    /// time: the one that waits for the other's migration finds it done and does not
    /// apply it again (it failed with "table already exists").
    #[test]
    fn a_migration_done_by_another_process_while_this_one_waited_is_not_run_again() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("stardesk.db");
        let hex = "5a".repeat(32);
        let key = DbKey::from_hex(&hex).expect("key");
        let mut other = Store::connect_keyed(&path, &key).expect("other");
        other
            .execute_batch("PRAGMA journal_mode = WAL;")
            .expect("wal");
        let tx = other
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .expect("the other process's migration holds the write lock");
        let opening = {
            let (path, key) = (path.clone(), DbKey::from_hex(&hex).expect("key"));
            std::thread::spawn(move || Store::open(&path, &key).map(|s| s.schema_version()))
        };
        // This one has read version 0 and waits for the lock.
        std::thread::sleep(Duration::from_millis(500));
        for (_, sql, then) in MIGRATIONS {
            tx.execute_batch(sql).expect("migration");
            if let Some(then) = then {
                then(&tx).expect("migration step");
            }
        }
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)
            .expect("version");
        tx.commit().expect("commit");
        let version = opening
            .join()
            .expect("thread")
            .expect("opened after the other's migration")
            .expect("version");
        assert_eq!(version, SCHEMA_VERSION);
    }
}
