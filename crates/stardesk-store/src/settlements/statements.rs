//! The statement lines in `statement_blocks` (`blocks.rs`): storing a file's lines, reading
//! them all back, a statement's total, the count, and the move from v14's row per line.
//!
//! A line's key is unique: the import reads every stored key (and what a newer export of
//! it may change) from the blocks first, ~0.1 s for a million lines. A new key's
//! line goes into the file's new blocks; a stored line that a newer export changes (its
//! payout status, a component it gives) is rewritten in its block, where it stays, so the
//! lines keep the order they were first imported in.

use std::collections::{BTreeMap, HashMap};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

use rusqlite::{params, Connection, Transaction};
use stardesk_domain::reconcile::records::{LineKey, StatementLine};

use super::blocks::{day_of, read_block, BlockWriter, Change, LineRef, Status, BLOCK_LINES};
use super::changes::{changed_lines, record_changes};
use super::lines::report;
use super::Fen;
use crate::StoreError;

/// Keys are fingerprints (already a hash) and occurrences: mixed, not hashed again.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // The table picks buckets by the low bits: fold the high ones in.
        self.0 ^ (self.0 >> 29)
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0 ^ v).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }
}

type KeyMap<V> = HashMap<LineKey, V, BuildHasherDefault<KeyHasher>>;

/// A stored line, as the import needs it: where it is, and what an upsert may change.
struct Known {
    block: i64,
    index: u32,
    status_code: u8,
    status_text: Option<Box<str>>,
    parts: [Option<i64>; 3],
}

fn corrupt(block: i64, e: String) -> StoreError {
    StoreError::Corrupt(format!("statement block {block}: {e}"))
}

/// What an SQL error becomes: the database file's error, or an import's refusal.
pub(super) type SqlErr<'a> = &'a dyn Fn(rusqlite::Error) -> StoreError;

/// Calls `each` with every stored block's id and bytes, in import order.
fn each_block(
    conn: &Connection,
    sql: SqlErr<'_>,
    mut each: impl FnMut(i64, &[u8]) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let mut stmt = conn
        .prepare_cached("SELECT id, data FROM statement_blocks ORDER BY id")
        .map_err(sql)?;
    let mut rows = stmt.query([]).map_err(sql)?;
    while let Some(row) = rows.next().map_err(sql)? {
        let id: i64 = row.get(0).map_err(sql)?;
        let data = row.get_ref(1).and_then(|v| v.as_blob().map_err(Into::into));
        each(id, data.map_err(sql)?)?;
    }
    Ok(())
}

/// Every stored line, each as `each` makes it, in import order.
pub(super) fn read_lines<T>(
    conn: &Connection,
    sql: SqlErr<'_>,
    mut each: impl FnMut(&LineRef<'_>) -> Result<Option<T>, String>,
) -> Result<Vec<T>, StoreError> {
    let mut out = Vec::new();
    each_block(conn, sql, |id, data| {
        read_block(data, |line| {
            out.extend(each(&line)?);
            Ok(())
        })
        .map_err(|e| corrupt(id, e))
    })?;
    Ok(out)
}

/// Every stored statement line, in import order.
pub(super) fn statement_lines(
    conn: &Connection,
    sql: SqlErr<'_>,
) -> Result<Vec<StatementLine>, StoreError> {
    read_lines(conn, sql, |l| l.to_domain().map(Some))
}

/// The count and the sum in fen of statement `id`'s stored lines.
pub(super) fn statement_total(
    conn: &Connection,
    sql: SqlErr<'_>,
    id: &str,
) -> Result<(u64, i64), StoreError> {
    // Summed wide: no run of i64 amounts can overflow an i128.
    let (mut n, mut fen) = (0u64, 0i128);
    read_lines::<()>(conn, sql, |l| {
        if l.statement_id == id {
            n += 1;
            fen += i128::from(l.amount_fen);
        }
        Ok(None)
    })?;
    let fen = i64::try_from(fen)
        .map_err(|_| StoreError::Corrupt(format!("statement {id}'s total {fen} fen")))?;
    Ok((n, fen))
}

pub(super) fn count(conn: &Connection) -> rusqlite::Result<u64> {
    conn.query_row(
        "SELECT coalesce(sum(lines), 0) FROM statement_blocks",
        [],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| u64::try_from(n).unwrap_or(0))
}

fn known_lines(conn: &Connection, sql: SqlErr<'_>) -> Result<KeyMap<Known>, StoreError> {
    let mut known = KeyMap::default();
    each_block(conn, sql, |id, data| {
        let mut index = 0u32;
        read_block(data, |l| {
            let line = Known {
                block: id,
                index,
                status_code: l.status.code,
                status_text: l.status.text.map(Box::from),
                parts: l.parts,
            };
            if let Some(other) = known.insert(l.key, line) {
                return Err(format!(
                    "line {} has the key of block {}",
                    index + 1,
                    other.block
                ));
            }
            index += 1;
            Ok(())
        })
        .map_err(|e| corrupt(id, e))
    })?;
    Ok(known)
}

fn insert_block(
    tx: &Transaction<'_>,
    file_id: i64,
    writer: &mut BlockWriter,
) -> rusqlite::Result<()> {
    let (data, lines) = writer.finish();
    tx.prepare_cached("INSERT INTO statement_blocks (file_id, lines, data) VALUES (?1, ?2, ?3)")?
        .execute(params![file_id, lines as i64, data])
        .map(|_| ())
}

/// Stores a statement file's lines in the caller's transaction: `(added, updated)`;
/// `sql_err` words an SQL error as the import's refusal.
pub(super) fn store(
    tx: &Transaction<'_>,
    sql_err: SqlErr<'_>,
    file_id: i64,
    file: &str,
    lines: &[StatementLine],
    progress: &mut dyn FnMut(usize),
) -> Result<(usize, usize), StoreError> {
    repeated_key(file, lines)?;
    let fen = Fen { file };
    let mut known = known_lines(tx, sql_err)?;
    let restated = changed_lines(tx, sql_err)?;
    // By block: each changed line as it is now, and as it was (kept to take this file back).
    let mut changes: BTreeMap<i64, (Vec<Change>, Vec<Change>)> = BTreeMap::new();
    let mut writer = BlockWriter::new();
    let (mut added, mut updated) = (0, 0);
    for (i, l) in lines.iter().enumerate() {
        report(progress, i);
        let amount_fen = fen.of(i, "amount", l.amount)?;
        let parts = fen.parts(i, l.gross, l.fee, l.tax)?;
        let status = Status::of(&l.status);
        if let Some(k) = known.get_mut(&l.key) {
            // A newer export: its status, and each component it gives, replace the stored.
            let merged = [0, 1, 2].map(|c| parts[c].or(k.parts[c]));
            let same = status.code == k.status_code
                && status.text == k.status_text.as_deref()
                && merged == k.parts;
            // A line as a later export changed it, said again: this file says it too, so
            // taking that export back leaves it (its record of "before" goes over to this
            // file's), and taking this one back puts back what it found, the same.
            if same && !restated.contains(&(k.block, k.index)) {
                continue;
            }
            let (now, was) = changes.entry(k.block).or_default();
            was.push(Change {
                index: k.index,
                status_code: k.status_code,
                status_text: k.status_text.as_deref().map(str::to_string),
                parts: k.parts,
            });
            if same {
                continue;
            }
            now.push(Change {
                index: k.index,
                status_code: status.code,
                status_text: status.text.map(str::to_string),
                parts: merged,
            });
            k.status_code = status.code;
            k.status_text = status.text.map(Box::from);
            k.parts = merged;
            updated += 1;
            continue;
        }
        writer.push(&LineRef {
            key: l.key,
            statement_id: &l.statement_id,
            task_id: &l.task_id,
            amount_fen,
            day: day_of(l.date),
            status,
            parts,
        });
        added += 1;
        if writer.len() == BLOCK_LINES {
            insert_block(tx, file_id, &mut writer).map_err(sql_err)?;
        }
    }
    if writer.len() > 0 {
        insert_block(tx, file_id, &mut writer).map_err(sql_err)?;
    }
    // Each block with changed lines is read and written once, and what they were kept.
    for (block, (now, mut was)) in changes {
        if !now.is_empty() {
            rewrite(tx, sql_err, block, now)?;
        }
        was.sort_by_key(|c| c.index);
        record_changes(tx, file_id, block, &was).map_err(sql_err)?;
    }
    Ok((added, updated))
}

/// The parser numbers a fingerprint's occurrences, so a file holds a key once: a file that
/// repeats one is refused before anything is written, rather than a line stored twice or
/// changed twice. A bit per hash of a key first (two bits a line, at most 2 MiB): only the
/// keys whose bit was already set may repeat one, and only those are then checked exactly;
/// ~30 ms for a million lines, where sorting or hashing every key cost four times that.
fn repeated_key(file: &str, lines: &[StatementLine]) -> Result<(), StoreError> {
    let hasher = BuildHasherDefault::<KeyHasher>::default();
    let bits = (lines.len() * 16)
        .next_power_of_two()
        .clamp(1 << 10, 1 << 24);
    let mut set = vec![0u64; bits / 64];
    let mut maybe: KeyMap<Option<usize>> = KeyMap::default();
    for l in lines {
        let bit = hasher.hash_one(l.key) as usize & (bits - 1);
        let (word, mask) = (bit / 64, 1u64 << (bit % 64));
        if set[word] & mask != 0 {
            maybe.insert(l.key, None);
        }
        set[word] |= mask;
    }
    if maybe.is_empty() {
        return Ok(());
    }
    for (i, l) in lines.iter().enumerate() {
        let Some(first) = maybe.get_mut(&l.key) else {
            continue;
        };
        if let Some(first) = *first {
            return Err(StoreError::Unstorable {
                message: format!(
                    "{file}: line {} repeats the key of line {} ({}); nothing was imported",
                    i + 1,
                    first + 1,
                    l.key
                ),
            });
        }
        *first = Some(i);
    }
    Ok(())
}

fn block_data(tx: &Transaction<'_>, sql: SqlErr<'_>, id: i64) -> Result<Vec<u8>, StoreError> {
    tx.query_row(
        "SELECT data FROM statement_blocks WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .map_err(sql)
}

/// Lines `indices` (ascending) of block `id`, each as a change saying what it says now.
pub(super) fn lines_as_now(
    tx: &Transaction<'_>,
    sql: SqlErr<'_>,
    id: i64,
    indices: impl Iterator<Item = u32>,
) -> Result<Vec<Change>, StoreError> {
    let data = block_data(tx, sql, id)?;
    let mut wanted = indices.peekable();
    let (mut out, mut index) = (Vec::new(), 0u32);
    read_block(&data, |l| {
        if wanted.next_if_eq(&index).is_some() {
            out.push(Change {
                index,
                status_code: l.status.code,
                status_text: l.status.text.map(str::to_string),
                parts: l.parts,
            });
        }
        index += 1;
        Ok(())
    })
    .map_err(|e| corrupt(id, e))?;
    match wanted.next() {
        Some(missing) => Err(corrupt(
            id,
            format!("no line {} to read", u64::from(missing) + 1),
        )),
        None => Ok(out),
    }
}

/// Rewrites block `id` with `edits` made to its lines: how many lines now say something
/// else (an edit may say what its line says already).
pub(super) fn rewrite(
    tx: &Transaction<'_>,
    sql: SqlErr<'_>,
    id: i64,
    mut edits: Vec<Change>,
) -> Result<u64, StoreError> {
    edits.sort_by_key(|e| e.index);
    let data = block_data(tx, sql, id)?;
    let mut lines = Vec::new();
    read_block(&data, |l| {
        lines.push(l);
        Ok(())
    })
    .map_err(|e| corrupt(id, e))?;
    let mut writer = BlockWriter::new();
    let mut edits = edits.iter().peekable();
    let mut changed = 0;
    for (i, line) in lines.iter().enumerate() {
        let mut line: LineRef<'_> = *line;
        let before = (line.status, line.parts);
        while let Some(edit) = edits.next_if(|e| e.index as usize == i) {
            line.status = Status {
                code: edit.status_code,
                text: edit.status_text.as_deref(),
            };
            line.parts = edit.parts;
        }
        changed += u64::from((line.status, line.parts) != before);
        writer.push(&line);
    }
    if let Some(edit) = edits.next() {
        return Err(corrupt(
            id,
            format!("no line {} to change", u64::from(edit.index) + 1),
        ));
    }
    let (data, _) = writer.finish();
    tx.execute(
        "UPDATE statement_blocks SET data = ?1 WHERE id = ?2",
        params![data, id],
    )
    .map_err(sql)?;
    Ok(changed)
}

/// Migration 0015's step: v14's rows of `statement_lines`, in their order, into blocks (a
/// block never holds two files' lines); then that table goes. It writes the codec's
/// current format: a later format must keep reading this one, or bring its own step.
pub(crate) fn move_rows_to_blocks(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    {
        let mut stmt = tx.prepare(
            "SELECT fingerprint, occurrence, file_id, statement_id, task_id, amount_fen, date,
             status, status_text, gross_fen, fee_fen, tax_fen FROM statement_lines ORDER BY rowid",
        )?;
        let mut rows = stmt.query([])?;
        let mut writer = BlockWriter::new();
        let mut file: Option<i64> = None;
        while let Some(r) = rows.next()? {
            let file_id: i64 = r.get(2)?;
            if let Some(f) = file.filter(|&f| f != file_id || writer.len() == BLOCK_LINES) {
                insert_block(tx, f, &mut writer)?;
            }
            file = Some(file_id);
            let statement_id: String = r.get(3)?;
            let task_id: String = r.get(4)?;
            let code: String = r.get(7)?;
            let text: Option<String> = r.get(8)?;
            let status = Status::from_sql(&code, text.as_deref())
                .ok_or_else(|| super::conversion_error(7, format!("payout status {code:?}")))?;
            writer.push(&LineRef {
                key: super::key_at(r)?,
                statement_id: &statement_id,
                task_id: &task_id,
                amount_fen: r.get(5)?,
                day: day_of(super::date_at(r, 6)?),
                status,
                parts: [r.get(9)?, r.get(10)?, r.get(11)?],
            });
        }
        if let Some(f) = file.filter(|_| writer.len() > 0) {
            insert_block(tx, f, &mut writer)?;
        }
    }
    tx.execute_batch("DROP TABLE statement_lines;")
}
