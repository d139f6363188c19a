//! The store's own JSON for a task's reward (`tasks.reward_json`).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use stardesk_domain::reward::{PlayTier, RankPrize, Reward};

/// How `tasks.reward_json` holds a task's reward: the store's own format for the domain's
/// [`Reward`] (`{"kind": "fixed", "amount": "100.00"}`, amounts as decimal strings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub(super) enum StoredReward {
    Fixed { amount: Decimal },
    PlayTiers { tiers: Vec<StoredTier> },
    Rank { prizes: Vec<StoredPrize> },
    SampleOnly,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct StoredTier {
    above: u64,
    up_to: Option<u64>,
    amount: Decimal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct StoredPrize {
    from: u32,
    to: u32,
    amount: Decimal,
}

impl From<&Reward> for StoredReward {
    fn from(r: &Reward) -> Self {
        match r {
            Reward::Fixed(amount) => StoredReward::Fixed { amount: *amount },
            Reward::PlayTiers(tiers) => StoredReward::PlayTiers {
                tiers: tiers
                    .iter()
                    .map(|t| StoredTier {
                        above: t.above,
                        up_to: t.up_to,
                        amount: t.amount,
                    })
                    .collect(),
            },
            Reward::Rank(prizes) => StoredReward::Rank {
                prizes: prizes
                    .iter()
                    .map(|p| StoredPrize {
                        from: p.from,
                        to: p.to,
                        amount: p.amount,
                    })
                    .collect(),
            },
            Reward::SampleOnly => StoredReward::SampleOnly,
        }
    }
}

impl From<StoredReward> for Reward {
    fn from(r: StoredReward) -> Self {
        match r {
            StoredReward::Fixed { amount } => Reward::Fixed(amount),
            StoredReward::PlayTiers { tiers } => Reward::PlayTiers(
                tiers
                    .into_iter()
                    .map(|t| PlayTier {
                        above: t.above,
                        up_to: t.up_to,
                        amount: t.amount,
                    })
                    .collect(),
            ),
            StoredReward::Rank { prizes } => Reward::Rank(
                prizes
                    .into_iter()
                    .map(|p| RankPrize {
                        from: p.from,
                        to: p.to,
                        amount: p.amount,
                    })
                    .collect(),
            ),
            StoredReward::SampleOnly => Reward::SampleOnly,
        }
    }
}

/// The store's JSON of a reward.
pub(crate) fn reward_to_store(r: &Reward) -> Result<String, crate::StoreError> {
    serde_json::to_string(&StoredReward::from(r))
        .map_err(|e| crate::StoreError::Corrupt(e.to_string()))
}

/// A reward from the store's JSON.
pub(crate) fn reward_from_store(json: &str) -> Result<Reward, serde_json::Error> {
    serde_json::from_str::<StoredReward>(json).map(Reward::from)
}
