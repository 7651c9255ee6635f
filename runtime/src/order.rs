//! The orders streams visit rows in: a keyed permutation of `0..len` per (seed, epoch), strided
//! shards of it, and the seeded generator of `shuffle_buffer`. Pure integer arithmetic, so the
//! same inputs give the same rows in every process on every machine.
//!
//! # The permutation (stable within a major version)
//!
//! Every function below is on `u64` with wrapping arithmetic.
//!
//! - `mix(z)` is splitmix64's finalizer: `z ^= z >> 30; z *= 0xBF58476D1CE4E5B9;
//!   z ^= z >> 27; z *= 0x94D049BB133111EB; z ^= z >> 31`.
//! - The round keys of `(seed, epoch)` are `key[r] = mix(seed ^ mix(epoch ^ mix(r + 1)))` for
//!   `r` in `0..6`.
//! - For `len` rows, `bits` is the number of bits of `len - 1` (at least 2), rounded up to an even
//!   number; `half = bits / 2` and `mask = 2^half - 1`.
//! - One encryption of `x < 2^bits`: `left = x >> half`, `right = x & mask`; six Feistel rounds
//!   `(left, right) = (right, left ^ (mix(right ^ key[r]) & mask))`; the result is
//!   `(left << half) | right`.
//! - Position `p` of the epoch's order is row `perm(p)`: encrypt `p`, and while the result is
//!   `len` or more, encrypt the result again (cycle walking; the domain is under `4 * len`, so a
//!   few steps on average). Lengths 0 and 1 are the identity.
//!
//! An unshuffled stream's order is the identity. Shard `i` of `k` takes positions `i`, `i + k`,
//! `i + 2k`, … of the epoch's order below `len` (`shard`), or below `len - len % k`
//! (`shard_even`, so every shard has `len / k` rows).

/// splitmix64's finalizer.
pub(crate) const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(feature = "npy")]
const ROUNDS: usize = 6;

/// A keyed bijection of `0..len`: O(1) memory whatever `len`.
#[cfg(feature = "npy")]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Permutation {
    len: u64,
    half: u32,
    mask: u64,
    keys: [u64; ROUNDS],
}

#[cfg(feature = "npy")]
impl Permutation {
    pub(crate) fn new(len: u64, seed: u64, epoch: u64) -> Permutation {
        let bits = (u64::BITS - len.saturating_sub(1).leading_zeros()).max(2);
        let half = bits.div_ceil(2);
        let mut keys = [0; ROUNDS];
        for (r, key) in keys.iter_mut().enumerate() {
            *key = mix(seed ^ mix(epoch ^ mix(r as u64 + 1)));
        }
        Permutation {
            len,
            half,
            mask: (1u64 << half) - 1,
            keys,
        }
    }

    fn encrypt(&self, x: u64) -> u64 {
        let (mut left, mut right) = (x >> self.half, x & self.mask);
        for key in self.keys {
            (left, right) = (right, left ^ (mix(right ^ key) & self.mask));
        }
        (left << self.half) | right
    }

    /// The row at position `position` (< len) of the order.
    pub(crate) fn apply(&self, position: u64) -> u64 {
        if self.len <= 1 {
            return position;
        }
        let mut x = self.encrypt(position);
        while x >= self.len {
            x = self.encrypt(x);
        }
        x
    }
}

/// Which positions of an epoch's order a stream visits, and how each maps to a row.
#[cfg(feature = "npy")]
#[derive(Clone, Copy, Debug)]
pub(crate) struct Order {
    len: u64,
    permutation: Option<Permutation>,
    shards: u64,
    shard: u64,
    /// Positions of the epoch's order at or past this are not visited (`shard_even`).
    end: u64,
}

#[cfg(feature = "npy")]
impl Order {
    /// Every row once, in file order.
    pub(crate) fn new(len: u64) -> Order {
        Order {
            len,
            permutation: None,
            shards: 1,
            shard: 0,
            end: len,
        }
    }

    pub(crate) fn shuffled(mut self, seed: u64, epoch: u64) -> Order {
        self.permutation = Some(Permutation::new(self.len, seed, epoch));
        self
    }

    /// Shard `shard` of `shards`; `even` drops the last `len % shards` positions.
    pub(crate) fn sharded(mut self, shards: u64, shard: u64, even: bool) -> Order {
        self.shards = shards;
        self.shard = shard;
        self.end = if even {
            self.len - self.len % shards
        } else {
            self.len
        };
        self
    }

    /// The number of rows this stream visits.
    pub(crate) fn count(&self) -> u64 {
        if self.shard >= self.end {
            0
        } else {
            (self.end - self.shard).div_ceil(self.shards)
        }
    }

    /// The row of the stream's `index`-th visit (`index < count()`).
    pub(crate) fn row(&self, index: u64) -> u64 {
        let position = self.shard + index * self.shards;
        match &self.permutation {
            Some(permutation) => permutation.apply(position),
            None => position,
        }
    }

    /// Whether consecutive visits are consecutive rows (one read per batch).
    pub(crate) fn is_contiguous(&self) -> bool {
        self.permutation.is_none() && self.shards == 1
    }
}

/// A seeded generator (splitmix64) for `shuffle_buffer`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        mix(self.0)
    }

    /// Uniform in `0..n` (n > 0), by Lemire's multiply-shift (bias below 2^-64 · n).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }
}

#[cfg(all(test, feature = "npy"))]
mod tests {
    use std::vec::Vec;

    use super::*;

    #[test]
    fn permutations_are_bijections_for_every_small_length() {
        for len in 0..300u64 {
            for (seed, epoch) in [(0, 0), (42, 0), (42, 1), (u64::MAX, 7)] {
                let p = Permutation::new(len, seed, epoch);
                let mut seen = std::vec![false; len as usize];
                for position in 0..len {
                    let row = p.apply(position);
                    assert!(row < len, "len {len}: {row}");
                    assert!(!seen[row as usize], "len {len}: {row} twice");
                    seen[row as usize] = true;
                }
            }
        }
    }

    #[test]
    fn the_documented_permutation_is_pinned() {
        // (seed 42, epoch 0, len 10) and (seed 42, epoch 1, len 10): another implementation of
        // the documented algorithm gives these rows.
        let order = |epoch| -> Vec<u64> {
            let p = Permutation::new(10, 42, epoch);
            (0..10).map(|i| p.apply(i)).collect()
        };
        assert_eq!(order(0), PINNED_EPOCH_0);
        assert_eq!(order(1), PINNED_EPOCH_1);
        assert_ne!(order(0), order(1), "epochs differ");
        // A billion rows: no table, and still in range.
        let big = Permutation::new(1_000_000_000, 7, 3);
        assert_eq!(
            (0..5).map(|i| big.apply(i)).collect::<Vec<_>>(),
            PINNED_BILLION
        );
    }

    // Printed by `scripts/permutation_reference.py`, an independent implementation of the
    // documented algorithm.
    const PINNED_EPOCH_0: [u64; 10] = [9, 6, 4, 1, 7, 8, 3, 0, 2, 5];
    const PINNED_EPOCH_1: [u64; 10] = [7, 8, 6, 4, 5, 9, 0, 1, 2, 3];
    const PINNED_BILLION: [u64; 5] = [
        839_474_969,
        348_080_155,
        813_787_835,
        899_510_255,
        414_119_795,
    ];

    #[test]
    fn shards_cover_every_row_once() {
        for len in [0u64, 1, 7, 10, 64, 101] {
            for shards in 1..6u64 {
                for even in [false, true] {
                    let mut seen = std::vec![0u32; len as usize];
                    let mut sizes = Vec::new();
                    for shard in 0..shards {
                        let order = Order::new(len).shuffled(5, 2).sharded(shards, shard, even);
                        sizes.push(order.count());
                        for i in 0..order.count() {
                            seen[order.row(i) as usize] += 1;
                        }
                    }
                    let (min, max) = (sizes.iter().min(), sizes.iter().max());
                    if even {
                        assert!(sizes.iter().all(|&s| s == len / shards), "{sizes:?}");
                        assert_eq!(
                            seen.iter().filter(|&&n| n == 1).count() as u64,
                            len - len % shards
                        );
                        assert!(seen.iter().all(|&n| n <= 1));
                    } else {
                        assert!(max.unwrap() - min.unwrap() <= 1, "{sizes:?}");
                        assert!(seen.iter().all(|&n| n == 1), "len {len}, {shards} shards");
                    }
                }
            }
        }
    }
}
