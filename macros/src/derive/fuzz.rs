//! Random and mutated structs, enums, unions and `#[tensor(…)]` attributes through both derives:
//! each must expand or return spanned errors, and the entry point (with its fallback impl)
//! must return tokens, never panic.
//!
//! `cargo test -p tensorize-macros fuzz` runs a few thousand cases; the full run is
//! `TENSORIZE_FUZZ_CASES=100000 cargo test --release -p tensorize-macros derive::fuzz -- --nocapture`
//! (a seed can be replayed with `TENSORIZE_FUZZ_SEED=…`).

use super::{derive, expand, Derive};
use crate::fuzzing::{run, Rng};

const CONTAINER_ATTRS: &[&str] = &[
    "dtype = f32",
    "dtype = f16",
    "dtype = u8",
    "dtype = i8",
    "dtype = i64",
    "dtype = bool",
    "dtype = float",
    "dtype",
    "dtype = [f32]",
    "one_hot",
    "index",
    "one_hot = 1",
    "index(2)",
    "transparent",
    "crate = ::tz",
    "crate = a::b",
    "crate",
    "skip",
    "missing = nan",
    "\"x\"",
    "= 1",
];

const FIELD_ATTRS: &[&str] = &[
    "skip",
    "skip = 1",
    "cast = round",
    "cast = as",
    "cast = floor",
    "cast",
    "missing = nan",
    "missing = mask",
    "missing = zero",
    "missing",
    "missing = \"nan\"",
    "rename = \"x\"",
    "rename = \"a\"",
    "rename = \"\"",
    "rename = x",
    "rename",
    "rename = 1",
    "one_hot",
    "dtype = f32",
    "transparent",
];

const TYPES: &[&str] = &[
    "f32",
    "f64",
    "u8",
    "i64",
    "bool",
    "f16",
    "[f32; 3]",
    "[[u8; 2]; 2]",
    "[f32; 0]",
    "Option<f32>",
    "Option<u8>",
    "Option<[f32; 2]>",
    "Option<Inner>",
    "Option<Option<f32>>",
    "Option<T>",
    "Option",
    "Option<>",
    "Option<f32, u8>",
    "Option<'a>",
    "std::option::Option<f32>",
    "Vec<f32>",
    "String",
    "&'a [f32]",
    "&'a str",
    "&'a f32",
    "(f32, f32)",
    "()",
    "T",
    "[T; 2]",
    "Inner",
    "Color",
    "Tensor<[f32; 2]>",
    "Box<f32>",
    "fn()",
    "impl Copy",
    "dyn Copy",
    "!",
    "_",
];

const GENERICS: &[&str] = &[
    "",
    "",
    "",
    "<T>",
    "<T: Copy>",
    "<'a, T>",
    "<'a>",
    "<const N: usize>",
    "<T = f32>",
];

const NAMES: &[&str] = &[
    "a", "b", "x", "area", "r#type", "color", "age", "_", "self_",
];

const VARIANTS: &[&str] = &[
    "Red",
    "Green",
    "Blue",
    "A",
    "B",
    "r#Ref",
    "Red = 3",
    "Big = 1000",
    "Data(f32)",
    "Pair(f32, u8)",
    "Named { x: f32 }",
    "Empty()",
    "Unit {}",
];

const FRAGMENTS: &[&str] = &[
    "#", "[", "]", "(", ")", "{", "}", ",", ";", ":", "=", "<", ">", "::", "tensor", "struct",
    "enum", "union", "pub", "where", "T", "f32", "Option", "missing", "nan", "mask", "one_hot",
    "index", "dtype", "rename", "\"s\"", "1", "'a",
];

fn attribute(rng: &mut Rng, choices: &[&str], out: &mut String) {
    if rng.below(3) == 0 {
        return;
    }
    out.push_str("#[tensor(");
    for i in 0..=rng.below(3) {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(rng.pick(choices));
    }
    out.push_str(")] ");
}

/// A struct, enum, union or unit struct with random attributes.
fn generated(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..rng.below(3) {
        attribute(rng, CONTAINER_ATTRS, &mut text);
    }
    let generics = rng.pick(GENERICS);
    match rng.below(10) {
        0..=4 => {
            text.push_str("struct Row");
            text.push_str(generics);
            if rng.below(4) == 0 {
                text.push('(');
                for i in 0..rng.below(4) {
                    if i > 0 {
                        text.push_str(", ");
                    }
                    attribute(rng, FIELD_ATTRS, &mut text);
                    text.push_str(rng.pick(TYPES));
                }
                text.push_str(");");
            } else {
                text.push_str(" { ");
                for _ in 0..rng.below(5) {
                    attribute(rng, FIELD_ATTRS, &mut text);
                    text.push_str(rng.pick(NAMES));
                    text.push_str(": ");
                    text.push_str(rng.pick(TYPES));
                    text.push_str(", ");
                }
                text.push('}');
            }
        }
        5..=8 => {
            text.push_str("enum Category");
            text.push_str(generics);
            text.push_str(" { ");
            for _ in 0..rng.below(5) {
                if rng.below(6) == 0 {
                    attribute(rng, FIELD_ATTRS, &mut text);
                }
                text.push_str(rng.pick(VARIANTS));
                text.push_str(", ");
            }
            text.push('}');
        }
        _ => {
            text.push_str(if rng.below(2) == 0 {
                "union U { a: f32, b: u32 }"
            } else {
                "struct Unit;"
            });
        }
    }
    text
}

/// A generated item with pieces deleted, duplicated, swapped or inserted.
fn mutated(rng: &mut Rng) -> String {
    let base = generated(rng);
    let mut pieces: Vec<String> = base
        .split_inclusive([' ', ',', '(', ')', '[', ']', '<', '>', ':'])
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

#[test]
fn fuzz_derive_never_panics() {
    run(
        "items",
        |rng| {
            if rng.below(2) == 0 {
                generated(rng)
            } else {
                mutated(rng)
            }
        },
        |tokens, rng| {
            let which = if rng.below(2) == 0 {
                Derive::IntoTensor
            } else {
                Derive::FromTensor
            };
            let expanded = expand(tokens.clone(), which);
            // The entry point (which adds the fallback impl on errors) must answer too.
            let _ = derive(tokens, which);
            expanded.is_ok()
        },
    );
}
