//! What the framework modules (candle, burn) share: the shape checks, values of one element
//! type converted to another under `FromCandle`/`FromBurn`'s rule, and building the tensor,
//! array or rows from a framework's dims and values.

use std::vec::Vec;

use ndarray::{ArrayD, IxDyn};

use crate::{
    cast_into_with, try_cast_into, CastError, CastMode, Element, FromTensor, Shape, Tensor,
};

/// A framework tensor's shape that is not the one asked for; each framework's `Error::Shape`
/// is made from it.
pub(crate) struct ShapeMismatch {
    /// The shape asked for.
    pub(crate) expected: Vec<usize>,
    /// The tensor's shape.
    pub(crate) found: Vec<usize>,
}

/// `Ok` if `dims` is `[N, ..T::SHAPE]` for some `N`: a batch of `T` rows.
pub(crate) fn check_batch<T: FromTensor>(dims: &[usize]) -> Result<(), ShapeMismatch> {
    match dims.split_first() {
        Some((_, item)) if item == T::SHAPE => Ok(()),
        _ => Err(ShapeMismatch {
            expected: crate::rows::stack::batch_shape::<T>(dims.first().copied().unwrap_or(0)),
            found: dims.to_vec(),
        }),
    }
}

/// A `Tensor<A>` from a framework tensor of shape `dims`, whose values `values` reads (only
/// once the shape is `A::SHAPE`).
pub(crate) fn read_tensor<A: Shape, Error: From<ShapeMismatch>>(
    dims: &[usize],
    values: impl FnOnce() -> Result<Vec<A::Elem>, Error>,
) -> Result<Tensor<A>, Error> {
    if dims != A::SHAPE {
        return Err(ShapeMismatch {
            expected: A::SHAPE.to_vec(),
            found: dims.to_vec(),
        }
        .into());
    }
    let values = values()?;
    // A framework tensor holds its shape's product of values; should one not, say so.
    if values.len() != A::NUMEL {
        return Err(ShapeMismatch {
            expected: A::SHAPE.to_vec(),
            found: std::vec![values.len()],
        }
        .into());
    }
    let mut out = Tensor::new(A::ZERO);
    out.as_mut_slice().copy_from_slice(&values);
    Ok(out)
}

/// An array of shape `dims` holding `values` (row-major). A framework's tensor always holds
/// its shape's product of values; if one did not, the error names the count found.
pub(crate) fn array<E: Element>(
    dims: &[usize],
    values: Vec<E>,
) -> Result<ArrayD<E>, ShapeMismatch> {
    let found = values.len();
    ArrayD::from_shape_vec(IxDyn(dims), values).map_err(|_| ShapeMismatch {
        expected: dims.to_vec(),
        found: std::vec![found],
    })
}

/// `values` as `E`: value-exact without a mode (every value must convert exactly, whatever the
/// two dtypes), else converted under `mode`.
pub(crate) fn convert<S: Element, E: Element>(
    values: &[S],
    mode: Option<CastMode>,
) -> Result<Vec<E>, CastError> {
    let mut out = crate::buffer::zeroed(values.len());
    match mode {
        None => try_cast_into(values, &mut out)?,
        Some(mode) => cast_into_with(values, &mut out, mode),
    }
    Ok(out)
}

/// The rows of a batch whose item shape was checked: `values` holds `T::NUMEL` per item.
pub(crate) fn rows<T: FromTensor>(values: &[T::Elem]) -> Result<Vec<T>, CastError> {
    let mut items = Vec::with_capacity(values.len() / T::NUMEL.max(1));
    if T::NUMEL == 0 {
        return Ok(items);
    }
    for (item, chunk) in values.chunks_exact(T::NUMEL).enumerate() {
        let value =
            T::read_from(chunk).map_err(|error| error.in_item(item).offset(item * T::NUMEL))?;
        items.push(value);
    }
    Ok(items)
}

/// A conversion error at flat `index` of a batch, placed in its item and field, as `unstack`'s
/// own errors are.
pub(crate) fn in_row<T: FromTensor>(error: CastError) -> CastError {
    if T::NUMEL == 0 {
        return error;
    }
    let index = error.index();
    let error = error.in_item(index / T::NUMEL);
    match T::feature_names().nth(index % T::NUMEL) {
        Some(feature) => error.in_feature(feature),
        None => error,
    }
}
