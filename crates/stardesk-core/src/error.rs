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

/// An error as it crosses IPC: a stable code and a message that names the thing at
/// fault (file, row, field, URL), never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
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

impl From<SecretError> for AppError {
    fn from(e: SecretError) -> Self {
        AppError::new(ErrorCode::KeyUnavailable, e.to_string())
    }
}

impl From<PlatformError> for AppError {
    fn from(e: PlatformError) -> Self {
        match &e {
            PlatformError::Invalid { .. } => AppError::new(ErrorCode::InvalidInput, e.to_string()),
            PlatformError::Refused { .. } => AppError::new(ErrorCode::Refused, e.to_string()),
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
            TsType::of::<AppError>(),
        ],
        consts: vec![],
    }
}
