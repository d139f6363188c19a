//! Complement tokens of the short-term index (migration 0013): for the few terms of one or
//! two characters that most tasks have (需 is in nearly every task), each document of a
//! task *without* the term holds the token `n` and the term's token (`n009700` for 需).
//!
//! The hall counts a search that finds most tasks as every task less those without it
//! (`Count::Complement` in `query.rs`). Without these tokens "without 需" is `x NOT 需`,
//! which walks the documents of both `x` and 需, every task twice (some 190,000 entries
//! for 100,000 tasks); with them it is the one list `n009700`, a few thousand entries.
//!
//! The terms are chosen when the whole index is built (`rebuild::index_all`: after a first
//! sync, and by the migration), from a sample of the tasks, and kept in
//! `task_grams_common`; every document written after uses the same terms, so the rule
//! "a document holds `n` + T if and only if its text lacks T, for each kept T" holds for
//! every document at all times. A term that becomes common later simply has no complement
//! token until the next build, and the count falls back to `x NOT T` (same answer).

use std::collections::HashMap;

use rusqlite::{Connection, Transaction};

use super::grams;

/// Before a term's token, the token of the tasks without it. Never the start of another
/// token (terms are hex digits, facets start with `cat`, `ind`, `form`, and `x`).
const PREFIX: char = 'n';

/// At most this many terms get complement tokens (the most common): a document holds at
/// most this many more tokens.
const MOST: usize = 64;

/// How many windows of rowids the choice samples, and about how many tasks in all.
const WINDOWS: i64 = 8;
const SAMPLED: i64 = 4096;

/// The terms with complement tokens, as [`grams`] numbers them, in ascending order.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(crate) struct Common(Vec<u64>);

impl Common {
    /// The terms kept by the last build of the index.
    pub(super) fn load(conn: &Connection) -> rusqlite::Result<Common> {
        let grams = conn
            .prepare_cached("SELECT gram FROM task_grams_common ORDER BY gram")?
            .query_map([], |r| r.get::<_, i64>(0))?
            .map(|g| g.map(|g| g as u64))
            .collect::<rusqlite::Result<Vec<u64>>>()?;
        Ok(Common(grams))
    }

    /// Chooses the terms in more than half of a sample of the cached tasks (the whole
    /// cache when it is small), at most [`MOST`] of them, and keeps them.
    pub(super) fn choose(tx: &Transaction<'_>) -> rusqlite::Result<Common> {
        let (lo, hi): (Option<i64>, Option<i64>) = tx.query_row(
            "SELECT (SELECT min(rowid) FROM tasks), (SELECT max(rowid) FROM tasks)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut counts: HashMap<u64, u32> = HashMap::new();
        let mut sampled: u32 = 0;
        if let (Some(lo), Some(hi)) = (lo, hi) {
            let span = hi - lo + 1;
            let windows: Vec<(i64, i64)> = if span <= SAMPLED {
                vec![(lo, hi + 1)]
            } else {
                let stretch = span / WINDOWS;
                (0..WINDOWS)
                    .map(|i| (lo + i * stretch, lo + i * stretch + SAMPLED / WINDOWS))
                    .collect()
            };
            let mut rows =
                tx.prepare("SELECT search_text FROM tasks WHERE rowid >= ?1 AND rowid < ?2")?;
            for (from, to) in windows {
                let mut it = rows.query([from, to])?;
                while let Some(r) = it.next()? {
                    let text: String = r.get(0)?;
                    sampled += 1;
                    for g in grams::grams_of(&text) {
                        *counts.entry(g).or_default() += 1;
                    }
                }
            }
        }
        let mut common: Vec<(u32, u64)> = counts
            .into_iter()
            .filter(|&(_, n)| 2 * u64::from(n) > u64::from(sampled))
            .map(|(g, n)| (n, g))
            .collect();
        // The most common first; ties by the term, so the choice is the same every time.
        common.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut kept: Vec<u64> = common.into_iter().take(MOST).map(|(_, g)| g).collect();
        kept.sort_unstable();
        tx.execute("DELETE FROM task_grams_common", [])?;
        let mut insert = tx.prepare("INSERT INTO task_grams_common (gram) VALUES (?1)")?;
        for g in &kept {
            insert.execute([*g as i64])?;
        }
        Ok(Common(kept))
    }

    /// Appends to a document the complement token of each kept term that `grams` (the
    /// document's own, ascending and distinct) does not hold.
    pub(super) fn push_missing(&self, doc: &mut String, grams: &[u64]) {
        let mut have = grams.iter().peekable();
        for &g in &self.0 {
            while have.next_if(|&&h| h < g).is_some() {}
            if have.peek() != Some(&&g) {
                doc.push(' ');
                doc.push(PREFIX);
                grams::push_gram(doc, g);
            }
        }
    }

    /// The query of the tasks without every one of `groups` (`NOT (A AND B)` is "without
    /// A, or without B"), when each group is one term with a complement token; `None`
    /// otherwise (a group of facet values, several terms, or a term not kept).
    pub(super) fn without(&self, groups: &[Vec<String>]) -> Option<String> {
        let mut tokens = Vec::with_capacity(groups.len());
        for group in groups {
            let [token] = group.as_slice() else {
                return None;
            };
            let g = grams::gram_of_token(token)?;
            self.0.binary_search(&g).ok()?;
            tokens.push(format!("\"{PREFIX}{token}\""));
        }
        (!tokens.is_empty()).then(|| tokens.join(" OR "))
    }
}

/// The short-term index's query of the tasks without every one of `groups`: the
/// complement tokens' short lists when the terms have them, else every task (`x`) less
/// those with them.
pub(super) fn query(conn: &Connection, groups: &[Vec<String>]) -> rusqlite::Result<String> {
    Ok(match Common::load(conn)?.without(groups) {
        Some(without) => without,
        None => format!("{} NOT ({})", grams::EVERY_TASK, grams::query(groups)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gram(term: &str) -> u64 {
        grams::gram_of_token(&grams::term_token(term).expect("token")).expect("gram")
    }

    #[test]
    fn a_document_gets_the_complement_of_each_kept_term_it_lacks() {
        let mut kept = vec![gram("需"), gram("面"), gram("需要")];
        kept.sort_unstable();
        let common = Common(kept);
        let mut doc = String::new();
        common.push_missing(&mut doc, &grams::grams_of("面霜"));
        assert_eq!(doc, " n009700 n009700008981");
        let mut doc = String::new();
        common.push_missing(&mut doc, &grams::grams_of("需要面"));
        assert_eq!(doc, "");
        let mut doc = String::new();
        common.push_missing(&mut doc, &grams::grams_of(""));
        assert_eq!(doc, " n009700 n009700008981 n009762");
    }

    proptest::proptest! {
        /// Whatever terms are kept (characters and pairs), a document holds `n` + T for
        /// exactly the kept terms T its text lacks, in the order of the terms.
        #[test]
        fn a_document_holds_the_complement_of_exactly_the_kept_terms_it_lacks(
            text in "[面霜需要a \n]{0,12}",
            kept_terms in proptest::collection::vec("[面霜需要a]{1,2}", 0..8),
        ) {
            let mut kept: Vec<u64> = kept_terms.iter().map(|t| gram(t)).collect();
            kept.sort_unstable();
            kept.dedup();
            let mut doc = String::new();
            Common(kept).push_missing(&mut doc, &grams::grams_of(&text));
            let got: Vec<&str> = doc.split_whitespace().collect();
            // Terms hold no whitespace: a term is one of the text's if and only if the
            // text contains it.
            let mut want: Vec<String> = kept_terms
                .iter()
                .filter(|t| !text.contains(t.as_str()))
                .map(|t| format!("n{}", grams::term_token(t).expect("token")))
                .collect();
            want.sort();
            want.dedup();
            proptest::prop_assert_eq!(got, want);
        }
    }

    #[test]
    fn only_groups_of_one_kept_term_have_a_complement_query() {
        let common = Common(vec![gram("需")]);
        let need = grams::term_token("需").expect("token");
        let face = grams::term_token("面").expect("token");
        assert_eq!(
            common.without(std::slice::from_ref(&vec![need.clone()])),
            Some("\"n009700\"".into())
        );
        let both = Common({
            let mut v = vec![gram("需"), gram("面")];
            v.sort_unstable();
            v
        });
        assert_eq!(
            both.without(&[vec![need.clone()], vec![face.clone()]]),
            Some("\"n009700\" OR \"n009762\"".into())
        );
        // 面 is not kept; a group of two; a facet; no group at all.
        assert_eq!(common.without(&[vec![need.clone()], vec![face]]), None);
        assert_eq!(common.without(&[vec![need.clone(), need.clone()]]), None);
        assert_eq!(
            common.without(&[vec![grams::facet(grams::CATEGORY, "assigned")]]),
            None
        );
        assert_eq!(common.without(&[]), None);
    }
}
