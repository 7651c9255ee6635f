//! Bit-level float helpers that `core` lacks or that must be exact: rounding into the 16-bit
//! formats in one step, ties-to-even rounding to an integer, and NaN narrowing.
//!
//! These are the single implementation of float → f16/bf16 used at run time and by the macros at
//! expansion.

/// The layout of a 16-bit binary float.
#[derive(Clone, Copy)]
pub(crate) struct HalfFormat {
    /// Explicit significand bits.
    man_bits: u32,
    /// Exponent bits.
    exp_bits: u32,
}

/// IEEE 754 binary16.
pub(crate) const F16: HalfFormat = HalfFormat {
    man_bits: 10,
    exp_bits: 5,
};
/// bfloat16: f32's exponent with a 7-bit significand.
pub(crate) const BF16: HalfFormat = HalfFormat {
    man_bits: 7,
    exp_bits: 8,
};

impl HalfFormat {
    const fn bias(self) -> i32 {
        (1 << (self.exp_bits - 1)) - 1
    }

    const fn infinity(self) -> u16 {
        (((1u32 << self.exp_bits) - 1) << self.man_bits) as u16
    }

    const fn max_finite(self) -> u16 {
        self.infinity() - 1
    }
}

/// Rounds `(-1)^negative × magnitude × 2^exp` to the nearest value of `fmt`, ties to even, in
/// one step. On overflow the result is ±max finite when `saturate`, else ±inf.
pub(crate) const fn round_to_half(
    fmt: HalfFormat,
    negative: bool,
    magnitude: u64,
    exp: i32,
    saturate: bool,
) -> u16 {
    let sign = if negative { 0x8000u16 } else { 0 };
    if magnitude == 0 {
        return sign;
    }
    let man_bits = fmt.man_bits as i32;
    let bias = fmt.bias();
    // Exponent of the leading one bit of the value.
    let lead = 63 - magnitude.leading_zeros() as i32 + exp;
    if lead > bias {
        return sign | overflow(fmt, saturate);
    }
    // Weight of the last kept bit: normal numbers keep `man_bits` bits after the leading one;
    // subnormals have a fixed last-bit weight.
    let min_lsb = 1 - bias - man_bits;
    let lsb = if lead - man_bits > min_lsb {
        lead - man_bits
    } else {
        min_lsb
    };
    let drop = lsb - exp;
    let kept: u64 = if drop <= 0 {
        // Exact: the value has no bits below `lsb`. `lead <= bias` keeps this below 2^(man_bits+1).
        magnitude << (-drop) as u32
    } else if drop > 64 {
        // Below half of the smallest subnormal: rounds to zero.
        0
    } else {
        let wide = magnitude as u128;
        let kept = (wide >> drop as u32) as u64;
        let rest = wide & ((1u128 << drop as u32) - 1);
        let half = 1u128 << (drop as u32 - 1);
        if rest > half || (rest == half && kept & 1 == 1) {
            kept + 1
        } else {
            kept
        }
    };
    // For subnormals the exponent field is 0 and `kept` is the significand; for normals `kept`
    // carries the implicit one, which lands in the exponent field (and a rounding carry with it).
    let exponent_base = (lsb + bias + man_bits - 1) as u32;
    let encoded = (exponent_base << fmt.man_bits) as u64 + kept;
    if encoded >= fmt.infinity() as u64 {
        return sign | overflow(fmt, saturate);
    }
    sign | encoded as u16
}

const fn overflow(fmt: HalfFormat, saturate: bool) -> u16 {
    if saturate {
        fmt.max_finite()
    } else {
        fmt.infinity()
    }
}

/// Rounds an f64 to `fmt` in one step (nearest, ties to even). NaN keeps its sign and the top
/// bits of its payload and is quieted, as `half` does; ±inf stays ±inf even when `saturate`.
///
/// The bit-by-bit reference the fast paths in `half.rs` are tested against.
#[cfg(test)]
pub(crate) const fn f64_to_half(fmt: HalfFormat, value: f64, saturate: bool) -> u16 {
    let bits = value.to_bits();
    let negative = bits >> 63 != 0;
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    if biased == 0x7ff {
        let sign = if negative { 0x8000u16 } else { 0 };
        if fraction == 0 {
            return sign | fmt.infinity();
        }
        let quiet = 1u16 << (fmt.man_bits - 1);
        let payload = (fraction >> (52 - fmt.man_bits)) as u16;
        return sign | fmt.infinity() | quiet | payload;
    }
    if biased == 0 {
        round_to_half(fmt, negative, fraction, -1074, saturate)
    } else {
        round_to_half(fmt, negative, fraction | (1 << 52), biased - 1075, saturate)
    }
}

const F32_SIGN: u32 = 1 << 31;
const F64_SIGN: u64 = 1 << 63;

/// `f32::round_ties_even`, available without `std`.
#[inline(always)]
pub(crate) fn round_ties_even_f32(x: f32) -> f32 {
    // Adding and subtracting 2^23 rounds to an integer in the current (nearest-even) mode for
    // any |x| < 2^23; larger values, infinities and NaN are already integral or pass through.
    const SHIFT: f32 = 8_388_608.0;
    let magnitude = f32::from_bits(x.to_bits() & !F32_SIGN);
    if magnitude < SHIFT {
        let rounded = (magnitude + SHIFT) - SHIFT;
        f32::from_bits(rounded.to_bits() | (x.to_bits() & F32_SIGN))
    } else {
        x
    }
}

/// `f64::round_ties_even`, available without `std`.
#[inline(always)]
pub(crate) fn round_ties_even_f64(x: f64) -> f64 {
    const SHIFT: f64 = 4_503_599_627_370_496.0;
    let magnitude = f64::from_bits(x.to_bits() & !F64_SIGN);
    if magnitude < SHIFT {
        let rounded = (magnitude + SHIFT) - SHIFT;
        f64::from_bits(rounded.to_bits() | (x.to_bits() & F64_SIGN))
    } else {
        x
    }
}

/// The f32 NaN for an f64 NaN: sign and top payload bits kept, quieted.
#[inline(always)]
pub(crate) const fn nan_f64_to_f32(x: f64) -> f32 {
    let bits = x.to_bits();
    let sign = ((bits >> 63) as u32) << 31;
    let payload = ((bits >> 29) & 0x007f_ffff) as u32;
    f32::from_bits(sign | 0x7fc0_0000 | payload)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_ties_even_matches_std() {
        let cases = [
            0.5,
            1.5,
            2.5,
            -0.5,
            -2.5,
            2.4999,
            -0.0,
            0.0,
            8_388_607.5,
            8_388_609.0,
            1e30,
        ];
        for x in cases {
            assert_eq!(
                round_ties_even_f32(x).to_bits(),
                x.round_ties_even().to_bits(),
                "{x}"
            );
            let y = x as f64;
            assert_eq!(
                round_ties_even_f64(y).to_bits(),
                y.round_ties_even().to_bits(),
                "{y}"
            );
        }
        assert!(round_ties_even_f32(f32::NAN).is_nan());
        assert_eq!(round_ties_even_f64(f64::NEG_INFINITY), f64::NEG_INFINITY);
        assert_eq!(
            round_ties_even_f64(4_503_599_627_370_495.5),
            4_503_599_627_370_496.0
        );
    }

    #[test]
    fn rounds_in_one_step_where_f32_would_round_twice() {
        // 2047.4999999999998 is below the 2047/2048 midpoint, but rounds up to 2047.5 in f32.
        let x = 2_047.499_999_999_999_8_f64;
        assert_eq!(
            f64_to_half(F16, x, false),
            half::f16::from_f32(2047.0).to_bits()
        );
        assert_eq!(
            f64_to_half(F16, 2047.5, false),
            half::f16::from_f32(2048.0).to_bits()
        );
    }

    #[test]
    fn overflow_and_underflow() {
        assert_eq!(f64_to_half(F16, 65519.99, false), 0x7bff);
        assert_eq!(f64_to_half(F16, 65520.0, false), 0x7c00);
        assert_eq!(f64_to_half(F16, 65520.0, true), 0x7bff);
        assert_eq!(f64_to_half(F16, -1e300, true), 0xfbff);
        assert_eq!(f64_to_half(F16, f64::INFINITY, true), 0x7c00);
        // Half the smallest subnormal (2^-25) ties to even zero; anything above rounds up.
        assert_eq!(f64_to_half(F16, 2f64.powi(-25), false), 0);
        assert_eq!(f64_to_half(F16, 2f64.powi(-25) * 1.000_001, false), 1);
        assert_eq!(f64_to_half(F16, -f64::MIN_POSITIVE, false), 0x8000);
        assert_eq!(
            f64_to_half(BF16, 3.4e38, false),
            half::bf16::from_f32(3.4e38).to_bits()
        );
        assert_eq!(f64_to_half(BF16, 1e39, true), half::bf16::MAX.to_bits());
    }
}
