//! Decisions: the user's accept, reject and manual match, kept by line key and replayed
//! on every reconciliation, so they survive re-imports.

pub mod ipc;

use stardesk_domain::reconcile::records::LineKey;
use stardesk_domain::reconcile::{Decision, Pair};
use stardesk_store::settlements::key_to_string;

use super::reconciliation::ipc::MatchKind;
use super::{keys, now, parse_key, parse_keys};
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use ipc::*;

/// The domain decision an input asks for, checked for shape.
fn to_decision(input: &DecisionInput) -> Result<Decision, AppError> {
    match input.kind {
        MatchKind::Task => {
            let expected = input.expected.as_deref().ok_or_else(|| {
                AppError::invalid_input("a task decision needs the expected line")
            })?;
            let [statement] = input.statement.as_slice() else {
                return Err(AppError::invalid_input(
                    "a task decision needs exactly one statement line",
                ));
            };
            if !input.bank.is_empty() {
                return Err(AppError::invalid_input(
                    "a task decision names no bank line",
                ));
            }
            let (expected, statement) = (parse_key(expected)?, parse_key(statement)?);
            Ok(match input.action {
                DecisionAction::Accept => Decision::Accept(Pair::Task {
                    expected,
                    statement,
                }),
                DecisionAction::Reject => Decision::Reject(Pair::Task {
                    expected,
                    statement,
                }),
                DecisionAction::ManualMatch => Decision::ManualMatchTask {
                    expected,
                    statement,
                },
            })
        }
        MatchKind::Payout => {
            if input.statement.is_empty() || input.bank.is_empty() {
                return Err(AppError::invalid_input(
                    "a payout decision needs at least one statement line and one bank line",
                ));
            }
            if input.expected.is_some() {
                return Err(AppError::invalid_input(
                    "a payout decision names no expected line",
                ));
            }
            let (statement, bank) = (parse_keys(&input.statement)?, parse_keys(&input.bank)?);
            Ok(match input.action {
                DecisionAction::Accept => Decision::Accept(Pair::Payout { statement, bank }),
                DecisionAction::Reject => Decision::Reject(Pair::Payout { statement, bank }),
                DecisionAction::ManualMatch => Decision::ManualMatch { statement, bank },
            })
        }
    }
}

fn from_decision(d: &Decision) -> DecisionInput {
    let task = |action, e: &LineKey, s: &LineKey| DecisionInput {
        action,
        kind: MatchKind::Task,
        expected: Some(key_to_string(e)),
        statement: vec![key_to_string(s)],
        bank: vec![],
    };
    let payout = |action, s: &[LineKey], b: &[LineKey]| DecisionInput {
        action,
        kind: MatchKind::Payout,
        expected: None,
        statement: keys(s),
        bank: keys(b),
    };
    match d {
        Decision::Accept(Pair::Task {
            expected,
            statement,
        }) => task(DecisionAction::Accept, expected, statement),
        Decision::Reject(Pair::Task {
            expected,
            statement,
        }) => task(DecisionAction::Reject, expected, statement),
        Decision::ManualMatchTask {
            expected,
            statement,
        } => task(DecisionAction::ManualMatch, expected, statement),
        Decision::Accept(Pair::Payout { statement, bank }) => {
            payout(DecisionAction::Accept, statement, bank)
        }
        Decision::Reject(Pair::Payout { statement, bank }) => {
            payout(DecisionAction::Reject, statement, bank)
        }
        Decision::ManualMatch { statement, bank } => {
            payout(DecisionAction::ManualMatch, statement, bank)
        }
    }
}

impl Context {
    /// Keeps a decision (accept, reject or manual match), replayed on every
    /// reconciliation from now on. Keys are not checked against the stored lines: a
    /// decision about a line no longer imported is reported as ignored, not refused.
    pub async fn decide(&self, input: DecisionInput) -> Result<DecisionView, AppError> {
        let decision = to_decision(&input)?;
        let created_at = now();
        let at = created_at.clone();
        let id = with_store(&self.writer, move |s| s.add_decision(&decision, &at)).await?;
        self.settlements_changed();
        Ok(DecisionView {
            id: id.to_string(),
            created_at,
            decision: input,
        })
    }

    /// Every stored decision, oldest first.
    pub async fn decisions(&self) -> Result<Vec<DecisionView>, AppError> {
        let saved = with_store(&self.reader, |s| s.decisions()).await?;
        Ok(saved
            .into_iter()
            .map(|d| DecisionView {
                id: d.id.to_string(),
                created_at: d.created_at,
                decision: from_decision(&d.decision),
            })
            .collect())
    }

    /// Undoes a decision.
    pub async fn delete_decision(&self, id: String) -> Result<(), AppError> {
        let n: i64 = id
            .parse()
            .map_err(|_| AppError::invalid_input(format!("{id:?} is not a decision id")))?;
        if with_store(&self.writer, move |s| s.delete_decision(n)).await? {
            self.settlements_changed();
            Ok(())
        } else {
            Err(AppError::new(
                ErrorCode::NotFound,
                format!("no decision {id}"),
            ))
        }
    }
}
