//! The static `Tensor`: const/static use, shapes up to `MAX_RANK`, the flat slice view, indexing,
//! conversions, reshape, Default, Display and ndarray views.

use tensorize::{f16, tensor, CastMode, DType, Shape, Tensor, MAX_RANK};

const W: Tensor<[[f32; 3]; 2]> = Tensor::new([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
static S: Tensor<[[f32; 3]; 2]> = Tensor::new([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
const FIRST_ROW: [f32; 3] = W.into_inner()[0];

#[test]
fn const_and_static_tensors() {
    assert_eq!(W, S);
    assert_eq!(FIRST_ROW, [1.0, 2.0, 3.0]);
    assert_eq!(S.shape(), &[2, 3]);
    assert_eq!(Tensor::<[[f32; 3]; 2]>::SHAPE, &[2, 3]);
    assert_eq!(Tensor::<[[f32; 3]; 2]>::RANK, 2);
    assert_eq!(Tensor::<[[f32; 3]; 2]>::NUMEL, 6);
    assert_eq!(Tensor::<[[f32; 3]; 2]>::DTYPE, DType::F32);
    assert_eq!(S.dtype(), DType::F32);
    assert_eq!(S.as_slice(), &[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
    assert_eq!(std::mem::size_of::<Tensor<[[f32; 3]; 2]>>(), 24);
}

#[test]
fn scalars_and_empty_tensors() {
    let scalar = Tensor::new(5i64);
    assert_eq!(scalar.shape(), &[] as &[usize]);
    assert_eq!(Tensor::<i64>::RANK, 0);
    assert_eq!(scalar.as_slice(), &[5]);
    assert_eq!(scalar[[]], 5);

    let empty = Tensor::new([[0u8; 0]; 2]);
    assert_eq!(empty.shape(), &[2, 0]);
    assert_eq!(empty.as_slice(), &[] as &[u8]);
    assert_eq!(Tensor::<[[u8; 0]; 2]>::NUMEL, 0);
}

type Rank32 = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[u8; 1]; 2]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1];
    1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 1]; 3]; 2];

#[test]
fn rank_32_is_the_maximum() {
    assert_eq!(<Rank32 as Shape>::RANK, MAX_RANK);
    let mut expected = vec![1usize; 32];
    expected[0] = 2;
    expected[1] = 3;
    expected[30] = 2;
    assert_eq!(<Rank32 as Shape>::SHAPE, &expected[..]);
    let mut t = Tensor::<Rank32>::default();
    assert_eq!(t.as_slice().len(), 12);
    let mut index = [0usize; 32];
    index[0] = 1;
    index[1] = 2;
    index[30] = 1;
    t[index] = 7;
    assert_eq!(t.as_slice()[11], 7);
    #[cfg(feature = "ndarray")]
    assert_eq!(t.view().ndim(), 32);
}

#[test]
fn as_slice_and_as_mut_slice_view_every_element_in_row_major_order() {
    let mut t = Tensor::new([[[0u16; 4]; 3]; 2]);
    for (i, x) in t.as_mut_slice().iter_mut().enumerate() {
        *x = i as u16;
    }
    for a in 0..2 {
        for b in 0..3 {
            for c in 0..4 {
                assert_eq!(t[[a, b, c]], (a * 12 + b * 4 + c) as u16);
                assert_eq!(t.as_inner()[a][b][c], t[[a, b, c]]);
            }
        }
    }
    // Every element type, including the 2-byte floats and bool.
    let h = Tensor::new([[f16::ONE, f16::MAX], [f16::MIN, f16::ZERO]]);
    assert_eq!(h.as_slice(), &[f16::ONE, f16::MAX, f16::MIN, f16::ZERO]);
    let b = Tensor::new([[true, false, true]]);
    assert_eq!(b.as_slice(), &[true, false, true]);
}

#[test]
#[should_panic(expected = "index 3 is out of bounds for axis 1 of size 3")]
fn an_index_outside_its_dimension_panics_even_when_the_offset_fits() {
    let t = Tensor::new([[1, 2, 3], [4, 5, 6]]);
    let _ = t[[0, 3]]; // flat offset 3 exists, but column 3 does not
}

#[test]
fn rank_one_indexes_by_usize() {
    let mut t = Tensor::new([1.5f32, 2.5]);
    t[1] = 3.5;
    assert_eq!(t[1], 3.5);
    assert_eq!(t[[0]], 1.5);
}

#[test]
fn conversions() {
    let ints = Tensor::new([[1, 2], [3, 4]]);
    let floats: Tensor<[[f32; 2]; 2]> = ints.try_cast().unwrap();
    assert_eq!(floats.into_inner(), [[1.0, 2.0], [3.0, 4.0]]);
    let wide: Tensor<[[f64; 2]; 2]> = ints.cast();
    assert_eq!(wide.as_slice(), &[1.0, 2.0, 3.0, 4.0]);
    let x = Tensor::new([[2.7f64, -2.5], [f64::NAN, 1e10]]);
    assert_eq!(
        x.cast_with::<i32>(CastMode::As).into_inner(),
        [[2, -2], [0, i32::MAX]]
    );
    assert_eq!(
        x.cast_with::<i32>(CastMode::Round).into_inner(),
        [[3, -2], [0, i32::MAX]]
    );
    let err = x.try_cast::<i32>().unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 0: 2.7 is not exactly representable as i32"
    );
    let h = Tensor::new([70000.0f32]).cast_with::<f16>(CastMode::Saturate);
    assert_eq!(h[0], f16::MAX);
}

#[test]
fn reshape_keeps_row_major_order() {
    let t = Tensor::new([[1, 2, 3], [4, 5, 6]]);
    let r: Tensor<[[i32; 2]; 3]> = t.reshape();
    assert_eq!(r.into_inner(), [[1, 2], [3, 4], [5, 6]]);
    let flat: Tensor<[i32; 6]> = t.reshape();
    assert_eq!(flat.into_inner(), [1, 2, 3, 4, 5, 6]);
    let scalar: Tensor<i32> = Tensor::new([9]).reshape();
    assert_eq!(scalar.into_inner(), 9);
}

#[test]
fn default_is_zero_filled_at_any_size() {
    let big = Box::new(Tensor::<[[u8; 1000]; 100]>::default());
    assert!(big.as_slice().iter().all(|&x| x == 0));
    assert_eq!(Tensor::<[bool; 3]>::default().into_inner(), [false; 3]);
    assert_eq!(Tensor::<[f16; 2]>::default().into_inner(), [f16::ZERO; 2]);
    let t: Tensor<[u8; 2]> = [4, 5].into();
    assert_eq!(t.as_inner(), &[4, 5]);
}

#[test]
fn display_is_numpy_like() {
    let t = Tensor::new([[1, 2, 3], [400, 5, 6]]);
    assert_eq!(
        t.to_string(),
        "tensor([[  1,   2,   3],\n        [400,   5,   6]], shape=[2, 3], dtype=i32)"
    );
    let f = Tensor::new([[[1.5f32, 2.0]], [[-3.0, 4.25]]]);
    assert_eq!(
        f.to_string(),
        "tensor([[[ 1.5,  2.0]],\n\n        [[-3.0, 4.25]]], shape=[2, 1, 2], dtype=f32)"
    );
    assert_eq!(
        Tensor::new(7u8).to_string(),
        "tensor(7, shape=[], dtype=u8)"
    );
    assert_eq!(
        Tensor::new([0u8; 0]).to_string(),
        "tensor([], shape=[0], dtype=u8)"
    );
    assert_eq!(
        Tensor::new([true, false]).to_string(),
        "tensor([ true, false], shape=[2], dtype=bool)"
    );
}

#[test]
fn display_shows_halves_as_their_shortest_decimal() {
    // numpy shows float16(0.1) as 0.1; the f32 it widens to is 0.099975586.
    let h = tensor![[0.1, -2.5], [65504, 0.000_06]; dtype = f16];
    assert_eq!(
        h.to_string(),
        "tensor([[    0.1,    -2.5],\n        [65500.0,    6e-5]], shape=[2, 2], dtype=f16)"
    );
    let b = tensor![0.1, 3.0e38; dtype = bf16, cast = round];
    assert_eq!(b.to_string(), "tensor([ 0.1, 3e38], shape=[2], dtype=bf16)");
    assert_eq!(
        Tensor::new([f16::NAN, f16::NEG_INFINITY, f16::NEG_ZERO]).to_string(),
        "tensor([ NaN, -inf, -0.0], shape=[3], dtype=f16)"
    );
}

#[test]
fn display_summarizes_large_tensors() {
    let mut t = Tensor::<[[u16; 100]; 20]>::default();
    for (i, x) in t.as_mut_slice().iter_mut().enumerate() {
        *x = i as u16;
    }
    let text = t.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert_eq!(
        lines[0],
        "tensor([[   0,    1,    2, ...,   97,   98,   99],"
    );
    assert_eq!(lines[3], "        ...,");
    assert_eq!(
        lines[6],
        "        [1900, 1901, 1902, ..., 1997, 1998, 1999]], shape=[20, 100], dtype=u16)"
    );
}

#[cfg(feature = "ndarray")]
#[test]
fn view_is_zero_copy_with_a_static_rank() {
    let t = Tensor::new([[[1u8, 2], [3, 4]], [[5, 6], [7, 8]]]);
    let v: ndarray::ArrayView3<u8> = t.view();
    assert_eq!(v.shape(), &[2, 2, 2]);
    assert_eq!(v[[1, 1, 0]], 7);
    assert_eq!(v.as_ptr(), t.as_slice().as_ptr());
    let owned: ndarray::Array3<u8> = t.to_ndarray();
    assert_eq!(owned, v);
    let one = Tensor::new(1.5f32);
    let scalar: ndarray::ArrayView0<f32> = one.view();
    assert_eq!(scalar[[]], 1.5);
    let rank7 = Tensor::new([[[[[[[1u8; 2]; 1]; 1]; 1]; 1]; 1]; 1]);
    let dynamic: ndarray::ArrayViewD<u8> = rank7.view();
    assert_eq!(dynamic.shape(), &[1, 1, 1, 1, 1, 1, 2]);
}

#[test]
fn tensors_compare_and_copy() {
    let a = Tensor::new([1, 2]);
    let b = a;
    assert_eq!(a, b);
    assert_ne!(a, Tensor::new([1, 3]));
    assert_eq!(format!("{a:?}"), "Tensor([1, 2])");
}
