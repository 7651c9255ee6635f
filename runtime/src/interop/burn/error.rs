//! `tensorize::burn::Error`.

use core::fmt;
use std::vec::Vec;

use crate::interop::frameworks::ShapeMismatch;
use crate::CastError;

/// Why burn data could not be read.
///
/// `Send + Sync + 'static` with [`source`](std::error::Error::source), so `?` into `anyhow` or
/// `Box<dyn Error + Send + Sync>` works.
///
/// ```
/// use tensorize_runtime::burn::{burn_tensor::TensorData, Error, FromBurn};
/// use tensorize_runtime::Tensor;
///
/// let data = TensorData::new(vec![1.5f32, 2.0], [2]);
/// let err = Tensor::<[i32; 2]>::from_burn_data(&data).unwrap_err();
/// assert!(matches!(err, Error::Cast(_)));
/// assert_eq!(err.to_string(), "element 0: 1.5 is not exactly representable as i32");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The data's shape is not the one asked for.
    Shape {
        /// The shape asked for (`A::SHAPE`, or `[N, ..T::SHAPE]` for `unstack`).
        expected: Vec<usize>,
        /// The data's shape.
        found: Vec<usize>,
    },
    /// A value did not convert (it names the element, the field for rows, and the value).
    Cast(CastError),
    /// A burn dtype tensorize has no element type for (quantized `QFloat`, `Flex32`), or bytes
    /// that do not match their dtype.
    DType {
        /// The data's dtype.
        found: burn_tensor::DType,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Shape { expected, found } => {
                write!(
                    f,
                    "the burn data has shape {found:?}, expected {expected:?}"
                )
            }
            Error::Cast(error) => write!(f, "{error}"),
            Error::DType { found } => write!(
                f,
                "burn dtype {found:?} has no tensorize element type (tensorize reads F64, F32, \
                 F16, BF16, I64, I32, I16, I8, U64, U32, U16, U8 and Bool data; dequantize or \
                 convert first)"
            ),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Cast(error) => Some(error),
            Error::Shape { .. } | Error::DType { .. } => None,
        }
    }
}

impl From<CastError> for Error {
    fn from(error: CastError) -> Error {
        Error::Cast(error)
    }
}

impl From<ShapeMismatch> for Error {
    fn from(ShapeMismatch { expected, found }: ShapeMismatch) -> Self {
        Error::Shape { expected, found }
    }
}
