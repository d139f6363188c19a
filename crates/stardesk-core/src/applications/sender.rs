//! The outbox sender: posts every waiting application of the current source with its own
//! idempotency key until the platform answers.
//!
//! - 201 or 200 (a replay of an earlier request whose answer was lost): the item is sent
//!   and the application is in the cache — one transaction.
//! - The network, a 5xx, a 429: tried again later with the same key, backing off
//!   (30 s, 1, 2, 4 … minutes, at most 30).
//! - Any other 4xx (422 fields, 409 refusals): the item stops and keeps the platform's
//!   reason, for the creator to edit and resend under a new key, or discard.

use std::time::Duration;

use chrono::{DateTime, Utc};
use stardesk_platform::wire::{Address, ApplicationRequest};
use stardesk_platform::{ApplyOutcome, PlatformClient, PlatformError};
use stardesk_store::applications::outbox::{OutboxRecord, RemoteProblem};
use stardesk_store::applications::CampaignTaskRecord;

use super::convert::{application_record, campaign_task, campaign_task_from_cache};
use crate::context::{with_store, Context};
use crate::error::AppError;
use crate::jobs::timestamp;
use crate::settlements::now;

/// What one pass of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    pub sent: u32,
    pub refused: u32,
    /// Still waiting (the platform could not be reached, answered 5xx/429, or answered
    /// something that could not be read).
    pub waiting: u32,
}

/// The wait before attempt `attempts + 1` after `attempts` transient failures.
pub(crate) fn backoff(attempts: u32) -> Duration {
    let minutes = 1u64 << attempts.saturating_sub(1).min(5);
    if attempts == 0 {
        Duration::from_secs(30)
    } else {
        Duration::from_secs((minutes * 60).min(30 * 60))
    }
}

/// When an item that failed transiently for the `attempts`-th time is tried again
/// (RFC 3339), and the error's code and message to keep with it.
pub(crate) fn retry_of(attempts: u32, e: PlatformError) -> (String, &'static str, String) {
    let retry = Utc::now()
        + chrono::Duration::from_std(backoff(attempts))
            .unwrap_or_else(|_| chrono::Duration::minutes(30));
    let err = AppError::from(e);
    (timestamp(retry), err.code.as_str(), err.message)
}

fn request(item: &OutboxRecord) -> ApplicationRequest {
    ApplicationRequest {
        task_id: item.task_id.clone(),
        contact_name: item.shipping.contact_name.clone(),
        phone: item.shipping.phone.clone(),
        address: Address {
            region_code: item.shipping.region_code.clone(),
            province: item.shipping.province.clone(),
            city: item.shipping.city.clone(),
            district: item.shipping.district.clone(),
            detail: item.shipping.detail.clone(),
        },
        strengths: item.strengths.clone(),
        idea: item.idea.clone(),
    }
}

impl Context {
    /// The terms of `task_id` when the store has none yet: an application sent to a task
    /// the task hall had not synced would otherwise have no dates (not even R-REVIEW-3's
    /// `selection_by`) until the next sync. From the hall's cache, else the platform; a
    /// task the platform cannot give now is left to the next sync.
    async fn terms_if_unknown(
        &self,
        client: &PlatformClient,
        task_id: &str,
    ) -> Result<Option<CampaignTaskRecord>, AppError> {
        let lookup = task_id.to_string();
        let (known, cached) = with_store(&self.reader, move |s| {
            Ok((s.campaign_task(&lookup)?.is_some(), s.task(&lookup)?))
        })
        .await?;
        if known {
            return Ok(None);
        }
        let at = now();
        if let Some(t) = cached {
            return Ok(Some(campaign_task_from_cache(&t, &at)));
        }
        let terms = match client.task(task_id).await {
            Ok(t) => campaign_task(&t, &at),
            Err(e) => Err(e.into()),
        };
        Ok(terms
            .inspect_err(|e| {
                tracing::info!(task_id, error = %e.message, "terms left to the next sync");
            })
            .ok())
    }

    /// Sends every waiting item of the current source that is due now (all of them with
    /// `force`); returns what happened and when the next attempt is due.
    pub async fn send_outbox(
        &self,
        force: bool,
    ) -> Result<(SendReport, Option<DateTime<Utc>>), AppError> {
        let (client, source) = self.client().await?;
        let due_at = if force {
            "9999-12-31T23:59:59.999Z".to_string()
        } else {
            timestamp(Utc::now())
        };
        let from = source.clone();
        let due = with_store(&self.reader, move |s| s.outbox_due(&from, &due_at)).await?;
        let mut report = SendReport::default();
        for item in due {
            let outcome = client.apply(&request(&item), &item.idempotency_key).await;
            let id = item.id;
            match outcome {
                Ok(ApplyOutcome::Created(app) | ApplyOutcome::Replayed(app)) => {
                    let record = application_record(&app)?;
                    let terms = self.terms_if_unknown(&client, &app.task_id).await?;
                    let at = timestamp(Utc::now());
                    with_store(&self.writer, move |s| {
                        if let Some(terms) = &terms {
                            s.save_campaign_task(terms)?;
                        }
                        s.mark_outbox_sent(id, &record, &at)
                    })
                    .await?;
                    report.sent += 1;
                }
                // An answer that could not be read (a success whose body is not an
                // application) may mean the application was created: the item keeps
                // waiting and goes again under the same key, which replays it.
                Err(e) if e.is_transient() || matches!(e, PlatformError::Protocol(_)) => {
                    let (at, code, message) = retry_of(item.attempts, e);
                    with_store(&self.writer, move |s| {
                        s.mark_outbox_retry(id, &at, code, &message)
                    })
                    .await?;
                    report.waiting += 1;
                }
                // The token was refused: nothing can be sent until the creator signs in
                // again; the items keep waiting.
                Err(e @ PlatformError::Unauthorized { .. }) => return Err(e.into()),
                Err(e) => {
                    let (code, problems) = match &e {
                        PlatformError::Invalid { errors, .. } => (
                            "invalid".to_string(),
                            errors
                                .iter()
                                .map(|f| RemoteProblem {
                                    field: f.field.clone(),
                                    code: f.code.to_string(),
                                    message: f.message.clone(),
                                })
                                .collect(),
                        ),
                        PlatformError::Refused { code, .. } => (code.to_string(), Vec::new()),
                        _ => ("rejected".to_string(), Vec::new()),
                    };
                    let message = e.to_string();
                    with_store(&self.writer, move |s| {
                        s.mark_outbox_refused(id, &code, &message, &problems)
                    })
                    .await?;
                    report.refused += 1;
                }
            }
        }
        if report != SendReport::default() {
            self.applications_changed();
            if report.sent > 0 {
                self.refresh_reminders().await?;
            }
        }
        let next = with_store(&self.reader, move |s| s.outbox_next_attempt(&source)).await?;
        let next = next
            .and_then(|n| DateTime::parse_from_rfc3339(&n).ok())
            .map(|n| n.with_timezone(&Utc));
        if report != SendReport::default() || next.is_some() {
            tracing::info!(
                sent = report.sent,
                refused = report.refused,
                waiting = report.waiting,
                next_attempt = ?next,
                "outbox pass"
            );
        }
        Ok((report, next))
    }
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn the_backoff_grows_to_half_an_hour() {
        assert_eq!(backoff(0), Duration::from_secs(30));
        assert_eq!(backoff(1), Duration::from_secs(60));
        assert_eq!(backoff(2), Duration::from_secs(120));
        assert_eq!(backoff(4), Duration::from_secs(480));
        assert_eq!(backoff(6), Duration::from_secs(1800));
        assert_eq!(backoff(60), Duration::from_secs(1800));
    }
}
