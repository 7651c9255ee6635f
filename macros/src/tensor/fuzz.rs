//! Random and mutated token streams through `expand`: it must return `Ok` or a spanned error,
//! never panic.
//!
//! `cargo test -p tensorize-macros fuzz` runs a few thousand cases; the full run is
//! `TENSORIZE_FUZZ_CASES=100000 cargo test --release -p tensorize-macros fuzz -- --nocapture`
//! (a seed can be replayed with `TENSORIZE_FUZZ_SEED=…`).

use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};

use super::{expand, expand_tokens, fast};
use crate::fuzzing::{run, Rng};

const SCALARS: &[&str] = &[
    "0",
    "1",
    "-1",
    "2.5",
    "-2.5",
    "1e39",
    "1e-50",
    "65504",
    "65520.0",
    "300",
    "-128",
    "255u8",
    "1u8",
    "2i32",
    "3.5f32",
    "4f64",
    "1f16",
    "1bf16",
    "1usize",
    "1.5u8",
    "0x7f",
    "0b11",
    "0o7",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211455",
    "99999999999999999999999999999999999999999999",
    "1e999999999999",
    "0.0000000298023223876953125",
    "1.00048828125000000000001",
    "-0.0",
    "true",
    "false",
    "x",
    "a.b",
    "f(1, 2)",
    "g::<u8, u16>()",
    "\"s\"",
    "'c'",
    "b'a'",
    "b\"bytes\"",
    "1_000_000",
    "2.",
    "6.02E+23",
    "- -1",
    "-true",
    "[]",
    "3.4028235e38",
    "16_777_217",
    "9007199254740993",
];

const OPTIONS: &[&str] = &[
    "dtype = f32",
    "dtype = f16",
    "dtype = bf16",
    "dtype = u8",
    "dtype = i8",
    "dtype = bool",
    "dtype = i64",
    "dtype = u64",
    "dtype = f64",
    "dtype = float",
    "cast = as",
    "cast = saturate",
    "cast = round",
    "cast = floor",
    "crate = ::tz",
    "crate = a::b",
    "dtype",
    "dtype =",
    "= f32",
    "dtype = [f32]",
    "shape = 3",
    "1 = 2",
    ";",
];

const FRAGMENTS: &[&str] = &[
    "[", "]", ",", ";", "-", "=", "::", "<", ">", "(", ")", "{", "}", "#", "!", "dtype", "cast",
    "crate", "as", "round", "f16", "1", "1.5", "true", "\"x\"",
];

/// A tensor-shaped input: nested rows of random scalars (sometimes ragged), then options.
fn generated(rng: &mut Rng) -> String {
    fn rows(rng: &mut Rng, depth: usize, out: &mut String) {
        let len = rng.below(4);
        for i in 0..len {
            if i > 0 {
                out.push_str(", ");
            }
            if depth > 0 && rng.below(10) != 0 {
                out.push('[');
                rows(rng, depth - 1, out);
                out.push(']');
            } else {
                out.push_str(rng.pick(SCALARS));
            }
        }
        if rng.below(5) == 0 {
            out.push(',');
        }
    }
    let mut text = String::new();
    let depth = rng.below(4);
    rows(rng, depth, &mut text);
    if rng.below(3) != 0 {
        text.push_str("; ");
        for i in 0..rng.below(4) {
            if i > 0 {
                text.push_str(", ");
            }
            text.push_str(rng.pick(OPTIONS));
        }
    }
    text
}

/// A generated input with tokens deleted, duplicated, swapped or inserted.
fn mutated(rng: &mut Rng) -> String {
    let base = generated(rng);
    let mut pieces: Vec<String> = base
        .split_inclusive([' ', ',', '[', ']', ';'])
        .map(String::from)
        .collect();
    for _ in 0..=rng.below(4) {
        let at = rng.below(pieces.len() + 1);
        match rng.below(4) {
            0 if at < pieces.len() => {
                pieces.remove(at);
            }
            1 if at < pieces.len() => {
                let copy = pieces[at].clone();
                pieces.insert(at, copy);
            }
            2 if at + 1 < pieces.len() => pieces.swap(at, at + 1),
            _ => pieces.insert(at, format!(" {} ", rng.pick(FRAGMENTS))),
        }
    }
    pieces.concat()
}

/// Wraps a literal or a group in an invisible group, as a `macro_rules!` `$x:expr` fragment
/// arrives (rustc wraps whole fragments, never a lone `,` or `;`).
fn with_invisible_group(tokens: TokenStream, rng: &mut Rng) -> TokenStream {
    let mut trees: Vec<TokenTree> = tokens.into_iter().collect();
    if !trees.is_empty() {
        let at = rng.below(trees.len());
        if matches!(trees[at], TokenTree::Literal(_) | TokenTree::Group(_)) {
            let inner = TokenStream::from(trees[at].clone());
            trees[at] = TokenTree::Group(Group::new(Delimiter::None, inner));
        }
    }
    trees.into_iter().collect()
}

#[test]
fn fuzz_expand_never_panics() {
    run(
        "token streams",
        |rng| {
            if rng.below(2) == 0 {
                generated(rng)
            } else {
                mutated(rng)
            }
        },
        |mut tokens, rng| {
            if rng.below(8) == 0 {
                tokens = with_invisible_group(tokens, rng);
            }
            // The text path, where it answers, must agree with the token path.
            if let Some(fast) = fast::expand(&tokens) {
                let slow = expand_tokens(tokens.clone()).map(|output| output.to_string());
                assert_eq!(slow.ok(), Some(fast.to_string()), "the paths disagree");
            }
            expand(tokens).is_ok()
        },
    );
}
