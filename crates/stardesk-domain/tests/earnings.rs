//! Expected earnings, gross → fees → tax → net, by worked examples: R-PREF-3 fees on round
//! and odd amounts, R-REVIEW-5 tiers and R-REVIEW-6 ranks, R-REVIEW-8/9 payable dates,
//! R-LEVEL-6 guarantee cards, and withholding across months through the tax module.

mod common;

use common::{d, date};
use rust_decimal::Decimal;
use stardesk_domain::earnings::{
    cooperation_period_end, expected_earnings, expected_lines, publicity_period,
    reward_payable_from, BreakdownLine, DueStatus, EarningBreakdown, FinishedTask, GrossBasis,
    GrossSource, GuaranteeCard, Payee,
};
use stardesk_domain::fees::{CreatorKind, FeeKind, FeeSchedule, OrderKind};
use stardesk_domain::reconcile::{reconcile, Discrepancy, Inputs, ReconcileOptions, StatementLine};
use stardesk_domain::reward::{PlayTier, RankPrize, Reward};
use stardesk_domain::tax::{withhold_each, MonthlyPayment, TaxTable, Withholding};

fn task(
    id: &str,
    order: OrderKind,
    creator: CreatorKind,
    pay: (i32, u32, u32),
    source: GrossSource,
) -> FinishedTask {
    FinishedTask {
        task_id: id.to_owned(),
        order,
        creator,
        pay_date: date(pay.0, pay.1, pay.2),
        source,
    }
}

fn fixed(id: &str, order: OrderKind, creator: CreatorKind, amount: &str) -> FinishedTask {
    task(
        id,
        order,
        creator,
        (2025, 6, 30),
        GrossSource::FixedFee(d(amount)),
    )
}

fn price(tasks: &[FinishedTask], payee: Payee) -> Vec<EarningBreakdown> {
    expected_earnings(tasks, payee, &FeeSchedule::default(), &TaxTable::china())
}

fn one(task: FinishedTask, payee: Payee) -> EarningBreakdown {
    price(&[task], payee).remove(0)
}

fn fee_amounts(b: &EarningBreakdown) -> Vec<(FeeKind, Decimal)> {
    b.fees.iter().map(|f| (f.kind, f.amount)).collect()
}

fn assert_exact(b: &EarningBreakdown) {
    assert_eq!(b.net, b.gross - b.total_fees() - b.tax, "{}", b.task_id);
}

fn example_tiers() -> Vec<PlayTier> {
    match Reward::example_play_tiers() {
        Reward::PlayTiers(tiers) => tiers,
        other => panic!("{other:?}"),
    }
}

fn example_prizes() -> Vec<RankPrize> {
    match Reward::example_rank() {
        Reward::Rank(prizes) => prizes,
        other => panic!("{other:?}"),
    }
}

#[test]
fn r_pref_3_fees_and_net_on_round_amounts() {
    // Independent, ordinary: 5% platform fee. 1,000 − 50 = 950.
    let b = one(
        fixed("T1", OrderKind::Ordinary, CreatorKind::Independent, "1000"),
        Payee::Company,
    );
    assert_eq!(
        fee_amounts(&b),
        vec![(FeeKind::PlatformService, d("50.00"))]
    );
    assert_eq!((b.gross, b.tax, b.net), (d("1000"), d("0"), d("950.00")));
    assert!(!b.settles_through_agency);

    // Independent, preferred: 5% + 15% on the gross, not compounded. 1,000 − 50 − 150 = 800.
    let b = one(
        fixed("T2", OrderKind::Preferred, CreatorKind::Independent, "1000"),
        Payee::Company,
    );
    assert_eq!(
        fee_amounts(&b),
        vec![
            (FeeKind::PlatformService, d("50.00")),
            (FeeKind::PreferredTechnical, d("150.00"))
        ]
    );
    assert_eq!(b.net, d("800.00"));
    assert_exact(&b);
}

#[test]
fn r_pref_3_fees_and_net_on_odd_amounts_round_each_fee_to_the_fen() {
    // 1,234.57 × 5% = 61.7285 → 61.73; × 15% = 185.1855 → 185.19;
    // net = 1,234.57 − 61.73 − 185.19 = 987.65.
    let b = one(
        fixed(
            "T3",
            OrderKind::Preferred,
            CreatorKind::Independent,
            "1234.57",
        ),
        Payee::Company,
    );
    assert_eq!(
        fee_amounts(&b),
        vec![
            (FeeKind::PlatformService, d("61.73")),
            (FeeKind::PreferredTechnical, d("185.19"))
        ]
    );
    assert_eq!(b.net, d("987.65"));
    assert_exact(&b);

    // 0.10 × 5% = 0.005 → 0.01 (half a fen away from zero, not to even).
    let b = one(
        fixed("T4", OrderKind::Ordinary, CreatorKind::Independent, "0.10"),
        Payee::Company,
    );
    assert_eq!(fee_amounts(&b), vec![(FeeKind::PlatformService, d("0.01"))]);
    assert_eq!(b.net, d("0.09"));
}

#[test]
fn r_pref_3_agency_creators_settle_through_the_agency_without_platform_fee() {
    // Preferred, agency: only the 15%. 333.33 × 15% = 49.9995 → 50.00; net 283.33.
    let b = one(
        fixed("T5", OrderKind::Preferred, CreatorKind::Agency, "333.33"),
        Payee::Individual,
    );
    assert_eq!(
        fee_amounts(&b),
        vec![(FeeKind::PreferredTechnical, d("50.00"))]
    );
    assert!(b.settles_through_agency);
    // The agency withholds, not the platform.
    assert_eq!((b.tax, b.tax_detail.as_ref()), (d("0"), None));
    assert_eq!(b.net, d("283.33"));
    assert_eq!(
        b.lines(),
        vec![
            BreakdownLine::Gross(d("333.33")),
            BreakdownLine::Fee(b.fees[0].clone()),
            BreakdownLine::AgencySettlement,
            BreakdownLine::Tax(d("0")),
            BreakdownLine::Net(d("283.33")),
        ]
    );

    // Ordinary, agency: no fee at all here.
    let b = one(
        fixed("T6", OrderKind::Ordinary, CreatorKind::Agency, "500"),
        Payee::Individual,
    );
    assert!(b.fees.is_empty());
    assert_eq!(b.net, d("500"));
}

fn plays_reward(plays: u64) -> EarningBreakdown {
    one(
        task(
            "R",
            OrderKind::Ordinary,
            CreatorKind::Agency,
            (2025, 6, 1),
            GrossSource::PlaysReward {
                tiers: example_tiers(),
                valid_plays: plays,
                upload_deadline: date(2025, 6, 10),
            },
        ),
        Payee::Company,
    )
}

#[test]
fn r_review_5_tiers_at_exactly_5000_10000_100000_plays() {
    // Lower bound exclusive, upper bound inclusive.
    for (plays, gross) in [
        (5_000, "0"),
        (5_001, "100"),
        (10_000, "100"),
        (10_001, "500"),
        (100_000, "500"),
        (100_001, "1000"),
    ] {
        let b = plays_reward(plays);
        assert_eq!(b.gross, d(gross), "{plays} plays");
        assert_eq!(b.net, d(gross), "{plays} plays: agency, ordinary, no fee");
        match &b.basis {
            GrossBasis::Plays { valid_plays, tier } => {
                assert_eq!(*valid_plays, plays);
                assert_eq!(tier.as_ref().map_or(d("0"), |t| t.amount), d(gross));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn r_review_6_ranks_pay_their_prize_each() {
    for (rank, gross) in [
        (0, "0"),
        (1, "2000"),
        (2, "500"),
        (3, "500"),
        (4, "200"),
        (6, "200"),
        (7, "0"),
    ] {
        let b = one(
            task(
                "K",
                OrderKind::Ordinary,
                CreatorKind::Independent,
                (2025, 6, 1),
                GrossSource::RankReward {
                    prizes: example_prizes(),
                    rank,
                    upload_deadline: date(2025, 6, 10),
                },
            ),
            Payee::Company,
        );
        assert_eq!(b.gross, d(gross), "rank {rank}");
        // Independent: the 5% platform fee still applies to a reward.
        assert_eq!(b.net, d(gross) - d(gross) * d("0.05"), "rank {rank}");
        assert_exact(&b);
    }
}

#[test]
fn r_review_8_9_reward_is_payable_only_after_the_publicity_period() {
    let deadline = date(2025, 6, 10);
    // R-REVIEW-8: with a cash reward, cooperation runs to the 3rd day after the deadline.
    assert_eq!(cooperation_period_end(deadline, true), date(2025, 6, 13));
    assert_eq!(cooperation_period_end(deadline, false), deadline);
    // R-REVIEW-9: shown publicly for 3 days, then payable.
    assert_eq!(
        publicity_period(deadline),
        (date(2025, 6, 14), date(2025, 6, 16))
    );
    assert_eq!(reward_payable_from(deadline), date(2025, 6, 17));

    // The platform's settlement date is earlier than the payable date: the later wins.
    let b = plays_reward(20_000);
    assert_eq!(b.reward_payable_from, Some(date(2025, 6, 17)));
    assert_eq!(b.due_date, date(2025, 6, 17));
    assert_eq!(
        b.due_status(date(2025, 6, 16)),
        DueStatus::NotYetDue {
            from: date(2025, 6, 17)
        }
    );
    assert_eq!(b.due_status(date(2025, 6, 17)), DueStatus::Due);

    // A reconciliation before the payable date does not call the unpaid reward missing...
    let expected = expected_lines(&[b]);
    let statement: Vec<StatementLine> = Vec::new();
    let inputs = Inputs {
        expected: &expected,
        statement: &statement,
        ..Inputs::default()
    };
    let early = reconcile(&inputs, &ReconcileOptions::new(date(2025, 6, 16)));
    assert!(early.discrepancies.is_empty());
    assert_eq!(early.not_yet_due, vec![expected[0].key]);
    // ...and one on the payable date does.
    let due = reconcile(&inputs, &ReconcileOptions::new(date(2025, 6, 17)));
    assert!(due.not_yet_due.is_empty());
    assert!(matches!(
        due.discrepancies.as_slice(),
        [Discrepancy::MissingPayout(m)] if m.amount == d("500")
    ));
}

#[test]
fn r_review_9_a_settlement_after_the_publicity_period_keeps_its_own_date() {
    let b = one(
        task(
            "R",
            OrderKind::Ordinary,
            CreatorKind::Agency,
            (2025, 6, 30),
            GrossSource::RankReward {
                prizes: example_prizes(),
                rank: 1,
                upload_deadline: date(2025, 6, 10),
            },
        ),
        Payee::Company,
    );
    assert_eq!(b.due_date, date(2025, 6, 30));
}

#[test]
fn r_level_6_guarantee_card_is_valid_on_day_180_and_not_after() {
    // Day 1 is the issue day, so day 180 is issued_on + 179: 2025-01-01 → 2025-06-29.
    let card = GuaranteeCard::published(date(2025, 1, 1));
    assert_eq!(card.value, d("50"));
    assert_eq!(card.valid_days, 180);
    assert_eq!(card.last_valid_day(), Some(date(2025, 6, 29)));
    assert!(card.is_valid_on(date(2025, 1, 1)));
    assert!(card.is_valid_on(date(2025, 6, 29)), "day 180 is inclusive");
    assert!(!card.is_valid_on(date(2025, 6, 30)), "day 181 has expired");
    assert!(!card.is_valid_on(date(2024, 12, 31)), "not before issue");

    let zero = GuaranteeCard {
        valid_days: 0,
        ..card.clone()
    };
    assert_eq!(zero.last_valid_day(), None);
    assert!(!zero.is_valid_on(date(2025, 1, 1)));
}

fn guaranteed(used_on: (i32, u32, u32), plays: u64, earned: &str) -> EarningBreakdown {
    one(
        task(
            "G",
            OrderKind::Ordinary,
            CreatorKind::Agency,
            (2025, 7, 31),
            GrossSource::Guarantee {
                card: GuaranteeCard::published(date(2025, 1, 1)),
                used_on: date(used_on.0, used_on.1, used_on.2),
                play_target: 10_000,
                valid_plays: plays,
                earned: d(earned),
            },
        ),
        Payee::Company,
    )
}

#[test]
fn r_level_6_guarantee_card_pays_the_guaranteed_amount_once_the_target_is_reached() {
    // Target reached (plays ≥ target), card used on day 180: topped up from 20 to 50.
    let b = guaranteed((2025, 6, 29), 10_000, "20");
    assert_eq!(b.gross, d("50"));
    assert!(matches!(
        b.basis,
        GrossBasis::Guarantee { top_up, card_valid: true, target_reached: true, .. } if top_up == d("30")
    ));
    // Earned more than the guarantee: nothing to top up.
    assert_eq!(guaranteed((2025, 6, 29), 50_000, "80").gross, d("80"));
    // Target missed by one play: only what was earned.
    assert_eq!(guaranteed((2025, 6, 29), 9_999, "20").gross, d("20"));
    // Card used on day 181: expired, no guarantee.
    let b = guaranteed((2025, 6, 30), 10_000, "20");
    assert_eq!(b.gross, d("20"));
    assert!(matches!(
        b.basis,
        GrossBasis::Guarantee {
            card_valid: false,
            ..
        }
    ));
}

#[test]
fn withholding_is_per_month_cumulative_across_months_with_a_gap_and_reuses_the_tax_module() {
    let independent = |id: &str, pay: (i32, u32, u32), amount: &str| {
        task(
            id,
            OrderKind::Ordinary,
            CreatorKind::Independent,
            pay,
            GrossSource::FixedFee(d(amount)),
        )
    };
    let tasks = vec![
        // September 2025, before the cumulative method: per payment.
        independent("SEP", (2025, 9, 10), "3000"),
        // October: two tasks form the month's one payment.
        independent("OCT-A", (2025, 10, 15), "30000"),
        independent("OCT-B", (2025, 10, 20), "10000"),
        // An agency task is neither taxed here nor part of the month's income.
        task(
            "OCT-AG",
            OrderKind::Ordinary,
            CreatorKind::Agency,
            (2025, 10, 18),
            GrossSource::FixedFee(d("9999")),
        ),
        // No payment in November. December:
        independent("DEC", (2025, 12, 5), "20000"),
    ];
    let b = price(&tasks, Payee::Individual);

    // Incomes after the 5% fee: 2,850; 28,500 + 9,500 = 38,000; 19,000.
    // September, per payment: 2,850 − 800 = 2,050 × 20% = 410.00.
    assert_eq!(b[0].tax, d("410.00"));
    assert!(matches!(
        b[0].tax_detail.as_ref().map(|t| &t.month_withholding),
        Some(Withholding::PerPayment(_))
    ));
    // October, cumulative: 38,000 − 20% (7,600) − 5,000 × 1 month = 25,400 × 3% = 762.00,
    // split 3 : 1 by income: 571.50 and 190.50.
    assert_eq!((b[1].tax, b[2].tax), (d("571.50"), d("190.50")));
    let october = b[1].tax_detail.as_ref().unwrap();
    assert_eq!((october.year, october.month), (2025, 10));
    assert_eq!(
        (october.income, october.month_income),
        (d("28500"), d("38000"))
    );
    assert_eq!(october.month_withholding.tax(), d("762.00"));
    assert_eq!(b[3].tax, d("0"));
    assert!(b[3].tax_detail.is_none());
    // December: cumulative income 57,000 − 11,400 − 5,000 (November unpaid, so the run
    // of paid months restarts: 1 month) = 40,600 × 10% − 2,520 = 1,540.00, less the 762.00
    // already withheld = 778.00.
    assert_eq!(b[4].tax, d("778.00"));
    match &b[4].tax_detail.as_ref().unwrap().month_withholding {
        Withholding::Cumulative(t) => {
            assert_eq!(t.deduction_months, 1);
            assert_eq!(t.cumulative_income, d("57000"));
            assert_eq!(t.already_withheld, d("762.00"));
        }
        other => panic!("{other:?}"),
    }

    // The same figures straight from the tax module, one payment per month.
    let direct = withhold_each(
        &[
            MonthlyPayment {
                paid_on: date(2025, 9, 10),
                income: d("2850"),
            },
            MonthlyPayment {
                paid_on: date(2025, 10, 20),
                income: d("38000"),
            },
            MonthlyPayment {
                paid_on: date(2025, 12, 5),
                income: d("19000"),
            },
        ],
        &TaxTable::china(),
    );
    assert_eq!(
        direct.iter().map(Withholding::tax).collect::<Vec<_>>(),
        vec![d("410.00"), d("762.00"), d("778.00")]
    );
    assert_eq!(
        b[4].tax_detail.as_ref().unwrap().month_withholding,
        direct[2]
    );
    for breakdown in &b {
        assert_exact(breakdown);
    }
}

#[test]
fn a_company_payee_has_nothing_withheld() {
    let b = one(
        fixed("C", OrderKind::Ordinary, CreatorKind::Independent, "50000"),
        Payee::Company,
    );
    assert_eq!((b.tax, b.net), (d("0"), d("47500.00")));
}

#[test]
fn expected_lines_carry_the_components_and_keys_that_survive_recomputation() {
    let tasks = vec![
        fixed("T1", OrderKind::Preferred, CreatorKind::Independent, "1000"),
        fixed("T1", OrderKind::Ordinary, CreatorKind::Independent, "200"),
        fixed("T2", OrderKind::Ordinary, CreatorKind::Independent, "300"),
    ];
    let lines = expected_lines(&price(&tasks, Payee::Company));
    assert_eq!(lines[0].amount, d("800.00"));
    assert_eq!(
        (lines[0].gross, lines[0].fee, lines[0].tax),
        (Some(d("1000")), Some(d("200.00")), Some(d("0")))
    );
    assert_eq!(lines[0].due_date, Some(date(2025, 6, 30)));
    // Two breakdowns of one task: same fingerprint, occurrences 0 and 1.
    assert_eq!(lines[0].key.fingerprint, lines[1].key.fingerprint);
    assert_eq!((lines[0].key.occurrence, lines[1].key.occurrence), (0, 1));
    assert_ne!(lines[0].key.fingerprint, lines[2].key.fingerprint);

    // A rate change alters the amounts, not the keys.
    let cheaper = FeeSchedule {
        platform_service_rate: d("0.03"),
        ..FeeSchedule::default()
    };
    let again = expected_lines(&expected_earnings(
        &tasks,
        Payee::Company,
        &cheaper,
        &TaxTable::china(),
    ));
    assert_ne!(again[0].amount, lines[0].amount);
    assert_eq!(
        again.iter().map(|l| l.key).collect::<Vec<_>>(),
        lines.iter().map(|l| l.key).collect::<Vec<_>>()
    );
}
