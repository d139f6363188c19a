//! The user's reconciliation decisions (`recon_decisions`), kept as JSON of a store-owned
//! mirror of the domain's [`Decision`] and replayed in id order.

use rusqlite::params;
use serde::{Deserialize, Serialize};
use stardesk_domain::reconcile::records::LineKey;
use stardesk_domain::reconcile::{Decision, Pair};

use crate::{Store, StoreError};

/// A stored decision with its id (to delete it) and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDecision {
    pub id: i64,
    pub created_at: String,
    pub decision: Decision,
}

/// The JSON form of a [`Decision`] in `recon_decisions.decision`. The domain has no
/// serde, so the store owns this mirror; keys are `"fingerprint:occurrence"` strings
/// (decimal u64, so no JSON reader rounds them).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum DecisionJson {
    AcceptTask {
        expected: String,
        statement: String,
    },
    AcceptPayout {
        statement: Vec<String>,
        bank: Vec<String>,
    },
    RejectTask {
        expected: String,
        statement: String,
    },
    RejectPayout {
        statement: Vec<String>,
        bank: Vec<String>,
    },
    ManualMatch {
        statement: Vec<String>,
        bank: Vec<String>,
    },
    ManualMatchTask {
        expected: String,
        statement: String,
    },
}

fn keys_to_strings(keys: &[LineKey]) -> Vec<String> {
    keys.iter().map(LineKey::to_string).collect()
}

fn parse_keys(keys: &[String]) -> Result<Vec<LineKey>, StoreError> {
    keys.iter().map(|k| parse_key(k)).collect()
}

fn parse_key(key: &str) -> Result<LineKey, StoreError> {
    key.parse()
        .map_err(|_| StoreError::Corrupt(format!("line key {key:?}")))
}

impl From<&Decision> for DecisionJson {
    fn from(d: &Decision) -> Self {
        match d {
            Decision::Accept(Pair::Task {
                expected,
                statement,
            }) => Self::AcceptTask {
                expected: expected.to_string(),
                statement: statement.to_string(),
            },
            Decision::Accept(Pair::Payout { statement, bank }) => Self::AcceptPayout {
                statement: keys_to_strings(statement),
                bank: keys_to_strings(bank),
            },
            Decision::Reject(Pair::Task {
                expected,
                statement,
            }) => Self::RejectTask {
                expected: expected.to_string(),
                statement: statement.to_string(),
            },
            Decision::Reject(Pair::Payout { statement, bank }) => Self::RejectPayout {
                statement: keys_to_strings(statement),
                bank: keys_to_strings(bank),
            },
            Decision::ManualMatch { statement, bank } => Self::ManualMatch {
                statement: keys_to_strings(statement),
                bank: keys_to_strings(bank),
            },
            Decision::ManualMatchTask {
                expected,
                statement,
            } => Self::ManualMatchTask {
                expected: expected.to_string(),
                statement: statement.to_string(),
            },
        }
    }
}

impl DecisionJson {
    fn into_decision(self) -> Result<Decision, StoreError> {
        let task = |e: &str, s: &str| -> Result<Pair, StoreError> {
            Ok(Pair::Task {
                expected: parse_key(e)?,
                statement: parse_key(s)?,
            })
        };
        let payout = |s: &[String], b: &[String]| -> Result<Pair, StoreError> {
            Ok(Pair::Payout {
                statement: parse_keys(s)?,
                bank: parse_keys(b)?,
            })
        };
        Ok(match self {
            Self::AcceptTask {
                expected,
                statement,
            } => Decision::Accept(task(&expected, &statement)?),
            Self::AcceptPayout { statement, bank } => Decision::Accept(payout(&statement, &bank)?),
            Self::RejectTask {
                expected,
                statement,
            } => Decision::Reject(task(&expected, &statement)?),
            Self::RejectPayout { statement, bank } => Decision::Reject(payout(&statement, &bank)?),
            Self::ManualMatch { statement, bank } => Decision::ManualMatch {
                statement: parse_keys(&statement)?,
                bank: parse_keys(&bank)?,
            },
            Self::ManualMatchTask {
                expected,
                statement,
            } => Decision::ManualMatchTask {
                expected: parse_key(&expected)?,
                statement: parse_key(&statement)?,
            },
        })
    }
}

impl Store {
    /// Keeps a decision; returns its id. Decisions are replayed in id order.
    pub fn add_decision(&self, decision: &Decision, created_at: &str) -> Result<i64, StoreError> {
        let json = serde_json::to_string(&DecisionJson::from(decision))
            .map_err(|e| StoreError::Corrupt(format!("decision: {e}")))?;
        self.conn
            .execute(
                "INSERT INTO recon_decisions (created_at, decision) VALUES (?1, ?2)",
                params![created_at, json],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Every decision, oldest first.
    pub fn decisions(&self) -> Result<Vec<SavedDecision>, StoreError> {
        let rows = self.load(
            "SELECT id, created_at, decision FROM recon_decisions ORDER BY id",
            |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get::<_, String>(2)?)),
        )?;
        rows.into_iter()
            .map(|(id, created_at, json)| {
                let parsed: DecisionJson = serde_json::from_str(&json)
                    .map_err(|e| StoreError::Corrupt(format!("decision {id}: {e}")))?;
                Ok(SavedDecision {
                    id,
                    created_at,
                    decision: parsed.into_decision()?,
                })
            })
            .collect()
    }

    /// Forgets a decision; `false` if there was none with this id.
    pub fn delete_decision(&self, id: i64) -> Result<bool, StoreError> {
        self.conn
            .execute("DELETE FROM recon_decisions WHERE id = ?1", [id])
            .map(|n| n > 0)
            .map_err(|e| self.err(e))
    }
}
