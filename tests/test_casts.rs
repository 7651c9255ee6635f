//! Every conversion against an independent oracle written with `std`'s f64 and i128 arithmetic:
//! exhaustively for every 8- and 16-bit source dtype into all 13 targets, value-exact and under
//! every mode; boundary and random values for the wider sources; and f32 → f16/bf16 bit-exact
//! against `half` (all 2^32 inputs with `--ignored`, a random 1% by default).
// Boundary constants are written as Rust and numpy print them, so they can be searched for.
#![allow(clippy::unreadable_literal)]

use tensorize::__private::Scalar;
use tensorize::{bf16, cast_into, cast_into_with, f16, try_cast_into, CastMode, DType, Element};

// ---- the oracle ------------------------------------------------------------------------------

/// The source value as an exact f64 (every 8/16/32-bit value is one), and whether it is a float.
fn as_f64(value: Scalar) -> (f64, bool) {
    match value {
        Scalar::Bool(b) => (b as u8 as f64, false),
        Scalar::U8(x) => (x as f64, false),
        Scalar::U16(x) => (x as f64, false),
        Scalar::U32(x) => (x as f64, false),
        Scalar::U64(x) => (x as f64, false),
        Scalar::I8(x) => (x as f64, false),
        Scalar::I16(x) => (x as f64, false),
        Scalar::I32(x) => (x as f64, false),
        Scalar::I64(x) => (x as f64, false),
        Scalar::F16(x) => (x.to_f64(), true),
        Scalar::BF16(x) => (x.to_f64(), true),
        Scalar::F32(x) => (x as f64, true),
        Scalar::F64(x) => (x, true),
    }
}

fn as_i128(value: Scalar) -> Option<i128> {
    Some(match value {
        Scalar::Bool(b) => b as i128,
        Scalar::U8(x) => x as i128,
        Scalar::U16(x) => x as i128,
        Scalar::U32(x) => x as i128,
        Scalar::U64(x) => x as i128,
        Scalar::I8(x) => x as i128,
        Scalar::I16(x) => x as i128,
        Scalar::I32(x) => x as i128,
        Scalar::I64(x) => x as i128,
        _ => return None,
    })
}

fn int_bits(dtype: DType) -> (u32, bool) {
    match dtype {
        DType::U8 => (8, false),
        DType::U16 => (16, false),
        DType::U32 => (32, false),
        DType::U64 => (64, false),
        DType::I8 => (8, true),
        DType::I16 => (16, true),
        DType::I32 => (32, true),
        DType::I64 => (64, true),
        _ => unreachable!(),
    }
}

fn int_scalar(dtype: DType, v: i128) -> Scalar {
    match dtype {
        DType::U8 => Scalar::U8(v.try_into().unwrap()),
        DType::U16 => Scalar::U16(v.try_into().unwrap()),
        DType::U32 => Scalar::U32(v.try_into().unwrap()),
        DType::U64 => Scalar::U64(v.try_into().unwrap()),
        DType::I8 => Scalar::I8(v.try_into().unwrap()),
        DType::I16 => Scalar::I16(v.try_into().unwrap()),
        DType::I32 => Scalar::I32(v.try_into().unwrap()),
        DType::I64 => Scalar::I64(v.try_into().unwrap()),
        _ => unreachable!(),
    }
}

/// The nearest value of a float dtype, ties to even, for an `x` whose every significant bit fits
/// in f32 (true of all sources the oracle is used on), so `x as f32` is exact and `half`'s f32
/// conversion rounds once.
fn round_float(dtype: DType, x: f64) -> Scalar {
    let exact_f32 = x as f32;
    assert!(
        x.is_nan() || exact_f32 as f64 == x,
        "oracle precondition: {x} is an f32"
    );
    match dtype {
        DType::F16 => Scalar::F16(f16::from_f32(exact_f32)),
        DType::BF16 => Scalar::BF16(bf16::from_f32(exact_f32)),
        DType::F32 => Scalar::F32(exact_f32),
        DType::F64 => Scalar::F64(x),
        _ => unreachable!(),
    }
}

fn float_max(dtype: DType, negative: bool) -> Scalar {
    match dtype {
        DType::F16 => Scalar::F16(if negative { f16::MIN } else { f16::MAX }),
        DType::BF16 => Scalar::BF16(if negative { bf16::MIN } else { bf16::MAX }),
        DType::F32 => Scalar::F32(if negative { f32::MIN } else { f32::MAX }),
        DType::F64 => Scalar::F64(if negative { f64::MIN } else { f64::MAX }),
        _ => unreachable!(),
    }
}

/// API §1's table, written from its text: `mode == None` is the value-exact conversion.
fn oracle(value: Scalar, to: DType, mode: Option<CastMode>) -> Option<Scalar> {
    let (x, is_float) = as_f64(value);
    match to {
        DType::Bool => match mode {
            None if x == 0.0 => Some(Scalar::Bool(false)),
            None if x == 1.0 => Some(Scalar::Bool(true)),
            None => None,
            Some(_) => Some(Scalar::Bool(x != 0.0)),
        },
        DType::F16 | DType::BF16 | DType::F32 | DType::F64 => {
            let rounded = round_float(to, x);
            let (r, _) = as_f64(rounded);
            match mode {
                None => (r == x || x.is_nan()).then_some(rounded),
                Some(CastMode::As) => Some(rounded),
                Some(_) if r.is_infinite() && x.is_finite() => Some(float_max(to, x < 0.0)),
                Some(_) => Some(rounded),
            }
        }
        _ => {
            let (bits, signed) = int_bits(to);
            let (min, max) = if signed {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            } else {
                (0, (1i128 << bits) - 1)
            };
            let clamp = |v: i128| v.clamp(min, max);
            let wrap = |v: i128| {
                let m = v.rem_euclid(1i128 << bits);
                if signed && m > max {
                    m - (1i128 << bits)
                } else {
                    m
                }
            };
            let v = if is_float {
                if x.is_nan() {
                    match mode {
                        None => return None,
                        Some(_) => 0,
                    }
                } else {
                    let integral = match mode {
                        None if x.fract() != 0.0 || x.is_infinite() => return None,
                        Some(CastMode::Round) => x.round_ties_even(),
                        _ => x.trunc(),
                    };
                    // Saturate first: i128 holds every integer the checks below need.
                    let clamped = integral.clamp(-1e30, 1e30) as i128;
                    match mode {
                        None if clamped != clamp(clamped) => return None,
                        _ => clamp(clamped),
                    }
                }
            } else {
                let v = as_i128(value).unwrap();
                match mode {
                    None if v != clamp(v) => return None,
                    None => v,
                    Some(CastMode::As) => wrap(v),
                    Some(_) => clamp(v),
                }
            };
            Some(int_scalar(to, v))
        }
    }
}

/// Equal values, with floats compared by bits except that NaNs need only agree in sign.
fn same(a: Scalar, b: Scalar) -> bool {
    match (a, b) {
        (Scalar::F16(x), Scalar::F16(y)) => same_bits(
            x.to_bits() as u64,
            y.to_bits() as u64,
            x.is_nan() && y.is_nan(),
            15,
        ),
        (Scalar::BF16(x), Scalar::BF16(y)) => same_bits(
            x.to_bits() as u64,
            y.to_bits() as u64,
            x.is_nan() && y.is_nan(),
            15,
        ),
        (Scalar::F32(x), Scalar::F32(y)) => same_bits(
            x.to_bits() as u64,
            y.to_bits() as u64,
            x.is_nan() && y.is_nan(),
            31,
        ),
        (Scalar::F64(x), Scalar::F64(y)) => {
            same_bits(x.to_bits(), y.to_bits(), x.is_nan() && y.is_nan(), 63)
        }
        _ => a == b,
    }
}

fn same_bits(a: u64, b: u64, both_nan: bool, sign_bit: u32) -> bool {
    if both_nan {
        a >> sign_bit == b >> sign_bit
    } else {
        a == b
    }
}

// ---- running the kernels against the oracle --------------------------------------------------

fn check_kernels<S: Element, D: Element>(values: &[S]) {
    let mut out = vec![D::default(); values.len()];
    for mode in CastMode::ALL {
        cast_into_with(values, &mut out, mode);
        for (&value, &got) in values.iter().zip(&out) {
            let expected = oracle(value.to_scalar(), D::DTYPE, Some(mode)).unwrap();
            assert!(
                same(got.to_scalar(), expected),
                "{value:?} ({}) as {} under {mode:?}: got {got:?}, expected {expected}",
                S::DTYPE,
                D::DTYPE
            );
            // The dynamic form (used by the macros at expansion) is the same function.
            assert!(same(value.to_scalar().cast(D::DTYPE, mode), expected));
        }
    }
    for &value in values {
        let mut one = [D::default()];
        let got = try_cast_into(&[value], &mut one)
            .ok()
            .map(|()| one[0].to_scalar());
        let expected = oracle(value.to_scalar(), D::DTYPE, None);
        let agree = match (got, expected) {
            (Some(g), Some(e)) => same(g, e),
            (None, None) => true,
            _ => false,
        };
        assert!(
            agree,
            "{value:?} ({}) exactly as {}: got {got:?}, expected {expected:?}",
            S::DTYPE,
            D::DTYPE
        );
        assert_eq!(
            value.to_scalar().cast_exact(D::DTYPE).is_some(),
            expected.is_some()
        );
        if S::DTYPE.can_cast_lossless(D::DTYPE) {
            assert!(
                expected.is_some(),
                "a lossless pair lost {value:?}: {} -> {}",
                S::DTYPE,
                D::DTYPE
            );
        }
    }
}

macro_rules! check_all_targets {
    ($values:expr) => {{
        let values = $values;
        check_kernels::<_, bool>(&values);
        check_kernels::<_, u8>(&values);
        check_kernels::<_, u16>(&values);
        check_kernels::<_, u32>(&values);
        check_kernels::<_, u64>(&values);
        check_kernels::<_, i8>(&values);
        check_kernels::<_, i16>(&values);
        check_kernels::<_, i32>(&values);
        check_kernels::<_, i64>(&values);
        check_kernels::<_, f16>(&values);
        check_kernels::<_, bf16>(&values);
        check_kernels::<_, f32>(&values);
        check_kernels::<_, f64>(&values);
    }};
}

#[test]
fn exhaustive_bool() {
    check_all_targets!([false, true]);
}

#[test]
fn exhaustive_u8() {
    check_all_targets!((0..=u8::MAX).collect::<Vec<_>>());
}

#[test]
fn exhaustive_i8() {
    check_all_targets!((i8::MIN..=i8::MAX).collect::<Vec<_>>());
}

#[test]
fn exhaustive_u16() {
    check_all_targets!((0..=u16::MAX).collect::<Vec<_>>());
}

#[test]
fn exhaustive_i16() {
    check_all_targets!((i16::MIN..=i16::MAX).collect::<Vec<_>>());
}

#[test]
fn exhaustive_f16() {
    check_all_targets!((0..=u16::MAX).map(f16::from_bits).collect::<Vec<_>>());
}

#[test]
fn exhaustive_bf16() {
    check_all_targets!((0..=u16::MAX).map(bf16::from_bits).collect::<Vec<_>>());
}

// ---- wider sources: boundaries and random values ---------------------------------------------

/// splitmix64: a small seeded generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn from_env() -> Rng {
        let seed = std::env::var("TENSORIZE_TEST_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
            });
        eprintln!("TENSORIZE_TEST_SEED={seed}");
        Rng(seed)
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn f32_boundaries() -> Vec<f32> {
    let mut v = vec![
        0.0,
        -0.0,
        0.5,
        -0.5,
        1.5,
        2.5,
        -2.5,
        0.49999997,
        1.0,
        -1.0,
        127.5,
        128.0,
        -128.5,
        255.5,
        256.0,
        65504.0,
        65519.99,
        65520.0,
        -65520.0,
        2147483520.0,
        2147483648.0,
        -2147483648.0,
        -2147483904.0,
        4294967040.0,
        4294967296.0,
        9.223372e18,
        -9.223372e18,
        1.8446743e19,
        f32::MAX,
        f32::MIN,
        f32::MIN_POSITIVE,
        1e-45,
        -1e-45,
        5.9604645e-8,
        2.9802322e-8,
        f32::INFINITY,
        f32::NEG_INFINITY,
        f32::NAN,
        -f32::NAN,
        16777217.0,
        3.3895314e38,
        3.4028235e38,
    ];
    v.extend(v.clone().iter().flat_map(|x| {
        [
            f32::from_bits(x.to_bits() + 1),
            f32::from_bits(x.to_bits().wrapping_sub(1)),
        ]
    }));
    v
}

#[test]
fn f32_sources_boundaries_and_random() {
    let mut rng = Rng::from_env();
    let mut values = f32_boundaries();
    values.extend((0..20_000).map(|_| f32::from_bits(rng.next() as u32)));
    // Values near the integer ranges, where truncation and rounding decide.
    values.extend((0..20_000).map(|_| (rng.next() as i64 >> (rng.next() % 64)) as f32 + 0.5));
    check_all_targets!(values);
}

#[test]
fn i32_and_u32_sources_boundaries_and_random() {
    let mut rng = Rng::from_env();
    let mut signed: Vec<i32> = vec![
        0,
        1,
        -1,
        i32::MIN,
        i32::MAX,
        127,
        128,
        -128,
        -129,
        255,
        256,
        65504,
        65519,
        65520,
        16_777_217,
        -16_777_217,
        2047,
        2049,
    ];
    signed.extend((0..20_000).map(|_| (rng.next() as i32) >> (rng.next() % 32)));
    // Only targets whose oracle needs no more than f32 precision are checked generically;
    // i32 → f32/bf16 of large values is covered by `integer_to_float_rounds_once` below.
    let small: Vec<i32> = signed
        .iter()
        .copied()
        .filter(|v| v.unsigned_abs() < 1 << 24)
        .collect();
    check_all_targets!(small.clone());
    let unsigned: Vec<u32> = small.iter().map(|&v| v.unsigned_abs()).collect();
    check_all_targets!(unsigned);
}

/// The nearest value of a float with `precision` significant bits to integer `x`, ties to even,
/// found by comparing the two candidates around it with exact integer arithmetic.
fn nearest_with_precision(x: i128, precision: u32) -> i128 {
    let magnitude = x.unsigned_abs();
    let bits = 128 - magnitude.leading_zeros();
    if bits <= precision {
        return x;
    }
    let step = 1u128 << (bits - precision);
    let below = magnitude / step * step;
    let above = below + step;
    let rounded = match (magnitude - below).cmp(&(above - magnitude)) {
        std::cmp::Ordering::Less => below,
        std::cmp::Ordering::Equal if (below / step) % 2 == 0 => below,
        std::cmp::Ordering::Greater | std::cmp::Ordering::Equal => above,
    };
    if x < 0 {
        -(rounded as i128)
    } else {
        rounded as i128
    }
}

#[test]
fn integer_to_float_rounds_once() {
    let mut rng = Rng::from_env();
    let mut values: Vec<i64> = vec![
        i64::MIN,
        i64::MAX,
        (1 << 53) + 1,
        (1 << 24) + 1,
        0x0101_0000_0000_0001,
        -0x0180_0000_0000_0001,
        0x7f80_0000_0000_0000,
    ];
    values.extend((0..50_000).map(|_| (rng.next() as i64) >> (rng.next() % 64)));
    for &v in &values {
        for (to, precision) in [(DType::BF16, 8), (DType::F32, 24), (DType::F64, 53)] {
            let expected = nearest_with_precision(v as i128, precision);
            for source in [Scalar::I64(v), Scalar::U64(v as u64)] {
                let x = as_i128(source).unwrap();
                let expected = if x == v as i128 {
                    expected
                } else {
                    nearest_with_precision(x, precision)
                };
                let got = source.cast(to, CastMode::As);
                let got = as_f64(got).0;
                assert_eq!(got, expected as f64, "{source:?} as {to}");
                assert_eq!(
                    source.cast_exact(to).is_some(),
                    expected == x,
                    "{source:?} exactly as {to}"
                );
            }
        }
        // f16 overflows above 65519: to inf under `As`, to ±65504 otherwise.
        let f16_got = Scalar::I64(v).cast(DType::F16, CastMode::As);
        let f16_sat = Scalar::I64(v).cast(DType::F16, CastMode::Saturate);
        if v.unsigned_abs() >= 65520 {
            assert!(
                matches!(f16_got, Scalar::F16(h) if h.is_infinite() && (h.is_sign_negative() == (v < 0)))
            );
            assert!(matches!(f16_sat, Scalar::F16(h) if h.to_f64().abs() == 65504.0));
        } else {
            assert_eq!(f16_got, Scalar::F16(f16::from_f32(v as f32)));
        }
    }
}

#[test]
fn i64_and_u64_to_integers() {
    let mut rng = Rng::from_env();
    let mut values: Vec<i64> = vec![
        i64::MIN,
        i64::MAX,
        -1,
        0,
        1,
        u32::MAX as i64,
        i32::MIN as i64 - 1,
    ];
    values.extend((0..20_000).map(|_| (rng.next() as i64) >> (rng.next() % 64)));
    for v in values {
        for source in [Scalar::I64(v), Scalar::U64(v as u64)] {
            check_into_integers(source);
        }
    }
}

/// A value into bool and every integer type, under every mode and value-exactly, against the
/// oracle.
fn check_into_integers(source: Scalar) {
    for to in [
        DType::Bool,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::I8,
        DType::I16,
        DType::I32,
        DType::I64,
    ] {
        for mode in CastMode::ALL {
            let expected = oracle(source, to, Some(mode)).unwrap();
            assert!(
                same(source.cast(to, mode), expected),
                "{source:?} as {to} {mode:?}"
            );
        }
        assert_eq!(
            source.cast_exact(to),
            oracle(source, to, None),
            "{source:?} exactly as {to}"
        );
    }
}

#[test]
fn f64_to_integers_and_f32() {
    let mut rng = Rng::from_env();
    let mut values: Vec<f64> = vec![
        0.0,
        -0.0,
        0.5,
        -0.5,
        2.5,
        -2.5,
        3.5,
        9.223372036854776e18,
        -9.223372036854776e18,
        1.8446744073709552e19,
        4503599627370495.5,
        2147483647.5,
        -2147483648.5,
        -2147483649.0,
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::MAX,
        f64::MIN,
        1e-310,
        3.4028235677973366e38,
        3.4028235677973362e38,
        3.402823669209385e38,
        1.401298464324817e-45,
        7.006492321624085e-46,
        7.006492321624087e-46,
    ];
    values.extend((0..20_000).map(|_| f64::from_bits(rng.next())));
    values.extend((0..20_000).map(|_| (rng.next() as i64 >> (rng.next() % 64)) as f64 * 0.25));
    for x in values {
        let source = Scalar::F64(x);
        check_into_integers(source);
        // f64 → f32: Rust's `as` is IEEE nearest-even; saturating modes clamp finite overflow.
        let nearest = x as f32;
        for mode in CastMode::ALL {
            let Scalar::F32(got) = source.cast(DType::F32, mode) else {
                unreachable!()
            };
            if x.is_nan() {
                assert!(got.is_nan() && got.is_sign_negative() == x.is_sign_negative());
            } else if nearest.is_infinite() && x.is_finite() && mode != CastMode::As {
                assert_eq!(got, if x < 0.0 { f32::MIN } else { f32::MAX });
            } else {
                assert_eq!(got.to_bits(), nearest.to_bits(), "{x:?} as f32 {mode:?}");
            }
        }
        let exact = source.cast_exact(DType::F32).is_some();
        assert_eq!(
            exact,
            x.is_nan() || nearest as f64 == x,
            "{x:?} exactly as f32"
        );
    }
}

/// The slice kernels (including the hardware f64 → f16 path) agree with the scalar reference
/// on f64s at and around every f16 and bf16 midpoint.
#[test]
fn f64_to_half_kernels_match_the_scalar_reference() {
    let mut xs = Vec::new();
    for bits in 0..0x7c00u16 {
        let (low, high) = (
            f16::from_bits(bits).to_f64(),
            f16::from_bits(bits + 1).to_f64(),
        );
        let mid = (low + high) / 2.0;
        xs.extend([
            mid,
            mid.next_up(),
            mid.next_down(),
            -mid,
            low * 1.000_000_000_1,
        ]);
    }
    for bits in (0..0x7f80u16).step_by(3) {
        let mid = (bf16::from_bits(bits).to_f64() + bf16::from_bits(bits + 1).to_f64()) / 2.0;
        xs.extend([mid, mid.next_up(), mid.next_down()]);
    }
    xs.extend([
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        1e300,
        -1e-300,
        65520.0,
        -65519.99,
    ]);
    for mode in CastMode::ALL {
        let mut halves = vec![f16::ZERO; xs.len()];
        cast_into_with(&xs, &mut halves, mode);
        let mut bhalves = vec![bf16::ZERO; xs.len()];
        cast_into_with(&xs, &mut bhalves, mode);
        for ((&x, &h), &b) in xs.iter().zip(&halves).zip(&bhalves) {
            assert!(
                same(Scalar::F16(h), Scalar::F64(x).cast(DType::F16, mode)),
                "{x:e} → f16 {mode:?}"
            );
            assert!(
                same(Scalar::BF16(b), Scalar::F64(x).cast(DType::BF16, mode)),
                "{x:e} → bf16 {mode:?}"
            );
        }
    }
}

/// Every midpoint between neighbouring f16 (and bf16) values, and the f64s just either side of
/// it: the one-step rounding must go to the even neighbour at the midpoint and to the nearer one
/// off it. This is where rounding through f32 first goes wrong.
#[test]
fn f64_to_half_types_round_once_at_every_midpoint() {
    for (to, width) in [(DType::F16, 0x7c00u16), (DType::BF16, 0x7f80u16)] {
        let value = |bits: u16| match to {
            DType::F16 => f16::from_bits(bits).to_f64(),
            _ => bf16::from_bits(bits).to_f64(),
        };
        let cast = |x: f64, mode| as_f64(Scalar::F64(x).cast(to, mode)).0;
        for bits in 0..width {
            let low = value(bits);
            let last = bits + 1 == width;
            // Past the largest finite value, the midpoint is max + half an ulp: it and anything
            // above it overflow.
            let high = if last {
                2.0 * low - value(bits - 1)
            } else {
                value(bits + 1)
            };
            let mid = (low + high) / 2.0; // exact: both have few significant bits
            let even = if bits % 2 == 0 { low } else { high };
            for sign in [1.0, -1.0] {
                assert_eq!(
                    cast(sign * mid.next_down(), CastMode::As),
                    sign * low,
                    "{to} below {mid:e}"
                );
                if last {
                    assert_eq!(cast(sign * mid, CastMode::As), sign * f64::INFINITY);
                    assert_eq!(
                        cast(sign * mid.next_up(), CastMode::As),
                        sign * f64::INFINITY
                    );
                    assert_eq!(cast(sign * mid, CastMode::Saturate), sign * low);
                    assert_eq!(cast(sign * mid.next_up(), CastMode::Round), sign * low);
                } else {
                    assert_eq!(
                        cast(sign * mid, CastMode::As),
                        sign * even,
                        "{to} midpoint {mid:e}"
                    );
                    assert_eq!(
                        cast(sign * mid.next_up(), CastMode::As),
                        sign * high,
                        "{to} above {mid:e}"
                    );
                }
            }
        }
    }
}

// ---- f32 → f16 / bf16 bit-exact against half -------------------------------------------------

/// The saturating float → integer kernels against Rust's own `as`.
fn check_f32_to_integers_like_as(src: &[f32]) {
    macro_rules! like_as {
        ($($t:ty),*) => {$(
            let mut out = vec![<$t>::default(); src.len()];
            cast_into_with(src, &mut out, CastMode::As);
            for (&x, &y) in src.iter().zip(&out) {
                assert_eq!(y, x as $t, "{x:e} ({:#010x}) as {}", x.to_bits(), stringify!($t));
            }
            cast_into_with(src, &mut out, CastMode::Round);
            for (&x, &y) in src.iter().zip(&out) {
                assert_eq!(y, x.round_ties_even() as $t, "{x:e} rounded to {}", stringify!($t));
            }
        )*};
    }
    like_as!(u8, u16, u32, u64, i8, i16, i32, i64);
    let wide: Vec<f64> = src.iter().map(|&x| f64::from(x) * 1.000_000_1).collect();
    macro_rules! like_as_f64 {
        ($($t:ty),*) => {$(
            let mut out = vec![<$t>::default(); wide.len()];
            cast_into_with(&wide, &mut out, CastMode::Saturate);
            for (&x, &y) in wide.iter().zip(&out) {
                assert_eq!(y, x as $t, "{x:e} as {}", stringify!($t));
            }
        )*};
    }
    like_as_f64!(u8, u16, u32, u64, i8, i16, i32, i64);
}

fn check_f32_to_half_types(bits: impl Iterator<Item = u32>) -> u64 {
    let mut checked = 0;
    let mut src = Vec::with_capacity(1 << 16);
    let mut halves = vec![f16::ZERO; 1 << 16];
    let mut bhalves = vec![bf16::ZERO; 1 << 16];
    let mut flush = |src: &mut Vec<f32>| {
        let n = src.len();
        cast_into_with(src, &mut halves[..n], CastMode::As);
        cast_into_with(src, &mut bhalves[..n], CastMode::As);
        for i in 0..n {
            let expected = f16::from_f32(src[i]);
            assert_eq!(
                halves[i].to_bits(),
                expected.to_bits(),
                "f16 of {:#010x}",
                src[i].to_bits()
            );
            let expected = bf16::from_f32(src[i]);
            assert_eq!(
                bhalves[i].to_bits(),
                expected.to_bits(),
                "bf16 of {:#010x}",
                src[i].to_bits()
            );
        }
        src.clear();
    };
    for b in bits {
        src.push(f32::from_bits(b));
        checked += 1;
        if src.len() == 1 << 16 {
            // A sixteenth of the values into every integer type keeps the run short.
            check_f32_to_integers_like_as(&src[..1 << 12]);
            flush(&mut src);
        }
    }
    check_f32_to_integers_like_as(&src);
    flush(&mut src);
    checked
}

#[test]
fn f32_to_half_types_match_half_on_a_random_one_percent() {
    let mut rng = Rng::from_env();
    let n = (1u64 << 32) / 100;
    let checked = check_f32_to_half_types((0..n).map(|_| rng.next() as u32));
    assert_eq!(checked, n);
}

/// All 2^32 f32 bit patterns (into f16 and bf16 against `half`, into every integer type
/// against `as`). Run with
/// `cargo test --release --test test_casts -- --ignored f32_to_half_types_match_half_on_every`.
#[test]
#[ignore = "exhaustive: 2^32 inputs, several minutes in release"]
fn f32_to_half_types_match_half_on_every_f32() {
    assert_eq!(check_f32_to_half_types(0..=u32::MAX), 1 << 32);
}

// ---- the table's named cases -----------------------------------------------------------------

#[test]
#[allow(clippy::many_single_char_names)] // one short buffer per target type
fn the_tables_cases() {
    let mut i = [0i32; 6];
    let src = [2.7f64, -2.5, f64::NAN, 1e10, -1e10, -0.0];
    cast_into_with(&src, &mut i, CastMode::As);
    assert_eq!(i, [2, -2, 0, i32::MAX, i32::MIN, 0]);
    cast_into_with(&src, &mut i, CastMode::Saturate);
    assert_eq!(i, [2, -2, 0, i32::MAX, i32::MIN, 0]);
    cast_into_with(&src, &mut i, CastMode::Round);
    assert_eq!(i, [3, -2, 0, i32::MAX, i32::MIN, 0]);

    let mut b = [0u8; 3];
    cast_into_with(&[-1i16, 256, 300], &mut b, CastMode::As);
    assert_eq!(b, [255, 0, 44]);
    cast_into_with(&[-1i16, 256, 300], &mut b, CastMode::Round);
    assert_eq!(b, [0, 255, 255]);
    let mut s = [0i8; 2];
    cast_into_with(&[200u8, 127], &mut s, CastMode::As);
    assert_eq!(s, [-56, 127]);

    let mut bools = [false; 4];
    cast_into_with(&[0.0f32, -0.0, f32::NAN, 0.1], &mut bools, CastMode::As);
    assert_eq!(bools, [false, false, true, true]);
    let mut ones = [0.0f32; 2];
    cast_into(&[true, false], &mut ones);
    assert_eq!(ones, [1.0, 0.0]);

    let mut h = [f16::ZERO; 3];
    cast_into_with(&[70000.0f32, -70000.0, f32::INFINITY], &mut h, CastMode::As);
    assert_eq!(h, [f16::INFINITY, f16::NEG_INFINITY, f16::INFINITY]);
    cast_into_with(
        &[70000.0f32, -70000.0, f32::INFINITY],
        &mut h,
        CastMode::Saturate,
    );
    assert_eq!(h, [f16::MAX, f16::MIN, f16::INFINITY]);

    // f16 ↔ bf16 follow the float → float column.
    let mut bf = [bf16::ZERO; 1];
    cast_into_with(&[f16::from_f32(1.0 / 3.0)], &mut bf, CastMode::As);
    assert_eq!(bf[0], bf16::from_f32(f16::from_f32(1.0 / 3.0).to_f32()));
    let mut back = [f16::ZERO; 1];
    cast_into_with(&[bf16::MAX], &mut back, CastMode::Round);
    assert_eq!(back[0], f16::MAX);

    // −0.0 → 0 is exact; NaN and ±inf are exact between floats.
    let mut z = [1i32];
    try_cast_into(&[-0.0f32], &mut z).unwrap();
    assert_eq!(z, [0]);
    let mut f = [0.0f32; 3];
    try_cast_into(&[f64::NAN, f64::INFINITY, f64::NEG_INFINITY], &mut f).unwrap();
    assert!(f[0].is_nan() && f[1] == f32::INFINITY && f[2] == f32::NEG_INFINITY);
    let mut nan_int = [0i32];
    assert!(try_cast_into(&[f32::NAN], &mut nan_int).is_err());
}

#[test]
fn cast_error_messages() {
    let mut out = [0i32; 14];
    let mut src = [0.0f64; 14];
    src[13] = 14.5;
    let err = try_cast_into(&src, &mut out).unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 13: 14.5 is not exactly representable as i32"
    );
    assert_eq!(
        (err.index(), err.target(), err.source_dtype()),
        (13, DType::I32, Some(DType::F64))
    );
    let mut h = [f16::ZERO];
    let err = try_cast_into(&[70000.0f32], &mut h).unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 0: 70000.0 is not exactly representable as f16"
    );
    let mut b = [false];
    let err = try_cast_into(&[2u8], &mut b).unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 0: 2 is not exactly representable as bool"
    );
}

#[test]
#[should_panic(expected = "cast_into_with: source has 3 elements but destination has 2")]
fn length_mismatch_panics() {
    cast_into_with(&[1.0f32, 2.0, 3.0], &mut [0u8; 2], CastMode::As);
}

/// f64 → f16 equals numpy's (one correct rounding) on 10,189,824 values around every f16
/// rounding boundary (`scripts/gen_f64_to_f16_sweep.py` wrote the digest and a sample).
#[test]
fn f64_to_f16_matches_numpy_on_a_sweep_of_every_boundary() {
    let fixture = include_str!("fixtures/f64_to_f16_sweep.txt");
    let field = |key: &str| {
        fixture
            .lines()
            .find_map(|line| line.strip_prefix(key))
            .map(str::trim)
            .unwrap()
            .to_string()
    };
    let count: usize = field("count ").parse().unwrap();
    let digest = u64::from_str_radix(&field("fnv1a64 "), 16).unwrap();
    let mut sweep = Vec::with_capacity(count);
    for b in 0..0x7c00u16 {
        let (low, high) = (f16::from_bits(b).to_f64(), f16::from_bits(b + 1).to_f64());
        let mid = if b == 0x7bff {
            65520.0
        } else {
            (low + high) / 2.0
        };
        for k in -160i64..=160 {
            sweep.push(f64::from_bits((mid.to_bits() as i64 + k).max(0) as u64));
        }
    }
    assert_eq!(sweep.len(), count);
    let mut halves = vec![f16::ZERO; sweep.len()];
    cast_into_with(&sweep, &mut halves, CastMode::As);
    let mut hash = 0xCBF2_9CE4_8422_2325u64;
    for h in &halves {
        for byte in h.to_bits().to_le_bytes() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x100_0000_01B3);
        }
    }
    for line in fixture.lines().filter(|l| !l.starts_with(['#', 'c', 'f'])) {
        let parts: Vec<&str> = line.split(' ').collect();
        let index: usize = parts[0].parse().unwrap();
        assert_eq!(
            sweep[index].to_bits(),
            u64::from_str_radix(parts[1], 16).unwrap()
        );
        assert_eq!(
            halves[index].to_bits(),
            u16::from_str_radix(parts[2], 16).unwrap(),
            "{:e}",
            sweep[index]
        );
    }
    assert_eq!(hash, digest, "the f16 results differ from numpy's");
}

// ---- the slice kernels against the scalar reference, bit for bit ------------------------------

/// A value's bits, NaN payloads included (`same` lets NaNs differ in payload; this does not).
fn exact_bits(value: Scalar) -> u128 {
    match value {
        Scalar::F16(x) => x.to_bits().into(),
        Scalar::BF16(x) => x.to_bits().into(),
        Scalar::F32(x) => x.to_bits().into(),
        Scalar::F64(x) => x.to_bits().into(),
        other => u128::from_le_bytes({
            let mut bytes = [0; 16];
            bytes[..8].copy_from_slice(&other.to_bytes(false));
            bytes
        }),
    }
}

/// `cast_into_with` equals the scalar reference (`Scalar::cast`) on every element, under every
/// mode: the vectorized and specialized kernels (exceptions redone by block, F16C, streaming
/// stores past 16 MiB) are the reference, NaN payloads included.
fn check_slice_is_the_reference<S: Element, D: Element>(values: &[S]) {
    let mut out = vec![D::default(); values.len()];
    for mode in CastMode::ALL {
        cast_into_with(values, &mut out, mode);
        for (i, (&value, &got)) in values.iter().zip(&out).enumerate() {
            let expected = value.to_scalar().cast(D::DTYPE, mode);
            assert_eq!(
                exact_bits(got.to_scalar()),
                exact_bits(expected),
                "element {i}: {value:?} ({}) as {} under {mode:?}: got {got:?}, expected {expected}",
                S::DTYPE,
                D::DTYPE
            );
        }
    }
}

#[test]
fn slice_kernels_are_the_scalar_reference_bit_for_bit() {
    let mut rng = Rng::from_env();
    // 2M f64 (24 MiB moved into f32: the streaming loop), NaNs of every kind one value in 64,
    // so some blocks hold one and others none.
    let f64s: Vec<f64> = (0..2_000_003)
        .map(|i| {
            let bits = rng.next();
            match bits % 64 {
                0 => f64::from_bits(bits | 0x7ff0_0000_0000_0001), // NaN, any payload and sign
                1 => f64::from_bits(bits & 0x47ff_ffff_ffff_ffff), // past f32's range
                2 => f64::from_bits(bits),
                _ => (i as f64 - 1e6) * 1.37,
            }
        })
        .collect();
    check_slice_is_the_reference::<f64, f32>(&f64s);
    check_slice_is_the_reference::<f64, f32>(&f64s[3..1000]);
    // In cache (the loop by blocks of 256): NaNs in two blocks of 40, the others clean.
    let mut rare: Vec<f64> = f64s
        .iter()
        .copied()
        .filter(|x| !x.is_nan())
        .take(10_000)
        .collect();
    rare[300] = f64::from_bits(0xfff8_0000_dead_beef);
    rare[9_999] = f64::from_bits(0x7ff0_0000_0000_0001);
    check_slice_is_the_reference::<f64, f32>(&rare);
    let halves: Vec<u16> = (0..=u16::MAX).collect();
    let f16s: Vec<f16> = halves.iter().map(|&b| f16::from_bits(b)).collect();
    let bf16s: Vec<bf16> = halves.iter().map(|&b| bf16::from_bits(b)).collect();
    check_slice_is_the_reference::<f16, f64>(&f16s);
    check_slice_is_the_reference::<bf16, f64>(&bf16s);
    check_slice_is_the_reference::<f16, f32>(&f16s);
    check_slice_is_the_reference::<bf16, f32>(&bf16s);
    // Every f16 27 times (1.77M values, 17 MiB moved into f64: the F16C path's streaming
    // stores).
    let many: Vec<f16> = f16s
        .iter()
        .copied()
        .cycle()
        .skip(3)
        .take(27 << 16)
        .collect();
    check_slice_is_the_reference::<f16, f64>(&many);
    let small: Vec<i16> = halves.iter().map(|&b| b as i16).collect();
    check_slice_is_the_reference::<i16, f16>(&small);
    check_slice_is_the_reference::<i16, bf16>(&small);
    check_slice_is_the_reference::<u16, f16>(&halves);
    let bytes: Vec<u8> = (0..5000u32).map(|i| (i * 7) as u8).collect();
    let signed: Vec<i8> = bytes.iter().map(|&b| b as i8).collect();
    check_slice_is_the_reference::<u8, f16>(&bytes);
    check_slice_is_the_reference::<i8, f16>(&signed);
    check_slice_is_the_reference::<u8, bf16>(&bytes);
    check_slice_is_the_reference::<i8, bf16>(&signed);
    let f32s: Vec<f32> = (0..300_000)
        .map(|_| f32::from_bits(rng.next() as u32))
        .collect();
    check_slice_is_the_reference::<f32, f16>(&f32s);
    check_slice_is_the_reference::<f32, bf16>(&f32s);
    check_slice_is_the_reference::<f32, u8>(&f32s);
    check_slice_is_the_reference::<f32, i32>(&f32s);
    check_slice_is_the_reference::<f64, f16>(&f64s[..300_000]);
}
