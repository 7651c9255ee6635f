//! The slice conversions: `cast_into`, `cast_into_with`, `try_cast_into`.
//!
//! Each runs one monomorphic kernel: the scalar conversion of `scalar.rs` in the loop of
//! `kernel.rs`, or, for a few pairs, a specialized one (a hardware path of `arch.rs`, or the
//! common case split from a rare one). All of them write into
//! `MaybeUninit` slices, so the allocating conversions need no zero-filling pass first.

use super::error::CastError;
use super::kernel::{Conversion, Each};
use super::lossless::LosslessFrom;
use core::any::TypeId;
use core::mem::MaybeUninit;

use crate::{f16, CastMode, Element};

#[track_caller]
#[inline(always)]
fn check_lengths(function: &str, src: usize, dst: usize) {
    assert!(
        src == dst,
        "{function}: source has {src} elements but destination has {dst}"
    );
}

/// Converts every element of `src` into `dst`, for a pair whose conversion is always exact.
///
/// Only pairs with [`LosslessFrom`] compile; for the others name a mode with
/// [`cast_into_with`] or check each value with [`try_cast_into`].
///
/// # Panics
///
/// If `src` and `dst` have different lengths.
///
/// ```
/// use tensorize_runtime::{cast_into, f16};
///
/// let mut out = [0.0f64; 2];
/// cast_into(&[f16::from_f32(0.5), f16::MAX], &mut out);
/// assert_eq!(out, [0.5, 65504.0]);
/// ```
#[track_caller]
pub fn cast_into<S: Element, D: LosslessFrom<S>>(src: &[S], dst: &mut [D]) {
    check_lengths("cast_into", src.len(), dst.len());
    convert::<S, D, AS>(src, as_uninit(dst));
}

/// Converts every element of `src` into `dst` under `mode` (any pair; see [`CastMode`]).
///
/// The function is a match over per-mode kernels, so a constant `mode` links only one.
///
/// # Panics
///
/// If `src` and `dst` have different lengths.
///
/// ```
/// use tensorize_runtime::{cast_into_with, CastMode, f16};
///
/// let mut out = [f16::ZERO; 3];
/// cast_into_with(&[1.0f32, 70000.0, f32::NAN], &mut out, CastMode::Saturate);
/// assert_eq!(out[0], f16::ONE);
/// assert_eq!(out[1], f16::MAX); // would be inf under `As`
/// assert!(out[2].is_nan());
/// ```
#[track_caller]
#[inline]
pub fn cast_into_with<S: Element, D: Element>(src: &[S], dst: &mut [D], mode: CastMode) {
    check_lengths("cast_into_with", src.len(), dst.len());
    convert_with(src, as_uninit(dst), mode);
}

/// `dst` as a slice of `MaybeUninit`, for the kernels (and `arch`'s paths), which write only
/// initialized values (never `MaybeUninit::uninit()`), so every element of `dst` stays a valid
/// `D`.
#[inline(always)]
fn as_uninit<D>(dst: &mut [D]) -> &mut [MaybeUninit<D>] {
    // SAFETY: `MaybeUninit<D>` has `D`'s layout; see above for why `dst` stays initialized.
    unsafe { core::slice::from_raw_parts_mut(dst.as_mut_ptr().cast(), dst.len()) }
}

/// The match over the per-mode kernels.
#[inline(always)]
fn convert_with<S: Element, D: Element>(src: &[S], dst: &mut [MaybeUninit<D>], mode: CastMode) {
    match mode {
        CastMode::As => convert::<S, D, AS>(src, dst),
        CastMode::Saturate => convert::<S, D, SATURATE>(src, dst),
        CastMode::Round => convert::<S, D, ROUND>(src, dst),
    }
}

/// Converts every element of `src` into `dst` if each converts exactly (converts back to an
/// equal value; NaN and ±inf are exact between floats, −0.0 → 0 is exact, only 0 and 1 are exact
/// into bool).
///
/// # Errors
///
/// The first value that does not convert exactly, by index. The elements of `dst` before
/// [`CastError::index`] are written by then; the rest are unspecified.
///
/// # Panics
///
/// If `src` and `dst` have different lengths.
///
/// ```
/// use tensorize_runtime::try_cast_into;
///
/// let mut out = [0u8; 3];
/// try_cast_into(&[0.0f32, 1.0, 255.0], &mut out).unwrap();
/// assert_eq!(out, [0, 1, 255]);
///
/// let err = try_cast_into(&[0.0f32, 1.5, 300.0], &mut out).unwrap_err();
/// assert_eq!(err.to_string(), "element 1: 1.5 is not exactly representable as u8");
/// ```
#[track_caller]
pub fn try_cast_into<S: Element, D: Element>(src: &[S], dst: &mut [D]) -> Result<(), CastError> {
    check_lengths("try_cast_into", src.len(), dst.len());
    try_convert(src, as_uninit(dst))
}

/// The exact conversion's loop: writes each element (only values) until the first that does
/// not convert exactly.
#[inline]
fn try_convert<S: Element, D: Element>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
) -> Result<(), CastError> {
    for (index, (out, value)) in dst.iter_mut().zip(src).enumerate() {
        let value = value.to_scalar();
        match D::exact_from_scalar(value) {
            Some(converted) => {
                out.write(converted);
            }
            None => return Err(CastError::new(index, value, D::DTYPE)),
        }
    }
    Ok(())
}

const AS: u8 = 0;
const SATURATE: u8 = 1;
const ROUND: u8 = 2;

const fn mode_of(mode: u8) -> CastMode {
    match mode {
        AS => CastMode::As,
        SATURATE => CastMode::Saturate,
        _ => CastMode::Round,
    }
}

/// The kernel for one (source, target, mode): the mode is a constant, so each instance is one
/// straight conversion loop. Initializes every element of `dst`.
#[inline]
fn convert<S: Element, D: Element, const MODE: u8>(src: &[S], dst: &mut [MaybeUninit<D>]) {
    if specialized::<S, D, MODE>(src, dst) {
        return;
    }
    let reference = |value: S| D::from_scalar(value.to_scalar(), mode_of(MODE));
    super::kernel::map(src, dst, Each(reference));
}

/// The pairs with a specialized kernel, which return `true` having written `dst`: f32 → f16
/// under `As` (F16C overflows to inf, as `As` does), f16 → f32 and f16 → f64, f64 → f16 under
/// `As` through f32 (see `arch`), and f64 → f32 (NaN out of the vectorized loop). The type
/// tests are constants after monomorphization.
fn specialized<S: Element, D: Element, const MODE: u8>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
) -> bool {
    if let (Some(src), Some(dst)) = (same::<S, f64>(src), same_mut::<D, f32>(dst)) {
        super::kernel::map(src, dst, F64ToF32::<MODE>);
        return true;
    }
    if let (Some(src), Some(dst)) = (same::<S, f16>(src), same_mut::<D, f64>(dst)) {
        // f16 → f32 in hardware, then f32 → f64: both exact. The second step streams its
        // stores when the whole conversion is large; by chunks of 4096 (16 KiB of f32 on the
        // stack, in L1) rather than 512, whose per-chunk cost showed (16M: 0.74–0.84 of
        // memcpy by 512, 1.0–1.16 by 4096).
        if !super::arch::has_f16c() {
            return false;
        }
        let moved = src.len().saturating_mul(2 + 8);
        let mut narrow = [0.0f32; 4096];
        for (src, dst) in src.chunks(4096).zip(dst.chunks_mut(4096)) {
            let narrow = &mut narrow[..src.len()];
            super::arch::f16_to_f32(src, as_uninit(narrow));
            super::kernel::map_part(narrow, dst, Each(f64::from), moved);
        }
        return true;
    }
    if let (Some(src), Some(dst)) = (same::<S, f32>(src), same_mut::<D, f16>(dst)) {
        return MODE == AS && super::arch::f32_to_f16(src, dst);
    }
    if let (Some(src), Some(dst)) = (same::<S, f16>(src), same_mut::<D, f32>(dst)) {
        return super::arch::f16_to_f32(src, dst);
    }
    if let (Some(src), Some(dst)) = (same::<S, f64>(src), same_mut::<D, f16>(dst)) {
        // f64 → f32 rounded to odd, then f32 → f16 in hardware: one correct rounding.
        if MODE != AS {
            return false;
        }
        return via_f32(src, dst, super::half::f64_to_f32_round_to_odd);
    }
    false
}

/// `src` → f32 by `to_f32` (into a small buffer in L1, by the kernel loop, so with AVX2 where
/// the CPU has it: f64 → f16 went from 0.62 to 0.75–0.78 of half's double-rounding speed),
/// then f32 → f16 with F16C; `false` (having written nothing) without F16C. Right where
/// `to_f32` then nearest-even into f16 is the conversion (`As` overflows to inf, as F16C does).
#[inline(always)]
fn via_f32<S: Copy>(src: &[S], dst: &mut [MaybeUninit<f16>], to_f32: impl Fn(S) -> f32) -> bool {
    if !super::arch::has_f16c() {
        return false;
    }
    let mut narrow = [0.0f32; 512];
    for (src, dst) in src.chunks(512).zip(dst.chunks_mut(512)) {
        let narrow = &mut narrow[..src.len()];
        super::kernel::map(src, as_uninit(narrow), Each(&to_f32));
        super::arch::f32_to_f16(narrow, dst);
    }
    true
}

/// f64 → f32 with NaN as the exception (see `kernel::Conversion`): the common case is a clamp
/// (saturating modes) and one conversion per value, and a block holding a NaN is redone with
/// the reference, which spells out the NaN's payload. The mode is a constant, so that each
/// instance of the loop is compiled for one.
#[derive(Clone, Copy)]
struct F64ToF32<const MODE: u8>;

impl<const MODE: u8> Conversion<f64, f32> for F64ToF32<MODE> {
    const HAS_EXCEPTIONS: bool = true;
    #[inline(always)]
    fn common(self, value: f64) -> f32 {
        super::scalar::f64_to_f32_not_nan(value, mode_of(MODE))
    }
    #[inline(always)]
    fn exceptional(self, value: f64) -> bool {
        value.is_nan()
    }
    #[inline(always)]
    fn reference(self, value: f64) -> f32 {
        super::scalar::f64_to_f32(value, mode_of(MODE))
    }
}

/// `slice` as `&[T]` when `U` is `T`.
#[inline(always)]
fn same<U: 'static, T: 'static>(slice: &[U]) -> Option<&[T]> {
    (TypeId::of::<U>() == TypeId::of::<T>()).then(|| {
        // SAFETY: `U` and `T` are the same type, so the slice is a `[T]` of the same length.
        unsafe { core::slice::from_raw_parts(slice.as_ptr().cast::<T>(), slice.len()) }
    })
}

/// `slice` as `&mut [MaybeUninit<T>]` when `U` is `T`.
#[inline(always)]
fn same_mut<U: 'static, T: 'static>(slice: &mut [MaybeUninit<U>]) -> Option<&mut [MaybeUninit<T>]> {
    (TypeId::of::<U>() == TypeId::of::<T>()).then(|| {
        // SAFETY: `U` and `T` are the same type; the borrow is passed on, not duplicated.
        unsafe { core::slice::from_raw_parts_mut(slice.as_mut_ptr().cast(), slice.len()) }
    })
}

/// [`cast_into_with`] into uninitialized memory just allocated (a fresh vector's spare
/// capacity), which it initializes: no zero-filling pass before the conversion. Returns the
/// initialized slice.
///
/// # Panics
///
/// If `src` and `dst` have different lengths.
#[cfg(feature = "ndarray")]
#[inline]
pub(crate) fn cast_into_uninit<'a, S: Element, D: Element>(
    src: &[S],
    dst: &'a mut [MaybeUninit<D>],
    mode: CastMode,
) -> &'a mut [D] {
    check_lengths("cast_into_uninit", src.len(), dst.len());
    convert_with(src, dst, mode);
    // SAFETY: `convert_with` wrote every one of the `dst.len()` elements (the lengths are
    // equal), so they are initialized `D`s; `MaybeUninit<D>` has `D`'s layout.
    unsafe { core::slice::from_raw_parts_mut(dst.as_mut_ptr().cast::<D>(), dst.len()) }
}

/// [`try_cast_into`] into uninitialized memory; returns it initialized, or the first value
/// that does not convert exactly.
#[cfg(feature = "ndarray")]
pub(crate) fn try_cast_into_uninit<'a, S: Element, D: Element>(
    src: &[S],
    dst: &'a mut [MaybeUninit<D>],
) -> Result<&'a mut [D], CastError> {
    check_lengths("try_cast_into_uninit", src.len(), dst.len());
    try_convert(src, dst)?;
    // SAFETY: `try_convert` wrote every element (the lengths are equal) or returned an error.
    Ok(unsafe { core::slice::from_raw_parts_mut(dst.as_mut_ptr().cast::<D>(), dst.len()) })
}
