//! The index of one- and two-character terms (`tasks_grams`, migration 0009): FTS5 finds
//! substrings of three characters and more with its trigram tokenizer (`tasks_fts`), and
//! nothing shorter. This table holds, for each task, every character and every pair of
//! adjacent characters of its search text as tokens, so a term of one or two characters
//! is one token lookup, exactly like a substring search: the term is in the text if and
//! only if its token is in the task's document.
//!
//! Tokens are code points in lowercase hex, six digits each (`面` → `009762`, `面霜` →
//! `00976200971c`), which FTS5's `ascii` tokenizer keeps whole and never folds: a search
//! stays case-sensitive and punctuation stays searchable, as `instr()` was. Whitespace
//! never appears in a term (the query splits on it), so no token holds any.
//!
//! A document also holds the task's category, industry and content form as tokens (a
//! prefix and the value's UTF-8 bytes in hex: `cat`, `ind`, `form`), so FTS5 intersects
//! a search with those filters itself, and `x`, in every document; and for the few terms
//! most tasks have, the complement token of each one the task lacks (`without.rs`).

use std::fmt::Write;

use rusqlite::{params, Connection};

use super::without::Common;

/// The token in every document: `x NOT <query>` is every task the query does not find.
/// Never a token of a term (those are hex digits only).
pub(super) const EVERY_TASK: &str = "x";

fn push_token(out: &mut String, chars: &[char]) {
    for c in chars {
        push_code_point(out, u32::from(*c));
    }
}

/// Six lowercase hex digits of a code point (at most 0x10ffff), without the formatter: a
/// first sync writes some 20 million of them.
fn push_code_point(out: &mut String, v: u32) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in [20, 16, 12, 8, 4, 0] {
        out.push(char::from(HEX[((v >> shift) & 0xf) as usize]));
    }
}

/// What a document holds besides the text: the values of the filters it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Facets<'a> {
    pub(super) category: &'a str,
    pub(super) industry: &'a str,
    pub(super) content_form: &'a str,
}

/// The token of a filter's value: `cat`, `ind` or `form`, then its bytes in hex. Never a
/// token of a term or [`EVERY_TASK`] (those have no `t`, `n` or `o`).
pub(super) fn facet(prefix: &str, value: &str) -> String {
    let mut t = String::with_capacity(prefix.len() + value.len() * 2);
    t.push_str(prefix);
    for b in value.bytes() {
        let _ = write!(t, "{b:02x}");
    }
    t
}

pub(super) const CATEGORY: &str = "cat";
pub(super) const INDUSTRY: &str = "ind";
pub(super) const CONTENT_FORM: &str = "form";

/// The terms of a text, each as one integer, ascending and distinct: every character
/// without whitespace and every pair of adjacent ones. A term's number is the first
/// character's code point above, then the second's plus one, or 0 for a single character,
/// so the numbers sort as the terms do (a character before every pair it starts).
/// Sorting and deduplicating integers, not slices of characters, is what a first sync's
/// 100,000 documents spend least on.
pub(super) fn grams_of(text: &str) -> Vec<u64> {
    let mut grams: Vec<u64> = Vec::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let first = u64::from(u32::from(c)) << 32;
        grams.push(first);
        if let Some(&d) = chars.peek().filter(|d| !d.is_whitespace()) {
            grams.push(first | (u64::from(u32::from(d)) + 1));
        }
    }
    grams.sort_unstable();
    grams.dedup();
    grams
}

/// Appends the token of a term numbered as [`grams_of`] numbers them.
pub(super) fn push_gram(out: &mut String, g: u64) {
    push_code_point(out, (g >> 32) as u32);
    if let Some(second) = (g as u32).checked_sub(1) {
        push_code_point(out, second);
    }
}

/// The number of a term's token (six or twelve hex digits); `None` for any other token.
pub(super) fn gram_of_token(token: &str) -> Option<u64> {
    let hex = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            .then(|| u32::from_str_radix(s, 16).ok())
            .flatten()
    };
    match token.len() {
        6 => Some(u64::from(hex(token)?) << 32),
        12 => Some(u64::from(hex(&token[..6])?) << 32 | (u64::from(hex(&token[6..])?) + 1)),
        _ => None,
    }
}

/// The document indexed for a task's search text and facets, with the complement tokens
/// of the `common` terms it lacks (`without.rs`).
pub(super) fn document(text: &str, facets: Facets<'_>, common: &Common) -> String {
    let grams = grams_of(text);
    let mut doc = String::with_capacity(64 + grams.len() * 10);
    doc.push_str(EVERY_TASK);
    for (prefix, value) in [
        (CATEGORY, facets.category),
        (INDUSTRY, facets.industry),
        (CONTENT_FORM, facets.content_form),
    ] {
        doc.push(' ');
        doc.push_str(&facet(prefix, value));
    }
    for &g in &grams {
        doc.push(' ');
        push_gram(&mut doc, g);
    }
    common.push_missing(&mut doc, &grams);
    doc
}

/// The token of `term`, a term of one or two characters; `None` for any other length.
pub(super) fn term_token(term: &str) -> Option<String> {
    let chars: Vec<char> = term.chars().collect();
    if chars.is_empty() || chars.len() > 2 {
        return None;
    }
    let mut t = String::with_capacity(12);
    push_token(&mut t, &chars);
    Some(t)
}

/// An FTS5 query: every group has one of its tokens.
pub(super) fn query(groups: &[Vec<String>]) -> String {
    let group = |g: &Vec<String>| {
        let quoted: Vec<String> = g.iter().map(|t| format!("\"{t}\"")).collect();
        format!("({})", quoted.join(" OR "))
    };
    groups.iter().map(group).collect::<Vec<_>>().join(" AND ")
}

/// How many windows of rowids [`estimate`] samples, spread evenly over the cache, and
/// about how many tasks they hold together.
const WINDOWS: i64 = 8;
const SAMPLED: i64 = 2048;

/// About how many tasks `query(groups)` finds, for the query's plan only (every plan gives
/// the same rows): the share of the tasks it finds in [`WINDOWS`] windows of rowids spread
/// over the cache, some [`SAMPLED`] tasks in all, times the tasks there are (`all`). A
/// cache of no more than twice that is counted exactly.
///
/// Reading FTS5's term counts instead (`tasks_grams_vocab`) walks the term's whole list of
/// documents: 2.5–4 ms for a character in nearly every task (需), a fifth of the query; a
/// window is a seek in that list and a few hundred entries.
pub(super) fn estimate(
    conn: &Connection,
    groups: &[Vec<String>],
    all: u64,
) -> rusqlite::Result<u64> {
    let q = query(groups);
    let exact = || -> rusqlite::Result<u64> {
        conn.prepare_cached("SELECT count(*) FROM tasks_grams WHERE tasks_grams MATCH ?1")?
            .query_row([&q], |r| r.get::<_, i64>(0))
            .map(|n| u64::try_from(n).unwrap_or(0))
    };
    let all_i = i64::try_from(all).unwrap_or(i64::MAX);
    if all_i <= 2 * SAMPLED {
        return exact();
    }
    let (lo, hi): (Option<i64>, Option<i64>) = conn
        // Two subqueries: each is one step down the table's b-tree, where one
        // `SELECT min(..), max(..)` scans every row.
        .prepare_cached(
            "SELECT (SELECT min(task_rowid) FROM task_hall),
                    (SELECT max(task_rowid) FROM task_hall)",
        )?
        .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return exact();
    };
    // Windows of `width` rowids, one at the start of each of WINDOWS equal stretches.
    let span = hi - lo + 1;
    let width = (span.saturating_mul(SAMPLED) / all_i / WINDOWS).max(1);
    let stretch = span / WINDOWS;
    let mut tasks = conn.prepare_cached(
        "SELECT count(*) FROM task_hall WHERE task_rowid >= ?1 AND task_rowid < ?2",
    )?;
    let mut found = conn.prepare_cached(
        "SELECT count(*) FROM tasks_grams WHERE tasks_grams MATCH ?1
         AND rowid >= ?2 AND rowid < ?3",
    )?;
    let (mut sampled, mut matched) = (0i64, 0i64);
    for i in 0..WINDOWS {
        let from = lo + i * stretch;
        let to = from + width;
        sampled += tasks.query_row([from, to], |r| r.get::<_, i64>(0))?;
        matched += found.query_row(rusqlite::params![q, from, to], |r| r.get::<_, i64>(0))?;
    }
    if sampled == 0 {
        return exact();
    }
    let estimate = i128::from(matched) * i128::from(all_i) / i128::from(sampled);
    Ok(u64::try_from(estimate).unwrap_or(all))
}

/// Indexes one task under its rowid (which must have no document yet).
pub(super) fn index(
    conn: &Connection,
    rowid: i64,
    text: &str,
    facets: Facets<'_>,
    common: &Common,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO tasks_grams (rowid, grams) VALUES (?1, ?2)")?
        .execute(params![rowid, document(text, facets, common)])?;
    Ok(())
}

/// Drops a task's document (when what it holds changed).
pub(super) fn unindex(conn: &Connection, rowid: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM tasks_grams WHERE rowid = ?1")?
        .execute([rowid])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tasks::fixtures::{exact, store_of};

    const FACETS: Facets<'static> = Facets {
        category: "assigned",
        industry: "美妆",
        content_form: "",
    };

    #[test]
    fn a_document_holds_every_character_and_pair_without_whitespace_and_the_facets() {
        assert_eq!(
            document("面霜 a\n面", FACETS, &Common::default()),
            "x cat61737369676e6564 inde7be8ee5a686 form 000061 00971c 009762 00976200971c"
        );
        assert_eq!(
            document("", FACETS, &Common::default()),
            "x cat61737369676e6564 inde7be8ee5a686 form"
        );
    }

    proptest::proptest! {
        /// The document's terms are the tokens of every character and every pair of
        /// adjacent characters without whitespace, each once, in the order of the terms
        /// themselves: what `document` computes with integers, said with strings.
        #[test]
        fn a_document_is_the_tokens_of_its_terms_in_order(
            text in "[a-zA-Z0-9 \\t\\n面霜需修护\u{3000}\u{1F600}\u{10FFFF}%]{0,24}",
        ) {
            let chars: Vec<char> = text.chars().collect();
            let mut terms: Vec<&[char]> = Vec::new();
            for i in 0..chars.len() {
                if !chars[i].is_whitespace() {
                    terms.push(&chars[i..=i]);
                    if chars.get(i + 1).is_some_and(|d| !d.is_whitespace()) {
                        terms.push(&chars[i..i + 2]);
                    }
                }
            }
            terms.sort();
            terms.dedup();
            let tokens: Vec<String> = terms
                .iter()
                .map(|t| term_token(&t.iter().collect::<String>()).expect("a term of 1 or 2"))
                .collect();
            let doc = document(&text, FACETS, &Common::default());
            let got: Vec<&str> = doc.split(' ').skip(4).collect();
            proptest::prop_assert_eq!(got, tokens);
        }
    }

    #[test]
    fn terms_of_one_or_two_characters_have_a_token() {
        assert_eq!(term_token("面").as_deref(), Some("009762"));
        assert_eq!(term_token("面霜").as_deref(), Some("00976200971c"));
        assert_eq!(term_token("A%").as_deref(), Some("000041000025"));
        assert_eq!(term_token("修护面"), None);
        assert_eq!(term_token(""), None);
    }

    #[test]
    fn the_estimate_samples_windows_of_a_large_cache_and_counts_a_small_one() {
        let tok = |c: &str| vec![vec![term_token(c).expect("token")]];
        // Small: counted exactly.
        let (_d, small) = store_of(300, |i| {
            if i % 7 == 0 {
                "需要".into()
            } else {
                "面".into()
            }
        });
        assert_eq!(
            estimate(&small.conn, &tok("需"), 300).expect("estimate"),
            43
        );
        assert_eq!(exact(&small, &tok("需")), 43);
        // Large: 需 in every third task, 霜 only in the first 600, 测 in none.
        let n = 6_000;
        let (_d, large) = store_of(n, |i| {
            let mut t = String::from("面");
            if i % 3 == 0 {
                t.push('需');
            }
            if i < 600 {
                t.push('霜');
            }
            t
        });
        let all = u64::try_from(n).expect("n");
        assert_eq!(exact(&large, &tok("需")), 2_000);
        let need = estimate(&large.conn, &tok("需"), all).expect("estimate");
        assert!((1_700..=2_300).contains(&need), "需: {need}");
        // Clustered in the oldest tenth: the first window finds it, the others do not.
        let frost = estimate(&large.conn, &tok("霜"), all).expect("estimate");
        assert!((300..=1_200).contains(&frost), "霜: {frost}");
        assert_eq!(estimate(&large.conn, &tok("测"), all).expect("estimate"), 0);
        // Every task has 面: the estimate is the whole cache.
        assert_eq!(
            estimate(&large.conn, &tok("面"), all).expect("estimate"),
            all
        );
        // Groups intersect: 需 and 霜 together in 200 tasks.
        let both = vec![tok("需")[0].clone(), tok("霜")[0].clone()];
        assert_eq!(exact(&large, &both), 200);
        let est = estimate(&large.conn, &both, all).expect("estimate");
        assert!((80..=500).contains(&est), "需 霜: {est}");
    }

    #[test]
    fn a_query_is_every_group_with_one_of_its_tokens() {
        let groups = vec![
            vec!["009762".to_string()],
            vec!["cat61".into(), "cat62".into()],
        ];
        assert_eq!(query(&groups), "(\"009762\") AND (\"cat61\" OR \"cat62\")");
    }
}
