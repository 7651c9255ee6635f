//! `CastArray`: whole ndarray arrays of any layout, the seed's `tf.convert_to_tensor(a, dtype=…)`.

use ndarray::{array, Array2, Array3, ShapeBuilder};
use tensorize::{f16, CastArray, CastMode};

#[test]
fn standard_layout_arrays() {
    let a = array![[1i32, 2, 3], [4, 5, 6]];
    assert_eq!(
        a.try_cast::<f32>().unwrap(),
        array![[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]]
    );
    assert_eq!(a.cast::<i64>(), array![[1i64, 2, 3], [4, 5, 6]]);
    let x = array![2.7f64, -2.5, f64::NAN, 1e10];
    assert_eq!(x.cast_with::<i32>(CastMode::As), array![2, -2, 0, i32::MAX]);
    assert_eq!(
        x.cast_with::<i32>(CastMode::Round),
        array![3, -2, 0, i32::MAX]
    );
    let err = x.try_cast::<i32>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 0: 2.7 is not exactly representable as i32"
    );
}

#[test]
fn fortran_order_and_strided_views_keep_logical_order() {
    let f = Array2::from_shape_vec((2, 3).f(), vec![1u8, 4, 2, 5, 3, 6]).unwrap();
    assert_eq!(f, array![[1, 2, 3], [4, 5, 6]]);
    assert_eq!(f.cast::<f32>(), array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
    let t = f.t();
    assert_eq!(
        t.cast_with::<u16>(CastMode::As),
        array![[1, 4], [2, 5], [3, 6]]
    );

    let big = Array3::from_shape_fn((4, 5, 6), |(i, j, k)| (i * 100 + j * 10 + k) as f64 + 0.5);
    let strided = big.slice(ndarray::s![..;2, 1.., ..;-1]);
    let rounded = strided.cast_with::<i32>(CastMode::Round);
    for ((idx, &src), &dst) in strided.indexed_iter().zip(rounded.iter()) {
        assert_eq!(dst, src.round_ties_even() as i32, "{idx:?}");
    }
    // The first inexact value is named by its logical (row-major) index.
    let err = strided.try_cast::<i32>().unwrap_err();
    assert_eq!(err.index(), 0);
    let exact = strided.map(|x| x - 0.5);
    assert!(exact.t().try_cast::<i16>().is_ok());
    let mut bad = exact.clone();
    bad[[1, 2, 3]] = 0.25;
    let err = bad.t().try_cast::<i16>().unwrap_err();
    // Transposed shape (6, 4, 2): element [3, 2, 1] is at 3*8 + 2*2 + 1.
    assert_eq!(err.index(), 29);
}

#[test]
fn cast_into_views() {
    let a = array![[1.0f32, 70000.0], [-70000.0, 0.5]];
    let mut out = Array2::<f16>::from_elem((2, 2), f16::ZERO);
    a.cast_into_with(out.view_mut(), CastMode::Saturate);
    assert_eq!(
        out,
        array![[f16::ONE, f16::MAX], [f16::MIN, f16::from_f32(0.5)]]
    );
    let mut wide = Array2::<f64>::zeros((2, 2).f());
    a.cast_into(wide.view_mut());
    assert_eq!(wide, array![[1.0, 70000.0], [-70000.0, 0.5]]);
}

#[test]
#[should_panic(expected = "the output's shape differs")]
fn cast_into_with_a_different_shape_panics() {
    let a = array![[1u8, 2], [3, 4]];
    let mut out = Array2::<f32>::zeros((2, 3));
    a.cast_into(out.view_mut());
}

#[test]
fn dtype_of_any_array_and_view() {
    use tensorize::DType;
    let pixels = Array3::<u8>::zeros((2, 4, 3));
    assert_eq!(pixels.dtype(), DType::U8);
    assert_eq!(pixels.view().dtype(), DType::U8);
    assert_eq!(pixels.cast::<f16>().dtype(), DType::F16);
    let strided = array![[1.5f64, 2.0], [3.0, 4.0]];
    assert_eq!(strided.t().dtype(), DType::F64);
    assert_eq!(strided.into_dyn().dtype(), DType::F64);
}

#[test]
fn the_reexported_ndarray_is_the_one_tensorize_uses() {
    // The same crate, not merely the same name: the types unify with the dev-dependency's.
    let a: tensorize::ndarray::Array2<i16> = array![[1, 2], [3, 4]];
    let b: Array2<i16> = a.clone();
    assert_eq!(a, b);
    let t = tensorize::Tensor::new([1u8, 2]);
    let view: tensorize::ndarray::ArrayView1<u8> = t.view();
    assert_eq!(view, array![1u8, 2]);
}
