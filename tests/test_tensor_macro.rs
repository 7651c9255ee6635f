//! `tensor!` in real code: every form of API §3 with its type, shape, dtype and values.

use tensorize::{bf16, f16, tensor, CastMode, DType, Tensor};

const W: Tensor<[[f32; 3]; 2]> = tensor![[1, 2, 3], [4, 5, 6]; dtype = f32];
static TABLE: Tensor<[[u8; 4]; 2]> = tensor![[0, 1, 2, 3], [255, 254, 253, 252]; dtype = u8];
static HALVES: Tensor<[f16; 3]> = tensor![0.1, 65504, -2; dtype = f16];

#[test]
fn const_and_static() {
    const FIRST: f32 = W.into_inner()[0][0];
    assert_eq!(W.into_inner(), [[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
    assert_eq!(TABLE[[1, 0]], 255);
    assert_eq!(
        HALVES.into_inner(),
        [f16::from_f32(0.1), f16::MAX, f16::from_f32(-2.0)]
    );
    assert_eq!(FIRST, 1.0);
}

#[test]
fn inferred_dtypes_follow_convert_to_tensor() {
    let ints = tensor![1, 2, 3];
    let _: &Tensor<[i32; 3]> = &ints;
    assert_eq!(ints.into_inner(), [1, 2, 3]);

    let one = tensor![5];
    let _: &Tensor<[i32; 1]> = &one;

    let matrix = tensor![[1, 2, 3], [4, 5, 6]];
    let _: &Tensor<[[i32; 3]; 2]> = &matrix;
    assert_eq!(matrix.shape(), &[2, 3]);

    let promoted = tensor![[1.0, 2.5], [3, 4]];
    let _: &Tensor<[[f32; 2]; 2]> = &promoted;
    assert_eq!(promoted.into_inner(), [[1.0, 2.5], [3.0, 4.0]]);

    let bytes = tensor![1u8, 2, 3];
    let _: &Tensor<[u8; 3]> = &bytes;

    let wide = tensor![1, 2.5f64];
    let _: &Tensor<[f64; 2]> = &wide;

    let flags = tensor![true, false];
    let _: &Tensor<[bool; 2]> = &flags;
    assert_eq!(flags.into_inner(), [true, false]);
}

#[test]
fn every_dtype_by_name() {
    assert_eq!(tensor![1, 0; dtype = bool].into_inner(), [true, false]);
    assert_eq!(tensor![255; dtype = u8].into_inner(), [u8::MAX]);
    assert_eq!(tensor![65535; dtype = u16].into_inner(), [u16::MAX]);
    assert_eq!(tensor![4294967295; dtype = u32].into_inner(), [u32::MAX]);
    assert_eq!(
        tensor![18446744073709551615; dtype = u64].into_inner(),
        [u64::MAX]
    );
    assert_eq!(
        tensor![-128, 127; dtype = i8].into_inner(),
        [i8::MIN, i8::MAX]
    );
    assert_eq!(tensor![-32768; dtype = i16].into_inner(), [i16::MIN]);
    assert_eq!(tensor![-2147483648; dtype = i32].into_inner(), [i32::MIN]);
    assert_eq!(
        tensor![-9223372036854775808; dtype = i64].into_inner(),
        [i64::MIN]
    );
    assert_eq!(tensor![1.5; dtype = f16].into_inner(), [f16::from_f32(1.5)]);
    assert_eq!(
        tensor![1.5; dtype = bf16].into_inner(),
        [bf16::from_f32(1.5)]
    );
    assert_eq!(tensor![0.1; dtype = f32].into_inner(), [0.1f32]);
    assert_eq!(tensor![0.1; dtype = f64].into_inner(), [0.1f64]);
    for dtype in DType::ALL {
        // The dtype of every expansion is the type's.
        let name = dtype.name();
        assert!(!name.is_empty());
    }
    assert_eq!(tensor![1; dtype = f16].dtype(), DType::F16);
    assert_eq!(tensor![1; dtype = bf16].dtype(), DType::BF16);
}

#[test]
fn half_types_are_computed_with_the_runtimes_rounding() {
    let t = tensor![[0.1, 0.2, 0.3], [1e-7, 65519.0, 2.71]; dtype = f16];
    let expected = [0.1f32, 0.2, 0.3, 1e-7, 65519.0, 2.71].map(f16::from_f32);
    assert_eq!(t.as_slice(), &expected);
    let b = tensor![[0.1, 0.2, 0.3], [1e-30, 3.389_531_4e38, 2.71]; dtype = bf16];
    let expected = [0.1f32, 0.2, 0.3, 1e-30, 3.389_531_4e38, 2.71].map(bf16::from_f32);
    assert_eq!(b.as_slice(), &expected);
}

#[test]
fn cast_modes_on_the_tables_boundaries() {
    assert_eq!(
        tensor![[1.7, -2.5]; dtype = i32, cast = round].into_inner(),
        [[2, -2]]
    );
    assert_eq!(
        tensor![2.5, 3.5, -0.5; dtype = i8, cast = round].into_inner(),
        [2, 4, 0]
    );
    assert_eq!(
        tensor![2.7, -2.7; dtype = i8, cast = as].into_inner(),
        [2, -2]
    );
    assert_eq!(
        tensor![2.7, -2.7; dtype = i8, cast = saturate].into_inner(),
        [2, -2]
    );
    assert_eq!(
        tensor![300, -1, 128; dtype = u8, cast = as].into_inner(),
        [44, 255, 128]
    );
    assert_eq!(
        tensor![300, -1, 128; dtype = u8, cast = saturate].into_inner(),
        [255, 0, 128]
    );
    assert_eq!(
        tensor![128, -129; dtype = i8, cast = round].into_inner(),
        [127, -128]
    );
    assert_eq!(
        tensor![1e10, -1e10; dtype = i32, cast = as].into_inner(),
        [i32::MAX, i32::MIN]
    );
    assert_eq!(
        tensor![70000.0, -70000.0; dtype = f16, cast = saturate].into_inner(),
        [f16::MAX, f16::MIN]
    );
    assert_eq!(
        tensor![70000.0, -70000.0; dtype = f16, cast = as].into_inner(),
        [f16::INFINITY, f16::NEG_INFINITY]
    );
    assert_eq!(
        tensor![1e39; dtype = f32, cast = round].into_inner(),
        [f32::MAX]
    );
    assert_eq!(
        tensor![16_777_217; dtype = f32, cast = round].into_inner(),
        [16_777_216.0]
    );
    assert_eq!(
        tensor![0.5, 0; dtype = bool, cast = as].into_inner(),
        [true, false]
    );
    assert_eq!(
        tensor![2.0; dtype = i32].into_inner(),
        [2],
        "exact values need no mode"
    );
    assert_eq!(tensor![true, false; dtype = u8].into_inner(), [1, 0]);
}

#[test]
#[allow(clippy::many_single_char_names)] // the API's own example: tensor![[a, b], [c, d]]
fn expressions() {
    let (a, b, c, d) = (1.5f32, 2.5f32, 3.5f32, 4.5f32);
    let t = tensor![[a, b], [c, d]];
    let _: &Tensor<[[f32; 2]; 2]> = &t;
    assert_eq!(t.into_inner(), [[1.5, 2.5], [3.5, 4.5]]);

    let (x, y) = (3u8, 200u8);
    let widened = tensor![[x, y], [1, 2]; dtype = f32];
    assert_eq!(widened.into_inner(), [[3.0, 200.0], [1.0, 2.0]]);

    let z = 2.7f64;
    let rounded = tensor![z, -z, 1; dtype = i16, cast = round];
    assert_eq!(rounded.into_inner(), [3, -3, 1]);

    let halves = tensor![z, 0.5; dtype = f16, cast = round];
    assert_eq!(
        halves.into_inner(),
        [f16::from_f64(2.7), f16::from_f32(0.5)]
    );

    // Mixed literals and expressions: the literals decide the dtype.
    let mixed = tensor![a, 1.0, 2];
    let _: &Tensor<[f32; 3]> = &mixed;
    let m = 7u8;
    let suffixed = tensor![m, 1u8];
    assert_eq!(suffixed.into_inner(), [7, 1]);
    assert_eq!(tensor![u8::MAX, 0u8].into_inner(), [255, 0]);
    assert_eq!(tensor![i32::from(m) * 2, -1].into_inner(), [14, -1]);
}

macro_rules! via_macro_rules {
    ($($x:expr),*) => {
        tensor![$($x),*; dtype = f32]
    };
}

#[test]
fn elements_from_macro_rules_fragments() {
    assert_eq!(via_macro_rules!(1, 2.5, -3).into_inner(), [1.0, 2.5, -3.0]);
}

#[test]
fn empty_tensors() {
    let empty = tensor![; dtype = f32];
    let _: &Tensor<[f32; 0]> = &empty;
    let rows = tensor![[], []; dtype = u8];
    let _: &Tensor<[[u8; 0]; 2]> = &rows;
    assert_eq!(rows.shape(), &[2, 0]);
}

#[test]
fn ranks_one_through_max_rank() {
    macro_rules! nest {
        ($rank:literal, $value:expr) => {{
            let t = $value;
            assert_eq!(t.shape().len(), $rank);
            assert!(t.shape().iter().all(|&d| d == 1), "{:?}", t.shape());
            assert_eq!(t.as_slice(), &[7u8]);
        }};
    }
    nest!(1, tensor![7u8]);
    nest!(2, tensor![[7u8]]);
    nest!(3, tensor![[[7u8]]]);
    nest!(4, tensor![[[[7u8]]]]);
    nest!(7, tensor![[[[[[[7u8]]]]]]]);
    nest!(16, tensor![[[[[[[[[[[[[[[[7u8]]]]]]]]]]]]]]]]);
    nest!(
        32,
        tensor![[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[7u8]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    );
    let t = tensor![[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]];
    assert_eq!(t.shape(), &[2, 3, 2]);
    assert_eq!(t[[1, 2, 0]], 11);
}

#[test]
fn renamed_crate_path() {
    mod renamed {
        pub use tensorize as tz;
    }
    let t = tensor![1.5, 2; dtype = f16, crate = renamed::tz];
    assert_eq!(t.into_inner(), [f16::from_f32(1.5), f16::from_f32(2.0)]);
    let x = 1u8;
    let t = tensor![x, 2; dtype = u16, crate = renamed::tz, cast = as];
    assert_eq!(t.into_inner(), [1, 2]);
}

#[test]
fn literals_match_cast_with_on_the_same_values() {
    let t = tensor![0.1, 1e-5, 3.3e4, -7.77; dtype = bf16, cast = round];
    let reference = Tensor::new([0.1f64, 1e-5, 3.3e4, -7.77]).cast_with::<bf16>(CastMode::Round);
    assert_eq!(t, reference);
}
