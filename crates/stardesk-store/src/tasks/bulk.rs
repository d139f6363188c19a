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

use std::time::{Duration, Instant};

use rusqlite::{Connection, OptionalExtension, Transaction};

use super::rebuild;
use crate::db::CACHE_KIB;
use crate::{Store, StoreError};

/// FTS5's pending-data limit while an index is built: one flush per this many bytes
/// instead of one per mebibyte. Put back to FTS5's default afterwards.
const BUILD_HASHSIZE: i64 = 64 * 1024 * 1024;
const DEFAULT_HASHSIZE: i64 = 1024 * 1024;

/// The page cache (KiB, as `PRAGMA cache_size` takes it negated) while the indexes are
/// built: the build rewrites its own fresh pages many times over, and with the store's
/// usual cache ([`CACHE_KIB`], 64 MiB) they spilled to the WAL, each spill encrypted,
/// before the commit wrote them again: a 100,000-task first sync took 6.2–6.6 s, 5.4–5.7 s
/// with this. Put back, and the memory given back, when the build ends.
const BUILD_CACHE_KIB: i64 = 256 * 1024;

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
    rebuild::index_all(tx)?;
    set_hashsize(tx, "tasks_grams", DEFAULT_HASHSIZE)?;
    Ok(())
}

/// Builds both search indexes from the cache, in `tx`, and ends the deferral. Returns
/// how long the search indexes' steps and then the sort indexes took (logged with the
/// build, and printed by `make bench`).
fn build(tx: &Transaction<'_>) -> rusqlite::Result<(rebuild::RebuildTimes, Duration)> {
    let hashsize = |n: i64| {
        set_hashsize(tx, "tasks_fts", n)?;
        set_hashsize(tx, "tasks_grams", n)
    };
    hashsize(BUILD_HASHSIZE)?;
    // The trigram index is built while a second thread computes the short-term index's
    // documents.
    let search = rebuild::index_all_after(tx, || {
        tx.execute_batch(
            "DELETE FROM tasks_fts;
             INSERT INTO tasks_fts (rowid, search_text) SELECT rowid, search_text FROM tasks;",
        )
    })?;
    hashsize(DEFAULT_HASHSIZE)?;
    let step = Instant::now();
    let indexes: Vec<String> = tx
        .prepare("SELECT sql FROM task_index_deferred WHERE name <> ?1")?
        .query_map([SEARCH], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for sql in indexes {
        tx.execute_batch(&sql)?;
    }
    tx.execute("DELETE FROM task_index_deferred", [])?;
    Ok((search, step.elapsed()))
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
        let started = Instant::now();
        let cache = |conn: &Connection, kib: i64| {
            conn.execute_batch(&format!("PRAGMA cache_size = -{kib}"))
        };
        cache(&self.conn, BUILD_CACHE_KIB).map_err(sq)?;
        let built = self.conn.transaction().and_then(|tx| {
            let (search, sort_indexes) = build(&tx)?;
            let step = Instant::now();
            tx.commit()?;
            Ok((search, sort_indexes, step.elapsed()))
        });
        cache(&self.conn, CACHE_KIB)
            .and_then(|()| self.conn.execute_batch("PRAGMA shrink_memory"))
            .map_err(sq)?;
        let (search, sort_indexes, commit) = built.map_err(sq)?;
        let ms = |d: Duration| d.as_millis() as u64;
        tracing::info!(
            ms = ms(started.elapsed()),
            read_ms = ms(search.read),
            trigram_ms = ms(search.before),
            grams_ms = ms(search.write),
            sort_indexes_ms = ms(sort_indexes),
            commit_ms = ms(commit),
            "the task hall's indexes were built after a first sync"
        );
        Ok(true)
    }

    /// Whether the search indexes are deferred (for tests and the status).
    pub fn task_index_deferred(&self) -> Result<bool, StoreError> {
        deferred(&self.conn).map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use crate::{DbKey, Store, DB_FILE};

    fn cache_kib(store: &Store) -> i64 {
        -store
            .conn
            .query_row("PRAGMA cache_size", [], |r| r.get::<_, i64>(0))
            .expect("cache_size")
    }

    /// The build's large cache is the build's only: the store's own is back after it,
    /// and after a build that failed.
    #[test]
    fn the_build_cache_is_put_back_after_a_build_and_after_a_failed_one() {
        let dir = tempfile::tempdir().expect("dir");
        let mut store = Store::open(&dir.path().join(DB_FILE), &DbKey::random()).expect("open");
        assert_eq!(cache_kib(&store), super::CACHE_KIB);
        let defer = |store: &Store, sql: &str| {
            store
                .conn
                .execute(
                    "INSERT INTO task_index_deferred (name, sql) VALUES (?1, ?2)",
                    [
                        if sql.is_empty() {
                            super::SEARCH
                        } else {
                            "broken"
                        },
                        sql,
                    ],
                )
                .expect("defer");
        };
        defer(&store, "");
        assert!(store.finish_task_index().expect("built"));
        assert_eq!(cache_kib(&store), super::CACHE_KIB);

        defer(&store, "");
        defer(&store, "CREATE INDEX broken ON no_such_table (x)");
        assert!(store.finish_task_index().is_err());
        assert_eq!(cache_kib(&store), super::CACHE_KIB);
        assert!(
            store.task_index_deferred().expect("deferred"),
            "a failed build keeps the deferral"
        );
    }
}
