//! Writing the task cache: a page of the change feed, with the hall's indexes.

use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};

use super::eligible::Basis;
use super::reward::StoredReward;
use super::without::Common;
use super::{bulk, grams, to_i64, Applied, PageChanges, COLUMNS};
use crate::{Store, StoreError};

/// The columns `task_hall` copies from `tasks`.
const HALL_COLUMNS: [&str; 14] = [
    "id",
    "updated_at",
    "upload_deadline",
    "reward_max_fen",
    "category",
    "industry",
    "content_form",
    "settlement_mode",
    "apply_start",
    "apply_end",
    "slots_taken",
    "slots_wanted",
    "min_followers",
    "max_followers",
];

/// Copies the tasks whose rowids ?1 lists (a JSON array) into `task_hall`, leaving the
/// rows that did not change as they are.
fn hall_upsert() -> String {
    let list = |prefix: &str| {
        HALL_COLUMNS
            .iter()
            .map(|c| format!("{prefix}{c}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let set = HALL_COLUMNS
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!(
        "INSERT INTO task_hall (task_rowid, {columns})
         SELECT rowid, {columns} FROM tasks WHERE rowid IN (SELECT value FROM json_each(?1))
         ON CONFLICT (task_rowid) DO UPDATE SET {set}
         WHERE ({old}) IS NOT ({new})",
        columns = list(""),
        old = list("task_hall."),
        new = list("excluded."),
    )
}

impl Store {
    /// Applies one page of the change feed and its cursor in one transaction: a page is
    /// either all written with its cursor, or not at all, so an interrupted sync resumes
    /// exactly where it stopped.
    ///
    /// The same transaction keeps the hall's indexes (migration 0009): the short-term index
    /// for each task whose text or facets are new or changed; then, in one statement each,
    /// the page's rows of `task_hall` and their precomputed eligibility (for the stored
    /// basis), rewriting only what changed.
    ///
    /// The first page of a sync into an empty cache defers both search indexes until
    /// [`Store::finish_task_index`] (migration 0010, `bulk.rs`).
    pub fn apply_page(&mut self, source: &str, page: &PageChanges) -> Result<Applied, StoreError> {
        self.apply_pages(source, std::slice::from_ref(page))
    }

    /// Applies consecutive pages of the change feed, in their order, and the last one's
    /// cursor in one transaction: all of them or none. A first sync writes its pages in
    /// batches (`stardesk_platform::sync`): a transaction rewrites and re-encrypts every
    /// page of the tasks' id index that its rows land on, which for the feed's random ids
    /// is most of that index, so one commit per 500 tasks wrote it 200 times over.
    pub fn apply_pages(
        &mut self,
        source: &str,
        pages: &[PageChanges],
    ) -> Result<Applied, StoreError> {
        let path = self.path().to_path_buf();
        let sq = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sq)?;
        let mut applied = Applied::default();
        for page in pages {
            let one = apply_in(&tx, &path, source, page)?;
            applied.upserted += one.upserted;
            applied.removed += one.removed;
        }
        // A first sync (its indexes deferred) leaves the log to be copied into the
        // database file once, after it ([`Store::settle_log`]), not at every commit of
        // its batches: a 100,000-task first sync's commits took ~1 s with the automatic
        // checkpoint, ~0.5 s without, and its index build's ~0.6 s, ~0.36 s.
        let hold = !self.log_held && bulk::deferred(&tx).map_err(sq)?;
        if hold {
            tx.pragma_update(None, "wal_autocheckpoint", 0)
                .map_err(sq)?;
        }
        let committed = tx.commit().map_err(sq);
        if hold {
            // Whether the commit went through or not, the setting is the connection's.
            self.log_held = true;
        }
        committed?;
        Ok(applied)
    }
}

/// Writes one page and its cursor in the caller's transaction; `path` names the store in
/// errors.
fn apply_in(
    tx: &Transaction<'_>,
    path: &Path,
    source: &str,
    page: &PageChanges,
) -> Result<Applied, StoreError> {
    let sq = |e| StoreError::sqlite(path, e);
    let mut applied = Applied::default();
    let deferred = bulk::defer_if_first(tx, source).map_err(sq)?;
    // The terms whose complement tokens the documents hold (none to write while deferred).
    let common = if deferred {
        Common::default()
    } else {
        Common::load(tx).map_err(sq)?
    };
    {
        let mut existing = tx
            .prepare_cached(
                "SELECT rowid, search_text, category, industry, content_form FROM tasks
                 WHERE id = ?1",
            )
            .map_err(sq)?;
        let mut upsert = tx
            .prepare_cached(&format!(
                "INSERT INTO tasks ({COLUMNS}, search_text) VALUES
                 (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                  ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)
                 ON CONFLICT (id) DO UPDATE SET title = excluded.title, brand = excluded.brand,
                    category = excluded.category, settlement_mode = excluded.settlement_mode,
                    industry = excluded.industry, content_form = excluded.content_form,
                    reward_kind = excluded.reward_kind, reward_json = excluded.reward_json,
                    reward_min_fen = excluded.reward_min_fen, reward_max_fen = excluded.reward_max_fen,
                    sample_value_fen = excluded.sample_value_fen, apply_start = excluded.apply_start,
                    apply_end = excluded.apply_end, ship_by = excluded.ship_by,
                    upload_deadline = excluded.upload_deadline, retention_days = excluded.retention_days,
                    min_followers = excluded.min_followers, max_followers = excluded.max_followers,
                    slots_wanted = excluded.slots_wanted, slots_taken = excluded.slots_taken,
                    requirements = excluded.requirements, description = excluded.description,
                    updated_at = excluded.updated_at, search_text = excluded.search_text
                 RETURNING rowid"
            ))
            .map_err(sq)?;
        let mut upserted: Vec<i64> = Vec::with_capacity(page.upserts.len());
        for t in &page.upserts {
            let requirements = serde_json::to_string(&t.requirements)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let reward = serde_json::to_string(&StoredReward::from(&t.reward))
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let text = t.search_text();
            // What the short-term index holds of the task before and after (nothing
            // to keep while it is deferred).
            let before: Option<(i64, [String; 4])> = if deferred {
                None
            } else {
                existing
                    .query_row([&t.id], |r| {
                        Ok((r.get(0)?, [r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))
                    })
                    .optional()
                    .map_err(sq)?
            };
            let rowid: i64 = upsert
                .query_row(
                    params![
                        t.id,
                        t.title,
                        t.brand,
                        t.category,
                        t.settlement_mode,
                        t.industry,
                        t.content_form,
                        t.reward_kind,
                        reward,
                        t.reward_min_fen,
                        t.reward_max_fen,
                        t.sample_value_fen,
                        t.apply_start.to_string(),
                        t.apply_end.to_string(),
                        t.ship_by.map(|d| d.to_string()),
                        t.upload_deadline.to_string(),
                        t.retention_days,
                        to_i64(t.min_followers, "min_followers")?,
                        t.max_followers
                            .map(|v| to_i64(v, "max_followers"))
                            .transpose()?,
                        t.slots_wanted,
                        t.slots_taken,
                        requirements,
                        t.description,
                        t.updated_at
                            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                        text,
                    ],
                    |r| r.get(0),
                )
                .map_err(sq)?;
            let facets = grams::Facets {
                category: &t.category,
                industry: &t.industry,
                content_form: &t.content_form,
            };
            match before {
                _ if deferred => {}
                Some((_, [old_text, category, industry, content_form]))
                    if old_text == text
                        && grams::Facets {
                            category: &category,
                            industry: &industry,
                            content_form: &content_form,
                        } == facets => {}
                Some((old_rowid, _)) => {
                    grams::unindex(tx, old_rowid).map_err(sq)?;
                    grams::index(tx, rowid, &text, facets, &common).map_err(sq)?;
                }
                None => grams::index(tx, rowid, &text, facets, &common).map_err(sq)?,
            }
            upserted.push(rowid);
            applied.upserted += 1;
        }
        if !upserted.is_empty() {
            let rowids =
                serde_json::to_string(&upserted).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            tx.prepare_cached(&hall_upsert())
                .and_then(|mut s| s.execute([&rowids]))
                .map_err(sq)?;
            if let Some(basis) = Basis::stored(tx).map_err(sq)? {
                basis.apply_to(tx, &rowids).map_err(sq)?;
            }
        }
        let mut remove = tx
            .prepare_cached("DELETE FROM tasks WHERE id = ?1")
            .map_err(sq)?;
        for id in &page.removals {
            applied.removed += remove.execute([id]).map_err(sq)?;
        }
        tx.execute(
            "INSERT INTO sync_state (source, cursor) VALUES (?1, ?2)
             ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor",
            params![source, page.next_cursor],
        )
        .map_err(sq)?;
    }
    Ok(applied)
}

#[cfg(test)]
mod tests {
    use crate::tasks::fixtures::{exact, record};
    use crate::tasks::grams::term_token;

    /// A first sync's commits leave the write-ahead log for later (`apply_pages`): with an
    /// automatic checkpoint small enough that any of its commits would copy the log into
    /// the database file, the file does not grow through the batches and the index build;
    /// `settle_log` copies it and puts SQLite's automatic checkpoint back. A later sync's
    /// pages hold nothing back.
    #[test]
    fn a_first_sync_holds_the_log_until_it_is_settled() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join(crate::DB_FILE);
        let mut store = crate::Store::open(&file, &crate::DbKey::random()).expect("open");
        let autocheckpoint = |s: &crate::Store| {
            s.conn
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get::<_, i64>(0))
                .expect("pragma")
        };
        assert_eq!(autocheckpoint(&store), crate::db::AUTOCHECKPOINT_PAGES);
        assert!(!store.settle_log().expect("settle"), "nothing is held yet");
        store
            .conn
            .pragma_update(None, "wal_autocheckpoint", 10)
            .expect("pragma");
        store.checkpoint().expect("checkpoint");
        let size = || std::fs::metadata(&file).expect("file").len();
        let empty = size();
        let page = |p: usize| crate::tasks::PageChanges {
            upserts: (p * 500..(p + 1) * 500)
                .map(|i| record(i, format!("面霜{i}")))
                .collect(),
            removals: vec![],
            next_cursor: format!("c{p}"),
        };
        store.apply_pages("s", &[page(0), page(1)]).expect("batch");
        assert!(store.log_held());
        assert_eq!(autocheckpoint(&store), 0);
        store.apply_pages("s", &[page(2)]).expect("batch");
        store.finish_task_index().expect("build");
        assert!(store.log_held(), "the index build's commit leaves it too");
        assert_eq!(size(), empty, "nothing was copied into the database file");

        assert!(store.settle_log().expect("settle"));
        assert!(!store.log_held());
        assert_eq!(autocheckpoint(&store), crate::db::AUTOCHECKPOINT_PAGES);
        assert!(
            size() > empty + 100 * 1024,
            "the log is in the file: {}",
            size()
        );
        let face = vec![vec![term_token("霜").expect("token")]];
        assert_eq!(exact(&store, &face), 1_500);

        let log = dir.path().join(format!("{}-wal", crate::DB_FILE));
        let log_size = || std::fs::metadata(&log).expect("log").len();
        assert!(
            log_size() > 1024 * 1024,
            "the log held the sync: {}",
            log_size()
        );
        store
            .apply_page("s", &page(3))
            .expect("a later sync's page");
        assert!(!store.log_held());
        assert_eq!(autocheckpoint(&store), crate::db::AUTOCHECKPOINT_PAGES);
        // Started over after a checkpoint, the log file is cut back to its limit: the
        // store's (16 MiB), and here one the test's log is sure to be over.
        let limit = || {
            store
                .conn
                .query_row("PRAGMA journal_size_limit", [], |r| r.get::<_, i64>(0))
                .expect("pragma")
        };
        assert_eq!(limit(), crate::db::LOG_SIZE_LIMIT);
        store
            .conn
            .pragma_update(None, "journal_size_limit", 256 * 1024)
            .expect("pragma");
        assert!(log_size() > 256 * 1024);
        store.checkpoint().expect("checkpoint");
        // (At the first commit after it starts over: a commit of one task.)
        let one = crate::tasks::PageChanges {
            upserts: vec![record(9_999, "面霜".into())],
            removals: vec![],
            next_cursor: "c9".into(),
        };
        store.apply_page("s", &one).expect("one task");
        assert!(log_size() <= 256 * 1024, "the log file: {}", log_size());
    }
}
