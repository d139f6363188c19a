//! Decisions: the user's accept, reject and manual match, kept by line key and replayed
//! on every reconciliation, so they survive re-imports.

pub mod ipc;

use stardesk_domain::reconcile::{Action, Decision, Pair};

use super::reconciliation::ipc::MatchKind;
use super::{keys, now, parse_key, parse_keys};
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use ipc::*;

/// The domain decision an input asks for, checked for shape.
fn to_decision(input: &DecisionInput) -> Result<Decision, AppError> {
    let pair = match input.kind {
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
            Pair::Task {
                expected: parse_key(expected)?,
                statement: parse_key(statement)?,
            }
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
            Pair::Payout {
                statement: parse_keys(&input.statement)?,
                bank: parse_keys(&input.bank)?,
            }
        }
    };
    let action = match input.action {
        DecisionAction::Accept => Action::Accept,
        DecisionAction::Reject => Action::Reject,
        DecisionAction::ManualMatch => Action::ManualMatch,
    };
    Ok(Decision::new(action, pair))
}

fn from_decision(d: &Decision) -> DecisionInput {
    let action = match d.action() {
        Action::Accept => DecisionAction::Accept,
        Action::Reject => DecisionAction::Reject,
        Action::ManualMatch => DecisionAction::ManualMatch,
    };
    match d.pair() {
        Pair::Task {
            expected,
            statement,
        } => DecisionInput {
            action,
            kind: MatchKind::Task,
            expected: Some(expected.to_string()),
            statement: vec![statement.to_string()],
            bank: vec![],
        },
        Pair::Payout { statement, bank } => DecisionInput {
            action,
            kind: MatchKind::Payout,
            expected: None,
            statement: keys(&statement),
            bank: keys(&bank),
        },
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
