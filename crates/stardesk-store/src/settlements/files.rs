//! The record of every imported file (`import_files`): its name, kind, encoding, when
//! it was read, and how many of its lines were new.

use rusqlite::{params, OptionalExtension as _, Transaction};

use super::lines::ImportOutcome;
use super::statements::SqlErr;
use super::{bump_revision, conversion_error, to_u64, LineKind};
use crate::{Store, StoreError};

/// How a file was read, kept with it in `import_files`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFileMeta {
    /// The name shown to the user (not a path the store opens).
    pub file_name: String,
    /// RFC 3339.
    pub imported_at: String,
    /// As the importer reports it: `"UTF-8"`, `"GB18030"`, `"XLSX"`, ...
    pub encoding: String,
    /// `stardesk_import::source_digest` of the file as it was read, when the caller has
    /// it: a later import of the same source is then recorded without its lines
    /// ([`Store::import_unchanged`]).
    pub source_digest: Option<[u8; 32]>,
}

/// One row of `import_files`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportFileRecord {
    pub id: i64,
    pub kind: LineKind,
    pub file_name: String,
    pub imported_at: String,
    pub line_count: u64,
    pub added_count: u64,
    pub encoding: String,
}

/// The setting that keeps the largest file id ever given, once a file was deleted: the
/// table's ids are SQLite rowids, which would give a deleted newest file's id to the next
/// import, and a list read before (the window's, a script's `settlements files`) would
/// then delete the wrong file by it.
const LAST_FILE_ID_KEY: &str = "import_files_last_id";

/// Keeps `deleted` (a file id, or none when no file was there) as given: no file gets it
/// or any id below it again. Part of a transaction that deletes files.
pub(super) fn keep_last_file_id(
    tx: &Transaction<'_>,
    deleted: Option<i64>,
) -> rusqlite::Result<()> {
    let Some(id) = deleted else {
        return Ok(());
    };
    tx.execute(
        "INSERT INTO settings (key, value) VALUES (?1, CAST(?2 AS TEXT))
         ON CONFLICT (key) DO UPDATE
         SET value = CAST(max(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER)) AS TEXT)",
        params![LAST_FILE_ID_KEY, id],
    )
    .map(|_| ())
}

/// Records a file of `line_count` lines of `kind` as imported, with none added yet, and
/// the digest of its lines (`digest.rs`); returns its id, never one a deleted file had.
/// Part of the import's transaction.
pub(super) fn insert_file_record(
    tx: &Transaction<'_>,
    kind: LineKind,
    file: &ImportFileMeta,
    line_count: usize,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO import_files (id, kind, file_name, imported_at, line_count, added_count,
         encoding, source_digest)
         VALUES (max(coalesce((SELECT max(id) FROM import_files), 0),
                     coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?7), 0)) + 1,
                 ?1, ?2, ?3, ?4, 0, ?5, ?6)",
        params![
            kind.as_str(),
            file.file_name,
            file.imported_at,
            i64::try_from(line_count).unwrap_or(i64::MAX),
            file.encoding,
            file.source_digest.as_ref().map(|d| &d[..]),
            LAST_FILE_ID_KEY,
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Sets how many of file `file_id`'s lines were new, and the digest of its lines, once
/// they are stored.
pub(super) fn finish_file_record(
    tx: &Transaction<'_>,
    file_id: i64,
    added: usize,
    lines_digest: Option<&[u8; 32]>,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE import_files SET added_count = ?1, lines_digest = ?2, said_digest = ?2
         WHERE id = ?3",
        params![
            i64::try_from(added).unwrap_or(i64::MAX),
            lines_digest.map(|d| &d[..]),
            file_id
        ],
    )
    .map(|_| ())
}

/// A file taken back by [`Store::delete_import_file`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeletedImport {
    pub kind: LineKind,
    pub file_name: String,
    /// The lines the file had added (those it shared with a file imported before it
    /// were that file's, and stay).
    pub lines_removed: u64,
    /// Statement lines of files imported before it whose payout status (or a fee or tax)
    /// this file had changed, now saying again what they said before; 0 for other kinds.
    pub lines_restored: u64,
    /// The lines the file had added that stay, now `kept_by`'s; 0 when there is none.
    pub lines_kept: u64,
    /// The first file imported after it that said exactly its lines, which keeps them;
    /// `None` when no line was handed over (it had added none).
    pub kept_by: Option<ImportFileRecord>,
}

/// A file recorded by [`Store::import_unchanged`]: what its import added (nothing), and
/// how it reads, as the file it repeats was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnchangedImport {
    pub outcome: ImportOutcome,
    pub line_count: u64,
    pub encoding: String,
}

/// The file of `kind` imported last, as far as a later import of it needs.
pub(super) struct LastFile {
    pub id: i64,
    /// Its source digest, when its importer kept one (migration 0014).
    pub source_digest: Option<[u8; 32]>,
    /// The digest of its lines (migration 0011).
    pub lines_digest: Option<[u8; 32]>,
    pub line_count: u64,
    pub encoding: String,
}

pub(super) fn last_file(
    conn: &rusqlite::Connection,
    kind: LineKind,
) -> rusqlite::Result<Option<LastFile>> {
    let digest = |d: Option<Vec<u8>>| d.and_then(|d| <[u8; 32]>::try_from(d).ok());
    conn.query_row(
        "SELECT source_digest, lines_digest, line_count, encoding, id FROM import_files
         WHERE kind = ?1 ORDER BY id DESC LIMIT 1",
        [kind.as_str()],
        |r| {
            Ok(LastFile {
                id: r.get(4)?,
                source_digest: digest(r.get(0)?),
                lines_digest: digest(r.get(1)?),
                line_count: to_u64(r.get(2)?),
                encoding: r.get(3)?,
            })
        },
    )
    .optional()
}

impl Store {
    /// The source digest of the file of `kind` imported last, if it has one: a file with
    /// this digest can go to [`Store::import_unchanged`] without being parsed.
    pub fn last_source_digest(&self, kind: LineKind) -> Result<Option<[u8; 32]>, StoreError> {
        let last = last_file(&self.conn, kind).map_err(|e| self.err(e))?;
        Ok(last.and_then(|last| last.source_digest))
    }

    /// Records `file` (of `kind`) as imported with nothing added when the file of `kind`
    /// imported last has its source digest: the same bytes read the same way, so the
    /// same lines, and nothing of that kind imported since that could have changed one.
    /// Storing them again would change nothing (as for a matching lines digest,
    /// migration 0011), so the lines are not read at all. `None`, and nothing written,
    /// when the file has no source digest or the last file of the kind is another: the
    /// caller then imports its lines.
    pub fn import_unchanged(
        &mut self,
        kind: LineKind,
        file: &ImportFileMeta,
    ) -> Result<Option<UnchangedImport>, StoreError> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| StoreError::sqlite(&path, e);
        let Some(source) = file.source_digest else {
            return Ok(None);
        };
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(e)?;
        let Some(last) = last_file(&tx, kind)
            .map_err(e)?
            .filter(|last| last.source_digest == Some(source))
        else {
            return Ok(None);
        };
        let LastFile {
            id: last_id,
            lines_digest,
            line_count,
            encoding,
            ..
        } = last;
        let meta = ImportFileMeta {
            encoding: encoding.clone(),
            ..file.clone()
        };
        let file_id = insert_file_record(
            &tx,
            kind,
            &meta,
            usize::try_from(line_count).unwrap_or(usize::MAX),
        )
        .map_err(e)?;
        finish_file_record(&tx, file_id, 0, lines_digest.as_ref()).map_err(e)?;
        if kind == LineKind::Statement {
            super::changes::restate_last(&tx, &e, last_id, file_id)?;
        }
        tx.commit().map_err(e)?;
        Ok(Some(UnchangedImport {
            outcome: ImportOutcome {
                file_id,
                added: 0,
                already_present: usize::try_from(line_count).unwrap_or(usize::MAX),
                updated: 0,
            },
            line_count,
            encoding,
        }))
    }

    /// Takes back the import of file `id`: the lines it added (bank lines are personal
    /// data), then its record, in one transaction; `None`, and nothing written, when no
    /// file has that id. A line it shared with a file imported before it is that file's
    /// and stays; a statement line whose payout status (or a fee or tax) it updated says
    /// again what it said before (`changes::take_back_changes`).
    ///
    /// A later file of the kind that said exactly its lines (the same digest as read,
    /// migration 0021: the same export imported again) keeps them: the lines, the blocks
    /// and the count of lines added are handed to the first such file, nothing is
    /// deleted, and the statement lines it changed keep what that file says too
    /// ([`DeletedImport::kept_by`]).
    ///
    /// Otherwise a file of the same kind imported after it may have brought some of the
    /// same lines, which were this file's and go with it: every file of the kind loses its
    /// digests (migrations 0011 and 0014), so importing any of them again stores its lines
    /// one by one and brings those back, instead of being recorded as unchanged.
    pub fn delete_import_file(&mut self, id: i64) -> Result<Option<DeletedImport>, StoreError> {
        // The file's lines go before its record, so nothing is left pointing at it.
        self.with_foreign_keys_unenforced(|store| store.delete_import_file_unchecked(id))
    }

    /// [`Store::delete_import_file`]'s transaction, run with foreign keys unenforced.
    fn delete_import_file_unchecked(
        &mut self,
        id: i64,
    ) -> Result<Option<DeletedImport>, StoreError> {
        let path = self.path().to_path_buf();
        let e = |e: rusqlite::Error| StoreError::sqlite(&path, e);
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(e)?;
        let Some(file) = tx
            .query_row(
                "SELECT id, kind, file_name, imported_at, line_count, added_count, encoding
                 FROM import_files WHERE id = ?1",
                [id],
                file_record,
            )
            .optional()
            .map_err(e)?
        else {
            return Ok(None);
        };
        let kind = file.kind;
        let heir = heir_of(&tx, id).map_err(e)?;
        let restored = if kind == LineKind::Statement {
            super::changes::take_back_changes(&tx, &e, id, heir.is_some())?
        } else {
            0
        };
        if let Some(heir) = heir {
            return hand_over(tx, &e, file, heir, restored).map(Some);
        }
        let table = kind.table();
        let counted = lines_of_file(kind);
        let (removed, rows_removed, rows_kept): (i64, i64, i64) = tx
            .query_row(
                &format!(
                    "SELECT {counted}, count(*) FILTER (WHERE file_id = ?1),
                            count(*) FILTER (WHERE file_id <> ?1)
                     FROM {table}"
                ),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .map_err(e)?;
        if rows_removed > rows_kept {
            without_most_rows(&tx, table, id).map_err(e)?;
        } else {
            tx.execute(&format!("DELETE FROM {table} WHERE file_id = ?1"), [id])
                .map_err(e)?;
        }
        forget_file(tx, &e, id, kind, true)?;
        Ok(Some(DeletedImport {
            kind,
            file_name: file.file_name,
            lines_removed: to_u64(removed),
            lines_restored: restored,
            lines_kept: 0,
            kept_by: None,
        }))
    }

    /// Every imported file, oldest first.
    pub fn import_files(&self) -> Result<Vec<ImportFileRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, kind, file_name, imported_at, line_count, added_count, encoding
                 FROM import_files ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt.query_map([], file_record).map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}

/// The first file imported after file `id`, of its kind, that said exactly its lines (the
/// same `said_digest`, migration 0021); `None` when there is none, or `id` has no digest
/// (imported before migration 0011).
fn heir_of(tx: &Transaction<'_>, id: i64) -> rusqlite::Result<Option<ImportFileRecord>> {
    tx.query_row(
        "SELECT g.id, g.kind, g.file_name, g.imported_at, g.line_count, g.added_count, g.encoding
         FROM import_files AS f
         JOIN import_files AS g
           ON g.kind = f.kind AND g.said_digest = f.said_digest AND g.id > f.id
         WHERE f.id = ?1
         ORDER BY g.id
         LIMIT 1",
        [id],
        file_record,
    )
    .optional()
}

/// An `import_files` row selected as `id, kind, file_name, imported_at, line_count,
/// added_count, encoding`.
fn file_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<ImportFileRecord> {
    let kind: String = r.get(1)?;
    Ok(ImportFileRecord {
        id: r.get(0)?,
        kind: LineKind::parse(&kind)
            .ok_or_else(|| conversion_error(1, format!("file kind {kind:?}")))?,
        file_name: r.get(2)?,
        imported_at: r.get(3)?,
        line_count: to_u64(r.get(4)?),
        added_count: to_u64(r.get(5)?),
        encoding: r.get(6)?,
    })
}

/// The rest of [`Store::delete_import_file`] when `heir` said exactly `file`'s lines:
/// the lines `file` added (its rows, or its statement blocks, which keep their ids and so
/// the records of later changes to them) become `heir`'s, with their count, and `file`'s
/// record goes. `take_back_changes` has handed the "before" of the lines `file` changed to
/// the later files that said them again, `heir` among them.
///
/// The stored lines are then what they were, so the digests stay true and are kept;
/// unless a changed line had no later record and was put back (`heir` was imported by a
/// StarDesk that did not yet record a line said again), when every file of the kind loses
/// them as on a plain delete.
fn hand_over(
    tx: Transaction<'_>,
    e: SqlErr<'_>,
    file: ImportFileRecord,
    mut heir: ImportFileRecord,
    restored: u64,
) -> Result<DeletedImport, StoreError> {
    let table = file.kind.table();
    let kept: i64 = tx
        .query_row(
            &format!(
                "SELECT {} FROM {table} WHERE file_id = ?1",
                lines_of_file(file.kind)
            ),
            [file.id],
            |r| r.get(0),
        )
        .map_err(e)?;
    tx.execute(
        &format!("UPDATE {table} SET file_id = ?2 WHERE file_id = ?1"),
        params![file.id, heir.id],
    )
    .map_err(e)?;
    tx.execute(
        "UPDATE import_files SET added_count = added_count + ?1 WHERE id = ?2",
        params![i64::try_from(file.added_count).unwrap_or(i64::MAX), heir.id],
    )
    .map_err(e)?;
    // The heir as it now is: with the lines it was handed.
    heir.added_count += file.added_count;
    forget_file(tx, e, file.id, file.kind, restored > 0)?;
    Ok(DeletedImport {
        kind: file.kind,
        file_name: file.file_name,
        lines_removed: 0,
        lines_restored: restored,
        lines_kept: to_u64(kept),
        // A file that had added nothing handed over no line to speak of.
        kept_by: (kept > 0).then_some(heir),
    })
}

/// The lines file `?1` holds in its kind's table, as an aggregate over that table: a
/// statement block holds `lines` lines, the other tables a row each.
fn lines_of_file(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Statement => "coalesce(sum(lines) FILTER (WHERE file_id = ?1), 0)",
        _ => "count(*) FILTER (WHERE file_id = ?1)",
    }
}

/// The end of taking file `id` back, its lines gone or handed over: its record goes, its
/// id is never given again, and, when lines of the kind may be missing or changed
/// (`clear_digests`), every file of the kind loses its digests (migrations 0011 and 0014)
/// so that none is recorded as unchanged on its next import; then the revision moves and
/// the transaction commits.
fn forget_file(
    tx: Transaction<'_>,
    e: SqlErr<'_>,
    id: i64,
    kind: LineKind,
    clear_digests: bool,
) -> Result<(), StoreError> {
    tx.execute("DELETE FROM import_files WHERE id = ?1", [id])
        .map_err(e)?;
    keep_last_file_id(&tx, Some(id)).map_err(e)?;
    if clear_digests {
        tx.execute(
            "UPDATE import_files SET lines_digest = NULL, source_digest = NULL WHERE kind = ?1",
            [kind.as_str()],
        )
        .map_err(e)?;
    }
    bump_revision(&tx).map_err(e)?;
    tx.commit().map_err(e)
}

/// Deletes `file_id`'s rows from `table` when they are most of it, by copying the rest
/// aside, emptying the table and putting them back in their order (`ORDER BY rowid`, the
/// order the readers keep). A row deleted where it stands costs a seek in the key index
/// too, in random order: a million-line expected list took 1.6 s that way, while SQLite
/// empties a whole table page by page in 0.12 s (a `DELETE` without `WHERE`, which it
/// does so only with no triggers and no foreign keys enforced on the table: see
/// [`Store::delete_import_file`]). Put back, the kept rows keep their order (a statement
/// block its id, the other lines new rowids); nothing refers to a line by its rowid. `temp_store` is memory (`db.rs`), so the
/// copy never reaches an unencrypted file.
fn without_most_rows(
    tx: &rusqlite::Transaction<'_>,
    table: &str,
    file_id: i64,
) -> rusqlite::Result<()> {
    tx.execute(
        &format!(
            "CREATE TEMP TABLE kept_lines AS
             SELECT * FROM main.{table} WHERE file_id <> ?1 ORDER BY rowid"
        ),
        [file_id],
    )?;
    tx.execute_batch(&format!(
        "DELETE FROM main.{table};
         INSERT INTO main.{table} SELECT * FROM temp.kept_lines ORDER BY rowid;
         DROP TABLE temp.kept_lines;"
    ))
}
