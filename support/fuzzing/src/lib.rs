//! The fuzz driver shared by tensorize's fuzzers: the run-time readers' (`.npy`, `.npz`,
//! safetensors files) and the macros' expansions (`tensor!`, the derives).
//!
//! A fuzzer is a generator of inputs and a target that must answer each of them, never panic,
//! and (for the readers) never allocate more than the input can justify. [`Fuzzer::run`] drives
//! one; a run prints its seed, and fails the test on any panic, any allocation over the bound,
//! or a run that reached only one outcome (every input accepted, or none: a generator that
//! tests nothing).
//!
//! Every fuzzer reads `<PREFIX>_CASES` (how many inputs) and `<PREFIX>_SEED` (replays the seed
//! a failing run printed) from the environment; by default it runs its small number of cases
//! from the clock's seed, as `cargo test` does.
//!
//! Fuzzers run in parallel with each other and with other tests, in one process, so everything
//! here is per thread: the allocation count and the quieted panic hook.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Debug;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// splitmix64: a generator whose runs can be replayed from their seed.
///
/// ```
/// let mut rng = tensorize_fuzzing::Rng(7);
/// let pick = rng.pick(&["a", "b", "c"]);
/// assert!(["a", "b", "c"].contains(&pick));
/// assert!(rng.below(10) < 10);
/// ```
#[derive(Clone, Debug)]
pub struct Rng(pub u64);

impl Rng {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`; 0 when `n` is 0 (so `below(vec.len())` is an index when there is one).
    pub fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next_u64()) * n as u128) >> 64) as usize
    }

    /// One of `items`, which must not be empty.
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// A generator for [`Fuzzer::run`] of files: a copy of a random one of `seeds`, changed by
/// `mutate`.
///
/// ```
/// let seeds = [b"abc".to_vec()];
/// let mut generate = tensorize_fuzzing::mutations(&seeds, |rng, file| file.truncate(rng.below(3)));
/// let file = generate(&mut tensorize_fuzzing::Rng(1)).unwrap();
/// assert!(file.len() < 3);
/// ```
pub fn mutations<'a>(
    seeds: &'a [Vec<u8>],
    mutate: impl Fn(&mut Rng, &mut Vec<u8>) + 'a,
) -> impl FnMut(&mut Rng) -> Option<Vec<u8>> + 'a {
    move |rng| {
        let mut file = seeds[rng.below(seeds.len())].clone();
        mutate(rng, &mut file);
        Some(file)
    }
}

/// The test binary's allocator, for fuzzers with an allocation bound: the system allocator,
/// counting the largest single allocation of each fuzzing thread.
///
/// Install it in the test binary (in the crate under test, `#[cfg(test)]`):
///
/// ```
/// #[global_allocator]
/// static ALLOCATOR: tensorize_fuzzing::CountingAllocator = tensorize_fuzzing::CountingAllocator;
/// # fn main() {}
/// ```
pub struct CountingAllocator;

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
unsafe impl GlobalAlloc for CountingAllocator {
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

/// Installs, once per process, a panic hook that is silent on fuzzing threads and otherwise
/// does what the hook before it did. (A `take_hook`/`set_hook` pair per run races with the
/// other fuzzers' and can leave a silent hook behind that swallows a failing test's message.)
fn quiet_panics_while_fuzzing() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !FUZZING.try_with(Cell::get).unwrap_or(false) {
                previous(info);
            }
        }));
    });
}

/// Counts this thread's allocations while it runs `f`.
fn fuzzing<R>(f: impl FnOnce() -> R) -> R {
    FUZZING.with(|fuzzing| fuzzing.set(true));
    let result = f();
    FUZZING.with(|fuzzing| fuzzing.set(false));
    result
}

/// What the target did with one input.
#[derive(Clone, Copy, Debug, Default)]
pub struct Outcome {
    /// The input was accepted (the header parsed, the archive opened, the macro expanded).
    pub accepted: bool,
    /// How many tensors were read out of it (reported, not checked).
    pub read: u64,
}

impl Outcome {
    /// Accepted or not, nothing read.
    pub fn accepted(accepted: bool) -> Outcome {
        Outcome { accepted, read: 0 }
    }
}

/// One fuzzer's settings.
#[derive(Clone, Copy, Debug)]
pub struct Fuzzer {
    /// What the inputs are, for the report line (`"safetensors files"`).
    pub inputs: &'static str,
    /// Prefix of the environment variables `<env>_CASES` and `<env>_SEED`.
    pub env: &'static str,
    /// Cases when `<env>_CASES` is not set (the small run in `cargo test`).
    pub default_cases: u64,
    /// The largest single allocation an input of this many bytes may cause, for targets that
    /// read untrusted sizes; needs [`CountingAllocator`] as the test binary's allocator.
    pub allocation_bound: Option<fn(usize) -> usize>,
}

fn env(name: &str) -> Option<u64> {
    std::env::var(name).ok().and_then(|n| n.parse().ok())
}

impl Fuzzer {
    /// Runs the fuzzer: `generate` makes inputs (`None`: not an input, draw again; e.g. text
    /// that does not lex, which rustc never hands a macro), `len` is an input's size for the
    /// allocation bound, and `target` answers each input. Fails the test, naming the seed, on a
    /// panic, an allocation over the bound, or a run where every input or none was accepted.
    ///
    /// # Panics
    ///
    /// That is how the run fails the test, with the seed and the failing inputs in the message.
    ///
    /// ```
    /// use tensorize_fuzzing::{Fuzzer, Outcome};
    ///
    /// Fuzzer {
    ///     inputs: "numbers",
    ///     env: "EXAMPLE_FUZZ",
    ///     default_cases: 1_000,
    ///     allocation_bound: None,
    /// }
    /// .run(
    ///     |rng| Some(rng.below(600).to_string()),
    ///     String::len,
    ///     |text, _| Outcome::accepted(text.parse::<u8>().is_ok()),
    /// );
    /// ```
    pub fn run<I: Debug>(
        self,
        mut generate: impl FnMut(&mut Rng) -> Option<I>,
        len: impl Fn(&I) -> usize,
        mut target: impl FnMut(&I, &mut Rng) -> Outcome,
    ) {
        let seed = env(&format!("{}_SEED", self.env)).unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
        let total = env(&format!("{}_CASES", self.env)).unwrap_or(self.default_cases);
        if self.allocation_bound.is_some() {
            assert_counting_allocator();
        }
        let mut rng = Rng(seed);
        let (mut run, mut accepted, mut read) = (0u64, 0u64, 0u64);
        let (mut panics, mut oversized) = (Vec::new(), Vec::new());
        quiet_panics_while_fuzzing();
        while run < total {
            let Some(input) = generate(&mut rng) else {
                continue;
            };
            run += 1;
            LARGEST.with(|largest| largest.set(0));
            let outcome = fuzzing(|| catch_unwind(AssertUnwindSafe(|| target(&input, &mut rng))));
            let largest = LARGEST.with(Cell::get);
            match outcome {
                Ok(outcome) => {
                    accepted += u64::from(outcome.accepted);
                    read += outcome.read;
                    let size = len(&input);
                    if self
                        .allocation_bound
                        .is_some_and(|bound| largest > bound(size))
                    {
                        oversized.push((largest, size));
                    }
                }
                Err(_) => panics.push(input),
            }
        }
        let inputs = self.inputs;
        let read = if read > 0 {
            format!(", {read} tensors read")
        } else {
            String::new()
        };
        let bound = match self.allocation_bound {
            Some(_) => format!(", {} over the allocation bound", oversized.len()),
            None => String::new(),
        };
        println!(
            "fuzz: seed {seed}, {run} {inputs}: {accepted} accepted{read}, {} panics{bound}",
            panics.len()
        );
        assert!(
            panics.is_empty(),
            "fuzz {inputs}, seed {seed}: panicked on {:?}",
            &panics[..panics.len().min(3)]
        );
        assert!(
            oversized.is_empty(),
            "fuzz {inputs}, seed {seed}: (allocated, input bytes) {:?}",
            &oversized[..oversized.len().min(5)]
        );
        assert!(
            accepted > 0 && accepted < run,
            "fuzz {inputs}, seed {seed}: {accepted} of {run} accepted; the generator should \
             reach both outcomes"
        );
    }
}

/// Fails unless this binary's allocator counts: without it, an allocation bound would pass
/// whatever the target allocated.
fn assert_counting_allocator() {
    LARGEST.with(|largest| largest.set(0));
    let probe = fuzzing(|| std::hint::black_box(vec![0u8; 4096]));
    drop(probe);
    assert!(
        LARGEST.with(Cell::get) >= 4096,
        "an allocation bound needs `tensorize_fuzzing::CountingAllocator` as the test binary's \
         #[global_allocator]"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[global_allocator]
    static ALLOCATOR: CountingAllocator = CountingAllocator;

    #[test]
    fn below_stays_in_range_and_replays() {
        let (mut a, mut b) = (Rng(42), Rng(42));
        for n in [1, 2, 3, 10, 1000] {
            let x = a.below(n);
            assert!(x < n);
            assert_eq!(x, b.below(n));
        }
        assert_eq!(a.below(0), 0);
    }

    fn bounded(bound: fn(usize) -> usize, allocate: usize) -> std::thread::Result<()> {
        std::thread::spawn(move || {
            Fuzzer {
                inputs: "sizes",
                env: "TENSORIZE_FUZZING_SELF_TEST",
                default_cases: 100,
                allocation_bound: Some(bound),
            }
            .run(
                |rng| Some(rng.below(64)),
                |n| *n,
                |n, _| {
                    std::hint::black_box(vec![0u8; allocate + n]);
                    Outcome::accepted(n % 2 == 0)
                },
            );
        })
        .join()
    }

    #[test]
    fn an_allocation_over_the_bound_fails_the_run() {
        assert!(bounded(|len| len + 1000, 100).is_ok());
        assert!(bounded(|len| len + 1000, 5000).is_err());
    }

    #[test]
    fn a_panicking_target_fails_the_run_and_other_threads_still_report() {
        let run = std::thread::spawn(|| {
            Fuzzer {
                inputs: "numbers",
                env: "TENSORIZE_FUZZING_SELF_TEST",
                default_cases: 100,
                allocation_bound: None,
            }
            .run(
                |rng| Some(rng.below(10)),
                |_| 0,
                |n, _| {
                    assert!(*n != 3, "three");
                    Outcome::accepted(n % 2 == 0)
                },
            );
        })
        .join();
        let message = run.expect_err("the run should fail");
        let message = message
            .downcast_ref::<String>()
            .expect("a formatted message");
        assert!(message.contains("panicked on [3"), "{message}");
    }

    #[test]
    fn a_generator_with_one_outcome_fails_the_run() {
        let run = std::thread::spawn(|| {
            Fuzzer {
                inputs: "numbers",
                env: "TENSORIZE_FUZZING_SELF_TEST",
                default_cases: 10,
                allocation_bound: None,
            }
            .run(
                |rng| Some(rng.next_u64()),
                |_| 0,
                |_, _| Outcome::accepted(true),
            );
        })
        .join();
        assert!(run.is_err());
    }
}
