//! The platform's applications and tasks (wire types) into the store's records.

use stardesk_domain::money::to_fen;
use stardesk_platform::convert::task_record;
use stardesk_platform::wire::{self, ReviewOutcome, SelectionOutcome};
use stardesk_store::applications::{ApplicationRecord, CampaignTaskRecord, ShippingRecord};

use crate::error::{AppError, ErrorCode};

fn instant(t: &chrono::DateTime<chrono::Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn protocol(what: String) -> AppError {
    AppError::new(ErrorCode::PlatformProtocol, what)
}

/// An application as the store keeps it.
pub(crate) fn application_record(a: &wire::Application) -> Result<ApplicationRecord, AppError> {
    let reward_fen = a
        .reward
        .as_ref()
        .map(|r| {
            to_fen(r.amount).map_err(|e| protocol(format!("application {}: reward: {e}", a.id)))
        })
        .transpose()?;
    Ok(ApplicationRecord {
        id: a.id.clone(),
        task_id: a.task_id.clone(),
        status: serde_json::to_value(a.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .ok_or_else(|| protocol(format!("application {}: status", a.id)))?,
        applied_at: instant(&a.applied_at),
        shipping: ShippingRecord {
            contact_name: a.shipping.contact_name.clone(),
            phone: a.shipping.phone.clone(),
            region_code: a.shipping.address.region_code.clone(),
            province: a.shipping.address.province.clone(),
            city: a.shipping.address.city.clone(),
            district: a.shipping.address.district.clone(),
            detail: a.shipping.address.detail.clone(),
        },
        strengths: a.strengths.clone(),
        idea: a.idea.clone(),
        withdrawn_at: a.withdrawn_at.as_ref().map(instant),
        selection: a.selection.as_ref().map(|s| {
            let outcome = match s.outcome {
                SelectionOutcome::Selected => "selected",
                SelectionOutcome::Passed => "passed",
                SelectionOutcome::Expired => "expired",
            };
            (outcome.to_string(), instant(&s.decided_at))
        }),
        carrier: a.shipment.as_ref().map(|s| s.carrier.clone()),
        tracking_no: a.shipment.as_ref().map(|s| s.tracking_no.clone()),
        shipped_on: a.shipment.as_ref().map(|s| s.shipped_at),
        delivered_at: a.delivered_at.as_ref().map(instant),
        receipt: a
            .receipt
            .as_ref()
            .map(|r| (r.received, r.note.clone(), instant(&r.reported_at))),
        content_url: a.content.as_ref().map(|c| c.url.clone()),
        content_submitted_at: a.content.as_ref().map(|c| instant(&c.submitted_at)),
        review: a.content.as_ref().and_then(|c| c.review.as_ref()).map(|r| {
            let outcome = match r.outcome {
                ReviewOutcome::Approved => "approved",
                ReviewOutcome::Rejected => "rejected",
            };
            (
                outcome.to_string(),
                r.reason.clone(),
                instant(&r.reviewed_at),
            )
        }),
        published_on: a.published_on,
        reward_fen,
        reward_listed_on: a.reward.as_ref().map(|r| r.listed_on),
        reward_paid_on: a.reward.as_ref().and_then(|r| r.paid_on),
        updated_at: instant(&a.updated_at),
    })
}

/// The terms of a task, for its applications' timelines.
pub(crate) fn campaign_task(t: &wire::Task, now: &str) -> Result<CampaignTaskRecord, AppError> {
    let record = task_record(t).map_err(|e| protocol(e.to_string()))?;
    Ok(CampaignTaskRecord {
        task_id: record.id,
        title: record.title,
        brand: record.brand,
        apply_start: record.apply_start,
        apply_end: record.apply_end,
        ship_by: record.ship_by,
        upload_deadline: record.upload_deadline,
        retention_days: record.retention_days,
        reward: record.reward,
        fetched_at: now.to_string(),
    })
}

/// The terms of a task from the task hall's cache.
pub(crate) fn campaign_task_from_cache(
    t: &stardesk_store::tasks::TaskRecord,
    now: &str,
) -> CampaignTaskRecord {
    CampaignTaskRecord {
        task_id: t.id.clone(),
        title: t.title.clone(),
        brand: t.brand.clone(),
        apply_start: t.apply_start,
        apply_end: t.apply_end,
        ship_by: t.ship_by,
        upload_deadline: t.upload_deadline,
        retention_days: t.retention_days,
        reward: t.reward.clone(),
        fetched_at: now.to_string(),
    }
}
