//! The record of every imported file (`import_files`): its name, kind, encoding, when
//! it was read, and how many of its lines were new.

use rusqlite::{params, Transaction};

use super::{conversion_error, to_u64, LineKind};
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

/// Records a file of `line_count` lines of `kind` as imported, with none added yet;
/// returns its id. Part of the import's transaction.
pub(super) fn insert_file_record(
    tx: &Transaction<'_>,
    kind: LineKind,
    file: &ImportFileMeta,
    line_count: usize,
) -> rusqlite::Result<i64> {
    tx.execute(
        "INSERT INTO import_files (kind, file_name, imported_at, line_count, added_count,
         encoding) VALUES (?1, ?2, ?3, ?4, 0, ?5)",
        params![
            kind.as_str(),
            file.file_name,
            file.imported_at,
            i64::try_from(line_count).unwrap_or(i64::MAX),
            file.encoding
        ],
    )?;
    Ok(tx.last_insert_rowid())
}

/// Sets how many of file `file_id`'s lines were new, once they are stored.
pub(super) fn set_added_count(
    tx: &Transaction<'_>,
    file_id: i64,
    added: usize,
) -> rusqlite::Result<()> {
    tx.execute(
        "UPDATE import_files SET added_count = ?1 WHERE id = ?2",
        params![i64::try_from(added).unwrap_or(i64::MAX), file_id],
    )
    .map(|_| ())
}

impl Store {
    /// Every imported file, oldest first.
    pub fn import_files(&self) -> Result<Vec<ImportFileRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, kind, file_name, imported_at, line_count, added_count, encoding
                 FROM import_files ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
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
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }
}
