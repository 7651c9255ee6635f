//! `LosslessFrom`: the dtype pairs that convert without a mode.

use crate::{bf16, f16, Element};

/// `Self` holds every value of `S` exactly, so converting `S` → `Self` needs no [`CastMode`].
///
/// Implemented for exactly the pairs where [`DType::can_cast_lossless`] is true: bool into any
/// type, integers into wider integers (unsigned into strictly wider signed), integers into floats
/// whose significand holds all their bits (`u8`/`i8` → `f16`/`bf16`, 16-bit → `f32`, 32-bit →
/// `f64`), and floats into wider floats (`f16`/`bf16` → `f32`/`f64`, `f32` → `f64`).
///
/// `i64`/`u64` → `f64` are **not** lossless (numpy says they are, yet they round above 2^53).
///
/// ```
/// use tensorize_runtime::cast_into;
///
/// let mut out = [0.0f32; 3];
/// cast_into(&[1u8, 2, 255], &mut out);
/// assert_eq!(out, [1.0, 2.0, 255.0]);
/// ```
///
/// A lossy pair does not compile; its error names both types and the fix:
///
/// ```compile_fail
/// let mut out = [0.0f32; 1];
/// tensorize_runtime::cast_into(&[0.1f64], &mut out); // f64 → f32 rounds: name a mode
/// ```
///
/// [`CastMode`]: crate::CastMode
/// [`DType::can_cast_lossless`]: crate::DType::can_cast_lossless
#[diagnostic::on_unimplemented(
    message = "converting `{S}` to `{Self}` can lose values",
    label = "`{S}` → `{Self}` is not lossless",
    note = "name a mode to allow the loss: `cast_into_with(src, dst, CastMode::Round)` (or `Saturate`, `As`), `.cast_with::<{Self}>(mode)`, or `#[tensor(cast = round)]` on a derived field",
    note = "or convert value by value with `try_cast_into` / `.try_cast::<{Self}>()`, which fails only on a value that does not convert exactly"
)]
pub trait LosslessFrom<S: Element>: Element {}

/// [`LosslessFrom`] as `tensor!` checks an expression element under `dtype`, with a message
/// that names the macro's own fix (`cast = …`) rather than the slice functions'. Implemented for
/// exactly the same pairs, by the same table.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "converting `{S}` to `{Self}` can lose values",
    label = "`{S}` → `{Self}` is not lossless",
    note = "name a mode in the macro to allow the loss: `tensor![…; dtype = {Self}, cast = round]` (or `saturate`, `as`)",
    note = "or build the tensor without `dtype` and check each value at run time: `tensor![…].try_cast::<{Self}>()`"
)]
pub trait TensorElementLossless<S: Element>: LosslessFrom<S> {}

macro_rules! lossless {
    ($($from:ty => [$($to:ty),*];)*) => {
        $($(
            impl LosslessFrom<$from> for $to {}
            impl TensorElementLossless<$from> for $to {}
        )*)*
    };
}

lossless! {
    bool => [bool, u8, u16, u32, u64, i8, i16, i32, i64, f16, bf16, f32, f64];
    u8 => [u8, u16, u32, u64, i16, i32, i64, f16, bf16, f32, f64];
    u16 => [u16, u32, u64, i32, i64, f32, f64];
    u32 => [u32, u64, i64, f64];
    u64 => [u64];
    i8 => [i8, i16, i32, i64, f16, bf16, f32, f64];
    i16 => [i16, i32, i64, f32, f64];
    i32 => [i32, i64, f64];
    i64 => [i64];
    f16 => [f16, f32, f64];
    bf16 => [bf16, f32, f64];
    f32 => [f32, f64];
    f64 => [f64];
}
