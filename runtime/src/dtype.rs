//! The thirteen element types a tensor can hold, and the rule for lossless casts between them.

use core::fmt;
use core::str::FromStr;

/// The element type of a tensor.
///
/// The order of the variants is the order of [`DType::ALL`]: bool, unsigned, signed, then floats
/// from narrowest to widest (with bf16 after f16).
///
/// ```
/// use tensorize_runtime::DType;
///
/// assert_eq!(DType::F16.name(), "f16");
/// assert_eq!(DType::I64.size_of(), 8);
/// assert_eq!("float32".parse::<DType>(), Ok(DType::F32));
/// assert!(DType::U8.can_cast_lossless(DType::F16));
/// assert!(!DType::I64.can_cast_lossless(DType::F64)); // rounds above 2^53
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DType {
    /// `bool`
    Bool,
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// IEEE 754 binary16, [`half::f16`](crate::f16)
    F16,
    /// bfloat16, [`half::bf16`](crate::bf16)
    BF16,
    /// `f32`
    F32,
    /// `f64`
    F64,
}

/// How a dtype's values are built: what decides which casts are exact.
#[derive(Clone, Copy)]
enum Kind {
    Bool,
    /// An integer with `bits` bits, signed or not.
    Int {
        signed: bool,
        bits: u32,
    },
    /// A binary float with `precision` significant bits (the implicit one included) and
    /// largest finite exponent `max_exp` (largest finite value below `2^(max_exp + 1)`).
    Float {
        precision: u32,
        max_exp: i32,
    },
}

impl DType {
    /// All thirteen dtypes, in declaration order.
    ///
    /// ```
    /// assert_eq!(tensorize_runtime::DType::ALL.len(), 13);
    /// ```
    pub const ALL: [DType; 13] = [
        DType::Bool,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::I8,
        DType::I16,
        DType::I32,
        DType::I64,
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::F64,
    ];

    /// The Rust name of the dtype: `"bool"`, `"u8"`, …, `"f16"`, `"bf16"`, `"f32"`, `"f64"`.
    ///
    /// ```
    /// assert_eq!(tensorize_runtime::DType::BF16.name(), "bf16");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::U8 => "u8",
            DType::U16 => "u16",
            DType::U32 => "u32",
            DType::U64 => "u64",
            DType::I8 => "i8",
            DType::I16 => "i16",
            DType::I32 => "i32",
            DType::I64 => "i64",
            DType::F16 => "f16",
            DType::BF16 => "bf16",
            DType::F32 => "f32",
            DType::F64 => "f64",
        }
    }

    /// The size of one element in bytes.
    ///
    /// ```
    /// assert_eq!(tensorize_runtime::DType::BF16.size_of(), 2);
    /// ```
    pub const fn size_of(self) -> usize {
        match self {
            DType::Bool | DType::U8 | DType::I8 => 1,
            DType::U16 | DType::I16 | DType::F16 | DType::BF16 => 2,
            DType::U32 | DType::I32 | DType::F32 => 4,
            DType::U64 | DType::I64 | DType::F64 => 8,
        }
    }

    /// Whether the dtype is `f16`, `bf16`, `f32` or `f64`.
    ///
    /// ```
    /// assert!(tensorize_runtime::DType::BF16.is_float());
    /// assert!(!tensorize_runtime::DType::I8.is_float());
    /// ```
    pub const fn is_float(self) -> bool {
        matches!(self.kind(), Kind::Float { .. })
    }

    /// Whether the dtype is one of the eight integer types.
    ///
    /// ```
    /// assert!(tensorize_runtime::DType::U64.is_integer());
    /// assert!(!tensorize_runtime::DType::Bool.is_integer());
    /// ```
    pub const fn is_integer(self) -> bool {
        matches!(self.kind(), Kind::Int { .. })
    }

    const fn kind(self) -> Kind {
        match self {
            DType::Bool => Kind::Bool,
            DType::U8 => Kind::Int {
                signed: false,
                bits: 8,
            },
            DType::U16 => Kind::Int {
                signed: false,
                bits: 16,
            },
            DType::U32 => Kind::Int {
                signed: false,
                bits: 32,
            },
            DType::U64 => Kind::Int {
                signed: false,
                bits: 64,
            },
            DType::I8 => Kind::Int {
                signed: true,
                bits: 8,
            },
            DType::I16 => Kind::Int {
                signed: true,
                bits: 16,
            },
            DType::I32 => Kind::Int {
                signed: true,
                bits: 32,
            },
            DType::I64 => Kind::Int {
                signed: true,
                bits: 64,
            },
            DType::F16 => Kind::Float {
                precision: 11,
                max_exp: 15,
            },
            DType::BF16 => Kind::Float {
                precision: 8,
                max_exp: 127,
            },
            DType::F32 => Kind::Float {
                precision: 24,
                max_exp: 127,
            },
            DType::F64 => Kind::Float {
                precision: 53,
                max_exp: 1023,
            },
        }
    }

    /// Whether **every** value of `self` is exactly representable in `to`.
    ///
    /// This is the rule behind [`LosslessFrom`](crate::LosslessFrom): a cast is allowed without
    /// a [`CastMode`](crate::CastMode) exactly when this returns `true`.
    ///
    /// It agrees with numpy's `np.can_cast(from, to, "safe")` (and with `ml_dtypes` for bf16) on
    /// every pair but two: numpy calls `i64 → f64` and `u64 → f64` safe, although they round
    /// every integer above 2^53 (`2**53 + 1` becomes `2**53`). Here they are not lossless.
    ///
    /// ```
    /// use tensorize_runtime::DType;
    ///
    /// assert!(DType::Bool.can_cast_lossless(DType::F16)); // bool → any number
    /// assert!(!DType::U8.can_cast_lossless(DType::Bool)); // number → bool never
    /// assert!(DType::I16.can_cast_lossless(DType::F32));
    /// assert!(!DType::I16.can_cast_lossless(DType::F16)); // 2049 is not an f16
    /// assert!(!DType::F16.can_cast_lossless(DType::BF16)); // f16 has more precision
    /// assert!(!DType::U64.can_cast_lossless(DType::F64));
    /// ```
    pub const fn can_cast_lossless(self, to: DType) -> bool {
        match (self.kind(), to.kind()) {
            (Kind::Bool, _) => true,
            (_, Kind::Bool) | (Kind::Float { .. }, Kind::Int { .. }) => false,
            (
                Kind::Int {
                    signed: s1,
                    bits: b1,
                },
                Kind::Int {
                    signed: s2,
                    bits: b2,
                },
            ) => match (s1, s2) {
                (false, false) | (true, true) => b1 <= b2,
                (false, true) => b1 < b2,
                (true, false) => false,
            },
            // An integer fits when all its magnitude bits fit the significand.
            (Kind::Int { signed, bits }, Kind::Float { precision, .. }) => {
                let magnitude_bits = if signed { bits - 1 } else { bits };
                magnitude_bits <= precision
            }
            (
                Kind::Float {
                    precision: p1,
                    max_exp: e1,
                },
                Kind::Float {
                    precision: p2,
                    max_exp: e2,
                },
            ) => p1 <= p2 && e1 <= e2,
        }
    }
}

impl fmt::Display for DType {
    /// Writes [`DType::name`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// The error of parsing a [`DType`] from a string that names none.
///
/// ```
/// let err = "complex64".parse::<tensorize_runtime::DType>().unwrap_err();
/// assert!(err.to_string().starts_with("unknown dtype, expected one of bool, u8, u16"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDTypeError {
    _private: (),
}

impl fmt::Display for ParseDTypeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown dtype, expected one of ")?;
        write_valid_names(f)
    }
}

fn write_valid_names(f: &mut fmt::Formatter<'_>) -> fmt::Result {
    for (i, dtype) in DType::ALL.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(dtype.name())?;
    }
    f.write_str(" (or a numpy name such as float32, int64, bfloat16)")
}

impl core::error::Error for ParseDTypeError {}

impl FromStr for DType {
    type Err = ParseDTypeError;

    /// Parses a Rust name (`"f32"`) or a numpy name (`"float32"`, `"int64"`, `"bool_"`,
    /// `"bfloat16"`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        DType::from_name(s).ok_or(ParseDTypeError { _private: () })
    }
}

impl DType {
    /// The dtype a Rust or numpy name stands for, if any.
    ///
    /// ```
    /// use tensorize_runtime::DType;
    /// assert_eq!(DType::from_name("uint16"), Some(DType::U16));
    /// assert_eq!(DType::from_name("u16"), Some(DType::U16));
    /// assert_eq!(DType::from_name("u17"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<DType> {
        if let Some(dtype) = DType::ALL.iter().find(|d| d.name() == name) {
            return Some(*dtype);
        }
        Some(match name {
            "bool_" => DType::Bool,
            "uint8" => DType::U8,
            "uint16" => DType::U16,
            "uint32" => DType::U32,
            "uint64" => DType::U64,
            "int8" => DType::I8,
            "int16" => DType::I16,
            "int32" => DType::I32,
            "int64" => DType::I64,
            "float16" | "half" => DType::F16,
            "bfloat16" => DType::BF16,
            "float32" | "single" => DType::F32,
            "float64" | "double" => DType::F64,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips() {
        for dtype in DType::ALL {
            assert_eq!(dtype.name().parse::<DType>(), Ok(dtype));
        }
    }
}
