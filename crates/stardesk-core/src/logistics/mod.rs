//! Sample logistics: every parcel of a campaign tracked on its own — the brand's shipment
//! from the application feed, or a number added by hand (the return leg of a sample with
//! its due date, R-REVIEW-13) — with its carrier guessed, one state model, a timeline of
//! events and alerts that say whose fault a delay is (R-REVIEW-10, R-REVIEW-16).
//!
//! [`account`]: where answers come from; [`query`]: asking, the 30-minute rule and the
//! poller; [`alerts`]: the domain's facts and alerts as views; [`view`]: the parcels.

mod account;
mod alerts;
mod input;
pub mod ipc;
#[cfg(test)]
mod poll_tests;
mod query;
mod view;

use std::collections::HashMap;

use chrono::Utc;
use stardesk_domain::logistics::carrier::carrier;
use stardesk_domain::logistics::{guess, AlertThresholds};
use stardesk_store::shipments::{FeedShipment, ShipmentError, LEG_RETURN};

use self::ipc::*;
use self::query::{app_error, Queried};
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::{timestamp, JobKind};

/// Per application: its outbound parcel's id, state and newest event.
pub(crate) type ParcelStates =
    HashMap<String, (String, Option<ShipmentStateCode>, Option<ShipmentEventView>)>;

pub(crate) const SETTING_ALERT_THRESHOLDS: &str = "logistics_alert_thresholds";

impl From<ShipmentError> for AppError {
    fn from(e: ShipmentError) -> Self {
        match e {
            ShipmentError::Duplicate(_) => AppError::new(ErrorCode::InvalidInput, e.to_string()),
            ShipmentError::Store(s) => s.into(),
        }
    }
}

pub(super) fn parse_id(id: &str) -> Result<i64, AppError> {
    id.parse()
        .map_err(|_| AppError::new(ErrorCode::NotFound, format!("no parcel {id}")))
}

/// Every carrier StarDesk knows, for a picker.
pub fn known_carriers() -> Vec<CarrierOption> {
    stardesk_domain::logistics::CARRIERS
        .iter()
        .map(|c| CarrierOption {
            code: c.code.to_string(),
            name: c.name.to_string(),
            phone_required: c.phone_required,
        })
        .collect()
}

fn option_of(code: &str, name: Option<&str>) -> CarrierOption {
    let known = carrier(code);
    CarrierOption {
        code: code.to_string(),
        name: known
            .map(|c| c.name.to_string())
            .or(name.map(str::to_string))
            .unwrap_or_else(|| code.to_string()),
        phone_required: known.is_some_and(|c| c.phone_required),
    }
}

impl Context {
    /// Every carrier StarDesk knows, for a picker.
    pub async fn carrier_options(&self) -> Result<Vec<CarrierOption>, AppError> {
        Ok(known_carriers())
    }

    /// The carriers a number may belong to, best first: the tracking service's detection
    /// when it answers, then the local guess by the number's shape.
    pub async fn guess_carriers(&self, number: String) -> Result<Vec<CarrierOption>, AppError> {
        let number = number.trim().to_uppercase();
        if number.is_empty() {
            return Err(AppError::invalid_input("tracking number: empty"));
        }
        let mut out: Vec<CarrierOption> = Vec::new();
        if let Ok(provider) = self.tracking_provider().await {
            match provider.client.autonumber(&number).await {
                Ok(found) => out.extend(found.iter().map(|c| option_of(&c.code, Some(&c.name)))),
                Err(e) => tracing::info!("carrier detection unavailable: {e}"),
            }
        }
        for c in guess(&number) {
            if !out.iter().any(|o| o.code == c.code) {
                out.push(option_of(c.code, None));
            }
        }
        Ok(out)
    }

    /// The thresholds that turn a wait into an alert.
    pub async fn alert_thresholds(&self) -> Result<AlertThresholdsView, AppError> {
        let stored = with_store(&self.reader, |s| s.setting(SETTING_ALERT_THRESHOLDS)).await?;
        Ok(stored
            .and_then(|j| serde_json::from_str::<AlertThresholdsView>(&j).ok())
            .unwrap_or_else(|| AlertThresholdsView::from(AlertThresholds::default())))
    }

    pub async fn set_alert_thresholds(
        &self,
        thresholds: AlertThresholdsView,
    ) -> Result<AlertThresholdsView, AppError> {
        thresholds.check()?;
        let json = serde_json::to_string(&thresholds)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        with_store(&self.writer, move |s| {
            s.set_setting(SETTING_ALERT_THRESHOLDS, Some(&json))
        })
        .await?;
        self.emit(AppEvent::data_changed(&[DataArea::Logistics]));
        self.schedule_job(JobKind::Tracking, None).await?;
        self.alert_thresholds().await
    }

    /// Adds a parcel by hand; the carrier is the best guess when not given. It is asked
    /// about at once by the poller.
    pub async fn add_parcel(&self, input: ParcelInput) -> Result<ParcelView, AppError> {
        let new = self.checked_parcel(input, None).await?;
        let at = timestamp(Utc::now());
        let id = with_store(&self.writer, move |s| Ok(s.add_shipment(&new, &at))).await??;
        self.parcels_changed().await?;
        self.parcel(id.to_string()).await.map(|d| d.parcel)
    }

    /// Corrects a parcel's number, carrier, phone digits or return date; a new number or
    /// carrier is tracked afresh.
    pub async fn correct_parcel(
        &self,
        id: String,
        input: ParcelInput,
    ) -> Result<ParcelView, AppError> {
        let n = parse_id(&id)?;
        let fix = self.checked_parcel(input, Some(id.clone())).await?;
        let at = timestamp(Utc::now());
        let found =
            with_store(&self.writer, move |s| Ok(s.correct_shipment(n, &fix, &at))).await??;
        if !found {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("no parcel {id}"),
            ));
        }
        self.parcels_changed().await?;
        self.parcel(id).await.map(|d| d.parcel)
    }

    pub async fn delete_parcel(&self, id: String) -> Result<(), AppError> {
        let n = parse_id(&id)?;
        if !with_store(&self.writer, move |s| s.delete_shipment(n)).await? {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("no parcel {id}"),
            ));
        }
        self.emit(AppEvent::data_changed(&[DataArea::Logistics]));
        Ok(())
    }

    /// The creator has the parcel in hand (a parcel of no application; an application's
    /// sample is confirmed with its receipt, R-REVIEW-16).
    pub async fn confirm_parcel_received(&self, id: String) -> Result<ParcelView, AppError> {
        let n = parse_id(&id)?;
        let at = timestamp(Utc::now());
        if !with_store(&self.writer, move |s| s.set_shipment_received(n, Some(&at))).await? {
            return Err(AppError::new(
                ErrorCode::NotFound,
                format!("no parcel {id}"),
            ));
        }
        self.parcels_changed().await?;
        self.parcel(id).await.map(|d| d.parcel)
    }

    /// Asks about a parcel now (at most once per 30 minutes unless `force`) and returns
    /// it with every event. A failure is shown on the parcel and returned as the error.
    pub async fn track_parcel(&self, id: String, force: bool) -> Result<ParcelDetail, AppError> {
        let n = parse_id(&id)?;
        let rec = with_store(&self.reader, move |s| s.shipment(n))
            .await?
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no parcel {id}")))?;
        let provider = self.tracking_provider().await?;
        let outcome = self.query_parcel(&provider, &rec, force).await?;
        if !matches!(outcome, Queried::Spaced) {
            self.emit(AppEvent::data_changed(&[DataArea::Logistics]));
            self.raise_parcel_alerts().await?;
        }
        if let Queried::Failed(e) = outcome {
            return Err(app_error(&e));
        }
        self.parcel(id).await
    }

    /// Tracks `number` (added as a parcel if it is not tracked yet) and returns it.
    pub async fn track_number(
        &self,
        number: String,
        carrier_code: Option<String>,
        phone: Option<String>,
        force: bool,
    ) -> Result<ParcelDetail, AppError> {
        // As parcels keep it (`input::number_of`): `stardesk track yt…` finds YT….
        let number = number.trim().to_uppercase();
        let lookup = number.clone();
        let existing = with_store(&self.reader, move |s| s.shipment_by_number(&lookup)).await?;
        let given = carrier_code
            .map(|c| c.trim().to_lowercase())
            .filter(|c| !c.is_empty());
        let id = match existing {
            Some(rec) => {
                let changes_carrier = given.as_ref().is_some_and(|c| *c != rec.carrier);
                if changes_carrier || phone.is_some() {
                    let input = ParcelInput {
                        application_id: None,
                        leg: if rec.leg == LEG_RETURN {
                            LegCode::Return
                        } else {
                            LegCode::Outbound
                        },
                        carrier: given.clone().unwrap_or(rec.carrier.clone()),
                        tracking_no: rec.tracking_no.clone(),
                        phone: phone.clone().or(rec.phone_last4.clone()),
                        return_due: rec.return_due.map(|d| d.format("%Y-%m-%d").to_string()),
                    };
                    self.correct_parcel(rec.id.to_string(), input).await?;
                }
                rec.id.to_string()
            }
            None => {
                let input = ParcelInput {
                    application_id: None,
                    leg: LegCode::Outbound,
                    carrier: given.unwrap_or_default(),
                    tracking_no: number,
                    phone,
                    return_due: None,
                };
                self.add_parcel(input).await?.id
            }
        };
        self.track_parcel(id, force).await
    }

    /// Parcels changed by the creator or the feed: the pages show it, the poller asks.
    async fn parcels_changed(&self) -> Result<(), AppError> {
        self.emit(AppEvent::data_changed(&[DataArea::Logistics]));
        self.schedule_job(JobKind::Tracking, None).await
    }

    /// The brand's shipments of the synced applications become parcels to track.
    pub(crate) async fn parcels_from_feed(&self) -> Result<(), AppError> {
        let apps = with_store(&self.reader, |s| s.applications()).await?;
        let feed: Vec<FeedShipment> = apps
            .iter()
            .filter_map(|a| {
                Some(FeedShipment {
                    application_id: a.id.clone(),
                    carrier: a.carrier.clone()?,
                    tracking_no: a.tracking_no.clone()?,
                    shipped_on: a.shipped_on?,
                })
            })
            .collect();
        let at = timestamp(Utc::now());
        let changed = with_store(&self.writer, move |s| s.save_feed_shipments(&feed, &at)).await?;
        if changed > 0 {
            self.parcels_changed().await?;
        }
        Ok(())
    }

    /// Raises every alert not raised before, as one event for the system notifications.
    pub(crate) async fn raise_parcel_alerts(&self) -> Result<(), AppError> {
        let all = self.logistics().await?;
        let mut current: Vec<(String, String)> = Vec::new();
        let mut notices: HashMap<(String, String), ParcelAlertNotice> = HashMap::new();
        for p in &all.parcels {
            for a in &p.alerts {
                let key = (format!("shipment:{}", p.id), a.code.as_str().to_string());
                notices.insert(
                    key.clone(),
                    ParcelAlertNotice {
                        parcel_id: Some(p.id.clone()),
                        application_id: p.application_id.clone(),
                        task_title: p.task_title.clone(),
                        carrier: Some(p.carrier.clone()),
                        carrier_name: Some(p.carrier_name.clone()),
                        leg: Some(p.leg),
                        tracking_no: Some(p.tracking_no.clone()),
                        alert: a.clone(),
                    },
                );
                current.push(key);
            }
        }
        for w in &all.awaiting {
            for a in &w.alerts {
                let key = (
                    format!("application:{}", w.application_id),
                    a.code.as_str().to_string(),
                );
                notices.insert(
                    key.clone(),
                    ParcelAlertNotice {
                        parcel_id: None,
                        application_id: Some(w.application_id.clone()),
                        task_title: Some(w.task_title.clone()),
                        carrier: None,
                        carrier_name: None,
                        leg: None,
                        tracking_no: None,
                        alert: a.clone(),
                    },
                );
                current.push(key);
            }
        }
        let at = timestamp(Utc::now());
        let new = with_store(&self.writer, move |s| s.raise_alerts(&current, &at)).await?;
        let alerts: Vec<ParcelAlertNotice> = new.iter().filter_map(|k| notices.remove(k)).collect();
        if !alerts.is_empty() {
            self.emit(AppEvent::ParcelAlerts { alerts });
        }
        Ok(())
    }
}
