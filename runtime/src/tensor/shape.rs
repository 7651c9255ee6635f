//! `Shape`: the element types and nested fixed-size arrays a [`Tensor`](crate::Tensor) can hold,
//! with their rank, dimensions and element count known at compile time.

use crate::Element;

/// The largest rank a [`Shape`] can have.
///
/// ```
/// use tensorize_runtime::{Shape, MAX_RANK};
/// assert_eq!(MAX_RANK, 32);
/// assert_eq!(<[[f32; 3]; 2] as Shape>::RANK, 2);
/// ```
pub const MAX_RANK: usize = 32;

mod sealed {
    pub trait Sealed {}
}

/// A tensor layout known at compile time: an [`Element`] (rank 0) or a fixed-size array of
/// shapes (`[u8; 4]`, `[[f32; 3]; 2]`, …) up to [`MAX_RANK`] dimensions.
///
/// Sealed; implemented for every `Element` and every `[T; N]` with `T: Shape`. A deeper array
/// does not implement it, and naming one in a `Tensor` is a compile error that names
/// `MAX_RANK`.
///
/// ```
/// use tensorize_runtime::Shape;
///
/// type Image = [[[u8; 3]; 64]; 64];
/// assert_eq!(<Image as Shape>::SHAPE, &[64, 64, 3]);
/// assert_eq!(<Image as Shape>::NUMEL, 12_288);
/// assert_eq!(<f32 as Shape>::SHAPE, &[] as &[usize]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a tensor shape",
    label = "not an element type, or an array nested deeper than MAX_RANK = 32",
    note = "a Shape is an element type (bool, u8…u64, i8…i64, f16, bf16, f32, f64) or `[T; N]` of Shapes, at most MAX_RANK = 32 levels deep"
)]
pub trait Shape: sealed::Sealed + Copy + Send + Sync + 'static {
    /// The element type at the bottom of the nesting.
    type Elem: Element;
    /// The number of dimensions (0 for a scalar).
    const RANK: usize;
    /// The number of elements (1 for a scalar).
    const NUMEL: usize;
    /// The dimensions, outermost first: `[2, 3]` for `[[f32; 3]; 2]`.
    const SHAPE: &'static [usize];
    /// An index with one coordinate per dimension: `[usize; RANK]`.
    type Idx: Copy + core::fmt::Debug + Send + Sync + 'static;
    /// The same shape with element type `U`.
    type Map<U: Element>: Shape<Elem = U, Rank = Self::Rank, Idx = Self::Idx>;

    /// The rank as a type, so a rank above `MAX_RANK` fails at type checking.
    #[doc(hidden)]
    type Rank: rank::Rank<Idx = Self::Idx>;
    /// The ndarray dimension type of this rank: `Ix0`…`Ix6`, then `IxDyn`.
    #[cfg(feature = "ndarray")]
    #[doc(hidden)]
    type Dim: ndarray::Dimension;
    /// All elements zero.
    #[doc(hidden)]
    const ZERO: Self;
    /// `SHAPE` padded with zeros to `MAX_RANK` entries.
    #[doc(hidden)]
    const DIMS: [usize; MAX_RANK];
}

/// `SHAPE` is a prefix of `DIMS`; a reference in a const initializer is `'static`.
struct Dims<A>(A);
impl<A: Shape> Dims<A> {
    const ALL: &'static [usize; MAX_RANK] = &A::DIMS;
    const SHAPE: &'static [usize] = Self::ALL.split_at(A::RANK).0;
}

impl<E: Element> sealed::Sealed for E {}

impl<E: Element> Shape for E {
    type Elem = E;
    const RANK: usize = 0;
    const NUMEL: usize = 1;
    const SHAPE: &'static [usize] = &[];
    type Idx = [usize; 0];
    type Map<U: Element> = U;
    type Rank = rank::R0;
    #[cfg(feature = "ndarray")]
    type Dim = <rank::R0 as rank::Rank>::Dim;
    const ZERO: E = E::ZERO;
    const DIMS: [usize; MAX_RANK] = [0; MAX_RANK];
}

impl<T: Shape, const N: usize> sealed::Sealed for [T; N] {}

impl<T: Shape, const N: usize> Shape for [T; N]
where
    T::Rank: rank::Deeper,
{
    type Elem = T::Elem;
    const RANK: usize = T::RANK + 1;
    const NUMEL: usize = N * T::NUMEL;
    const SHAPE: &'static [usize] = Dims::<Self>::SHAPE;
    type Idx = <Self::Rank as rank::Rank>::Idx;
    type Map<U: Element> = [T::Map<U>; N];
    type Rank = <T::Rank as rank::Deeper>::Next;
    #[cfg(feature = "ndarray")]
    type Dim = <Self::Rank as rank::Rank>::Dim;
    const ZERO: Self = [T::ZERO; N];
    const DIMS: [usize; MAX_RANK] = prepend(N, &T::DIMS);
}

const fn prepend(outer: usize, inner: &[usize; MAX_RANK]) -> [usize; MAX_RANK] {
    let mut dims = [0; MAX_RANK];
    dims[0] = outer;
    let mut i = 1;
    while i < MAX_RANK {
        dims[i] = inner[i - 1];
        i += 1;
    }
    dims
}

/// Ranks as types: `R0` … `R32`, each knowing its index type and ndarray dimension.
#[doc(hidden)]
pub mod rank {
    /// A rank from 0 to `MAX_RANK`.
    pub trait Rank {
        /// `[usize; RANK]`.
        type Idx: Copy + core::fmt::Debug + Send + Sync + 'static;
        /// The ndarray dimension type of this rank.
        #[cfg(feature = "ndarray")]
        type Dim: ndarray::Dimension;
    }

    /// A rank below `MAX_RANK`, which an array can wrap once more.
    #[diagnostic::on_unimplemented(
        message = "tensor rank exceeds MAX_RANK = 32",
        label = "this array type nests more than MAX_RANK = 32 levels",
        note = "a tensorize Shape has at most MAX_RANK = 32 dimensions; flatten some of them"
    )]
    pub trait Deeper: Rank {
        /// The rank one above.
        type Next: Rank;
    }

    macro_rules! ranks {
        ($($rank:ident = $n:literal, $dim:ty;)*) => {$(
            pub struct $rank;
            impl Rank for $rank {
                type Idx = [usize; $n];
                #[cfg(feature = "ndarray")]
                type Dim = $dim;
            }
        )*};
    }

    macro_rules! deeper {
        ($($rank:ident => $next:ident),*) => {$(
            impl Deeper for $rank {
                type Next = $next;
            }
        )*};
    }

    #[cfg(feature = "ndarray")]
    use ndarray::{Ix0, Ix1, Ix2, Ix3, Ix4, Ix5, Ix6, IxDyn};

    ranks! {
        R0 = 0, Ix0; R1 = 1, Ix1; R2 = 2, Ix2; R3 = 3, Ix3; R4 = 4, Ix4; R5 = 5, Ix5;
        R6 = 6, Ix6; R7 = 7, IxDyn; R8 = 8, IxDyn; R9 = 9, IxDyn; R10 = 10, IxDyn;
        R11 = 11, IxDyn; R12 = 12, IxDyn; R13 = 13, IxDyn; R14 = 14, IxDyn; R15 = 15, IxDyn;
        R16 = 16, IxDyn; R17 = 17, IxDyn; R18 = 18, IxDyn; R19 = 19, IxDyn; R20 = 20, IxDyn;
        R21 = 21, IxDyn; R22 = 22, IxDyn; R23 = 23, IxDyn; R24 = 24, IxDyn; R25 = 25, IxDyn;
        R26 = 26, IxDyn; R27 = 27, IxDyn; R28 = 28, IxDyn; R29 = 29, IxDyn; R30 = 30, IxDyn;
        R31 = 31, IxDyn; R32 = 32, IxDyn;
    }

    deeper! {
        R0 => R1, R1 => R2, R2 => R3, R3 => R4, R4 => R5, R5 => R6, R6 => R7, R7 => R8,
        R8 => R9, R9 => R10, R10 => R11, R11 => R12, R12 => R13, R13 => R14, R14 => R15,
        R15 => R16, R16 => R17, R17 => R18, R18 => R19, R19 => R20, R20 => R21, R21 => R22,
        R22 => R23, R23 => R24, R24 => R25, R25 => R26, R26 => R27, R27 => R28, R28 => R29,
        R29 => R30, R30 => R31, R31 => R32
    }
}
