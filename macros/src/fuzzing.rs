//! The expansion fuzzers (`tensor::fuzz`, `derive::fuzz`) on the shared driver
//! (`tensorize-fuzzing`): generated text that lexes is handed to the expansion with panics
//! caught; the run fails on any panic, and unless both outcomes (expanded, error) were reached.
//!
//! `TENSORIZE_FUZZ_CASES` sets the number of cases (a few thousand by default, as `cargo test`
//! runs them), `TENSORIZE_FUZZ_SEED` replays a seed a failing run printed.

pub(crate) use tensorize_fuzzing::Rng;
use tensorize_fuzzing::{Fuzzer, Outcome};

/// Generated text and its tokens; a failing run prints the text.
struct Lexed {
    text: String,
    tokens: proc_macro2::TokenStream,
}

impl std::fmt::Debug for Lexed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.text.fmt(f)
    }
}

/// Runs the cases: `generate` makes text, and each that lexes goes to `expand` (which may draw
/// from the generator too) and must return whether it expanded, never panic.
pub(crate) fn run(
    what: &'static str,
    mut generate: impl FnMut(&mut Rng) -> String,
    mut expand: impl FnMut(proc_macro2::TokenStream, &mut Rng) -> bool,
) {
    Fuzzer {
        inputs: what,
        env: "TENSORIZE_FUZZ",
        default_cases: 3_000,
        allocation_bound: None,
    }
    .run(
        |rng| {
            let text = generate(rng);
            // Unbalanced brackets do not lex: rustc never hands those to a macro.
            let tokens = text.parse().ok()?;
            Some(Lexed { text, tokens })
        },
        |lexed| lexed.text.len(),
        |lexed, rng| Outcome::accepted(expand(lexed.tokens.clone(), rng)),
    );
}
