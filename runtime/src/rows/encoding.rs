//! The encodings derived rows use for fields that are not numbers: enums as one-hot or index
//! elements, and `Option`s as NaN or as a mask indicator before the value. The derive emits a
//! call to one of these per field, so the logic is compiled once here rather than per struct.
//!
//! Writing is straight-line. Reading is value-exact whatever the field's cast mode: an element
//! that is not a valid encoding records an [`Encoding`] error at the field's first element.

use core::fmt;

use super::names::NameContext;
use super::{FromTensor, IntoTensor, Mode};
use crate::cast::error::Encoding;
use crate::cast::scalar::Convert;
use crate::element::Scalar;
use crate::{CastError, CastMode, DType, Element};

/// `value` (of the row's element type `E`) converted to `D` under `M`.
#[inline(always)]
fn element<E: Element, D: Element, M: Mode>(value: Scalar) -> D {
    let value = E::from_scalar(value, CastMode::As);
    D::from_scalar(value.to_scalar(), M::MODE.unwrap_or(CastMode::As))
}

fn record(
    error: &mut Option<CastError>,
    at: usize,
    problem: Encoding,
    source: DType,
    target: DType,
) {
    error.get_or_insert(CastError::encoding(at, problem, source, target));
}

/// Writes variant `position` one-hot: `out[position]` is 1 (as `E`, then `D`), the rest 0.
#[inline]
pub fn write_one_hot<E: Element, D: Element, M: Mode>(position: usize, out: &mut [D]) {
    let one = element::<E, D, M>(Scalar::Bool(true));
    let zero = element::<E, D, M>(Scalar::Bool(false));
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = if i == position { one } else { zero };
    }
}

/// The position of the one 1 among `src` (the field's elements, from flat `base` of the row).
/// Anything else (a value that is not 0 or 1, no 1, several) records an error and reads as 0.
#[inline]
pub fn read_one_hot<S: Element>(
    src: &[S],
    base: usize,
    target: DType,
    error: &mut Option<CastError>,
) -> usize {
    let mut position = 0;
    let mut ones = 0;
    for (i, value) in src.iter().enumerate() {
        let value = value.to_scalar();
        match bool::exact_from_scalar(value) {
            Some(true) => {
                ones += 1;
                position = i;
            }
            Some(false) => {}
            None => {
                record(
                    error,
                    base,
                    Encoding::OneHotValue { value },
                    S::DTYPE,
                    target,
                );
                return 0;
            }
        }
    }
    if ones != 1 {
        let len = src.len();
        record(
            error,
            base,
            Encoding::OneHotCount { ones, len },
            S::DTYPE,
            target,
        );
        return 0;
    }
    position
}

/// Writes variant `position` as an index of type `E`, converted to `D` under `M`.
#[inline]
pub fn write_index<E: Element, D: Element, M: Mode>(position: usize, out: &mut [D]) {
    out[0] = element::<E, D, M>(Scalar::U64(position as u64));
}

/// The variant position held by `src[0]`: a whole number below `variants`, else an error and 0.
#[inline]
pub fn read_index<S: Element>(
    src: &[S],
    base: usize,
    variants: usize,
    target: DType,
    error: &mut Option<CastError>,
) -> usize {
    let value = src[0].to_scalar();
    match u64::exact_from_scalar(value).and_then(|index| usize::try_from(index).ok()) {
        Some(index) if index < variants => index,
        _ => {
            record(
                error,
                base,
                Encoding::Index { value, variants },
                S::DTYPE,
                target,
            );
            0
        }
    }
}

/// Writes the name of variant `index` of a one-hot enum: `Red` at the top level, `=Red` below
/// it (after the field's name: `color=Red`), nothing for the whole field.
///
/// # Errors
///
/// The formatter's.
pub fn write_variant_name(
    variants: &[&str],
    index: usize,
    f: &mut fmt::Formatter<'_>,
    context: NameContext,
) -> fmt::Result {
    if context.whole_field() {
        return Ok(());
    }
    if context.is_nested() {
        f.write_str("=")?;
    }
    f.write_str(variants.get(index).copied().unwrap_or("?"))
}

/// `missing = nan`: the value's elements, or NaN in every one of them for `None`.
#[inline]
pub fn write_missing_nan<T: IntoTensor, D: Element, M: Mode>(value: &Option<T>, out: &mut [D]) {
    match value {
        Some(value) => value.write_cast::<D, M>(out),
        None => out.fill(D::from_scalar(
            Scalar::F64(f64::NAN),
            M::MODE.unwrap_or(CastMode::As),
        )),
    }
}

/// `missing = nan`: `None` when every element is NaN (so `Some(NaN)` reads back as `None`).
#[inline]
pub fn read_missing_nan<T: FromTensor, S: Element, M: Mode>(
    src: &[S],
    base: usize,
    error: &mut Option<CastError>,
) -> Option<T> {
    if src.iter().all(|value| value.to_scalar().is_nan()) {
        None
    } else {
        Some(T::read_cast::<S, M>(src, base, error))
    }
}

/// `missing = mask`: an indicator element (1 present, 0 absent), then the value's elements, or
/// zeros for `None`.
#[inline]
pub fn write_missing_mask<T: IntoTensor, D: Element, M: Mode>(value: &Option<T>, out: &mut [D]) {
    let Some((indicator, rest)) = out.split_first_mut() else {
        return;
    };
    match value {
        Some(value) => {
            *indicator = element::<bool, D, M>(Scalar::Bool(true));
            value.write_cast::<D, M>(rest);
        }
        None => {
            *indicator = element::<bool, D, M>(Scalar::Bool(false));
            rest.fill(D::ZERO);
        }
    }
}

/// `missing = mask`: the value when the indicator is 1, `None` when it is 0 (the values are
/// ignored then), an error for anything else.
#[inline]
pub fn read_missing_mask<T: FromTensor, S: Element, M: Mode>(
    src: &[S],
    base: usize,
    error: &mut Option<CastError>,
) -> Option<T> {
    let value = src[0].to_scalar();
    match bool::exact_from_scalar(value) {
        Some(true) => Some(T::read_cast::<S, M>(&src[1..], base + 1, error)),
        Some(false) => None,
        None => {
            record(error, base, Encoding::Mask { value }, S::DTYPE, DType::Bool);
            None
        }
    }
}

/// Writes the rest of a `missing = mask` field's name for flat `index` of the field, after the
/// field's own name: `?` for the indicator (not for the whole field), else `T`'s part.
///
/// # Errors
///
/// The formatter's.
pub fn write_mask_name<T: IntoTensor>(
    index: usize,
    f: &mut fmt::Formatter<'_>,
    context: NameContext,
) -> fmt::Result {
    match index.checked_sub(1) {
        None if context.whole_field() => Ok(()),
        None => f.write_str("?"),
        Some(index) => T::write_feature_name(index, f, context.nested()),
    }
}

/// The row dtype of a `missing = nan` field must have a NaN.
#[diagnostic::on_unimplemented(
    message = "`missing = nan` needs a float row dtype, but this row's elements are `{Self}`",
    label = "`{Self}` has no NaN",
    note = "use `#[tensor(missing = mask)]` (an indicator element before the value), or name a float dtype for the row: `#[tensor(dtype = f32)]`"
)]
pub trait FloatElement: Element {}
impl FloatElement for crate::f16 {}
impl FloatElement for crate::bf16 {}
impl FloatElement for f32 {}
impl FloatElement for f64 {}

/// The check of a `missing = nan` field, called in the generated code.
#[inline(always)]
pub const fn assert_float_row<E: FloatElement>() {}
