//! A small seeded PRNG (SplitMix64), so generated feeds are identical for the same seed on every
//! machine and with every toolchain. Only integer arithmetic is used on purpose: floating-point
//! library functions may round differently across platforms and would break byte identity.

#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng {
            state: seed ^ 0x6A09_E667_F3BC_C908,
        }
    }

    /// An independent stream for item `index`, so the text of one entry does not depend on how
    /// many random numbers earlier entries consumed.
    pub fn stream(seed: u64, purpose: u64, index: u64) -> Rng {
        let mut mixer = Rng::new(seed);
        let a = mixer.next_u64();
        let mut rng = Rng::new(a ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ index);
        // Decorrelate neighbouring indices before use.
        rng.next_u64();
        rng
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (multiply-high, no modulo bias worth mentioning); 0 when `n` is 0.
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// Uniform in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high.saturating_sub(low) + 1)
    }

    /// True with probability `per_mille` / 1000.
    pub fn chance(&mut self, per_mille: usize) -> bool {
        self.below(1000) < per_mille
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// [`Rng::pick`] for string pools, returning the `&'static str` itself.
    pub fn pick_str(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    /// Picks by integer weight; `items` must not be empty.
    pub fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut target = self.below(total as usize) as u64;
        for (item, weight) in items {
            if target < u64::from(*weight) {
                return item;
            }
            target -= u64::from(*weight);
        }
        &items[items.len() - 1].0
    }

    /// Index in `0..n`, skewed towards small values (the minimum of two draws): a few
    /// communities and words are much more active than the rest, as in real corpora.
    pub fn skewed(&mut self, n: usize) -> usize {
        self.below(n).min(self.below(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..100 {
            assert_eq!(a.next_u64(), b.next_u64());
        }
        assert_ne!(Rng::new(7).next_u64(), Rng::new(8).next_u64());
    }

    #[test]
    fn draws_stay_in_range() {
        let mut rng = Rng::new(1);
        for n in 1..50 {
            assert!(rng.below(n) < n);
            let x = rng.between(n, n + 3);
            assert!((n..=n + 3).contains(&x));
        }
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn streams_differ_by_index() {
        let a = Rng::stream(1, 2, 3).next_u64();
        let b = Rng::stream(1, 2, 4).next_u64();
        assert_ne!(a, b);
        assert_eq!(a, Rng::stream(1, 2, 3).next_u64());
    }
}
