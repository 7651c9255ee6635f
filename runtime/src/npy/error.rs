//! Errors of reading and writing `.npy` files.

use core::fmt;

use crate::{CastError, DType};

/// What went wrong with a `.npy` file. Malformed input is always an error, never a panic.
///
/// ```
/// let err = tensorize_runtime::npy::parse(b"not a numpy file").unwrap_err();
/// assert_eq!(err.to_string(), "not a .npy file: it does not start with \\x93NUMPY");
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum NpyError {
    /// The file does not start with `\x93NUMPY`.
    BadMagic,
    /// A format version other than 1.0, 2.0 or 3.0.
    UnsupportedVersion {
        /// The major version byte.
        major: u8,
        /// The minor version byte.
        minor: u8,
    },
    /// The header dictionary is malformed; the text says how.
    BadHeader(&'static str),
    /// A dtype tensorize does not read (complex, object, strings, structured, …).
    UnsupportedDtype(Descr),
    /// More than `MAX_RANK` dimensions.
    TooManyDimensions(usize),
    /// The product of the dimensions overflows.
    ShapeOverflow,
    /// Fewer data bytes than the header promises.
    Truncated {
        /// Bytes the header promises.
        expected: usize,
        /// Bytes the file has.
        found: usize,
    },
    /// A read whose element type is not the file's and not a lossless widening of it.
    DtypeMismatch {
        /// The file's dtype.
        file: DType,
        /// The requested dtype.
        requested: DType,
    },
    /// A `V2` (bfloat16) file read as something other than bf16.
    Bf16Only {
        /// The requested dtype.
        requested: DType,
    },
    /// A value that does not convert exactly (`try_read`, `try_batches`), by its flat index in
    /// the file (C order).
    Inexact(CastError),
    /// A Fortran-order file asked for by rows (`batches`, `rows`): its rows are not contiguous.
    FortranOrder,
    /// A 0-d file asked for by rows: it has no first axis.
    NoRows,
    /// `rows::<R>()` of a file whose rows have another shape than `R`'s.
    #[cfg(feature = "std")]
    RowShape {
        /// The shape of one row of the file (its shape without the first axis).
        file: std::vec::Vec<usize>,
        /// `R::SHAPE`.
        row: &'static [usize],
    },
    /// Data that cannot be viewed in place as the requested type (`NpyView::view`).
    NotViewable(NotViewable),
    /// An `.npz` member that is not in the archive.
    #[cfg(feature = "npz")]
    MissingMember {
        /// The name asked for.
        name: std::string::String,
        /// The archive's members (without `.npy`), the closest first.
        members: std::vec::Vec<std::string::String>,
    },
    /// An `.npz` archive that is not a readable zip file; the text says why.
    #[cfg(feature = "npz")]
    Archive(std::string::String),
    /// An I/O error.
    #[cfg(feature = "std")]
    Io(std::io::Error),
}

/// Why [`NpyView::view`](super::NpyView::view) cannot lend the data as `&[T]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum NotViewable {
    /// The requested type is not the file's dtype.
    Dtype {
        /// The file's dtype.
        file: DType,
        /// The requested dtype.
        requested: DType,
    },
    /// The data is in the other byte order than this machine's.
    ByteOrder,
    /// The data does not start at a multiple of the type's alignment.
    Alignment {
        /// The type's alignment in bytes.
        align: usize,
    },
    /// A bool array with a byte that is neither 0 nor 1, at this index.
    Bool {
        /// The element's index.
        index: usize,
    },
}

impl fmt::Display for NotViewable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotViewable::Dtype { file, requested } => {
                write!(f, "the file holds {file}, not {requested}")
            }
            NotViewable::ByteOrder => f.write_str(if cfg!(target_endian = "big") {
                "the data is little-endian and this machine is big-endian"
            } else {
                "the data is big-endian and this machine is little-endian"
            }),
            NotViewable::Alignment { align } => write!(
                f,
                "the data does not start at a multiple of {align} bytes (the type's alignment)"
            ),
            NotViewable::Bool { index } => {
                write!(f, "bool element {index} is a byte other than 0 or 1")
            }
        }
    }
}

/// The `descr` of an unsupported dtype, kept without allocating (up to 24 bytes).
#[derive(Clone, Copy)]
pub struct Descr {
    bytes: [u8; 24],
    len: usize,
}

impl Descr {
    pub(crate) fn new(text: &[u8]) -> Descr {
        let mut bytes = [0; 24];
        let len = text.len().min(24);
        bytes[..len].copy_from_slice(&text[..len]);
        Descr { bytes, len }
    }
}

impl fmt::Display for Descr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for &b in &self.bytes[..self.len] {
            if b.is_ascii_graphic() || b == b' ' {
                f.write_str(core::str::from_utf8(&[b]).unwrap_or("?"))?;
            } else {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Descr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Descr({self})")
    }
}

impl fmt::Display for NpyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NpyError::BadMagic => f.write_str("not a .npy file: it does not start with \\x93NUMPY"),
            NpyError::UnsupportedVersion { major, minor } => {
                write!(f, "unsupported .npy format version {major}.{minor} (1.0, 2.0 and 3.0 are read)")
            }
            NpyError::BadHeader(why) => write!(f, "malformed .npy header: {why}"),
            NpyError::UnsupportedDtype(descr) => write!(
                f,
                "unsupported .npy dtype '{descr}': tensorize reads b1, u1, u2, u4, u8, i1, i2, i4, \
                 i8, f2, f4, f8 (either byte order) and V2 as bfloat16"
            ),
            NpyError::TooManyDimensions(rank) => {
                write!(f, "the array has {rank} dimensions; at most {} are supported", crate::MAX_RANK)
            }
            NpyError::ShapeOverflow => f.write_str("the array's shape has more elements than memory can address"),
            NpyError::Truncated { expected, found } => write!(
                f,
                "truncated .npy data: the header promises {expected} bytes of data, the file has {found}"
            ),
            NpyError::DtypeMismatch { file, requested } => write!(
                f,
                "the file holds {file}, which does not convert to {requested} without loss; \
                 read it as {file}, or use read_with (a cast mode) or try_read (value-exact)"
            ),
            NpyError::Bf16Only { requested } => write!(
                f,
                "the file's dtype is V2, which numpy writes for bfloat16: read it as bf16, not {requested}"
            ),
            NpyError::Inexact(error) => write!(f, "{error}"),
            NpyError::FortranOrder => f.write_str(
                "the file is in Fortran order, so its rows are not contiguous and cannot be \
                 streamed; read it whole with npy::read",
            ),
            NpyError::NoRows => f.write_str(
                "the file holds a 0-d array, which has no rows to stream; read it with npy::read",
            ),
            #[cfg(feature = "std")]
            NpyError::RowShape { file, row } => write!(
                f,
                "the file's rows have shape {file:?}, but the row type's shape is {row:?}"
            ),
            NpyError::NotViewable(why) => write!(
                f,
                "cannot view the data in place: {why}; to_array (or npy::read) copies and converts"
            ),
            #[cfg(feature = "npz")]
            NpyError::MissingMember { name, members } => {
                write!(f, "no member `{name}` in the archive; it has ")?;
                if members.is_empty() {
                    return f.write_str("none");
                }
                for (i, member) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "`{member}`")?;
                }
                Ok(())
            }
            #[cfg(feature = "npz")]
            NpyError::Archive(why) => write!(f, "damaged .npz archive: {why}"),
            #[cfg(feature = "std")]
            NpyError::Io(error) => write!(f, "{error}"),
        }
    }
}

impl core::error::Error for NpyError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        match self {
            NpyError::Inexact(error) => Some(error),
            #[cfg(feature = "std")]
            NpyError::Io(error) => Some(error),
            _ => None,
        }
    }
}

#[cfg(feature = "std")]
impl From<std::io::Error> for NpyError {
    fn from(error: std::io::Error) -> Self {
        NpyError::Io(error)
    }
}
