//! The rights center's [`Control`] methods: invitations sent now, the creator's metrics,
//! a card expired now.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_platform::wire::{BenefitCard, Invitation, InvitationKind, PostKind};

use super::MetricsCounters;
use crate::api::lock;
use crate::store::StoreError;
use crate::{Control, ControlError};

fn storage(err: StoreError) -> ControlError {
    ControlError::Storage(err.to_string())
}

impl Control {
    /// The platform sends the demo creator a preferred-order invitation now (R-PREF-7), at
    /// `price` yuan; returns its id. A dispatch must be accepted within the hour
    /// (R-PREF-4): from `now` + 1 h on it is `expired`.
    pub fn send_invitation(
        &self,
        kind: InvitationKind,
        price: Decimal,
    ) -> Result<String, ControlError> {
        self.invite(kind, Some(price)).map(|i| i.id)
    }

    /// [`Self::send_invitation`], at the offer's own price when `price` is `None`.
    pub(crate) fn invite(
        &self,
        kind: InvitationKind,
        price: Option<Decimal>,
    ) -> Result<Invitation, ControlError> {
        lock(&self.shared.store)
            .send_invitation(kind, price)
            .map_err(storage)
    }

    /// The demo creator published a post on `day` (R-LEVEL-2): it is in the metrics'
    /// `posts` (and the cycle's averages) once `day` is within the 60 days listed. The
    /// counters, `avg_valid_plays` included, do not change ([`Self::set_metrics`]).
    pub fn add_post(
        &self,
        day: NaiveDate,
        kind: PostKind,
        valid_plays: u64,
    ) -> Result<(), ControlError> {
        lock(&self.shared.store)
            .add_post(day, kind, valid_plays)
            .map_err(storage)
    }

    /// The demo creator's counters now.
    pub fn metrics(&self) -> Result<MetricsCounters, ControlError> {
        lock(&self.shared.store).counters().map_err(storage)
    }

    /// Replaces the demo creator's counters (kept in the database); `followers` also
    /// becomes `/v1/me`'s.
    pub fn set_metrics(&self, counters: MetricsCounters) -> Result<(), ControlError> {
        lock(&self.shared.store)
            .set_counters(&counters)
            .map_err(storage)?;
        lock(&self.shared.me).followers = counters.followers;
        Ok(())
    }

    /// The demo creator now has `n` followers (the metrics' and `/v1/me`'s).
    pub fn set_followers(&self, n: u64) -> Result<(), ControlError> {
        let counters = MetricsCounters {
            followers: n,
            ..self.metrics()?
        };
        self.set_metrics(counters)
    }

    /// The card expires now: its last day becomes yesterday (unless earlier) and it is
    /// `expired`, unless it was used.
    pub fn expire_benefit(&self, id: &str) -> Result<BenefitCard, ControlError> {
        lock(&self.shared.store)
            .expire_benefit(id)
            .map_err(storage)?
            .ok_or_else(|| ControlError::Missing(format!("no benefit {id}")))
    }
}
