//! Settings, sync state and the cached creator profile.

use rusqlite::{params, OptionalExtension};

use crate::{Store, StoreError};

/// The creator as last fetched from a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreatorRecord {
    pub creator_id: String,
    pub nickname: String,
    pub followers: u64,
    pub agency: Option<AgencyRecord>,
    pub level: u8,
    pub fetched_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyRecord {
    pub id: String,
    pub name: String,
    pub deposit_ever_deducted: bool,
}

/// Where one source's sync stands.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncState {
    pub cursor: Option<String>,
    pub last_synced_at: Option<String>,
    pub last_error_code: Option<String>,
    pub last_error_message: Option<String>,
}

impl Store {
    pub fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn set_setting(&self, key: &str, value: Option<&str>) -> Result<(), StoreError> {
        let res = match value {
            Some(v) => self.conn.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                params![key, v],
            ),
            None => self
                .conn
                .execute("DELETE FROM settings WHERE key = ?1", [key]),
        };
        res.map(|_| ()).map_err(|e| self.err(e))
    }

    pub fn sync_state(&self, source: &str) -> Result<SyncState, StoreError> {
        self.conn
            .query_row(
                "SELECT cursor, last_synced_at, last_error_code, last_error_message
                 FROM sync_state WHERE source = ?1",
                [source],
                |r| {
                    Ok(SyncState {
                        cursor: r.get(0)?,
                        last_synced_at: r.get(1)?,
                        last_error_code: r.get(2)?,
                        last_error_message: r.get(3)?,
                    })
                },
            )
            .optional()
            .map(Option::unwrap_or_default)
            .map_err(|e| self.err(e))
    }

    /// Records a finished sync: clears the error and stamps the time.
    pub fn mark_synced(&self, source: &str, at: &str) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO sync_state (source, last_synced_at) VALUES (?1, ?2)
                 ON CONFLICT (source) DO UPDATE SET last_synced_at = excluded.last_synced_at,
                    last_error_code = NULL, last_error_message = NULL",
                params![source, at],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Records a failed sync. The message must already be free of secrets.
    pub fn mark_sync_failed(
        &self,
        source: &str,
        code: &str,
        message: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "INSERT INTO sync_state (source, last_error_code, last_error_message) VALUES (?1, ?2, ?3)
                 ON CONFLICT (source) DO UPDATE SET last_error_code = excluded.last_error_code,
                    last_error_message = excluded.last_error_message",
                params![source, code, message],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    pub fn creator(&self, source: &str) -> Result<Option<CreatorRecord>, StoreError> {
        self.conn
            .query_row(
                "SELECT creator_id, nickname, followers, agency_id, agency_name,
                        agency_deposit_deducted, level, fetched_at
                 FROM creator WHERE source = ?1",
                [source],
                |r| {
                    let agency_id: Option<String> = r.get(3)?;
                    let agency = match agency_id {
                        Some(id) => Some(AgencyRecord {
                            id,
                            name: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                            deposit_ever_deducted: r.get::<_, Option<bool>>(5)?.unwrap_or(false),
                        }),
                        None => None,
                    };
                    Ok(CreatorRecord {
                        creator_id: r.get(0)?,
                        nickname: r.get(1)?,
                        followers: r.get::<_, i64>(2)?.try_into().unwrap_or(0),
                        agency,
                        level: r.get(6)?,
                        fetched_at: r.get(7)?,
                    })
                },
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub fn save_creator(&self, source: &str, c: &CreatorRecord) -> Result<(), StoreError> {
        let followers = i64::try_from(c.followers)
            .map_err(|_| StoreError::Corrupt(format!("followers out of range: {}", c.followers)))?;
        self.conn
            .execute(
                "INSERT INTO creator (source, creator_id, nickname, followers, agency_id, agency_name,
                                      agency_deposit_deducted, level, fetched_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
                 ON CONFLICT (source) DO UPDATE SET creator_id = excluded.creator_id,
                    nickname = excluded.nickname, followers = excluded.followers,
                    agency_id = excluded.agency_id, agency_name = excluded.agency_name,
                    agency_deposit_deducted = excluded.agency_deposit_deducted,
                    level = excluded.level, fetched_at = excluded.fetched_at",
                params![
                    source,
                    c.creator_id,
                    c.nickname,
                    followers,
                    c.agency.as_ref().map(|a| a.id.as_str()),
                    c.agency.as_ref().map(|a| a.name.as_str()),
                    c.agency.as_ref().map(|a| a.deposit_ever_deducted),
                    c.level,
                    c.fetched_at,
                ],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    /// Forgets everything synced from any source: used when the user switches account,
    /// so one account's tasks never show under another. One transaction.
    pub fn reset_synced_data(&mut self) -> Result<(), StoreError> {
        let path = self.path().to_path_buf();
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::sqlite(&path, e))?;
        // The outbox stays: its items name the source they were made for.
        tx.execute_batch(
            "DELETE FROM tasks; DELETE FROM sync_state; DELETE FROM creator;
             DELETE FROM applications; DELETE FROM campaign_tasks; DELETE FROM reminders;
             DELETE FROM shipments WHERE application_id IS NOT NULL;
             DELETE FROM shipment_alerts WHERE subject LIKE 'application:%';
             DELETE FROM rights_cache; DELETE FROM star_index_points;
             DELETE FROM invitations_seen;",
        )
        .map_err(|e| StoreError::sqlite(&path, e))?;
        tx.commit().map_err(|e| StoreError::sqlite(&path, e))
    }
}
