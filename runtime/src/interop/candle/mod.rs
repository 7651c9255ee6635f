//! candle (feature `candle`): tensors to and from `candle_core::Tensor` with the dtype kept
//! exactly and the shape known.
//!
//! - [`ToCandle`] for [`Tensor`] and every ndarray array (any layout: a
//!   transposed or sliced view goes in logical order): a candle tensor of the same shape (rank 0
//!   gives a scalar tensor) and the element's own dtype.
//! - [`stack`]: derived rows (or images, or any [`IntoTensor`]) into one `[N, ..T::SHAPE]` batch,
//!   each row written once into the buffer candle keeps.
//! - [`FromCandle`] for `Tensor<A>` (the shape must be `A::SHAPE`) and `ndarray::ArrayD<E>`:
//!   value-exact from any of candle's dtypes, or under a [`CastMode`] with `_with`; [`unstack`]
//!   into rows. Strided candle tensors (a transpose, a narrow) are read in logical order.
//!
//! candle has no `bool`, `i8`, `u16` or `u64` tensors: giving it one is a compile error that
//! says how to convert first, never a run-time surprise.
//!
//! ```
//! use tensorize_runtime::candle::{candle_core::Device, FromCandle, ToCandle};
//! use tensorize_runtime::Tensor;
//!
//! let t = Tensor::new([[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]]);
//! let c = t.to_candle(&Device::Cpu)?;
//! assert_eq!(c.dims(), [2, 3]);
//! let doubled = (c * 2.0)?;
//! let back = Tensor::<[[f32; 3]; 2]>::from_candle(&doubled)?;
//! assert_eq!(back[[1, 2]], 12.0);
//! // f32 → i64 reads back only if every value is an integer.
//! let ints = Tensor::<[[i64; 3]; 2]>::from_candle(&doubled)?;
//! assert_eq!(ints[[0, 0]], 2);
//! # Ok::<(), tensorize_runtime::candle::Error>(())
//! ```

mod error;

use std::vec::Vec;

use candle_core::{DType as CandleDType, Device, Tensor as CandleTensor};
use ndarray::{ArrayBase, ArrayD, Data, Dimension};

pub use candle_core;
pub use error::Error;

use crate::interop::frameworks::{array, check_batch, convert, in_row, read_tensor, rows};
use crate::rows::stack::stacked;
use crate::{bf16, f16, CastMode, Element, FromTensor, IntoTensor, Shape, Tensor};

mod sealed {
    pub trait Sealed {}
}

/// The elements candle has a dtype for: `u8`, `u32`, `i16`, `i32`, `i64`, `f16`, `bf16`, `f32`,
/// `f64`. Sealed.
#[diagnostic::on_unimplemented(
    message = "candle has no `{Self}` tensors: convert first",
    label = "candle has no `{Self}` dtype",
    note = "lossless: `.cast::<u8>()` for bool, `.cast::<i16>()` for i8, `.cast::<u32>()` for u16; \
            for u64, `.try_cast::<i64>()` (checked) or `.cast_with::<u32>(mode)`",
    note = "candle's dtypes are u8, u32, i16, i32, i64, f16, bf16, f32 and f64"
)]
pub trait CandleElement: Element + candle_core::WithDType + sealed::Sealed {}

macro_rules! candle_elements {
    ($($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl CandleElement for $t {}
    )*};
}
candle_elements!(u8, u32, i16, i32, i64, f16, bf16, f32, f64);

/// A tensor or array that becomes a candle tensor of the same shape and its element's dtype.
pub trait ToCandle {
    /// The element type.
    type Elem: Element;

    /// The candle tensor on `device`, with this shape and `Self::Elem`'s dtype.
    ///
    /// ```
    /// use tensorize_runtime::candle::{candle_core::{DType, Device}, ToCandle};
    ///
    /// let a = ndarray::array![[1u8, 2], [3, 4]];
    /// let t = a.t().to_candle(&Device::Cpu)?; // a transposed view, in logical order
    /// assert_eq!((t.dims(), t.dtype()), (&[2, 2][..], DType::U8));
    /// assert_eq!(t.to_vec2::<u8>()?, [[1, 3], [2, 4]]);
    /// # Ok::<(), tensorize_runtime::candle::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// candle's own (a device that cannot allocate).
    fn to_candle(&self, device: &Device) -> Result<CandleTensor, Error>
    where
        Self::Elem: CandleElement;
}

impl<A: Shape> ToCandle for Tensor<A> {
    type Elem = A::Elem;

    fn to_candle(&self, device: &Device) -> Result<CandleTensor, Error>
    where
        A::Elem: CandleElement,
    {
        Ok(CandleTensor::from_slice(self.as_slice(), A::SHAPE, device)?)
    }
}

impl<S, D> ToCandle for ArrayBase<S, D>
where
    S: Data,
    S::Elem: Element,
    D: Dimension,
{
    type Elem = S::Elem;

    fn to_candle(&self, device: &Device) -> Result<CandleTensor, Error>
    where
        S::Elem: CandleElement,
    {
        let shape = self.shape();
        Ok(match self.as_slice() {
            Some(values) => CandleTensor::from_slice(values, shape, device)?,
            None => CandleTensor::from_vec(self.iter().copied().collect(), shape, device)?,
        })
    }
}

/// Items as one candle batch of shape `[N, ..T::SHAPE]` and `T::Elem`'s dtype; each row is
/// written once, into the buffer candle keeps (`Tensor::from_vec`: no second copy on the CPU).
///
/// ```
/// use tensorize_runtime::candle::{candle_core::Device, stack};
///
/// // Any `IntoTensor` (a derived struct, an image, an array) is a row.
/// let rows = [[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let batch = stack(&rows, &Device::Cpu)?;
/// assert_eq!(batch.dims(), [2, 3]);
/// assert_eq!(batch.to_vec2::<f32>()?, [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
/// # Ok::<(), tensorize_runtime::candle::Error>(())
/// ```
///
/// # Errors
///
/// candle's own.
pub fn stack<T: IntoTensor>(items: &[T], device: &Device) -> Result<CandleTensor, Error>
where
    T::Elem: CandleElement,
{
    let (shape, data) = stacked(items);
    Ok(CandleTensor::from_vec(data, shape, device)?)
}

/// A tensor or array read from a candle tensor, value-exactly or under a mode.
pub trait FromCandle: Sized {
    /// Reads `tensor`, whatever its dtype, if every value converts exactly (an `f32` tensor
    /// reads into `f16` elements only if each value is an `f16`; the same dtype is a copy).
    ///
    /// # Errors
    ///
    /// [`Error::Shape`] for another shape (`Tensor<A>`), [`Error::Cast`] naming the first value
    /// that does not convert, [`Error::DType`] for a dtype tensorize lacks, candle's own.
    fn from_candle(tensor: &CandleTensor) -> Result<Self, Error>;

    /// Reads `tensor`, converting every value under `mode`.
    ///
    /// # Errors
    ///
    /// As [`from_candle`](Self::from_candle), but no value is refused.
    fn from_candle_with(tensor: &CandleTensor, mode: CastMode) -> Result<Self, Error>;
}

impl<A: Shape> FromCandle for Tensor<A> {
    fn from_candle(tensor: &CandleTensor) -> Result<Self, Error> {
        read_tensor_of(tensor, None)
    }

    fn from_candle_with(tensor: &CandleTensor, mode: CastMode) -> Result<Self, Error> {
        read_tensor_of(tensor, Some(mode))
    }
}

impl<E: Element> FromCandle for ArrayD<E> {
    fn from_candle(tensor: &CandleTensor) -> Result<Self, Error> {
        read_array(tensor, None)
    }

    fn from_candle_with(tensor: &CandleTensor, mode: CastMode) -> Result<Self, Error> {
        read_array(tensor, Some(mode))
    }
}

fn read_tensor_of<A: Shape>(
    tensor: &CandleTensor,
    mode: Option<CastMode>,
) -> Result<Tensor<A>, Error> {
    read_tensor(tensor.dims(), || values::<A::Elem>(tensor, mode))
}

fn read_array<E: Element>(
    tensor: &CandleTensor,
    mode: Option<CastMode>,
) -> Result<ArrayD<E>, Error> {
    Ok(array(tensor.dims(), values::<E>(tensor, mode)?)?)
}

/// The values in logical (row-major) order, converted to `E`.
fn values<E: Element>(tensor: &CandleTensor, mode: Option<CastMode>) -> Result<Vec<E>, Error> {
    let flat = tensor.flatten_all()?;
    macro_rules! read {
        ($t:ty) => {
            convert::<$t, E>(&flat.to_vec1::<$t>()?, mode)?
        };
    }
    Ok(match tensor.dtype() {
        CandleDType::U8 => read!(u8),
        CandleDType::U32 => read!(u32),
        CandleDType::I16 => read!(i16),
        CandleDType::I32 => read!(i32),
        CandleDType::I64 => read!(i64),
        CandleDType::F16 => read!(f16),
        CandleDType::BF16 => read!(bf16),
        CandleDType::F32 => read!(f32),
        CandleDType::F64 => read!(f64),
        other => return Err(Error::DType(other)),
    })
}

/// A candle batch of shape `[N, ..T::SHAPE]` read back into `N` rows, value-exactly (as
/// [`FromTensor::read_from`]: a field that does not convert is an error naming it).
///
/// ```
/// use tensorize_runtime::candle::{candle_core::{Device, Tensor}, unstack};
///
/// let batch = Tensor::new(&[[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.5]], &Device::Cpu).unwrap();
/// let rows: Vec<[f32; 3]> = unstack(&batch)?;
/// assert_eq!(rows[1], [4.0, 5.0, 6.5]);
/// // Rows of u8 read only whole values in range.
/// let err = unstack::<[u8; 3]>(&batch).unwrap_err();
/// assert_eq!(err.to_string(), "item 1, field `[2]`: 6.5 is not exactly representable as u8");
/// # Ok::<(), tensorize_runtime::candle::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Shape`] unless the shape is `[N, ..T::SHAPE]`, [`Error::Cast`] for the first value
/// that does not convert (naming the item and field), [`Error::DType`], candle's own.
pub fn unstack<T: FromTensor>(batch: &CandleTensor) -> Result<Vec<T>, Error> {
    check_batch::<T>(batch.dims())?;
    let values = values::<T::Elem>(batch, None).map_err(|error| match error {
        Error::Cast(error) => Error::Cast(in_row::<T>(error)),
        other => other,
    })?;
    Ok(rows(&values)?)
}
