//! Monthly income's IPC type.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};

/// Income per calendar month of the statement date, from the imported statement lines
/// (failed payouts excluded). A statement may omit the gross, fee or tax columns: each
/// component sums only the lines that state it (`*_lines` says how many did), so a
/// component is a lower bound unless its count equals `lines`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MonthIncome {
    /// "2026-03".
    pub month: String,
    pub lines: u32,
    pub gross: String,
    pub gross_lines: u32,
    pub fees: String,
    pub fee_lines: u32,
    pub tax: String,
    pub tax_lines: u32,
    /// The net paid: every line states it.
    pub net: String,
}

/// This module as TypeScript: `ui/src/bindings/settlementIncome.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementIncome",
        types: vec![TsType::of::<MonthIncome>()],
        consts: vec![],
    }
}
