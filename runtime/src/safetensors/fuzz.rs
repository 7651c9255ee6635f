//! Mutated safetensors files through the parser and every reader: each must return a value or a
//! `SafetensorsError`, never panic, and never allocate much more than its input.
//!
//! `cargo test -p tensorize-runtime --features safetensors safetensors::fuzz` runs a few
//! thousand cases; the full run is
//! `TENSORIZE_SAFETENSORS_FUZZ_CASES=1000000 cargo test --release -p tensorize-runtime --features safetensors safetensors::fuzz -- --nocapture`
//! (`TENSORIZE_SAFETENSORS_FUZZ_SEED=…` replays a seed).

use std::vec;
use std::vec::Vec;
use tensorize_fuzzing::{mutations, Fuzzer, Outcome, Rng};

use super::{Safetensors, Writer};
use crate::{bf16, f16, CastMode};

/// Files made by Python's safetensors, and by the writer.
fn seeds() -> Vec<Vec<u8>> {
    let mut writer = Writer::new();
    let added = writer
        .add("a", &ndarray::array![[1u8, 2], [3, 4]])
        .and_then(|w| w.add("b", &ndarray::array![f16::ONE, f16::NAN]))
        .and_then(|w| w.add("c", &ndarray::array![true, false]))
        .and_then(|w| w.add("d", &ndarray::arr0(bf16::MAX)));
    assert!(added.is_ok());
    vec![
        include_bytes!("../../../tests/fixtures/safetensors/all_dtypes.safetensors").to_vec(),
        include_bytes!("../../../tests/fixtures/safetensors/float8.safetensors").to_vec(),
        writer.metadata("k", "v").to_vec(),
    ]
}

/// Bytes that make interesting JSON and lengths.
const SPLICES: &[&[u8]] = &[
    b"\"",
    b"{",
    b"}",
    b"[",
    b"]",
    b",",
    b":",
    b"0",
    b"-1",
    b"18446744073709551615",
    b"99999999999999999999",
    b"\"F8_E4M3\"",
    b"\"C64\"",
    b"\"BOOL\"",
    b"\"U64\"",
    b"\"data_offsets\":[0,4]",
    b"\"shape\":[4294967296,4294967296]",
    b"\"shape\":[]",
    b"\"__metadata__\":{\"a\":1}",
    b"\xff\xfe",
    b"\x00",
];

fn mutate(rng: &mut Rng, file: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(file.len().max(1));
        match rng.below(7) {
            0 if !file.is_empty() => file[at] ^= 1 << rng.below(8),
            1 if !file.is_empty() => file[at] = rng.next_u64() as u8,
            2 => file.truncate(at),
            3 => {
                let splice = SPLICES[rng.below(SPLICES.len())];
                let end = (at + rng.below(8)).min(file.len());
                file.splice(at.min(file.len())..end, splice.iter().copied());
            }
            // The header's length.
            4 if file.len() >= 8 => file[rng.below(8)] = rng.next_u64() as u8,
            5 => {
                let copy: Vec<u8> = file.iter().skip(at).take(24).copied().collect();
                let to = rng.below(file.len() + 1);
                file.splice(to..to, copy);
            }
            _ => file.push(rng.next_u64() as u8),
        }
    }
}

#[test]
fn mutated_files_are_errors_or_tensors_never_panics() {
    let seeds = seeds();
    Fuzzer {
        inputs: "mutated safetensors files",
        env: "TENSORIZE_SAFETENSORS_FUZZ",
        default_cases: 20_000,
        // Decoded values are at most 8 bytes per input byte (u8 → f64), plus slack for the
        // header's strings and maps.
        allocation_bound: Some(|len| 8 * len + 16384),
    }
    .run(mutations(&seeds, mutate), Vec::len, |file, _| {
        let Ok(parsed) = Safetensors::parse(file) else {
            return Outcome::accepted(false);
        };
        let mut read = 0;
        for name in parsed.names() {
            let _ = parsed.header(&name);
            read += u64::from(parsed.read_with::<f64>(&name, CastMode::As).is_ok());
            let _ = parsed.try_read::<u8>(&name);
            let _ = parsed.view::<u8>(&name);
            let _ = parsed.view::<bool>(&name);
        }
        let _ = parsed.read::<f32>("no such tensor");
        Outcome {
            accepted: true,
            read,
        }
    });
}
