//! The one error type the shell and the CLI see: a stable code and a message.

use stardesk_platform::{PlatformError, SyncError};
use stardesk_store::secret::SecretError;
use stardesk_store::StoreError;

pub use crate::dto::{AppError, ErrorCode};

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
        SyncError::from(e).into()
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

impl ErrorCode {
    /// The wire name, e.g. `platform_unreachable` (as serialized over IPC).
    pub fn as_str(self) -> String {
        crate::dto::wire_name(&self).unwrap_or_else(|| "internal".into())
    }
}

/// The stored sync-state code back to its enum (unknown codes are internal).
pub(crate) fn code_from_str(code: &str) -> ErrorCode {
    crate::dto::from_wire_name(code).unwrap_or(ErrorCode::Internal)
}
