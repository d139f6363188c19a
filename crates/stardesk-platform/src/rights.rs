//! The client's calls of the rights center (权益中心): growth metrics, benefits, extra
//! dispatches, the star index, preferred-order invitations, the featured case and the
//! MCN agency directory (`/v1/rights/*`, `/v1/agencies`).
//!
//! Reads are retried like every read. A claim or an answer changes state, so it carries an
//! idempotency key and is retried only with it, unchanged; the featured case has no key and
//! is sent once (see [`PlatformClient::submit_featured_case`]).

use reqwest::StatusCode;
use stardesk_domain::rights::BenefitKind as DomainKind;

use crate::client::{check_id, Call, PlatformClient, PlatformError};
use crate::wire::{
    AgencyDirectory, AgencyEntry, BenefitCard, BenefitKind, BenefitList, DispatchWindow,
    DispatchWindows, FeaturedCase, FeaturedCaseRequest, FeaturedCaseState, Invitation,
    InvitationList, RightsMetrics, StarIndex, StarIndexHistory, STAR_INDEX_HISTORY_MAX_DAYS,
};

impl PlatformClient {
    /// `GET /v1/rights/metrics`: what the level rules look at (R-LEVEL-2, R-LEVEL-3).
    pub async fn rights_metrics(&self) -> Result<RightsMetrics, PlatformError> {
        self.get_json(Call::get("v1/rights/metrics".into(), Vec::new()))
            .await
    }

    /// `GET /v1/rights/benefits`: every benefit card, the newest issued first.
    pub async fn benefits(&self) -> Result<Vec<BenefitCard>, PlatformError> {
        let list: BenefitList = self
            .get_json(Call::get("v1/rights/benefits".into(), Vec::new()))
            .await?;
        Ok(list.items)
    }

    /// Claims a benefit (R-LEVEL-5): the card, now `claimed`.
    ///
    /// `idempotency_key` ([`crate::new_idempotency_key`]) is made once per claim and passed
    /// again, unchanged, on every resend of it: the same key answers the same card, so a
    /// claim whose answer was lost is never refused as `already_claimed`. Refusals are
    /// [`PlatformError::Refused`] with `automatic_benefit`, `benefit_expired`,
    /// `benefit_used` or `already_claimed`.
    pub async fn claim_benefit(
        &self,
        id: &str,
        idempotency_key: &str,
    ) -> Result<BenefitCard, PlatformError> {
        check_id("a benefit", id)?;
        let mut call = Call::post(
            format!("v1/rights/benefits/{id}/claim"),
            None::<&serde_json::Value>,
        )?;
        call.idempotency_key = Some(idempotency_key);
        Ok(self.send(&call).await?.1)
    }

    /// `GET /v1/rights/dispatches`: the 30-day periods of extra dispatches, oldest first
    /// (R-LEVEL-4, R-LEVEL-7).
    pub async fn dispatches(&self) -> Result<Vec<DispatchWindow>, PlatformError> {
        let windows: DispatchWindows = self
            .get_json(Call::get("v1/rights/dispatches".into(), Vec::new()))
            .await?;
        Ok(windows.windows)
    }

    /// `GET /v1/rights/star-index`: today's star index (R-LEVEL-9).
    pub async fn star_index(&self) -> Result<StarIndex, PlatformError> {
        self.get_json(Call::get("v1/rights/star-index".into(), Vec::new()))
            .await
    }

    /// `GET /v1/rights/star-index/history?days=N`: up to `days` (1..=365) past days, oldest
    /// first, today last. The platform need not serve it: `Ok(None)` on a 404, and the
    /// client keeps its own history from the daily [`Self::star_index`].
    pub async fn star_index_history(
        &self,
        days: u32,
    ) -> Result<Option<Vec<StarIndex>>, PlatformError> {
        let days = days.clamp(1, STAR_INDEX_HISTORY_MAX_DAYS);
        let call = Call::get(
            "v1/rights/star-index/history".into(),
            vec![("days", days.to_string())],
        );
        match self.get_json::<StarIndexHistory>(call).await {
            Ok(history) => Ok(Some(history.items)),
            Err(PlatformError::Http { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `GET /v1/rights/invitations`: every preferred-order invitation, the newest first,
    /// with the acceptance of inquiries (R-PREF-2).
    pub async fn invitations(&self) -> Result<InvitationList, PlatformError> {
        self.get_json(Call::get("v1/rights/invitations".into(), Vec::new()))
            .await
    }

    /// Accepts (`accept`) or declines an invitation: the invitation, now `accepted` or
    /// `declined`. The key works as [`Self::claim_benefit`]'s. Refusals:
    /// `window_closed` (a dispatch after its hour, R-PREF-4) and `already_answered`.
    pub async fn answer_invitation(
        &self,
        id: &str,
        accept: bool,
        idempotency_key: &str,
    ) -> Result<Invitation, PlatformError> {
        check_id("an invitation", id)?;
        let action = if accept { "accept" } else { "decline" };
        let mut call = Call::post(
            format!("v1/rights/invitations/{id}/{action}"),
            None::<&serde_json::Value>,
        )?;
        call.idempotency_key = Some(idempotency_key);
        Ok(self.send(&call).await?.1)
    }

    /// `GET /v1/rights/featured-case`: the creator's one featured case, if it has one
    /// (R-LEVEL-8).
    pub async fn featured_case(&self) -> Result<Option<FeaturedCase>, PlatformError> {
        let state: FeaturedCaseState = self
            .get_json(Call::get("v1/rights/featured-case".into(), Vec::new()))
            .await?;
        Ok(state.case)
    }

    /// Submits the creator's one featured case (R-LEVEL-8): the case, `under_review`.
    ///
    /// It has no idempotency key, so it is sent once and never retried here: after a
    /// transient error, [`Self::featured_case`] tells whether it arrived. Sending the same
    /// text again is safe (the platform answers the case unchanged); another text once a
    /// case exists is refused `already_submitted`; an empty text or one over 2,000
    /// characters is [`PlatformError::Invalid`] (`text`).
    pub async fn submit_featured_case(&self, text: &str) -> Result<FeaturedCase, PlatformError> {
        let body = FeaturedCaseRequest {
            text: text.to_owned(),
        };
        let call = Call::post_once("v1/rights/featured-case".into(), Some(&body))?;
        let (status, case) = self.send(&call).await?;
        match status {
            StatusCode::CREATED | StatusCode::OK => Ok(case),
            other => Err(PlatformError::Protocol(format!(
                "submitting the featured case answered HTTP {other}, expected 201 or 200"
            ))),
        }
    }

    /// `GET /v1/agencies`: the MCN agency directory with each agency's level (R-MCN-1,
    /// R-MCN-2).
    pub async fn agencies(&self) -> Result<Vec<AgencyEntry>, PlatformError> {
        let directory: AgencyDirectory = self
            .get_json(Call::get("v1/agencies".into(), Vec::new()))
            .await?;
        Ok(directory.items)
    }
}

impl BenefitKind {
    /// The domain's kind of the same name (`None` for a kind this version does not know),
    /// to look the benefit up in `stardesk_domain::rights::BenefitTable`.
    pub fn to_domain(&self) -> Option<DomainKind> {
        use DomainKind as D;
        Some(match self {
            BenefitKind::IdentityTag => D::IdentityTag,
            BenefitKind::ExtraDispatch => D::ExtraDispatch,
            BenefitKind::DiamondBooth => D::DiamondBooth,
            BenefitKind::AdSlot => D::AdSlot,
            BenefitKind::GuaranteeCard => D::GuaranteeCard,
            BenefitKind::OneToOneRecommendation => D::OneToOneRecommendation,
            BenefitKind::FeaturedCase => D::FeaturedCase,
            BenefitKind::CasePromotion => D::CasePromotion,
            BenefitKind::Ranking => D::Ranking,
            BenefitKind::OpsGroup => D::OpsGroup,
            BenefitKind::Gala => D::Gala,
            BenefitKind::Lecturer => D::Lecturer,
            BenefitKind::StarsPlanPriority => D::StarsPlanPriority,
            BenefitKind::Other(_) => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// R-LEVEL-4: every wire kind is spelled as the domain's `key()`, and back.
    #[test]
    fn benefit_kinds_are_the_domains_keys() {
        let wire = [
            BenefitKind::IdentityTag,
            BenefitKind::ExtraDispatch,
            BenefitKind::DiamondBooth,
            BenefitKind::AdSlot,
            BenefitKind::GuaranteeCard,
            BenefitKind::OneToOneRecommendation,
            BenefitKind::FeaturedCase,
            BenefitKind::CasePromotion,
            BenefitKind::Ranking,
            BenefitKind::OpsGroup,
            BenefitKind::Gala,
            BenefitKind::Lecturer,
            BenefitKind::StarsPlanPriority,
        ];
        for kind in &wire {
            let domain = kind.to_domain().expect("a known kind");
            assert_eq!(kind.as_str(), domain.key());
            assert_eq!(&BenefitKind::from(domain.key()), kind);
        }
        // Every kind of the published table has its wire name.
        let table = stardesk_domain::rights::BenefitTable::published();
        for level in &table.levels {
            for b in &level.benefits {
                assert!(
                    wire.iter().any(|w| w.to_domain() == Some(b.kind)),
                    "{:?}",
                    b.kind
                );
            }
        }
        assert_eq!(BenefitKind::from("vip_lounge").to_domain(), None);
    }
}
