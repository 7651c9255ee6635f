//! Helpers for generated code and the macro crate. Not public API: names and signatures may
//! change in any release (the facade pins this crate with `=`).

pub use crate::cast::lossless::TensorElementLossless;
pub use crate::cast::scalar::Convert;
pub use crate::element::Scalar;
pub use crate::rows::encoding::{
    assert_float_row, read_index, read_missing_mask, read_missing_nan, read_one_hot, write_index,
    write_mask_name, write_missing_mask, write_missing_nan, write_one_hot, write_variant_name,
    FloatElement,
};
pub use crate::rows::names::{NameContext, NameWriter};
pub use crate::rows::{As, Exact, Mode, Round, Saturate};
pub use crate::tensor::bytes::{tensor_from_bytes, tensor_from_file, tensor_from_le_bytes};
pub use crate::tensor::shape::rank;

use crate::{CastMode, Element, LosslessFrom};

/// A derived row without `dtype` takes its first field's element type; every other field must
/// have the same one (`<Field as IntoTensor>::Elem: SameElem<FirstElem>`).
#[diagnostic::on_unimplemented(
    message = "this field's elements are `{Self}`, but the row's first field has `{E}` elements",
    label = "`{Self}` elements, not `{E}`",
    note = "name the row's dtype with `#[tensor(dtype = …)]` on the struct; each field then converts to it"
)]
pub trait SameElem<E> {}
impl<E: Element> SameElem<E> for E {}

/// A derived row's check that a field's elements `S` convert to the row's `D` exactly; called
/// in the generated code, so a lossy field is an error on that field.
#[inline(always)]
pub const fn assert_lossless<S: Element, D: LosslessFrom<S>>() {}

/// A derived row's check that a field's elements `S` are the row's `E` (no dtype named).
#[inline(always)]
pub const fn assert_same_elem<S: SameElem<E>, E>() {}

/// One value converted to `D` where every value of `S` converts exactly (`tensor!` elements
/// that are expressions, with `dtype` named).
#[inline]
pub fn lossless<S: Element, D: TensorElementLossless<S>>(value: S) -> D {
    D::from_scalar(value.to_scalar(), CastMode::As)
}

/// One value converted to `D` under `mode` (`tensor!` expressions with `cast` named).
#[inline]
pub fn cast_with<S: Element, D: Element>(value: S, mode: CastMode) -> D {
    D::from_scalar(value.to_scalar(), mode)
}
