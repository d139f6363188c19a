//! Line keys: a stable content fingerprint plus an occurrence number.
//!
//! The fingerprint hashes the line's *parsed* fields, not its raw text, so `¥1,234.50`
//! and `1234.5`, or `2026/3/5` and `2026-03-05`, give the same key when a file is
//! re-exported differently.
//!
//! **Stability.** The hash is this module's own, with fixed constants, over a fixed
//! encoding of the fields: every number as little-endian 64-bit words, every text
//! length-prefixed and zero-padded to whole words. So the value is the same on every run
//! and platform (std's `RandomState` differs per process, and `Hash` impls may change
//! between releases). Changing the encoding or the constants orphans every stored
//! decision keyed by a fingerprint: `tests/keys.rs` pins a golden value.
//!
//! **Why not byte-wise FNV-1a.** FNV-1a costs one dependent multiply per *byte*; a
//! statement line is ~70 bytes, which made hashing a quarter of the import time of a
//! million rows. This is the same idea a word at a time: each 64-bit word is xored into
//! the state and mixed by a 64×64→128-bit multiply folded back to 64 bits (the `mum`
//! mixer of wyhash), which, unlike a plain multiply, carries high bits down as well as
//! low bits up.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use stardesk_domain::reconcile::records::LineKey;

use crate::values::at_least_fen;

const SEED: u64 = 0x2d35_8dcc_aa6c_78a5;
const MIX: u64 = 0x8bb8_4b93_962e_acc9;
const FINAL: u64 = 0x4b33_a62e_d433_d4a3;

fn fold(a: u64, b: u64) -> u64 {
    let product = u128::from(a) * u128::from(b);
    (product as u64) ^ ((product >> 64) as u64)
}

/// A line's fingerprint being fed its fields.
#[derive(Debug, Clone)]
pub struct Fingerprint(u64);

impl Fingerprint {
    /// Starts a fingerprint with the kind's tag.
    pub fn new(tag: u8) -> Self {
        let mut fp = Self(SEED);
        fp.word(u64::from(tag));
        fp
    }

    fn word(&mut self, word: u64) {
        self.0 = fold(self.0 ^ word, MIX);
    }

    pub fn text(&mut self, text: &str) -> &mut Self {
        let bytes = text.as_bytes();
        self.word(bytes.len() as u64);
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(word));
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            let mut word = [0u8; 8];
            word[..tail.len()].copy_from_slice(tail);
            self.word(u64::from_le_bytes(word));
        }
        self
    }

    /// The amount's value, whatever its scale: `1234.5`, `1234.50` and `1234.500` hash
    /// alike. The canonical form is the value with as few decimals as it needs but at
    /// least two (`123450` at scale 2), so the common two-decimal amount needs no
    /// normalizing division.
    pub fn amount(&mut self, amount: Decimal) -> &mut Self {
        let canonical = if amount.scale() == 2 {
            amount
        } else {
            at_least_fen(amount.normalize())
        };
        let mantissa = canonical.mantissa();
        self.word(mantissa as u64);
        self.word((mantissa >> 64) as u64);
        self.word(u64::from(canonical.scale()));
        self
    }

    pub fn opt_amount(&mut self, amount: Option<Decimal>) -> &mut Self {
        match amount {
            Some(amount) => {
                self.word(1);
                self.amount(amount)
            }
            None => {
                self.word(0);
                self
            }
        }
    }

    pub fn date(&mut self, date: NaiveDate) -> &mut Self {
        self.word(i64::from(date.num_days_from_ce()) as u64);
        self
    }

    pub fn opt_date(&mut self, date: Option<NaiveDate>) -> &mut Self {
        match date {
            Some(date) => {
                self.word(1);
                self.date(date)
            }
            None => {
                self.word(0);
                self
            }
        }
    }

    pub fn finish(&self) -> u64 {
        fold(self.0 ^ FINAL, MIX)
    }
}

/// A line that carries a [`LineKey`].
pub trait Keyed {
    fn fingerprint(&self) -> u64;
    fn key_mut(&mut self) -> &mut LineKey;
}

/// Sets a freshly parsed line's fingerprint (occurrence 0 until [`assign_occurrences`]).
pub fn fingerprint<T: Keyed>(line: &mut T) -> u64 {
    let fingerprint = line.fingerprint();
    *line.key_mut() = LineKey {
        fingerprint,
        occurrence: 0,
    };
    fingerprint
}

/// Numbers lines with equal fingerprints by order of appearance (0, 1, 2, ...). Two
/// genuinely identical lines stay two lines, and re-importing the same file gives the
/// same keys.
///
/// Duplicates are rare, and a hash table over a million random keys costs a cache miss
/// per line, so a bitset of the fingerprints' top bits (a few hundred KiB to a few MiB,
/// sized to the line count, cache-resident) first finds the *candidates*: fingerprints
/// whose bit was already set. Every repeated fingerprint is among them (its second
/// occurrence finds the bit set); only lines whose fingerprint is a candidate then touch
/// a map, which counts occurrences in file order.
pub fn assign_occurrences<T: Keyed>(lines: &mut [T], fingerprints: &[u64]) {
    // About eight bits per line keeps false candidates near 1 in 16.
    let log2 = (usize::BITS - fingerprints.len().leading_zeros()).clamp(13, 27) + 3;
    let slot = |fingerprint: u64| (fingerprint >> (64 - log2)) as usize;
    let mut bits = vec![0u64; 1 << (log2 - 6)];
    let mut candidates: HashSet<u64, PassThrough> = HashSet::default();
    for &fingerprint in fingerprints {
        let at = slot(fingerprint);
        let (word, mask) = (at >> 6, 1u64 << (at & 63));
        if bits[word] & mask != 0 {
            candidates.insert(fingerprint);
        }
        bits[word] |= mask;
    }
    if candidates.is_empty() {
        return;
    }
    // The bitset is reused to pre-filter lines before the exact set lookup, and the scan
    // reads the compact fingerprint list, touching a line only when it repeats.
    bits.fill(0);
    for &fingerprint in &candidates {
        let at = slot(fingerprint);
        bits[at >> 6] |= 1u64 << (at & 63);
    }
    let mut seen: HashMap<u64, u32, PassThrough> =
        HashMap::with_capacity_and_hasher(candidates.len(), PassThrough::default());
    for (line, &fingerprint) in lines.iter_mut().zip(fingerprints) {
        let at = slot(fingerprint);
        if bits[at >> 6] & (1u64 << (at & 63)) != 0 && candidates.contains(&fingerprint) {
            let count = seen.entry(fingerprint).or_insert(0);
            line.key_mut().occurrence = *count;
            *count += 1;
        }
    }
}

/// Fingerprints are already well-mixed hashes: the occurrence tables use them as they are
/// instead of hashing them again with SipHash.
type PassThrough = BuildHasherDefault<Identity>;

#[derive(Debug, Default)]
struct Identity(u64);

impl Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(byte);
        }
    }

    fn write_u64(&mut self, value: u64) {
        self.0 = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_boundaries_are_part_of_the_hash() {
        let split = |a: &str, b: &str| Fingerprint::new(b'S').text(a).text(b).finish();
        assert_ne!(split("ab", "c"), split("a", "bc"));
        assert_ne!(split("", "abcdefgh"), split("abcdefgh", ""));
        assert_ne!(split("a\0", ""), split("a", ""));
    }

    #[test]
    fn the_kind_tag_separates_equal_fields() {
        let statement = Fingerprint::new(b'S').text("JS1").finish();
        let invoice = Fingerprint::new(b'I').text("JS1").finish();
        assert_ne!(statement, invoice);
    }

    #[test]
    fn amounts_hash_by_value_not_scale() {
        let a = Fingerprint::new(b'S')
            .amount("1234.5".parse().unwrap())
            .finish();
        let b = Fingerprint::new(b'S')
            .amount("1234.50".parse().unwrap())
            .finish();
        let c = Fingerprint::new(b'S')
            .amount("1234.51".parse().unwrap())
            .finish();
        let negative = Fingerprint::new(b'S')
            .amount("-1234.5".parse().unwrap())
            .finish();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_ne!(a, negative);
    }

    struct Line(LineKey);

    impl Keyed for Line {
        fn fingerprint(&self) -> u64 {
            self.0.fingerprint
        }
        fn key_mut(&mut self) -> &mut LineKey {
            &mut self.0
        }
    }

    fn occurrences(fingerprints: &[u64]) -> Vec<u32> {
        let mut lines: Vec<Line> = fingerprints
            .iter()
            .map(|&fingerprint| {
                Line(LineKey {
                    fingerprint,
                    occurrence: 0,
                })
            })
            .collect();
        assign_occurrences(&mut lines, fingerprints);
        lines.iter().map(|line| line.0.occurrence).collect()
    }

    #[test]
    fn occurrences_count_repeats_in_order_and_ignore_slot_collisions() {
        // 1 << 63 and (1 << 63) + 1 share the top bits (one bitset slot) but differ.
        let (a, b, c) = (1u64 << 63, (1u64 << 63) + 1, 42u64);
        assert_eq!(occurrences(&[a, b, a, c, a, b]), [0, 0, 1, 0, 2, 1]);
        assert_eq!(occurrences(&[a, b, c]), [0, 0, 0]);
        assert_eq!(occurrences(&[]), Vec::<u32>::new());
    }

    #[test]
    fn occurrences_in_a_saturated_bitset_stay_exact() {
        // Far more lines than bitset slots at the smallest size: every line a candidate.
        let fingerprints: Vec<u64> = (0..300_000u64)
            .map(|i| {
                Fingerprint::new(b'E')
                    .text(&(i % 100_000).to_string())
                    .finish()
            })
            .collect();
        let counted = occurrences(&fingerprints);
        for (i, occurrence) in counted.iter().enumerate() {
            assert_eq!(*occurrence as usize, i / 100_000, "line {i}");
        }
    }

    #[test]
    fn a_million_distinct_small_inputs_do_not_collide() {
        let mut all: Vec<u64> = (0..1_000_000u32)
            .map(|i| Fingerprint::new(b'E').text(&format!("T{i}")).finish())
            .collect();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), 1_000_000);
    }
}
