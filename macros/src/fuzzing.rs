//! What the expansion fuzzers (`tensor::fuzz`, `derive::fuzz`) share: a generator whose runs
//! can be replayed, and the run's size and seed from the environment.
//!
//! [`run`] drives a fuzzer: generated text that lexes is handed to the expansion with panics
//! caught; the run fails on any panic, and unless both outcomes (expanded, error) were reached.
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

std::thread_local! {
    /// Whether this thread is fuzzing, so its panics are expected and kept quiet.
    static FUZZING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Installs, once per process, a panic hook that is silent on fuzzing threads and otherwise does
/// what the hook before it did. Per thread, because the fuzzers run in parallel with each other
/// and with other tests: a process-wide `take_hook`/`set_hook` pair per run races, and can leave
/// a silent hook behind that swallows a failing test's message.
fn quiet_panics_while_fuzzing() {
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !FUZZING.with(std::cell::Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs [`cases`] inputs: `generate` makes text, and each that lexes goes to `expand` (which may
/// draw from the generator too) and must return whether it expanded, never panic.
pub(crate) fn run(
    what: &str,
    mut generate: impl FnMut(&mut Rng) -> String,
    mut expand: impl FnMut(proc_macro2::TokenStream, &mut Rng) -> bool,
) {
    use std::panic::{catch_unwind, AssertUnwindSafe};

    let seed = seed();
    let mut rng = Rng(seed);
    let wanted = cases();
    let (mut run, mut ok, mut errors, mut panics) = (0, 0, 0, Vec::new());
    quiet_panics_while_fuzzing();
    FUZZING.with(|fuzzing| fuzzing.set(true));
    while run < wanted {
        let text = generate(&mut rng);
        // Unbalanced brackets do not lex: rustc never hands those to a macro.
        let Ok(tokens) = text.parse::<proc_macro2::TokenStream>() else {
            continue;
        };
        run += 1;
        match catch_unwind(AssertUnwindSafe(|| expand(tokens, &mut rng))) {
            Ok(true) => ok += 1,
            Ok(false) => errors += 1,
            Err(_) => panics.push(text),
        }
    }
    FUZZING.with(|fuzzing| fuzzing.set(false));
    println!(
        "fuzz: seed {seed}, {run} {what}: {ok} expanded, {errors} errors, {} panics",
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "seed {seed}: the expansion panicked on {:?}",
        &panics[..panics.len().min(5)]
    );
    assert!(
        ok > 0 && errors > 0,
        "the generator should reach both outcomes"
    );
}
