//! Settlement files kept in the database over months, reconciled with the user's
//! decisions: the backend of the GUI's reconciliation screens.
//!
//! Unlike [`crate::settle`] (files in, report out, nothing kept), every imported line is
//! stored by its [`LineKey`], so re-importing a file or an overlapping period adds
//! nothing, and decisions (keyed by line) survive re-imports. Bank lines are personal
//! data: they stay in the encrypted database and [`Context::delete_settlement_data`]
//! removes them.
//!
//! By part: [`imports`] (files into the store, with progress), [`mapping_profiles`] (how
//! to read an unusual layout), [`reconciliation`] (stored lines + decisions → matches and
//! discrepancies), [`decisions`], [`income`] (by month), [`report`] (the summary and the
//! CSV/XLSX rows, shared with `crate::file_reconciliation`), [`payout_fix`]
//! (R-SETTLE-2..4), [`tax`] (the individual creator's withholding, month by month) and
//! [`task_earnings`] (one task's gross → fees → tax → net beside what paid it).

pub mod decisions;
pub mod imports;
pub mod income;
pub mod mapping_profiles;
pub mod payout_fix;
pub mod reconciliation;
pub mod report;
pub mod task_earnings;
pub mod tax;

use stardesk_domain::reconcile::records::LineKey;

use crate::context::{with_store, Context};
use crate::error::AppError;
use crate::events::{AppEvent, DataArea};

pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

pub(crate) fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

pub(crate) fn parse_key(text: &str) -> Result<LineKey, AppError> {
    text.parse().map_err(|_| {
        AppError::invalid_input(format!(
            "{text:?} is not a line key (fingerprint:occurrence)"
        ))
    })
}

pub(crate) fn parse_keys(keys: &[String]) -> Result<Vec<LineKey>, AppError> {
    keys.iter().map(|k| parse_key(k)).collect()
}

pub(crate) fn keys(keys: &[LineKey]) -> Vec<String> {
    keys.iter().map(LineKey::to_string).collect()
}

impl Context {
    /// Deletes every imported line (bank lines are personal data), the file records, the
    /// decisions and the contract account, in one transaction. Mapping profiles stay.
    pub async fn delete_settlement_data(&self) -> Result<(), AppError> {
        with_store(&self.writer, |s| s.delete_settlement_data()).await?;
        self.reconcile_cache.clear().await;
        self.settlements_changed();
        Ok(())
    }

    /// Tells the window that what it shows of the settlements must be read again.
    pub(crate) fn settlements_changed(&self) {
        self.emit(AppEvent::data_changed(&[DataArea::Settlements]));
    }
}
