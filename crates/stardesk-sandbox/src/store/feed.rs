//! The change feed (`GET /v1/tasks`), one page at a time. An open task's stored body is
//! the wire's `Task` JSON already, so the API writes it out as it is instead of parsing
//! and encoding each task again (`FeedPage::to_json`).

use rusqlite::params;
use stardesk_platform::wire::TaskEntry;
#[cfg(test)]
use stardesk_platform::wire::TaskPage;

use super::{from_ms, max_rev, Cursor, FeedQuery, Store, StoreError};

/// The open tasks a snapshot page left after it, for the next page's `remaining`: that
/// count less the open tasks the next page serves, as long as nothing changed in between
/// (every change takes a new highest `rev`). Counting them again walks an index over every
/// task left, 100 times in a sync of 100,000.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FeedMemo {
    upto: i64,
    max_rev: i64,
    last: i64,
    open: i64,
}

/// An entry of a page: an open task as its stored JSON, or a tombstone.
pub(crate) enum FeedEntry {
    Open(String),
    Gone(TaskEntry),
}

/// One page of the feed, its entries as stored.
pub(crate) struct FeedPage {
    pub(crate) entries: Vec<FeedEntry>,
    pub(crate) next_cursor: String,
    pub(crate) remaining: u64,
}

impl FeedPage {
    /// The page in the wire's `TaskPage` JSON: an open task is its stored object with the
    /// `status` tag first, a tombstone as serde writes it.
    pub(crate) fn to_json(&self) -> Result<String, StoreError> {
        let size: usize = self
            .entries
            .iter()
            .map(|e| match e {
                FeedEntry::Open(body) => body.len() + 20,
                FeedEntry::Gone(_) => 96,
            })
            .sum();
        let mut out = String::with_capacity(size + 128);
        out.push_str("{\"items\":[");
        for (i, entry) in self.entries.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match entry {
                FeedEntry::Open(body) => {
                    let members = body.trim_start().strip_prefix('{').ok_or_else(|| {
                        StoreError::Corrupt("a task body is not an object".into())
                    })?;
                    out.push_str("{\"status\":\"open\"");
                    if !members.trim_start().starts_with('}') {
                        out.push(',');
                    }
                    out.push_str(members);
                }
                FeedEntry::Gone(tombstone) => out.push_str(&serde_json::to_string(tombstone)?),
            }
        }
        out.push_str("],\"next_cursor\":");
        out.push_str(&serde_json::to_string(&self.next_cursor)?);
        out.push_str(if self.remaining > 0 {
            ",\"has_more\":true,\"remaining\":"
        } else {
            ",\"has_more\":false,\"remaining\":"
        });
        out.push_str(&self.remaining.to_string());
        out.push('}');
        Ok(out)
    }

    /// The page as the wire type, each open task parsed (the tests' view of it).
    #[cfg(test)]
    pub(crate) fn into_page(self) -> Result<TaskPage, StoreError> {
        let items = self
            .entries
            .into_iter()
            .map(|e| match e {
                FeedEntry::Open(body) => {
                    Ok(TaskEntry::Open(Box::new(serde_json::from_str(&body)?)))
                }
                FeedEntry::Gone(t) => Ok(t),
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(TaskPage {
            items,
            next_cursor: self.next_cursor,
            has_more: self.remaining > 0,
            remaining: self.remaining,
        })
    }
}

impl Store {
    /// The rows after `last` that the feed serves: open ones, and tombstones after
    /// `tombstones_after`, updated since `since_ms`. Without `since_ms` it is two range
    /// counts (the open tasks up to `tombstones_after`, every row after it), each over an
    /// index with no per-row test: the sync asks for it with every page.
    pub(super) fn remaining(
        &self,
        last: i64,
        since_ms: Option<i64>,
        tombstones_after: i64,
    ) -> Result<i64, StoreError> {
        let count = |sql: &str, args: &[i64]| -> Result<i64, StoreError> {
            Ok(self
                .conn
                .prepare_cached(sql)?
                .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?)
        };
        Ok(match since_ms {
            Some(since) => count(
                "SELECT count(*) FROM tasks
                 WHERE rev > ?1 AND updated_at_ms >= ?2 AND (status = 'open' OR rev > ?3)",
                &[last, since, tombstones_after],
            )?,
            None => {
                let open = if last < tombstones_after {
                    count(
                        "SELECT count(*) FROM tasks INDEXED BY tasks_open_rev
                         WHERE status = 'open' AND rev > ?1 AND rev <= ?2",
                        &[last, tombstones_after],
                    )?
                } else {
                    0
                };
                open + count(
                    "SELECT count(*) FROM tasks WHERE rev > ?1",
                    &[last.max(tombstones_after)],
                )?
            }
        })
    }

    /// [`Store::remaining`] of a snapshot page that ended at `last` (at most `upto`) after
    /// serving `served` open tasks from `after` on: from the previous page's count when it
    /// ended at `after` and nothing changed since, else counted.
    fn snapshot_remaining(
        &self,
        after: i64,
        last: i64,
        upto: i64,
        served: i64,
    ) -> Result<i64, StoreError> {
        let max_rev = max_rev(&self.conn)?;
        // Every row after the snapshot: counted each time (changes made during the sync).
        let beyond = self.remaining(upto, None, upto)?;
        let open = match self.feed_memo.get() {
            Some(m) if (m.upto, m.max_rev, m.last) == (upto, max_rev, after) => m.open - served,
            _ => self.remaining(last, None, upto)? - beyond,
        };
        self.feed_memo.set(Some(FeedMemo {
            upto,
            max_rev,
            last,
            open,
        }));
        Ok(open + beyond)
    }

    /// One page of the change feed. `remaining` counts what the next request, made with this
    /// page's `next_cursor`, would match, so it falls to 0 exactly when `has_more` turns false.
    pub(crate) fn feed_page(&self, q: &FeedQuery) -> Result<FeedPage, StoreError> {
        // `rev > ?3` admits tombstones; for an incremental cursor ?3 = after, which admits
        // every row the range does.
        let (after, snapshot) = match q.cursor {
            Cursor::Start => (0, Some(max_rev(&self.conn)?)),
            Cursor::Snapshot { after, upto } => (after, Some(upto)),
            Cursor::After(after) => (after, None),
        };
        let tombstones_after = snapshot.unwrap_or(after);
        let since = q.since_ms.unwrap_or(i64::MIN);
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, rev, status, updated_at_ms, body FROM tasks
             WHERE rev > ?1 AND updated_at_ms >= ?2 AND (status = 'open' OR rev > ?3)
             ORDER BY rev LIMIT ?4",
        )?;
        let mut rows = stmt.query(params![after, since, tombstones_after, q.limit])?;
        let mut entries = Vec::new();
        let mut last = after;
        while let Some(row) = rows.next()? {
            let id: String = row.get(0)?;
            last = row.get(1)?;
            let status: String = row.get(2)?;
            let updated_at = from_ms(row.get(3)?)?;
            let entry = match status.as_str() {
                "open" => FeedEntry::Open(row.get(4)?),
                "closed" => FeedEntry::Gone(TaskEntry::Closed { id, updated_at }),
                "deleted" => FeedEntry::Gone(TaskEntry::Deleted { id, updated_at }),
                other => return Err(StoreError::Corrupt(format!("status {other:?}"))),
            };
            entries.push(entry);
        }
        let remaining = match snapshot {
            Some(upto) if q.since_ms.is_none() && last <= upto => {
                // Between `after` and `last` (at most `upto`) the page served every open
                // task and nothing else.
                let served = entries
                    .iter()
                    .filter(|e| matches!(e, FeedEntry::Open(_)))
                    .count();
                self.snapshot_remaining(after, last, upto, served as i64)?
            }
            _ => self.remaining(last, q.since_ms, tombstones_after)?,
        };
        let next_cursor = match snapshot {
            Some(upto) if remaining > 0 => format!("r{last}s{upto}"),
            // The snapshot is complete. Whatever lies between `last` and `upto` now is a
            // tombstone from before it began, so the next sync may start after `upto` —
            // unless `updated_since` hid rows, which the client may still want later.
            Some(upto) if q.since_ms.is_none() => format!("r{}", last.max(upto)),
            _ => format!("r{last}"),
        };
        Ok(FeedPage {
            entries,
            next_cursor,
            remaining: u64::try_from(remaining).unwrap_or(0),
        })
    }

    /// One page of the change feed as the wire type.
    #[cfg(test)]
    pub(crate) fn feed(&self, q: &FeedQuery) -> Result<TaskPage, StoreError> {
        self.feed_page(q)?.into_page()
    }
}
