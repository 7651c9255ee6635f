//! Mutated `.npy` files and headers through the parser and the stream reader: each must return
//! a value or an `NpyError`, never panic, and never allocate much more than its input.
//!
//! `cargo test -p tensorize-runtime npy::fuzz` runs a few thousand cases; the full run is
//! `TENSORIZE_NPY_FUZZ_CASES=1000000 cargo test --release -p tensorize-runtime npy::fuzz -- --nocapture`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::vec::Vec;

use crate::fuzz_alloc::{largest_allocation, track_this_thread};

use super::parse;

/// splitmix64, so a failing seed can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEEDS: &[&[u8]] = &[
    include_bytes!("../../../tests/fixtures/npy/f4_le_c.npy"),
    include_bytes!("../../../tests/fixtures/npy/f8_be_f.npy"),
    include_bytes!("../../../tests/fixtures/npy/i4_v2.npy"),
    include_bytes!("../../../tests/fixtures/npy/f4_v3.npy"),
    include_bytes!("../../../tests/fixtures/npy/i2_python2_header.npy"),
    include_bytes!("../../../tests/fixtures/npy/V2_le_c.npy"),
    include_bytes!("../../../tests/fixtures/npy/f8_0d.npy"),
    include_bytes!("../../../tests/fixtures/npy/u1_empty_inner.npy"),
    include_bytes!("../../../tests/fixtures/npy/b1_na_f.npy"),
];

/// Bytes a mutation writes: header syntax, digits and byte-order marks.
const INTERESTING: &[u8] = b"(),:'\"{} 0123456789L<>|=TFeucfibV?\n\x00\xff\x93";
/// Texts a mutation splices into the header.
const SPLICES: &[&[u8]] = &[
    b"99999999999999999999",
    b"18446744073709551615",
    b"4294967296, 4294967296, 4294967296",
    b"(",
    b")",
    b"'descr': '<c8'",
    b"True",
    b"False",
    b"'shape': ()",
    b"[('a', '<f4')]",
    b"1L",
    b"\xff\xff\xff\xff",
    b"\x00\x00",
];

fn mutate(rng: &mut Rng, file: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(file.len());
        match rng.below(7) {
            0 if !file.is_empty() => file[at] ^= 1 << rng.below(8),
            1 if !file.is_empty() => file[at] = INTERESTING[rng.below(INTERESTING.len())],
            2 => file.truncate(at),
            3 => {
                let splice = SPLICES[rng.below(SPLICES.len())];
                let end = (at + rng.below(6)).min(file.len());
                file.splice(at..end, splice.iter().copied());
            }
            // The header length field, or the version.
            4 if file.len() > 10 => file[6 + rng.below(4)] = rng.next() as u8,
            5 => {
                let copy: Vec<u8> = file
                    .iter()
                    .skip(rng.below(file.len()))
                    .take(16)
                    .copied()
                    .collect();
                let at = rng.below(file.len() + 1);
                file.splice(at..at, copy);
            }
            _ => file.push(INTERESTING[rng.below(INTERESTING.len())]),
        }
    }
}

fn cases() -> usize {
    std::env::var("TENSORIZE_NPY_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000)
}

#[test]
fn mutated_files_are_errors_or_arrays_never_panics() {
    let seed = std::env::var("TENSORIZE_NPY_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    let mut rng = Rng(seed);
    let (mut parsed, mut read, mut panics) = (0usize, 0usize, Vec::new());
    let mut oversized = Vec::new();
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(std::boxed::Box::new(|_| {}));
    let total = cases();
    track_this_thread(true);
    for _ in 0..total {
        let mut file = SEEDS[rng.below(SEEDS.len())].to_vec();
        mutate(&mut rng, &mut file);
        let (outcome, largest) = largest_allocation(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let view_ok = parse(&file).is_ok();
                let read_ok = super::io::read_bytes::<f64>(&file).is_ok();
                (view_ok, read_ok)
            }))
        });
        match outcome {
            Ok((view_ok, read_ok)) => {
                parsed += usize::from(view_ok);
                read += usize::from(read_ok);
                // Decoded values are at most 8 bytes per input byte (u1 → f64), plus slack.
                if largest > 8 * file.len() + 4096 {
                    oversized.push((largest, file.len()));
                }
            }
            Err(_) => panics.push(file),
        }
    }
    track_this_thread(false);
    std::panic::set_hook(previous_hook);
    std::println!(
        "npy fuzz: seed {seed}, {total} mutated files: {parsed} parsed, {read} read, {} panics",
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "seed {seed}: panicked on {:?}",
        &panics[..panics.len().min(3)]
    );
    assert!(
        oversized.is_empty(),
        "seed {seed}: (allocated, file bytes) {:?}",
        &oversized[..oversized.len().min(5)]
    );
    assert!(
        parsed > 0 && parsed < total,
        "the mutations should reach both outcomes"
    );
}
