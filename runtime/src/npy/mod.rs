//! NumPy `.npy` files: a parser over `&[u8]` that needs no allocator (for weights in flash),
//! and, with the `npy` feature, reading into and writing from ndarray.
//!
//! The dtype rules are the crate's: `read::<T>` takes the file's dtype or a lossless widening
//! of it, `read_with` names a [`CastMode`](crate::CastMode), `try_read` converts value-exactly.
//! Files of version 1.0, 2.0 and 3.0 are read; dtypes `b1`, `u1`–`u8`, `i1`–`i8`, `f2`, `f4`,
//! `f8` in either byte order, and `V2` as bfloat16 (what numpy writes for `ml_dtypes`'
//! `bfloat16`); C and Fortran order; 0-d and empty arrays.
//!
//! ```
//! use tensorize_runtime::{npy, DType};
//!
//! // A 2 × 2 little-endian u8 array, as numpy writes it.
//! let mut file = b"\x93NUMPY\x01\x00\x76\x00".to_vec();
//! let header = "{'descr': '|u1', 'fortran_order': False, 'shape': (2, 2), }";
//! file.extend(format!("{header:<117}\n").bytes());
//! file.extend([1, 2, 3, 4]);
//!
//! let view = npy::parse(&file).unwrap();
//! assert_eq!(view.dtype(), DType::U8);
//! assert_eq!(view.shape(), &[2, 2]);
//! assert_eq!(view.data(), &[1, 2, 3, 4]);
//! ```

mod bytes;
#[cfg(feature = "ndarray")]
pub(crate) mod convert;
mod error;
mod header;
#[cfg(feature = "npy")]
mod io;
#[cfg(feature = "npz")]
pub mod npz;
#[cfg(all(test, feature = "npz"))]
mod npz_fuzz;
#[cfg(feature = "npy")]
mod stream;
#[cfg(feature = "ndarray")]
mod view;

pub use error::{Descr, NotViewable, NpyError};
#[cfg(feature = "npy")]
pub use io::{from_reader, header, read, read_with, to_writer, try_read, write};
#[cfg(feature = "npy")]
pub use stream::{open, FileBatches, FilePrefetch, FileRows, NpyFile};

use crate::element::Scalar;
use crate::DType;
use bytes::decode;
use header::Header;

/// One element from its bytes (`dtype.size_of()` of them) in the given byte order; for the
/// macros, which decode the tensors of safetensors files with it.
#[doc(hidden)]
pub fn decode_scalar(bytes: &[u8], dtype: DType, big_endian: bool) -> Scalar {
    decode(bytes, dtype, big_endian)
}

/// The header of a file of `file_len` bytes, from the file's first bytes (at least the whole
/// header): what `include_npy!` needs when the data can stay in the file.
///
/// # Errors
///
/// As [`parse`], including data shorter than the header promises.
#[doc(hidden)]
pub fn parse_header(prefix: &[u8], file_len: usize) -> Result<NpyHeader, NpyError> {
    let header = header::parse_header(prefix)?;
    let available = file_len.saturating_sub(header.data_offset);
    if available < header.data_len {
        return Err(NpyError::Truncated {
            expected: header.data_len,
            found: available,
        });
    }
    Ok(NpyHeader(header))
}

/// How many bytes at the start of a file hold its header, from its first 12 bytes.
///
/// # Errors
///
/// Bad magic or an unsupported version.
#[doc(hidden)]
pub fn header_len(prefix: &[u8]) -> Result<usize, NpyError> {
    let (start, len) = header::preamble(prefix)?;
    Ok(start.saturating_add(len))
}

/// A parsed header (see [`parse_header`]).
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct NpyHeader(Header);

impl NpyHeader {
    /// The element type.
    pub fn dtype(&self) -> DType {
        self.0.dtype
    }
    /// The dimensions.
    pub fn shape(&self) -> &[usize] {
        self.0.shape()
    }
    /// Whether the data is in Fortran order.
    pub fn fortran_order(&self) -> bool {
        self.0.fortran_order
    }
    /// Whether the data is big-endian.
    pub fn big_endian(&self) -> bool {
        self.0.big_endian
    }
    /// Where the data starts.
    pub fn data_offset(&self) -> usize {
        self.0.data_offset
    }
    /// The data's length in bytes.
    pub fn data_len(&self) -> usize {
        self.0.data_len
    }
}

/// A parsed `.npy` file borrowing its bytes: the header's facts and the data.
#[derive(Clone, Copy, Debug)]
pub struct NpyView<'a> {
    header: Header,
    data: &'a [u8],
}

/// Parses a whole `.npy` file held in memory, without copying or allocating.
///
/// # Errors
///
/// Bad magic, an unsupported version or dtype, a malformed header, a shape whose size
/// overflows, or fewer data bytes than the shape needs. Never panics.
///
/// ```
/// let err = tensorize_runtime::npy::parse(b"\x93NUMPY\x09\x00").unwrap_err();
/// assert_eq!(err.to_string(), "unsupported .npy format version 9.0 (1.0, 2.0 and 3.0 are read)");
/// ```
pub fn parse(bytes: &[u8]) -> Result<NpyView<'_>, NpyError> {
    let header = header::parse_header(bytes)?;
    let available = bytes.len() - header.data_offset;
    if available < header.data_len {
        return Err(NpyError::Truncated {
            expected: header.data_len,
            found: available,
        });
    }
    let data = &bytes[header.data_offset..header.data_offset + header.data_len];
    Ok(NpyView { header, data })
}

impl<'a> NpyView<'a> {
    /// The element type (`V2` files are [`DType::BF16`]).
    pub fn dtype(&self) -> DType {
        self.header.dtype
    }

    /// The dimensions (`[]` for a 0-d array).
    pub fn shape(&self) -> &[usize] {
        self.header.shape()
    }

    /// Whether the data is in Fortran (column-major) order.
    pub fn fortran_order(&self) -> bool {
        self.header.fortran_order
    }

    /// Whether the data bytes are big-endian.
    pub fn big_endian(&self) -> bool {
        self.header.big_endian
    }

    /// The data bytes, in the file's byte order and memory order.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// Where the data starts in the file.
    #[doc(hidden)]
    pub fn data_offset(&self) -> usize {
        self.header.data_offset
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.data.len() / self.header.dtype.size_of()
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The element at position `index` of the data (memory order), decoded.
    #[doc(hidden)]
    pub fn scalar(&self, index: usize) -> Scalar {
        let size = self.header.dtype.size_of();
        decode(
            &self.data[index * size..(index + 1) * size],
            self.header.dtype,
            self.header.big_endian,
        )
    }

    /// The element at row-major (C order) position `index`, whatever the file's order.
    #[doc(hidden)]
    pub fn scalar_c_order(&self, index: usize) -> Scalar {
        if !self.header.fortran_order {
            return self.scalar(index);
        }
        // The multi-index of `index` in C order, then its Fortran offset.
        let shape = self.shape();
        let mut rest = index;
        let mut offset = 0;
        let mut stride = 1;
        let mut c_strides = [0usize; crate::MAX_RANK];
        let mut s = 1;
        for (axis, &extent) in shape.iter().enumerate().rev() {
            c_strides[axis] = s;
            s *= extent;
        }
        for (axis, &extent) in shape.iter().enumerate() {
            let coordinate = rest / c_strides[axis];
            rest %= c_strides[axis];
            offset += coordinate * stride;
            stride *= extent;
        }
        self.scalar(offset)
    }
}

#[cfg(all(test, feature = "npy"))]
mod fuzz;
#[cfg(test)]
mod tests;
