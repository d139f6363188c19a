//! Deterministic randomness of our own, so that a seed means the same data on every
//! platform and in every future version (a `rand` upgrade may change its streams).

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast and statistically good enough for
/// demo data. Never use it for anything secret.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix64(self.0)
    }

    /// Uniform in `0..n` by multiply-shift; the bias (< n / 2^64) is irrelevant here.
    /// `n == 0` yields 0 rather than panicking.
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi` (`hi < lo` yields `lo`).
    pub(crate) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// Like [`Self::range`] but skewed toward `lo`: most real briefs are small, few are big.
    pub(crate) fn low_range(&mut self, lo: i64, hi: i64) -> i64 {
        self.range(lo, hi).min(self.range(lo, hi))
    }

    pub(crate) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(crate) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// One element of a non-empty slice (an empty slice would be a bug in a static table).
    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.index(items.len())]
    }

    /// Index drawn with the given weights; all-zero weights yield 0.
    pub(crate) fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut roll = self.below(total);
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if roll < w {
                return i;
            }
            roll -= w;
        }
        0
    }
}

/// The SplitMix64 finaliser: a bijective avalanche on u64.
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const MASK56: u64 = (1 << 56) - 1;

/// A bijection on `0..2^56`: odd multipliers are invertible modulo 2^56 and so are
/// xor-shifts, so distinct inputs give distinct, random-looking outputs. This is what
/// makes task ids unique by construction instead of by retrying.
pub(crate) fn permute56(x: u64) -> u64 {
    let mut x = x & MASK56;
    x = x.wrapping_mul(0x9E37_79B9_7F4A_7C15) & MASK56;
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9) & MASK56;
    x ^= x >> 32;
    x
}

/// Platform task ids live in 7.30e18..7.38e18: u64 values far above 2^53, the way the real
/// platform's snowflake ids are, so clients that parse them as JS numbers break visibly.
const TASK_ID_BASE: u64 = 7_300_000_000_000_000_000;
const CREATOR_ID_BASE: u64 = 7_100_000_000_000_000_000;
/// Application ids: 7.50e18..7.58e18, apart from task ids.
const APPLICATION_ID_BASE: u64 = 7_500_000_000_000_000_000;

/// The id of the `index`-th task ever generated for `seed`; distinct indices give distinct ids.
pub(crate) fn task_id(seed: u64, index: u64) -> String {
    let salt = mix64(seed ^ 0x7A5C_0000_0000_0001);
    (TASK_ID_BASE + permute56(index.wrapping_add(salt))).to_string()
}

/// The id of the `seq`-th application ever made on the dataset of `seed`.
pub(crate) fn application_id(seed: u64, seq: u64) -> String {
    let salt = mix64(seed ^ 0xA991_1CA7_0000_0002);
    (APPLICATION_ID_BASE + permute56(seq.wrapping_add(salt))).to_string()
}

/// Benefit cards 7.60e18.., invitations 7.70e18.., agencies 6.90e18..: apart from the rest.
const BENEFIT_ID_BASE: u64 = 7_600_000_000_000_000_000;
const INVITATION_ID_BASE: u64 = 7_700_000_000_000_000_000;
const AGENCY_ID_BASE: u64 = 6_900_000_000_000_000_000;

/// The id of the `seq`-th benefit card of the dataset of `seed`.
pub(crate) fn benefit_id(seed: u64, seq: u64) -> String {
    let salt = mix64(seed ^ 0xBE4E_F170_0000_0003);
    (BENEFIT_ID_BASE + permute56(seq.wrapping_add(salt))).to_string()
}

/// The id of the `seq`-th preferred-order invitation of the dataset of `seed`.
pub(crate) fn invitation_id(seed: u64, seq: u64) -> String {
    let salt = mix64(seed ^ 0x1A71_7E00_0000_0004);
    (INVITATION_ID_BASE + permute56(seq.wrapping_add(salt))).to_string()
}

/// The id of the `index`-th agency of the directory of `seed`.
pub(crate) fn agency_id(seed: u64, index: u64) -> String {
    let salt = mix64(seed ^ 0xA6E1_C700_0000_0005);
    (AGENCY_ID_BASE + permute56(index.wrapping_add(salt))).to_string()
}

pub(crate) fn creator_id(seed: u64) -> String {
    (CREATOR_ID_BASE + permute56(mix64(seed ^ 0xC4EA_7011))).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn same_seed_same_stream() {
        let a: Vec<u64> = (0..5)
            .scan(SplitMix64::new(42), |r, _| Some(r.next_u64()))
            .collect();
        let b: Vec<u64> = (0..5)
            .scan(SplitMix64::new(42), |r, _| Some(r.next_u64()))
            .collect();
        assert_eq!(a, b);
        assert_ne!(a[0], a[1]);
    }

    #[test]
    fn task_ids_are_unique_and_above_2_pow_53() {
        let ids: HashSet<String> = (0..200_000).map(|i| task_id(7, i)).collect();
        assert_eq!(ids.len(), 200_000);
        for id in ids.iter().take(1000) {
            let v: u64 = id.parse().unwrap();
            assert!(v > 1 << 53);
            assert!(id.starts_with("73"), "{id}");
        }
    }

    #[test]
    fn range_stays_inside_bounds() {
        let mut r = SplitMix64::new(1);
        for _ in 0..10_000 {
            let v = r.range(-3, 4);
            assert!((-3..=4).contains(&v));
        }
        assert_eq!(r.range(5, 5), 5);
        assert_eq!(r.weighted(&[0, 0]), 0);
    }
}
