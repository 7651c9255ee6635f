//! Elements from their bytes in a file, in either byte order: one typed decoder per dtype,
//! used by the parser's scalar access and by the readers' typed loops.

use crate::element::Scalar;
use crate::{bf16, f16, DType, Element};

/// An element from its bytes in a file.
pub(crate) trait FromBytes: Element {
    fn from_bytes(bytes: &[u8], big_endian: bool) -> Self;
}

macro_rules! from_bytes {
    ($($t:ty),*) => {$(
        impl FromBytes for $t {
            #[inline(always)]
            fn from_bytes(bytes: &[u8], big_endian: bool) -> $t {
                let mut raw = [0u8; core::mem::size_of::<$t>()];
                raw.copy_from_slice(bytes);
                if big_endian { <$t>::from_be_bytes(raw) } else { <$t>::from_le_bytes(raw) }
            }
        }
    )*};
}
from_bytes!(u8, u16, u32, u64, i8, i16, i32, i64, f32, f64);

impl FromBytes for bool {
    #[inline(always)]
    fn from_bytes(bytes: &[u8], _: bool) -> bool {
        bytes[0] != 0
    }
}

impl FromBytes for f16 {
    #[inline(always)]
    fn from_bytes(bytes: &[u8], big_endian: bool) -> f16 {
        f16::from_bits(u16::from_bytes(bytes, big_endian))
    }
}

impl FromBytes for bf16 {
    #[inline(always)]
    fn from_bytes(bytes: &[u8], big_endian: bool) -> bf16 {
        bf16::from_bits(u16::from_bytes(bytes, big_endian))
    }
}

/// One element from its bytes, tagged with its dtype.
pub(crate) fn decode(bytes: &[u8], dtype: DType, big_endian: bool) -> Scalar {
    match dtype {
        DType::Bool => bool::from_bytes(bytes, big_endian).to_scalar(),
        DType::U8 => u8::from_bytes(bytes, big_endian).to_scalar(),
        DType::U16 => u16::from_bytes(bytes, big_endian).to_scalar(),
        DType::U32 => u32::from_bytes(bytes, big_endian).to_scalar(),
        DType::U64 => u64::from_bytes(bytes, big_endian).to_scalar(),
        DType::I8 => i8::from_bytes(bytes, big_endian).to_scalar(),
        DType::I16 => i16::from_bytes(bytes, big_endian).to_scalar(),
        DType::I32 => i32::from_bytes(bytes, big_endian).to_scalar(),
        DType::I64 => i64::from_bytes(bytes, big_endian).to_scalar(),
        DType::F16 => f16::from_bytes(bytes, big_endian).to_scalar(),
        DType::BF16 => bf16::from_bytes(bytes, big_endian).to_scalar(),
        DType::F32 => f32::from_bytes(bytes, big_endian).to_scalar(),
        DType::F64 => f64::from_bytes(bytes, big_endian).to_scalar(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoding_and_decoding_round_trip_in_both_byte_orders() {
        let values = [
            Scalar::Bool(true),
            Scalar::U8(200),
            Scalar::I8(-5),
            Scalar::U16(0x1234),
            Scalar::I16(-2),
            Scalar::U32(0xdead_beef),
            Scalar::I32(-7),
            Scalar::U64(u64::MAX - 1),
            Scalar::I64(i64::MIN),
            Scalar::F16(f16::from_f32(1.5)),
            Scalar::BF16(bf16::from_f32(-3.0)),
            Scalar::F32(0.1),
            Scalar::F64(-1e300),
        ];
        for value in values {
            let size = value.dtype().size_of();
            for big_endian in [false, true] {
                let bytes = value.to_bytes(big_endian);
                assert_eq!(decode(&bytes[..size], value.dtype(), big_endian), value);
            }
        }
        assert_eq!(Scalar::U16(0x1234).to_bytes(true)[..2], [0x12, 0x34]);
        assert_eq!(Scalar::U16(0x1234).to_bytes(false)[..2], [0x34, 0x12]);
    }
}
