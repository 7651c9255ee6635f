//! Mutated `.npy` files and headers through the parser and the stream reader: each must return
//! a value or an `NpyError`, never panic, and never allocate much more than its input.
//!
//! `cargo test -p tensorize-runtime npy::fuzz` runs a few thousand cases; the full run is
//! `TENSORIZE_NPY_FUZZ_CASES=1000000 cargo test --release -p tensorize-runtime npy::fuzz -- --nocapture`.

use std::vec::Vec;
use tensorize_fuzzing::{mutations, Fuzzer, Outcome, Rng};

use super::parse;

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
            4 if file.len() > 10 => file[6 + rng.below(4)] = rng.next_u64() as u8,
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

#[test]
fn mutated_files_are_errors_or_arrays_never_panics() {
    let seeds: Vec<Vec<u8>> = SEEDS.iter().map(|seed| seed.to_vec()).collect();
    Fuzzer {
        inputs: "mutated .npy files",
        env: "TENSORIZE_NPY_FUZZ",
        default_cases: 20_000,
        // Decoded values are at most 8 bytes per input byte (u1 → f64), plus slack.
        allocation_bound: Some(|len| 8 * len + 4096),
    }
    .run(mutations(&seeds, mutate), Vec::len, |file, _| Outcome {
        accepted: parse(file).is_ok(),
        read: u64::from(super::io::read_bytes::<f64>(file).is_ok()),
    });
}
