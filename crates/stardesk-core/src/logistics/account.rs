//! Where tracking answers come from: the creator's kuaidi100 account (the customer id in
//! the settings, the key in the OS keychain only), else — with no account and the embedded
//! sandbox as the platform — the sandbox's kuaidi100-compatible endpoint, so the demo
//! tracks its own parcels offline.

use std::sync::Arc;

use stardesk_platform::tracking::{Kuaidi100Client, Kuaidi100Config, TrackingProvider};
use stardesk_sandbox::SANDBOX_TRACKING_CUSTOMER;
use stardesk_store::secret;

use super::ipc::{TrackingAccountInput, TrackingSettings};
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::JobKind;

pub(crate) const SETTING_TRACKING_CUSTOMER: &str = "tracking_customer";
pub(crate) const SETTING_TRACKING_URL: &str = "tracking_url";

/// The tracking service to ask.
pub(crate) struct Provider {
    pub(crate) client: Arc<dyn TrackingProvider>,
}

impl Context {
    fn tracking_key_account(&self) -> String {
        format!(
            "tracking-key:{}",
            secret::db_key_account(&self.options.data_dir)
        )
    }

    /// The tracking account as Settings shows it (never the key).
    pub async fn tracking_settings(&self) -> Result<TrackingSettings, AppError> {
        let (customer, url) = with_store(&self.reader, |s| {
            Ok((
                s.setting(SETTING_TRACKING_CUSTOMER)?,
                s.setting(SETTING_TRACKING_URL)?,
            ))
        })
        .await?;
        let configured = customer.is_some();
        let using_sandbox = !configured && self.platform_url().await?.is_none();
        Ok(TrackingSettings {
            configured,
            customer,
            url,
            using_sandbox,
        })
    }

    /// Sets the kuaidi100 account: the key goes to the OS keychain, the customer id and
    /// the URL to the settings. Nothing is saved when the URL is refused.
    pub async fn set_tracking_account(
        &self,
        account: TrackingAccountInput,
    ) -> Result<TrackingSettings, AppError> {
        let customer = account.customer.trim().to_string();
        let key = account.key.trim().to_string();
        if customer.is_empty() {
            return Err(AppError::invalid_input(
                "the kuaidi100 customer id is empty",
            ));
        }
        if key.is_empty() {
            return Err(AppError::invalid_input("the kuaidi100 key is empty"));
        }
        let url = account
            .url
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty());
        if let Some(u) = &url {
            Kuaidi100Config::at(u, &customer, &key)
                .map_err(|e| AppError::invalid_input(e.to_string()))?;
        }
        secret::keychain_set(&self.tracking_key_account(), &key)?;
        with_store(&self.writer, move |s| {
            s.set_setting(SETTING_TRACKING_CUSTOMER, Some(&customer))?;
            s.set_setting(SETTING_TRACKING_URL, url.as_deref())
        })
        .await?;
        self.tracking_account_changed().await?;
        self.tracking_settings().await
    }

    /// Forgets the kuaidi100 account (the key leaves the keychain).
    pub async fn clear_tracking_account(&self) -> Result<TrackingSettings, AppError> {
        secret::keychain_delete(&self.tracking_key_account())?;
        with_store(&self.writer, |s| {
            s.set_setting(SETTING_TRACKING_CUSTOMER, None)?;
            s.set_setting(SETTING_TRACKING_URL, None)
        })
        .await?;
        self.tracking_account_changed().await?;
        self.tracking_settings().await
    }

    /// Another service answers now: every parcel may be asked at once.
    async fn tracking_account_changed(&self) -> Result<(), AppError> {
        with_store(&self.writer, |s| s.reset_query_schedule()).await?;
        self.emit(AppEvent::data_changed(&[DataArea::Logistics]));
        self.schedule_job(JobKind::Tracking, None).await
    }

    /// The provider to ask: the account, else the embedded sandbox's endpoint; with
    /// neither (a platform account and no tracking account), `tracking_not_configured`.
    pub(crate) async fn tracking_provider(&self) -> Result<Provider, AppError> {
        let (customer, url) = with_store(&self.reader, |s| {
            Ok((
                s.setting(SETTING_TRACKING_CUSTOMER)?,
                s.setting(SETTING_TRACKING_URL)?,
            ))
        })
        .await?;
        if let Some(customer) = customer {
            let key = secret::keychain_get(&self.tracking_key_account())?.ok_or_else(|| {
                AppError::new(
                    ErrorCode::TrackingNotConfigured,
                    "the kuaidi100 key is missing from the keychain; enter it again in Settings",
                )
            })?;
            let config = match url {
                Some(u) => Kuaidi100Config::at(&u, &customer, key.expose())
                    .map_err(|e| AppError::invalid_input(e.to_string()))?,
                None => Kuaidi100Config::official(&customer, key.expose()),
            };
            let client = Kuaidi100Client::new(config)
                .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
            return Ok(Provider {
                client: Arc::new(client),
            });
        }
        if self.platform_url().await?.is_some() {
            return Err(AppError::new(
                ErrorCode::TrackingNotConfigured,
                "no tracking account is set up: enter your kuaidi100 customer id and key in Settings",
            ));
        }
        let base = self.sandbox_url().await?;
        let config = Kuaidi100Config::at(
            &base,
            SANDBOX_TRACKING_CUSTOMER,
            self.sandbox_tracking_key.expose().as_str(),
        )
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        let client = Kuaidi100Client::new(config)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        Ok(Provider {
            client: Arc::new(client),
        })
    }
}
