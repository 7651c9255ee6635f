//! f16 and bf16 printed as the shortest decimal that reads back to the same value, as numpy
//! prints `float16(0.1)` as `0.1` (half's own `Display` goes through f32 and prints
//! `0.099975586`).
//!
//! The search is the one the definition suggests, on values that are exact in f64: for each
//! count of significant digits, the nearest decimal with that many digits (core's `{:.*e}`,
//! which rounds the exact value) and its neighbour on the other side of the value are tried, in
//! that order; the first that converts back to the same bits wins. The neighbour matters only at
//! a power of two, where the gap below a value is half the gap above it. Conversions back are
//! core's correctly rounded `str::parse::<f64>` and then the crate's own single-rounding
//! f64 → f16/bf16. The digits are laid out as Rust's `Debug` lays out an `f32` (`0.1`, `2.0`,
//! `65500.0`, `6e-8`, `3.39e38`), so columns of f16 and f32 tensors look alike.

use core::fmt::{self, Write};

use crate::cast::scalar::Convert;
use crate::element::Scalar;
use crate::{bf16, f16, CastMode};

/// A 16-bit float format that prints by its shortest decimal.
pub(crate) trait Half16: Convert + Copy {
    fn bits(self) -> u16;
    fn to_f64(self) -> f64;
}

impl Half16 for f16 {
    fn bits(self) -> u16 {
        self.to_bits()
    }
    fn to_f64(self) -> f64 {
        f64::from_scalar(Scalar::F16(self), CastMode::As)
    }
}

impl Half16 for bf16 {
    fn bits(self) -> u16 {
        self.to_bits()
    }
    fn to_f64(self) -> f64 {
        f64::from_scalar(Scalar::BF16(self), CastMode::As)
    }
}

/// Writes `x` as its shortest round-tripping decimal, in the layout of Rust's `Debug` for
/// floats.
pub(crate) fn write_shortest<T: Half16>(x: T, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let value = x.to_f64();
    if !value.is_finite() || value == 0.0 {
        // "NaN", "inf", "-inf", "0.0", "-0.0": nothing to shorten.
        return fmt::Debug::fmt(&value, f);
    }
    let decimal = shortest_decimal(x);
    let mut text = Buffer::new();
    if value.is_sign_negative() {
        text.push(b'-');
    }
    decimal.write(&mut text);
    f.write_str(text.as_str())
}

/// `digits × 10^exponent`, the digits without trailing zeros.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Decimal {
    digits: u64,
    exponent: i32,
}

impl Decimal {
    fn normalized(mut digits: u64, mut exponent: i32) -> Decimal {
        while digits != 0 && digits % 10 == 0 {
            digits /= 10;
            exponent += 1;
        }
        Decimal { digits, exponent }
    }

    /// As `Debug` writes an f32 of this value: positional from 1e-4 up to 1e16 (with `.0` when
    /// whole), `1.5e-5` / `3e38` outside.
    fn write(self, out: &mut Buffer) {
        let mut digits = Buffer::new();
        let _ = write!(digits, "{}", self.digits);
        let digits = digits.as_str().as_bytes();
        let count = digits.len() as i32;
        // The power of ten of the leading digit.
        let leading = self.exponent + count - 1;
        if !(-4..16).contains(&leading) {
            out.push(digits[0]);
            if digits.len() > 1 {
                out.push(b'.');
                out.extend(&digits[1..]);
            }
            let _ = write!(out, "e{leading}");
        } else if leading >= 0 {
            let whole = (leading + 1) as usize;
            for i in 0..whole {
                out.push(digits.get(i).copied().unwrap_or(b'0'));
            }
            out.push(b'.');
            if digits.len() > whole {
                out.extend(&digits[whole..]);
            } else {
                out.push(b'0');
            }
        } else {
            out.extend(b"0.");
            for _ in 0..(-leading - 1) {
                out.push(b'0');
            }
            out.extend(digits);
        }
    }
}

/// The shortest decimal whose nearest `T` is `|x|` (the closest such decimal when there are
/// several); `x` finite and not zero.
fn shortest_decimal<T: Half16>(x: T) -> Decimal {
    let magnitude_bits = x.bits() & 0x7fff;
    let value = x.to_f64().abs();
    let reads_back = |digits: u64, exponent: i32| {
        let mut text = Buffer::new();
        let _ = write!(text, "{digits}e{exponent}");
        text.as_str().parse::<f64>().is_ok_and(|parsed| {
            T::from_scalar(Scalar::F64(parsed), CastMode::As).bits() == magnitude_bits
        })
    };
    // 17 significant digits read back to the same f64, so the loop always returns; the last
    // candidate is kept only to avoid a panic path.
    let mut last = Decimal::normalized(0, 0);
    for precision in 0..17 {
        let (nearest, exponent) = nearest_with_precision(value, precision);
        if reads_back(nearest, exponent) {
            return Decimal::normalized(nearest, exponent);
        }
        let mut text = Buffer::new();
        let _ = write!(text, "{nearest}e{exponent}");
        let below = text
            .as_str()
            .parse::<f64>()
            .is_ok_and(|parsed| parsed < value);
        let neighbour = if below { nearest + 1 } else { nearest - 1 };
        if reads_back(neighbour, exponent) {
            return Decimal::normalized(neighbour, exponent);
        }
        last = Decimal::normalized(nearest, exponent);
    }
    last
}

/// The decimal with `precision + 1` significant digits nearest to `value` (> 0), as digits and
/// the power of ten of the last digit.
fn nearest_with_precision(value: f64, precision: usize) -> (u64, i32) {
    let mut text = Buffer::new();
    let _ = write!(text, "{value:.precision$e}");
    let (mantissa, exponent) = text
        .as_str()
        .split_once('e')
        .unwrap_or((text.as_str(), "0"));
    let digits = mantissa
        .bytes()
        .filter(u8::is_ascii_digit)
        .fold(0u64, |acc, digit| acc * 10 + u64::from(digit - b'0'));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    (digits, exponent - precision as i32)
}

/// A small stack buffer for formatting without an allocator.
struct Buffer {
    bytes: [u8; 48],
    len: usize,
}

impl Buffer {
    fn new() -> Buffer {
        Buffer {
            bytes: [0; 48],
            len: 0,
        }
    }

    fn push(&mut self, byte: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = byte;
            self.len += 1;
        }
    }

    fn extend(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.push(byte);
        }
    }

    fn as_str(&self) -> &str {
        // Only ASCII from core's number formatting and the literals above is written.
        core::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl Write for Buffer {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.extend(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::format;
    use std::string::{String, ToString};

    use super::*;
    use crate::Tensor;

    /// The reference: the shortest of core's nearest-decimal candidates `{:.*e}` that reads back
    /// through another path (core's decimal → f32, then half's f32 → f16/bf16, each correctly
    /// rounded; half's f64 → bf16 truncates first, so it is not used), with its digit count.
    fn reference(value: f64, reads_back: impl Fn(&str) -> bool) -> (usize, f64) {
        for precision in 0..17 {
            let text = format!("{value:.precision$e}");
            if reads_back(&text) {
                return (precision + 1, text.parse().unwrap());
            }
        }
        unreachable!("17 digits read back")
    }

    fn significant_digits(text: &str) -> usize {
        let mantissa = text.split('e').next().unwrap();
        let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
        digits
            .trim_start_matches('0')
            .trim_end_matches('0')
            .len()
            .max(1)
    }

    fn check_all<T: Half16 + fmt::Display>(
        from_bits: fn(u16) -> T,
        shown: impl Fn(T) -> String,
        from_f32: fn(f32) -> T,
    ) {
        let mut shorter_than_nearest = 0;
        for bits in 0..=u16::MAX {
            let x = from_bits(bits);
            let value = x.to_f64();
            let text = shown(x);
            if value.is_nan() {
                assert_eq!(text, "NaN");
                continue;
            }
            if value.is_infinite() || value == 0.0 {
                assert_eq!(text, format!("{value:?}"), "{bits:#06x}");
                continue;
            }
            let reads_back = |text: &str| from_f32(text.parse().unwrap()).bits() == bits;
            assert!(reads_back(&text), "{text} reads back ({bits:#06x})");
            let parsed: f64 = text.parse().unwrap();
            let (reference_digits, reference_value) = reference(value, reads_back);
            let digits = significant_digits(&text);
            assert!(
                digits <= reference_digits,
                "{text}: {digits} digits, the reference has {reference_digits} ({bits:#06x})"
            );
            if digits < reference_digits {
                // A power of two whose nearest decimal misses but its other neighbour reads
                // back (f16 2^-6: `0.01563`, where the nearest 4-digit decimal is 0.01562).
                shorter_than_nearest += 1;
            }
            if digits == reference_digits {
                assert_eq!(parsed, reference_value, "{text} ({bits:#06x})");
            }
            // Laid out as Debug lays out the f32 of the same decimal.
            assert_eq!(text, format!("{:?}", parsed as f32), "{bits:#06x}");
        }
        assert!(
            shorter_than_nearest > 0,
            "the neighbour candidate is exercised"
        );
    }

    #[test]
    fn every_f16_prints_its_shortest_round_trip() {
        check_all(
            f16::from_bits,
            |x| Scalar::F16(x).to_string(),
            f16::from_f32,
        );
    }

    #[test]
    fn every_bf16_prints_its_shortest_round_trip() {
        check_all(
            bf16::from_bits,
            |x| Scalar::BF16(x).to_string(),
            bf16::from_f32,
        );
    }

    #[test]
    fn tensors_of_halves_print_short_and_aligned() {
        let t = Tensor::new([f16::from_f32(0.1), f16::from_f32(-2.5), f16::MAX]);
        assert_eq!(
            t.to_string(),
            "tensor([    0.1,    -2.5, 65500.0], shape=[3], dtype=f16)"
        );
        let t = Tensor::new([[bf16::from_f32(0.1)], [bf16::MIN_POSITIVE_SUBNORMAL]]);
        assert_eq!(
            t.to_string(),
            "tensor([[  0.1],\n        [9e-41]], shape=[2, 1], dtype=bf16)"
        );
    }
}
