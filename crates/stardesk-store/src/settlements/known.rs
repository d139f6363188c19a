//! The keys a line table already holds, read in one scan before a large file is stored
//! (bank, expected and invoice lines; statement lines are kept in blocks, whose keys the
//! import always reads: `statements.rs`).
//!
//! Storing a line is an insert that ignores a known key: a seek in the key index for
//! every line, known or not. When the file is large next to the table — a first import,
//! or the same big file imported again — one scan of the table reads every known key for
//! far less, and the known lines are skipped: a re-import of a million known lines writes
//! nothing. A small file into a large table keeps the per-line path (the scan would cost
//! more than it saves). Either way the same rows end up stored.

use std::collections::HashSet;

use rusqlite::{Connection, OptionalExtension};

/// Scan when the table holds at most this many rows per line of the file.
const SCAN_FACTOR: i64 = 8;

/// Whether a file of `lines` lines is large enough next to `table` to read its keys first.
/// `max(rowid)` bounds the row count from above without counting.
fn worth_scanning(conn: &Connection, table: &str, lines: usize) -> rusqlite::Result<bool> {
    let rows: Option<i64> = conn
        .query_row(&format!("SELECT max(rowid) FROM {table}"), [], |r| r.get(0))
        .optional()?
        .flatten();
    let lines = i64::try_from(lines).unwrap_or(i64::MAX);
    Ok(rows.unwrap_or(0) <= lines.saturating_mul(SCAN_FACTOR))
}

/// Every `(fingerprint, occurrence)` of `table`, or `None` when the file is small next to
/// it. `table` is one of the line tables (a constant of this module's callers).
pub(super) fn known_keys(
    conn: &Connection,
    table: &str,
    lines: usize,
) -> rusqlite::Result<Option<HashSet<(i64, i64)>>> {
    if !worth_scanning(conn, table, lines)? {
        return Ok(None);
    }
    let mut stmt = conn.prepare(&format!("SELECT fingerprint, occurrence FROM {table}"))?;
    let keys = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(keys))
}
