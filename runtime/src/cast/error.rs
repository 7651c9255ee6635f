//! The error of a value-exact conversion that met a value it cannot convert exactly (or, for
//! `unstack`, a batch whose items have the wrong shape, or, for `FromTensor`, a row that is not
//! a valid encoding of a one-hot or index enum or a masked `Option`).

use core::fmt;

use crate::element::Scalar;
use crate::rows::names::FeatureName;
use crate::DType;

/// A value that does not convert exactly into the target dtype.
///
/// Returned by the value-exact conversions ([`try_cast_into`](crate::try_cast_into),
/// `try_cast`, [`FromTensor`](crate::FromTensor), `unstack`). Its `Display` names where the
/// value is (the flat index, or the field of a derived row), the value as Rust prints it and the
/// target type:
///
/// ```
/// use tensorize_runtime::try_cast_into;
///
/// let mut out = [0i32; 3];
/// let err = try_cast_into(&[1.0f64, 2.0, 14.5], &mut out).unwrap_err();
/// assert_eq!(err.to_string(), "element 2: 14.5 is not exactly representable as i32");
/// assert_eq!(err.index(), 2);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct CastError {
    index: usize,
    /// The field of a derived row the value belongs to.
    feature: Option<FeatureName>,
    /// The item of a batch the value belongs to.
    item: Option<usize>,
    detail: Detail,
}

/// What kind of problem a [`CastError`] reports.
///
/// ```
/// use tensorize_runtime::{try_cast_into, CastErrorKind};
///
/// let mut out = [0u8; 1];
/// let err = try_cast_into(&[-1i32], &mut out).unwrap_err();
/// assert_eq!(err.kind(), CastErrorKind::Inexact);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CastErrorKind {
    /// A value that does not convert exactly into the target dtype.
    Inexact,
    /// A batch whose items have another shape than the row type's.
    Shape,
    /// Elements that are not a valid encoding of a row field: a one-hot enum without exactly one
    /// 1, an index that is not a variant's position, a `missing = mask` indicator that is not 0
    /// or 1.
    Encoding,
}

/// How a row field's elements fail to be a valid encoding.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Encoding {
    /// A one-hot field whose elements are 0 and 1 but not exactly one 1.
    OneHotCount { ones: usize, len: usize },
    /// A one-hot field with an element that is neither 0 nor 1.
    OneHotValue { value: Scalar },
    /// An index field whose value is not a whole number below `variants`.
    Index { value: Scalar, variants: usize },
    /// A `missing = mask` indicator that is neither 0 nor 1.
    Mask { value: Scalar },
}

#[derive(Clone, Copy, Debug)]
enum Detail {
    /// A value that does not convert exactly to `target`.
    Value { value: Scalar, target: DType },
    /// Elements of dtype `source` that are not a valid encoding of a field read as `target`.
    Encoding {
        problem: Encoding,
        source: DType,
        target: DType,
    },
    /// Batch items of shape `found` (its first 4 dimensions) where `expected` was needed.
    #[cfg_attr(not(feature = "ndarray"), allow(dead_code))]
    Shape {
        expected: &'static [usize],
        found: [u32; 4],
        found_rank: usize,
        target: DType,
    },
}

impl CastError {
    pub(crate) fn new(index: usize, value: Scalar, target: DType) -> CastError {
        CastError {
            index,
            feature: None,
            item: None,
            detail: Detail::Value { value, target },
        }
    }

    /// Elements of a row field, from flat `index` of the row, that are not a valid encoding.
    pub(crate) fn encoding(
        index: usize,
        problem: Encoding,
        source: DType,
        target: DType,
    ) -> CastError {
        CastError {
            index,
            feature: None,
            item: None,
            detail: Detail::Encoding {
                problem,
                source,
                target,
            },
        }
    }

    /// A batch whose items have shape `found` where `expected` was needed.
    #[cfg(feature = "ndarray")]
    pub(crate) fn shape_mismatch(
        expected: &'static [usize],
        found: &[usize],
        target: DType,
    ) -> CastError {
        let mut dims = [0; 4];
        for (dim, &extent) in dims.iter_mut().zip(found) {
            *dim = u32::try_from(extent).unwrap_or(u32::MAX);
        }
        CastError {
            index: 0,
            feature: None,
            item: None,
            detail: Detail::Shape {
                expected,
                found: dims,
                found_rank: found.len(),
                target,
            },
        }
    }

    /// The same error at `offset` more elements into a larger buffer.
    #[cfg(feature = "ndarray")]
    pub(crate) fn offset(mut self, offset: usize) -> CastError {
        self.index += offset;
        self
    }

    /// The same error at flat index `index` (of a file, where a batch's rows came from).
    #[cfg(feature = "npy")]
    pub(crate) fn at_index(mut self, index: usize) -> CastError {
        self.index = index;
        self
    }

    /// The same error, naming the row field the value belongs to.
    pub(crate) fn in_feature(mut self, feature: FeatureName) -> CastError {
        self.feature = Some(feature);
        self
    }

    /// The same error, naming the batch item the value belongs to.
    #[cfg(feature = "ndarray")]
    pub(crate) fn in_item(mut self, item: usize) -> CastError {
        self.item = Some(item);
        self
    }

    /// The flat (row-major) index of the value that did not convert: in the slice, the row, or
    /// the batch.
    ///
    /// ```
    /// let mut out = [0u8; 2];
    /// let err = tensorize_runtime::try_cast_into(&[7i32, 256], &mut out).unwrap_err();
    /// assert_eq!(err.index(), 1);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// What kind of problem this is.
    ///
    /// ```
    /// use tensorize_runtime::{CastErrorKind, FromTensor};
    /// let err = <[u8; 2]>::read_from(&[1, 2]).map(|_| ());
    /// assert!(err.is_ok());
    /// let mut out = [0u8; 1];
    /// let err = tensorize_runtime::try_cast_into(&[2.5f32], &mut out).unwrap_err();
    /// assert_eq!(err.kind(), CastErrorKind::Inexact);
    /// ```
    pub fn kind(&self) -> CastErrorKind {
        match self.detail {
            Detail::Value { .. } => CastErrorKind::Inexact,
            Detail::Shape { .. } => CastErrorKind::Shape,
            Detail::Encoding { .. } => CastErrorKind::Encoding,
        }
    }

    /// The dtype the value was converted to (for an [`Encoding`](CastErrorKind::Encoding)
    /// error, the dtype of the field's own elements: `bool` for a one-hot enum or a mask
    /// indicator, the index type for an index enum).
    ///
    /// ```
    /// use tensorize_runtime::DType;
    /// let mut out = [0u8; 1];
    /// let err = tensorize_runtime::try_cast_into(&[-1i32], &mut out).unwrap_err();
    /// assert_eq!(err.target(), DType::U8);
    /// ```
    pub fn target(&self) -> DType {
        match self.detail {
            Detail::Value { target, .. }
            | Detail::Shape { target, .. }
            | Detail::Encoding { target, .. } => target,
        }
    }

    /// The source dtype of the value that did not convert (`None` for a shape mismatch).
    ///
    /// ```
    /// use tensorize_runtime::DType;
    /// let mut out = [0u8; 1];
    /// let err = tensorize_runtime::try_cast_into(&[-1i32], &mut out).unwrap_err();
    /// assert_eq!(err.source_dtype(), Some(DType::I32));
    /// ```
    pub fn source_dtype(&self) -> Option<DType> {
        match self.detail {
            Detail::Value { value, .. } => Some(value.dtype()),
            Detail::Encoding { source, .. } => Some(source),
            Detail::Shape { .. } => None,
        }
    }

    /// The element of a row the value belongs to, if it came from one (a
    /// [`FromTensor`](crate::FromTensor) read); its `Display` is the field's name.
    ///
    /// ```
    /// use tensorize_runtime::FromTensor;
    ///
    /// let err = <[[u8; 2]; 2]>::read_from(&[1, 2, 3, 4]).map(|_| ());
    /// assert!(err.is_ok());
    /// let err = <[[i8; 2]; 2]>::read_from(&[1, 2, 3, 4]).map(|_| ());
    /// assert!(err.is_ok());
    /// let mut out = [0u8; 1];
    /// let plain = tensorize_runtime::try_cast_into(&[-1i32], &mut out).unwrap_err();
    /// assert!(plain.feature().is_none());
    /// ```
    pub fn feature(&self) -> Option<FeatureName> {
        self.feature
    }
}

impl fmt::Display for CastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.detail {
            Detail::Shape {
                expected,
                found,
                found_rank,
                ..
            } => {
                f.write_str("batch items have shape [")?;
                for (i, extent) in found.iter().take(found_rank).enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{extent}")?;
                }
                if found_rank > found.len() {
                    f.write_str(", …")?;
                }
                write!(f, "], but the type's items have shape {expected:?}")
            }
            Detail::Value { value, target } => {
                if let Some(item) = self.item {
                    write!(f, "item {item}, ")?;
                }
                match self.feature {
                    Some(feature) => write!(f, "field `{feature}`")?,
                    None => write!(f, "element {}", self.index)?,
                }
                write!(f, ": {value} is not exactly representable as {target}")
            }
            Detail::Encoding { problem, .. } => {
                if let Some(item) = self.item {
                    write!(f, "item {item}, ")?;
                }
                match self.feature {
                    // A row type of its own (`Color::read_from`) has no field name.
                    Some(feature) if !feature.field_is_unnamed() => {
                        f.write_str("field `")?;
                        feature.write_field(f)?;
                        f.write_str("`: ")?;
                    }
                    Some(_) => {}
                    None => write!(f, "element {}: ", self.index)?,
                }
                problem.fmt(f)
            }
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Encoding::OneHotCount { ones, len } => write!(
                f,
                "{ones} of {len} elements are 1; a one-hot row has exactly one"
            ),
            Encoding::OneHotValue { value } => write!(
                f,
                "{value} is neither 0 nor 1; a one-hot row holds only 0 and 1"
            ),
            Encoding::Index { value, variants } => write!(
                f,
                "{value} is not a variant's position: an index is a whole number from 0 to {}",
                variants.saturating_sub(1)
            ),
            Encoding::Mask { value } => write!(
                f,
                "the `missing = mask` indicator is {value}; it is 1 (present) or 0 (absent)"
            ),
        }
    }
}

impl core::error::Error for CastError {}
