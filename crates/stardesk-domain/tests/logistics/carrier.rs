//! Carriers and the guess from a tracking number's shape (kuaidi100's practice notes).

use stardesk_domain::logistics::carrier::{
    carrier, guess, phone_required, score, CARRIERS, SHAPES,
};

fn codes(number: &str) -> Vec<&'static str> {
    guess(number).into_iter().map(|c| c.code).collect()
}

/// `count` digit strings of `len` digits, spread over the digits (not one lucky value).
fn tails(len: usize, count: u64) -> Vec<String> {
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    (0..count)
        .map(|i| {
            (0..len)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    char::from(b'0' + u8::try_from((x ^ i) % 10).unwrap())
                })
                .collect()
        })
        .chain(["0".repeat(len), "9".repeat(len)])
        .collect()
}

#[test]
fn the_carrier_table_has_every_carrier_we_track() {
    let table: Vec<(&str, &str)> = CARRIERS.iter().map(|c| (c.code, c.name)).collect();
    for expected in [
        ("shunfeng", "顺丰速运"),
        ("jd", "京东物流"),
        ("yuantong", "圆通速递"),
        ("jtexpress", "极兔速递"),
        ("ems", "EMS"),
        ("shentong", "申通快递"),
        ("zhongtong", "中通快递"),
        ("yunda", "韵达快递"),
        ("youzhengguonei", "邮政快递包裹"),
        ("shunfengkuaiyun", "顺丰快运"),
    ] {
        assert!(table.contains(&expected), "{expected:?}");
    }
    for (i, c) in CARRIERS.iter().enumerate() {
        assert!(
            CARRIERS[i + 1..].iter().all(|o| o.code != c.code),
            "{}",
            c.code
        );
    }
    // Every shape names a carrier of the table.
    for shape in SHAPES {
        assert!(carrier(shape.carrier).is_some(), "{}", shape.carrier);
    }
}

#[test]
fn sf_and_zto_need_a_phone_number_in_the_query() {
    for code in ["shunfeng", "shunfengkuaiyun", "zhongtong", " ZhongTong "] {
        assert!(phone_required(code), "{code}");
    }
    for code in [
        "jd",
        "yuantong",
        "jtexpress",
        "ems",
        "shentong",
        "yunda",
        "youzhengguonei",
        "dhl",
        "",
    ] {
        assert!(!phone_required(code), "{code}");
    }
    assert_eq!(carrier("SHUNFENG").map(|c| c.name), Some("顺丰速运"));
    assert_eq!(carrier("nope"), None);
}

#[test]
fn letter_prefixed_numbers_have_one_carrier() {
    for (number, expected) in [
        ("SF123456789012", "shunfeng"),
        ("SF1234567890123", "shunfeng"),
        ("JDVA11408814483", "jd"),
        ("JDX000123456789", "jd"),
        ("JDK1A2B3C4D5E6", "jd"),
        ("YT9693083639795", "yuantong"),
        ("JT123456789012", "jtexpress"),
        ("JT1234567890123", "jtexpress"),
        ("EA123456789CN", "ems"),
        ("LK987654321US", "ems"),
    ] {
        assert_eq!(codes(number), [expected], "{number}");
    }
}

#[test]
fn a_letter_prefix_with_the_wrong_length_or_body_is_nothing() {
    for number in [
        "SF12345678901",    // 11 digits
        "SF12345678901234", // 14 digits
        "SF1234567890AB",   // letters in the digits
        "YT969308363979",   // 12 digits
        "YT96930836397950", // 14 digits
        "JT12345678901",    // 11 digits
        "JDA11408814483",   // not X, V or K
        "JDV1234",          // too short
        "EA12345678CN",     // 8 digits
        "E1123456789CN",    // one letter
        "EA123456789C1",    // digit in the suffix
        "ZZ",
    ] {
        assert_eq!(codes(number), Vec::<&str>::new(), "{number}");
    }
}

#[test]
fn the_sandbox_numbers_rank_their_carrier_first() {
    let shapes: [(&str, &str, usize); 8] = [
        ("shunfeng", "SF", 13),
        ("zhongtong", "75", 12),
        ("yuantong", "YT", 13),
        ("yunda", "43", 11),
        ("jd", "JDVA", 11),
        ("ems", "11", 11),
        ("shentong", "77", 13),
        ("jtexpress", "JT", 13),
    ];
    for (expected, prefix, len) in shapes {
        for tail in tails(len, 40) {
            let number = format!("{prefix}{tail}");
            assert_eq!(codes(&number).first(), Some(&expected), "{number}");
        }
    }
}

#[test]
fn all_digit_numbers_list_every_plausible_carrier_prefix_matches_first() {
    for (number, expected) in [
        // 韵达's prefix and length, then 中通 by its length.
        ("4312345678901", &["yunda", "zhongtong"][..]),
        // EMS's prefix; 韵达 and 中通 by length.
        ("1112345678901", &["ems", "yunda", "zhongtong"]),
        ("9912345678901", &["ems", "yunda", "zhongtong"]),
        // 申通's 13-digit prefix.
        ("5512345678901", &["shentong", "yunda", "zhongtong"]),
        // 申通's 15-digit prefix, 韵达 by length (before 申通's own length-only row).
        ("771234567890123", &["shentong", "yunda"]),
        ("991234567890123", &["shentong", "yunda"]),
        // 韵达's 15-digit prefix, then 申通 by length.
        ("431234567890123", &["yunda", "shentong"]),
        // 中通's prefix, 12 and 14 digits.
        ("751234567890", &["zhongtong"]),
        ("73123456789012", &["zhongtong"]),
        // No prefix: lengths only.
        ("1234567890123", &["yunda", "zhongtong"]),
        ("123456789012345", &["yunda", "shentong"]),
        ("123456789012", &["zhongtong"]),
        ("12345678901234", &["zhongtong"]),
    ] {
        assert_eq!(codes(number), expected, "{number}");
    }
}

#[test]
fn a_prefix_match_outranks_every_length_only_match() {
    let best = |code: &str| {
        SHAPES
            .iter()
            .filter(|s| s.carrier == code)
            .map(|s| s.score)
            .max()
    };
    assert_eq!(best("shunfeng"), Some(score::LETTER_PREFIX));
    const {
        assert!(score::LETTER_PREFIX > score::PREFIX_AND_LENGTH);
        assert!(score::PREFIX_AND_LENGTH > score::LENGTH_ONLY);
    }
    // A 中通 prefix at 13 digits beats 韵达's length-only row that comes before it.
    assert_eq!(codes("7512345678901"), ["zhongtong", "yunda"]);
}

#[test]
fn garbage_and_too_short_numbers_are_nothing() {
    for number in [
        "",
        "   ",
        "12345",
        "12345678901",
        "1234567890123456",
        "SF",
        "hello world",
        "顺丰1234567890123",
        "SF 1234567890123",
        "43-12345678901",
        "４３12345678901",
    ] {
        assert_eq!(codes(number), Vec::<&str>::new(), "{number:?}");
    }
}

#[test]
fn lower_case_and_surrounding_whitespace_are_accepted() {
    assert_eq!(codes("  sf1234567890123\n"), ["shunfeng"]);
    assert_eq!(codes("jdva11408814483"), ["jd"]);
    assert_eq!(codes("\tyt9693083639795 "), ["yuantong"]);
    assert_eq!(codes(" ea123456789cn "), ["ems"]);
    assert_eq!(codes(" 4312345678901 "), ["yunda", "zhongtong"]);
}

#[test]
fn a_guess_never_repeats_a_carrier_and_is_the_same_every_time() {
    for len in 10..=16 {
        for tail in tails(len, 30) {
            let first = codes(&tail);
            let mut unique = first.clone();
            unique.sort_unstable();
            unique.dedup();
            assert_eq!(unique.len(), first.len(), "{tail}");
            assert_eq!(codes(&tail), first, "{tail}");
        }
    }
}
