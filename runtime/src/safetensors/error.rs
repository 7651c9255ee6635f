//! Errors of reading and writing safetensors files.

use core::fmt;
use std::string::String;
use std::vec::Vec;

use crate::npy::NotViewable;
use crate::{CastError, DType};

/// What went wrong with a safetensors file. Malformed input is always an error, never a panic.
///
/// ```
/// use tensorize_runtime::safetensors::Safetensors;
///
/// let err = Safetensors::parse(b"\x10\x00\x00\x00\x00\x00\x00\x00{}").unwrap_err();
/// assert_eq!(err.to_string(), "the header claims 16 bytes, but the file has 2 after its length");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum SafetensorsError {
    /// An I/O error.
    Io(std::io::Error),
    /// Fewer than 8 bytes: not even the header's length.
    TooShort,
    /// A header length past the end of the file.
    HeaderPastEnd {
        /// The length the file claims.
        header: u64,
        /// The bytes after the length field.
        available: u64,
    },
    /// The header is not valid JSON of the format, or its offsets, shapes and dtypes disagree
    /// (overlapping or out-of-range offsets, a shape whose size is not the byte length); the
    /// text says which.
    BadHeader(String),
    /// The data section is not the length the header describes.
    DataLength {
        /// Bytes the header's offsets cover.
        expected: u64,
        /// Bytes the file has after the header.
        found: u64,
    },
    /// No tensor of that name; the names the file has, the closest first.
    MissingTensor {
        /// The name asked for.
        name: String,
        /// The file's tensor names, the most similar first.
        names: Vec<String>,
    },
    /// A dtype tensorize has no element type for (`F8_E4M3`, `F4`, `C64`, …).
    UnsupportedDtype {
        /// The tensor's name.
        name: String,
        /// The dtype, as the file spells it.
        dtype: String,
    },
    /// A read whose element type is not the tensor's and not a lossless widening of it.
    DtypeMismatch {
        /// The tensor's name.
        name: String,
        /// The tensor's dtype.
        file: DType,
        /// The requested dtype.
        requested: DType,
    },
    /// A value that does not convert exactly (`try_read`), by its flat index in the tensor.
    Inexact(CastError),
    /// Data that cannot be viewed in place as the requested type ([`Safetensors::view`]).
    ///
    /// [`Safetensors::view`]: super::Safetensors::view
    NotViewable(NotViewable),
    /// A [`Writer`](super::Writer) given two tensors of one name.
    DuplicateName(String),
}

impl fmt::Display for SafetensorsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SafetensorsError::Io(error) => write!(f, "{error}"),
            SafetensorsError::TooShort => f.write_str(
                "not a safetensors file: shorter than the 8 bytes of its header's length",
            ),
            SafetensorsError::HeaderPastEnd { header, available } => write!(
                f,
                "the header claims {header} bytes, but the file has {available} after its length"
            ),
            SafetensorsError::BadHeader(why) => write!(f, "malformed safetensors header: {why}"),
            SafetensorsError::DataLength { expected, found } => write!(
                f,
                "the header describes {expected} bytes of data, but the file has {found}"
            ),
            SafetensorsError::MissingTensor { name, names } => {
                write!(f, "no tensor `{name}` in the file; it has ")?;
                if names.is_empty() {
                    return f.write_str("none");
                }
                for (i, name) in names.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{name}`")?;
                }
                Ok(())
            }
            SafetensorsError::UnsupportedDtype { name, dtype } => write!(
                f,
                "tensor `{name}` has dtype {dtype}, which tensorize does not read (it reads BOOL, \
                 U8, I8, U16, I16, U32, I32, U64, I64, F16, BF16, F32 and F64)"
            ),
            SafetensorsError::DtypeMismatch {
                name,
                file,
                requested,
            } => write!(
                f,
                "tensor `{name}` holds {file}, which does not convert to {requested} without loss; \
                 read it as {file}, or use read_with (a cast mode) or try_read (value-exact)"
            ),
            SafetensorsError::Inexact(error) => write!(f, "{error}"),
            SafetensorsError::NotViewable(why) => write!(
                f,
                "cannot view the tensor in place: {why}; read (or read_with) copies and converts"
            ),
            SafetensorsError::DuplicateName(name) => {
                write!(f, "a tensor named `{name}` was added already")
            }
        }
    }
}

impl core::error::Error for SafetensorsError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            SafetensorsError::Io(error) => Some(error),
            SafetensorsError::Inexact(error) => Some(error),
            _ => None,
        }
    }
}

impl From<std::io::Error> for SafetensorsError {
    fn from(error: std::io::Error) -> Self {
        SafetensorsError::Io(error)
    }
}
