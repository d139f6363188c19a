//! The client's calls of campaign applications (好物测评报名, `/v1/applications`): applying
//! with an idempotency key, the applications feed, one application, and the creator's
//! actions on it (each safe to repeat, so retried like a read).

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use reqwest::StatusCode;

use crate::client::{check_id, Call, PlatformClient, PlatformError};
use crate::wire::{Application, ApplicationPage, ApplicationRequest, ContentReport, ReceiptReport};

/// What `POST /v1/applications` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApplyOutcome {
    /// 201: this request created the application.
    Created(Application),
    /// 200: an earlier request with the same idempotency key and body created it (its
    /// answer was lost); this is the application as it is now. Nothing new was created.
    Replayed(Application),
}

impl ApplyOutcome {
    pub fn application(&self) -> &Application {
        match self {
            ApplyOutcome::Created(a) | ApplyOutcome::Replayed(a) => a,
        }
    }

    pub fn into_application(self) -> Application {
        match self {
            ApplyOutcome::Created(a) | ApplyOutcome::Replayed(a) => a,
        }
    }

    pub fn is_replay(&self) -> bool {
        matches!(self, ApplyOutcome::Replayed(_))
    }
}

impl PlatformClient {
    /// Applies to a product-review task (`POST /v1/applications`, R-REVIEW-12).
    ///
    /// `idempotency_key` is what makes this safe to retry: make it once per application
    /// ([`crate::new_idempotency_key`]) and pass the same key every time this application is sent
    /// again, here and after a restart. Every attempt of this call sends it unchanged, so a
    /// request the server handled but whose answer was lost comes back as
    /// [`ApplyOutcome::Replayed`] instead of a second application.
    pub async fn apply(
        &self,
        request: &ApplicationRequest,
        idempotency_key: &str,
    ) -> Result<ApplyOutcome, PlatformError> {
        let mut call = Call::post("v1/applications".into(), Some(request))?;
        call.idempotency_key = Some(idempotency_key);
        let (status, application) = self.send(&call).await?;
        match status {
            StatusCode::CREATED => Ok(ApplyOutcome::Created(application)),
            StatusCode::OK => Ok(ApplyOutcome::Replayed(application)),
            other => Err(PlatformError::Protocol(format!(
                "applying answered HTTP {other}, expected 201 or 200"
            ))),
        }
    }

    /// One page of the creator's applications, changed after `cursor` (all of them
    /// without one) and, if given, updated at or after `updated_since`.
    pub async fn applications_page(
        &self,
        cursor: Option<&str>,
        updated_since: Option<DateTime<Utc>>,
        limit: u32,
    ) -> Result<ApplicationPage, PlatformError> {
        let mut query = vec![("limit", limit.to_string())];
        if let Some(c) = cursor {
            query.push(("cursor", c.to_owned()));
        }
        if let Some(since) = updated_since {
            query.push((
                "updated_since",
                since.to_rfc3339_opts(SecondsFormat::AutoSi, true),
            ));
        }
        self.get_json(Call::get("v1/applications".into(), query))
            .await
    }

    pub async fn application(&self, id: &str) -> Result<Application, PlatformError> {
        check_id("an application", id)?;
        self.get_json(Call::get(format!("v1/applications/{id}"), Vec::new()))
            .await
    }

    /// Withdraws an application the brand has not decided on (409 `not_withdrawable`
    /// otherwise). Withdrawing one already withdrawn answers it unchanged, so retries are
    /// safe.
    pub async fn withdraw(&self, id: &str) -> Result<Application, PlatformError> {
        check_id("an application", id)?;
        let call = Call::post(
            format!("v1/applications/{id}/withdraw"),
            None::<&serde_json::Value>,
        )?;
        Ok(self.send(&call).await?.1)
    }

    /// Tells the brand whether the sample arrived (R-REVIEW-16): `received: false` with a
    /// note saying it did not arrive or is refused.
    pub async fn receipt(
        &self,
        id: &str,
        received: bool,
        note: Option<&str>,
    ) -> Result<Application, PlatformError> {
        check_id("an application", id)?;
        let body = ReceiptReport {
            received,
            note: note.map(str::to_owned),
        };
        let call = Call::post(format!("v1/applications/{id}/receipt"), Some(&body))?;
        Ok(self.send(&call).await?.1)
    }

    /// Reports the work for the brand's review (R-REVIEW-13..15): its link and the day it
    /// is (or goes) public. Also how a rejected work is re-uploaded (R-REVIEW-14).
    pub async fn report_content(
        &self,
        id: &str,
        url: &str,
        published_on: NaiveDate,
    ) -> Result<Application, PlatformError> {
        check_id("an application", id)?;
        let body = ContentReport {
            url: url.to_owned(),
            published_on,
        };
        let call = Call::post(format!("v1/applications/{id}/content"), Some(&body))?;
        Ok(self.send(&call).await?.1)
    }
}
