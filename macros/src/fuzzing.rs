//! What the expansion fuzzers (`tensor::fuzz`, `derive::fuzz`) share: a generator whose runs
//! can be replayed, and the run's size and seed from the environment.
//!
//! `TENSORIZE_FUZZ_CASES` sets the number of cases (a few thousand by default, as `cargo test`
//! runs them), `TENSORIZE_FUZZ_SEED` replays a seed a failing run printed.

/// splitmix64, so a failing seed can be replayed.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// The number of cases to run.
pub(crate) fn cases() -> usize {
    std::env::var("TENSORIZE_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(3_000)
}

/// The seed to run from: the one given, else the clock's.
pub(crate) fn seed() -> u64 {
    std::env::var("TENSORIZE_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        })
}
