//! Mutated safetensors files through the parser and every reader: each must return a value or a
//! `SafetensorsError`, never panic, and never allocate much more than its input.
//!
//! `cargo test -p tensorize-runtime --features safetensors safetensors::fuzz` runs a few
//! thousand cases; the full run is
//! `TENSORIZE_SAFETENSORS_FUZZ_CASES=1000000 cargo test --release -p tensorize-runtime --features safetensors safetensors::fuzz -- --nocapture`
//! (`TENSORIZE_SAFETENSORS_FUZZ_SEED=…` replays a seed).

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::vec;
use std::vec::Vec;

use super::{Safetensors, Writer};
use crate::fuzz_alloc::{largest_allocation, track_this_thread};
use crate::order::SplitMix;
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

fn mutate(rng: &mut SplitMix, file: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(file.len().max(1));
        match rng.below(7) {
            0 if !file.is_empty() => file[at] ^= 1 << rng.below(8),
            1 if !file.is_empty() => file[at] = rng.next() as u8,
            2 => file.truncate(at),
            3 => {
                let splice = SPLICES[rng.below(SPLICES.len())];
                let end = (at + rng.below(8)).min(file.len());
                file.splice(at.min(file.len())..end, splice.iter().copied());
            }
            // The header's length.
            4 if file.len() >= 8 => file[rng.below(8)] = rng.next() as u8,
            5 => {
                let copy: Vec<u8> = file.iter().skip(at).take(24).copied().collect();
                let to = rng.below(file.len() + 1);
                file.splice(to..to, copy);
            }
            _ => file.push(rng.next() as u8),
        }
    }
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|n| n.parse().ok())
}

#[test]
fn mutated_files_are_errors_or_tensors_never_panics() {
    let seed = env("TENSORIZE_SAFETENSORS_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let total = env("TENSORIZE_SAFETENSORS_FUZZ_CASES").unwrap_or(20_000);
    let seeds = seeds();
    let mut rng = SplitMix(seed);
    let (mut parsed, mut panics, mut oversized) = (0u64, Vec::new(), Vec::new());
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(std::boxed::Box::new(|_| {}));
    track_this_thread(true);
    for _ in 0..total {
        let mut file = seeds[rng.below(seeds.len())].clone();
        mutate(&mut rng, &mut file);
        let (outcome, largest) = largest_allocation(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let Ok(parsed) = Safetensors::parse(&file) else {
                    return false;
                };
                for name in parsed.names() {
                    let _ = parsed.header(&name);
                    let _ = parsed.read_with::<f64>(&name, CastMode::As);
                    let _ = parsed.try_read::<u8>(&name);
                    let _ = parsed.view::<u8>(&name);
                    let _ = parsed.view::<bool>(&name);
                }
                let _ = parsed.read::<f32>("no such tensor");
                true
            }))
        });
        match outcome {
            Ok(ok) => {
                parsed += u64::from(ok);
                // Decoded values are at most 8 bytes per input byte (u8 → f64), plus slack for
                // the header's strings and maps.
                if largest > 8 * file.len() + 16384 {
                    oversized.push((largest, file.len()));
                }
            }
            Err(_) => panics.push(file),
        }
    }
    track_this_thread(false);
    std::panic::set_hook(previous_hook);
    std::println!(
        "safetensors fuzz: seed {seed}, {total} mutated files: {parsed} parsed, {} panics",
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
