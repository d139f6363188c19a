//! The account: where the data comes from (the embedded sandbox or a platform account),
//! who the creator is, and the app's state as the header shows it.

pub mod ipc;

use std::sync::atomic::Ordering;

use stardesk_platform::PlatformClient;
use stardesk_store::secret::{self, KeyLocation};

use crate::context::{
    in_use_file, with_store, Context, SANDBOX_DB, SANDBOX_IN_USE, SETTING_PLATFORM_URL,
    SOURCE_SANDBOX,
};
use crate::error::{code_from_str, AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::JobKind;
use ipc::*;

impl Context {
    pub async fn status(&self) -> Result<AppStatus, AppError> {
        let platform_url = self.platform_url().await?;
        let source_key = self.source_key().await?;
        let source = match platform_url {
            Some(url) => Source::Platform { url },
            None => Source::Sandbox {
                url: self
                    .sandbox
                    .lock()
                    .await
                    .as_ref()
                    .map(|s| s.url())
                    .unwrap_or_default(),
            },
        };
        let (creator, state, count, outbox_waiting) = with_store(&self.reader, move |s| {
            Ok((
                s.creator(&source_key)?,
                s.sync_state(&source_key)?,
                s.task_count()?,
                s.outbox_waiting_count()?,
            ))
        })
        .await?;
        Ok(AppStatus {
            source,
            creator: creator.map(|c| Creator {
                kind: match c.agency {
                    Some(_) => CreatorKind::Agency,
                    None => CreatorKind::Independent,
                },
                agency_name: c.agency.map(|a| a.name),
                creator_id: c.creator_id,
                nickname: c.nickname,
                followers: c.followers.to_string(),
                level: c.level,
            }),
            last_synced_at: state.last_synced_at,
            task_count: count,
            syncing: self.syncing.load(Ordering::SeqCst),
            last_error: state.last_error_code.map(|code| {
                AppError::new(
                    code_from_str(&code),
                    state.last_error_message.unwrap_or_default(),
                )
            }),
            data_dir: self.options.data_dir.display().to_string(),
            key_store: match self.key_location {
                KeyLocation::Keychain => KeyStore::Keychain,
                KeyLocation::KeyFile(_) => KeyStore::KeyFile,
            },
            outbox_waiting,
        })
    }

    /// Switches to a platform account. The token is checked against the platform first
    /// and then kept only in the OS keychain; nothing is saved if the check fails.
    pub async fn set_platform(&self, input: PlatformAccountInput) -> Result<AppStatus, AppError> {
        let token = input.token.trim().to_string();
        if token.is_empty() {
            return Err(AppError::new(ErrorCode::InvalidInput, "the token is empty"));
        }
        let url = stardesk_platform::check_base_url(&input.url)
            .map_err(|e| AppError::new(ErrorCode::InvalidInput, e.to_string()))?
            .to_string();
        let client = PlatformClient::new(&url, &token, self.options.platform_client.clone())?;
        client.me().await?;
        secret::keychain_set(&self.token_account(), &token)?;
        let before = self.platform_url().await?;
        let changed = before.as_deref() != Some(url.as_str());
        with_store(&self.writer, move |s| {
            if changed {
                s.reset_synced_data()?;
            }
            // The demo's applications and claims go with the sandbox's data (below): with
            // a platform set they can never be sent (left by an earlier version too).
            s.forget_outbox_of(SOURCE_SANDBOX)?;
            s.set_setting(SETTING_PLATFORM_URL, Some(&url))
        })
        .await?;
        let mut sandbox = self.sandbox.lock().await;
        if let Some(sb) = sandbox.take() {
            sb.shutdown().await;
        }
        // Still held: no job of this process starts the sandbox again on the file (and
        // holds it) while it goes.
        self.forget_sandbox_data();
        drop(sandbox);
        self.account_switched().await?;
        self.status().await
    }

    /// The embedded sandbox's file holds what the creator applied with there (names,
    /// phones, addresses); with a real account it is not wanted again (a return to the
    /// sandbox starts a new one, once it has gone), so it goes, with its log and any copy
    /// set aside. While
    /// another process runs its embedded sandbox on it (a `stardesk` command, or the
    /// window switched back to the sandbox while a command started) it stays, held by
    /// [`SANDBOX_IN_USE`]; so does a file another process still has open (on Windows):
    /// each is tried again at the next start with an account ([`Context::open`]).
    pub(crate) fn forget_sandbox_data(&self) {
        let dir = &self.options.data_dir;
        let lock_path = dir.join(SANDBOX_IN_USE);
        // Held alone while the files go, so no sandbox starts on them meanwhile.
        let _alone = match in_use_file(&lock_path).map(|f| (f.try_lock(), f)) {
            Ok((Ok(()), file)) => Some(file),
            Ok((Err(std::fs::TryLockError::WouldBlock), _)) => {
                tracing::info!(
                    "another StarDesk process runs the embedded sandbox on its data: kept, \
                     deleted at the next start"
                );
                return;
            }
            Ok((Err(std::fs::TryLockError::Error(e)), _)) => {
                tracing::warn!(error = %e, "the sandbox's lock could not be taken; deleting its data");
                None
            }
            Err(e) => {
                tracing::warn!(error = %e, "the sandbox's lock could not be opened; deleting its data");
                None
            }
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            let ours = name == SANDBOX_DB
                || name
                    .strip_prefix(SANDBOX_DB)
                    .is_some_and(|rest| rest.starts_with('-'));
            if !ours {
                continue;
            }
            if let Err(e) = std::fs::remove_file(entry.path()) {
                tracing::warn!(file = name, error = %e, "the sandbox's data could not be deleted");
            }
        }
    }

    /// Back to the embedded sandbox: forgets the account's token and synced data.
    pub async fn use_sandbox(&self) -> Result<AppStatus, AppError> {
        let was_platform = self.platform_url().await?.is_some();
        if was_platform {
            secret::keychain_delete(&self.token_account())?;
            with_store(&self.writer, |s| {
                s.reset_synced_data()?;
                s.set_setting(SETTING_PLATFORM_URL, None)
            })
            .await?;
        }
        self.sandbox_url().await?;
        self.account_switched().await?;
        self.status().await
    }

    /// Another account's data is wanted: what was synced is gone, and a sync (a
    /// background job, with its progress) brings the new account's tasks and applications.
    async fn account_switched(&self) -> Result<(), AppError> {
        self.emit(AppEvent::data_changed(&[
            DataArea::Tasks,
            DataArea::Status,
            DataArea::Applications,
        ]));
        self.schedule_job(JobKind::Sync, None).await
    }
}
