//! Money: 四舍五入 rounding, fen conversion, parsing, formatting and largest-remainder
//! splitting, by worked examples and by properties.

use proptest::prelude::*;
use rust_decimal::Decimal;
use stardesk_domain::money::{
    format_yuan, from_fen, parse_yuan, round_fen, split_largest_remainder, to_fen,
    try_split_largest_remainder, MoneyError, SplitError,
};

fn d(text: &str) -> Decimal {
    text.parse().unwrap()
}

#[test]
fn round_fen_takes_half_a_fen_away_from_zero_where_bankers_rounding_would_not() {
    // 0.125 and 64.425 are exactly the cases where round-half-even keeps the even digit.
    assert_eq!(round_fen(d("0.125")), d("0.13"));
    assert_eq!(round_fen(d("64.425")), d("64.43"));
    assert_eq!(round_fen(d("-0.125")), d("-0.13"));
    assert_eq!(round_fen(d("0.135")), d("0.14"));
    assert_eq!(round_fen(d("0.1249999")), d("0.12"));
    assert_eq!(round_fen(d("1288.5")), d("1288.50"));
}

#[test]
fn to_fen_and_from_fen_round_trip_and_refuse_sub_fen() {
    assert_eq!(to_fen(d("1288.50")), Ok(128_850));
    assert_eq!(to_fen(d("-0.01")), Ok(-1));
    assert_eq!(to_fen(d("12.500")), Ok(1_250));
    assert_eq!(from_fen(128_850), d("1288.50"));
    assert_eq!(from_fen(i64::MAX), d("92233720368547758.07"));
    assert_eq!(
        to_fen(d("0.125")),
        Err(MoneyError::SubFen { amount: d("0.125") })
    );
    assert_eq!(
        to_fen(d("92233720368547758.08")),
        Err(MoneyError::OutOfRange)
    );
}

#[test]
fn parse_yuan_accepts_the_ways_amounts_are_written() {
    for (text, expected) in [
        ("1234.5", "1234.5"),
        ("1,234.50", "1234.50"),
        ("¥1,234.50", "1234.50"),
        ("￥ 1,234.50", "1234.50"),
        ("1234.5元", "1234.5"),
        ("1,234,567.89 元", "1234567.89"),
        ("-200", "-200"),
        ("¥-200", "-200"),
        ("-¥200", "-200"),
        ("+200", "200"),
        ("(200.00)", "-200.00"),
        ("(¥1,000.00)", "-1000.00"),
        ("  0.01  ", "0.01"),
        ("007", "7"),
        ("0.125", "0.125"),
    ] {
        assert_eq!(parse_yuan(text), Ok(d(expected)), "{text}");
    }
}

#[test]
fn parse_yuan_keeps_extra_decimals_exactly() {
    let parsed = parse_yuan("0.125").unwrap();
    assert_eq!(parsed.scale(), 3);
    assert_eq!(round_fen(parsed), d("0.13"));
}

#[test]
fn parse_yuan_rejects_garbage() {
    for text in [
        "abc",
        "NaN",
        "nan",
        "inf",
        "-inf",
        "1e3",
        "12,34",
        "1,5",
        "1234,567",
        "1.2.3",
        "5.",
        ".5",
        "1 234",
        "--200",
        "(-200)",
        "-(200)",
        "¥",
        "元",
        "200-",
        "0x10",
        "１２３",
    ] {
        assert!(
            matches!(parse_yuan(text), Err(MoneyError::Malformed { .. })),
            "{text} -> {:?}",
            parse_yuan(text)
        );
    }
    assert_eq!(parse_yuan(""), Err(MoneyError::Empty));
    assert_eq!(parse_yuan("   "), Err(MoneyError::Empty));
    assert_eq!(
        parse_yuan("123456789012345678901234567890"),
        Err(MoneyError::OutOfRange)
    );
}

#[test]
fn format_yuan_always_shows_two_decimals() {
    assert_eq!(format_yuan(d("1288.5")), "1288.50");
    assert_eq!(format_yuan(d("1288")), "1288.00");
    assert_eq!(format_yuan(d("0.01")), "0.01");
    assert_eq!(format_yuan(d("-200")), "-200.00");
    assert_eq!(format_yuan(d("64.425")), "64.43");
    assert_eq!(format_yuan(Decimal::ZERO), "0.00");
}

#[test]
fn split_gives_leftover_fen_to_the_largest_remainders() {
    // 100.00 over three equal lines: 33.33 each leaves one fen, which goes to the first.
    assert_eq!(
        split_largest_remainder(d("100.00"), &[d("1"), d("1"), d("1")]),
        vec![d("33.34"), d("33.33"), d("33.33")]
    );
    // 10.00 by 1:2:3 = 1.666.., 3.333.., 5.00 → floors 1.66, 3.33, 5.00 (one fen short);
    // remainders 0.666 > 0.333 > 0, so the first line takes it.
    assert_eq!(
        split_largest_remainder(d("10.00"), &[d("1"), d("2"), d("3")]),
        vec![d("1.67"), d("3.33"), d("5.00")]
    );
    // Weights that are amounts: a 1,288.50 payout over two orders of 1,000 and 288.50.
    assert_eq!(
        split_largest_remainder(d("1288.50"), &[d("1000"), d("288.50")]),
        vec![d("1000.00"), d("288.50")]
    );
    // A reversal splits like its absolute value, negated.
    assert_eq!(
        split_largest_remainder(d("-100.00"), &[d("1"), d("1"), d("1")]),
        vec![d("-33.34"), d("-33.33"), d("-33.33")]
    );
    // A zero weight gets nothing.
    assert_eq!(
        split_largest_remainder(d("0.05"), &[d("0"), d("1")]),
        vec![d("0"), d("0.05")]
    );
}

#[test]
fn split_rounds_a_sub_fen_total_first() {
    let shares = split_largest_remainder(d("0.125"), &[d("1"), d("1")]);
    assert_eq!(shares, vec![d("0.07"), d("0.06")]);
}

#[test]
fn split_without_a_proportion_falls_back_or_reports() {
    assert!(split_largest_remainder(d("1.00"), &[]).is_empty());
    assert_eq!(
        split_largest_remainder(d("1.00"), &[d("0"), d("0"), d("0")]),
        vec![d("0.34"), d("0.33"), d("0.33")]
    );
    assert_eq!(
        split_largest_remainder(d("1.00"), &[d("3"), d("-1")]),
        vec![d("0.50"), d("0.50")]
    );
    assert_eq!(
        try_split_largest_remainder(d("1.00"), &[]),
        Err(SplitError::NoWeights)
    );
    assert_eq!(
        try_split_largest_remainder(d("1.00"), &[d("0"), d("0")]),
        Err(SplitError::ZeroTotalWeight)
    );
    assert_eq!(
        try_split_largest_remainder(d("1.00"), &[d("1"), d("-1")]),
        Err(SplitError::NegativeWeight { index: 1 })
    );
}

fn amount_with_scale() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=8).prop_map(|(mantissa, scale)| Decimal::new(mantissa, scale))
}

fn fen_amount() -> impl Strategy<Value = Decimal> {
    (-10_000_000_000i64..=10_000_000_000).prop_map(from_fen)
}

proptest! {
    #[test]
    fn round_fen_is_idempotent_and_within_half_a_fen(x in amount_with_scale()) {
        let once = round_fen(x);
        prop_assert_eq!(round_fen(once), once);
        prop_assert!((once - x).abs() <= d("0.005"));
        prop_assert!(once.scale() <= 2);
    }

    #[test]
    fn format_then_parse_gives_back_the_amount(x in fen_amount()) {
        let text = format_yuan(x);
        prop_assert_eq!(parse_yuan(&text), Ok(x));
    }

    /// `to_fen` answers as its definition says, its shortcut for two decimals or fewer
    /// included: refused when not whole fen, out of range beyond an i64 of fen, else the
    /// amount × 100.
    #[test]
    fn to_fen_answers_as_its_definition(m in any::<i64>(), scale in 0u32..=6, wide in any::<bool>()) {
        let x = if wide {
            Decimal::from_i128_with_scale(i128::from(m) * 1_000_000_007, scale)
        } else {
            Decimal::new(m, scale)
        };
        let want = if round_fen(x) != x {
            Err(MoneyError::SubFen { amount: x })
        } else {
            x.checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|fen| rust_decimal::prelude::ToPrimitive::to_i64(&fen))
                .ok_or(MoneyError::OutOfRange)
        };
        prop_assert_eq!(to_fen(x), want);
    }

    #[test]
    fn fen_round_trip_is_exact(fen in any::<i64>()) {
        prop_assert_eq!(to_fen(from_fen(fen)), Ok(fen));
    }

    #[test]
    fn split_sums_exactly_and_each_share_is_within_a_fen(
        total in fen_amount(),
        weights in prop::collection::vec((0i64..=100_000_000, 0u32..=4), 1..12),
    ) {
        let weights: Vec<Decimal> =
            weights.into_iter().map(|(m, scale)| Decimal::new(m, scale)).collect();
        let weight_sum: Decimal = weights.iter().copied().sum();
        prop_assume!(weight_sum > Decimal::ZERO);
        let shares = split_largest_remainder(total, &weights);
        prop_assert_eq!(shares.len(), weights.len());
        prop_assert_eq!(shares.iter().copied().sum::<Decimal>(), total);
        for (share, weight) in shares.iter().zip(&weights) {
            prop_assert_eq!(round_fen(*share), *share);
            let exact = total * *weight / weight_sum;
            prop_assert!((*share - exact).abs() < d("0.01"), "{} vs {}", share, exact);
        }
    }
}
