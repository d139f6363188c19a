//! The rights outbox sender: posts every waiting claim and answer of the current source
//! with its own idempotency key until the platform answers, as the applications' sender
//! does (`crate::applications::sender`): a confirmation and the cache it changes are one
//! transaction; the network, a 5xx or a 429 backs off and keeps the key; any other 4xx
//! stops the item with the platform's reason.

use chrono::{DateTime, Utc};
use stardesk_platform::wire::{
    BenefitCard, Invitation, InvitationKind, InvitationList, InvitationStatus,
};
use stardesk_platform::{PlatformClient, PlatformError};
use stardesk_store::rights::{CachePart, RightsAction, RightsOutboxRecord};

use super::{part, RightsCache, PART_BENEFITS, PART_INVITATIONS};
use crate::applications::sender::retry_of;
use crate::context::{with_store, Context};
use crate::error::AppError;
use crate::events::{AppEvent, DataArea};
use crate::jobs::timestamp;

enum Confirmed {
    Card(BenefitCard),
    Invitation(Invitation),
}

/// The cache part the confirmation changes: the card or the invitation replaced (and an
/// answered inquiry counted in the acceptance rate until the next sync says it exactly).
fn patched(
    cache: &RightsCache,
    item: &RightsOutboxRecord,
    c: &Confirmed,
) -> Result<Option<CachePart>, AppError> {
    match c {
        Confirmed::Card(card) => {
            let mut cards = cache.benefits.clone();
            match cards.iter_mut().find(|b| b.id == card.id) {
                Some(slot) => *slot = card.clone(),
                None => cards.push(card.clone()),
            }
            part(PART_BENEFITS, &cards).map(Some)
        }
        Confirmed::Invitation(inv) => {
            let Some(list) = &cache.invitations else {
                return Ok(None);
            };
            let mut list: InvitationList = list.clone();
            let before = list.items.iter().find(|i| i.id == inv.id).map(|i| i.status);
            if before == Some(InvitationStatus::Pending) && inv.kind == InvitationKind::Inquiry {
                list.acceptance.total += 1;
                if item.action == RightsAction::Accept {
                    list.acceptance.accepted += 1;
                }
            }
            match list.items.iter_mut().find(|i| i.id == inv.id) {
                Some(slot) => *slot = inv.clone(),
                None => list.items.insert(0, inv.clone()),
            }
            part(PART_INVITATIONS, &list).map(Some)
        }
    }
}

impl Context {
    /// Sends every waiting claim and answer of `source` that is due (all with `force`);
    /// returns when the next one is due.
    pub(crate) async fn send_rights_outbox(
        &self,
        client: &PlatformClient,
        source: &str,
        force: bool,
    ) -> Result<Option<DateTime<Utc>>, AppError> {
        let due_at = if force {
            "9999-12-31T23:59:59.999Z".to_string()
        } else {
            timestamp(Utc::now())
        };
        let _platform = self.rights_lock.lock().await;
        let src = source.to_string();
        let due = with_store(&self.reader, move |s| s.rights_outbox_due(&src, &due_at)).await?;
        let mut changed = false;
        for item in &due {
            let answer = match item.action {
                RightsAction::Claim => client
                    .claim_benefit(&item.target_id, &item.idempotency_key)
                    .await
                    .map(Confirmed::Card),
                RightsAction::Accept | RightsAction::Decline => client
                    .answer_invitation(
                        &item.target_id,
                        item.action == RightsAction::Accept,
                        &item.idempotency_key,
                    )
                    .await
                    .map(Confirmed::Invitation),
            };
            let id = item.id;
            changed = true;
            match answer {
                Ok(confirmed) => {
                    let (_, cache) = self.rights_cache_now().await?;
                    let p = patched(&cache, item, &confirmed)?;
                    let at = timestamp(Utc::now());
                    with_store(&self.writer, move |s| {
                        s.mark_rights_sent(id, &at, p.as_ref())
                    })
                    .await?;
                }
                // An answer that could not be read (a success whose body is not a card or
                // an invitation) may mean the platform did it: the item keeps waiting and
                // goes again under the same key, which replays it, as the outbox does.
                Err(e) if e.is_transient() || matches!(e, PlatformError::Protocol(_)) => {
                    let (at, code, message) = retry_of(item.attempts, e);
                    with_store(&self.writer, move |s| {
                        s.mark_rights_retry(id, &at, code, &message)
                    })
                    .await?;
                }
                Err(e @ PlatformError::Unauthorized { .. }) => return Err(e.into()),
                Err(e) => {
                    let AppError {
                        message, refusal, ..
                    } = AppError::from(e);
                    with_store(&self.writer, move |s| {
                        s.mark_rights_refused(id, refusal.as_deref(), &message)
                    })
                    .await?;
                }
            }
        }
        if changed {
            self.emit(AppEvent::data_changed(&[DataArea::Rights]));
        }
        let src = source.to_string();
        let waiting = with_store(&self.reader, move |s| s.rights_outbox(&src)).await?;
        Ok(waiting
            .iter()
            .filter_map(|o| o.next_attempt_at.as_deref())
            .filter_map(|at| DateTime::parse_from_rfc3339(at).ok())
            .map(|at| at.with_timezone(&Utc))
            .min())
    }
}
