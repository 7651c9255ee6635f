//! Rows: types that become one item of a tensor (`IntoTensor`) and back (`FromTensor`), and
//! batching them (`stack_into`, `stack`, `unstack`, `batches`).

#[cfg(feature = "ndarray")]
pub(crate) mod batches;
pub(crate) mod encoding;
mod impls;
pub(crate) mod names;
#[cfg(all(feature = "std", feature = "ndarray"))]
pub(crate) mod prefetch;
pub(crate) mod stack;

use core::fmt;

use crate::{CastError, CastMode, Element};
use names::{FeatureNames, NameContext};

/// A value that is one item of a tensor: its elements, written in row-major order into a slice
/// of `NUMEL` elements of type `Elem`.
///
/// Implemented for every [`Element`] (shape `[]`), every `[T; N]` of `IntoTensor` (shape
/// `[N, ..T::SHAPE]`), [`Tensor`](crate::Tensor) (its shape) and `&T`. Derive it for a struct
/// with `#[derive(IntoTensor)]` (from `tensorize`).
///
/// ```
/// use tensorize_runtime::IntoTensor;
///
/// let item = [[1u8, 2], [3, 4]];
/// let mut out = [0u8; 4];
/// item.write_to(&mut out);
/// assert_eq!(out, [1, 2, 3, 4]);
/// assert_eq!(<[[u8; 2]; 2]>::SHAPE, &[2, 2]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be one item of a tensor",
    label = "not a tensor row",
    note = "a row is an element type, a fixed array `[T; N]` of rows, a `Tensor`, or a struct with `#[derive(IntoTensor)]`; skip a field with `#[tensor(skip)]`"
)]
pub trait IntoTensor {
    /// The element type of the tensor the item goes into.
    type Elem: Element;
    /// The shape of one item.
    const SHAPE: &'static [usize];
    /// The number of elements of one item.
    const NUMEL: usize;

    /// Writes the item's elements into `out`.
    ///
    /// # Panics
    ///
    /// If `out.len() != Self::NUMEL`.
    #[track_caller]
    fn write_to(&self, out: &mut [Self::Elem]) {
        assert_eq!(
            out.len(),
            Self::NUMEL,
            "IntoTensor::write_to: the output has {} elements, the item has {}",
            out.len(),
            Self::NUMEL
        );
        self.write_cast::<Self::Elem, As>(out);
    }

    /// The name of every element of an item, in flat order (`position[0]`, `inner.speed`, …),
    /// computed without allocating.
    ///
    /// ```
    /// use tensorize_runtime::IntoTensor;
    /// let names: Vec<String> = <[f32; 2]>::feature_names().map(|n| n.to_string()).collect();
    /// assert_eq!(names, ["[0]", "[1]"]);
    /// ```
    fn feature_names() -> FeatureNames {
        FeatureNames::new(Self::NUMEL, Self::write_feature_name)
    }

    /// Writes the elements converted to `D` under `M`'s mode; `out.len() == Self::NUMEL`.
    /// Implementations convert each value straight to `D` (no intermediate `Elem`).
    #[doc(hidden)]
    fn write_cast<D: Element, M: Mode>(&self, out: &mut [D]);

    /// Writes the name of flat element `index` in `context`.
    #[doc(hidden)]
    fn write_feature_name(
        index: usize,
        f: &mut fmt::Formatter<'_>,
        context: NameContext,
    ) -> fmt::Result;
}

/// A row type that can be read back from one item of a tensor.
///
/// The conversion back is value-exact (API §1's one rule): a value that does not convert to its
/// field's type exactly is a [`CastError`] naming the field, unless the field has a `cast` mode.
///
/// ```
/// use tensorize_runtime::FromTensor;
///
/// assert_eq!(<[u8; 3]>::read_from(&[1, 2, 3]).unwrap(), [1, 2, 3]);
/// ```
pub trait FromTensor: IntoTensor + Sized {
    /// Reads an item from its `NUMEL` elements.
    ///
    /// # Errors
    ///
    /// A value that does not convert exactly, named by its field.
    ///
    /// # Panics
    ///
    /// If `item.len() != Self::NUMEL`.
    #[track_caller]
    fn read_from(item: &[Self::Elem]) -> Result<Self, CastError> {
        assert_eq!(
            item.len(),
            Self::NUMEL,
            "FromTensor::read_from: the input has {} elements, the item has {}",
            item.len(),
            Self::NUMEL
        );
        let mut error = None;
        let value = Self::read_cast::<Self::Elem, Exact>(item, 0, &mut error);
        match error {
            None => Ok(value),
            Some(error) => {
                let feature = names::FeatureName::new(error.index(), Self::write_feature_name);
                Err(error.in_feature(feature))
            }
        }
    }

    /// Reads from `src` (`NUMEL` values of type `S`, at flat position `base` of the row) under
    /// `M`'s mode. A value that does not convert records the first error in `error` and reads
    /// as something; the caller discards the result then.
    #[doc(hidden)]
    fn read_cast<S: Element, M: Mode>(
        src: &[S],
        base: usize,
        error: &mut Option<CastError>,
    ) -> Self;
}

/// A conversion mode as a type, so each is its own monomorphic kernel.
#[doc(hidden)]
pub trait Mode {
    /// `None` is value-exact.
    const MODE: Option<CastMode>;
}

/// Value-exact.
#[doc(hidden)]
pub struct Exact;
/// [`CastMode::As`].
#[doc(hidden)]
pub struct As;
/// [`CastMode::Saturate`].
#[doc(hidden)]
pub struct Saturate;
/// [`CastMode::Round`].
#[doc(hidden)]
pub struct Round;

impl Mode for Exact {
    const MODE: Option<CastMode> = None;
}
impl Mode for As {
    const MODE: Option<CastMode> = Some(CastMode::As);
}
impl Mode for Saturate {
    const MODE: Option<CastMode> = Some(CastMode::Saturate);
}
impl Mode for Round {
    const MODE: Option<CastMode> = Some(CastMode::Round);
}
