//! `include_safetensors!` and `include_npz!` on the Python-made fixtures: every embedded tensor
//! equals what the run-time reader returns (bit for bit) for every dtype, stored and deflated
//! members, C and Fortran order; conversions follow the one rule.

use tensorize::npy::npz;
use tensorize::{bf16, f16, include_npz, include_safetensors, safetensors, Element, Tensor};

/// Bits of an element, so NaN compares equal to itself.
fn bits<E: Element>(values: &[E]) -> Vec<String> {
    values.iter().map(|v| format!("{v:?}")).collect()
}

macro_rules! same_safetensors {
    ($name:literal, $ty:ty) => {{
        const T: Tensor<$ty> =
            include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", $name);
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/safetensors/all_dtypes.safetensors"
        );
        let read = safetensors::read::<<$ty as tensorize::Shape>::Elem>(path, $name).unwrap();
        assert_eq!(T.shape(), read.shape(), "{}", $name);
        assert_eq!(
            bits(T.as_slice()),
            bits(read.as_slice().unwrap()),
            "{}",
            $name
        );
    }};
}

#[test]
fn every_safetensors_dtype_embeds_what_read_returns() {
    same_safetensors!("bool", [[bool; 3]; 2]);
    same_safetensors!("u8", [u8; 6]);
    same_safetensors!("i8", [[i8; 2]; 3]);
    same_safetensors!("u16", [[[u16; 3]; 2]; 1]);
    same_safetensors!("i16", [[i16; 1]; 6]);
    same_safetensors!("u32", [[u32; 3]; 2]);
    same_safetensors!("i32", [[i32; 2]; 3]);
    same_safetensors!("u64", [u64; 6]);
    same_safetensors!("i64", [[[i64; 3]; 1]; 2]);
    same_safetensors!("f16", [[f16; 3]; 2]);
    same_safetensors!("bf16", [[bf16; 2]; 3]);
    same_safetensors!("f32", [f32; 6]);
    same_safetensors!("f64", [[f64; 3]; 2]);
    same_safetensors!("scalar", f32);
    same_safetensors!("empty", [[f32; 3]; 0]);
}

#[test]
fn safetensors_conversions_at_compile_time() {
    // Exact: every i16 value is an f32, every u8 an f16.
    const WIDE: Tensor<[[f32; 1]; 6]> = include_safetensors!(
        "tests/fixtures/safetensors/all_dtypes.safetensors", "i16"; dtype = f32);
    assert_eq!(
        WIDE.into_inner(),
        [[-32768.0], [32767.0], [0.0], [1.0], [10922.0], [7.0]]
    );
    static U8_AS_F16: Tensor<[f16; 6]> = include_safetensors!(
        "tests/fixtures/safetensors/all_dtypes.safetensors", "u8"; dtype = f16);
    assert_eq!(U8_AS_F16[1], f16::from_f32(255.0));
    // With loss, named: f64 → f32 saturates f64::MAX to f32::MAX and keeps NaN and infinities.
    static NARROW: Tensor<[[f32; 3]; 2]> = include_safetensors!(
        "tests/fixtures/safetensors/all_dtypes.safetensors", "f64"; dtype = f32, cast = saturate);
    assert!(NARROW[[0, 0]].is_nan());
    assert_eq!(NARROW[[0, 1]], f32::INFINITY);
    assert_eq!(NARROW[[1, 1]], f32::MAX);
    // The smallest f64 subnormal saturates to 0 (no f32 is nearer, and saturate rounds).
    assert_eq!(NARROW[[1, 2]], 0.0);
    // bf16 → f32 widens exactly.
    static BRAIN: Tensor<[[f32; 2]; 3]> = include_safetensors!(
        "tests/fixtures/safetensors/all_dtypes.safetensors", "bf16"; dtype = f32);
    assert_eq!(BRAIN[[0, 1]], f32::INFINITY);
}

macro_rules! same_npz {
    ($file:literal, $name:literal, $ty:ty) => {{
        const T: Tensor<$ty> = include_npz!($file, $name);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/", $file);
        let read = npz::read::<<$ty as tensorize::Shape>::Elem>(path, $name).unwrap();
        assert_eq!(T.shape(), read.shape(), "{} {}", $file, $name);
        let standard = read.as_standard_layout();
        assert_eq!(
            bits(T.as_slice()),
            bits(standard.as_slice().unwrap()),
            "{} {}",
            $file,
            $name
        );
    }};
}

#[test]
fn every_npz_member_embeds_what_read_returns() {
    same_npz!("tests/fixtures/npz/stored.npz", "weights", [[f32; 3]; 2]);
    same_npz!("tests/fixtures/npz/stored.npz", "bias", [f16; 2]);
    same_npz!("tests/fixtures/npz/stored.npz", "ids", [[i64; 2]; 3]);
    same_npz!("tests/fixtures/npz/stored.npz", "mask", [bool; 3]);
    // Fortran order: laid out row-major at expansion.
    same_npz!("tests/fixtures/npz/stored.npz", "fortran", [[u16; 3]; 2]);
    same_npz!("tests/fixtures/npz/stored.npz", "scalar", i8);
    same_npz!("tests/fixtures/npz/stored.npz", "half_brain", [bf16; 2]);
    same_npz!(
        "tests/fixtures/npz/compressed.npz",
        "weights",
        [[f32; 3]; 2]
    );
    same_npz!("tests/fixtures/npz/compressed.npz", "bias", [f16; 2]);
    same_npz!("tests/fixtures/npz/compressed.npz", "ids", [[i64; 2]; 3]);
    same_npz!("tests/fixtures/npz/compressed.npz", "mask", [bool; 3]);
    same_npz!(
        "tests/fixtures/npz/compressed.npz",
        "fortran",
        [[u16; 3]; 2]
    );
    same_npz!("tests/fixtures/npz/compressed.npz", "scalar", i8);
    same_npz!("tests/fixtures/npz/compressed.npz", "half_brain", [bf16; 2]);
}

#[test]
fn npz_conversions_at_compile_time() {
    // A stored member whose values change is read whole; a deflated one is inflated.
    const IDS: Tensor<[[u8; 2]; 3]> =
        include_npz!("tests/fixtures/npz/stored.npz", "ids"; dtype = u8);
    const BIAS: Tensor<[f32; 2]> =
        include_npz!("tests/fixtures/npz/compressed.npz", "bias"; dtype = f32);
    const ROUNDED: Tensor<[[i8; 3]; 2]> =
        include_npz!("tests/fixtures/npz/compressed.npz", "weights"; dtype = i8, cast = saturate);
    assert_eq!(IDS.into_inner(), [[0, 1], [2, 3], [4, 5]]);
    assert_eq!(BIAS.into_inner(), [0.5, -1.0]);
    // 1.5 → 1 (saturate truncates toward zero as `as` does), NaN → 0, inf → 127.
    assert_eq!(ROUNDED.into_inner(), [[1, -2, 0], [127, 0, 0]]);
}

#[test]
fn crate_path_override() {
    use tensorize as renamed;
    static W: renamed::Tensor<[f32; 6]> = renamed::include_safetensors!(
        "tests/fixtures/safetensors/all_dtypes.safetensors", "f32"; crate = renamed);
    static B: renamed::Tensor<[f16; 2]> =
        renamed::include_npz!("tests/fixtures/npz/stored.npz", "bias"; crate = renamed);
    assert_eq!(W[5].to_bits(), 1);
    assert_eq!(B[0], f16::from_f32(0.5));
}
