//! Mutated `.npz` archives (numpy's stored and deflated ones) through the archive reader and the
//! member reader: each must return arrays or an `NpyError`, never panic, and never allocate much
//! more than the member's bytes can inflate to.
//!
//! `cargo test -p tensorize-runtime --features npz npz_fuzz` runs a few thousand cases; the
//! full run is
//! `TENSORIZE_NPZ_FUZZ_CASES=100000 cargo test --release -p tensorize-runtime --features npz npz_fuzz -- --nocapture`.

use std::io::Cursor;
use std::string::ToString;
use std::vec::Vec;
use tensorize_fuzzing::{mutations, Fuzzer, Outcome, Rng};

use zip::ZipArchive;

use super::convert::Policy;
use super::npz::read_from_archive;
use crate::CastMode;

const SEEDS: [&[u8]; 2] = [
    include_bytes!("../../../tests/fixtures/npz/stored.npz"),
    include_bytes!("../../../tests/fixtures/npz/compressed.npz"),
];

fn mutate(rng: &mut Rng, file: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(file.len().max(1));
        match rng.below(5) {
            0 if !file.is_empty() => file[at] ^= 1 << rng.below(8),
            1 if !file.is_empty() => file[at] = rng.next_u64() as u8,
            2 => file.truncate(at),
            3 => {
                let copy: Vec<u8> = file.iter().skip(at).take(32).copied().collect();
                let to = rng.below(file.len() + 1);
                file.splice(to..to, copy);
            }
            _ => {
                let end = (at + rng.below(16)).min(file.len());
                file.drain(at.min(end)..end);
            }
        }
    }
}

#[test]
fn mutated_archives_are_errors_or_arrays_never_panics() {
    let seeds = SEEDS.map(<[u8]>::to_vec);
    Fuzzer {
        inputs: "mutated .npz archives",
        env: "TENSORIZE_NPZ_FUZZ",
        default_cases: 3_000,
        // A member's data is at most what its deflated bytes inflate to (deflate's largest
        // ratio is 1032:1), read into values of up to 8 bytes per byte.
        allocation_bound: Some(|len| 1032 * 8 * len + 65536),
    }
    .run(mutations(&seeds, mutate), Vec::len, |file, _| {
        let Ok(mut archive) = ZipArchive::new(Cursor::new(file)) else {
            return Outcome::accepted(false);
        };
        let names: Vec<_> = archive.file_names().map(ToString::to_string).collect();
        let mut read = 0;
        for name in names {
            let name = name.strip_suffix(".npy").unwrap_or(&name);
            let policy = Policy::Mode(CastMode::As);
            read += u64::from(
                read_from_archive::<f64, _>(&mut archive, name, policy, file.len()).is_ok(),
            );
        }
        Outcome {
            accepted: true,
            read,
        }
    });
}
