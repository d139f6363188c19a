//! Asking the tracking provider about a parcel, and the background poller.
//!
//! kuaidi100 locks a number asked more often than about once every 30 minutes, so a parcel
//! is asked at most once per [`QUERY_SPACING`] (an earlier ask is answered from the store,
//! unless forced); a failure backs off; every answer is stored in one transaction, each
//! event once. The poller (the house's job runner, [`JobKind::Tracking`]) asks every parcel
//! that is not final when its time comes, keeps going offline, and raises each new alert
//! once as an [`AppEvent::ParcelAlerts`] the shell shows as a system notification.

use chrono::{DateTime, Duration, Utc};
use stardesk_domain::logistics::{map_event_status, map_kuaidi100, phone_required, ShipmentState};
use stardesk_platform::tracking::{TrackQuery, TrackingError};
use stardesk_store::shipments::{ShipmentEventRecord, ShipmentRecord, TrackingUpdate};

use super::account::Provider;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::timestamp;

/// The least time between two queries of one number (kuaidi100 locks it otherwise).
pub(crate) const QUERY_SPACING: Duration = Duration::minutes(30);

/// The longest the poller waits between two passes: alerts move with time too.
const POLL_AT_LEAST_EVERY: Duration = Duration::minutes(30);

/// When to ask again after `failures` failures in a row ending with `e`.
fn retry_after(e: &TrackingError, failures: u32) -> Duration {
    match e {
        // kuaidi100 answered "server error" or "busy" (501/502): the query reached it, so
        // not within its 30 minutes; then 60 and 120.
        e if e.is_transient() && e.reached_provider() => {
            QUERY_SPACING * (1 << failures.saturating_sub(1).min(2))
        }
        // The network: 5, 10, 20 … minutes, at most 2 hours.
        e if e.is_transient() => {
            Duration::minutes((5i64 << failures.saturating_sub(1).min(5)).min(120))
        }
        // Nothing yet: at the next regular query.
        e if e.is_no_result_yet() => QUERY_SPACING,
        // The query itself or the account (a wrong phone, carrier, key): not before the
        // creator changes something, which makes it due again; else in a few hours.
        _ => Duration::hours(6),
    }
}

/// The failure as the parcel shows it: kuaidi100's code with its meaning, or a kind.
pub(crate) fn failure_of(e: &TrackingError) -> (String, String) {
    let code = match e {
        TrackingError::Provider { code, .. } => code.clone(),
        TrackingError::Unreachable(_) | TrackingError::Http { .. } => "unreachable".into(),
        TrackingError::NotConfigured => "not_configured".into(),
        _ => "invalid".into(),
    };
    (code, e.to_string())
}

/// The failure as an error of a command the creator ran.
pub(crate) fn app_error(e: &TrackingError) -> AppError {
    let code = match e {
        TrackingError::Unreachable(_) | TrackingError::Http { .. } => {
            ErrorCode::TrackingUnreachable
        }
        TrackingError::NotConfigured => ErrorCode::TrackingNotConfigured,
        TrackingError::Provider { .. } => ErrorCode::TrackingRefused,
        _ => ErrorCode::InvalidInput,
    };
    AppError::new(code, e.to_string())
}

/// An account-wide refusal (a wrong sign, an expired key): no other parcel will do better.
fn stops_the_pass(e: &TrackingError) -> bool {
    matches!(e.provider_code(), Some("503" | "601")) || matches!(e, TrackingError::NotConfigured)
}

/// What one query did.
#[derive(Debug)]
pub(crate) enum Queried {
    /// Asked within the last 30 minutes: the store's answer stands.
    Spaced,
    Answered {
        new_events: usize,
    },
    Failed(TrackingError),
}

/// The last 4 digits of a phone, when it has 4.
pub(super) fn last4(phone: &str) -> Option<String> {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    (digits.len() >= 4).then(|| digits[digits.len() - 4..].iter().collect())
}

impl Context {
    /// The receiver's last 4 digits for a carrier that needs them (顺丰, 中通): given by
    /// hand, else from the shipping details of the parcel's application. Only then sent.
    async fn phone_for(&self, rec: &ShipmentRecord) -> Result<Option<String>, AppError> {
        if !phone_required(&rec.carrier) {
            return Ok(None);
        }
        if let Some(p) = rec.phone_last4.as_deref().and_then(last4) {
            return Ok(Some(p));
        }
        let Some(app_id) = rec.application_id.clone() else {
            return Ok(None);
        };
        let app = with_store(&self.reader, move |s| s.application(&app_id)).await?;
        Ok(app.and_then(|a| last4(&a.shipping.phone)))
    }

    /// Asks about one parcel unless it was asked within [`QUERY_SPACING`] (`force` asks
    /// anyway) and stores the answer, or the failure with when to try again.
    pub(crate) async fn query_parcel(
        &self,
        provider: &Provider,
        rec: &ShipmentRecord,
        force: bool,
    ) -> Result<Queried, AppError> {
        let now = Utc::now();
        if !force && !is_due(rec, now) {
            return Ok(Queried::Spaced);
        }
        let q = TrackQuery {
            carrier: rec.carrier.clone(),
            number: rec.tracking_no.clone(),
            phone_last4: self.phone_for(rec).await?,
        };
        let answer = provider.client.query(&q).await;
        let at = timestamp(now);
        let id = rec.id;
        match answer {
            Ok(report) => {
                let newest_code = report.events.first().and_then(|e| e.status_code.clone());
                let state = map_kuaidi100(&report.state, newest_code.as_deref());
                let events: Vec<ShipmentEventRecord> = report
                    .events
                    .iter()
                    .map(|e| ShipmentEventRecord {
                        at: e.time,
                        text: e.text.clone(),
                        area: e.area.clone(),
                        state: map_event_status(
                            e.status_code.as_deref(),
                            e.status_word.as_deref().unwrap_or_default(),
                        )
                        .map(|s| s.name().to_string()),
                        status_code: e.status_code.clone(),
                    })
                    .collect();
                let next = timestamp(now + QUERY_SPACING);
                let state_code = report.state.clone();
                let signed = report.signed;
                let new_events = with_store(&self.writer, move |s| {
                    s.record_tracking(
                        id,
                        &TrackingUpdate {
                            state: state.map(ShipmentState::name),
                            state_code: &state_code,
                            signed,
                            events: &events,
                            queried_at: &at,
                            next_query_at: Some(&next),
                        },
                    )
                })
                .await?;
                Ok(Queried::Answered { new_events })
            }
            Err(e) => {
                let (code, message) = failure_of(&e);
                let reached = e.reached_provider();
                let next = timestamp(now + retry_after(&e, rec.failures + 1));
                tracing::info!(parcel = id, code = %code, "tracking query failed");
                with_store(&self.writer, move |s| {
                    s.record_tracking_failure(id, &code, &message, &at, reached, Some(&next))
                })
                .await?;
                Ok(Queried::Failed(e))
            }
        }
    }

    /// One pass of the poller: asks every parcel that is not final and is due, raises the
    /// new alerts, and says when to look again.
    pub(crate) async fn poll_parcels(&self) -> Result<Option<DateTime<Utc>>, AppError> {
        self.poll_parcels_now(false).await
    }

    /// A pass of the poller; `force` asks every parcel not final, whenever it was last
    /// asked (`stardesk shipments --refresh`).
    pub async fn poll_parcels_now(&self, force: bool) -> Result<Option<DateTime<Utc>>, AppError> {
        let now = Utc::now();
        let parcels = with_store(&self.reader, |s| s.shipments()).await?;
        let due: Vec<ShipmentRecord> = parcels
            .into_iter()
            .filter(|r| !is_final(r) && (force || is_due(r, now)))
            .collect();
        let mut changed = false;
        // Not before then, whatever the parcels' own times say: the due parcels could not
        // be asked (no tracking account, or the account was refused), and those not asked
        // keep a time already past, which would start the next pass at once, forever.
        let mut hold: Option<DateTime<Utc>> = None;
        if !due.is_empty() {
            match self.tracking_provider().await {
                Ok(provider) => {
                    for rec in &due {
                        match self.query_parcel(&provider, rec, force).await? {
                            Queried::Failed(e) if stops_the_pass(&e) => {
                                changed = true;
                                tracing::warn!("tracking stopped for this pass: {e}");
                                hold = Some(now + POLL_AT_LEAST_EVERY);
                                break;
                            }
                            Queried::Spaced => {}
                            Queried::Answered { new_events } => {
                                tracing::debug!(parcel = rec.id, new_events, "parcel asked");
                                changed = true;
                            }
                            Queried::Failed(_) => changed = true,
                        }
                    }
                }
                // No provider (a platform account, no tracking account): the parcels
                // wait; Settings says why.
                Err(e) if e.code == ErrorCode::TrackingNotConfigured => {
                    tracing::info!("parcels wait for a tracking account: {}", e.message);
                    // Saving an account asks the poller at once (`set_tracking_account`).
                    hold = Some(now + POLL_AT_LEAST_EVERY);
                }
                Err(e) => return Err(e),
            }
        }
        if changed {
            self.emit(AppEvent::data_changed(&[DataArea::Logistics]));
        }
        self.raise_parcel_alerts().await?;
        let next = with_store(&self.reader, |s| s.shipments())
            .await?
            .iter()
            .filter(|r| !is_final(r))
            .filter_map(|r| r.next_query_at.as_deref())
            .filter_map(|t| DateTime::parse_from_rfc3339(t).ok())
            .map(|t| t.with_timezone(&Utc))
            .min();
        Ok(Some(next_pass(Utc::now(), next, hold)))
    }
}

/// When the poller looks again: at the earliest parcel's time, not before `now` nor
/// `hold`, and at least every [`POLL_AT_LEAST_EVERY`] (alerts move with time too).
fn next_pass(
    now: DateTime<Utc>,
    earliest: Option<DateTime<Utc>>,
    hold: Option<DateTime<Utc>>,
) -> DateTime<Utc> {
    let latest = now + POLL_AT_LEAST_EVERY;
    let floor = hold.map_or(now, |h| h.max(now));
    earliest.map_or(latest, |n| n.max(floor).min(latest))
}

/// Nothing more will change: delivered, returned, refused, cancelled.
pub(crate) fn is_final(rec: &ShipmentRecord) -> bool {
    rec.state
        .as_deref()
        .and_then(ShipmentState::from_name)
        .is_some_and(ShipmentState::is_final)
}

/// Its time to be asked has come (never asked, or its next query time has passed).
pub(crate) fn is_due(rec: &ShipmentRecord, now: DateTime<Utc>) -> bool {
    rec.next_query_at
        .as_deref()
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .is_none_or(|t| t.with_timezone(&Utc) <= now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_back_off_by_kind() {
        let net = TrackingError::Unreachable("down".into());
        assert_eq!(retry_after(&net, 1), Duration::minutes(5));
        assert_eq!(retry_after(&net, 2), Duration::minutes(10));
        assert_eq!(retry_after(&net, 9), Duration::minutes(120));
        let none = TrackingError::Provider {
            code: "500".into(),
            message: String::new(),
        };
        assert_eq!(retry_after(&none, 3), QUERY_SPACING);
        let phone = TrackingError::Provider {
            code: "408".into(),
            message: String::new(),
        };
        assert_eq!(retry_after(&phone, 1), Duration::hours(6));
        // kuaidi100 busy: it was asked, so not within its 30 minutes.
        let busy = TrackingError::Provider {
            code: "502".into(),
            message: String::new(),
        };
        let waits: Vec<i64> = (1..=4)
            .map(|n| retry_after(&busy, n).num_minutes())
            .collect();
        assert_eq!(waits, [30, 60, 120, 120]);
        assert!(stops_the_pass(&TrackingError::Provider {
            code: "601".into(),
            message: String::new()
        }));
        assert!(!stops_the_pass(&phone));
    }

    #[test]
    fn only_the_last_four_digits_are_sent() {
        assert_eq!(last4("138 1234 5678").as_deref(), Some("5678"));
        assert_eq!(last4("5678").as_deref(), Some("5678"));
        assert_eq!(last4("56"), None);
    }
}
