//! The parcels as the Logistics page and the CLI show them.

use std::collections::HashMap;

use chrono::{NaiveDateTime, Utc};
use stardesk_domain::campaign::{ApplicationFacts, Timeline};
use stardesk_domain::logistics::{phone_required, AlertThresholds, ShipmentState};
use stardesk_store::applications::{ApplicationRecord, CampaignTaskRecord};
use stardesk_store::shipments::{ShipmentEventRecord, ShipmentRecord, LEG_RETURN};

use super::alerts::{alert_view, carrier_name, facts_of, leg_of, parcel_alerts, DraftContext};
use super::ipc::*;
use super::query::is_final;
use crate::applications::ipc::ApplicationStatus;
use crate::applications::view::{china, domain_of};
use crate::codes::Code;
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};

const TIME: &str = "%Y-%m-%d %H:%M:%S";

impl From<AlertThresholds> for AlertThresholdsView {
    fn from(t: AlertThresholds) -> Self {
        Self {
            awaiting_pickup_hours: t.awaiting_pickup_hours,
            in_transit_silence_hours: t.in_transit_silence_hours,
            pickup_point_hours: t.pickup_point_hours,
            unconfirmed_delivery_hours: t.unconfirmed_delivery_hours,
            production_days: t.production_days,
            return_due_warning_days: t.return_due_warning_days,
        }
    }
}

impl AlertThresholdsView {
    pub(crate) fn domain(self) -> AlertThresholds {
        AlertThresholds {
            awaiting_pickup_hours: self.awaiting_pickup_hours,
            in_transit_silence_hours: self.in_transit_silence_hours,
            pickup_point_hours: self.pickup_point_hours,
            unconfirmed_delivery_hours: self.unconfirmed_delivery_hours,
            production_days: self.production_days,
            return_due_warning_days: self.return_due_warning_days,
        }
    }

    /// Each within a sensible range, else an error naming the field.
    pub(crate) fn check(&self) -> Result<(), AppError> {
        let hours = [
            ("awaiting_pickup_hours", self.awaiting_pickup_hours),
            ("in_transit_silence_hours", self.in_transit_silence_hours),
            ("pickup_point_hours", self.pickup_point_hours),
            (
                "unconfirmed_delivery_hours",
                self.unconfirmed_delivery_hours,
            ),
        ];
        for (field, v) in hours {
            if !(1..=720).contains(&v) {
                return Err(AppError::invalid_input(format!(
                    "{field}: {v} is outside 1–720 hours"
                )));
            }
        }
        let days = [
            ("production_days", self.production_days),
            ("return_due_warning_days", self.return_due_warning_days),
        ];
        for (field, v) in days {
            if v > 60 {
                return Err(AppError::invalid_input(format!(
                    "{field}: {v} is outside 0–60 days"
                )));
            }
        }
        Ok(())
    }
}

fn event_view(e: &ShipmentEventRecord) -> ShipmentEventView {
    ShipmentEventView {
        time: e.at.format(TIME).to_string(),
        text: e.text.clone(),
        area: e.area.clone(),
        state: e.state.as_deref().and_then(ShipmentStateCode::from_code),
    }
}

/// Everything the parcels' views read, in one go.
struct Snapshot {
    parcels: Vec<ShipmentRecord>,
    events: HashMap<i64, Vec<ShipmentEventRecord>>,
    apps: HashMap<String, ApplicationRecord>,
    tasks: HashMap<String, CampaignTaskRecord>,
    thresholds: AlertThresholds,
    now: NaiveDateTime,
}

impl Snapshot {
    fn app_domain(&self, id: &str) -> Option<(Timeline, ApplicationFacts)> {
        let a = self.apps.get(id)?;
        domain_of(a, self.tasks.get(&a.task_id)?)
    }

    fn parcel_view(&self, rec: &ShipmentRecord) -> ParcelView {
        let empty = Vec::new();
        let events = self.events.get(&rec.id).unwrap_or(&empty);
        let app = rec.application_id.as_deref().and_then(|a| self.apps.get(a));
        let task = app.and_then(|a| self.tasks.get(&a.task_id));
        let facts = facts_of(rec, events, app);
        let domain = rec
            .application_id
            .as_deref()
            .and_then(|a| self.app_domain(a));
        let alerts = parcel_alerts(
            &facts,
            rec.state.is_some(),
            domain.as_ref().map(|(t, f)| (t, f)),
            self.now,
            &self.thresholds,
        );
        let title = task.map(|t| t.title.clone());
        let ctx = DraftContext {
            task_title: title.as_deref().unwrap_or_default(),
            carrier: &rec.carrier,
            tracking_no: &rec.tracking_no,
            leg: leg_of(rec),
            shipped_on: facts.shipped_on,
        };
        let phone_known = rec.phone_last4.is_some()
            || app.is_some_and(|a| {
                a.shipping
                    .phone
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count()
                    >= 4
            });
        ParcelView {
            id: rec.id.to_string(),
            application_id: rec.application_id.clone(),
            task_title: title.clone(),
            brand: task.map(|t| t.brand.clone()),
            application_status: app.and_then(|a| ApplicationStatus::from_code(&a.status)),
            leg: if rec.leg == LEG_RETURN {
                LegCode::Return
            } else {
                LegCode::Outbound
            },
            origin: rec.origin.clone(),
            carrier: rec.carrier.clone(),
            carrier_name: carrier_name(&rec.carrier),
            tracking_no: rec.tracking_no.clone(),
            phone_required: phone_required(&rec.carrier),
            phone_known,
            shipped_on: facts.shipped_on.map(|d| d.format("%Y-%m-%d").to_string()),
            return_due: rec.return_due.map(|d| d.format("%Y-%m-%d").to_string()),
            state: rec.state.as_deref().and_then(ShipmentStateCode::from_code),
            state_code: rec.state_code.clone(),
            signed: rec.signed,
            is_final: is_final(rec),
            last_event: events.first().map(event_view),
            alerts: alerts.iter().map(|a| alert_view(a, Some(&ctx))).collect(),
            last_queried_at: rec.last_queried_at.clone(),
            next_query_at: rec.next_query_at.clone(),
            last_error: rec
                .last_error
                .as_ref()
                .map(|(code, message)| TrackingErrorView {
                    code: code.clone(),
                    message: message.clone(),
                }),
            received: facts.receipt_confirmed,
        }
    }

    /// Selected applications with no outbound parcel: their shipping alerts
    /// (R-REVIEW-10).
    fn awaiting(&self) -> Vec<AwaitingShipmentView> {
        let mut out: Vec<AwaitingShipmentView> = self
            .apps
            .values()
            .filter(|a| {
                a.status == ApplicationStatus::Selected.as_str()
                    && !self.parcels.iter().any(|p| {
                        p.application_id.as_deref() == Some(a.id.as_str()) && p.leg != LEG_RETURN
                    })
            })
            .filter_map(|a| {
                let (timeline, facts) = self.app_domain(&a.id)?;
                let task = self.tasks.get(&a.task_id)?;
                let alerts = stardesk_domain::logistics::application_alerts(
                    &timeline, &facts, None, self.now,
                );
                Some(AwaitingShipmentView {
                    application_id: a.id.clone(),
                    task_title: task.title.clone(),
                    brand: task.brand.clone(),
                    ship_by: timeline.ship_by.map(|d| d.format("%Y-%m-%d").to_string()),
                    late_shipping_after: Some(
                        timeline.late_shipping_after.format("%Y-%m-%d").to_string(),
                    ),
                    alerts: alerts.iter().map(|al| alert_view(al, None)).collect(),
                })
            })
            .collect();
        out.sort_by(|a, b| {
            (a.alerts.is_empty(), &a.ship_by, &a.application_id).cmp(&(
                b.alerts.is_empty(),
                &b.ship_by,
                &b.application_id,
            ))
        });
        out
    }
}

impl Context {
    async fn snapshot(&self) -> Result<Snapshot, AppError> {
        let (parcels, events) = with_store(&self.reader, |s| {
            let parcels = s.shipments()?;
            let mut events = HashMap::new();
            for p in &parcels {
                events.insert(p.id, s.shipment_events(p.id)?);
            }
            Ok((parcels, events))
        })
        .await?;
        let (apps, tasks) = self.applications_with_terms().await?;
        let thresholds = self.alert_thresholds().await?.domain();
        Ok(Snapshot {
            parcels,
            events,
            apps: apps.into_iter().map(|a| (a.id.clone(), a)).collect(),
            tasks,
            thresholds,
            now: Utc::now().with_timezone(&china()).naive_local(),
        })
    }

    /// Every parcel with its state, last event and alerts (those with alerts first, the
    /// most urgent first), and the selected applications still waiting for their sample.
    pub async fn logistics(&self) -> Result<LogisticsView, AppError> {
        let snap = self.snapshot().await?;
        let mut parcels: Vec<ParcelView> =
            snap.parcels.iter().map(|p| snap.parcel_view(p)).collect();
        // Stable: the store's order (newest shipping first) within equal urgency.
        parcels.sort_by_key(|p| p.alerts.first().map_or(usize::MAX, |a| a.code as usize));
        let awaiting = snap.awaiting();
        Ok(LogisticsView {
            parcels,
            awaiting,
            tracking: self.tracking_settings().await?,
        })
    }

    /// One parcel with every event, newest first.
    pub async fn parcel(&self, id: String) -> Result<ParcelDetail, AppError> {
        let n = super::parse_id(&id)?;
        let snap = self.snapshot().await?;
        let rec = snap
            .parcels
            .iter()
            .find(|p| p.id == n)
            .ok_or_else(|| AppError::new(ErrorCode::NotFound, format!("no parcel {id}")))?;
        Ok(ParcelDetail {
            parcel: snap.parcel_view(rec),
            events: snap
                .events
                .get(&n)
                .map(|e| e.iter().map(event_view).collect())
                .unwrap_or_default(),
        })
    }

    /// The parcel state of each application's outbound parcel, for My campaigns.
    pub(crate) async fn parcel_states(&self) -> Result<super::ParcelStates, AppError> {
        let (parcels, events) = with_store(&self.reader, |s| {
            let parcels = s.shipments()?;
            let mut events = HashMap::new();
            for p in parcels.iter().filter(|p| p.application_id.is_some()) {
                let newest: Vec<ShipmentEventRecord> =
                    s.shipment_events(p.id)?.into_iter().take(1).collect();
                events.insert(p.id, newest);
            }
            Ok((parcels, events))
        })
        .await?;
        Ok(parcels
            .iter()
            .filter(|p| p.leg != LEG_RETURN)
            .filter_map(|p| {
                let app = p.application_id.clone()?;
                let state = p
                    .state
                    .as_deref()
                    .and_then(ShipmentState::from_name)
                    .and_then(|s| ShipmentStateCode::from_code(s.name()));
                let last = events.get(&p.id).and_then(|e| e.first()).map(event_view);
                Some((app, (p.id.to_string(), state, last)))
            })
            .collect())
    }
}
