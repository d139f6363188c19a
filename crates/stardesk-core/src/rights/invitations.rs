//! Preferred invitations (R-PREF-*): announcing each once, the list with the acceptance
//! rate and what each order nets, answering within the hour, the Stars-plan setting.

use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use stardesk_domain::fees::{CreatorKind, FeeKind, FeeSchedule};
use stardesk_domain::rights::preferred::{
    acceptance_rate, after_decline, below_floor, declines_left, preferred_net, respond_by,
    time_left, ACCEPTANCE_FLOOR_PERCENT,
};
use stardesk_platform::new_idempotency_key;
use stardesk_platform::wire::{
    Acceptance, Invitation, InvitationKind, InvitationList, InvitationStatus,
};
use stardesk_store::rights::{RightsAction, RightsOutboxRecord};

use super::ipc::*;
use super::view::{send_state, two_places};
use super::{CLOSING_NOTICE, SETTING_STARS_PLAN};
use crate::context::{with_store, Context};
use crate::error::{AppError, ErrorCode};
use crate::events::{AppEvent, DataArea};
use crate::jobs::{timestamp, JobKind};
use crate::task_hall::view::{creator_facts, creator_kind};

/// The list before the first sync: nothing received, nothing answered.
fn no_invitations() -> InvitationList {
    InvitationList {
        items: Vec::new(),
        acceptance: Acceptance {
            accepted: 0,
            total: 0,
        },
    }
}

impl Context {
    /// One notification per invitation seen for the first time while pending, and one
    /// per dispatch whose hour is almost over (each once).
    pub(super) async fn announce_invitations(
        &self,
        source: &str,
        list: &InvitationList,
    ) -> Result<(), AppError> {
        let now = Utc::now();
        let pending: Vec<_> = list
            .items
            .iter()
            .filter(|i| i.status == InvitationStatus::Pending)
            .filter(|i| {
                i.kind == InvitationKind::Inquiry
                    || time_left(i.received_at.naive_utc(), now.naive_utc()).is_some()
            })
            .collect();
        let ids: Vec<String> = pending.iter().map(|i| i.id.clone()).collect();
        let closing: Vec<String> = pending
            .iter()
            .filter(|i| {
                i.kind == InvitationKind::Dispatch
                    && time_left(i.received_at.naive_utc(), now.naive_utc())
                        .is_some_and(|left| left <= CLOSING_NOTICE)
            })
            .map(|i| i.id.clone())
            .collect();
        let (src, at) = (source.to_string(), timestamp(now));
        let (new, warn) = with_store(&self.writer, move |s| {
            Ok((
                s.first_seen_invitations(&src, &ids, &at)?,
                s.warn_invitations(&src, &closing, &at)?,
            ))
        })
        .await?;
        let notice = |id: &String| {
            list.items
                .iter()
                .find(|i| &i.id == id)
                .map(|i| InvitationNotice {
                    id: i.id.clone(),
                    kind: invitation_kind(i.kind),
                    task_title: i.task_title.clone(),
                    brand: i.brand.clone(),
                    respond_by: (i.kind == InvitationKind::Dispatch)
                        .then(|| respond_by(i.received_at.naive_utc()).and_utc().to_rfc3339()),
                })
        };
        let arrived: Vec<InvitationNotice> = new.iter().filter_map(notice).collect();
        if !arrived.is_empty() {
            self.emit(AppEvent::InvitationsArrived {
                invitations: arrived,
                closing: false,
            });
        }
        // A dispatch first seen already in its last minutes is announced once, as arrived.
        let closing: Vec<InvitationNotice> = warn
            .iter()
            .filter(|id| !new.contains(id))
            .filter_map(notice)
            .collect();
        if !closing.is_empty() {
            self.emit(AppEvent::InvitationsArrived {
                invitations: closing,
                closing: true,
            });
        }
        Ok(())
    }

    /// Preferred invitations, pending first, and the acceptance rate.
    pub async fn invitations(&self) -> Result<InvitationsView, AppError> {
        let (source, cache) = self.rights_cache_now().await?;
        let outbox = self.rights_outbox_now(&source).await?;
        let src = source.clone();
        let (creator, stars) = with_store(&self.reader, move |s| {
            Ok((s.creator(&src)?, s.setting(SETTING_STARS_PLAN)?))
        })
        .await?;
        let creator = creator_facts(creator.as_ref());
        let cx = InvitationContext {
            outbox: &outbox,
            now: Utc::now(),
            creator: creator_kind(&creator),
            fees: &self.fees,
        };
        let list = cache.invitations.unwrap_or_else(no_invitations);
        let mut items: Vec<InvitationView> =
            list.items.iter().map(|i| invitation_view(i, &cx)).collect();
        // Pending first (the hour running out first), then the newest.
        items.sort_by(|a, b| {
            let key = |v: &InvitationView| {
                (
                    v.status != InvitationStatusCode::Pending,
                    v.respond_by.is_none(),
                    v.respond_by.clone(),
                    std::cmp::Reverse(v.received_at.clone()),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(InvitationsView {
            items,
            acceptance: acceptance_view(list.acceptance.accepted, list.acceptance.total),
            stars_plan: stars.as_deref() == Some("1"),
            agency: creator.agency.is_some(),
        })
    }

    /// Queues the answer to a pending invitation; a dispatch is accepted within its hour
    /// only (R-PREF-4).
    pub async fn answer_invitation(
        &self,
        id: String,
        accept: bool,
    ) -> Result<InvitationView, AppError> {
        let (source, cache) = self.rights_cache_now().await?;
        let list = cache.invitations.unwrap_or_else(no_invitations);
        let inv = list.items.iter().find(|i| i.id == id).ok_or_else(|| {
            AppError::new(
                ErrorCode::NotFound,
                format!("no invitation {id:?}; sync the rights center"),
            )
        })?;
        let now = Utc::now();
        let hour_over = inv.kind == InvitationKind::Dispatch
            && (inv.status == InvitationStatus::Expired
                || time_left(inv.received_at.naive_utc(), now.naive_utc()).is_none());
        if !hour_over && inv.status != InvitationStatus::Pending {
            return Err(AppError::new(
                ErrorCode::Refused,
                format!("invitation {id}: already answered or expired"),
            ));
        }
        if hour_over {
            let by = respond_by(inv.received_at.naive_utc()).and_utc();
            return Err(AppError::new(
                ErrorCode::Refused,
                format!(
                    "invitation {id}: the hour to answer a dispatch ended at {} (R-PREF-4)",
                    by.with_timezone(&crate::applications::view::china())
                        .format("%Y-%m-%d %H:%M")
                ),
            ));
        }
        let action = if accept {
            RightsAction::Accept
        } else {
            RightsAction::Decline
        };
        let (src, target, at, key) = (
            source.clone(),
            id.clone(),
            timestamp(now),
            new_idempotency_key(),
        );
        with_store(&self.writer, move |s| {
            s.queue_rights_action(&src, &key, action, &target, &at)
        })
        .await?;
        self.emit(AppEvent::data_changed(&[DataArea::Rights]));
        self.schedule_job(JobKind::Rights, None).await?;
        let view = self.invitations().await?;
        view.items
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| AppError::new(ErrorCode::Internal, "the invitation went away"))
    }

    /// The creator is in the Stars plan (R-PREF-6).
    pub async fn set_stars_plan(&self, member: bool) -> Result<InvitationsView, AppError> {
        with_store(&self.writer, move |s| {
            s.set_setting(SETTING_STARS_PLAN, member.then_some("1"))
        })
        .await?;
        self.emit(AppEvent::data_changed(&[DataArea::Rights]));
        self.invitations().await
    }
}

pub(crate) fn acceptance_view(accepted: u32, total: u32) -> AcceptanceView {
    // R-PREF-2, R-PREF-5: the rate now and after one more refusal, against 80%.
    let rate = acceptance_rate(accepted, total);
    let after = after_decline(accepted, total);
    AcceptanceView {
        accepted,
        total,
        rate: two_places(rate),
        below_floor: below_floor(rate),
        after_decline: two_places(after),
        after_decline_below_floor: below_floor(after),
        declines_left: declines_left(accepted, total),
        floor: two_places(ACCEPTANCE_FLOOR_PERCENT),
    }
}

pub(crate) fn invitation_kind(k: InvitationKind) -> InvitationKindCode {
    match k {
        InvitationKind::Inquiry => InvitationKindCode::Inquiry,
        InvitationKind::Dispatch => InvitationKindCode::Dispatch,
    }
}

pub(crate) struct InvitationContext<'a> {
    pub outbox: &'a [RightsOutboxRecord],
    pub now: DateTime<Utc>,
    pub creator: CreatorKind,
    pub fees: &'a FeeSchedule,
}

pub(crate) fn invitation_view(i: &Invitation, cx: &InvitationContext<'_>) -> InvitationView {
    let answer = cx.outbox.iter().rev().find(|o| {
        matches!(o.action, RightsAction::Accept | RightsAction::Decline) && o.target_id == i.id
    });
    let (send_state, send_error, send_refusal) = send_state(answer);
    let dispatch = i.kind == InvitationKind::Dispatch;
    let received = i.received_at.naive_utc();
    // R-PREF-4: a dispatch is accepted within the hour after it arrived.
    let by = dispatch.then(|| respond_by(received).and_utc());
    let left = (dispatch && i.status == InvitationStatus::Pending)
        .then(|| time_left(received, cx.now.naive_utc()))
        .flatten()
        .map(|d| d.num_seconds());
    // R-PREF-3: the price less 15%, and 5% more for an independent creator.
    let net = preferred_net(i.price, cx.creator, false, cx.fees).breakdown;
    let fee = |kind: FeeKind| {
        net.fees
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| f.amount)
            .sum::<Decimal>()
    };
    InvitationView {
        id: i.id.clone(),
        kind: invitation_kind(i.kind),
        task_title: i.task_title.clone(),
        brand: i.brand.clone(),
        received_at: i.received_at.to_rfc3339(),
        respond_by: by.map(|b| b.to_rfc3339()),
        seconds_left: left,
        status: match i.status {
            InvitationStatus::Pending if dispatch && left.is_none() => {
                InvitationStatusCode::Expired
            }
            InvitationStatus::Pending => InvitationStatusCode::Pending,
            InvitationStatus::Accepted => InvitationStatusCode::Accepted,
            InvitationStatus::Declined => InvitationStatusCode::Declined,
            InvitationStatus::Expired => InvitationStatusCode::Expired,
        },
        net: NetPreview {
            price: two_places(net.gross),
            technical_fee: two_places(fee(FeeKind::PreferredTechnical)),
            platform_fee: two_places(fee(FeeKind::PlatformService)),
            net: two_places(net.net),
        },
        answer: answer.map(|a| a.action.as_str().to_string()),
        send_state,
        send_error,
        send_refusal,
    }
}
