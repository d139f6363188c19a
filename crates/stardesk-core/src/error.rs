//! The one error type the shell and the CLI see: a stable code and a message.

use stardesk_platform::{PlatformError, SyncError};
use stardesk_store::secret::SecretError;
use stardesk_store::StoreError;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::bindings::{TsModule, TsType};
use crate::codes::Code;

crate::code_enum! {
    /// Every error code the UI can switch on. The UI never parses `message`.
    pub enum ErrorCode {
        /// The platform could not be reached (network, timeout, 5xx after retries).
        PlatformUnreachable = "platform_unreachable",
        /// The token was refused (401/403): sign in again.
        SignInRequired = "sign_in_required",
        /// The platform answered something we cannot use.
        PlatformProtocol = "platform_protocol",
        /// Bad input from the user (a URL, a filter value, a file); the message says where.
        InvalidInput = "invalid_input",
        NotFound = "not_found",
        /// The window asked for something it may not have (a file nobody picked).
        PermissionDenied = "permission_denied",
        /// The keychain or key file could not give the database key.
        KeyUnavailable = "key_unavailable",
        /// The system keychain could not keep or give a secret of an account (the
        /// platform token, the tracking key): the database itself is fine.
        KeychainUnavailable = "keychain_unavailable",
        /// The database is from a newer StarDesk, or could not be opened with this key.
        StoreIncompatible = "store_incompatible",
        StoreFailed = "store_failed",
        /// The same work is already under way (a sync).
        Busy = "busy",
        /// The platform refused what was asked (already applied, the window closed, no
        /// slot left, not eligible, not in a state that allows it); the message says why.
        Refused = "refused",
        /// No tracking account (kuaidi100) and no embedded sandbox to ask.
        TrackingNotConfigured = "tracking_not_configured",
        /// The tracking service could not be reached.
        TrackingUnreachable = "tracking_unreachable",
        /// The tracking service refused the query (kuaidi100's `returnCode`, with its
        /// meaning in the message).
        TrackingRefused = "tracking_refused",
        Internal = "internal",
    }
}

crate::code_enum! {
    /// Why an import refused a file (`stardesk_import::Problem`), for the window to word
    /// in its language; its figures come in [`ImportFailure::params`].
    pub enum ImportProblemCode {
        Empty = "empty",
        UnknownEncoding = "unknown_encoding",
        /// `encoding`.
        NotInEncoding = "not_in_encoding",
        /// `reason` (the workbook reader's, in English).
        NotExcel = "not_excel",
        /// `sheet`, `available` (the sheets, joined by the window's separator).
        NoSuchSheet = "no_such_sheet",
        /// `reason` (the CSV reader's, in English).
        MalformedCsv = "malformed_csv",
        /// `field`, `accepted`, `found` (header lists).
        MissingColumn = "missing_column",
        /// `cells`, `expected`.
        ShortRow = "short_row",
        /// `value`, `expected`.
        LongRow = "long_row",
        /// `left`, `right`.
        SplitAmount = "split_amount",
        /// `value`.
        NumberTooLong = "number_too_long",
        EmptyCell = "empty_cell",
        /// `value`.
        NotAnAmount = "not_an_amount",
        /// `value`.
        FractionOfFen = "fraction_of_fen",
        /// `value`.
        NotADate = "not_a_date",
        /// `value`.
        CellError = "cell_error",
        /// `credit`, `debit`.
        CreditAndDebit = "credit_and_debit",
        /// `value`.
        NotADirection = "not_a_direction",
        /// `direction`, `amount`.
        DirectionAgainstSign = "direction_against_sign",
        /// `reason` (in English).
        Mapping = "mapping",
    }
}

/// Where and why an import refused a file, for the window to say in its language (the
/// message says it in English, for the CLI and logs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ImportFailure {
    /// The file's name as shown.
    pub file: String,
    /// The row as a spreadsheet counts it (1-based), when the problem has one.
    pub row: Option<u32>,
    /// The column's header text (or letter).
    pub column: Option<String>,
    pub problem: ImportProblemCode,
    /// The problem's figures by name (see [`ImportProblemCode`]); lists joined by "\n".
    pub params: Vec<(String, String)>,
}

impl From<&stardesk_import::ImportError> for ImportFailure {
    fn from(e: &stardesk_import::ImportError) -> Self {
        use stardesk_import::Problem as P;
        use ImportProblemCode as C;
        let p = |name: &str, value: &dyn ToString| (name.to_owned(), value.to_string());
        let list = |items: &[String]| items.join("\n");
        let (problem, params) = match e.problem() {
            P::Empty => (C::Empty, vec![]),
            P::UnknownEncoding => (C::UnknownEncoding, vec![]),
            P::NotInEncoding { encoding } => (C::NotInEncoding, vec![p("encoding", encoding)]),
            P::NotExcel { reason } => (C::NotExcel, vec![p("reason", reason)]),
            P::NoSuchSheet { sheet, available } => (
                C::NoSuchSheet,
                vec![p("sheet", sheet), p("available", &list(available))],
            ),
            P::MalformedCsv { reason } => (C::MalformedCsv, vec![p("reason", reason)]),
            P::MissingColumn {
                field,
                accepted,
                found,
            } => (
                C::MissingColumn,
                vec![
                    p("field", field),
                    p("accepted", &list(accepted)),
                    p("found", &list(found)),
                ],
            ),
            P::ShortRow { cells, expected } => (
                C::ShortRow,
                vec![p("cells", cells), p("expected", expected)],
            ),
            P::LongRow { value, expected } => {
                (C::LongRow, vec![p("value", value), p("expected", expected)])
            }
            P::SplitAmount { left, right } => {
                (C::SplitAmount, vec![p("left", left), p("right", right)])
            }
            P::NumberTooLong { value } => (C::NumberTooLong, vec![p("value", value)]),
            P::EmptyCell => (C::EmptyCell, vec![]),
            P::NotAnAmount { value } => (C::NotAnAmount, vec![p("value", value)]),
            P::FractionOfFen { value } => (C::FractionOfFen, vec![p("value", value)]),
            P::NotADate { value } => (C::NotADate, vec![p("value", value)]),
            P::CellError { value } => (C::CellError, vec![p("value", value)]),
            P::CreditAndDebit { credit, debit } => (
                C::CreditAndDebit,
                vec![p("credit", credit), p("debit", debit)],
            ),
            P::NotADirection { value } => (C::NotADirection, vec![p("value", value)]),
            P::DirectionAgainstSign { direction, amount } => (
                C::DirectionAgainstSign,
                vec![p("direction", direction), p("amount", amount)],
            ),
            P::Mapping { reason } => (C::Mapping, vec![p("reason", reason)]),
        };
        Self {
            file: e.file_name().to_owned(),
            row: e.row().and_then(|r| u32::try_from(r).ok()),
            column: e.column().map(str::to_owned),
            problem,
            params,
        }
    }
}

/// An error as it crosses IPC: a stable code and a message that names the thing at
/// fault (file, row, field, URL), never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// A refused import's file, row, column and problem, for the window's own words.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub import: Option<Box<ImportFailure>>,
    /// A `refused` error's reason: the platform's conflict code (`window_closed`,
    /// `not_withdrawable`, … in `docs/platform-api.yaml`), for the window's own words.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub refusal: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            import: None,
            refusal: None,
        }
    }

    /// `invalid_input` for a file an import refused: the message in English, the failure
    /// for the window to word.
    pub fn import(e: &stardesk_import::ImportError) -> Self {
        Self {
            import: Some(Box::new(ImportFailure::from(e))),
            ..Self::invalid_input(e.to_string())
        }
    }

    /// `invalid_input`: what the user gave (a file, a field) is wrong, and the message
    /// says where.
    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::WrongKey { .. } | StoreError::TooNew { .. } => ErrorCode::StoreIncompatible,
            StoreError::KeyMissing { .. } | StoreError::Secret(_) => ErrorCode::KeyUnavailable,
            StoreError::Unstorable { .. } => ErrorCode::InvalidInput,
            _ => ErrorCode::StoreFailed,
        };
        AppError::new(code, e.to_string())
    }
}

/// An account's secret in the keychain (the database key's trouble comes as a
/// [`StoreError`]).
impl From<SecretError> for AppError {
    fn from(e: SecretError) -> Self {
        AppError::new(ErrorCode::KeychainUnavailable, e.to_string())
    }
}

impl From<PlatformError> for AppError {
    fn from(e: PlatformError) -> Self {
        match &e {
            PlatformError::Invalid { .. } => AppError::new(ErrorCode::InvalidInput, e.to_string()),
            PlatformError::Refused { code, .. } => AppError {
                refusal: Some(code.as_str().to_owned()),
                ..AppError::new(ErrorCode::Refused, e.to_string())
            },
            _ => SyncError::from(e).into(),
        }
    }
}

impl From<SyncError> for AppError {
    fn from(e: SyncError) -> Self {
        let code = match e.code() {
            "sign_in_required" => ErrorCode::SignInRequired,
            "platform_unreachable" => ErrorCode::PlatformUnreachable,
            "invalid_input" => ErrorCode::InvalidInput,
            "platform_protocol" => ErrorCode::PlatformProtocol,
            "store_failed" => ErrorCode::StoreFailed,
            _ => ErrorCode::Internal,
        };
        AppError::new(code, e.to_string())
    }
}

/// The stored sync-state code back to its enum (unknown codes are internal).
pub(crate) fn code_from_str(code: &str) -> ErrorCode {
    ErrorCode::from_code(code).unwrap_or(ErrorCode::Internal)
}

pub(crate) fn typescript() -> TsModule {
    TsModule {
        file: "error",
        types: vec![
            TsType::listed::<ErrorCode>("ERROR_CODES"),
            TsType::listed::<ImportProblemCode>("IMPORT_PROBLEM_CODES"),
            TsType::of::<ImportFailure>(),
            TsType::of::<AppError>(),
        ],
        consts: vec![],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A token the keychain cannot keep is the keychain's trouble, not the database key's
    /// (the window said "无法读取数据库密钥" while the database was fine).
    #[test]
    fn the_keychain_and_the_database_key_are_told_apart() {
        let keychain = || SecretError::NoKeychain("locked".into());
        assert_eq!(
            AppError::from(keychain()).code,
            ErrorCode::KeychainUnavailable
        );
        assert_eq!(
            AppError::from(StoreError::Secret(keychain())).code,
            ErrorCode::KeyUnavailable
        );
    }
}
