//! Saved column-mapping profiles: `settlement_mapping_profiles` (a name, the kind of file
//! it reads, how the file is laid out) and `settlement_mapping_columns` (which column is
//! which field, in order). The importer's [`ColumnMapping`] is the one shape; these are
//! the store's own columns for it.

use rusqlite::{params, OptionalExtension};
use stardesk_import::{ColumnMapping, ColumnRef, HeaderRow, TextEncoding};

use super::LineKind;
use crate::{Store, StoreError};

/// A saved column-mapping profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingProfileRecord {
    pub name: String,
    pub kind: LineKind,
    pub mapping: ColumnMapping,
}

fn encoding_code(e: TextEncoding) -> &'static str {
    match e {
        TextEncoding::Utf8 => "utf8",
        TextEncoding::Utf8Bom => "utf8_bom",
        TextEncoding::Gb18030 => "gb18030",
        TextEncoding::Utf16Le => "utf16_le",
        TextEncoding::Utf16Be => "utf16_be",
    }
}

fn encoding_of(code: &str) -> Option<TextEncoding> {
    [
        TextEncoding::Utf8,
        TextEncoding::Utf8Bom,
        TextEncoding::Gb18030,
        TextEncoding::Utf16Le,
        TextEncoding::Utf16Be,
    ]
    .into_iter()
    .find(|e| encoding_code(*e) == code)
}

/// One profile's row, before its columns are read.
struct Head {
    name: String,
    kind: String,
    header_row: String,
    header_row_number: Option<i64>,
    skip_trailing_rows: i64,
    delimiter: Option<String>,
    encoding: Option<String>,
    sheet: Option<String>,
    /// A bank profile saved before the direction column was read (migration 0018).
    saved_before_direction: bool,
}

const HEAD_COLUMNS: &str = "name, kind, header_row, header_row_number, skip_trailing_rows, \
                            delimiter, encoding, sheet, saved_before_direction";

/// The bank field a profile saved before migration 0018 has found by its header.
const DIRECTION: &str = "direction";

fn read_head(r: &rusqlite::Row<'_>) -> rusqlite::Result<Head> {
    Ok(Head {
        name: r.get(0)?,
        kind: r.get(1)?,
        header_row: r.get(2)?,
        header_row_number: r.get(3)?,
        skip_trailing_rows: r.get(4)?,
        delimiter: r.get(5)?,
        encoding: r.get(6)?,
        sheet: r.get(7)?,
        saved_before_direction: r.get::<_, i64>(8)? != 0,
    })
}

impl Store {
    /// Saves (or replaces) a named mapping profile, in one transaction.
    pub fn save_mapping_profile(
        &mut self,
        name: &str,
        kind: LineKind,
        mapping: &ColumnMapping,
    ) -> Result<(), StoreError> {
        let (header_row, number) = match mapping.header_row {
            HeaderRow::Auto => ("auto", None),
            HeaderRow::Row(n) => ("row", Some(n as i64)),
            HeaderRow::Absent => ("absent", None),
        };
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        tx.execute(
            "DELETE FROM settlement_mapping_profiles WHERE name = ?1",
            [name],
        )
        .map_err(sql)?;
        tx.execute(
            "INSERT INTO settlement_mapping_profiles (name, kind, header_row, header_row_number,
                 skip_trailing_rows, delimiter, encoding, sheet, saved_before_direction)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                name,
                kind.as_str(),
                header_row,
                number,
                mapping.skip_trailing_rows as i64,
                mapping.delimiter.map(String::from),
                mapping.encoding.map(encoding_code),
                mapping.sheet,
                // A profile read and saved back as it was keeps its mark (the window's
                // mappings never ask: saved there, it is unmarked).
                mapping.also_by_header.iter().any(|f| f == DIRECTION),
            ],
        )
        .map_err(sql)?;
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO settlement_mapping_columns
                         (profile, position, field, header, column_index)
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )
                .map_err(sql)?;
            for (position, (field, column)) in mapping.columns.iter().enumerate() {
                let (header, index) = match column {
                    ColumnRef::Header(h) => (Some(h.as_str()), None),
                    ColumnRef::Index(i) => (None, Some(*i as i64)),
                };
                insert
                    .execute(params![name, position as i64, field, header, index])
                    .map_err(sql)?;
            }
        }
        tx.commit().map_err(sql)
    }

    fn profile_of(&self, head: Head) -> Result<MappingProfileRecord, StoreError> {
        let corrupt =
            |what: String| StoreError::Corrupt(format!("mapping profile {:?}: {what}", head.name));
        let kind =
            LineKind::parse(&head.kind).ok_or_else(|| corrupt(format!("kind {:?}", head.kind)))?;
        let header_row = match (head.header_row.as_str(), head.header_row_number) {
            ("auto", None) => HeaderRow::Auto,
            ("row", Some(n)) if n >= 1 => HeaderRow::Row(n as usize),
            ("absent", None) => HeaderRow::Absent,
            (other, _) => return Err(corrupt(format!("header row {other:?}"))),
        };
        let delimiter = match head.delimiter.as_deref() {
            None => None,
            Some(d) => {
                let mut chars = d.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => Some(c),
                    _ => return Err(corrupt(format!("delimiter {d:?}"))),
                }
            }
        };
        let encoding = match head.encoding.as_deref() {
            None => None,
            Some(code) => {
                Some(encoding_of(code).ok_or_else(|| corrupt(format!("encoding {code:?}")))?)
            }
        };
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT field, header, column_index FROM settlement_mapping_columns
                 WHERE profile = ?1 ORDER BY position",
            )
            .map_err(|e| self.err(e))?;
        let columns = stmt
            .query_map([&head.name], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            })
            .and_then(|rows| rows.collect::<Result<Vec<_>, _>>())
            .map_err(|e| self.err(e))?
            .into_iter()
            .map(|(field, header, index)| match (header, index) {
                (Some(h), None) => Ok((field, ColumnRef::Header(h))),
                (None, Some(i)) if i >= 0 => Ok((field, ColumnRef::Index(i as usize))),
                _ => Err(corrupt(format!("the column of {field:?}"))),
            })
            .collect::<Result<Vec<_>, _>>()?;
        // Its columns name no direction because there was none to name: found by header.
        let also_by_header = if head.saved_before_direction
            && kind == LineKind::Bank
            && !columns.iter().any(|(field, _)| field == DIRECTION)
        {
            vec![DIRECTION.to_owned()]
        } else {
            Vec::new()
        };
        Ok(MappingProfileRecord {
            kind,
            mapping: ColumnMapping {
                also_by_header,
                columns,
                header_row,
                skip_trailing_rows: usize::try_from(head.skip_trailing_rows)
                    .map_err(|_| corrupt("skip_trailing_rows".into()))?,
                delimiter,
                encoding,
                sheet: head.sheet.clone(),
            },
            name: head.name,
        })
    }

    /// Every mapping profile, by name.
    pub fn mapping_profiles(&self) -> Result<Vec<MappingProfileRecord>, StoreError> {
        let heads = self.load(
            &format!("SELECT {HEAD_COLUMNS} FROM settlement_mapping_profiles ORDER BY name"),
            read_head,
        )?;
        heads.into_iter().map(|h| self.profile_of(h)).collect()
    }

    pub fn mapping_profile(&self, name: &str) -> Result<Option<MappingProfileRecord>, StoreError> {
        let head = self
            .conn
            .query_row(
                &format!("SELECT {HEAD_COLUMNS} FROM settlement_mapping_profiles WHERE name = ?1"),
                [name],
                read_head,
            )
            .optional()
            .map_err(|e| self.err(e))?;
        head.map(|h| self.profile_of(h)).transpose()
    }

    /// Deletes a profile (its columns go with it); `false` if there was none by this name.
    pub fn delete_mapping_profile(&self, name: &str) -> Result<bool, StoreError> {
        self.conn
            .execute(
                "DELETE FROM settlement_mapping_profiles WHERE name = ?1",
                [name],
            )
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }
}
