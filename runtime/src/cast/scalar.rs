//! The scalar reference of every conversion: one function per target dtype, taking a value of
//! any dtype. API §1's table, written once.
//!
//! The kernels are built from these: a call with a concrete source type inlines to the one match
//! arm of that type, so a slice loop over it is a monomorphic loop over one conversion.

use super::float::{
    nan_f64_to_f32, round_ties_even_f32, round_ties_even_f64, round_to_half, HalfFormat, BF16, F16,
};
use super::half::{
    exact_f32_to_bf16_bits, exact_f32_to_f16_bits, f16_to_f32, f32_to_bf16_bits, f32_to_f16_bits,
    f64_to_f32_round_to_odd,
};
use crate::element::Scalar;
use crate::{bf16, f16, CastMode};

#[doc(hidden)]
/// Conversion into `Self` from a value of any dtype.
pub trait Convert: Sized {
    /// Converts under `mode` (API §1's table).
    fn from_scalar(value: Scalar, mode: CastMode) -> Self;
    /// Converts if the result converts back to an equal value (NaN to NaN), else `None`.
    fn exact_from_scalar(value: Scalar) -> Option<Self>;
}

/// f16 and bf16 widened to f32, exactly: f16 by the branch-free `half::f16_to_f32` (it
/// vectorizes; half's per-value path measured 2.5× slower), bf16 by half's shift. Every f16/bf16
/// source of the reference goes through here.
trait Widen: Copy {
    fn widen(self) -> f32;
}

impl Widen for f16 {
    #[inline(always)]
    fn widen(self) -> f32 {
        f16_to_f32(self)
    }
}

impl Widen for bf16 {
    #[inline(always)]
    fn widen(self) -> f32 {
        self.to_f32()
    }
}

/// Integers as sign and magnitude.
trait Magnitude: Copy {
    fn sign_magnitude(self) -> (bool, u64);
}

macro_rules! impl_magnitude {
    (unsigned: $($u:ty),*; signed: $($s:ty),*) => {
        $(impl Magnitude for $u {
            #[inline(always)]
            fn sign_magnitude(self) -> (bool, u64) {
                (false, self as u64)
            }
        })*
        $(impl Magnitude for $s {
            #[inline(always)]
            fn sign_magnitude(self) -> (bool, u64) {
                (self < 0, self.unsigned_abs() as u64)
            }
        })*
    };
}
impl_magnitude!(unsigned: u8, u16, u32, u64; signed: i8, i16, i32, i64);

/// Whether an integer is exactly representable with `precision` significant bits.
#[inline(always)]
fn fits_precision(magnitude: u64, precision: u32) -> bool {
    magnitude == 0 || (magnitude >> magnitude.trailing_zeros()) >> precision == 0
}

/// Ties-to-even rounding for both float widths, without `std` (and never std's, which a
/// method call could pick up when `std` is linked).
trait RoundTiesEven {
    fn round_even(self) -> Self;
}
impl RoundTiesEven for f32 {
    #[inline(always)]
    fn round_even(self) -> f32 {
        round_ties_even_f32(self)
    }
}
impl RoundTiesEven for f64 {
    #[inline(always)]
    fn round_even(self) -> f64 {
        round_ties_even_f64(self)
    }
}

/// Float → integer exactly as Rust's `as` (toward zero, saturating, NaN → 0), written as
/// NaN → 0, clamp, then an unchecked conversion, which compilers vectorize (`as` itself they
/// leave scalar on x86).
trait SaturatingTrunc<T> {
    fn trunc_to(self) -> T;
}

macro_rules! saturating_trunc {
    ($($f:ty => $($t:ty),*;)*) => {$($(
        impl SaturatingTrunc<$t> for $f {
            #[inline(always)]
            fn trunc_to(self) -> $t {
                /// `MIN` is 0 or -2^k, exact in any float.
                const LOW: $f = <$t>::MIN as $f;
                /// 2^k, the first value above `MAX` (`MAX as $f` is exact or rounds up to it).
                const LIMIT: $f = if <$t>::MAX as $f == (<$t>::MAX as $f) + 1.0 {
                    <$t>::MAX as $f
                } else {
                    <$t>::MAX as $f + 1.0
                };
                /// The largest float below `LIMIT`.
                const HIGH: $f = <$f>::from_bits(LIMIT.to_bits() - 1);
                let x = if self.is_nan() { 0.0 } else { self };
                let clamped = x.max(LOW).min(HIGH);
                // SAFETY: `clamped` is not NaN (NaN became 0.0 and max/min of non-NaN values
                // are not NaN) and lies in [MIN, HIGH], where HIGH < MAX + 1: truncated toward
                // zero it is a value of the target type.
                let truncated: $t = unsafe { clamped.to_int_unchecked() };
                // Where `HIGH` truncates to `MAX` (every target narrower than the float's
                // significand), the clamp has saturated already: a constant, so no select.
                if HIGH as $t != <$t>::MAX && x >= LIMIT {
                    <$t>::MAX
                } else {
                    truncated
                }
            }
        }
    )*)*};
}
saturating_trunc! {
    f32 => u8, u16, u32, u64, i8, i16, i32, i64;
    f64 => u8, u16, u32, u64, i8, i16, i32, i64;
}

/// Expands `$body` once per integer variant, with `$x` bound to the value.
macro_rules! integer_arms {
    ($value:expr, $x:ident => $int:expr, $($rest:tt)*) => {
        match $value {
            Scalar::U8($x) => $int,
            Scalar::U16($x) => $int,
            Scalar::U32($x) => $int,
            Scalar::U64($x) => $int,
            Scalar::I8($x) => $int,
            Scalar::I16($x) => $int,
            Scalar::I32($x) => $int,
            Scalar::I64($x) => $int,
            $($rest)*
        }
    };
}

// ---- integer targets -------------------------------------------------------------------------

macro_rules! int_target {
    ($($t:ident),*) => {$(
        impl Convert for $t {
            #[inline(always)]
            fn from_scalar(value: Scalar, mode: CastMode) -> $t {
                macro_rules! from_float {
                    ($f:expr) => {{
                        let f = $f;
                        match mode {
                            // Toward zero, saturating, NaN → 0: Rust's `as`.
                            CastMode::As | CastMode::Saturate => SaturatingTrunc::<$t>::trunc_to(f),
                            CastMode::Round => {
                                SaturatingTrunc::<$t>::trunc_to(RoundTiesEven::round_even(f))
                            }
                        }
                    }};
                }
                integer_arms!(value, x => match mode {
                    CastMode::As => x as $t,
                    CastMode::Saturate | CastMode::Round => {
                        let wide = x as i128;
                        if wide < $t::MIN as i128 {
                            $t::MIN
                        } else if wide > $t::MAX as i128 {
                            $t::MAX
                        } else {
                            x as $t
                        }
                    }
                },
                    Scalar::Bool(b) => b as $t,
                    Scalar::F16(x) => from_float!(x.widen()),
                    Scalar::BF16(x) => from_float!(x.widen()),
                    Scalar::F32(x) => from_float!(x),
                    Scalar::F64(x) => from_float!(x),
                )
            }

            #[inline(always)]
            fn exact_from_scalar(value: Scalar) -> Option<$t> {
                macro_rules! from_float {
                    ($f:ty, $x:expr) => {{
                        let x: $f = $x;
                        // MIN is 0 or -2^k, exact in any float; MAX + 1 rounds to 2^k (or is
                        // exact), so the range test has no rounding error. Inside the range a
                        // truncation that converts back unchanged means `x` was integral.
                        let min = $t::MIN as $f;
                        let limit = $t::MAX as $f + 1.0;
                        if x >= min && x < limit && (x as $t) as $f == x {
                            Some(x as $t)
                        } else {
                            None
                        }
                    }};
                }
                integer_arms!(value, x => $t::try_from(x).ok(),
                    Scalar::Bool(b) => Some(b as $t),
                    Scalar::F16(x) => from_float!(f32, x.widen()),
                    Scalar::BF16(x) => from_float!(f32, x.widen()),
                    Scalar::F32(x) => from_float!(f32, x),
                    Scalar::F64(x) => from_float!(f64, x),
                )
            }
        }
    )*};
}
int_target!(u8, u16, u32, u64, i8, i16, i32, i64);

// ---- bool ------------------------------------------------------------------------------------

impl Convert for bool {
    #[inline(always)]
    fn from_scalar(value: Scalar, _mode: CastMode) -> bool {
        integer_arms!(value, x => x != 0,
            Scalar::Bool(b) => b,
            Scalar::F16(x) => x.widen() != 0.0,
            Scalar::BF16(x) => x.widen() != 0.0,
            Scalar::F32(x) => x != 0.0,
            Scalar::F64(x) => x != 0.0,
        )
    }

    #[inline(always)]
    fn exact_from_scalar(value: Scalar) -> Option<bool> {
        fn from_f64(x: f64) -> Option<bool> {
            if x == 0.0 {
                Some(false)
            } else if x == 1.0 {
                Some(true)
            } else {
                None
            }
        }
        integer_arms!(value, x => match x {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        },
            Scalar::Bool(b) => Some(b),
            Scalar::F16(x) => from_f64(f64::from(x.widen())),
            Scalar::BF16(x) => from_f64(f64::from(x.widen())),
            Scalar::F32(x) => from_f64(x as f64),
            Scalar::F64(x) => from_f64(x),
        )
    }
}

// ---- f32 and f64 -----------------------------------------------------------------------------

/// f64 → f32 under `mode`: nearest-even; NaN keeps its sign; overflow to ±inf (`As`) or
/// ±max finite.
#[inline(always)]
pub(crate) fn f64_to_f32(x: f64, mode: CastMode) -> f32 {
    if x.is_nan() {
        nan_f64_to_f32(x)
    } else {
        f64_to_f32_not_nan(x, mode)
    }
}

/// [`f64_to_f32`] for an `x` that is not NaN.
#[inline(always)]
pub(crate) fn f64_to_f32_not_nan(x: f64, mode: CastMode) -> f32 {
    // Saturating: a finite value beyond f32's range gives ±max finite (every value between
    // f32::MAX and the next rounding boundary rounds to it anyway), ±inf stays ±inf. Clamped
    // in f64 before the one conversion, as a min, a max and a select, which vectorize (this
    // ran 1.4× as fast in cache as testing the rounded value for infinity: 0.62 against
    // 0.44 of memcpy).
    const LIMIT: f64 = f32::MAX as f64;
    if mode != CastMode::As && x.is_finite() {
        x.clamp(-LIMIT, LIMIT) as f32
    } else {
        x as f32
    }
}

/// Integer → f32/f64 exactly when every significant bit fits (no overflow is possible).
macro_rules! exact_int_to_float {
    ($t:ty, $precision:expr, $x:expr) => {{
        let (_, magnitude) = Magnitude::sign_magnitude($x);
        if fits_precision(magnitude, $precision) {
            Some($x as $t)
        } else {
            None
        }
    }};
}

impl Convert for f32 {
    #[inline(always)]
    fn from_scalar(value: Scalar, mode: CastMode) -> f32 {
        integer_arms!(value, x => x as f32,
            Scalar::Bool(b) => if b { 1.0 } else { 0.0 },
            Scalar::F16(x) => x.widen(),
            Scalar::BF16(x) => x.widen(),
            Scalar::F32(x) => x,
            Scalar::F64(x) => f64_to_f32(x, mode),
        )
    }

    #[inline(always)]
    fn exact_from_scalar(value: Scalar) -> Option<f32> {
        integer_arms!(value, x => exact_int_to_float!(f32, f32::MANTISSA_DIGITS, x),
            Scalar::F64(x) => {
                let y = f64_to_f32(x, CastMode::As);
                (y as f64 == x || x.is_nan()).then_some(y)
            }
            other => Some(f32::from_scalar(other, CastMode::As)),
        )
    }
}

impl Convert for f64 {
    #[inline(always)]
    fn from_scalar(value: Scalar, _mode: CastMode) -> f64 {
        integer_arms!(value, x => x as f64,
            Scalar::Bool(b) => if b { 1.0 } else { 0.0 },
            // Both steps exact; f32 → f64 vectorizes where half's direct path branches.
            Scalar::F16(x) => f64::from(x.widen()),
            Scalar::BF16(x) => f64::from(x.widen()),
            Scalar::F32(x) => x as f64,
            Scalar::F64(x) => x,
        )
    }

    #[inline(always)]
    fn exact_from_scalar(value: Scalar) -> Option<f64> {
        integer_arms!(value, x => exact_int_to_float!(f64, f64::MANTISSA_DIGITS, x),
            other => Some(f64::from_scalar(other, CastMode::As)),
        )
    }
}

// ---- f16 and bf16 ----------------------------------------------------------------------------

macro_rules! half_target {
    (
        $t:ident, $format:expr, $precision:expr, $same:ident, $other:ident,
        $from_f32:ident, $exact_from_f32:ident
    ) => {
        impl Convert for $t {
            #[inline(always)]
            fn from_scalar(value: Scalar, mode: CastMode) -> $t {
                const FORMAT: HalfFormat = $format;
                let saturate = mode != CastMode::As;
                integer_arms!(value, x => {
                    if core::mem::size_of_val(&x) == 1 {
                        // Exact in the 16-bit format too: no rounding at all.
                        $t::from_bits($exact_from_f32(x as f32))
                    } else if core::mem::size_of_val(&x) == 2 {
                        // Exact in f32 (|x| < 2^24), so one rounding, vectorized.
                        $t::from_bits($from_f32(x as f32, saturate))
                    } else {
                        let (negative, magnitude) = Magnitude::sign_magnitude(x);
                        $t::from_bits(round_to_half(FORMAT, negative, magnitude, 0, saturate))
                    }
                },
                    Scalar::Bool(b) => if b { $t::ONE } else { $t::ZERO },
                    Scalar::$same(x) => x,
                    Scalar::$other(x) => $t::from_bits($from_f32(x.widen(), saturate)),
                    Scalar::F32(x) => $t::from_bits($from_f32(x, saturate)),
                    Scalar::F64(x) => $t::from_bits($from_f32(f64_to_f32_round_to_odd(x), saturate)),
                )
            }

            #[inline(always)]
            fn exact_from_scalar(value: Scalar) -> Option<$t> {
                let y = $t::from_scalar(value, CastMode::As);
                integer_arms!(value, x => {
                    let (_, magnitude) = Magnitude::sign_magnitude(x);
                    (fits_precision(magnitude, $precision) && y.is_finite()).then_some(y)
                },
                    Scalar::Bool(_) => Some(y),
                    Scalar::$same(_) => Some(y),
                    Scalar::$other(x) => (y.widen() == x.widen() || x.is_nan()).then_some(y),
                    Scalar::F32(x) => (f64::from(y.widen()) == x as f64 || x.is_nan()).then_some(y),
                    Scalar::F64(x) => (f64::from(y.widen()) == x || x.is_nan()).then_some(y),
                )
            }
        }
    };
}
half_target!(
    f16,
    F16,
    f16::MANTISSA_DIGITS,
    F16,
    BF16,
    f32_to_f16_bits,
    exact_f32_to_f16_bits
);
half_target!(
    bf16,
    BF16,
    bf16::MANTISSA_DIGITS,
    BF16,
    F16,
    f32_to_bf16_bits,
    exact_f32_to_bf16_bits
);
