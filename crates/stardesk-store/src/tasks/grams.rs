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
//! a search with those filters itself, and `x`, in every document.

use std::fmt::Write;

use rusqlite::{params, Connection, OptionalExtension};

/// The token in every document: `x NOT <query>` is every task the query does not find.
/// Never a token of a term (those are hex digits only).
pub(super) const EVERY_TASK: &str = "x";

fn push_token(out: &mut String, chars: &[char]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for c in chars {
        // Six lowercase hex digits of the code point (at most 0x10ffff), without the
        // formatter: a first sync writes some 20 million of them.
        let v = u32::from(*c);
        for shift in [20, 16, 12, 8, 4, 0] {
            out.push(char::from(HEX[((v >> shift) & 0xf) as usize]));
        }
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

/// The document indexed for a task's search text and facets.
pub(super) fn document(text: &str, facets: Facets<'_>) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut grams: Vec<&[char]> = Vec::with_capacity(chars.len() * 2);
    for (i, c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            continue;
        }
        grams.push(&chars[i..=i]);
        if chars.get(i + 1).is_some_and(|d| !d.is_whitespace()) {
            grams.push(&chars[i..i + 2]);
        }
    }
    grams.sort_unstable();
    grams.dedup();
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
    for g in grams {
        doc.push(' ');
        push_token(&mut doc, g);
    }
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

/// About how many tasks `query(groups)` finds, from the index's term counts: the
/// smallest group's, a group's being the sum of its tokens'.
pub(super) fn estimate(conn: &Connection, groups: &[Vec<String>]) -> rusqlite::Result<u64> {
    let mut doc = conn.prepare_cached("SELECT doc FROM tasks_grams_vocab WHERE term = ?1")?;
    let mut least = u64::MAX;
    for g in groups {
        let mut n = 0u64;
        for t in g {
            let d: Option<i64> = doc.query_row([t], |r| r.get(0)).optional()?;
            n += d.and_then(|d| u64::try_from(d).ok()).unwrap_or(0);
        }
        least = least.min(n);
    }
    Ok(least)
}

/// Indexes one task under its rowid (which must have no document yet).
pub(super) fn index(
    conn: &Connection,
    rowid: i64,
    text: &str,
    facets: Facets<'_>,
) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO tasks_grams (rowid, grams) VALUES (?1, ?2)")?
        .execute(params![rowid, document(text, facets)])?;
    Ok(())
}

/// Drops a task's document (when what it holds changed).
pub(super) fn unindex(conn: &Connection, rowid: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM tasks_grams WHERE rowid = ?1")?
        .execute([rowid])?;
    Ok(())
}

/// Rebuilds the whole index from the task cache (migration 0009).
pub(crate) fn index_all(conn: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    conn.execute_batch("INSERT INTO tasks_grams (tasks_grams) VALUES ('delete-all')")?;
    let mut rows =
        conn.prepare("SELECT rowid, search_text, category, industry, content_form FROM tasks")?;
    let mut it = rows.query([])?;
    while let Some(r) = it.next()? {
        let (text, category, industry, content_form): (String, String, String, String) =
            (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
        let facets = Facets {
            category: &category,
            industry: &industry,
            content_form: &content_form,
        };
        index(conn, r.get(0)?, &text, facets)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FACETS: Facets<'static> = Facets {
        category: "assigned",
        industry: "美妆",
        content_form: "",
    };

    #[test]
    fn a_document_holds_every_character_and_pair_without_whitespace_and_the_facets() {
        assert_eq!(
            document("面霜 a\n面", FACETS),
            "x cat61737369676e6564 inde7be8ee5a686 form 000061 00971c 009762 00976200971c"
        );
        assert_eq!(
            document("", FACETS),
            "x cat61737369676e6564 inde7be8ee5a686 form"
        );
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
    fn a_query_is_every_group_with_one_of_its_tokens() {
        let groups = vec![
            vec!["009762".to_string()],
            vec!["cat61".into(), "cat62".into()],
        ];
        assert_eq!(query(&groups), "(\"009762\") AND (\"cat61\" OR \"cat62\")");
    }
}
