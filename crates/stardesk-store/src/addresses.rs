//! The address book (`addresses`: several shipping addresses, one default) and saved
//! application snippets (`snippets`). The store keeps what it is given; the caller checks
//! the fields (the domain's form rules) before saving.

use rusqlite::{params, OptionalExtension, Row};

use crate::{Store, StoreError};

/// A saved shipping address.
#[derive(Clone, PartialEq, Eq)]
pub struct AddressRecord {
    pub id: i64,
    pub label: String,
    pub contact_name: String,
    pub phone: String,
    pub region_code: String,
    pub detail: String,
    pub is_default: bool,
    pub created_at: String,
    pub updated_at: String,
}

/// Never prints the phone or the street address (personal data stays out of logs).
impl std::fmt::Debug for AddressRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddressRecord")
            .field("id", &self.id)
            .field("label", &self.label)
            .field("region_code", &self.region_code)
            .field("is_default", &self.is_default)
            .finish_non_exhaustive()
    }
}

/// An address to save: new when `id` is `None`, else a replacement of that one.
#[derive(Clone, PartialEq, Eq)]
pub struct AddressInput<'a> {
    pub id: Option<i64>,
    pub label: &'a str,
    pub contact_name: &'a str,
    pub phone: &'a str,
    pub region_code: &'a str,
    pub detail: &'a str,
    /// Make it the default (the first address always is).
    pub make_default: bool,
}

impl std::fmt::Debug for AddressInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AddressInput")
            .field("id", &self.id)
            .field("label", &self.label)
            .field("region_code", &self.region_code)
            .finish_non_exhaustive()
    }
}

/// Which application text a snippet is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SnippetKind {
    /// 合作优势.
    Strengths,
    /// 创作思路.
    Idea,
}

impl SnippetKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SnippetKind::Strengths => "strengths",
            SnippetKind::Idea => "idea",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        match code {
            "strengths" => Some(SnippetKind::Strengths),
            "idea" => Some(SnippetKind::Idea),
            _ => None,
        }
    }
}

/// A saved snippet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnippetRecord {
    pub id: i64,
    pub kind: SnippetKind,
    pub title: String,
    pub body: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

const ADDRESS_COLUMNS: &str =
    "id, label, contact_name, phone, region_code, detail, is_default, created_at, updated_at";

fn read_address(r: &Row<'_>) -> rusqlite::Result<AddressRecord> {
    Ok(AddressRecord {
        id: r.get(0)?,
        label: r.get(1)?,
        contact_name: r.get(2)?,
        phone: r.get(3)?,
        region_code: r.get(4)?,
        detail: r.get(5)?,
        is_default: r.get::<_, i64>(6)? == 1,
        created_at: r.get(7)?,
        updated_at: r.get(8)?,
    })
}

fn read_snippet(r: &Row<'_>) -> rusqlite::Result<SnippetRecord> {
    let kind: String = r.get(1)?;
    Ok(SnippetRecord {
        id: r.get(0)?,
        kind: SnippetKind::parse(&kind).ok_or_else(|| {
            rusqlite::Error::FromSqlConversionFailure(
                1,
                rusqlite::types::Type::Text,
                Box::new(StoreError::Corrupt(format!("snippet kind {kind:?}"))),
            )
        })?,
        title: r.get(2)?,
        body: r.get(3)?,
        created_at: r.get(4)?,
        last_used_at: r.get(5)?,
    })
}

impl Store {
    /// Every address, the default first, then by creation.
    pub fn addresses(&self) -> Result<Vec<AddressRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(&format!(
                "SELECT {ADDRESS_COLUMNS} FROM addresses ORDER BY is_default DESC, id"
            ))
            .map_err(|e| self.err(e))?;
        stmt.query_map([], read_address)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    pub fn address(&self, id: i64) -> Result<Option<AddressRecord>, StoreError> {
        self.conn
            .query_row(
                &format!("SELECT {ADDRESS_COLUMNS} FROM addresses WHERE id = ?1"),
                [id],
                read_address,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Saves an address (in one transaction with moving the default mark); returns its id.
    /// The first address is the default whatever `make_default` says. `Ok(None)` when `id`
    /// names no address.
    pub fn save_address(
        &mut self,
        input: &AddressInput<'_>,
        now: &str,
    ) -> Result<Option<i64>, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let count: i64 = tx
            .query_row("SELECT count(*) FROM addresses", [], |r| r.get(0))
            .map_err(sql)?;
        let default = input.make_default || count == 0;
        if default {
            tx.execute(
                "UPDATE addresses SET is_default = 0 WHERE is_default = 1",
                [],
            )
            .map_err(sql)?;
        }
        let id = match input.id {
            None => {
                tx.execute(
                    "INSERT INTO addresses (label, contact_name, phone, region_code, detail,
                         is_default, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![
                        input.label,
                        input.contact_name,
                        input.phone,
                        input.region_code,
                        input.detail,
                        i64::from(default),
                        now
                    ],
                )
                .map_err(sql)?;
                tx.last_insert_rowid()
            }
            Some(id) => {
                let changed = tx
                    .execute(
                        "UPDATE addresses SET label = ?2, contact_name = ?3, phone = ?4,
                             region_code = ?5, detail = ?6,
                             is_default = CASE WHEN ?7 THEN 1 ELSE is_default END,
                             updated_at = ?8
                         WHERE id = ?1",
                        params![
                            id,
                            input.label,
                            input.contact_name,
                            input.phone,
                            input.region_code,
                            input.detail,
                            default,
                            now
                        ],
                    )
                    .map_err(sql)?;
                if changed == 0 {
                    return Ok(None);
                }
                id
            }
        };
        // A replaced default that lost its mark above keeps the book with one default.
        let defaults: i64 = tx
            .query_row(
                "SELECT count(*) FROM addresses WHERE is_default = 1",
                [],
                |r| r.get(0),
            )
            .map_err(sql)?;
        if defaults == 0 {
            tx.execute("UPDATE addresses SET is_default = 1 WHERE id = ?1", [id])
                .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(Some(id))
    }

    /// Makes `id` the default; `false` if there is no such address.
    pub fn set_default_address(&mut self, id: i64) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let exists: bool = tx
            .query_row("SELECT count(*) FROM addresses WHERE id = ?1", [id], |r| {
                r.get::<_, i64>(0)
            })
            .map(|n| n > 0)
            .map_err(sql)?;
        if exists {
            tx.execute(
                "UPDATE addresses SET is_default = 0 WHERE is_default = 1",
                [],
            )
            .map_err(sql)?;
            tx.execute("UPDATE addresses SET is_default = 1 WHERE id = ?1", [id])
                .map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(exists)
    }

    /// Deletes an address; if it was the default, the oldest remaining one becomes the
    /// default. `false` if there was none with this id.
    pub fn delete_address(&mut self, id: i64) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let deleted = tx
            .execute("DELETE FROM addresses WHERE id = ?1", [id])
            .map_err(sql)?;
        tx.execute(
            "UPDATE addresses SET is_default = 1
             WHERE id = (SELECT min(id) FROM addresses)
               AND NOT EXISTS (SELECT 1 FROM addresses WHERE is_default = 1)",
            [],
        )
        .map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(deleted > 0)
    }

    /// Every snippet of `kind` (all kinds with `None`), the most recently used first.
    pub fn snippets(&self, kind: Option<SnippetKind>) -> Result<Vec<SnippetRecord>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, kind, title, body, created_at, last_used_at FROM snippets
                 WHERE ?1 IS NULL OR kind = ?1
                 ORDER BY coalesce(last_used_at, created_at) DESC, id DESC",
            )
            .map_err(|e| self.err(e))?;
        stmt.query_map([kind.map(SnippetKind::as_str)], read_snippet)
            .and_then(|rows| rows.collect())
            .map_err(|e| self.err(e))
    }

    /// Saves a new snippet, or replaces `id`'s text; returns its id, `None` if `id` names
    /// no snippet.
    pub fn save_snippet(
        &self,
        id: Option<i64>,
        kind: SnippetKind,
        title: &str,
        body: &str,
        now: &str,
    ) -> Result<Option<i64>, StoreError> {
        match id {
            None => {
                self.conn
                    .execute(
                        "INSERT INTO snippets (kind, title, body, created_at) VALUES (?1, ?2, ?3, ?4)",
                        params![kind.as_str(), title, body, now],
                    )
                    .map_err(|e| self.err(e))?;
                Ok(Some(self.conn.last_insert_rowid()))
            }
            Some(id) => {
                let n = self
                    .conn
                    .execute(
                        "UPDATE snippets SET kind = ?2, title = ?3, body = ?4 WHERE id = ?1",
                        params![id, kind.as_str(), title, body],
                    )
                    .map_err(|e| self.err(e))?;
                Ok((n > 0).then_some(id))
            }
        }
    }

    /// Marks snippets as just used (they sort first next time).
    pub fn touch_snippets(&self, ids: &[i64], now: &str) -> Result<(), StoreError> {
        for id in ids {
            self.conn
                .execute(
                    "UPDATE snippets SET last_used_at = ?2 WHERE id = ?1",
                    params![id, now],
                )
                .map_err(|e| self.err(e))?;
        }
        Ok(())
    }

    pub fn delete_snippet(&self, id: i64) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM snippets WHERE id = ?1", [id])
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }
}
