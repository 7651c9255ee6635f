//! Branch-free float → f16/bf16 conversions that compilers vectorize: f32 → f16 (after Fabian
//! Giesen's `float_to_half_fast3_rtne`), f32 → bf16, and f64 → f32 rounded to odd, which makes
//! f64 → f16/bf16 one correctly rounded step (rounding to odd at 24 bits, then to nearest at
//! 11 or 8, rounds as once: the wider format has at least two more bits).
//!
//! NaNs keep their sign and top payload bits and are quieted, exactly as `half` does.

/// f32 → f16 bits, nearest, ties to even. Overflow gives ±inf, or ±65504 when `saturate`;
/// ±inf stays ±inf.
#[inline(always)]
pub(crate) fn f32_to_f16_bits(x: f32, saturate: bool) -> u16 {
    const F32_INFINITY: u32 = 0x7f80_0000;
    /// 65536.0: from here up (and inf, NaN) the exponent field is all ones.
    const F16_OVERFLOW: u32 = (127 + 16) << 23;
    /// Below 2^-14 the result is subnormal or zero.
    const F16_MIN_NORMAL: u32 = 113 << 23;
    /// Adding 0.5 (as a float whose last mantissa bit weighs 2^-24) aligns a subnormal's bits.
    const DENORM_MAGIC: u32 = ((127 - 15) + (23 - 10) + 1) << 23;
    let bits = x.to_bits();
    let sign = ((bits >> 16) & 0x8000) as u16;
    let magnitude = bits & 0x7fff_ffff;
    let nan_or_infinity = if magnitude > F32_INFINITY {
        0x7e00 | ((magnitude & 0x007f_ffff) >> 13) as u16
    } else {
        0x7c00
    };
    let subnormal = (f32::from_bits(magnitude) + f32::from_bits(DENORM_MAGIC))
        .to_bits()
        .wrapping_sub(DENORM_MAGIC) as u16;
    let odd = (magnitude >> 13) & 1;
    let normal = (magnitude
        .wrapping_add(((15u32.wrapping_sub(127)) << 23).wrapping_add(0xfff))
        .wrapping_add(odd)
        >> 13) as u16;
    let mut result = if magnitude >= F16_OVERFLOW {
        nan_or_infinity
    } else if magnitude < F16_MIN_NORMAL {
        subnormal
    } else {
        normal
    };
    if saturate && result == 0x7c00 && magnitude < F32_INFINITY {
        result = 0x7bff;
    }
    sign | result
}

/// f32 → bf16 bits, nearest, ties to even. Overflow gives ±inf, or ±max finite when
/// `saturate`; ±inf stays ±inf.
#[inline(always)]
pub(crate) fn f32_to_bf16_bits(x: f32, saturate: bool) -> u16 {
    let bits = x.to_bits();
    let magnitude = bits & 0x7fff_ffff;
    let rounded = (bits.wrapping_add(0x7fff + ((bits >> 16) & 1)) >> 16) as u16;
    let mut result = if magnitude > 0x7f80_0000 {
        ((bits >> 16) as u16) | 0x0040
    } else {
        rounded
    };
    if saturate && result & 0x7fff == 0x7f80 && magnitude < 0x7f80_0000 {
        result = (result & 0x8000) | 0x7f7f;
    }
    result
}

/// f32 → f16 bits for a value f16 holds exactly as zero or a normal number (the 8-bit
/// integers): multiplying by 2^-112 moves the exponent from f32's bias to f16's (zero stays
/// zero), and the bits then line up with a shift. No rounding and no range checks, so it
/// vectorizes to a handful of instructions.
#[inline(always)]
pub(crate) fn exact_f32_to_f16_bits(x: f32) -> u16 {
    const REBIAS: f32 = f32::from_bits((127 - 112) << 23);
    let bits = (x * REBIAS).to_bits();
    (((bits >> 16) & 0x8000) | ((bits >> 13) & 0x7fff)) as u16
}

/// f32 → bf16 bits for a value bf16 holds exactly (the 8-bit integers): the top half.
#[inline(always)]
pub(crate) fn exact_f32_to_bf16_bits(x: f32) -> u16 {
    (x.to_bits() >> 16) as u16
}

/// f16 → f32 (exact), branch-free so that the loop vectorizes (after Fabian Giesen's
/// `half_to_float` with a magic multiply for subnormals). NaNs keep their sign and payload and
/// are quieted, as `half` and F16C do.
#[inline(always)]
pub(crate) fn f16_to_f32(x: crate::f16) -> f32 {
    /// 2^-14 as an f32: subtracting it normalizes a subnormal placed at that exponent.
    const MAGIC: f32 = f32::from_bits(113 << 23);
    /// The f16 exponent field, moved to where f32's is.
    const EXPONENT: u32 = 0x7c00 << 13;
    let bits = u32::from(x.to_bits());
    let shifted = (bits & 0x7fff) << 13;
    let exponent = shifted & EXPONENT;
    let rebiased = shifted + ((127 - 15) << 23);
    let magnitude = if exponent == EXPONENT {
        // inf or NaN: the exponent all ones; a NaN also gets the quiet bit.
        let quiet = if shifted & 0x007f_e000 != 0 {
            0x0040_0000
        } else {
            0
        };
        (rebiased + ((128 - 16) << 23)) | quiet
    } else if exponent == 0 {
        // zero or subnormal: one more exponent step, then take the implicit bit away.
        (f32::from_bits(rebiased + (1 << 23)) - MAGIC).to_bits()
    } else {
        rebiased
    };
    f32::from_bits(magnitude | ((bits & 0x8000) << 16))
}

/// f64 → f32 rounded to odd: truncated toward zero, with the last bit set if anything was
/// cut. Values beyond f32 become ±`f32::MAX` (odd), so a later rounding still overflows; NaN
/// keeps its sign and top payload bits, quieted.
#[inline(always)]
pub(crate) fn f64_to_f32_round_to_odd(x: f64) -> f32 {
    let nearest = x as f32;
    let back = f64::from(nearest);
    let bits = nearest.to_bits();
    let sign = bits & 0x8000_0000;
    let magnitude = bits & 0x7fff_ffff;
    let truncated = if back.abs() > x.abs() {
        magnitude - 1
    } else {
        magnitude
    };
    let odd = if back == x { truncated } else { truncated | 1 };
    if x.is_nan() {
        super::float::nan_f64_to_f32(x)
    } else {
        f32::from_bits(sign | odd)
    }
}

#[cfg(test)]
mod tests {
    use super::super::float::{f64_to_half, BF16, F16};
    use super::*;

    /// splitmix64 over a fixed seed: reproducible.
    fn values(count: usize) -> impl Iterator<Item = u64> {
        let mut state = 0x1234_5678_9abc_def0u64;
        (0..count).map(move |_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        })
    }

    /// The branch-free paths against the bit-by-bit reference (`f64_to_half`), which rounds
    /// the exact value once: random bit patterns of f64 (every exponent) and of f64s near the
    /// 16-bit formats' range.
    #[test]
    fn agree_with_the_one_step_reference() {
        for bits in values(2_000_000) {
            let wide = f64::from_bits(bits);
            let near =
                f64::from_bits((bits & 0x800f_ffff_ffff_ffff) | ((1000 + (bits >> 52) % 48) << 52));
            let narrow = f32::from_bits(bits as u32);
            // Each f64 with the f32 it reaches the 16-bit formats through: rounded to odd, or
            // itself (exactly) for an f32 source.
            let cases = [
                (wide, f64_to_f32_round_to_odd(wide)),
                (near, f64_to_f32_round_to_odd(near)),
                (f64::from(narrow), narrow),
            ];
            for saturate in [false, true] {
                for (x, through) in cases {
                    assert_eq!(
                        f32_to_f16_bits(through, saturate),
                        f64_to_half(F16, x, saturate),
                        "{x:e} f16"
                    );
                    assert_eq!(
                        f32_to_bf16_bits(through, saturate),
                        f64_to_half(BF16, x, saturate),
                        "{x:e} bf16"
                    );
                }
            }
        }
    }

    #[test]
    fn exact_paths_are_half_s_on_every_8_bit_integer() {
        for x in (-128..=255).map(|x: i32| x as f32) {
            assert_eq!(
                exact_f32_to_f16_bits(x),
                crate::f16::from_f32(x).to_bits(),
                "{x}"
            );
            assert_eq!(
                exact_f32_to_bf16_bits(x),
                crate::bf16::from_f32(x).to_bits(),
                "{x}"
            );
        }
    }

    #[test]
    fn f16_to_f32_is_half_s_on_every_value() {
        for bits in 0..=u16::MAX {
            let x = crate::f16::from_bits(bits);
            assert_eq!(f16_to_f32(x).to_bits(), x.to_f32().to_bits(), "{bits:#06x}");
        }
    }

    #[test]
    fn round_to_odd_keeps_what_was_cut() {
        assert_eq!(f64_to_f32_round_to_odd(1.0), 1.0);
        assert_eq!(f64_to_f32_round_to_odd(-0.0).to_bits(), (-0.0f32).to_bits());
        assert_eq!(
            f64_to_f32_round_to_odd(1.0 + 1e-12).to_bits(),
            1.0f32.to_bits() | 1
        );
        assert_eq!(f64_to_f32_round_to_odd(1e300), f32::MAX);
        assert_eq!(f64_to_f32_round_to_odd(-1e-300).to_bits(), 0x8000_0001);
        assert_eq!(f64_to_f32_round_to_odd(f64::INFINITY), f32::INFINITY);
        assert!(f64_to_f32_round_to_odd(f64::NAN).is_nan());
    }
}
