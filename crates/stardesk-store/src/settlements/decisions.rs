//! The user's reconciliation decisions: `settlement_decisions` (one action on one kind of
//! pair) and `settlement_decision_lines` (the lines, each by its [`LineKey`]'s text),
//! replayed in id order. The domain's [`Decision`] is the one shape: it is stored as its
//! [`Action`] and its [`Pair`].

use std::collections::BTreeMap;

use rusqlite::params;
use stardesk_domain::reconcile::records::LineKey;
use stardesk_domain::reconcile::{Action, Decision, Pair};

use crate::{Store, StoreError};

/// A stored decision with its id (to delete it) and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SavedDecision {
    pub id: i64,
    pub created_at: String,
    pub decision: Decision,
}

fn action_code(action: Action) -> &'static str {
    match action {
        Action::Accept => "accept",
        Action::Reject => "reject",
        Action::ManualMatch => "manual_match",
    }
}

fn action_of(code: &str) -> Option<Action> {
    match code {
        "accept" => Some(Action::Accept),
        "reject" => Some(Action::Reject),
        "manual_match" => Some(Action::ManualMatch),
        _ => None,
    }
}

/// The kind of pair and its lines as `(role, position, key)` rows.
fn rows_of(pair: &Pair) -> (&'static str, Vec<(&'static str, usize, String)>) {
    let roles = |role: &'static str, keys: &[LineKey]| {
        keys.iter()
            .enumerate()
            .map(move |(i, k)| (role, i, k.to_string()))
            .collect::<Vec<_>>()
    };
    match pair {
        Pair::Task {
            expected,
            statement,
        } => (
            "task",
            vec![
                ("expected", 0, expected.to_string()),
                ("statement", 0, statement.to_string()),
            ],
        ),
        Pair::Payout { statement, bank } => {
            let mut rows = roles("statement", statement);
            rows.extend(roles("bank", bank));
            ("payout", rows)
        }
    }
}

/// A decision's lines by role, in position order, as read back.
#[derive(Default)]
struct Lines {
    expected: Vec<LineKey>,
    statement: Vec<LineKey>,
    bank: Vec<LineKey>,
}

fn pair_of(id: i64, kind: &str, lines: Lines) -> Result<Pair, StoreError> {
    let corrupt = |what: &str| StoreError::Corrupt(format!("decision {id}: {what}"));
    match kind {
        "task" => match (lines.expected.as_slice(), lines.statement.as_slice()) {
            ([expected], [statement]) if lines.bank.is_empty() => Ok(Pair::Task {
                expected: *expected,
                statement: *statement,
            }),
            _ => Err(corrupt(
                "a task decision needs one expected and one statement line",
            )),
        },
        "payout" if lines.expected.is_empty() => Ok(Pair::Payout {
            statement: lines.statement,
            bank: lines.bank,
        }),
        _ => Err(corrupt(&format!("kind {kind:?}"))),
    }
}

impl Store {
    /// Keeps a decision, in one transaction; returns its id. Decisions are replayed in
    /// id order.
    pub fn add_decision(
        &mut self,
        decision: &Decision,
        created_at: &str,
    ) -> Result<i64, StoreError> {
        let (kind, rows) = rows_of(&decision.pair());
        let tx = self
            .conn
            .transaction()
            .map_err(|e| StoreError::sqlite(&self.path, e))?;
        let sql = |e| StoreError::sqlite(&self.path, e);
        tx.execute(
            "INSERT INTO settlement_decisions (created_at, action, kind) VALUES (?1, ?2, ?3)",
            params![created_at, action_code(decision.action()), kind],
        )
        .map_err(sql)?;
        let id = tx.last_insert_rowid();
        {
            let mut insert = tx
                .prepare(
                    "INSERT INTO settlement_decision_lines (decision_id, role, position, line_key)
                     VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(sql)?;
            for (role, position, key) in &rows {
                insert
                    .execute(params![id, role, *position as i64, key])
                    .map_err(sql)?;
            }
        }
        super::bump_revision(&tx).map_err(sql)?;
        tx.commit().map_err(sql)?;
        Ok(id)
    }

    /// Every decision, oldest first.
    pub fn decisions(&self) -> Result<Vec<SavedDecision>, StoreError> {
        let heads = self.load(
            "SELECT id, created_at, action, kind FROM settlement_decisions ORDER BY id",
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                ))
            },
        )?;
        let rows = self.load(
            "SELECT decision_id, role, line_key FROM settlement_decision_lines
             ORDER BY decision_id, role, position",
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                ))
            },
        )?;
        let mut lines: BTreeMap<i64, Lines> = BTreeMap::new();
        for (id, role, text) in rows {
            let key: LineKey = text
                .parse()
                .map_err(|_| StoreError::Corrupt(format!("decision {id}: line key {text:?}")))?;
            let entry = lines.entry(id).or_default();
            match role.as_str() {
                "expected" => entry.expected.push(key),
                "statement" => entry.statement.push(key),
                "bank" => entry.bank.push(key),
                other => {
                    return Err(StoreError::Corrupt(format!(
                        "decision {id}: line role {other:?}"
                    )))
                }
            }
        }
        heads
            .into_iter()
            .map(|(id, created_at, action, kind)| {
                let action = action_of(&action).ok_or_else(|| {
                    StoreError::Corrupt(format!("decision {id}: action {action:?}"))
                })?;
                let pair = pair_of(id, &kind, lines.remove(&id).unwrap_or_default())?;
                Ok(SavedDecision {
                    id,
                    created_at,
                    decision: Decision::new(action, pair),
                })
            })
            .collect()
    }

    /// Forgets a decision (its lines go with it); `false` if there was none with this id.
    pub fn delete_decision(&mut self, id: i64) -> Result<bool, StoreError> {
        let path = self.path.clone();
        let sql = |e| StoreError::sqlite(&path, e);
        let tx = self.conn.transaction().map_err(sql)?;
        let deleted = tx
            .execute("DELETE FROM settlement_decisions WHERE id = ?1", [id])
            .map_err(sql)?
            > 0;
        if deleted {
            super::bump_revision(&tx).map_err(sql)?;
        }
        tx.commit().map_err(sql)?;
        Ok(deleted)
    }
}
