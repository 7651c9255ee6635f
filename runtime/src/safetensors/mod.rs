//! safetensors files (feature `safetensors`): the format `PyTorch` and Hugging Face save weights
//! in, and candle and burn load. Read a tensor by name under the crate's dtype rule, lend one in
//! place from bytes you hold (a memory map), or write several with metadata.
//!
//! Dtypes map one to one (`BOOL U8 I8 U16 I16 U32 I32 U64 I64 F16 BF16 F32 F64`); `F8_*`, `F4`,
//! `F6_*`, `C64` and any other are an error that names the dtype as the file spells it. A path
//! read takes the header and that tensor's bytes only, not the rest of the file. Malformed files
//! (a header length past the end, bad JSON, overlapping or out-of-range offsets, a shape whose
//! size disagrees with its byte length) are errors, never panics, and never allocate more than
//! the file holds.
//!
//! ```
//! use tensorize_runtime::safetensors::{self, Writer};
//! use tensorize_runtime::{f16, DType};
//!
//! let path = std::env::temp_dir().join("tensorize-doc-safetensors.safetensors");
//! Writer::new()
//!     .add("fc.weight", &ndarray::array![[1.5f32, -2.0], [0.25, 4.0]])?
//!     .add("fc.bias", &ndarray::array![f16::ONE, f16::ZERO])?
//!     .metadata("format", "pt")
//!     .write(&path)?;
//!
//! assert_eq!(safetensors::names(&path)?, ["fc.weight", "fc.bias"]); // the file's data order
//! assert_eq!(safetensors::header(&path, "fc.bias")?, (DType::F16, vec![2]));
//! let bias = safetensors::read::<f32>(&path, "fc.bias")?; // f16 → f32 widens losslessly
//! assert_eq!(bias.as_slice().unwrap(), &[1.0, 0.0]);
//! let err = safetensors::read::<f32>(&path, "fc.wieght").unwrap_err();
//! assert_eq!(err.to_string(), "no tensor `fc.wieght` in the file; it has `fc.weight`, `fc.bias`");
//! # Ok::<(), tensorize_runtime::safetensors::SafetensorsError>(())
//! ```

mod error;
#[cfg(test)]
mod fuzz;
mod header;
mod writer;

use std::fs::File;
use std::io::Read;
use std::path::Path;
use std::string::String;
use std::vec::Vec;

use ndarray::{ArrayD, ArrayViewD, IxDyn};

pub use error::SafetensorsError;
pub use writer::{TensorSource, Writer};

use crate::npy::convert::{convert_values, Policy};
use crate::npy::NotViewable;
use crate::{CastMode, DType, Element};
use header::{header_len, Entry, Header};

/// The tensors' names, in the file's data order.
///
/// # Errors
///
/// I/O errors or a malformed header.
pub fn names(path: impl AsRef<Path>) -> Result<Vec<String>, SafetensorsError> {
    Ok(open(path.as_ref())?.1.names())
}

/// A tensor's dtype and shape, from the header alone.
///
/// # Errors
///
/// I/O errors, a malformed header, a missing name (the error lists the file's, closest
/// first), or a dtype tensorize does not read.
pub fn header(path: impl AsRef<Path>, name: &str) -> Result<(DType, Vec<usize>), SafetensorsError> {
    let (_, header) = open(path.as_ref())?;
    let entry = header.entry(name)?;
    Ok((entry.dtype()?, entry.shape.clone()))
}

/// Reads a tensor whose dtype is `T` or widens to `T` without loss.
///
/// # Errors
///
/// As [`header`], and a dtype that does not widen to `T` (naming both).
pub fn read<T: Element>(path: impl AsRef<Path>, name: &str) -> Result<ArrayD<T>, SafetensorsError> {
    read_file(path.as_ref(), name, Policy::Lossless)
}

/// Reads a tensor, converting every value to `T` under `mode`.
///
/// # Errors
///
/// As [`header`].
pub fn read_with<T: Element>(
    path: impl AsRef<Path>,
    name: &str,
    mode: CastMode,
) -> Result<ArrayD<T>, SafetensorsError> {
    read_file(path.as_ref(), name, Policy::Mode(mode))
}

/// Reads a tensor, converting every value to `T` if each converts exactly.
///
/// # Errors
///
/// As [`header`], and [`SafetensorsError::Inexact`] for the first value that does not.
pub fn try_read<T: Element>(
    path: impl AsRef<Path>,
    name: &str,
) -> Result<ArrayD<T>, SafetensorsError> {
    read_file(path.as_ref(), name, Policy::Exact)
}

/// Where a tensor's bytes are in its file, for `include_safetensors!`.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub struct Location {
    /// The tensor's dtype.
    pub dtype: DType,
    /// The tensor's shape.
    pub shape: Vec<usize>,
    /// The offset of its first byte from the start of the file.
    pub offset: u64,
    /// Its bytes (little-endian, row-major).
    pub len: usize,
    /// The file's length.
    pub file_len: u64,
}

/// Tensor `name`'s dtype, shape and place in the file at `path`, from the header alone.
///
/// # Errors
///
/// As [`header`].
#[doc(hidden)]
pub fn locate(path: &Path, name: &str) -> Result<Location, SafetensorsError> {
    let (file, header) = open(path)?;
    let entry = header.entry(name)?;
    Ok(Location {
        dtype: entry.dtype()?,
        shape: entry.shape.clone(),
        offset: (header.data_offset + entry.start) as u64,
        len: entry.end - entry.start,
        file_len: file.metadata()?.len(),
    })
}

/// The file and its header, read and checked against the file's length.
fn open(path: &Path) -> Result<(File, Header), SafetensorsError> {
    let mut file = File::open(path)?;
    let len = file.metadata()?.len();
    let mut prefix = [0u8; 8];
    let read = read_up_to(&mut file, &mut prefix)?;
    let header_len = header_len(&prefix[..read], len.saturating_sub(8))?;
    // No more than the file holds (checked above).
    let mut json = Vec::with_capacity(header_len);
    (&mut file).take(header_len as u64).read_to_end(&mut json)?;
    if json.len() < header_len {
        return Err(SafetensorsError::HeaderPastEnd {
            header: header_len as u64,
            available: json.len() as u64,
        });
    }
    let header = Header::parse(&json, len - 8 - header_len as u64)?;
    Ok((file, header))
}

/// Fills as much of `buffer` as the reader has.
fn read_up_to(reader: &mut impl Read, buffer: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buffer.len() {
        match reader.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn read_file<T: Element>(
    path: &Path,
    name: &str,
    policy: Policy,
) -> Result<ArrayD<T>, SafetensorsError> {
    let (file, header) = open(path)?;
    let entry = header.entry(name)?;
    let dtype = checked_dtype::<T>(entry, policy)?;
    let mut bytes = Vec::with_capacity(entry.end - entry.start);
    let mut file = file;
    std::io::Seek::seek(
        &mut file,
        std::io::SeekFrom::Start((header.data_offset + entry.start) as u64),
    )?;
    file.take((entry.end - entry.start) as u64)
        .read_to_end(&mut bytes)?;
    if bytes.len() != entry.end - entry.start {
        return Err(SafetensorsError::DataLength {
            expected: (entry.end - entry.start) as u64,
            found: bytes.len() as u64,
        });
    }
    to_array(entry, dtype, &bytes, policy)
}

/// The entry's dtype, if `T` may be read from it under `policy`.
fn checked_dtype<T: Element>(entry: &Entry, policy: Policy) -> Result<DType, SafetensorsError> {
    let dtype = entry.dtype()?;
    if !policy.allows(dtype, T::DTYPE) {
        return Err(SafetensorsError::DtypeMismatch {
            name: entry.name.clone(),
            file: dtype,
            requested: T::DTYPE,
        });
    }
    Ok(dtype)
}

/// A tensor's little-endian bytes as an array of `T`.
fn to_array<T: Element>(
    entry: &Entry,
    dtype: DType,
    bytes: &[u8],
    policy: Policy,
) -> Result<ArrayD<T>, SafetensorsError> {
    let values =
        convert_values::<T>(bytes, dtype, false, policy).map_err(SafetensorsError::Inexact)?;
    ArrayD::from_shape_vec(IxDyn(&entry.shape), values).map_err(|error| {
        SafetensorsError::BadHeader(std::format!("tensor `{}`: {error}", entry.name))
    })
}

/// A safetensors file held in memory (a `Vec`, a memory map), its header parsed once.
///
/// ```
/// use tensorize_runtime::safetensors::{Safetensors, Writer};
///
/// let bytes = Writer::new().add("w", &ndarray::array![[1u8, 2], [3, 4]]).unwrap().to_vec();
/// let file = Safetensors::parse(&bytes).unwrap();
/// assert_eq!(file.names(), ["w"]);
/// let view = file.view::<u8>("w").unwrap(); // the bytes themselves, not a copy
/// assert_eq!(view[[1, 0]], 3);
/// assert_eq!(file.read::<f32>("w").unwrap()[[1, 1]], 4.0);
/// ```
#[derive(Clone, Debug)]
pub struct Safetensors<'a> {
    header: Header,
    data: &'a [u8],
}

impl<'a> Safetensors<'a> {
    /// Parses and checks the header of a whole file held in memory.
    ///
    /// # Errors
    ///
    /// A malformed header, or a data section of another length than the header describes.
    pub fn parse(bytes: &'a [u8]) -> Result<Self, SafetensorsError> {
        let header_len = header_len(bytes, bytes.len().saturating_sub(8) as u64)?;
        let json = &bytes[8..8 + header_len];
        let data = &bytes[8 + header_len..];
        let header = Header::parse(json, data.len() as u64)?;
        Ok(Safetensors { header, data })
    }

    /// The tensors' names, in the file's data order.
    pub fn names(&self) -> Vec<String> {
        self.header.names()
    }

    /// A tensor's dtype and shape.
    ///
    /// # Errors
    ///
    /// A missing name, or a dtype tensorize does not read.
    pub fn header(&self, name: &str) -> Result<(DType, Vec<usize>), SafetensorsError> {
        let entry = self.header.entry(name)?;
        Ok((entry.dtype()?, entry.shape.clone()))
    }

    /// The value of `__metadata__` key `key`.
    pub fn metadata(&self, key: &str) -> Option<&str> {
        self.header
            .metadata
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value.as_str())
    }

    /// A copy of a tensor as `T`, its dtype or a lossless widening (as [`read`]).
    ///
    /// # Errors
    ///
    /// As [`read`].
    pub fn read<T: Element>(&self, name: &str) -> Result<ArrayD<T>, SafetensorsError> {
        self.copy(name, Policy::Lossless)
    }

    /// A copy of a tensor, every value converted under `mode`.
    ///
    /// # Errors
    ///
    /// As [`read_with`].
    pub fn read_with<T: Element>(
        &self,
        name: &str,
        mode: CastMode,
    ) -> Result<ArrayD<T>, SafetensorsError> {
        self.copy(name, Policy::Mode(mode))
    }

    /// A copy of a tensor, converted value-exactly.
    ///
    /// # Errors
    ///
    /// As [`try_read`].
    pub fn try_read<T: Element>(&self, name: &str) -> Result<ArrayD<T>, SafetensorsError> {
        self.copy(name, Policy::Exact)
    }

    fn copy<T: Element>(&self, name: &str, policy: Policy) -> Result<ArrayD<T>, SafetensorsError> {
        let entry = self.header.entry(name)?;
        let dtype = checked_dtype::<T>(entry, policy)?;
        to_array(entry, dtype, &self.data[entry.start..entry.end], policy)
    }

    /// A tensor lent in place, without copying.
    ///
    /// # Errors
    ///
    /// A missing name, or [`SafetensorsError::NotViewable`] saying which condition failed: `T` is
    /// not the tensor's dtype, this machine is big-endian (the format is little-endian), the
    /// tensor's bytes are not aligned for `T`, or a bool tensor holds a byte other than 0 or 1.
    /// [`read`](Self::read) copies in each case.
    pub fn view<T: Element>(&self, name: &str) -> Result<ArrayViewD<'a, T>, SafetensorsError> {
        let entry = self.header.entry(name)?;
        let dtype = entry.dtype()?;
        let bytes: &'a [u8] = &self.data[entry.start..entry.end];
        let refuse = |why| Err(SafetensorsError::NotViewable(why));
        if dtype != T::DTYPE {
            return refuse(NotViewable::Dtype {
                file: dtype,
                requested: T::DTYPE,
            });
        }
        if dtype.size_of() > 1 && cfg!(target_endian = "big") {
            return refuse(NotViewable::ByteOrder);
        }
        let align = core::mem::align_of::<T>();
        if bytes.as_ptr().align_offset(align) != 0 {
            return refuse(NotViewable::Alignment { align });
        }
        if dtype == DType::Bool {
            if let Some(index) = bytes.iter().position(|&b| b > 1) {
                return refuse(NotViewable::Bool { index });
            }
        }
        // SAFETY: `T` is the tensor's dtype, and the header's validation made the byte range
        // hold exactly the shape's elements of it, inside `data`, which lives for 'a; the
        // pointer is aligned for `T` (checked above); the bytes are little-endian on a
        // little-endian machine, every bit pattern is a valid value of the numeric element
        // types, and a bool's bytes were checked to be 0 or 1.
        let values: &'a [T] = unsafe {
            core::slice::from_raw_parts(bytes.as_ptr().cast::<T>(), bytes.len() / dtype.size_of())
        };
        ArrayViewD::from_shape(IxDyn(&entry.shape), values)
            .map_err(|error| SafetensorsError::BadHeader(std::format!("tensor `{name}`: {error}")))
    }
}
