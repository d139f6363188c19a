//! Mapping profiles' IPC types: how to read one layout of file.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::settlements::imports::ipc::{ImportField, ImportKind};

/// Where a mapped field's values are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "by", rename_all = "snake_case")]
pub enum ColumnRefView {
    /// The column with this header text (compared like the built-in synonyms).
    Header { header: String },
    /// The column at this 0-based position (0 is column A).
    Index { index: u32 },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnAssignment {
    pub field: ImportField,
    pub column: ColumnRefView,
}

/// Which row holds the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum HeaderRowView {
    /// Found among the first 20 rows.
    #[default]
    Auto,
    /// This 1-based spreadsheet row.
    Row { row: u32 },
    /// No header: every column is given by index.
    Absent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TextEncodingView {
    Utf8,
    Utf8Bom,
    Gb18030,
    Utf16Le,
    Utf16Be,
}

/// How to read one layout of file (a saved mapping profile). Also the JSON kept in the
/// store's `mapping_profiles.mapping`: this type owns that format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ColumnMappingView {
    /// Empty: find every field by its header synonyms.
    pub columns: Vec<ColumnAssignment>,
    pub header_row: HeaderRowView,
    /// Footer rows to drop (a bank's 合计 line).
    pub skip_trailing_rows: u32,
    /// One ASCII character; `None` detects.
    pub delimiter: Option<String>,
    /// `None` detects.
    pub encoding: Option<TextEncodingView>,
    /// A workbook's sheet; `None` reads the first.
    pub sheet: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MappingProfile {
    pub name: String,
    pub kind: ImportKind,
    pub mapping: ColumnMappingView,
}

/// This module as TypeScript: `ui/src/bindings/settlementMappingProfiles.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementMappingProfiles",
        types: vec![
            TsType::of::<ColumnRefView>(),
            TsType::of::<ColumnAssignment>(),
            TsType::of::<HeaderRowView>(),
            TsType::of::<TextEncodingView>(),
            TsType::of::<ColumnMappingView>(),
            TsType::of::<MappingProfile>(),
        ],
        consts: vec![],
    }
}
