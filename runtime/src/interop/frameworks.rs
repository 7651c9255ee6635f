//! What the framework modules (candle, burn) share: values of one element type converted to
//! another under `FromCandle`/`FromBurn`'s rule, and `unstack`'s row reading.

use std::vec::Vec;

use crate::{cast_into_with, try_cast_into, CastError, CastMode, Element, FromTensor};

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
