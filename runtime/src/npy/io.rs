//! Reading `.npy` files into ndarray arrays and writing arrays out (feature `npy`).

use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::vec::Vec;

use ndarray::{ArrayBase, ArrayD, Data, Dimension};

use super::convert::{check_policy, to_array, Policy};
use super::error::NpyError;
use super::header::{parse_dict, preamble, Header, MAGIC};
use crate::element::Scalar;
use crate::{CastMode, DType, Element};

/// The most a reader pre-allocates before bytes arrive: a header may promise more data than the
/// file has.
pub(crate) const MAX_PREALLOCATION: usize = 64 << 20;

/// Reads an array whose dtype is `T` or converts to `T` without loss (`u8` → `f32`, `f16` →
/// `f32`, …).
///
/// # Errors
///
/// I/O errors, malformed files, or a dtype that does not widen to `T` losslessly (the error
/// names both dtypes).
///
/// ```
/// use ndarray::array;
/// use tensorize_runtime::npy;
///
/// let path = std::env::temp_dir().join("tensorize-doc-read.npy");
/// npy::write(&path, &array![[1u8, 2], [3, 4]]).unwrap();
/// let wide: ndarray::ArrayD<f32> = npy::read(&path).unwrap();
/// assert_eq!(wide, array![[1.0, 2.0], [3.0, 4.0]].into_dyn());
/// assert!(npy::read::<i8>(&path).is_err()); // u8 → i8 can lose values
/// ```
pub fn read<T: Element>(path: impl AsRef<Path>) -> Result<ArrayD<T>, NpyError> {
    read_file(path.as_ref(), Policy::Lossless)
}

/// Reads an in-memory file, pre-allocating no more than it holds (the fuzz test's entry).
#[cfg(test)]
pub(crate) fn read_bytes<T: Element>(bytes: &[u8]) -> Result<ArrayD<T>, NpyError> {
    read_array(bytes, Policy::Lossless, bytes.len())
}

/// Reads a file, pre-allocating no more than the file holds.
fn read_file<T: Element>(path: &Path, policy: Policy) -> Result<ArrayD<T>, NpyError> {
    let file = File::open(path)?;
    let limit = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
    read_array(BufReader::new(file), policy, limit.min(MAX_PREALLOCATION))
}

/// Reads an array, converting every value to `T` under `mode`.
///
/// # Errors
///
/// I/O errors or malformed files.
///
/// ```
/// use ndarray::array;
/// use tensorize_runtime::{npy, CastMode};
///
/// let path = std::env::temp_dir().join("tensorize-doc-read-with.npy");
/// npy::write(&path, &array![2.7f64, -2.5]).unwrap();
/// let ints: ndarray::ArrayD<i32> = npy::read_with(&path, CastMode::Round).unwrap();
/// assert_eq!(ints, array![3, -2].into_dyn());
/// ```
pub fn read_with<T: Element>(
    path: impl AsRef<Path>,
    mode: CastMode,
) -> Result<ArrayD<T>, NpyError> {
    read_file(path.as_ref(), Policy::Mode(mode))
}

/// Reads an array, converting every value to `T` if each converts exactly.
///
/// # Errors
///
/// I/O errors, malformed files, or [`NpyError::Inexact`] naming the first value that does not
/// convert exactly (by its index in the file's memory order).
///
/// ```
/// use ndarray::array;
/// use tensorize_runtime::npy;
///
/// let path = std::env::temp_dir().join("tensorize-doc-try-read.npy");
/// npy::write(&path, &array![1.0f64, 2.0, 2.5]).unwrap();
/// let err = npy::try_read::<i32>(&path).unwrap_err();
/// assert_eq!(err.to_string(), "element 2: 2.5 is not exactly representable as i32");
/// ```
pub fn try_read<T: Element>(path: impl AsRef<Path>) -> Result<ArrayD<T>, NpyError> {
    read_file(path.as_ref(), Policy::Exact)
}

/// [`read()`] from any reader.
///
/// Pre-allocates at most 64 MiB and grows as bytes arrive, so a header that claims more data
/// than the stream has cannot make it allocate more than the stream holds.
///
/// # Errors
///
/// As [`read`].
///
/// ```
/// use tensorize_runtime::npy;
///
/// let mut bytes = Vec::new();
/// npy::to_writer(&mut bytes, &ndarray::array![1.5f32, 2.5]).unwrap();
/// let back: ndarray::ArrayD<f64> = npy::from_reader(&bytes[..]).unwrap();
/// assert_eq!(back.as_slice().unwrap(), &[1.5, 2.5]);
/// ```
pub fn from_reader<T: Element, R: Read>(reader: R) -> Result<ArrayD<T>, NpyError> {
    read_array(reader, Policy::Lossless, MAX_PREALLOCATION)
}

/// The dtype and shape of a file, read from its header alone.
///
/// # Errors
///
/// I/O errors or a malformed header.
///
/// ```
/// use tensorize_runtime::{npy, DType};
///
/// let path = std::env::temp_dir().join("tensorize-doc-header.npy");
/// npy::write(&path, &ndarray::Array3::<f32>::zeros((2, 3, 4))).unwrap();
/// assert_eq!(npy::header(&path).unwrap(), (DType::F32, vec![2, 3, 4]));
/// ```
pub fn header(path: impl AsRef<Path>) -> Result<(DType, Vec<usize>), NpyError> {
    let header = read_header(&mut BufReader::new(File::open(path)?))?;
    Ok((header.dtype, header.shape().to_vec()))
}

fn read_header<R: Read>(reader: &mut R) -> Result<Header, NpyError> {
    read_header_limited(reader, MAX_PREALLOCATION)
}

/// The header, pre-allocating at most `limit` bytes for it.
pub(crate) fn read_header_limited<R: Read>(
    reader: &mut R,
    limit: usize,
) -> Result<Header, NpyError> {
    let mut prefix = [0u8; 12];
    read_full(reader, &mut prefix[..8])?;
    let extra = if prefix[..6] == MAGIC[..] && prefix[6] == 1 {
        2
    } else {
        4
    };
    if prefix[..6] == MAGIC[..] {
        read_full(reader, &mut prefix[8..8 + extra])?;
    }
    let (start, len) = preamble(&prefix[..8 + extra])?;
    let mut dict = Vec::with_capacity(len.min(limit));
    reader.take(len as u64).read_to_end(&mut dict)?;
    if dict.len() < len {
        return Err(NpyError::BadHeader("the file ends inside the header"));
    }
    parse_dict(&dict, start + len)
}

/// Fills `buffer`, or reports a file too short to be `.npy`.
fn read_full<R: Read>(reader: &mut R, buffer: &mut [u8]) -> Result<(), NpyError> {
    match reader.read_exact(buffer) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::UnexpectedEof => Err(NpyError::BadMagic),
        Err(error) => Err(error.into()),
    }
}

/// Reads an array, pre-allocating at most `limit` bytes before they arrive.
pub(crate) fn read_array<T: Element, R: Read>(
    mut reader: R,
    policy: Policy,
    limit: usize,
) -> Result<ArrayD<T>, NpyError> {
    let header = read_header_limited(&mut reader, limit)?;
    check_policy::<T>(&header, policy)?;
    let mut data = Vec::with_capacity(header.data_len.min(limit));
    reader.take(header.data_len as u64).read_to_end(&mut data)?;
    if data.len() < header.data_len {
        return Err(NpyError::Truncated {
            expected: header.data_len,
            found: data.len(),
        });
    }
    to_array(&data, &header, policy)
}

/// Writes an array as a `.npy` file numpy reads back with the same dtype, shape and values:
/// C order, native byte order, format 1.0 unless the header needs 2.0; bf16 as `'<V2'` (which
/// numpy loads as `|V2`; `.view(ml_dtypes.bfloat16)` recovers the values).
///
/// # Errors
///
/// I/O errors.
///
/// ```
/// use tensorize_runtime::{npy, DType};
///
/// let path = std::env::temp_dir().join("tensorize-doc-write.npy");
/// npy::write(&path, &ndarray::array![[1i16, 2, 3]]).unwrap();
/// assert_eq!(npy::header(&path).unwrap(), (DType::I16, vec![1, 3]));
/// ```
pub fn write<T, S, D>(path: impl AsRef<Path>, array: &ArrayBase<S, D>) -> Result<(), NpyError>
where
    T: Element,
    S: Data<Elem = T>,
    D: Dimension,
{
    let mut writer = BufWriter::new(File::create(path)?);
    to_writer(&mut writer, array)?;
    writer.flush()?;
    Ok(())
}

/// [`write()`] to any writer.
///
/// # Errors
///
/// I/O errors.
///
/// ```
/// let mut bytes = Vec::new();
/// tensorize_runtime::npy::to_writer(&mut bytes, &ndarray::array![true, false]).unwrap();
/// assert!(bytes.starts_with(b"\x93NUMPY\x01\x00"));
/// assert_eq!(bytes.len(), 128 + 2);
/// ```
pub fn to_writer<T, S, D, W>(mut writer: W, array: &ArrayBase<S, D>) -> Result<(), NpyError>
where
    T: Element,
    S: Data<Elem = T>,
    D: Dimension,
    W: Write,
{
    writer.write_all(&header_bytes(T::DTYPE, array.shape()))?;
    let mut chunk = Vec::with_capacity(8192);
    for &value in array {
        push_native(&mut chunk, value.to_scalar());
        if chunk.len() >= 8184 {
            writer.write_all(&chunk)?;
            chunk.clear();
        }
    }
    writer.write_all(&chunk)?;
    Ok(())
}

/// Magic, version, length and the padded dict, as numpy's `write_array_header` lays them out.
fn header_bytes(dtype: DType, shape: &[usize]) -> Vec<u8> {
    let native = if cfg!(target_endian = "big") {
        '>'
    } else {
        '<'
    };
    let descr = match dtype {
        DType::BF16 => std::string::String::from("<V2"),
        _ if dtype.size_of() == 1 => std::format!("|{}", code(dtype)),
        _ => std::format!("{native}{}", code(dtype)),
    };
    let dims: Vec<std::string::String> = shape.iter().map(|d| std::format!("{d}")).collect();
    let shape = match dims.len() {
        1 => std::format!("({},)", dims[0]),
        _ => std::format!("({})", dims.join(", ")),
    };
    let dict = std::format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    let (version, preamble) = if u16::try_from(dict.len() + 1 + 10).is_ok() {
        (1u8, 10)
    } else {
        (2, 12)
    };
    let total = (preamble + dict.len() + 1).div_ceil(64) * 64;
    let header_len = total - preamble;
    let mut bytes = Vec::with_capacity(total);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&[version, 0]);
    if version == 1 {
        bytes.extend_from_slice(&(header_len as u16).to_le_bytes());
    } else {
        bytes.extend_from_slice(&(header_len as u32).to_le_bytes());
    }
    bytes.extend_from_slice(dict.as_bytes());
    bytes.resize(total - 1, b' ');
    bytes.push(b'\n');
    bytes
}

/// numpy's type code of a dtype.
fn code(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "b1",
        DType::U8 => "u1",
        DType::U16 => "u2",
        DType::U32 => "u4",
        DType::U64 => "u8",
        DType::I8 => "i1",
        DType::I16 => "i2",
        DType::I32 => "i4",
        DType::I64 => "i8",
        DType::F16 => "f2",
        DType::BF16 => "V2",
        DType::F32 => "f4",
        DType::F64 => "f8",
    }
}

/// Appends a value's bytes in native order (bf16 little-endian, as its `'<V2'` descr says).
fn push_native(out: &mut Vec<u8>, value: Scalar) {
    let big_endian = cfg!(target_endian = "big") && value.dtype() != DType::BF16;
    out.extend_from_slice(&value.to_bytes(big_endian)[..value.dtype().size_of()]);
}
