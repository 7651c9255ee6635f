//! Mutated `.npz` archives (numpy's stored and deflated ones) through the archive reader and the
//! member reader: each must return arrays or an `NpyError`, never panic, and never allocate much
//! more than the member's bytes can inflate to.
//!
//! `cargo test -p tensorize-runtime --features npz npz_fuzz` runs a few thousand cases; the
//! full run is
//! `TENSORIZE_NPZ_FUZZ_CASES=100000 cargo test --release -p tensorize-runtime --features npz npz_fuzz -- --nocapture`.

use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::string::ToString;
use std::vec::Vec;

use zip::ZipArchive;

use super::convert::Policy;
use super::npz::read_from_archive;
use crate::fuzz_alloc::{largest_allocation, track_this_thread};
use crate::order::SplitMix;
use crate::CastMode;

const SEEDS: [&[u8]; 2] = [
    include_bytes!("../../../tests/fixtures/npz/stored.npz"),
    include_bytes!("../../../tests/fixtures/npz/compressed.npz"),
];

fn mutate(rng: &mut SplitMix, file: &mut Vec<u8>) {
    for _ in 0..=rng.below(4) {
        let at = rng.below(file.len().max(1));
        match rng.below(5) {
            0 if !file.is_empty() => file[at] ^= 1 << rng.below(8),
            1 if !file.is_empty() => file[at] = rng.next() as u8,
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

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|n| n.parse().ok())
}

#[test]
fn mutated_archives_are_errors_or_arrays_never_panics() {
    let seed = env("TENSORIZE_NPZ_FUZZ_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let total = env("TENSORIZE_NPZ_FUZZ_CASES").unwrap_or(3_000);
    let mut rng = SplitMix(seed);
    let (mut opened, mut members, mut panics, mut oversized) = (0u64, 0u64, Vec::new(), Vec::new());
    let previous_hook = std::panic::take_hook();
    std::panic::set_hook(std::boxed::Box::new(|_| {}));
    track_this_thread(true);
    for _ in 0..total {
        let mut file = SEEDS[rng.below(SEEDS.len())].to_vec();
        mutate(&mut rng, &mut file);
        let (outcome, largest) = largest_allocation(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let Ok(mut archive) = ZipArchive::new(Cursor::new(&file)) else {
                    return (false, 0);
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
                (true, read)
            }))
        });
        match outcome {
            Ok((ok, read)) => {
                opened += u64::from(ok);
                members += read;
                // A member's data is at most what its deflated bytes inflate to (deflate's
                // largest ratio is 1032:1), read into values of up to 8 bytes per byte.
                if largest > 1032 * 8 * file.len() + 65536 {
                    oversized.push((largest, file.len()));
                }
            }
            Err(_) => panics.push(file),
        }
    }
    track_this_thread(false);
    std::panic::set_hook(previous_hook);
    std::println!(
        "npz fuzz: seed {seed}, {total} mutated archives: {opened} opened, {members} members \
         read, {} panics",
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "seed {seed}: panicked on {:?}",
        &panics[..panics.len().min(2)]
    );
    assert!(
        oversized.is_empty(),
        "seed {seed}: (allocated, file bytes) {:?}",
        &oversized[..oversized.len().min(5)]
    );
    assert!(
        opened > 0 && opened < total,
        "the mutations should reach both outcomes"
    );
}
