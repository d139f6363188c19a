//! What an import changed in the statement lines stored before it, a row per file and block
//! of `statement_block_changes` (migration 0020), so that taking that file back puts back
//! what the lines said before: `statements.rs` records them as it stores a newer export,
//! `blocks.rs` writes and reads them (`write_changes`, `read_changes`).

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Transaction};

use super::blocks::{read_changes, write_changes, Change};
use super::statements::{lines_as_now, rewrite, SqlErr};
use crate::StoreError;

fn corrupt_changes(seq: i64, e: String) -> StoreError {
    StoreError::Corrupt(format!("statement changes record {seq}: {e}"))
}

/// One row of `statement_block_changes`: what file `file_id` changed in `block`, as it was.
pub(super) fn record_changes(
    tx: &Transaction<'_>,
    file_id: i64,
    block: i64,
    was: &[Change],
) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "INSERT INTO statement_block_changes (file_id, block_id, data) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![file_id, block, write_changes(was)])
    .map(|_| ())
}

/// Calls `each` with every record `query` selects as `seq, block_id, data`, decoded, in
/// the order it selects them.
fn each_record(
    tx: &Transaction<'_>,
    sql: SqlErr<'_>,
    query: &str,
    params: impl rusqlite::Params,
    mut each: impl FnMut(i64, i64, Vec<Change>),
) -> Result<(), StoreError> {
    let mut stmt = tx.prepare_cached(query).map_err(sql)?;
    let mut rows = stmt.query(params).map_err(sql)?;
    while let Some(row) = rows.next().map_err(sql)? {
        let (seq, block): (i64, i64) = (row.get(0).map_err(sql)?, row.get(1).map_err(sql)?);
        let data = row.get_ref(2).and_then(|v| v.as_blob().map_err(Into::into));
        let changes = read_changes(data.map_err(sql)?).map_err(|e| corrupt_changes(seq, e))?;
        each(seq, block, changes);
    }
    Ok(())
}

/// File `file_id`'s records, `(seq, block, changes)`, in the order they were written.
fn records_of(
    tx: &Transaction<'_>,
    sql: SqlErr<'_>,
    file_id: i64,
) -> Result<Vec<(i64, i64, Vec<Change>)>, StoreError> {
    let mut records = Vec::new();
    each_record(
        tx,
        sql,
        "SELECT seq, block_id, data FROM statement_block_changes WHERE file_id = ?1 ORDER BY seq",
        [file_id],
        |seq, block, changes| records.push((seq, block, changes)),
    )?;
    Ok(records)
}

/// A statement file recorded without a pass over its lines, as file `last_id`'s lines
/// again (`Store::import_unchanged`, a matching lines digest): it says what that file
/// said, so the lines that file recorded (changed, or said again) are recorded for file
/// `file_id` too, as they are now, as `statements::store` records a line said again.
pub(super) fn restate_last(
    tx: &Transaction<'_>,
    sql: SqlErr<'_>,
    last_id: i64,
    file_id: i64,
) -> Result<(), StoreError> {
    for (_, block, recorded) in records_of(tx, sql, last_id)? {
        let now = lines_as_now(tx, sql, block, recorded.iter().map(|c| c.index))?;
        record_changes(tx, file_id, block, &now).map_err(sql)?;
    }
    Ok(())
}

/// Every stored line some import changed and that change is still recorded, as
/// `(block, index)`: a later file that says the same of one of them records it too.
pub(super) fn changed_lines(
    tx: &Transaction<'_>,
    sql: SqlErr<'_>,
) -> Result<HashSet<(i64, u32)>, StoreError> {
    let mut lines = HashSet::new();
    each_record(
        tx,
        sql,
        "SELECT seq, block_id, data FROM statement_block_changes",
        [],
        |_, block, changes| lines.extend(changes.iter().map(|c| (block, c.index))),
    )?;
    Ok(lines)
}

/// Taking file `file_id` back (`Store::delete_import_file`), before its blocks go: each
/// line it changed says again what it said before, unless a later file changed it too,
/// whose record of "before" then becomes this file's (so taking that one back later
/// puts back what was there before either). The changes later files made to this file's
/// own lines go with them, unless `blocks_stay` (they are handed to a later file that
/// said the same lines, `files::hand_over`), when those records stay with the blocks.
/// Lines changed before migration 0019 have no record and stay.
/// Returns how many lines were put back (not those handed over to a later file, nor those
/// that already said what this file found: it only said it again).
pub(super) fn take_back_changes(
    tx: &Transaction<'_>,
    sql: SqlErr<'_>,
    file_id: i64,
    blocks_stay: bool,
) -> Result<u64, StoreError> {
    if !blocks_stay {
        tx.execute(
            "DELETE FROM statement_block_changes
             WHERE block_id IN (SELECT id FROM statement_blocks WHERE file_id = ?1)",
            [file_id],
        )
        .map_err(sql)?;
    }
    let mut restored = 0u64;
    for (seq, block, was) in records_of(tx, sql, file_id)? {
        // The later files' changes to the block, oldest first: the first of them that
        // changed a line takes over what it said before this file.
        let mut later: Vec<(i64, Vec<Change>, bool)> = Vec::new();
        each_record(
            tx,
            sql,
            "SELECT seq, block_id, data FROM statement_block_changes
             WHERE block_id = ?1 AND seq > ?2 ORDER BY seq",
            params![block, seq],
            |at, _, changes| later.push((at, changes, false)),
        )?;
        let mut restore = Vec::new();
        for w in was {
            let taker = later.iter_mut().find_map(|(_, changes, taken)| {
                let at = changes.binary_search_by_key(&w.index, |c| c.index).ok()?;
                *taken = true;
                Some(&mut changes[at])
            });
            match taker {
                Some(c) => *c = w,
                None => restore.push(w),
            }
        }
        for (at, changes, taken) in &later {
            if *taken {
                tx.prepare_cached("UPDATE statement_block_changes SET data = ?2 WHERE seq = ?1")
                    .and_then(|mut s| s.execute(params![at, write_changes(changes)]))
                    .map_err(sql)?;
            }
        }
        if !restore.is_empty() {
            restored += rewrite(tx, sql, block, restore)?;
        }
    }
    tx.execute(
        "DELETE FROM statement_block_changes WHERE file_id = ?1",
        [file_id],
    )
    .map_err(sql)?;
    Ok(restored)
}

/// Migration 0020's step: v19's row per changed line (`statement_line_changes`) into a
/// row per file and block, in the order of their first change; then that table goes.
pub(crate) fn move_line_changes_to_blocks(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let mut records: Vec<((i64, i64), Vec<Change>)> = Vec::new();
    {
        let mut stmt = tx.prepare(
            "SELECT file_id, block_id, line_index, status_code, status_text, gross_fen,
             fee_fen, tax_fen FROM statement_line_changes ORDER BY seq",
        )?;
        let mut at: HashMap<(i64, i64), usize> = HashMap::new();
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: (i64, i64) = (r.get(0)?, r.get(1)?);
            let change = Change {
                index: r.get(2)?,
                status_code: r.get(3)?,
                status_text: r.get(4)?,
                parts: [r.get(5)?, r.get(6)?, r.get(7)?],
            };
            let n = *at.entry(key).or_insert_with(|| {
                records.push((key, Vec::new()));
                records.len() - 1
            });
            records[n].1.push(change);
        }
    }
    for ((file_id, block), mut was) in records {
        was.sort_by_key(|c| c.index);
        // One import changed a line once; a second row for it is not v19's writing.
        was.dedup_by_key(|c| c.index);
        record_changes(tx, file_id, block, &was)?;
    }
    tx.execute_batch("DROP TABLE statement_line_changes;")
}
