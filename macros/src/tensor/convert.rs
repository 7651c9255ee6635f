//! One literal → one value of the target dtype, under API §1's one rule: exact unless a cast
//! mode is named, except that a float literal into a float dtype is rounded once from its
//! decimal digits (an error only on overflow, or a non-zero value rounding to zero).

use std::cmp::Ordering;

use tensorize_runtime::__private::Scalar;
use tensorize_runtime::{CastMode, DType};

use super::literal::{is_nonzero, without_underscores};
use super::parse::{Literal, LiteralValue};
use crate::decimal::{Decimal, Fraction};

/// One literal of a `tensor!` being converted: for messages, its text as written.
struct Source<'a> {
    texts: &'a str,
    literal: &'a Literal,
}

impl Source<'_> {
    fn text(&self) -> String {
        self.literal.text(self.texts)
    }
}

/// Converts a literal (whose text is in `texts`), or returns the message of why it cannot be
/// stored exactly.
pub(crate) fn convert(
    texts: &str,
    literal: &Literal,
    to: DType,
    mode: Option<CastMode>,
) -> Result<Scalar, String> {
    let source = Source { texts, literal };
    let negative = literal.negative;
    match &literal.value {
        LiteralValue::Bool(b) => Ok(Scalar::Bool(*b).cast(to, CastMode::As)),
        LiteralValue::Int(magnitude) => {
            let Some(value) = exact_int(negative, u128::from(*magnitude)) else {
                return Err(format!("`{}` is too large for any dtype", source.text()));
            };
            match mode {
                Some(mode) => Ok(value.cast(to, mode)),
                None => value
                    .cast_exact(to)
                    .ok_or_else(|| inexact(&source, value, to)),
            }
        }
        LiteralValue::Float { digits } => {
            let digits = without_underscores(&texts[digits.clone()]);
            if to.is_float() {
                float_to_float(&source, &digits, negative, to, mode)
            } else {
                match Decimal::parse(&digits) {
                    Some(decimal) => float_to_integer(&source, &decimal, negative, to, mode),
                    None => Err(format!("cannot read the float literal `{}`", source.text())),
                }
            }
        }
    }
}

/// An integer as the widest scalar that holds it exactly.
fn exact_int(negative: bool, magnitude: u128) -> Option<Scalar> {
    if negative {
        let value = 0i128.checked_sub_unsigned(magnitude)?;
        i64::try_from(value).ok().map(Scalar::I64)
    } else {
        u64::try_from(magnitude).ok().map(Scalar::U64)
    }
}

/// Like `exact_int`, but a value beyond `i64`/`u64` becomes their bound (all that saturating
/// into any dtype needs).
fn saturating_int(negative: bool, magnitude: u128) -> Scalar {
    exact_int(negative, magnitude).unwrap_or(if negative {
        Scalar::I64(i64::MIN)
    } else {
        Scalar::U64(u64::MAX)
    })
}

fn int_range(dtype: DType) -> Option<(i128, i128)> {
    let (bits, signed) = match dtype {
        DType::U8 => (8, false),
        DType::U16 => (16, false),
        DType::U32 => (32, false),
        DType::U64 => (64, false),
        DType::I8 => (8, true),
        DType::I16 => (16, true),
        DType::I32 => (32, true),
        DType::I64 => (64, true),
        _ => return None,
    };
    Some(if signed {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    } else {
        (0, (1i128 << bits) - 1)
    })
}

fn out_of_range(literal: &Source<'_>, to: DType) -> String {
    let range = int_range(to).map_or_else(String::new, |(min, max)| format!(" ({min}..={max})"));
    format!(
        "`{}` is out of range for {to}{range}; write a value in range, or add `cast = saturate` \
         to clamp it (`cast = as` wraps)",
        literal.text()
    )
}

fn inexact(literal: &Source<'_>, value: Scalar, to: DType) -> String {
    if to == DType::Bool {
        format!(
            "`{}` is not exact as bool (only 0 and 1 are); write `true`/`false`, or add a `cast` \
             mode for `x != 0`",
            literal.text()
        )
    } else if to.is_float() {
        let nearest = value.cast(to, CastMode::As);
        format!(
            "`{}` is not exactly representable as {to} (the nearest {to} is {nearest}); write \
             that, or add `cast = round` to round it",
            literal.text()
        )
    } else {
        out_of_range(literal, to)
    }
}

fn float_to_float(
    literal: &Source<'_>,
    digits: &str,
    negative: bool,
    to: DType,
    mode: Option<CastMode>,
) -> Result<Scalar, String> {
    let Ok(magnitude) = digits.parse::<f64>() else {
        return Err(format!(
            "cannot read the float literal `{}`",
            literal.text()
        ));
    };
    // The value, and whether it overflowed or a non-zero decimal became zero.
    let (value, overflow, underflow) = match to {
        DType::F32 => {
            let Ok(x) = digits.parse::<f32>() else {
                return Err(format!(
                    "cannot read the float literal `{}`",
                    literal.text()
                ));
            };
            let x = if negative { -x } else { x };
            (Scalar::F32(x), x.is_infinite(), x == 0.0)
        }
        DType::F64 => {
            let x = if negative { -magnitude } else { magnitude };
            (Scalar::F64(x), x.is_infinite(), x == 0.0)
        }
        _ => {
            let (value, bits) = half_from_decimal(digits, magnitude, negative, to);
            let infinity = if to == DType::F16 { 0x7c00 } else { 0x7f80 };
            let magnitude_bits = bits & 0x7fff;
            (value, magnitude_bits == infinity, magnitude_bits == 0)
        }
    };
    if overflow {
        let max = match Scalar::F64(f64::MAX).cast(to, CastMode::Saturate) {
            // Its exact value: the shortest decimal that reads back as f16's largest (65500) is
            // not the largest value itself (65504).
            half @ (Scalar::F16(_) | Scalar::BF16(_)) => half.cast(DType::F64, CastMode::As),
            other => other,
        };
        return match mode {
            None => Err(format!(
                "`{}` overflows {to} (largest finite: {max}); add `cast = saturate` to clamp it \
                 to the largest finite value, or `cast = as` for infinity",
                literal.text()
            )),
            Some(CastMode::As) => Ok(value),
            Some(CastMode::Saturate | CastMode::Round) => {
                let signed_max = if negative { -f64::MAX } else { f64::MAX };
                Ok(Scalar::F64(signed_max).cast(to, CastMode::Saturate))
            }
        };
    }
    if underflow && mode.is_none() && is_nonzero(digits) {
        return Err(format!(
            "`{}` underflows to zero in {to}; write `0.0`, or add a `cast` mode to allow it",
            literal.text()
        ));
    }
    Ok(value)
}

/// The nearest f16 or bf16 to the decimal, ties to even, rounded once.
///
/// The decimal is first rounded to the nearest f64. That is already the answer unless the f64
/// lies exactly on a midpoint between two neighbouring 16-bit values (every such midpoint is an
/// f64, so rounding to f64 cannot cross one without landing on it): then an exact comparison of
/// the decimal with the midpoint decides.
fn half_from_decimal(digits: &str, magnitude: f64, negative: bool, to: DType) -> (Scalar, u16) {
    let (man_bits, bias, infinity): (u32, i32, u16) = match to {
        DType::F16 => (10, 15, 0x7c00),
        _ => (7, 127, 0x7f80),
    };
    // The value of a magnitude's bits, reading the infinity pattern as the power of two above
    // the largest finite value (where rounding to infinity starts).
    let value_of = |bits: u16| -> f64 {
        let exponent = i32::from(bits >> man_bits);
        let fraction = f64::from(bits & ((1 << man_bits) - 1));
        let scale = |e: i32| 2f64.powi(e - man_bits as i32);
        if exponent == 0 {
            fraction * scale(1 - bias)
        } else {
            (fraction + f64::from(1u16 << man_bits)) * scale(exponent - bias)
        }
    };
    let rounded = match Scalar::F64(magnitude).cast(to, CastMode::As) {
        Scalar::F16(h) => h.to_bits(),
        Scalar::BF16(h) => h.to_bits(),
        _ => infinity,
    } & 0x7fff;
    let rounded_value = value_of(rounded);
    let beyond_infinity = rounded >= infinity && rounded_value < magnitude;
    let chosen = if rounded_value == magnitude || beyond_infinity {
        rounded
    } else {
        let neighbour = if rounded_value < magnitude {
            rounded + 1
        } else {
            rounded - 1
        };
        let neighbour_value = value_of(neighbour);
        if (rounded_value + neighbour_value) / 2.0 == magnitude {
            let (low, high) = if rounded < neighbour {
                (rounded, neighbour)
            } else {
                (neighbour, rounded)
            };
            match Decimal::parse(digits).map(|decimal| decimal.cmp_f64(magnitude)) {
                Some(Ordering::Greater) => high,
                Some(Ordering::Less) => low,
                Some(Ordering::Equal) | None => rounded,
            }
        } else {
            rounded
        }
    };
    let encoded = chosen.min(infinity) | if negative { 0x8000 } else { 0 };
    let value = match to {
        DType::F16 => Scalar::F16(tensorize_runtime::f16::from_bits(encoded)),
        _ => Scalar::BF16(tensorize_runtime::bf16::from_bits(encoded)),
    };
    (value, encoded)
}

fn float_to_integer(
    literal: &Source<'_>,
    decimal: &Decimal,
    negative: bool,
    to: DType,
    mode: Option<CastMode>,
) -> Result<Scalar, String> {
    let (integer, fraction) = decimal.integer_part();
    let Some(mode) = mode else {
        if fraction != Fraction::Zero {
            return Err(format!(
                "`{}` is not an integer, so it is not exact as {to}; add `cast = round` (to \
                 nearest, ties to even) or `cast = as` (toward zero)",
                literal.text()
            ));
        }
        let value = integer.and_then(|magnitude| exact_int(negative, magnitude));
        return match value.and_then(|value| value.cast_exact(to)) {
            Some(converted) => Ok(converted),
            None if to == DType::Bool => Err(inexact(literal, Scalar::U64(0), to)),
            None => Err(out_of_range(literal, to)),
        };
    };
    if to == DType::Bool {
        return Ok(Scalar::Bool(!decimal.is_zero()));
    }
    let integer = integer.unwrap_or(u128::MAX);
    let integer = match (mode, fraction) {
        (CastMode::Round, Fraction::AboveHalf) => integer.saturating_add(1),
        (CastMode::Round, Fraction::Half) if integer % 2 == 1 => integer.saturating_add(1),
        _ => integer,
    };
    // Float → integer saturates in every mode.
    Ok(saturating_int(negative, integer).cast(to, CastMode::Saturate))
}
