//! Settlement imports' IPC types: kinds of file, results, progress, the file list and previews.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::settlements::mapping_profiles::ipc::ColumnMappingView;

/// Which list a settlement file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// The platform's settlement statement (结算单明细).
    Statement,
    /// The creator's bank statement (银行流水).
    Bank,
    /// What each task should pay (应收明细).
    Expected,
    /// Invoices mailed for statements (发票寄送记录).
    Invoices,
}

impl ImportKind {
    /// Its wire name (`statement`, `bank`, …), the store's code for the same kind and the
    /// CLI's `--kind` value.
    pub fn as_str(self) -> &'static str {
        super::line_kind(self).as_str()
    }
}

crate::code_enum! {
    /// A field of a settlement file (which fields a kind has: [`FilePreview::fields`]).
    pub enum ImportField {
        StatementId = "statement_id",
        TaskId = "task_id",
        Amount = "amount",
        Date = "date",
        Status = "status",
        Gross = "gross",
        Fee = "fee",
        Tax = "tax",
        TxnId = "txn_id",
        Debit = "debit",
        Counterparty = "counterparty",
        Memo = "memo",
        DueDate = "due_date",
        SentDate = "sent_date",
        TrackingNo = "tracking_no",
        /// A bank's 借贷标志: whether each unsigned amount came in or went out.
        Direction = "direction",
    }
}

/// One field of a kind of file, as the mapping dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportFieldSpec {
    pub field: ImportField,
    /// The file cannot be imported without it.
    pub required: bool,
}

/// What importing one file did. Lines already stored (the same file again, an
/// overlapping period) are `already_present`; `lines = added + already_present`. Of
/// those, `updated` statement lines took this file's newer payout status or components.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportResult {
    pub file_name: String,
    pub kind: ImportKind,
    /// "UTF-8", "UTF-8 BOM", "GB18030", "UTF-16LE", "UTF-16BE", "XLSX" or "XLS".
    pub encoding: String,
    pub lines: u32,
    pub added: u32,
    pub already_present: u32,
    pub updated: u32,
}

/// What the mapping dialog shows before a file is imported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FilePreview {
    pub file_name: String,
    pub kind: ImportKind,
    /// As [`ImportResult::encoding`].
    pub encoding: String,
    /// A workbook's sheet names (empty for CSV).
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    /// 1-based; `None` without a header.
    pub header_row: Option<u32>,
    pub headers: Vec<String>,
    /// The first rows after the header, cells as displayed.
    pub rows: Vec<Vec<String>>,
    /// The columns found, as a starting point for the user's mapping.
    pub guessed_mapping: ColumnMappingView,
    /// Every field of this kind of file, in the order the dialog lists them.
    pub fields: Vec<ImportFieldSpec>,
    /// Required fields not found; empty when the file imports as it is.
    pub missing_required: Vec<ImportField>,
}

/// An imported file, as the file list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportFileView {
    pub id: String,
    pub kind: ImportKind,
    pub file_name: String,
    /// RFC 3339, UTC.
    pub imported_at: String,
    pub encoding: String,
    pub lines: u32,
    pub added: u32,
}

/// A file whose import was taken back ([`crate::Context::delete_import_file`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DeletedImportView {
    pub kind: ImportKind,
    pub file_name: String,
    /// The lines the file had added, now gone.
    pub lines_removed: u32,
    /// Statement lines of earlier files whose payout status (or a fee or tax) this file
    /// had changed, saying again what they said before; 0 for other kinds of file.
    pub lines_restored: u32,
    /// The lines the file had added that stay because `kept_by` said exactly the same
    /// lines (the same export imported again): they are that file's now; 0 otherwise.
    pub lines_kept: u32,
    /// The first file imported after it with exactly its lines, which keeps them; `None`
    /// when no line was handed over.
    pub kept_by: Option<ImportFileView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportPhase {
    /// `done`/`total` in bytes.
    Reading,
    /// Checking every row; no count.
    Parsing,
    /// `done`/`total` in lines.
    Storing,
    /// This file is stored.
    Done,
}

/// Progress of [`crate::Context::import_settlement_files`], per file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub file_name: String,
    /// 0-based, of `file_count`.
    pub file_index: u32,
    pub file_count: u32,
    pub phase: ImportPhase,
    #[ts(type = "number")]
    pub done: u64,
    #[ts(type = "number")]
    pub total: u64,
}

/// This module as TypeScript: `ui/src/bindings/settlementImports.ts`.
pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "settlementImports",
        types: vec![
            TsType::of::<ImportKind>(),
            TsType::listed::<ImportField>("IMPORT_FIELDS"),
            TsType::of::<ImportFieldSpec>(),
            TsType::of::<ImportResult>(),
            TsType::of::<FilePreview>(),
            TsType::of::<ImportFileView>(),
            TsType::of::<DeletedImportView>(),
            TsType::of::<ImportPhase>(),
            TsType::of::<ImportProgress>(),
        ],
        consts: vec![],
    }
}
