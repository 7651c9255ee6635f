//! ndarray interop: converting whole arrays (`CastArray`, the Rust form of
//! `tf.convert_to_tensor(array, dtype=…)`) and viewing a `Tensor` as an ndarray.

use alloc::vec::Vec;

use ndarray::{Array, ArrayBase, ArrayView, ArrayViewMut, Data, Dimension, Zip};

use crate::buffer::{filled, try_filled};
use crate::cast::slice::{cast_into_uninit, cast_into_with, try_cast_into_uninit};
use crate::{CastError, CastMode, DType, Element, LosslessFrom, Shape, Tensor};

/// Dtype conversion of whole ndarray arrays, of any layout and dimension.
///
/// Implemented for every `ArrayBase` whose element is an [`Element`]. A standard-layout
/// (row-major contiguous) input takes the slice kernels; any other layout is converted element
/// by element with the same scalar conversion. Outputs are in standard layout.
///
/// ```
/// use ndarray::array;
/// use tensorize_runtime::{CastArray, CastMode};
///
/// let ints = array![[1, 2, 3], [4, 5, 6]];
/// let floats = ints.try_cast::<f32>().unwrap(); // i32 → f32, value-exact
/// assert_eq!(floats, array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
///
/// let x = array![2.7f64, -2.5, 1e10];
/// assert_eq!(x.cast_with::<i32>(CastMode::Round), array![3, -2, i32::MAX]);
/// let wide = array![1u8, 2].cast::<f64>(); // lossless: no mode needed
/// assert_eq!(wide, array![1.0, 2.0]);
/// ```
pub trait CastArray {
    /// The element type of the array.
    type Elem: Element;
    /// The dimension type of the array.
    type Dim: Dimension;

    /// Converts every element to `D`, for a pair that is always exact.
    fn cast<D: LosslessFrom<Self::Elem>>(&self) -> Array<D, Self::Dim>;

    /// Converts every element to `D` under `mode`.
    fn cast_with<D: Element>(&self, mode: CastMode) -> Array<D, Self::Dim>;

    /// Converts every element to `D` if each converts exactly.
    ///
    /// # Errors
    ///
    /// The first value (in row-major order) that does not convert exactly, by its index.
    fn try_cast<D: Element>(&self) -> Result<Array<D, Self::Dim>, CastError>;

    /// Converts into `out`, for a pair that is always exact.
    ///
    /// # Panics
    ///
    /// If `out`'s shape differs from the array's.
    fn cast_into<D: LosslessFrom<Self::Elem>>(&self, out: ArrayViewMut<'_, D, Self::Dim>);

    /// Converts into `out` under `mode`.
    ///
    /// # Panics
    ///
    /// If `out`'s shape differs from the array's.
    fn cast_into_with<D: Element>(&self, out: ArrayViewMut<'_, D, Self::Dim>, mode: CastMode);

    /// The array's dtype, as [`Tensor::dtype`] gives a tensor's.
    ///
    /// ```
    /// use ndarray::array;
    /// use tensorize_runtime::{f16, CastArray, DType};
    ///
    /// let pixels = array![[1u8, 2], [3, 4]];
    /// assert_eq!(pixels.dtype(), DType::U8);
    /// assert_eq!(pixels.cast::<f16>().dtype(), DType::F16);
    /// assert_eq!(pixels.view().dtype(), DType::U8);
    /// ```
    fn dtype(&self) -> DType {
        Self::Elem::DTYPE
    }
}

impl<S, E, Dim> CastArray for ArrayBase<S, Dim>
where
    S: Data<Elem = E>,
    E: Element,
    Dim: Dimension,
{
    type Elem = E;
    type Dim = Dim;

    fn cast<D: LosslessFrom<E>>(&self) -> Array<D, Dim> {
        self.cast_with(CastMode::As)
    }

    fn cast_with<D: Element>(&self, mode: CastMode) -> Array<D, Dim> {
        match self.as_slice() {
            Some(src) => {
                let data = filled(src.len(), |spare| cast_into_uninit(src, spare, mode));
                standard(self.raw_dim(), data)
            }
            None => self.map(|&x| D::from_scalar(x.to_scalar(), mode)),
        }
    }

    fn try_cast<D: Element>(&self) -> Result<Array<D, Dim>, CastError> {
        if let Some(src) = self.as_slice() {
            let data = try_filled(src.len(), |spare| try_cast_into_uninit(src, spare))?;
            return Ok(standard(self.raw_dim(), data));
        }
        let mut out = Array::<D, Dim>::default(self.raw_dim());
        for (index, (dst, src)) in out.iter_mut().zip(self.iter()).enumerate() {
            let value = src.to_scalar();
            *dst = D::exact_from_scalar(value)
                .ok_or_else(|| CastError::new(index, value, D::DTYPE))?;
        }
        Ok(out)
    }

    #[track_caller]
    fn cast_into<D: LosslessFrom<E>>(&self, out: ArrayViewMut<'_, D, Dim>) {
        self.cast_into_with(out, CastMode::As);
    }

    #[track_caller]
    fn cast_into_with<D: Element>(&self, mut out: ArrayViewMut<'_, D, Dim>, mode: CastMode) {
        assert_eq!(
            self.shape(),
            out.shape(),
            "CastArray::cast_into: the output's shape differs from the array's"
        );
        match (self.as_slice(), out.as_slice_mut()) {
            (Some(src), Some(dst)) => cast_into_with(src, dst, mode),
            _ => Zip::from(&mut out)
                .and(self)
                .for_each(|dst, &src| *dst = D::from_scalar(src.to_scalar(), mode)),
        }
    }
}

/// A standard-layout array of shape `dim` over `data`, which has its element count.
fn standard<D, Dim: Dimension>(dim: Dim, data: Vec<D>) -> Array<D, Dim> {
    Array::from_shape_vec(dim, data).expect("a standard-layout array's length matches its shape")
}

impl<A: Shape> Tensor<A> {
    /// A zero-copy ndarray view of the tensor, with a static dimension type for ranks 0 to 6
    /// (`Ix0`…`Ix6`) and `IxDyn` from rank 7.
    ///
    /// ```
    /// use tensorize_runtime::Tensor;
    ///
    /// let t = Tensor::new([[[1u8, 2], [3, 4]], [[5, 6], [7, 8]]]);
    /// let v: ndarray::ArrayView3<u8> = t.view();
    /// assert_eq!(v[[1, 0, 1]], 6);
    /// assert_eq!(v.as_ptr(), t.as_slice().as_ptr()); // shares memory
    /// ```
    #[allow(clippy::missing_panics_doc)] // the `expect` states an invariant, it cannot fail
    pub fn view(&self) -> ArrayView<'_, A::Elem, A::Dim> {
        ArrayView::from_shape(ndarray_dim::<A>(), self.as_slice())
            .expect("a tensor's flat slice matches its shape")
    }

    /// The tensor copied into an owned ndarray array of the same shape.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([[1.0f32, 2.0], [3.0, 4.0]]);
    /// assert_eq!(t.to_ndarray(), ndarray::array![[1.0, 2.0], [3.0, 4.0]]);
    /// ```
    pub fn to_ndarray(&self) -> Array<A::Elem, A::Dim> {
        self.view().to_owned()
    }
}

fn ndarray_dim<A: Shape>() -> A::Dim {
    let mut dim = A::Dim::zeros(A::RANK);
    dim.slice_mut().copy_from_slice(A::SHAPE);
    dim
}
