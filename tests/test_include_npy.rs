//! `include_npy!` on every NumPy-made fixture: the embedded tensor equals what `npy::read`
//! returns at run time (bit for bit), for every dtype, byte order and memory order.

use tensorize::{bf16, f16, include_npy, npy, CastMode, Element, Tensor};

/// Bits of an element, so NaN compares equal to itself.
fn bits<E: Element>(values: &[E]) -> Vec<String> {
    values.iter().map(|v| format!("{v:?}")).collect()
}

macro_rules! same {
    ($file:literal, $ty:ty) => {{
        const T: Tensor<$ty> = include_npy!($file);
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/", $file);
        let read: ndarray::ArrayD<<$ty as tensorize::Shape>::Elem> = npy::read(path).unwrap();
        assert_eq!(T.shape(), read.shape(), "{}", $file);
        let standard = read.as_standard_layout();
        assert_eq!(
            bits(T.as_slice()),
            bits(standard.as_slice().unwrap()),
            "{}",
            $file
        );
    }};
}

#[test]
fn every_fixture_embeds_what_npy_read_returns() {
    same!("tests/fixtures/npy/b1_na_c.npy", [[bool; 3]; 2]);
    same!("tests/fixtures/npy/b1_na_f.npy", [[bool; 3]; 2]);
    same!("tests/fixtures/npy/u1_na_c.npy", [[u8; 3]; 2]);
    same!("tests/fixtures/npy/u1_na_f.npy", [[u8; 3]; 2]);
    same!("tests/fixtures/npy/u2_le_c.npy", [[u16; 3]; 2]);
    same!("tests/fixtures/npy/u2_le_f.npy", [[u16; 3]; 2]);
    same!("tests/fixtures/npy/u2_be_c.npy", [[u16; 3]; 2]);
    same!("tests/fixtures/npy/u2_be_f.npy", [[u16; 3]; 2]);
    same!("tests/fixtures/npy/u4_le_c.npy", [[u32; 3]; 2]);
    same!("tests/fixtures/npy/u4_le_f.npy", [[u32; 3]; 2]);
    same!("tests/fixtures/npy/u4_be_c.npy", [[u32; 3]; 2]);
    same!("tests/fixtures/npy/u4_be_f.npy", [[u32; 3]; 2]);
    same!("tests/fixtures/npy/u8_le_c.npy", [[u64; 3]; 2]);
    same!("tests/fixtures/npy/u8_le_f.npy", [[u64; 3]; 2]);
    same!("tests/fixtures/npy/u8_be_c.npy", [[u64; 3]; 2]);
    same!("tests/fixtures/npy/u8_be_f.npy", [[u64; 3]; 2]);
    same!("tests/fixtures/npy/i1_na_c.npy", [[i8; 3]; 2]);
    same!("tests/fixtures/npy/i1_na_f.npy", [[i8; 3]; 2]);
    same!("tests/fixtures/npy/i2_le_c.npy", [[i16; 3]; 2]);
    same!("tests/fixtures/npy/i2_le_f.npy", [[i16; 3]; 2]);
    same!("tests/fixtures/npy/i2_be_c.npy", [[i16; 3]; 2]);
    same!("tests/fixtures/npy/i2_be_f.npy", [[i16; 3]; 2]);
    same!("tests/fixtures/npy/i4_le_c.npy", [[i32; 3]; 2]);
    same!("tests/fixtures/npy/i4_le_f.npy", [[i32; 3]; 2]);
    same!("tests/fixtures/npy/i4_be_c.npy", [[i32; 3]; 2]);
    same!("tests/fixtures/npy/i4_be_f.npy", [[i32; 3]; 2]);
    same!("tests/fixtures/npy/i8_le_c.npy", [[i64; 3]; 2]);
    same!("tests/fixtures/npy/i8_le_f.npy", [[i64; 3]; 2]);
    same!("tests/fixtures/npy/i8_be_c.npy", [[i64; 3]; 2]);
    same!("tests/fixtures/npy/i8_be_f.npy", [[i64; 3]; 2]);
    same!("tests/fixtures/npy/f2_le_c.npy", [[f16; 3]; 2]);
    same!("tests/fixtures/npy/f2_le_f.npy", [[f16; 3]; 2]);
    same!("tests/fixtures/npy/f2_be_c.npy", [[f16; 3]; 2]);
    same!("tests/fixtures/npy/f2_be_f.npy", [[f16; 3]; 2]);
    same!("tests/fixtures/npy/f4_le_c.npy", [[f32; 3]; 2]);
    same!("tests/fixtures/npy/f4_le_f.npy", [[f32; 3]; 2]);
    same!("tests/fixtures/npy/f4_be_c.npy", [[f32; 3]; 2]);
    same!("tests/fixtures/npy/f4_be_f.npy", [[f32; 3]; 2]);
    same!("tests/fixtures/npy/f8_le_c.npy", [[f64; 3]; 2]);
    same!("tests/fixtures/npy/f8_le_f.npy", [[f64; 3]; 2]);
    same!("tests/fixtures/npy/f8_be_c.npy", [[f64; 3]; 2]);
    same!("tests/fixtures/npy/f8_be_f.npy", [[f64; 3]; 2]);
    same!("tests/fixtures/npy/V2_le_c.npy", [[bf16; 3]; 2]);
    same!("tests/fixtures/npy/V2_le_f.npy", [[bf16; 3]; 2]);
    same!("tests/fixtures/npy/f8_0d.npy", f64);
    same!("tests/fixtures/npy/f4_empty.npy", [[f32; 3]; 0]);
    same!("tests/fixtures/npy/u1_empty_inner.npy", [[u8; 0]; 2]);
    same!("tests/fixtures/npy/i4_v2.npy", [[i32; 4]; 3]);
    same!("tests/fixtures/npy/f4_v3.npy", [[f32; 3]; 2]);
    same!("tests/fixtures/npy/i2_python2_header.npy", [[i16; 3]; 2]);
}

// f8 file with NaN, ±inf, -0.0, max and the smallest subnormal, into f16.
const H: Tensor<[[f16; 3]; 2]> =
    include_npy!("tests/fixtures/npy/f8_be_f.npy"; dtype = f16, cast = saturate);
// Widening needs no mode.
const W: Tensor<[[f64; 3]; 2]> = include_npy!("tests/fixtures/npy/f4_le_c.npy"; dtype = f64);
// Integers into narrower integers: exact values need no mode, others do.
const Q: Tensor<[[u8; 4]; 3]> = include_npy!("tests/fixtures/npy/i4_v2.npy"; dtype = u8);
const S: Tensor<[[i8; 3]; 2]> =
    include_npy!("tests/fixtures/npy/i8_le_c.npy"; dtype = i8, cast = saturate);
// 0-d and empty arrays.
const SCALAR: Tensor<f64> = include_npy!("tests/fixtures/npy/f8_0d.npy");
const EMPTY: Tensor<[[f32; 3]; 0]> = include_npy!("tests/fixtures/npy/f4_empty.npy");
const INNER: Tensor<[[bf16; 0]; 2]> =
    include_npy!("tests/fixtures/npy/u1_empty_inner.npy"; dtype = bf16);

#[test]
fn conversions_at_compile_time() {
    let h = H.into_inner();
    assert!(h[0][0].is_nan());
    assert_eq!(
        (h[0][1], h[0][2], h[1][1]),
        (f16::INFINITY, f16::NEG_INFINITY, f16::MAX)
    );
    assert_eq!(h[1][2], f16::ZERO); // 5e-324 is far below f16's smallest subnormal
    let read: ndarray::ArrayD<f64> = npy::read_with(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/npy/f4_le_c.npy"
        ),
        CastMode::As,
    )
    .unwrap();
    assert_eq!(bits(W.as_slice()), bits(read.as_slice().unwrap()));
    assert_eq!(Q[[2, 3]], 11);
    assert_eq!(S.into_inner(), [[-128, 127, 0], [1, 127, -128]]);
    assert_eq!(SCALAR.into_inner(), 2.5);
    assert_eq!(EMPTY.shape(), &[0, 3]);
    assert_eq!(INNER.shape(), &[2, 0]);
}

mod renamed {
    pub use tensorize as tz;
}

#[test]
fn crate_path_override() {
    const SAME: Tensor<[[i32; 4]; 3]> =
        include_npy!("tests/fixtures/npy/i4_v2.npy"; crate = renamed::tz);
    const CONVERTED: Tensor<[[i16; 4]; 3]> =
        include_npy!("tests/fixtures/npy/i4_v2.npy"; dtype = i16, crate = renamed::tz);
    assert_eq!(SAME[[1, 2]], 6);
    assert_eq!(CONVERTED[[1, 2]], 6);
}
