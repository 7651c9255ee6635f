//! `Tensor<A>`: a tensor whose shape and dtype are its type, stored inline so it can live in a
//! `const` or `static`.

pub(crate) mod bytes;
mod display;
mod index;
pub(crate) mod shape;
pub(crate) mod shortest;

use crate::cast::slice::{cast_into, cast_into_with, try_cast_into};
use crate::{CastError, CastMode, DType, Element, LosslessFrom, Shape};

/// A tensor with its shape and element type in its type: `Tensor<[[f32; 3]; 2]>` is a 2 × 3
/// f32 tensor.
///
/// It is the nested array itself (`#[repr(transparent)]`), so it costs nothing, is `Copy`, and
/// can be built in `const` and `static` items. Large tensors belong in a `static`.
///
/// ```
/// use tensorize_runtime::{DType, Tensor};
///
/// static W: Tensor<[[f32; 3]; 2]> = Tensor::new([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
///
/// assert_eq!(W.shape(), &[2, 3]);
/// assert_eq!(W.dtype(), DType::F32);
/// assert_eq!(W[[1, 2]], 6.0);
/// assert_eq!(W.as_slice(), &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
///
/// let scalar = Tensor::new(5);
/// assert_eq!(scalar.shape(), &[] as &[usize]);
/// ```
#[repr(transparent)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tensor<A: Shape>(A);

impl<A: Shape> Tensor<A> {
    /// The dimensions, outermost first (`[]` for a scalar).
    pub const SHAPE: &'static [usize] = A::SHAPE;
    /// The number of dimensions.
    pub const RANK: usize = A::RANK;
    /// The number of elements.
    pub const NUMEL: usize = A::NUMEL;
    /// The element type.
    pub const DTYPE: DType = <A::Elem as Element>::DTYPE;

    /// Wraps a nested array (or a single element) as a tensor.
    ///
    /// ```
    /// use tensorize_runtime::Tensor;
    /// const T: Tensor<[u8; 3]> = Tensor::new([1, 2, 3]);
    /// assert_eq!(T.as_slice(), &[1, 2, 3]);
    /// ```
    pub const fn new(array: A) -> Tensor<A> {
        Tensor(array)
    }

    /// The dimensions, outermost first.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([[0u8; 4]; 3]);
    /// assert_eq!(t.shape(), &[3, 4]);
    /// ```
    pub const fn shape(&self) -> &'static [usize] {
        A::SHAPE
    }

    /// The element type.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([true, false]);
    /// assert_eq!(t.dtype(), tensorize_runtime::DType::Bool);
    /// ```
    pub const fn dtype(&self) -> DType {
        Self::DTYPE
    }

    /// The elements in row-major order, as one flat slice.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([[1, 2], [3, 4]]);
    /// assert_eq!(t.as_slice(), &[1, 2, 3, 4]);
    /// ```
    pub fn as_slice(&self) -> &[A::Elem] {
        let () = Self::LAYOUT_IS_FLAT;
        // SAFETY: `A` is an `Element` or nested `[T; N]` arrays of one (`Shape` is sealed), so it
        // is `NUMEL` contiguous `A::Elem` values with no padding (arrays have none, and their
        // size is a multiple of the element's alignment); `LAYOUT_IS_FLAT` checks the size at
        // compile time. The pointer comes from `&self.0`, aligned for `A` and therefore for
        // `A::Elem`, and the slice borrows `self`.
        unsafe { core::slice::from_raw_parts(core::ptr::from_ref(&self.0).cast(), A::NUMEL) }
    }

    /// The elements in row-major order, as one flat mutable slice.
    ///
    /// ```
    /// let mut t = tensorize_runtime::Tensor::new([[0, 0], [0, 0]]);
    /// t.as_mut_slice()[3] = 7;
    /// assert_eq!(t[[1, 1]], 7);
    /// ```
    pub fn as_mut_slice(&mut self) -> &mut [A::Elem] {
        let () = Self::LAYOUT_IS_FLAT;
        // SAFETY: as in `as_slice`; the slice borrows `self` mutably, so it is the only access.
        unsafe {
            core::slice::from_raw_parts_mut(core::ptr::from_mut(&mut self.0).cast(), A::NUMEL)
        }
    }

    const LAYOUT_IS_FLAT: () = assert!(
        core::mem::size_of::<A>() == A::NUMEL * core::mem::size_of::<A::Elem>()
            && core::mem::align_of::<A>() == core::mem::align_of::<A::Elem>()
    );

    /// The nested array.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([1, 2]);
    /// assert_eq!(t.as_inner(), &[1, 2]);
    /// ```
    pub const fn as_inner(&self) -> &A {
        &self.0
    }

    /// Unwraps the nested array.
    ///
    /// ```
    /// const ROW: [u8; 2] = tensorize_runtime::Tensor::new([1, 2]).into_inner();
    /// assert_eq!(ROW, [1, 2]);
    /// ```
    pub const fn into_inner(self) -> A {
        // `Tensor` has no destructor and `A: Copy`, so moving the field out is allowed in const.
        self.0
    }

    /// Converts every element to `U`, for a pair that is always exact ([`LosslessFrom`]).
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([[1u8, 2], [3, 4]]);
    /// let f = t.cast::<f32>();
    /// assert_eq!(f.as_inner(), &[[1.0, 2.0], [3.0, 4.0]]);
    /// ```
    pub fn cast<U: LosslessFrom<A::Elem>>(&self) -> Tensor<A::Map<U>> {
        let mut out = Tensor::<A::Map<U>>::default();
        cast_into(self.as_slice(), out.as_mut_slice());
        out
    }

    /// Converts every element to `U` under `mode` (see [`CastMode`]).
    ///
    /// ```
    /// use tensorize_runtime::{CastMode, Tensor};
    /// let t = Tensor::new([2.7f64, -2.5, f64::NAN]);
    /// assert_eq!(t.cast_with::<i32>(CastMode::Round).into_inner(), [3, -2, 0]);
    /// assert_eq!(t.cast_with::<i32>(CastMode::As).into_inner(), [2, -2, 0]);
    /// ```
    pub fn cast_with<U: Element>(&self, mode: CastMode) -> Tensor<A::Map<U>> {
        let mut out = Tensor::<A::Map<U>>::default();
        cast_into_with(self.as_slice(), out.as_mut_slice(), mode);
        out
    }

    /// Converts every element to `U` if each converts exactly.
    ///
    /// # Errors
    ///
    /// The first value (in row-major order) that does not convert exactly, by its index.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([[1, 2], [3, 16_777_217]]);
    /// let err = t.try_cast::<f32>().unwrap_err();
    /// assert_eq!(err.to_string(), "element 3: 16777217 is not exactly representable as f32");
    /// assert!(tensorize_runtime::Tensor::new([1, 2]).try_cast::<f32>().is_ok());
    /// ```
    pub fn try_cast<U: Element>(&self) -> Result<Tensor<A::Map<U>>, CastError> {
        let mut out = Tensor::<A::Map<U>>::default();
        try_cast_into(self.as_slice(), out.as_mut_slice())?;
        Ok(out)
    }

    /// The same elements, in row-major order, under another shape with as many elements.
    ///
    /// A different element count is a build error (reported by `cargo build`/`cargo test`, not
    /// by `cargo check`, since it is found when the function is instantiated):
    ///
    /// ```
    /// use tensorize_runtime::Tensor;
    /// let t = Tensor::new([[1, 2, 3], [4, 5, 6]]);
    /// let r: Tensor<[[i32; 2]; 3]> = t.reshape();
    /// assert_eq!(r.into_inner(), [[1, 2], [3, 4], [5, 6]]);
    /// ```
    ///
    /// ```compile_fail
    /// use tensorize_runtime::Tensor;
    /// let t = Tensor::new([[1, 2, 3], [4, 5, 6]]);
    /// let r: Tensor<[i32; 5]> = t.reshape(); // 6 elements do not make 5
    /// ```
    pub fn reshape<B: Shape<Elem = A::Elem>>(&self) -> Tensor<B> {
        let () = Reshape::<A, B>::SAME_NUMEL;
        let mut out = Tensor::<B>::default();
        out.as_mut_slice().copy_from_slice(self.as_slice());
        out
    }
}

struct Reshape<A, B>(A, B);
impl<A: Shape, B: Shape> Reshape<A, B> {
    const SAME_NUMEL: () = assert!(
        A::NUMEL == B::NUMEL,
        "reshape: the target shape has a different number of elements (NUMEL) than the source"
    );
}

impl<A: Shape> Default for Tensor<A> {
    /// All elements zero (`false` for bool), at any size.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::<[[f32; 100]; 100]>::default();
    /// assert!(t.as_slice().iter().all(|&x| x == 0.0));
    /// ```
    fn default() -> Self {
        Tensor(A::ZERO)
    }
}

impl<A: Shape> From<A> for Tensor<A> {
    /// Same as [`Tensor::new`].
    ///
    /// ```
    /// let t: tensorize_runtime::Tensor<[u8; 2]> = [1, 2].into();
    /// assert_eq!(t.as_slice(), &[1, 2]);
    /// ```
    fn from(array: A) -> Self {
        Tensor(array)
    }
}
