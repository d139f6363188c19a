//! Decisions' IPC types: accept, reject or match by hand.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::settlements::reconciliation::ipc::MatchKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DecisionAction {
    /// Confirm a proposed match: it stays whatever the automatic rules later propose.
    Accept,
    /// Never propose this pair again.
    Reject,
    /// Pair these lines, as the user says.
    ManualMatch,
}

/// A user's decision. `kind = task`: `expected` and exactly one `statement` key, no
/// `bank`; `kind = payout`: one or more `statement` and `bank` keys, no `expected`.
/// Keys are "fingerprint:occurrence" strings as in [`MatchRow`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionInput {
    pub action: DecisionAction,
    pub kind: MatchKind,
    pub expected: Option<String>,
    pub statement: Vec<String>,
    pub bank: Vec<String>,
}

/// A stored decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionView {
    /// Pass to `delete_decision` to undo it.
    pub id: String,
    pub created_at: String,
    pub decision: DecisionInput,
}

/// This module as TypeScript: `ui/src/bindings/settlementDecisions.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementDecisions",
        types: vec![
            TsType::of::<DecisionAction>(),
            TsType::of::<DecisionInput>(),
            TsType::of::<DecisionView>(),
        ],
        consts: vec![],
    }
}
