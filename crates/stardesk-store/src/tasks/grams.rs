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

use std::fmt::Write;

use rusqlite::{params, Connection};

/// The token in every document: `x NOT <query>` is every task the query does not find.
/// Never a token of a term (those are hex digits only).
pub(super) const EVERY_TASK: &str = "x";

fn push_token(out: &mut String, chars: &[char]) {
    for c in chars {
        // Writing to a String cannot fail.
        let _ = write!(out, "{:06x}", u32::from(*c));
    }
}

/// The document indexed for a task's search text.
pub(super) fn document(text: &str) -> String {
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
    let mut doc = String::with_capacity(EVERY_TASK.len() + grams.len() * 10);
    doc.push_str(EVERY_TASK);
    for g in grams {
        doc.push(' ');
        push_token(&mut doc, g);
    }
    doc
}

/// The FTS5 query (a quoted token) that finds `term`, a term of one or two characters;
/// `None` for any other length.
pub(super) fn term_query(term: &str) -> Option<String> {
    let chars: Vec<char> = term.chars().collect();
    if chars.is_empty() || chars.len() > 2 {
        return None;
    }
    let mut q = String::with_capacity(14);
    q.push('"');
    push_token(&mut q, &chars);
    q.push('"');
    Some(q)
}

/// Indexes one task's text under its rowid (which must have no document yet).
pub(super) fn index(conn: &Connection, rowid: i64, text: &str) -> rusqlite::Result<()> {
    conn.prepare_cached("INSERT INTO tasks_grams (rowid, grams) VALUES (?1, ?2)")?
        .execute(params![rowid, document(text)])?;
    Ok(())
}

/// Drops a task's document (when its text changed).
pub(super) fn unindex(conn: &Connection, rowid: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM tasks_grams WHERE rowid = ?1")?
        .execute([rowid])?;
    Ok(())
}

/// Rebuilds the whole index from the task cache (migration 0009).
pub(crate) fn index_all(conn: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    conn.execute_batch("INSERT INTO tasks_grams (tasks_grams) VALUES ('delete-all')")?;
    let mut rows = conn.prepare("SELECT rowid, search_text FROM tasks")?;
    let mut it = rows.query([])?;
    while let Some(r) = it.next()? {
        index(conn, r.get(0)?, &r.get::<_, String>(1)?)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_holds_every_character_and_pair_without_whitespace() {
        assert_eq!(
            document("面霜 a\n面"),
            "x 000061 00971c 009762 00976200971c"
        );
        assert_eq!(document(""), "x");
    }

    #[test]
    fn terms_of_one_or_two_characters_have_a_query() {
        assert_eq!(term_query("面").as_deref(), Some("\"009762\""));
        assert_eq!(term_query("面霜").as_deref(), Some("\"00976200971c\""));
        assert_eq!(term_query("A%").as_deref(), Some("\"000041000025\""));
        assert_eq!(term_query("修护面"), None);
        assert_eq!(term_query(""), None);
    }
}
