//! Cash rewards of product-review campaigns (好物测评) and the client's fee on them.
//!
//! The tiers and prizes are each campaign's own settings (R-REVIEW-5 and R-REVIEW-6 give
//! them only "for example"), so they are data passed in; the examples are available as
//! [`Reward::example_play_tiers`] and [`Reward::example_rank`].

use std::fmt;

use rust_decimal::Decimal;

use crate::money::round_fen;

/// A range of valid plays and the cash it earns: `above < plays ≤ up_to` (R-REVIEW-5).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlayTier {
    /// Exclusive lower bound.
    pub above: u64,
    /// Inclusive upper bound; `None` for the open top tier.
    pub up_to: Option<u64>,
    pub amount: Decimal,
}

impl PlayTier {
    /// R-REVIEW-5: lower bound exclusive, upper bound inclusive.
    pub fn contains(&self, plays: u64) -> bool {
        plays > self.above && self.up_to.is_none_or(|up_to| plays <= up_to)
    }
}

/// A prize for the ranks `from..=to` by valid plays, paid to each of them (R-REVIEW-6).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankPrize {
    /// First rank, 1-based, inclusive.
    pub from: u32,
    /// Last rank, inclusive.
    pub to: u32,
    /// Paid to each creator in the range, not shared among them.
    pub amount: Decimal,
}

impl RankPrize {
    pub fn contains(&self, rank: u32) -> bool {
        (self.from..=self.to).contains(&rank)
    }

    /// How many creators this prize pays (zero for a reversed range).
    pub fn winners(&self) -> u64 {
        (u64::from(self.to) + 1).saturating_sub(u64::from(self.from))
    }
}

/// What a selected creator of a product-review campaign can earn besides the free sample
/// (R-REVIEW-1: with or without an extra cash reward).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reward {
    /// The same cash for every creator who completes the task.
    Fixed(Decimal),
    /// Cash by valid plays (R-REVIEW-5).
    PlayTiers(Vec<PlayTier>),
    /// Cash by rank of valid plays (R-REVIEW-6).
    Rank(Vec<RankPrize>),
    /// The free sample only, no cash.
    SampleOnly,
}

impl Reward {
    /// The R-REVIEW-5 example: 5,000 < plays ≤ 10,000 → ¥100; 10,000 < plays ≤ 100,000 →
    /// ¥500; 100,000 < plays → ¥1,000. An illustration, not a platform standard: use it as a
    /// template or in tests, never as a campaign's assumed setting.
    pub fn example_play_tiers() -> Self {
        Self::PlayTiers(vec![
            PlayTier {
                above: 5_000,
                up_to: Some(10_000),
                amount: Decimal::from(100),
            },
            PlayTier {
                above: 10_000,
                up_to: Some(100_000),
                amount: Decimal::from(500),
            },
            PlayTier {
                above: 100_000,
                up_to: None,
                amount: Decimal::from(1_000),
            },
        ])
    }

    /// The R-REVIEW-6 example: rank 1 → ¥2,000; ranks 2–3 → ¥500 each; ranks 4–6 → ¥200
    /// each. An illustration, like [`Reward::example_play_tiers`].
    pub fn example_rank() -> Self {
        Self::Rank(vec![
            RankPrize {
                from: 1,
                to: 1,
                amount: Decimal::from(2_000),
            },
            RankPrize {
                from: 2,
                to: 3,
                amount: Decimal::from(500),
            },
            RankPrize {
                from: 4,
                to: 6,
                amount: Decimal::from(200),
            },
        ])
    }

    /// The lowest and highest cash one selected creator can get; `None` when there is no
    /// cash at all.
    ///
    /// For plays and ranks the lowest is always zero: a video may stay at or below the first
    /// tier's bound, and a rank past the last prize earns nothing, whatever the tiers say.
    pub fn range(&self) -> Option<(Decimal, Decimal)> {
        fn highest(amounts: impl Iterator<Item = Decimal>) -> Decimal {
            amounts.fold(Decimal::ZERO, Decimal::max)
        }
        match self {
            Self::Fixed(amount) => Some((*amount, *amount)),
            Self::PlayTiers(tiers) => {
                Some((Decimal::ZERO, highest(tiers.iter().map(|tier| tier.amount))))
            }
            Self::Rank(prizes) => Some((
                Decimal::ZERO,
                highest(prizes.iter().map(|prize| prize.amount)),
            )),
            Self::SampleOnly => None,
        }
    }

    /// Checks the scheme is one a client could have meant: see [`validate_play_tiers`] and
    /// [`validate_rank_prizes`]; a fixed reward must not be negative.
    pub fn validate(&self) -> Result<(), RewardError> {
        match self {
            Self::Fixed(amount) if amount.is_sign_negative() && !amount.is_zero() => {
                Err(RewardError::NegativeAmount { index: 0 })
            }
            Self::Fixed(_) | Self::SampleOnly => Ok(()),
            Self::PlayTiers(tiers) => validate_play_tiers(tiers),
            Self::Rank(prizes) => validate_rank_prizes(prizes),
        }
    }
}

/// Why a reward scheme is inconsistent. Indices point into the list as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RewardError {
    /// A tiered or ranked reward without a single tier or prize.
    Empty,
    /// A cash amount below zero.
    NegativeAmount { index: usize },
    /// A play tier whose upper bound is not above its lower bound: no play count fits it.
    EmptyTier { index: usize },
    /// Ranks start at 1.
    RankZero { index: usize },
    /// A rank prize with `from > to`.
    RanksReversed { index: usize },
    /// Two tiers or two prizes cover some of the same plays or ranks, so which one pays
    /// would depend on their order.
    Overlap { first: usize, second: usize },
}

impl fmt::Display for RewardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("the reward has no tiers or prizes"),
            Self::NegativeAmount { index } => write!(f, "amount {index} is negative"),
            Self::EmptyTier { index } => {
                write!(f, "tier {index}: upper bound is not above lower bound")
            }
            Self::RankZero { index } => write!(f, "prize {index}: ranks start at 1"),
            Self::RanksReversed { index } => write!(f, "prize {index}: first rank after last"),
            Self::Overlap { first, second } => write!(f, "{first} and {second} overlap"),
        }
    }
}

impl std::error::Error for RewardError {}

/// Cash earned for `plays` valid plays (R-REVIEW-5): the amount of the tier with
/// `above < plays ≤ up_to`; zero below the first tier or in a gap between tiers.
///
/// On an overlapping scheme the first matching tier in slice order pays; run
/// [`validate_play_tiers`] when the scheme is entered so that never matters.
pub fn reward_for_plays(tiers: &[PlayTier], plays: u64) -> Decimal {
    tiers
        .iter()
        .find(|tier| tier.contains(plays))
        .map_or(Decimal::ZERO, |tier| tier.amount)
}

/// Cash earned at `rank` by valid plays (R-REVIEW-6); zero past the last prize. Rank 0
/// does not exist and earns nothing.
pub fn reward_for_rank(prizes: &[RankPrize], rank: u32) -> Decimal {
    prizes
        .iter()
        .find(|prize| prize.contains(rank))
        .map_or(Decimal::ZERO, |prize| prize.amount)
}

/// How a creator's work did: what a reward scheme pays on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Performance {
    /// Valid plays (R-REVIEW-5).
    Plays(u64),
    /// Rank by valid plays, 1 = first (R-REVIEW-6).
    Rank(u32),
}

/// A scheme asked about a measure it does not pay on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerformanceMismatch {
    /// Tiers pay on valid plays, not ranks.
    PaysOnPlays,
    /// Prizes pay on ranks, not valid plays.
    PaysOnRank,
}

impl Reward {
    /// The cash one creator gets for `performance`: a fixed fee whatever it is, nothing
    /// for the sample only, the tier of its plays (R-REVIEW-5: lower bound exclusive,
    /// upper inclusive) or the prize of its rank (R-REVIEW-6: ranks inclusive).
    pub fn at(&self, performance: Performance) -> Result<Decimal, PerformanceMismatch> {
        match (self, performance) {
            (Self::Fixed(amount), _) => Ok(*amount),
            (Self::SampleOnly, _) => Ok(Decimal::ZERO),
            (Self::PlayTiers(tiers), Performance::Plays(plays)) => {
                Ok(reward_for_plays(tiers, plays))
            }
            (Self::Rank(prizes), Performance::Rank(rank)) => Ok(reward_for_rank(prizes, rank)),
            (Self::PlayTiers(_), Performance::Rank(_)) => Err(PerformanceMismatch::PaysOnPlays),
            (Self::Rank(_), Performance::Plays(_)) => Err(PerformanceMismatch::PaysOnRank),
        }
    }

    /// The scheme pays cash at all (a timeline "with a cash reward").
    pub fn pays_cash(&self) -> bool {
        !matches!(self, Self::SampleOnly)
    }
}

/// Total cash the prizes pay when every prized rank is filled: the client's budget for a
/// ranked reward (and the base of its R-REVIEW-7 fee).
pub fn rank_prize_pool(prizes: &[RankPrize]) -> Decimal {
    prizes
        .iter()
        .map(|prize| prize.amount * Decimal::from(prize.winners()))
        .sum()
}

/// R-REVIEW-5 scheme check: at least one tier, no negative amount, every tier non-empty,
/// and no two tiers sharing a play count. Gaps between tiers are allowed (plays in a gap
/// earn nothing), and the tiers may be listed in any order.
pub fn validate_play_tiers(tiers: &[PlayTier]) -> Result<(), RewardError> {
    if tiers.is_empty() {
        return Err(RewardError::Empty);
    }
    for (index, tier) in tiers.iter().enumerate() {
        if tier.amount.is_sign_negative() && !tier.amount.is_zero() {
            return Err(RewardError::NegativeAmount { index });
        }
        if tier.up_to.is_some_and(|up_to| up_to <= tier.above) {
            return Err(RewardError::EmptyTier { index });
        }
    }
    let mut order: Vec<usize> = (0..tiers.len()).collect();
    order.sort_by_key(|&index| tiers[index].above);
    for pair in order.windows(2) {
        let (lower, upper) = (&tiers[pair[0]], &tiers[pair[1]]);
        // Touching bounds (up_to == next above) do not overlap: the upper bound is
        // inclusive, the next lower bound exclusive.
        if lower.up_to.is_none_or(|up_to| up_to > upper.above) {
            return Err(RewardError::Overlap {
                first: pair[0].min(pair[1]),
                second: pair[0].max(pair[1]),
            });
        }
    }
    Ok(())
}

/// R-REVIEW-6 scheme check: at least one prize, no negative amount, ranks from 1,
/// `from ≤ to`, and no rank in two prizes. Gaps are allowed; any order.
pub fn validate_rank_prizes(prizes: &[RankPrize]) -> Result<(), RewardError> {
    if prizes.is_empty() {
        return Err(RewardError::Empty);
    }
    for (index, prize) in prizes.iter().enumerate() {
        if prize.amount.is_sign_negative() && !prize.amount.is_zero() {
            return Err(RewardError::NegativeAmount { index });
        }
        if prize.from == 0 {
            return Err(RewardError::RankZero { index });
        }
        if prize.from > prize.to {
            return Err(RewardError::RanksReversed { index });
        }
    }
    let mut order: Vec<usize> = (0..prizes.len()).collect();
    order.sort_by_key(|&index| prizes[index].from);
    for pair in order.windows(2) {
        if prizes[pair[0]].to >= prizes[pair[1]].from {
            return Err(RewardError::Overlap {
                first: pair[0].min(pair[1]),
                second: pair[0].max(pair[1]),
            });
        }
    }
    Ok(())
}

/// The published R-REVIEW-7 technical service fee rate on cash rewards: 5%.
pub const CLIENT_SERVICE_FEE_RATE: Decimal = Decimal::from_parts(5, 0, 0, false, 2);

/// R-REVIEW-7: the client who sets a cash reward pays the platform `rate` (published:
/// [`CLIENT_SERVICE_FEE_RATE`]) of the total reward, rounded to the fen.
///
/// This is the client's cost on top of the reward. It is never deducted from what the
/// creator receives, which is why it is not a [`crate::fees::FeeKind`].
pub fn client_service_fee(total_reward: Decimal, rate: Decimal) -> Decimal {
    round_fen(total_reward * rate)
}
