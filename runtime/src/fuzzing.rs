//! The run-time fuzzers' shared driver (npy, npz, safetensors): mutated files through a reader,
//! each of which must return a value or an error, never panic, and never allocate much more than
//! its input can justify.
//!
//! The test binary's allocator counts the largest single allocation per thread: other tests,
//! other fuzzers among them, run on other threads at the same time with large buffers of their
//! own, so neither the flag nor the count is shared between threads. The panic hook is silenced
//! per thread for the same reason: a process-wide `take_hook`/`set_hook` pair races with the
//! next fuzzer's and can swallow a failing test's message.

use core::cell::Cell;
use std::alloc::{GlobalAlloc, Layout, System};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::vec::Vec;

use crate::order::SplitMix;

/// The counting allocator.
struct Tracking;

std::thread_local! {
    /// Whether this thread is fuzzing: its allocations are counted and its panics are quiet.
    static FUZZING: Cell<bool> = const { Cell::new(false) };
    /// The largest allocation this thread made since the last reset.
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

/// Records an allocation of `size` bytes if this thread is fuzzing.
fn record(size: usize) {
    // `try_with`: never fails for a const-initialized `Cell`, but an allocator must not panic.
    if FUZZING.try_with(Cell::get).unwrap_or(false) {
        let _ = LARGEST.try_with(|largest| largest.set(largest.get().max(size)));
    }
}

// SAFETY: forwards every call to the system allocator unchanged; only records sizes.
unsafe impl GlobalAlloc for Tracking {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        record(layout.size());
        // SAFETY: the caller upholds `alloc`'s contract, which `System` has too.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with this layout (in `alloc` above).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        record(new_size);
        // SAFETY: as for `dealloc`, and `new_size` is the caller's valid request.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Tracking = Tracking;

/// Installs, once per process, a panic hook that is silent on fuzzing threads and otherwise
/// does what the hook before it did.
fn quiet_panics_while_fuzzing() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(std::boxed::Box::new(move |info| {
            if !FUZZING.try_with(Cell::get).unwrap_or(false) {
                previous(info);
            }
        }));
    });
}

/// What one input did.
pub(crate) struct Outcome {
    /// The reader accepted the container (parsed the header, opened the archive).
    pub(crate) accepted: bool,
    /// How many tensors or arrays were read out of it.
    pub(crate) read: u64,
}

/// One fuzzer: where its inputs come from and what it may allocate.
pub(crate) struct Fuzzer {
    /// The format, for the report line (`"npy"`).
    pub(crate) format: &'static str,
    /// Prefix of the environment variables `…_SEED` and `…_CASES`.
    pub(crate) env: &'static str,
    /// Cases when `…_CASES` is not set (the small run in `cargo test`).
    pub(crate) default_cases: u64,
    /// Valid files, mutated into the inputs.
    pub(crate) seeds: Vec<Vec<u8>>,
    /// One input from a copy of a seed.
    pub(crate) mutate: fn(&mut SplitMix, &mut Vec<u8>),
    /// The largest single allocation an input of this many bytes may cause.
    pub(crate) allowed: fn(usize) -> usize,
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|n| n.parse().ok())
}

impl Fuzzer {
    /// Runs `target` on every mutated input; fails the test on a panic, an allocation over the
    /// bound, or a run in which every input (or none) was accepted.
    pub(crate) fn run(self, target: impl Fn(&[u8]) -> Outcome) {
        let seed = env(&std::format!("{}_SEED", self.env)).unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
        let total = env(&std::format!("{}_CASES", self.env)).unwrap_or(self.default_cases);
        let mut rng = SplitMix(seed);
        let (mut accepted, mut read) = (0u64, 0u64);
        let (mut panics, mut oversized) = (Vec::new(), Vec::new());
        quiet_panics_while_fuzzing();
        FUZZING.with(|fuzzing| fuzzing.set(true));
        for _ in 0..total {
            let mut file = self.seeds[rng.below(self.seeds.len())].clone();
            (self.mutate)(&mut rng, &mut file);
            LARGEST.with(|largest| largest.set(0));
            let outcome = catch_unwind(AssertUnwindSafe(|| target(&file)));
            let largest = LARGEST.with(Cell::get);
            match outcome {
                Ok(outcome) => {
                    accepted += u64::from(outcome.accepted);
                    read += outcome.read;
                    if largest > (self.allowed)(file.len()) {
                        oversized.push((largest, file.len()));
                    }
                }
                Err(_) => panics.push(file),
            }
        }
        FUZZING.with(|fuzzing| fuzzing.set(false));
        let format = self.format;
        std::println!(
            "{format} fuzz: seed {seed}, {total} mutated files: {accepted} accepted, {read} \
             tensors read, {} panics, {} over the allocation bound",
            panics.len(),
            oversized.len()
        );
        assert!(
            panics.is_empty(),
            "{format} fuzz, seed {seed}: panicked on {:?}",
            &panics[..panics.len().min(2)]
        );
        assert!(
            oversized.is_empty(),
            "{format} fuzz, seed {seed}: (allocated, file bytes) {:?}",
            &oversized[..oversized.len().min(5)]
        );
        assert!(
            accepted > 0 && accepted < total,
            "{format} fuzz, seed {seed}: {accepted} of {total} accepted; the mutations should \
             reach both outcomes"
        );
    }
}
