//! The creator's actions on an application: withdraw it before selection, report whether
//! the sample arrived (R-REVIEW-16), report the published work (R-REVIEW-13..15). Each is
//! sent to the platform at once (these are not queued: the answer decides what is shown)
//! and the application it returns is kept.

use chrono::NaiveDate;
use stardesk_platform::wire::Application;

use super::convert::application_record;
use super::ipc::ApplicationView;
use crate::context::{with_store, Context};
use crate::error::AppError;

impl Context {
    async fn keep(&self, app: Application) -> Result<ApplicationView, AppError> {
        let record = application_record(&app)?;
        let id = record.id.clone();
        with_store(&self.writer, move |s| s.save_application(&record)).await?;
        self.applications_changed();
        self.refresh_reminders().await?;
        self.application(id).await
    }

    /// Withdraws an application the brand has not decided on.
    pub async fn withdraw_application(&self, id: String) -> Result<ApplicationView, AppError> {
        let (client, _) = self.client().await?;
        let app = client.withdraw(id.trim()).await?;
        self.keep(app).await
    }

    /// Tells the brand the sample arrived, or did not arrive or is refused (with a note
    /// saying which) (R-REVIEW-16).
    pub async fn report_receipt(
        &self,
        id: String,
        received: bool,
        note: Option<String>,
    ) -> Result<ApplicationView, AppError> {
        let note = note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        if !received && note.is_none() {
            return Err(AppError::invalid_input(
                "note: say whether the sample did not arrive or is refused",
            ));
        }
        let (client, _) = self.client().await?;
        let app = client.receipt(id.trim(), received, note.as_deref()).await?;
        self.keep(app).await
    }

    /// Reports the published work (its link and the day it is public) for the brand's
    /// review; also how rejected content is re-uploaded (R-REVIEW-13..15).
    pub async fn report_content(
        &self,
        id: String,
        url: String,
        published_on: String,
    ) -> Result<ApplicationView, AppError> {
        let url = url.trim().to_string();
        if !(url.starts_with("https://") || url.starts_with("http://")) {
            return Err(AppError::invalid_input("url: the work's link (https://…)"));
        }
        let day = NaiveDate::parse_from_str(published_on.trim(), "%Y-%m-%d").map_err(|_| {
            AppError::invalid_input(format!("published_on {published_on:?} is not a date"))
        })?;
        let (client, _) = self.client().await?;
        let app = client.report_content(id.trim(), &url, day).await?;
        self.keep(app).await
    }
}
