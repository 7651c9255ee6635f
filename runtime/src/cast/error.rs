//! The error of a value-exact conversion that met a value it cannot convert exactly.

use core::fmt;

use crate::element::Scalar;
use crate::DType;

/// A value that does not convert exactly into the target dtype.
///
/// Returned by the value-exact conversions ([`try_cast_into`](crate::try_cast_into),
/// `try_cast`). Its `Display` names the flat index, the value as Rust prints it and the target
/// type:
///
/// ```
/// use tensorize_runtime::try_cast_into;
///
/// let mut out = [0i32; 3];
/// let err = try_cast_into(&[1.0f64, 2.0, 14.5], &mut out).unwrap_err();
/// assert_eq!(err.to_string(), "element 2: 14.5 is not exactly representable as i32");
/// assert_eq!(err.index(), 2);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CastError {
    index: usize,
    value: Scalar,
    target: DType,
}

impl CastError {
    pub(crate) fn new(index: usize, value: Scalar, target: DType) -> CastError {
        CastError {
            index,
            value,
            target,
        }
    }

    /// The flat (row-major) index of the value that did not convert.
    ///
    /// ```
    /// let mut out = [0u8; 2];
    /// let err = tensorize_runtime::try_cast_into(&[7i32, 256], &mut out).unwrap_err();
    /// assert_eq!(err.index(), 1);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }

    /// The dtype the value was converted to.
    ///
    /// ```
    /// use tensorize_runtime::DType;
    /// let mut out = [0u8; 1];
    /// let err = tensorize_runtime::try_cast_into(&[-1i32], &mut out).unwrap_err();
    /// assert_eq!(err.target(), DType::U8);
    /// ```
    pub fn target(&self) -> DType {
        self.target
    }

    /// The source dtype of the value that did not convert.
    ///
    /// ```
    /// use tensorize_runtime::DType;
    /// let mut out = [0u8; 1];
    /// let err = tensorize_runtime::try_cast_into(&[-1i32], &mut out).unwrap_err();
    /// assert_eq!(err.source_dtype(), DType::I32);
    /// ```
    pub fn source_dtype(&self) -> DType {
        self.value.dtype()
    }
}

impl fmt::Display for CastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "element {}: {} is not exactly representable as {}",
            self.index, self.value, self.target
        )
    }
}

impl core::error::Error for CastError {}
