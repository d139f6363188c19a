//! Cell text → amounts, dates, ids and payout statuses.
//!
//! Text cells from CSV and XLSX go through the same functions. Spreadsheet-typed cells
//! (numbers, dates) are handled in [`crate::excel`], which reuses these for text cells.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use stardesk_domain::money::parse_yuan;
use stardesk_domain::reconcile::records::PayoutStatus;

/// Parses an amount of yuan. Plain amounts (`1234.5`, `-200`, `0.125`) take a fast path
/// straight into a `Decimal`; anything decorated (`¥1,234.50`, `1234.5元`, `(200.00)`,
/// `￥ -200`) goes to [`parse_yuan`], so both accept exactly the same language. Excel's
/// force-text wrapper (`="66.00"`) is removed first, as for every text cell.
///
/// The result has at least two decimals (`1234.5` → `1234.50`; scale only ever grows, so
/// no value changes): a re-export that writes the same amount differently yields an equal
/// `Decimal` and the same line fingerprint either way, and it displays as money.
pub(crate) fn parse_amount(text: &str) -> Option<Decimal> {
    let text = clean_text(text);
    if let Some(amount) = fast_amount(text.as_bytes()) {
        return Some(amount);
    }
    parse_yuan(text).ok().map(at_least_fen)
}

/// Rescales to at least two decimals, without rounding anything.
pub(crate) fn at_least_fen(mut amount: Decimal) -> Decimal {
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount
}

/// `-?digits(.digits)?`, at most 16 bytes, so the mantissa times 100 fits an `i64`.
/// `None` sends the text to the general parser (which also rejects what this rejects).
fn fast_amount(bytes: &[u8]) -> Option<Decimal> {
    let (mut mantissa, mut scale) = plain_mantissa(bytes)?;
    while scale < 2 {
        mantissa *= 10;
        scale += 1;
    }
    Some(Decimal::new(mantissa, scale))
}

/// The mantissa and scale of a plain amount (see [`fast_amount`]), as written.
fn plain_mantissa(bytes: &[u8]) -> Option<(i64, u32)> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || digits.len() > 16 || digits[0] == b'.' || digits.ends_with(b".") {
        return None;
    }
    let mut mantissa: i64 = 0;
    let mut scale: u32 = 0;
    let mut in_fraction = false;
    for &byte in digits {
        match byte {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(byte - b'0');
                if in_fraction {
                    scale += 1;
                }
            }
            b'.' if !in_fraction => in_fraction = true,
            _ => return None,
        }
    }
    Some((if negative { -mantissa } else { mantissa }, scale))
}

/// [`parse_amount`] in fen: `None` when the text is no amount, or one with more than two
/// decimals. Plain amounts skip the `Decimal`.
pub(crate) fn parse_fen(text: &str) -> Option<i64> {
    if let Some((mantissa, scale)) = plain_mantissa(clean_text(text).as_bytes()) {
        // At most 16 digits: times 100 still fits.
        return match scale {
            0 => Some(mantissa * 100),
            1 => Some(mantissa * 10),
            2 => Some(mantissa),
            _ => None,
        };
    }
    amount_fen(parse_amount(text)?)
}

/// The amount in fen, when it has exactly two decimals (every imported amount has at
/// least two).
pub(crate) fn amount_fen(amount: Decimal) -> Option<i64> {
    (amount.scale() == 2)
        .then(|| i64::try_from(amount.mantissa()).ok())
        .flatten()
}

/// Parses a date as exports write it: `2026-03-05`, `2026/3/5`, `2026.3.5`, `20260305`,
/// `2026年3月5日`, optionally followed by a time (`2026-03-05 14:22:01`,
/// `2026-03-05T14:22:01`), which is dropped: reconciliation works on days. Day-first and
/// month-first forms (`05/03/2026`) are refused: they are ambiguous.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = clean_text(text);
    let bytes = text.as_bytes();
    // Fast path: ISO `YYYY-MM-DD`, the form of almost every platform export.
    if bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' {
        if let (Some(y), Some(m), Some(d)) = (
            digits_value(&bytes[0..4]),
            digits_value(&bytes[5..7]),
            digits_value(&bytes[8..10]),
        ) {
            return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
        }
    }
    let (date, time) = split_time(text);
    if let Some(time) = time {
        if time.is_empty()
            || !time
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
        {
            return None;
        }
    }
    parse_date_only(date)
}

/// Splits `date time` or `dateTtime`; the time part is `None` when there is none.
fn split_time(text: &str) -> (&str, Option<&str>) {
    if let Some((date, time)) = text.split_once(|c: char| c.is_whitespace()) {
        return (date, Some(time.trim()));
    }
    // `2026-03-05T14:22:01`: a `T` right after a complete date.
    if let Some(at) = text.find('T') {
        if at >= 8 {
            return (&text[..at], Some(&text[at + 1..]));
        }
    }
    (text, None)
}

fn parse_date_only(text: &str) -> Option<NaiveDate> {
    let ymd = |y: &str, m: &str, d: &str| -> Option<NaiveDate> {
        let (y, m, d) = (y.trim(), m.trim(), d.trim());
        if y.len() != 4 || m.is_empty() || m.len() > 2 || d.is_empty() || d.len() > 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(
            i32::try_from(digits_value(y.as_bytes())?).ok()?,
            digits_value(m.as_bytes())?,
            digits_value(d.as_bytes())?,
        )
    };
    if let Some((year, rest)) = text.split_once('年') {
        let (month, rest) = rest.split_once('月')?;
        let day = rest.strip_suffix('日').unwrap_or(rest);
        return ymd(year, month, day);
    }
    let bytes = text.as_bytes();
    if bytes.len() == 8 && bytes.iter().all(u8::is_ascii_digit) {
        return ymd(&text[0..4], &text[4..6], &text[6..8]);
    }
    for separator in ['-', '/', '.'] {
        let mut parts = text.split(separator);
        if let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        {
            return ymd(y, m, d);
        }
    }
    None
}

fn digits_value(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |value, &b| {
        b.is_ascii_digit().then(|| value * 10 + u32::from(b - b'0'))
    })
}

/// Cleans a text cell: trims (all Unicode spaces, including the full-width `U+3000` and the
/// tab some banks prefix to stop Excel from reformatting numbers) and unwraps Excel's
/// force-text formula `="6222…"`, which bank CSVs use to keep long numbers intact.
pub(crate) fn clean_text(text: &str) -> &str {
    let text = trim(text);
    // One byte compared for almost every cell, before the two-byte prefix.
    if text.as_bytes().first() != Some(&b'=') {
        return text;
    }
    match text.strip_prefix("=\"").and_then(|t| t.strip_suffix('"')) {
        Some(inner) => inner.trim(),
        None => text,
    }
}

/// `str::trim`, skipped when both ends are visible ASCII (almost every cell).
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// [`clean_text`] for identifiers (statement, task, transaction ids; tracking numbers),
/// which additionally drops the leading apostrophe that marks a number typed as text.
pub(crate) fn clean_id(text: &str) -> &str {
    let text = clean_text(text);
    // The first byte compared, not a one-character prefix (a call to `memcmp`).
    match text.as_bytes().first() {
        Some(b'\'') => trim(&text[1..]),
        _ => text,
    }
}

/// The platform's payout status: 已结算 / 提现中 / 已提现 / 提现失败, or the English
/// words (any case); anything else is kept verbatim as [`PayoutStatus::Other`].
pub(crate) fn parse_status(text: &str) -> PayoutStatus {
    let text = clean_text(text);
    match text {
        "已结算" => PayoutStatus::Settled,
        "提现中" => PayoutStatus::Withdrawing,
        "已提现" => PayoutStatus::Withdrawn,
        "提现失败" => PayoutStatus::Failed,
        _ if text.eq_ignore_ascii_case("settled") => PayoutStatus::Settled,
        _ if text.eq_ignore_ascii_case("withdrawing") => PayoutStatus::Withdrawing,
        _ if text.eq_ignore_ascii_case("withdrawn") => PayoutStatus::Withdrawn,
        _ if text.eq_ignore_ascii_case("failed") => PayoutStatus::Failed,
        _ => PayoutStatus::Other(text.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> Decimal {
        text.parse().unwrap()
    }

    #[test]
    fn fast_and_general_amount_paths_agree() {
        for text in [
            "0",
            "1",
            "12.5",
            "1234.50",
            "-200",
            "-0.00",
            "0.125",
            "007",
            "9999999999999.99",
            "99999999999999999",
            ".5",
            "5.",
            "-",
            "1.2.3",
            "1e3",
            "--1",
        ] {
            let general = parse_yuan(text).ok().map(at_least_fen);
            assert_eq!(parse_amount(text), general, "{text}");
        }
    }

    #[test]
    fn fen_are_the_amounts_with_two_decimals() {
        for text in [
            "0",
            "12.5",
            "1234.50",
            "-200",
            "-0.00",
            "0.125",
            "007",
            "¥1,234.5",
            "(200.00)",
            " 66 ",
            "=\"66.00\"",
            "9999999999999.99",
            "12x",
            "",
            "1.2.3",
            "0.1250",
        ] {
            let via_decimal = parse_amount(text)
                .filter(|amount| amount.scale() == 2)
                .map(|amount| i64::try_from(amount.mantissa()).unwrap());
            assert_eq!(parse_fen(text), via_decimal, "{text}");
        }
        assert_eq!(parse_fen("1234.5"), Some(123_450));
    }

    #[test]
    fn amounts_in_fen_have_two_decimals() {
        assert_eq!(amount_fen(Decimal::new(12_345, 2)), Some(12_345));
        assert_eq!(amount_fen(Decimal::new(-5, 2)), Some(-5));
        assert_eq!(amount_fen(Decimal::new(125, 3)), None);
    }

    #[test]
    fn amounts_keep_at_least_two_decimals_without_rounding() {
        assert_eq!(parse_amount("1234.5").unwrap().to_string(), "1234.50");
        assert_eq!(parse_amount("¥1,234.5").unwrap().to_string(), "1234.50");
        assert_eq!(parse_amount("0.125").unwrap().to_string(), "0.125");
        assert!(!parse_amount("-0").unwrap().is_sign_negative());
        assert_eq!(parse_amount("(200.00)"), Some(d("-200")));
    }

    #[test]
    fn dates_reject_impossible_days_and_junk_times() {
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("2026-03-05 lunch"), None);
        assert_eq!(parse_date("2026-3-5-1"), None);
        assert_eq!(parse_date("26-3-5"), None);
        assert_eq!(
            parse_date(" 2026-03-05T14:22:01 "),
            NaiveDate::from_ymd_opt(2026, 3, 5)
        );
    }

    #[test]
    fn ids_lose_excel_text_markers() {
        assert_eq!(clean_id("=\"6222020200112233\""), "6222020200112233");
        assert_eq!(clean_id("\t'0012"), "0012");
        assert_eq!(clean_text("'note"), "'note");
    }
}
