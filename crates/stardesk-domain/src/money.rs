//! Money in yuan: rounding to the fen, fen conversion, parsing, formatting and splitting.
//!
//! Amounts are [`Decimal`] yuan everywhere in the domain. Integer fen exist only at the
//! storage edge ([`to_fen`] / [`from_fen`]), because SQLite stores money as `INTEGER` fen.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Why a text or an amount could not be turned into money.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MoneyError {
    /// The text was empty or only whitespace.
    Empty,
    /// The text is not an amount (letters, misplaced separators, `NaN`, ...).
    Malformed { input: String },
    /// The amount does not fit: more than 28 significant digits, or more fen than an `i64`.
    OutOfRange,
    /// Whole fen were required but the amount has a fraction of a fen.
    SubFen { amount: Decimal },
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("no amount given"),
            Self::Malformed { input } => write!(f, "not an amount of money: {input:?}"),
            Self::OutOfRange => f.write_str("amount out of range"),
            Self::SubFen { amount } => write!(f, "{amount} is not a whole number of fen"),
        }
    }
}

impl std::error::Error for MoneyError {}

/// Rounds to the fen, 四舍五入: a half fen goes away from zero (0.125 → 0.13,
/// −0.125 → −0.13).
///
/// Chinese invoices, statements and tax forms all round this way; `Decimal::round_dp` would
/// round half to even (0.125 → 0.12) and disagree with the platform by a fen.
pub fn round_fen(amount: Decimal) -> Decimal {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    // −0.004 rounds to a negative zero, which would print as "-0.00".
    if rounded.is_zero() {
        rounded.set_sign_positive(true);
    }
    rounded
}

/// Converts yuan to integer fen for storage.
///
/// Refuses ([`MoneyError::SubFen`]) an amount with a fraction of a fen instead of rounding
/// it, because a silent rounding at the storage edge would hide a missing `round_fen` in the
/// rule that produced the amount.
pub fn to_fen(amount: Decimal) -> Result<i64, MoneyError> {
    // Two decimals or fewer (every amount a statement gives): whole fen already, the
    // mantissa scaled up, without a rounding to compare (a million-line import's hot path).
    if amount.scale() <= 2 {
        let fen = amount.mantissa() * 10_i128.pow(2 - amount.scale());
        return i64::try_from(fen).map_err(|_| MoneyError::OutOfRange);
    }
    if round_fen(amount) != amount {
        return Err(MoneyError::SubFen { amount });
    }
    amount
        .checked_mul(Decimal::ONE_HUNDRED)
        .and_then(|fen| fen.to_i64())
        .ok_or(MoneyError::OutOfRange)
}

/// Converts integer fen from storage back to yuan (always exact: an `i64` fits a `Decimal`).
pub fn from_fen(fen: i64) -> Decimal {
    Decimal::new(fen, 2)
}

/// Parses an amount of yuan as people and spreadsheets write it.
///
/// Accepted: `1234.5`, `1,234.50`, `¥1,234.50` (or full-width `￥`), `1234.5元`, `-200`,
/// `¥-200`, `+200`, and the accounting negative `(200.00)`. Whitespace around the parts is
/// ignored.
///
/// Thousands separators must group by three (`1,234` yes, `12,34` no): a misplaced comma
/// is most likely a decimal comma (`1,5`), and reading it as fifteen would be a tenfold
/// error.
///
/// More than two decimals are accepted and kept exactly (`0.125` stays `0.125`): unit
/// prices and rates on statements carry them, and whether to round is the caller's rule,
/// not the parser's. Use [`round_fen`] or [`to_fen`] where whole fen are required.
///
/// The digits go straight into a `Decimal`; no `f64` is ever involved, so `NaN`, `inf` and
/// exponents are rejected as malformed.
pub fn parse_yuan(text: &str) -> Result<Decimal, MoneyError> {
    let malformed = || MoneyError::Malformed {
        input: text.to_owned(),
    };
    let mut rest = text.trim();
    if rest.is_empty() {
        return Err(MoneyError::Empty);
    }

    let mut negative = false;
    if let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        rest = inner.trim();
    }
    let mut signed = negative;
    let mut take_sign = |rest: &mut &str| -> Result<(), MoneyError> {
        for (sign, is_negative) in [('-', true), ('+', false)] {
            if let Some(after) = rest.strip_prefix(sign) {
                // "(-200)" or "--200" is ambiguous, not a double negative.
                if signed {
                    return Err(malformed());
                }
                signed = true;
                negative = is_negative;
                *rest = after.trim_start();
            }
        }
        Ok(())
    };
    take_sign(&mut rest)?;
    if let Some(after) = rest.strip_prefix('¥').or_else(|| rest.strip_prefix('￥')) {
        rest = after.trim_start();
        take_sign(&mut rest)?;
    }
    if let Some(before) = rest.strip_suffix('元') {
        rest = before.trim_end();
    }

    let (whole, fraction) = match rest.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (rest, None),
    };
    let mut digits = String::with_capacity(rest.len());
    if !push_grouped_digits(whole, &mut digits) {
        return Err(malformed());
    }
    if let Some(fraction) = fraction {
        if fraction.is_empty() || !fraction.bytes().all(|b| b.is_ascii_digit()) {
            return Err(malformed());
        }
        digits.push('.');
        digits.push_str(fraction);
    }

    let mut amount = Decimal::from_str_exact(&digits).map_err(|_| MoneyError::OutOfRange)?;
    if negative && !amount.is_zero() {
        amount.set_sign_negative(true);
    }
    Ok(amount)
}

/// Appends the digits of an integer part written either plainly (`1234`) or grouped by
/// thousands (`1,234`); false when it is neither.
fn push_grouped_digits(whole: &str, out: &mut String) -> bool {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let mut groups = whole.split(',');
    let first = groups.next().unwrap_or_default();
    let grouped = whole.contains(',');
    if !all_digits(first) || (grouped && first.len() > 3) {
        return false;
    }
    out.push_str(first);
    for group in groups {
        if group.len() != 3 || !all_digits(group) {
            return false;
        }
        out.push_str(group);
    }
    true
}

/// Formats yuan with exactly two decimals and no grouping or symbol (`1288.50`, `-200.00`).
///
/// The amount is rounded with [`round_fen`] first, so a sub-fen amount shows as the fen it
/// will be settled at. The plain form is the one the wire, the database exports and
/// [`parse_yuan`] all agree on; grouping and `¥` are the UI's presentation.
pub fn format_yuan(amount: Decimal) -> String {
    let text = round_fen(amount).to_string();
    match text.split_once('.') {
        None => format!("{text}.00"),
        Some((_, fraction)) if fraction.len() == 1 => format!("{text}0"),
        Some(_) => text,
    }
}

/// Why weights cannot split an amount (see [`try_split_largest_remainder`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// There is nothing to split the amount onto.
    NoWeights,
    /// A weight is negative, so "in proportion" has no meaning.
    NegativeWeight { index: usize },
    /// Every weight is zero, so there is no proportion to follow.
    ZeroTotalWeight,
}

impl fmt::Display for SplitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NoWeights => f.write_str("no lines to split the amount onto"),
            Self::NegativeWeight { index } => write!(f, "weight {index} is negative"),
            Self::ZeroTotalWeight => f.write_str("all weights are zero"),
        }
    }
}

impl std::error::Error for SplitError {}

/// Splits `total` across lines in proportion to `weights`, in whole fen, by the
/// largest-remainder method: each line first gets its proportional share rounded down to
/// the fen, then the fen still missing go one each to the lines with the largest dropped
/// remainders (the earlier line first on a tie). The shares always sum to exactly
/// `round_fen(total)` and each is within one fen of its exact proportion.
///
/// `total` is rounded to the fen first, since a share can only be paid in fen. A negative
/// total (a reversal) is split like its absolute value and every share negated.
///
/// This never fails. With no weights there is nothing to split onto and the result is
/// empty; when the weights give no proportion (all zero, or any negative) the total is split
/// into equal shares, as a statement without amounts splits per line. Use
/// [`try_split_largest_remainder`] to treat those inputs as errors instead.
pub fn split_largest_remainder(total: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    match try_split_largest_remainder(total, weights) {
        Ok(shares) => shares,
        Err(SplitError::NoWeights) => Vec::new(),
        Err(SplitError::NegativeWeight { .. } | SplitError::ZeroTotalWeight) => {
            let equal = vec![Decimal::ONE; weights.len()];
            distribute(total, &equal, Decimal::from(weights.len()))
        }
    }
}

/// [`split_largest_remainder`] that reports weights giving no proportion instead of falling
/// back to equal shares.
pub fn try_split_largest_remainder(
    total: Decimal,
    weights: &[Decimal],
) -> Result<Vec<Decimal>, SplitError> {
    if weights.is_empty() {
        return Err(SplitError::NoWeights);
    }
    // A negative zero weight is still zero, not negative.
    if let Some(index) = weights
        .iter()
        .position(|w| w.is_sign_negative() && !w.is_zero())
    {
        return Err(SplitError::NegativeWeight { index });
    }
    let weight_sum: Decimal = weights.iter().copied().sum();
    if weight_sum <= Decimal::ZERO {
        return Err(SplitError::ZeroTotalWeight);
    }
    Ok(distribute(total, weights, weight_sum))
}

/// Largest-remainder distribution; `weights` are non-negative and sum to `weight_sum > 0`.
fn distribute(total: Decimal, weights: &[Decimal], weight_sum: Decimal) -> Vec<Decimal> {
    let total = round_fen(total);
    let total_fen = (total * Decimal::ONE_HUNDRED).abs();

    // Exact shares are rationals; Decimal carries 28 significant digits, so a share that is
    // really just below an integer could come out on it. The correction loops below keep
    // the sum exact whatever the division rounded to.
    let mut floors = Vec::with_capacity(weights.len());
    let mut remainders = Vec::with_capacity(weights.len());
    for &weight in weights {
        let exact = total_fen
            .checked_mul(weight)
            .and_then(|product| product.checked_div(weight_sum))
            .unwrap_or_else(|| total_fen * (weight / weight_sum));
        let floor = exact.floor();
        floors.push(floor);
        remainders.push(exact - floor);
    }

    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by(|&a, &b| match remainders[b].cmp(&remainders[a]) {
        Ordering::Equal => a.cmp(&b),
        unequal => unequal,
    });

    let mut missing = total_fen - floors.iter().copied().sum::<Decimal>();
    while missing > Decimal::ZERO {
        for &index in &order {
            if missing <= Decimal::ZERO {
                break;
            }
            floors[index] += Decimal::ONE;
            missing -= Decimal::ONE;
        }
    }
    while missing < Decimal::ZERO {
        let before = missing;
        for &index in order.iter().rev() {
            if missing >= Decimal::ZERO {
                break;
            }
            if floors[index] > Decimal::ZERO {
                floors[index] -= Decimal::ONE;
                missing += Decimal::ONE;
            }
        }
        if missing == before {
            // Unreachable with non-negative floors summing above zero; guards the loop.
            break;
        }
    }

    floors
        .into_iter()
        .map(|fen| {
            let share = fen / Decimal::ONE_HUNDRED;
            round_fen(if total.is_sign_negative() {
                -share
            } else {
                share
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn negative_zero_never_leaks_into_text() {
        assert_eq!(format_yuan(d("-0.004")), "0.00");
        assert!(!round_fen(d("-0.001")).is_sign_negative());
        assert!(!parse_yuan("-0").unwrap().is_sign_negative());
    }

    #[test]
    fn grouped_digits_accept_only_groups_of_three() {
        let mut out = String::new();
        assert!(push_grouped_digits("1,234,567", &mut out));
        assert_eq!(out, "1234567");
        for bad in ["1234,567", ",123", "1,23", "1,2345", "", "1,,234"] {
            assert!(!push_grouped_digits(bad, &mut String::new()), "{bad}");
        }
    }

    #[test]
    fn a_single_fen_over_equal_weights_goes_to_the_first_line() {
        // 1 fen over three equal weights: floors are 0, the one fen goes to the first line.
        let shares = distribute(d("0.01"), &[Decimal::ONE; 3], Decimal::from(3));
        assert_eq!(shares, vec![d("0.01"), d("0"), d("0")]);
    }
}
