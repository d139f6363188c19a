//! Saved column-mapping profiles (`mapping_profiles`): a name, the kind of file it reads,
//! and JSON whose shape the caller owns.

use rusqlite::{params, OptionalExtension, Row};

use super::{conversion_error, LineKind};
use crate::{Store, StoreError};

/// A saved column-mapping profile; `mapping` is JSON whose shape the caller owns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingProfileRecord {
    pub name: String,
    pub kind: LineKind,
    pub mapping: String,
}

impl Store {
    /// Saves (or replaces) a named mapping profile.
    pub fn save_mapping_profile(
        &self,
        name: &str,
        kind: LineKind,
        mapping_json: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO mapping_profiles (name, kind, mapping) VALUES (?1, ?2, ?3)
                 ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, mapping = excluded.mapping",
                params![name, kind.as_str(), mapping_json],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn read_profile(r: &Row<'_>) -> rusqlite::Result<MappingProfileRecord> {
        let kind: String = r.get(1)?;
        Ok(MappingProfileRecord {
            name: r.get(0)?,
            kind: LineKind::parse(&kind)
                .ok_or_else(|| conversion_error(1, format!("profile kind {kind:?}")))?,
            mapping: r.get(2)?,
        })
    }

    /// Every mapping profile, by name.
    pub fn mapping_profiles(&self) -> Result<Vec<MappingProfileRecord>, StoreError> {
        self.load(
            "SELECT name, kind, mapping FROM mapping_profiles ORDER BY name",
            Self::read_profile,
        )
    }

    pub fn mapping_profile(&self, name: &str) -> Result<Option<MappingProfileRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT name, kind, mapping FROM mapping_profiles WHERE name = ?1",
                [name],
                Self::read_profile,
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Deletes a profile; `false` if there was none by this name.
    pub fn delete_mapping_profile(&self, name: &str) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM mapping_profiles WHERE name = ?1", [name])
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }
}
