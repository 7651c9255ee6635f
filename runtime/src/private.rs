//! Helpers for generated code and the macro crate. Not public API: names and signatures may
//! change in any release (the facade pins this crate with `=`).

pub use crate::cast::scalar::Convert;
pub use crate::element::Scalar;
pub use crate::tensor::bytes::tensor_from_le_bytes;
pub use crate::tensor::shape::rank;

use crate::{CastMode, Element, LosslessFrom};

/// One value converted to `D` where every value of `S` converts exactly (`tensor!` elements
/// that are expressions, with `dtype` named).
#[inline]
pub fn lossless<S: Element, D: LosslessFrom<S>>(value: S) -> D {
    D::from_scalar(value.to_scalar(), CastMode::As)
}

/// One value converted to `D` under `mode` (`tensor!` expressions with `cast` named).
#[inline]
pub fn cast_with<S: Element, D: Element>(value: S, mode: CastMode) -> D {
    D::from_scalar(value.to_scalar(), mode)
}
