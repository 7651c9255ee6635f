//! `tensorize::candle::Error`.

use core::fmt;
use std::vec::Vec;

use crate::interop::frameworks::ShapeMismatch;
use crate::CastError;

/// Why a tensor could not go to or come from candle.
///
/// `Send + Sync + 'static` with [`source`](std::error::Error::source), so `?` into `anyhow` or
/// `Box<dyn Error + Send + Sync>` works.
///
/// ```
/// use tensorize_runtime::candle::{candle_core::{Device, Tensor as CandleTensor}, Error, FromCandle};
/// use tensorize_runtime::Tensor;
///
/// let t = CandleTensor::new(&[1.5f32, 2.0], &Device::Cpu).unwrap();
/// let err = Tensor::<[f32; 3]>::from_candle(&t).unwrap_err();
/// assert!(matches!(err, Error::Shape { .. }));
/// assert_eq!(err.to_string(), "the candle tensor has shape [2], expected [3]");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The tensor's shape is not the one asked for.
    Shape {
        /// The shape asked for (`A::SHAPE`, or `[N, ..T::SHAPE]` for `unstack`).
        expected: Vec<usize>,
        /// The candle tensor's shape.
        found: Vec<usize>,
    },
    /// A value did not convert (it names the element, the field for rows, and the value).
    Cast(CastError),
    /// A candle dtype tensorize has no element type for (`F8E4M3`, `F6E2M3`, `F6E3M2`, `F4`,
    /// `F8E8M0`).
    DType(candle_core::DType),
    /// candle's own error (a device's, an allocation's).
    Candle(candle_core::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Shape { expected, found } => {
                write!(
                    f,
                    "the candle tensor has shape {found:?}, expected {expected:?}"
                )
            }
            Error::Cast(error) => write!(f, "{error}"),
            Error::DType(dtype) => write!(
                f,
                "candle dtype {dtype:?} has no tensorize element type (tensorize reads U8, U32, \
                 I16, I32, I64, F16, BF16, F32 and F64 tensors; convert first with `to_dtype`)"
            ),
            Error::Candle(error) => write!(f, "candle: {error}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Cast(error) => Some(error),
            Error::Candle(error) => Some(error),
            Error::Shape { .. } | Error::DType(_) => None,
        }
    }
}

impl From<CastError> for Error {
    fn from(error: CastError) -> Error {
        Error::Cast(error)
    }
}

impl From<candle_core::Error> for Error {
    fn from(error: candle_core::Error) -> Error {
        Error::Candle(error)
    }
}

impl From<ShapeMismatch> for Error {
    fn from(ShapeMismatch { expected, found }: ShapeMismatch) -> Self {
        Error::Shape { expected, found }
    }
}
