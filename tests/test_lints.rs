//! The macros' expansions under strict lints: generated code must not make a user's
//! `#![deny(...)]` fail.
#![deny(
    warnings,
    unused_qualifications,
    unused_import_braces,
    trivial_casts,
    trivial_numeric_casts,
    unsafe_code,
    missing_debug_implementations,
    clippy::all,
    clippy::pedantic,
    clippy::allow_attributes_without_reason
)]
#![allow(
    clippy::float_cmp,
    reason = "the test's own assertions compare exact values"
)]

use tensorize::{include_npy, tensor, FromTensor, IntoTensor, Tensor};

/// A derived row in a crate that forbids `unsafe` and denies warnings.
#[derive(IntoTensor, FromTensor, Debug)]
#[tensor(dtype = f32)]
pub struct Row<T> {
    /// A generic field.
    pub values: [T; 2],
    /// A lossy field with a mode.
    #[tensor(cast = round)]
    pub precise: f64,
    /// A skipped field.
    #[tensor(skip)]
    pub label: String,
}

/// A tuple row.
#[derive(IntoTensor, FromTensor, Debug)]
pub struct Pair(pub u8, pub u8);

/// A one-hot category.
#[derive(IntoTensor, FromTensor, Debug, Clone, Copy)]
#[tensor(one_hot)]
pub enum Color {
    /// First.
    Red,
    /// Second.
    Green,
}

/// An index category.
#[derive(IntoTensor, FromTensor, Debug, Clone, Copy)]
#[tensor(index, dtype = u16)]
pub enum Day {
    /// First.
    Mon,
    /// Second.
    Tue,
}

/// Categories and missing values in a generic row.
#[derive(IntoTensor, FromTensor, Debug)]
#[tensor(dtype = f32)]
pub struct Listing<T> {
    /// One-hot.
    pub color: Color,
    /// Index.
    pub day: Day,
    /// NaN when absent.
    #[tensor(missing = nan)]
    pub rating: Option<T>,
    /// A mask before the value.
    #[tensor(missing = mask, rename = "years")]
    pub age: Option<u8>,
}

static LITERAL: Tensor<[[f32; 2]; 2]> = tensor![[1, 2.5], [3, 4]];
static EMBEDDED: Tensor<[[i32; 4]; 3]> = include_npy!("tests/fixtures/npy/i4_v2.npy");

#[test]
fn expansions_pass_strict_lints() {
    let x = 1.5f32;
    let mixed = tensor![x, 2; dtype = f64];
    assert_eq!(mixed.as_slice(), &[1.5, 2.0]);
    assert_eq!(LITERAL[[1, 0]], 3.0);
    assert_eq!(EMBEDDED[[0, 1]], 1);
    let mut out = [0.0f32; 3];
    Row {
        values: [1u8, 2],
        precise: 0.5,
        label: String::new(),
    }
    .write_to(&mut out);
    assert_eq!(out, [1.0, 2.0, 0.5]);
    assert_eq!(Pair::read_from(&[1, 2]).map(|p| p.1).ok(), Some(2));
    let listing = Listing {
        color: Color::Green,
        day: Day::Tue,
        rating: Some(2.5f32),
        age: None,
    };
    let mut row = [0.0f32; 6];
    listing.write_to(&mut row);
    assert_eq!(row, [0.0, 1.0, 1.0, 2.5, 0.0, 0.0]);
    let back = Listing::<f32>::read_from(&row).ok();
    assert_eq!(back.map(|l| (l.rating, l.age)), Some((Some(2.5), None)));
}
