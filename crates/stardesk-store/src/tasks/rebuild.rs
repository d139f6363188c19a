//! The whole short-term index rebuilt from the task cache (`tasks_grams`, `grams.rs`): after
//! a first sync (`bulk.rs`, beside the trigram index's build) and by migration 0013.

use std::time::{Duration, Instant};

use rusqlite::params;

use super::grams::{document, Facets};
use super::without::Common;

/// A task as the whole index is rebuilt from: its rowid, search text and facets.
struct Source {
    rowid: i64,
    text: String,
    category: String,
    industry: String,
    content_form: String,
}

impl Source {
    fn document(&self, common: &Common) -> (i64, String) {
        let facets = Facets {
            category: &self.category,
            industry: &self.industry,
            content_form: &self.content_form,
        };
        (self.rowid, document(&self.text, facets, common))
    }
}

/// The documents of a rebuild go from the thread that computes them to the writer in
/// chunks of this many tasks, at most [`AHEAD`] chunks ahead of it (a few megabytes).
const CHUNK: usize = 1024;
const AHEAD: usize = 8;

/// Rebuilds the whole index from the task cache (after a first sync; migration 0013),
/// choosing its complement tokens anew.
pub(super) fn index_all(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    index_all_after(tx, || Ok(())).map(|_| ())
}

/// How long the steps of [`index_all_after`] took.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RebuildTimes {
    /// Choosing the complement terms and reading the tasks.
    pub(super) read: Duration,
    /// The step run before the writes (a first sync's trigram index).
    pub(super) before: Duration,
    /// Writing the documents, after that step.
    pub(super) write: Duration,
}

/// [`index_all`], after `before` has run on the same connection (a first sync builds the
/// trigram index there, `bulk.rs`). The documents are computed on a second thread, from
/// the tasks read beforehand, while `before` and then the writes of the documents run:
/// turning 100,000 texts into some 80 MB of tokens took a core 0.4 s of the 1.2 s this
/// rebuild took on one thread, with the machine's other core idle.
pub(super) fn index_all_after(
    tx: &rusqlite::Transaction<'_>,
    before: impl FnOnce() -> rusqlite::Result<()>,
) -> rusqlite::Result<RebuildTimes> {
    let started = Instant::now();
    let common = Common::choose(tx)?;
    let sources: Vec<Source> = tx
        .prepare("SELECT rowid, search_text, category, industry, content_form FROM tasks")?
        .query_map([], |r| {
            Ok(Source {
                rowid: r.get(0)?,
                text: r.get(1)?,
                category: r.get(2)?,
                industry: r.get(3)?,
                content_form: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut times = RebuildTimes {
        read: started.elapsed(),
        ..RebuildTimes::default()
    };
    std::thread::scope(|scope| {
        let (send, documents) = std::sync::mpsc::sync_channel::<Vec<(i64, String)>>(AHEAD);
        let (sources, common) = (&sources, &common);
        scope.spawn(move || {
            for chunk in sources.chunks(CHUNK) {
                let docs = chunk.iter().map(|s| s.document(common)).collect();
                // The writer stopped (an error): nothing more is wanted.
                if send.send(docs).is_err() {
                    return;
                }
            }
        });
        // On an error below, `documents` is dropped as this closure returns, which ends
        // the computing thread before the scope waits for it.
        let step = Instant::now();
        before()?;
        times.before = step.elapsed();
        let step = Instant::now();
        tx.execute_batch("INSERT INTO tasks_grams (tasks_grams) VALUES ('delete-all')")?;
        let mut insert =
            tx.prepare_cached("INSERT INTO tasks_grams (rowid, grams) VALUES (?1, ?2)")?;
        for docs in documents {
            for (rowid, doc) in docs {
                insert.execute(params![rowid, doc])?;
            }
        }
        times.write = step.elapsed();
        Ok(times)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::{exact, store_of};
    use crate::tasks::grams::term_token;

    /// A rebuild whose step before the writes fails returns that failure, with more
    /// tasks than the documents computed ahead (the computing thread is blocked on a full
    /// channel then): the test ends only if that thread stops. The index is unchanged,
    /// and a rebuild that runs through finds what it found before.
    #[test]
    fn a_rebuild_that_fails_stops_its_computing_thread_and_changes_nothing() {
        let n = (AHEAD + 2) * CHUNK;
        let (_d, mut store) = store_of(n, |i| {
            if i % 2 == 0 {
                "需要".into()
            } else {
                "面".into()
            }
        });
        let need = vec![vec![term_token("需").expect("token")]];
        assert_eq!(exact(&store, &need), u64::try_from(n / 2).expect("n"));
        let tx = store.conn.transaction().expect("tx");
        let failed = index_all_after(&tx, || Err(rusqlite::Error::InvalidQuery));
        assert!(
            matches!(failed, Err(rusqlite::Error::InvalidQuery)),
            "{failed:?}"
        );
        drop(tx);
        assert_eq!(exact(&store, &need), u64::try_from(n / 2).expect("n"));
        let tx = store.conn.transaction().expect("tx");
        index_all(&tx).expect("rebuild");
        tx.commit().expect("commit");
        assert_eq!(exact(&store, &need), u64::try_from(n / 2).expect("n"));
        let face = vec![vec![term_token("面").expect("token")]];
        assert_eq!(exact(&store, &face), u64::try_from(n / 2).expect("n"));
    }
}
