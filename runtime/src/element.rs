//! The sealed `Element` trait: the Rust types a tensor can hold, one per [`DType`].

use core::fmt;

use crate::cast::scalar::Convert;
use crate::tensor::shortest::write_shortest;
use crate::{bf16, f16, DType};

mod sealed {
    pub trait Sealed {}
}

/// A Rust type that is one of the thirteen [`DType`]s: `bool`, `u8`…`u64`, `i8`…`i64`,
/// [`f16`](struct@crate::f16), [`bf16`](struct@crate::bf16), `f32`, `f64`.
///
/// The trait is sealed. It carries the dtype and the hidden machinery the conversion kernels
/// are built from.
///
/// ```
/// use tensorize_runtime::{DType, Element, f16};
///
/// fn dtype_of<T: Element>(_: &[T]) -> DType {
///     T::DTYPE
/// }
/// assert_eq!(dtype_of(&[1.5f32]), DType::F32);
/// assert_eq!(dtype_of(&[f16::ONE]), DType::F16);
/// ```
pub trait Element:
    sealed::Sealed
    + Convert
    + Copy
    + Default
    + PartialEq
    + PartialOrd
    + fmt::Debug
    + fmt::Display
    + Send
    + Sync
    + 'static
{
    /// The dtype this type stands for.
    const DTYPE: DType;

    /// Zero (`false` for bool): the fill of [`Tensor::default`](crate::Tensor).
    #[doc(hidden)]
    const ZERO: Self;

    /// The value, tagged with its dtype.
    #[doc(hidden)]
    fn to_scalar(self) -> Scalar;
}

/// One value of any dtype: the dynamic form of an [`Element`], used where the dtype is known only
/// at run time (errors, the macros at expansion, files).
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    Bool(bool),
    U8(u8),
    U16(u16),
    U32(u32),
    U64(u64),
    I8(i8),
    I16(i16),
    I32(i32),
    I64(i64),
    F16(f16),
    BF16(bf16),
    F32(f32),
    F64(f64),
}

macro_rules! impl_element {
    ($($ty:ident => $variant:ident, $zero:expr;)*) => {$(
        impl sealed::Sealed for $ty {}

        impl Element for $ty {
            const DTYPE: DType = DType::$variant;
            const ZERO: Self = $zero;

            #[inline(always)]
            fn to_scalar(self) -> Scalar {
                Scalar::$variant(self)
            }
        }
    )*

        impl Scalar {
            /// The dtype of the value.
            pub const fn dtype(self) -> DType {
                match self {
                    $(Scalar::$variant(_) => DType::$variant,)*
                }
            }

            /// The value's bytes in the given byte order (bool as 0 or 1), in the first
            /// `self.dtype().size_of()` bytes of the array.
            pub fn to_bytes(self, big_endian: bool) -> [u8; 8] {
                fn bytes<const N: usize>(value: [u8; N]) -> [u8; 8] {
                    let mut out = [0; 8];
                    out[..N].copy_from_slice(&value);
                    out
                }
                match self {
                    Scalar::Bool(x) => bytes([u8::from(x)]),
                    Scalar::F16(x) => Scalar::U16(x.to_bits()).to_bytes(big_endian),
                    Scalar::BF16(x) => Scalar::U16(x.to_bits()).to_bytes(big_endian),
                    Scalar::F32(x) => Scalar::U32(x.to_bits()).to_bytes(big_endian),
                    Scalar::F64(x) => Scalar::U64(x.to_bits()).to_bytes(big_endian),
                    Scalar::U8(x) => bytes([x]),
                    Scalar::I8(x) => bytes(x.to_le_bytes()),
                    Scalar::U16(x) => bytes(if big_endian { x.to_be_bytes() } else { x.to_le_bytes() }),
                    Scalar::U32(x) => bytes(if big_endian { x.to_be_bytes() } else { x.to_le_bytes() }),
                    Scalar::U64(x) => bytes(if big_endian { x.to_be_bytes() } else { x.to_le_bytes() }),
                    Scalar::I16(x) => bytes(if big_endian { x.to_be_bytes() } else { x.to_le_bytes() }),
                    Scalar::I32(x) => bytes(if big_endian { x.to_be_bytes() } else { x.to_le_bytes() }),
                    Scalar::I64(x) => bytes(if big_endian { x.to_be_bytes() } else { x.to_le_bytes() }),
                }
            }

            /// Converts to `to` under `mode` (see [`CastMode`](crate::CastMode)).
            #[must_use]
            pub fn cast(self, to: DType, mode: crate::CastMode) -> Scalar {
                match to {
                    $(DType::$variant => Scalar::$variant(<$ty as Convert>::from_scalar(self, mode)),)*
                }
            }

            /// Converts to `to` if the value converts back to an equal value (API §1's one rule).
            pub fn cast_exact(self, to: DType) -> Option<Scalar> {
                Some(match to {
                    $(DType::$variant => Scalar::$variant(<$ty as Convert>::exact_from_scalar(self)?),)*
                })
            }
        }

        impl Scalar {
            /// The value as its type's `Debug` prints it.
            fn fmt_debug(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(Scalar::$variant(value) => fmt::Debug::fmt(value, f),)*
                }
            }
        }
    };
}

impl Scalar {
    /// Whether the value is a float NaN.
    pub fn is_nan(self) -> bool {
        match self {
            Scalar::F16(x) => x.is_nan(),
            Scalar::BF16(x) => x.is_nan(),
            Scalar::F32(x) => x.is_nan(),
            Scalar::F64(x) => x.is_nan(),
            _ => false,
        }
    }
}

impl fmt::Display for Scalar {
    /// The value as Rust's `Debug` prints it (`14.5`, `2.0`, `-3`, `NaN`, `true`), but f16 and
    /// bf16 as the shortest decimal that reads back in their own dtype (`0.1`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::F16(value) => write_shortest(*value, f),
            Scalar::BF16(value) => write_shortest(*value, f),
            other => other.fmt_debug(f),
        }
    }
}

impl_element! {
    bool => Bool, false;
    u8 => U8, 0;
    u16 => U16, 0;
    u32 => U32, 0;
    u64 => U64, 0;
    i8 => I8, 0;
    i16 => I16, 0;
    i32 => I32, 0;
    i64 => I64, 0;
    f16 => F16, f16::ZERO;
    bf16 => BF16, bf16::ZERO;
    f32 => F32, 0.0;
    f64 => F64, 0.0;
}
