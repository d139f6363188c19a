//! Cell text → amounts, dates, ids and payout statuses.
//!
//! Text cells from CSV and XLSX go through the same functions. Spreadsheet-typed cells
//! (numbers, dates) are handled in [`crate::excel`], which reuses these for text cells.

use std::cell::Cell;

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
    two_decimal_fen(clean_text(text).as_bytes()).or_else(|| plain_fen(text))
}

/// [`parse_fen`] without its two-decimal fast path.
fn plain_fen(text: &str) -> Option<i64> {
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

/// `-?d{1,13}.dd`, the form of almost every amount a platform exports, in fen: what
/// [`plain_mantissa`] gives it, in one comparison a byte.
#[inline]
fn two_decimal_fen(bytes: &[u8]) -> Option<i64> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let [whole @ .., b'.', tens, ones] = digits else {
        return None;
    };
    // At most 13 + 2 digits, as `plain_mantissa` reads: no overflow.
    if whole.is_empty() || whole.len() > 13 {
        return None;
    }
    let digit = |byte: u8| Some(i64::from(byte.wrapping_sub(b'0'))).filter(|d| *d <= 9);
    let mut yuan: i64 = 0;
    for &byte in whole {
        yuan = yuan * 10 + digit(byte)?;
    }
    let fen = yuan * 100 + digit(*tens)? * 10 + digit(*ones)?;
    Some(if negative { -fen } else { fen })
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
    if let [y0, y1, y2, y3, b'-', m0, m1, b'-', d0, d1] = *bytes {
        if let Some(date) = iso_date([y0, y1, y2, y3, m0, m1, d0, d1]) {
            return date;
        }
    }
    general_date(text)
}

/// [`parse_date`] without its ISO fast path.
fn general_date(text: &str) -> Option<NaiveDate> {
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

/// Days last read from ISO dates on this thread, a slot for each month and day: a file's
/// dates are a few hundred days over and over, and a hit costs one comparison where a
/// date costs three numbers and a calendar check (the scan of a million-line statement
/// spent a tenth of its time there). A slot holds the digits and the date they read as;
/// an empty slot holds `u64::MAX`, eight 0xFF bytes, which no text has (no UTF-8 byte is
/// 0xFF), so it matches nothing.
const DATE_MEMO_SLOTS: usize = 1024;

thread_local! {
    static DATE_MEMO: [Cell<(u64, Option<NaiveDate>)>; DATE_MEMO_SLOTS] =
        const { [const { Cell::new((u64::MAX, None)) }; DATE_MEMO_SLOTS] };
}

/// `YYYY-MM-DD`, given its eight digits' bytes (`YYYYMMDD`): the date, or `Some(None)`
/// when the numbers name no day; `None` when a byte is no digit (the general reading then
/// decides, as it does for ` 3`). The same answer as reading the three numbers
/// ([`digits_value`]) and asking the calendar, memoised ([`DATE_MEMO`]).
fn iso_date(digits: [u8; 8]) -> Option<Option<NaiveDate>> {
    let key = u64::from_le_bytes(digits);
    // Month and day as numbers when they are digits (12 × 32 + 31 < 1024); a slot of
    // some other day when not, which the key then does not match.
    let [.., m0, m1, d0, d1] = digits;
    let low = |byte: u8, mask: u8| usize::from(byte & mask);
    let slot =
        ((low(m0, 1) * 10 + low(m1, 15)) * 32 + low(d0, 3) * 10 + low(d1, 15)) % DATE_MEMO_SLOTS;
    DATE_MEMO.with(|memo| {
        let (seen, date) = memo[slot].get();
        if seen == key {
            return Some(date);
        }
        let (y, m, d) = (
            digits_value(&digits[0..4])?,
            digits_value(&digits[4..6])?,
            digits_value(&digits[6..8])?,
        );
        let date = NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
        memo[slot].set((key, date));
        Some(date)
    })
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

/// Which way a bank line's money went, as a bank's direction column (借贷标志) says it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Direction {
    /// 贷 / 收 / 入: money came into the account.
    In,
    /// 借 / 支 / 出: money left the account.
    Out,
}

/// Cells that say "no direction" (a placeholder, or a payment app's neutral move): the
/// amount keeps its own sign. `-` is a placeholder in many exports, never "money out".
pub(crate) fn is_no_direction(text: &str) -> bool {
    matches!(
        clean_text(text),
        "" | "-" | "--" | "—" | "/" | "－" | "不计收支" | "其他"
    )
}

/// A direction cell: the Chinese words banks print (a depositor's statement says 借 for
/// money out and 贷 for money in), their English forms, and `+`/`-`. `None` for any
/// other text; an empty cell is the caller's to decide.
pub(crate) fn parse_direction(text: &str) -> Option<Direction> {
    let text = clean_text(text);
    let text = text.strip_suffix('方').unwrap_or(text);
    match text {
        "贷" | "贷记" | "收" | "收入" | "收款" | "入" | "入账" | "存入" | "转入" | "流入"
        | "来账" | "+" | "＋" => Some(Direction::In),
        "借" | "借记" | "支" | "支出" | "出" | "出账" | "支取" | "转出" | "流出" | "往账"
        | "付" | "付款" => Some(Direction::Out),
        _ if ["c", "ｃ", "cr", "credit", "in"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word)) =>
        {
            Some(Direction::In)
        }
        _ if ["d", "ｄ", "dr", "debit", "out"]
            .iter()
            .any(|word| text.eq_ignore_ascii_case(word)) =>
        {
            Some(Direction::Out)
        }
        _ => None,
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

    /// A little xorshift, for texts made at random.
    fn random() -> impl FnMut() -> u64 {
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// The two-decimal fast path gives what the plain reading gives, on amounts of every
    /// length with a sign, a stray byte or a decimal point moved now and then.
    #[test]
    fn fen_fast_path_reads_as_the_plain_path() {
        let mut next = random();
        let mut fast = 0;
        for _ in 0..200_000 {
            let whole = 1 + (next() % 16) as usize;
            let mut text: Vec<u8> = (0..whole).map(|_| b'0' + (next() % 10) as u8).collect();
            text.extend([b'.', b'0' + (next() % 10) as u8, b'0' + (next() % 10) as u8]);
            match next() % 8 {
                0 => text.insert(0, b'-'),
                1 => {
                    let at = (next() as usize) % text.len();
                    text[at] = [b'/', b':', b'.', b' ', b'-', b'e'][(next() % 6) as usize];
                }
                _ => {}
            }
            let text = String::from_utf8(text).expect("ASCII");
            fast += usize::from(two_decimal_fen(text.as_bytes()).is_some());
            assert_eq!(parse_fen(&text), plain_fen(&text), "{text}");
        }
        assert!(fast > 100_000, "the fast path read {fast}");
    }

    /// ISO dates, memoised, read as the three numbers and the calendar read them, on
    /// every day of some years and impossible ones, each year twice over (the second
    /// time from the memo, which the first filled; a year after another replaces its
    /// slots), and as the general reading reads them, which decides texts with a
    /// non-digit.
    #[test]
    fn iso_dates_read_as_the_calendar_reads_them() {
        let uncached = |text: &str| {
            let (y, m, d) = (&text[0..4], &text[5..7], &text[8..10]);
            NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
        };
        for year in [1999, 2024, 2026, 2027, 2100] {
            for _round in 0..2 {
                for month in 0..=13 {
                    for day in 0..=32 {
                        let text = format!("{year:04}-{month:02}-{day:02}");
                        assert_eq!(parse_date(&text), uncached(&text), "{text}");
                        assert_eq!(parse_date(&text), general_date(&text), "{text}");
                    }
                }
            }
        }
        for text in [
            "2026- 3-05",
            "2026-03- 5",
            "2026-0a-05",
            "+026-03-05",
            "2026-03-05",
        ] {
            assert_eq!(parse_date(text), general_date(text), "{text}");
        }
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
