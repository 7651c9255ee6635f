//! burn (feature `burn`): tensors to and from `burn_tensor::Tensor` and `TensorData`, with the
//! dtype kept exactly and the rank checked when it compiles.
//!
//! burn's own `Tensor::from_data(data, &device)` converts to the device's default dtype (f64
//! data silently becomes an f32 tensor). [`ToBurn::to_burn`] and [`stack`] never let that
//! happen: the tensor has the element's own dtype. For a [`Tensor`] (and for
//! rows), a rank `D` that is not the tensor's, or `D = 0` (burn has no 0-dim tensors), is a
//! build error. [`FromBurn`] reads data of every burn dtype tensorize has an element for,
//! value-exactly or under a mode, including bool data in each of burn's three stores (native,
//! `u8`, `u32`: what GPU backends return).
//!
//! burn-tensor is built with its default features off: the backend (`flex`, `cuda`, `wgpu`, …)
//! is the user's choice.
//!
//! ```
//! use tensorize_runtime::burn::{burn_tensor::DType, FromBurn, ToBurn};
//! use tensorize_runtime::Tensor;
//!
//! let t = Tensor::new([[1.0f64, 2.0], [3.0, 4.0]]);
//! let data = t.to_burn_data();
//! assert_eq!((data.dtype(), data.shape().as_slice()), (DType::F64, &[2, 2][..]));
//! let back = Tensor::<[[f64; 2]; 2]>::from_burn_data(&data)?;
//! assert_eq!(back, t);
//! # Ok::<(), tensorize_runtime::burn::Error>(())
//! ```

mod error;

use std::vec::Vec;

use burn_tensor::{
    BoolStore, DType as BurnDType, Device, Tensor as BurnTensor, TensorCreationOptions, TensorData,
};
use ndarray::{ArrayBase, ArrayD, Data, Dimension};

pub use burn_tensor;
pub use error::Error;

use crate::interop::frameworks::{array, check_batch, convert, in_row, read_tensor, rows};
use crate::rows::stack::stacked;
use crate::{bf16, f16, CastMode, Element, FromTensor, IntoTensor, Shape, Tensor};

mod sealed {
    pub trait Sealed {}
}

/// Every tensorize element, with the burn tensor kind it makes: `f16`, `bf16`, `f32`, `f64` →
/// `Float`; the integers → `Int`; `bool` → `Bool`. Sealed.
pub trait BurnElement: Element + burn_tensor::Element + sealed::Sealed {
    /// The burn tensor kind (named `BurnKind`: burn exports an enum `Kind` of its own).
    type BurnKind: burn_tensor::kind::Basic;
}

macro_rules! burn_elements {
    ($kind:ident: $($t:ty),*) => {$(
        impl sealed::Sealed for $t {}
        impl BurnElement for $t {
            type BurnKind = burn_tensor::$kind;
        }
    )*};
}
burn_elements!(Float: f16, bf16, f32, f64);
burn_elements!(Int: u8, u16, u32, u64, i8, i16, i32, i64);
burn_elements!(Bool: bool);

/// A burn tensor of rank `D` and kind `K` on `device` from `data`, in `data`'s own dtype.
fn tensor_from_data<const D: usize, K: burn_tensor::kind::Basic>(
    data: TensorData,
    device: &Device,
) -> BurnTensor<D, K> {
    let dtype = data.dtype();
    BurnTensor::from_data(
        data,
        TensorCreationOptions::new(device.clone()).with_dtype(dtype),
    )
}

/// A tensor or array that becomes burn data, or a burn tensor, of its element's own dtype.
pub trait ToBurn {
    /// The element type.
    type Elem: BurnElement;

    /// The values as burn `TensorData` of this shape (rank 0: shape `[]`) and the element's
    /// own burn dtype, always.
    fn to_burn_data(&self) -> TensorData;

    /// A burn tensor of rank `D` on `device`, with the element's own dtype (never the device's
    /// default).
    ///
    /// ```
    /// use tensorize_runtime::burn::{burn_tensor::DType, ToBurn};
    ///
    /// let a = ndarray::array![[1.0f64, 2.0], [3.0, 4.0]];
    /// let t = a.t().to_burn::<2>(&Default::default()); // a transposed view, in logical order
    /// assert_eq!(t.dtype(), DType::F64); // burn's from_data would have made it F32
    /// assert_eq!(t.to_data().as_slice::<f64>().unwrap(), &[1.0, 3.0, 2.0, 4.0]);
    /// ```
    ///
    /// # Panics
    ///
    /// For a [`Tensor`], a `D` that is not its rank, or `D = 0`, is a build
    /// error instead. For an ndarray array, a `D` that is not the array's rank (naming both),
    /// or `D = 0`. Without a burn backend feature (`flex`, `cuda`, …) there is no device, and
    /// burn panics.
    fn to_burn<const D: usize>(
        &self,
        device: &Device,
    ) -> BurnTensor<D, <Self::Elem as BurnElement>::BurnKind>;
}

impl<A: Shape> ToBurn for Tensor<A>
where
    A::Elem: BurnElement,
{
    type Elem = A::Elem;

    fn to_burn_data(&self) -> TensorData {
        TensorData::new(self.as_slice().to_vec(), A::SHAPE)
    }

    fn to_burn<const D: usize>(
        &self,
        device: &Device,
    ) -> BurnTensor<D, <A::Elem as BurnElement>::BurnKind> {
        let () = RankCheck::<A, D>::OK;
        tensor_from_data(self.to_burn_data(), device)
    }
}

/// Checks, when a `to_burn::<D>` of a `Tensor<A>` compiles, that burn can hold the tensor.
struct RankCheck<A, const D: usize>(core::marker::PhantomData<A>);

impl<A: Shape, const D: usize> RankCheck<A, D> {
    const OK: () = {
        assert!(
            D != 0,
            "burn has no 0-dim tensors: use `to_burn_data` (shape []) or reshape to [1]"
        );
        assert!(D == A::RANK, "to_burn::<D>: D must be the tensor's rank");
    };
}

impl<S, Dim> ToBurn for ArrayBase<S, Dim>
where
    S: Data,
    S::Elem: BurnElement,
    Dim: Dimension,
{
    type Elem = S::Elem;

    fn to_burn_data(&self) -> TensorData {
        let values = match self.as_slice() {
            Some(values) => values.to_vec(),
            None => self.iter().copied().collect(),
        };
        TensorData::new(values, self.shape())
    }

    fn to_burn<const D: usize>(
        &self,
        device: &Device,
    ) -> BurnTensor<D, <S::Elem as BurnElement>::BurnKind> {
        assert!(
            D != 0 && D == self.ndim(),
            "to_burn::<{D}> of an array of rank {}: D must be the array's rank, and burn has no \
             0-dim tensors",
            self.ndim()
        );
        tensor_from_data(self.to_burn_data(), device)
    }
}

/// Checks, when a call with these `T` and `D` compiles, that `D` is a batch's rank.
struct BatchRank<T, const D: usize>(core::marker::PhantomData<T>);

impl<T: IntoTensor, const D: usize> BatchRank<T, D> {
    const OK: () = assert!(
        D == T::SHAPE.len() + 1,
        "burn::stack::<T, D>: D must be 1 + the rank of T (a batch of N items)"
    );
}

/// Items as one burn batch of shape `[N, ..T::SHAPE]` and `T::Elem`'s own dtype, each row
/// written once; one line of a burn `Batcher::batch`. `D` must be `1 + T::SHAPE.len()`: a build
/// error otherwise.
///
/// ```
/// use tensorize_runtime::burn::{burn_tensor::DType, stack};
///
/// // Any `IntoTensor` (a derived struct, an image, an array) is a row.
/// let rows = [[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let batch = stack::<_, 2>(&rows, &Default::default());
/// assert_eq!((batch.dims(), batch.dtype()), ([2, 3], DType::F32));
/// ```
///
/// # Panics
///
/// Without a burn backend feature there is no device, and burn panics.
pub fn stack<T: IntoTensor, const D: usize>(
    items: &[T],
    device: &Device,
) -> BurnTensor<D, <T::Elem as BurnElement>::BurnKind>
where
    T::Elem: BurnElement,
{
    let () = BatchRank::<T, D>::OK;
    tensor_from_data(stack_data(items), device)
}

/// Items as one batch of burn data, shape `[N, ..T::SHAPE]`, `T::Elem`'s own dtype.
pub fn stack_data<T: IntoTensor>(items: &[T]) -> TensorData
where
    T::Elem: BurnElement,
{
    let (shape, data) = stacked(items);
    TensorData::new(data, shape)
}

/// A tensor or array read from burn data, value-exactly or under a mode (read a burn tensor's
/// with `tensor.to_data()`).
pub trait FromBurn: Sized {
    /// Reads `data`, whatever its dtype, if every value converts exactly (the same dtype is a
    /// copy).
    ///
    /// # Errors
    ///
    /// [`Error::Shape`] for another shape (`Tensor<A>`), [`Error::Cast`] naming the first value
    /// that does not convert (a bool store holding neither 0 nor 1 among them), and
    /// [`Error::DType`] for a dtype tensorize lacks.
    fn from_burn_data(data: &TensorData) -> Result<Self, Error>;

    /// Reads `data`, converting every value under `mode`.
    ///
    /// # Errors
    ///
    /// As [`from_burn_data`](Self::from_burn_data), but no value is refused.
    fn from_burn_data_with(data: &TensorData, mode: CastMode) -> Result<Self, Error>;
}

impl<A: Shape> FromBurn for Tensor<A> {
    fn from_burn_data(data: &TensorData) -> Result<Self, Error> {
        read_tensor_of(data, None)
    }

    fn from_burn_data_with(data: &TensorData, mode: CastMode) -> Result<Self, Error> {
        read_tensor_of(data, Some(mode))
    }
}

impl<E: Element> FromBurn for ArrayD<E> {
    fn from_burn_data(data: &TensorData) -> Result<Self, Error> {
        read_array(data, None)
    }

    fn from_burn_data_with(data: &TensorData, mode: CastMode) -> Result<Self, Error> {
        read_array(data, Some(mode))
    }
}

fn read_tensor_of<A: Shape>(data: &TensorData, mode: Option<CastMode>) -> Result<Tensor<A>, Error> {
    read_tensor(data.shape().as_slice(), || values::<A::Elem>(data, mode))
}

fn read_array<E: Element>(data: &TensorData, mode: Option<CastMode>) -> Result<ArrayD<E>, Error> {
    Ok(array(data.shape().as_slice(), values::<E>(data, mode)?)?)
}

/// The values (row-major, as burn data always is), converted to `E`.
fn values<E: Element>(data: &TensorData, mode: Option<CastMode>) -> Result<Vec<E>, Error> {
    let dtype = data.dtype();
    let mismatch = |_| Error::DType { found: dtype };
    macro_rules! read {
        ($t:ty) => {
            convert::<$t, E>(data.as_slice::<$t>().map_err(mismatch)?, mode)?
        };
    }
    // A bool store's values are 0 or 1; anything else is refused unless a mode is named.
    macro_rules! read_bool {
        ($t:ty) => {{
            let bools: Vec<bool> = convert(data.as_slice::<$t>().map_err(mismatch)?, mode)?;
            convert::<bool, E>(&bools, mode)?
        }};
    }
    Ok(match dtype {
        BurnDType::F64 => read!(f64),
        BurnDType::F32 => read!(f32),
        BurnDType::F16 => read!(f16),
        BurnDType::BF16 => read!(bf16),
        BurnDType::I64 => read!(i64),
        BurnDType::I32 => read!(i32),
        BurnDType::I16 => read!(i16),
        BurnDType::I8 => read!(i8),
        BurnDType::U64 => read!(u64),
        BurnDType::U32 => read!(u32),
        BurnDType::U16 => read!(u16),
        BurnDType::U8 => read!(u8),
        BurnDType::Bool(BoolStore::Native) => read!(bool),
        BurnDType::Bool(BoolStore::U8) => read_bool!(u8),
        BurnDType::Bool(BoolStore::U32) => read_bool!(u32),
        BurnDType::Flex32 | BurnDType::QFloat(_) => return Err(Error::DType { found: dtype }),
    })
}

/// A batch of shape `[N, ..T::SHAPE]` read back into `N` rows, value-exactly (as
/// [`FromTensor::read_from`]).
///
/// ```
/// use tensorize_runtime::burn::{burn_tensor::TensorData, unstack};
///
/// let batch = TensorData::new(vec![1u8, 2, 3, 4, 5, 6], [2, 3]);
/// let rows: Vec<[f32; 3]> = unstack(&batch)?; // u8 → f32 is exact
/// assert_eq!(rows[1], [4.0, 5.0, 6.0]);
/// # Ok::<(), tensorize_runtime::burn::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Shape`] unless the shape is `[N, ..T::SHAPE]`, [`Error::Cast`] for the first value
/// that does not convert (naming the item and field), [`Error::DType`].
pub fn unstack<T: FromTensor>(batch: &TensorData) -> Result<Vec<T>, Error> {
    check_batch::<T>(batch.shape().as_slice())?;
    let values = values::<T::Elem>(batch, None).map_err(|error| match error {
        Error::Cast(error) => Error::Cast(in_row::<T>(error)),
        other => other,
    })?;
    Ok(rows(&values)?)
}
