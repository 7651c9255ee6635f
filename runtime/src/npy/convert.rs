//! Decoding a file's data bytes and converting them to the requested element type, under the
//! dtype rule of `read` (the file's dtype or a lossless widening), a named mode, or
//! value-exactly: into a new vector (`read`, `to_array`) or into a batch buffer (streaming).

use alloc::vec::Vec;

use super::bytes::FromBytes;
use super::error::NpyError;
use super::header::Header;
use crate::buffer::{filled, try_filled};
use crate::cast::slice::{cast_into_uninit, try_cast_into_uninit};
#[cfg(feature = "npy")]
use crate::cast::slice::{cast_into_with, try_cast_into};
use crate::{bf16, f16, CastError, CastMode, DType, Element};

/// How values convert to the requested element type.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Policy {
    /// The file's dtype or a lossless widening of it.
    Lossless,
    /// Any dtype, under a mode.
    Mode(CastMode),
    /// Any dtype, value-exact.
    Exact,
}

impl Policy {
    /// Whether `file` data may be read as `requested` (every pair but a lossy one under
    /// `Lossless`).
    pub(crate) fn allows(self, file: DType, requested: DType) -> bool {
        !matches!(self, Policy::Lossless) || file.can_cast_lossless(requested)
    }
}

/// The array's shape with the file's memory order (Fortran files keep their layout).
pub(crate) fn layout(header: &Header) -> ndarray::StrideShape<ndarray::IxDyn> {
    let shape = ndarray::IxDyn(header.shape());
    if header.fortran_order {
        ndarray::ShapeBuilder::f(shape).into()
    } else {
        shape.into()
    }
}

/// The data (the file's bytes after the header) as a new array of `T` under `policy`.
pub(crate) fn to_array<T: Element>(
    data: &[u8],
    header: &Header,
    policy: Policy,
) -> Result<ndarray::ArrayD<T>, NpyError> {
    check_policy::<T>(header, policy)?;
    let values = convert_values::<T>(data, header.dtype, header.big_endian, policy)
        .map_err(NpyError::Inexact)?;
    ndarray::ArrayD::from_shape_vec(layout(header), values).map_err(|_| NpyError::ShapeOverflow)
}

pub(crate) fn check_policy<T: Element>(header: &Header, policy: Policy) -> Result<(), NpyError> {
    if header.dtype == DType::BF16 && T::DTYPE != DType::BF16 {
        return Err(NpyError::Bf16Only {
            requested: T::DTYPE,
        });
    }
    if !policy.allows(header.dtype, T::DTYPE) {
        return Err(NpyError::DtypeMismatch {
            file: header.dtype,
            requested: T::DTYPE,
        });
    }
    Ok(())
}

/// Data of `dtype` in the given byte order, decoded and converted to `T`: one pass per step,
/// each monomorphic in its types (the dtype is matched once, not per element). The caller has
/// checked the dtype rule ([`Policy::allows`]).
pub(crate) fn convert_values<T: Element>(
    data: &[u8],
    dtype: DType,
    big_endian: bool,
    policy: Policy,
) -> Result<Vec<T>, CastError> {
    match dtype {
        DType::Bool => convert_from::<bool, T>(data, big_endian, policy),
        DType::U8 => convert_from::<u8, T>(data, big_endian, policy),
        DType::U16 => convert_from::<u16, T>(data, big_endian, policy),
        DType::U32 => convert_from::<u32, T>(data, big_endian, policy),
        DType::U64 => convert_from::<u64, T>(data, big_endian, policy),
        DType::I8 => convert_from::<i8, T>(data, big_endian, policy),
        DType::I16 => convert_from::<i16, T>(data, big_endian, policy),
        DType::I32 => convert_from::<i32, T>(data, big_endian, policy),
        DType::I64 => convert_from::<i64, T>(data, big_endian, policy),
        DType::F16 => convert_from::<f16, T>(data, big_endian, policy),
        DType::BF16 => convert_from::<bf16, T>(data, big_endian, policy),
        DType::F32 => convert_from::<f32, T>(data, big_endian, policy),
        DType::F64 => convert_from::<f64, T>(data, big_endian, policy),
    }
}

fn convert_from<S: FromBytes, T: Element>(
    data: &[u8],
    big_endian: bool,
    policy: Policy,
) -> Result<Vec<T>, CastError> {
    let mut decoded: Vec<S> = crate::buffer::with_capacity(data.len() / core::mem::size_of::<S>());
    decoded.extend(
        data.chunks_exact(core::mem::size_of::<S>())
            .map(|bytes| S::from_bytes(bytes, big_endian)),
    );
    // The file's own dtype needs no conversion.
    let decoded = match (alloc::boxed::Box::new(decoded) as alloc::boxed::Box<dyn core::any::Any>)
        .downcast::<Vec<T>>()
    {
        Ok(same) => return Ok(*same),
        Err(other) => match other.downcast::<Vec<S>>() {
            Ok(decoded) => *decoded,
            Err(_) => unreachable!("the vector was a Vec<S>"),
        },
    };
    let len = decoded.len();
    match policy {
        Policy::Lossless => Ok(filled(len, |spare| {
            cast_into_uninit(&decoded, spare, CastMode::As)
        })),
        Policy::Mode(mode) => Ok(filled(len, |spare| cast_into_uninit(&decoded, spare, mode))),
        Policy::Exact => try_filled(len, |spare| try_cast_into_uninit(&decoded, spare)),
    }
}

#[cfg(feature = "npy")]
/// Decodes `data` (the file's dtype and byte order) into `out` (`data.len() / size` elements)
/// under `policy`, without allocating: chunks of the file's values are decoded into a buffer on
/// the stack, then converted by the slice kernels. An inexact value's error has its index in
/// `out`.
pub(crate) fn convert_into<T: Element>(
    data: &[u8],
    dtype: DType,
    big_endian: bool,
    policy: Policy,
    out: &mut [T],
) -> Result<(), CastError> {
    match dtype {
        DType::Bool => convert_into_from::<bool, T>(data, big_endian, policy, out),
        DType::U8 => convert_into_from::<u8, T>(data, big_endian, policy, out),
        DType::U16 => convert_into_from::<u16, T>(data, big_endian, policy, out),
        DType::U32 => convert_into_from::<u32, T>(data, big_endian, policy, out),
        DType::U64 => convert_into_from::<u64, T>(data, big_endian, policy, out),
        DType::I8 => convert_into_from::<i8, T>(data, big_endian, policy, out),
        DType::I16 => convert_into_from::<i16, T>(data, big_endian, policy, out),
        DType::I32 => convert_into_from::<i32, T>(data, big_endian, policy, out),
        DType::I64 => convert_into_from::<i64, T>(data, big_endian, policy, out),
        DType::F16 => convert_into_from::<f16, T>(data, big_endian, policy, out),
        DType::BF16 => convert_into_from::<bf16, T>(data, big_endian, policy, out),
        DType::F32 => convert_into_from::<f32, T>(data, big_endian, policy, out),
        DType::F64 => convert_into_from::<f64, T>(data, big_endian, policy, out),
    }
}

#[cfg(feature = "npy")]
/// Values decoded per step: 16 KiB of f64 on the stack, well inside L1/L2.
const CHUNK: usize = 2048;

#[cfg(feature = "npy")]
fn convert_into_from<S: FromBytes, T: Element>(
    data: &[u8],
    big_endian: bool,
    policy: Policy,
    out: &mut [T],
) -> Result<(), CastError> {
    let size = core::mem::size_of::<S>();
    // u8 data is already its values: convert straight from the bytes.
    if S::DTYPE == DType::U8 {
        return convert_slice(data, policy, out);
    }
    let mut decoded = [S::ZERO; CHUNK];
    for (start, (bytes, out)) in data
        .chunks(CHUNK * size)
        .zip(out.chunks_mut(CHUNK))
        .enumerate()
    {
        let values = &mut decoded[..out.len()];
        for (value, bytes) in values.iter_mut().zip(bytes.chunks_exact(size)) {
            *value = S::from_bytes(bytes, big_endian);
        }
        convert_slice(values, policy, out).map_err(|error| error.offset(start * CHUNK))?;
    }
    Ok(())
}

#[cfg(feature = "npy")]
fn convert_slice<S: Element, T: Element>(
    values: &[S],
    policy: Policy,
    out: &mut [T],
) -> Result<(), CastError> {
    match policy {
        Policy::Lossless => cast_into_with(values, out, CastMode::As),
        Policy::Mode(mode) => cast_into_with(values, out, mode),
        Policy::Exact => return try_cast_into(values, out),
    }
    Ok(())
}
