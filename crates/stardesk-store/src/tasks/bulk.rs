//! A first sync in bulk (migration 0010): the pages of a sync into an empty cache are
//! written without the hall's indexes (both full-text indexes and the sort indexes of
//! `task_hall`), which are built once at the end.
//!
//! Page by page, each of the 200 transactions of a 100,000-task sync flushed a segment of
//! both FTS5 indexes and merged it into the older ones, and rewrote (and re-encrypted)
//! the pages of four sort indexes that its 500 tasks landed all over; built at once, each
//! index is written about once. Nothing else changes: every page still commits with its
//! cursor (an interrupted first sync resumes where it stopped, still deferring), and while
//! the indexes are deferred the hall reads the task text and scans `task_hall`, so its
//! answers stay exact (`query.rs`).

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::grams;
use crate::{Store, StoreError};

/// FTS5's pending-data limit while an index is built: one flush per this many bytes
/// instead of one per mebibyte. Put back to FTS5's default afterwards.
const BUILD_HASHSIZE: i64 = 64 * 1024 * 1024;
const DEFAULT_HASHSIZE: i64 = 1024 * 1024;

/// The row that says the full-text indexes are deferred (its SQL is unused).
const SEARCH: &str = "search";

/// Whether the indexes are deferred (a first sync is under way or was cut short).
pub(super) fn deferred(conn: &Connection) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM task_index_deferred)",
        [],
        |r| r.get(0),
    )
}

/// Defers the indexes when this page is the first of a sync into an empty cache: no
/// cursor for `source` and no task. Returns whether they are deferred now.
pub(super) fn defer_if_first(tx: &Transaction<'_>, source: &str) -> rusqlite::Result<bool> {
    if deferred(tx)? {
        return Ok(true);
    }
    let cursor: Option<Option<String>> = tx
        .query_row(
            "SELECT cursor FROM sync_state WHERE source = ?1",
            [source],
            |r| r.get(0),
        )
        .optional()?;
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM tasks)", [], |r| r.get(0))?;
    if cursor.flatten().is_some() || !empty {
        return Ok(false);
    }
    // The sort indexes of `task_hall`, as the schema has them, kept to be made again.
    let indexes: Vec<(String, String)> = tx
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'task_hall' AND sql IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut keep = tx.prepare("INSERT INTO task_index_deferred (name, sql) VALUES (?1, ?2)")?;
    keep.execute([SEARCH, ""])?;
    for (name, sql) in &indexes {
        keep.execute([name, sql])?;
        tx.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(true)
}

/// Sets FTS5's pending-data limit of the full-text table `table`.
fn set_hashsize(tx: &Transaction<'_>, table: &str, n: i64) -> rusqlite::Result<usize> {
    tx.execute(
        &format!("INSERT INTO {table} ({table}, rank) VALUES ('hashsize', ?1)"),
        [n],
    )
}

/// Rebuilds the short-term index of the tasks already cached (migration 0013 adds to its
/// documents), with the pending-data limit of a bulk build; nothing while a first sync
/// defers the indexes (its end builds them).
pub(crate) fn reindex_grams(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    if deferred(tx)? {
        return Ok(());
    }
    set_hashsize(tx, "tasks_grams", BUILD_HASHSIZE)?;
    grams::index_all(tx)?;
    set_hashsize(tx, "tasks_grams", DEFAULT_HASHSIZE)?;
    Ok(())
}

/// Builds both search indexes from the cache, in `tx`, and ends the deferral.
fn build(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let hashsize = |n: i64| {
        set_hashsize(tx, "tasks_fts", n)?;
        set_hashsize(tx, "tasks_grams", n)
    };
    hashsize(BUILD_HASHSIZE)?;
    tx.execute_batch(
        "DELETE FROM tasks_fts;
         INSERT INTO tasks_fts (rowid, search_text) SELECT rowid, search_text FROM tasks;",
    )?;
    grams::index_all(tx)?;
    hashsize(DEFAULT_HASHSIZE)?;
    let indexes: Vec<String> = tx
        .prepare("SELECT sql FROM task_index_deferred WHERE name <> ?1")?
        .query_map([SEARCH], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for sql in indexes {
        tx.execute_batch(&sql)?;
    }
    tx.execute("DELETE FROM task_index_deferred", [])?;
    Ok(())
}

/// Case-folds text as FTS5's trigram tokenizer does (its default: no diacritics removed),
/// for the search while the trigram index is deferred: every character to its simple
/// lowercase (one character for one; one that lowercases to several stays as it is).
pub(crate) fn fts_fold(text: &str) -> String {
    text.chars()
        .map(|c| {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) => l,
                _ => c,
            }
        })
        .collect()
}

/// Registers `fts_fold(text)` on a connection of the store.
pub(crate) fn register_fold(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::functions::FunctionFlags;
    conn.create_scalar_function(
        "fts_fold",
        1,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let text: Option<String> = ctx.get(0)?;
            Ok(text.map(|t| fts_fold(&t)))
        },
    )
}

impl Store {
    /// Ends a deferral of the search indexes, if one is on: builds them in one
    /// transaction. The sync calls it after its last page, and after a failure (so the
    /// tasks already written are indexed); a no-op otherwise.
    pub fn finish_task_index(&mut self) -> Result<bool, StoreError> {
        let path = self.path().to_path_buf();
        let sq = |e| StoreError::sqlite(&path, e);
        if !deferred(&self.conn).map_err(sq)? {
            return Ok(false);
        }
        let started = std::time::Instant::now();
        let tx = self.conn.transaction().map_err(sq)?;
        build(&tx).map_err(sq)?;
        tx.commit().map_err(sq)?;
        tracing::info!(
            ms = started.elapsed().as_millis() as u64,
            "the task hall's indexes were built after a first sync"
        );
        Ok(true)
    }

    /// Whether the search indexes are deferred (for tests and the status).
    pub fn task_index_deferred(&self) -> Result<bool, StoreError> {
        deferred(&self.conn).map_err(|e| self.err(e))
    }
}
