//! The carriers StarDesk knows (kuaidi100 codes) and a local guess of the carrier from a
//! tracking number's shape.
//!
//! kuaidi100's own detection is for paying accounts only, so the app guesses first and the
//! user can always override. The shapes are "seen in practice", a guess and not a
//! guarantee: they are data ([`SHAPES`]), each with a score, matched by a small pattern
//! matcher of our own.

/// A carrier, by its kuaidi100 code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Carrier {
    /// kuaidi100's carrier code (`com`), lower case.
    pub code: &'static str,
    /// The carrier's Chinese name.
    pub name: &'static str,
    /// A query must carry a phone number (the last 4 digits are enough), or kuaidi100
    /// answers `408`.
    pub phone_required: bool,
}

const fn carrier_row(code: &'static str, name: &'static str, phone: bool) -> Carrier {
    Carrier {
        code,
        name,
        phone_required: phone,
    }
}

/// Every carrier StarDesk knows. 顺丰 (`shunfeng`, `shunfengkuaiyun`) and 中通
/// (`zhongtong`) require a phone number in the query.
pub const CARRIERS: &[Carrier] = &[
    carrier_row("shunfeng", "顺丰速运", true),
    carrier_row("jd", "京东物流", false),
    carrier_row("yuantong", "圆通速递", false),
    carrier_row("jtexpress", "极兔速递", false),
    carrier_row("ems", "EMS", false),
    carrier_row("shentong", "申通快递", false),
    carrier_row("zhongtong", "中通快递", true),
    carrier_row("yunda", "韵达快递", false),
    carrier_row("youzhengguonei", "邮政快递包裹", false),
    carrier_row("shunfengkuaiyun", "顺丰快运", true),
];

/// The carrier with kuaidi100 code `code` (case and surrounding whitespace ignored).
pub fn carrier(code: &str) -> Option<&'static Carrier> {
    let code = code.trim();
    CARRIERS.iter().find(|c| c.code.eq_ignore_ascii_case(code))
}

/// A query for carrier `code` must carry a phone number (顺丰 and 中通); `false` for a
/// carrier we do not know.
pub fn phone_required(code: &str) -> bool {
    carrier(code).is_some_and(|c| c.phone_required)
}

/// One piece of a tracking-number shape. Counts are inclusive ranges of characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Exactly this text.
    Lit(&'static str),
    /// One of these texts.
    AnyOf(&'static [&'static str]),
    /// One of these characters.
    OneOf(&'static str),
    /// `min..=max` ASCII digits.
    Digits(u8, u8),
    /// `min..=max` upper-case ASCII letters.
    Letters(u8, u8),
    /// `min..=max` upper-case ASCII letters or digits.
    Alnum(u8, u8),
}

/// How specific a shape is; a higher score ranks first.
pub mod score {
    /// A letter prefix: unambiguous in practice.
    pub const LETTER_PREFIX: u8 = 3;
    /// A digit prefix and a length.
    pub const PREFIX_AND_LENGTH: u8 = 2;
    /// A length only.
    pub const LENGTH_ONLY: u8 = 1;
}

/// A tracking-number shape of one carrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The carrier's kuaidi100 code.
    pub carrier: &'static str,
    /// The whole number, start to end.
    pub parts: &'static [Part],
    /// See [`score`].
    pub score: u8,
}

use Part::{Alnum, AnyOf, Digits, Letters, Lit, OneOf};

const fn shape(carrier: &'static str, parts: &'static [Part], score: u8) -> Shape {
    Shape {
        carrier,
        parts,
        score,
    }
}

/// The shapes from kuaidi100's practice notes (`shared/reference/kuaidi100.md`). Among
/// equal scores, the table's order decides: for the all-digit lengths they share, 韵达
/// comes before 中通 (13 digits is 韵达's usual length, 中通's are 12 or 14) and before
/// 申通 (15 digits). 邮政快递包裹 and 顺丰快运 have no shape: the user picks them.
pub const SHAPES: &[Shape] = &[
    shape(
        "shunfeng",
        &[Lit("SF"), Digits(12, 13)],
        score::LETTER_PREFIX,
    ),
    shape(
        "jd",
        &[Lit("JD"), OneOf("XVK"), Alnum(9, 17)],
        score::LETTER_PREFIX,
    ),
    shape(
        "yuantong",
        &[Lit("YT"), Digits(13, 13)],
        score::LETTER_PREFIX,
    ),
    shape(
        "jtexpress",
        &[Lit("JT"), Digits(12, 13)],
        score::LETTER_PREFIX,
    ),
    shape(
        "ems",
        &[Letters(2, 2), Digits(9, 9), Letters(2, 2)],
        score::LETTER_PREFIX,
    ),
    shape(
        "ems",
        &[
            AnyOf(&["10", "11", "50", "51", "95", "97", "98", "99"]),
            Digits(11, 11),
        ],
        score::PREFIX_AND_LENGTH,
    ),
    shape(
        "shentong",
        &[AnyOf(&["77", "88", "99"]), Digits(13, 13)],
        score::PREFIX_AND_LENGTH,
    ),
    shape(
        "shentong",
        &[AnyOf(&["55", "66"]), Digits(11, 11)],
        score::PREFIX_AND_LENGTH,
    ),
    shape(
        "zhongtong",
        &[AnyOf(&["75", "73", "78"]), Digits(10, 12)],
        score::PREFIX_AND_LENGTH,
    ),
    shape(
        "yunda",
        &[AnyOf(&["43", "46", "31"]), Digits(11, 11)],
        score::PREFIX_AND_LENGTH,
    ),
    shape(
        "yunda",
        &[AnyOf(&["43", "46", "31"]), Digits(13, 13)],
        score::PREFIX_AND_LENGTH,
    ),
    shape("yunda", &[Digits(13, 13)], score::LENGTH_ONLY),
    shape("yunda", &[Digits(15, 15)], score::LENGTH_ONLY),
    shape("zhongtong", &[Digits(12, 14)], score::LENGTH_ONLY),
    shape("shentong", &[Digits(15, 15)], score::LENGTH_ONLY),
];

/// How many leading bytes of `s` satisfy `ok`, up to `max`.
fn run(s: &[u8], max: u8, ok: fn(&u8) -> bool) -> usize {
    s.iter()
        .take(usize::from(max))
        .take_while(|b| ok(b))
        .count()
}

/// `s` is exactly `parts`, with backtracking over the variable-length parts.
fn matches(parts: &[Part], s: &[u8]) -> bool {
    let Some((part, rest)) = parts.split_first() else {
        return s.is_empty();
    };
    let counted = |min: u8, max: u8, ok: fn(&u8) -> bool| {
        (usize::from(min)..=run(s, max, ok)).any(|n| matches(rest, &s[n..]))
    };
    match *part {
        Lit(text) => s
            .strip_prefix(text.as_bytes())
            .is_some_and(|tail| matches(rest, tail)),
        AnyOf(texts) => texts.iter().any(|text| {
            s.strip_prefix(text.as_bytes())
                .is_some_and(|tail| matches(rest, tail))
        }),
        OneOf(chars) => s
            .split_first()
            .is_some_and(|(b, tail)| chars.as_bytes().contains(b) && matches(rest, tail)),
        Digits(min, max) => counted(min, max, u8::is_ascii_digit),
        Letters(min, max) => counted(min, max, u8::is_ascii_uppercase),
        Alnum(min, max) => counted(min, max, |b| b.is_ascii_digit() || b.is_ascii_uppercase()),
    }
}

/// The carriers whose shape `number` has, best first; empty when none is plausible.
///
/// The number is trimmed and its letters upper-cased. Candidates rank by their best
/// shape's score (a letter prefix, then a digit prefix with a length, then a length only),
/// then by the order of [`SHAPES`]; each carrier appears once. A letter-prefixed number
/// matches one carrier; an all-digit one may match several.
pub fn guess(number: &str) -> Vec<&'static Carrier> {
    let number = number.trim().to_ascii_uppercase();
    let mut hits: Vec<(u8, usize, &'static str)> = SHAPES
        .iter()
        .enumerate()
        .filter(|(_, s)| matches(s.parts, number.as_bytes()))
        .map(|(i, s)| (s.score, i, s.carrier))
        .collect();
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<&'static Carrier> = Vec::new();
    for (_, _, code) in hits {
        if let Some(c) = carrier(code) {
            if !out.iter().any(|o| o.code == c.code) {
                out.push(c);
            }
        }
    }
    out
}
