//! Stacking rows into one batch tensor, and back.

#[cfg(feature = "ndarray")]
use alloc::vec::Vec;

#[cfg(feature = "ndarray")]
use ndarray::{ArrayD, ArrayViewD};

#[cfg(feature = "ndarray")]
use super::FromTensor;
use super::IntoTensor;
#[cfg(feature = "ndarray")]
use crate::{CastError, Element};

/// Writes `items` one after another into `out`: the batch `[items.len(), ..T::SHAPE]` in
/// row-major order. No allocation.
///
/// # Panics
///
/// If `out.len() != items.len() * T::NUMEL`.
///
/// ```
/// use tensorize_runtime::stack_into;
///
/// let rows = [[1u8, 2, 3], [4, 5, 6]];
/// let mut batch = [0u8; 6];
/// stack_into(&rows, &mut batch);
/// assert_eq!(batch, [1, 2, 3, 4, 5, 6]);
/// ```
#[track_caller]
pub fn stack_into<T: IntoTensor>(items: &[T], out: &mut [T::Elem]) {
    assert_eq!(
        out.len(),
        items.len() * T::NUMEL,
        "stack_into: {} items of {} elements need {} elements, the output has {}",
        items.len(),
        T::NUMEL,
        items.len() * T::NUMEL,
        out.len()
    );
    if T::NUMEL == 0 {
        return;
    }
    for (item, chunk) in items.iter().zip(out.chunks_exact_mut(T::NUMEL)) {
        item.write_cast::<T::Elem, super::As>(chunk);
    }
}

/// The batch tensor of `items`: shape `[items.len(), ..T::SHAPE]`.
///
/// ```
/// use tensorize_runtime::stack;
///
/// let images = [[[0u8; 3]; 4], [[1u8; 3]; 4]];
/// let batch = stack(&images);
/// assert_eq!(batch.shape(), &[2, 4, 3]);
/// assert_eq!(batch[[1, 3, 2]], 1);
/// ```
#[cfg(feature = "ndarray")]
#[allow(clippy::missing_panics_doc)] // the `expect` states an invariant, it cannot fail
pub fn stack<T: IntoTensor>(items: &[T]) -> ArrayD<T::Elem> {
    let (shape, data) = stacked(items);
    ArrayD::from_shape_vec(shape, data).expect("the data has one item's elements per item")
}

/// The batch of `items` as its shape `[items.len(), ..T::SHAPE]` and its row-major values:
/// what [`stack`] and the framework modules' `stack` build their tensors from.
#[cfg(feature = "ndarray")]
pub(crate) fn stacked<T: IntoTensor>(items: &[T]) -> (Vec<usize>, Vec<T::Elem>) {
    let mut data = crate::buffer::zeroed(items.len() * T::NUMEL);
    stack_into(items, &mut data);
    (batch_shape::<T>(items.len()), data)
}

/// `[items, ..T::SHAPE]`.
#[cfg(feature = "ndarray")]
pub(crate) fn batch_shape<T: IntoTensor>(items: usize) -> Vec<usize> {
    let mut shape = Vec::with_capacity(T::SHAPE.len() + 1);
    shape.push(items);
    shape.extend_from_slice(T::SHAPE);
    shape
}

/// The items of a batch tensor (shape `[n, ..T::SHAPE]`, any layout), each read back
/// value-exactly.
///
/// # Errors
///
/// A batch whose trailing shape is not `T::SHAPE`, or a value that does not convert exactly to
/// its field (named, with its item).
///
/// ```
/// use tensorize_runtime::{stack, unstack};
///
/// let rows = [[1i16, -2], [3, 4]];
/// let batch = stack(&rows);
/// let back: Vec<[i16; 2]> = unstack(batch.view()).unwrap();
/// assert_eq!(back, rows);
/// assert!(unstack::<[i16; 3]>(batch.view()).is_err()); // wrong item shape
/// ```
#[cfg(feature = "ndarray")]
#[allow(clippy::missing_panics_doc)] // the `expect` states an invariant, it cannot fail
#[allow(clippy::needless_pass_by_value)] // a view is a cheap handle; API §5 takes it by value
pub fn unstack<T: FromTensor>(batch: ArrayViewD<'_, T::Elem>) -> Result<Vec<T>, CastError> {
    let shape = batch.shape();
    if shape.is_empty() || &shape[1..] != T::SHAPE {
        let found = shape.get(1..).unwrap_or(&[]);
        return Err(CastError::shape_mismatch(
            T::SHAPE,
            found,
            <T::Elem as Element>::DTYPE,
        ));
    }
    let standard = batch.as_standard_layout();
    let data = standard
        .as_slice()
        .expect("a standard-layout array is contiguous");
    let mut items = Vec::with_capacity(shape[0]);
    for item in 0..shape[0] {
        let chunk = &data[item * T::NUMEL..(item + 1) * T::NUMEL];
        let value =
            T::read_from(chunk).map_err(|error| error.in_item(item).offset(item * T::NUMEL))?;
        items.push(value);
    }
    Ok(items)
}
