//! Stored applications and outbox items as the window and the CLI show them, with the
//! domain's timeline (R-REVIEW-3, 8, 9, 10, 13, 14, 15) worked out for today.

use chrono::{DateTime, FixedOffset, NaiveDate};
use stardesk_domain::campaign::{
    self, mask_phone, progress, timeline, ApplicationFacts, Party, StepState, TaskDates,
    TimelineKey,
};
use stardesk_domain::money::{format_yuan, from_fen};
use stardesk_store::applications::outbox::{OutboxRecord, OutboxState};
use stardesk_store::applications::{ApplicationRecord, CampaignTaskRecord, ShippingRecord};

use super::ipc::*;
use crate::error::{code_from_str, AppError};
use crate::wire::day;

/// China time (UTC+8): the calendar every campaign date is in.
pub fn china() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("utc"))
}

/// The China calendar day of an RFC 3339 instant.
pub(crate) fn china_day(instant: &str) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(instant)
        .ok()
        .map(|t| t.with_timezone(&china()).date_naive())
}

pub(crate) fn status_of(code: &str) -> Option<(ApplicationStatus, campaign::ApplicationStatus)> {
    use campaign::ApplicationStatus as D;
    let ipc = ApplicationStatus::from_code_str(code)?;
    let domain = match ipc {
        ApplicationStatus::Submitted => D::Submitted,
        ApplicationStatus::Withdrawn => D::Withdrawn,
        ApplicationStatus::NotSelected => D::NotSelected,
        ApplicationStatus::Selected => D::Selected,
        ApplicationStatus::Shipped => D::Shipped,
        ApplicationStatus::Delivered => D::Delivered,
        ApplicationStatus::ContentSubmitted => D::ContentSubmitted,
        ApplicationStatus::ContentRejected => D::ContentRejected,
        ApplicationStatus::ContentApproved => D::ContentApproved,
        ApplicationStatus::Published => D::Published,
        ApplicationStatus::Completed => D::Completed,
        ApplicationStatus::Failed => D::Failed,
        ApplicationStatus::RewardListed => D::RewardListed,
        ApplicationStatus::RewardPaid => D::RewardPaid,
    };
    Some((ipc, domain))
}

impl ApplicationStatus {
    fn from_code_str(code: &str) -> Option<Self> {
        <Self as crate::codes::Code>::from_code(code)
    }
}

/// A date's name in Chinese, for the calendar file.
pub(crate) fn key_title_zh(key: TimelineKeyCode) -> &'static str {
    match key {
        TimelineKeyCode::SelectionBy => "品牌方选择截止",
        TimelineKeyCode::ShipBy => "样品寄出截止",
        TimelineKeyCode::LateShippingAfter => "逾期寄样起算",
        TimelineKeyCode::UploadBy => "作品上传截止",
        TimelineKeyCode::CooperationEnds => "合作期结束",
        TimelineKeyCode::RewardPublicityEnds => "奖励公示结束",
        TimelineKeyCode::RetainUntil => "作品保留至",
        TimelineKeyCode::BenefitExpires => "权益卡到期",
        TimelineKeyCode::LevelDrops => "等级将降",
    }
}

/// A date's name in English, for the calendar file.
pub(crate) fn key_title_en(key: TimelineKeyCode) -> &'static str {
    match key {
        TimelineKeyCode::SelectionBy => "Selection due",
        TimelineKeyCode::ShipBy => "Sample ships by",
        TimelineKeyCode::LateShippingAfter => "Shipping late after",
        TimelineKeyCode::UploadBy => "Upload by",
        TimelineKeyCode::CooperationEnds => "Cooperation ends",
        TimelineKeyCode::RewardPublicityEnds => "Reward list public until",
        TimelineKeyCode::RetainUntil => "Keep the work up until",
        TimelineKeyCode::BenefitExpires => "Benefit card expires",
        TimelineKeyCode::LevelDrops => "Level drops",
    }
}

pub(crate) fn key_code(key: TimelineKey) -> TimelineKeyCode {
    match key {
        TimelineKey::SelectionBy => TimelineKeyCode::SelectionBy,
        TimelineKey::ShipBy => TimelineKeyCode::ShipBy,
        TimelineKey::LateShippingAfter => TimelineKeyCode::LateShippingAfter,
        TimelineKey::UploadBy => TimelineKeyCode::UploadBy,
        TimelineKey::CooperationEnds => TimelineKeyCode::CooperationEnds,
        TimelineKey::RewardPublicityEnds => TimelineKeyCode::RewardPublicityEnds,
        TimelineKey::RetainUntil => TimelineKeyCode::RetainUntil,
    }
}

fn state_code(s: StepState) -> StepStateCode {
    match s {
        StepState::Done => StepStateCode::Done,
        StepState::Next => StepStateCode::Next,
        StepState::Later => StepStateCode::Later,
        StepState::Missed => StepStateCode::Missed,
        StepState::NotApplicable => StepStateCode::NotApplicable,
    }
}

pub(crate) fn task_dates(task: &CampaignTaskRecord) -> TaskDates {
    TaskDates {
        ship_by: task.ship_by,
        upload_deadline: task.upload_deadline,
        retention_days: task.retention_days,
        cash_reward: task.reward.pays_cash(),
    }
}

/// The domain's view of a stored application: its timeline and facts, when its status
/// and applying day can be read.
pub(crate) fn domain_of(
    a: &ApplicationRecord,
    task: &CampaignTaskRecord,
) -> Option<(campaign::Timeline, ApplicationFacts)> {
    let (_, status) = status_of(&a.status)?;
    let applied_on = china_day(&a.applied_at)?;
    let t = timeline(applied_on, &task_dates(task), a.published_on);
    Some((
        t,
        ApplicationFacts {
            status,
            shipped_on: a.shipped_on,
            published_on: a.published_on,
        },
    ))
}

pub(crate) fn shipping_view(s: &ShippingRecord) -> ShippingView {
    ShippingView {
        contact_name: s.contact_name.clone(),
        phone_masked: mask_phone(&s.phone),
        province: s.province.clone(),
        city: s.city.clone(),
        district: s.district.clone(),
    }
}

/// An application as the window shows it, its timeline worked out for `today`.
pub(crate) fn application_view(
    a: &ApplicationRecord,
    task: Option<&CampaignTaskRecord>,
    today: NaiveDate,
) -> Result<ApplicationView, AppError> {
    let (status, domain_status) = status_of(&a.status).ok_or_else(|| {
        AppError::new(
            crate::ErrorCode::StoreFailed,
            format!("application {}: unknown status {:?}", a.id, a.status),
        )
    })?;
    let timeline_steps = match task.and_then(|t| domain_of(a, t)) {
        Some((t, facts)) => progress(&t, &facts, today)
            .into_iter()
            .map(|s| TimelineStep {
                key: key_code(s.key),
                date: s.date.map(day),
                state: state_code(s.state),
                late: s.late.map(|p| match p {
                    Party::Brand => PartyCode::Brand,
                    Party::Creator => PartyCode::Creator,
                }),
                rule: s.key.rule().to_string(),
                days_left: s.date.map(|d| (d - today).num_days()),
            })
            .collect(),
        None => Vec::new(),
    };
    let shipped = a.shipped_on.is_some();
    Ok(ApplicationView {
        id: a.id.clone(),
        task_id: a.task_id.clone(),
        task_title: task.map(|t| t.title.clone()).unwrap_or_default(),
        brand: task.map(|t| t.brand.clone()).unwrap_or_default(),
        status,
        applied_at: a.applied_at.clone(),
        applied_on: china_day(&a.applied_at).map(day).unwrap_or_default(),
        shipping: shipping_view(&a.shipping),
        selected_at: a
            .selection
            .as_ref()
            .filter(|(o, _)| o == "selected")
            .map(|(_, at)| at.clone()),
        shipment: match (&a.carrier, &a.tracking_no, a.shipped_on) {
            (Some(carrier), Some(no), Some(on)) => Some(ShipmentView {
                carrier: carrier.clone(),
                tracking_no: no.clone(),
                shipped_on: day(on),
                parcel_id: None,
                parcel_state: None,
                last_event: None,
            }),
            _ => None,
        },
        delivered_at: a.delivered_at.clone(),
        receipt: a.receipt.as_ref().map(|(received, note, at)| ReceiptView {
            received: *received,
            note: note.clone(),
            reported_at: at.clone(),
        }),
        content: a.content_url.as_ref().map(|url| ContentView {
            url: url.clone(),
            submitted_at: a.content_submitted_at.clone().unwrap_or_default(),
            review: a.review.as_ref().and_then(|(o, _, _)| match o.as_str() {
                "approved" => Some(ReviewOutcomeCode::Approved),
                "rejected" => Some(ReviewOutcomeCode::Rejected),
                _ => None,
            }),
            review_reason: a.review.as_ref().and_then(|(_, r, _)| r.clone()),
        }),
        published_on: a.published_on.map(day),
        reward: a.reward_fen.map(|fen| ListedRewardView {
            amount: format_yuan(from_fen(fen)),
            listed_on: a.reward_listed_on.map(day),
            paid_on: a.reward_paid_on.map(day),
        }),
        timeline: timeline_steps,
        can_withdraw: domain_status == campaign::ApplicationStatus::Submitted,
        can_report_receipt: shipped
            && matches!(
                domain_status,
                campaign::ApplicationStatus::Shipped | campaign::ApplicationStatus::Delivered
            ),
        can_report_content: domain_status.was_selected()
            && !domain_status.content_approved()
            && !domain_status.is_closed(),
    })
}

/// An outbox item as the window shows it.
pub(crate) fn outbox_view(o: &OutboxRecord, task: Option<&CampaignTaskRecord>) -> OutboxItemView {
    OutboxItemView {
        id: o.id.to_string(),
        task_id: o.task_id.clone(),
        task_title: task.map(|t| t.title.clone()).unwrap_or_default(),
        brand: task.map(|t| t.brand.clone()).unwrap_or_default(),
        created_at: o.created_at.clone(),
        state: match o.state {
            OutboxState::Waiting => OutboxStateCode::Waiting,
            OutboxState::Refused => OutboxStateCode::Refused,
            OutboxState::Sent => OutboxStateCode::Sent,
        },
        attempts: o.attempts,
        next_attempt_at: o.next_attempt_at.clone(),
        last_error: o.last_error_code.as_ref().map(|code| {
            AppError::new(
                if o.state == OutboxState::Refused {
                    crate::ErrorCode::Refused
                } else {
                    code_from_str(code)
                },
                o.last_error_message.clone().unwrap_or_default(),
            )
        }),
        refusal_code: o.refusal_code.clone(),
        problems: o
            .problems
            .iter()
            .map(|p| RemoteProblemView {
                field: p.field.clone(),
                code: p.code.clone(),
                message: p.message.clone(),
            })
            .collect(),
        application_id: o.application_id.clone(),
        shipping: shipping_view(&o.shipping),
    }
}
