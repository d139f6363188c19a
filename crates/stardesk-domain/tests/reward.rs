//! Product-review cash rewards: R-REVIEW-5 (by plays), R-REVIEW-6 (by rank), R-REVIEW-7
//! (the client's 5% fee), and the checks on a campaign's scheme.

use rust_decimal::Decimal;
use stardesk_domain::reward::{
    client_service_fee, rank_prize_pool, reward_for_plays, reward_for_rank, validate_play_tiers,
    validate_rank_prizes, PlayTier, RankPrize, Reward, RewardError, CLIENT_SERVICE_FEE_RATE,
};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

fn example_tiers() -> Vec<PlayTier> {
    match Reward::example_play_tiers() {
        Reward::PlayTiers(tiers) => tiers,
        other => panic!("not tiers: {other:?}"),
    }
}

fn example_prizes() -> Vec<RankPrize> {
    match Reward::example_rank() {
        Reward::Rank(prizes) => prizes,
        other => panic!("not ranks: {other:?}"),
    }
}

fn tier(above: u64, up_to: Option<u64>, amount: i64) -> PlayTier {
    PlayTier {
        above,
        up_to,
        amount: Decimal::from(amount),
    }
}

fn prize(from: u32, to: u32, amount: i64) -> RankPrize {
    RankPrize {
        from,
        to,
        amount: Decimal::from(amount),
    }
}

#[test]
fn r_review_5_lower_bound_exclusive_upper_bound_inclusive() {
    let tiers = example_tiers();
    for (plays, expected) in [
        (0, 0),
        (4_999, 0),
        (5_000, 0),
        (5_001, 100),
        (10_000, 100),
        (10_001, 500),
        (100_000, 500),
        (100_001, 1_000),
        (u64::MAX, 1_000),
    ] {
        assert_eq!(
            reward_for_plays(&tiers, plays),
            Decimal::from(expected),
            "{plays} plays"
        );
    }
}

#[test]
fn r_review_5_tiers_are_campaign_data_and_gaps_pay_nothing() {
    // A campaign's own tiers, listed out of order and with a gap between 20,000 and 50,000.
    let tiers = vec![tier(50_000, None, 300), tier(1_000, Some(20_000), 80)];
    assert_eq!(validate_play_tiers(&tiers), Ok(()));
    assert_eq!(reward_for_plays(&tiers, 1_000), Decimal::ZERO);
    assert_eq!(reward_for_plays(&tiers, 1_001), d("80"));
    assert_eq!(reward_for_plays(&tiers, 20_001), Decimal::ZERO);
    assert_eq!(reward_for_plays(&tiers, 50_000), Decimal::ZERO);
    assert_eq!(reward_for_plays(&tiers, 50_001), d("300"));
}

#[test]
fn r_review_6_rank_prizes() {
    let prizes = example_prizes();
    for (rank, expected) in [
        (0, 0),
        (1, 2_000),
        (2, 500),
        (3, 500),
        (4, 200),
        (5, 200),
        (6, 200),
        (7, 0),
    ] {
        assert_eq!(
            reward_for_rank(&prizes, rank),
            Decimal::from(expected),
            "rank {rank}"
        );
    }
}

#[test]
fn reward_range_runs_from_nothing_to_the_best_prize() {
    assert_eq!(
        Reward::example_play_tiers().range(),
        Some((Decimal::ZERO, d("1000")))
    );
    assert_eq!(
        Reward::example_rank().range(),
        Some((Decimal::ZERO, d("2000")))
    );
    assert_eq!(Reward::Fixed(d("300")).range(), Some((d("300"), d("300"))));
    // R-REVIEW-1: a campaign may offer the free sample without any cash.
    assert_eq!(Reward::SampleOnly.range(), None);
}

#[test]
fn the_examples_are_valid_schemes() {
    assert_eq!(Reward::example_play_tiers().validate(), Ok(()));
    assert_eq!(Reward::example_rank().validate(), Ok(()));
    assert_eq!(Reward::SampleOnly.validate(), Ok(()));
    assert_eq!(Reward::Fixed(d("0")).validate(), Ok(()));
}

#[test]
fn r_review_5_scheme_errors() {
    assert_eq!(validate_play_tiers(&[]), Err(RewardError::Empty));
    // 5,000 < p ≤ 10,001 and 10,000 < p ≤ 20,000 both hold 10,001 plays.
    assert_eq!(
        validate_play_tiers(&[
            tier(5_000, Some(10_001), 100),
            tier(10_000, Some(20_000), 500)
        ]),
        Err(RewardError::Overlap {
            first: 0,
            second: 1
        })
    );
    // An open tier below another one.
    assert_eq!(
        validate_play_tiers(&[tier(100_000, None, 1_000), tier(5_000, None, 100)]),
        Err(RewardError::Overlap {
            first: 0,
            second: 1
        })
    );
    assert_eq!(
        validate_play_tiers(&[tier(5_000, Some(5_000), 100)]),
        Err(RewardError::EmptyTier { index: 0 })
    );
    assert_eq!(
        validate_play_tiers(&[tier(0, Some(10), 1), tier(10, None, -5)]),
        Err(RewardError::NegativeAmount { index: 1 })
    );
    assert_eq!(
        Reward::Fixed(d("-1")).validate(),
        Err(RewardError::NegativeAmount { index: 0 })
    );
}

#[test]
fn r_review_6_scheme_errors() {
    assert_eq!(validate_rank_prizes(&[]), Err(RewardError::Empty));
    assert_eq!(
        validate_rank_prizes(&[prize(3, 2, 500)]),
        Err(RewardError::RanksReversed { index: 0 })
    );
    assert_eq!(
        validate_rank_prizes(&[prize(0, 1, 500)]),
        Err(RewardError::RankZero { index: 0 })
    );
    assert_eq!(
        validate_rank_prizes(&[prize(4, 6, 200), prize(1, 1, 2_000), prize(2, 4, 500)]),
        Err(RewardError::Overlap {
            first: 0,
            second: 2
        })
    );
    assert_eq!(
        validate_rank_prizes(&[prize(1, 1, 2_000), prize(3, 5, 100)]),
        Ok(())
    );
    assert_eq!(
        Reward::Rank(vec![prize(1, 1, -1)]).validate(),
        Err(RewardError::NegativeAmount { index: 0 })
    );
}

#[test]
fn r_review_6_prize_pool_counts_every_prized_rank() {
    // 2,000 + 2 × 500 + 3 × 200 = 3,600.
    assert_eq!(rank_prize_pool(&example_prizes()), d("3600"));
    assert_eq!(prize(2, 3, 500).winners(), 2);
    assert_eq!(prize(3, 2, 500).winners(), 0);
}

#[test]
fn r_review_7_client_pays_5_percent_of_the_total_reward() {
    assert_eq!(CLIENT_SERVICE_FEE_RATE, d("0.05"));
    // 5% of the 3,600 prize pool.
    assert_eq!(
        client_service_fee(rank_prize_pool(&example_prizes()), CLIENT_SERVICE_FEE_RATE),
        d("180.00")
    );
    // 5% of 1,288.50 = 64.425: half a fen rounds away from zero.
    assert_eq!(
        client_service_fee(d("1288.50"), CLIENT_SERVICE_FEE_RATE),
        d("64.43")
    );
    // The rate is data: a changed rate is honoured.
    assert_eq!(client_service_fee(d("1000"), d("0.08")), d("80.00"));
}
