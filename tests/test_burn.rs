//! `tensorize::burn` on burn's flex backend: all 13 elements both ways with their own dtype,
//! ranks 0 to 6, non-contiguous inputs, bool data in all three stores, shape, value and dtype
//! errors, and batches of derived rows and images.

use tensorize::burn::burn_tensor::{
    BoolStore, DType as BurnDType, Device, Int, Tensor as BurnTensor, TensorData,
};
use tensorize::burn::{stack, stack_data, unstack, BurnElement, Error, FromBurn, ToBurn};
use tensorize::{batches, bf16, f16, CastMode, DType, Element, FromTensor, IntoTensor, Tensor};

fn device() -> Device {
    Device::default()
}

fn burn_dtype(dtype: DType) -> BurnDType {
    match dtype {
        DType::Bool => BurnDType::Bool(BoolStore::Native),
        DType::U8 => BurnDType::U8,
        DType::U16 => BurnDType::U16,
        DType::U32 => BurnDType::U32,
        DType::U64 => BurnDType::U64,
        DType::I8 => BurnDType::I8,
        DType::I16 => BurnDType::I16,
        DType::I32 => BurnDType::I32,
        DType::I64 => BurnDType::I64,
        DType::F16 => BurnDType::F16,
        DType::BF16 => BurnDType::BF16,
        DType::F32 => BurnDType::F32,
        DType::F64 => BurnDType::F64,
    }
}

fn values<E: Element>() -> [[E; 3]; 2] {
    let mut out = [[E::ZERO; 3]; 2];
    for (row, from) in out.iter_mut().zip([[0u8, 1, 1], [0, 1, 0]]) {
        tensorize::cast_into_with(&from, row, CastMode::As);
    }
    out
}

fn round_trip<E: BurnElement>() {
    let dtype = <E as Element>::DTYPE;
    let tensor = Tensor::new(values::<E>());
    let data = tensor.to_burn_data();
    assert_eq!(data.dtype(), burn_dtype(dtype), "{dtype}");
    assert_eq!(data.shape().as_slice(), [2, 3]);
    assert_eq!(
        Tensor::<[[E; 3]; 2]>::from_burn_data(&data).unwrap(),
        tensor,
        "{dtype}"
    );
    let array = ndarray::ArrayD::<E>::from_burn_data(&data).unwrap();
    assert_eq!(array.as_slice().unwrap(), tensor.as_slice());
    assert_eq!(array.to_burn_data().dtype(), burn_dtype(dtype));
    // On a device the tensor keeps the element's dtype (burn's own from_data would not).
    let on_device = tensor.to_burn::<2>(&device());
    let read = on_device.to_data();
    if dtype == DType::Bool {
        assert!(matches!(read.dtype(), BurnDType::Bool(_)), "{dtype}");
    } else {
        assert_eq!(read.dtype(), burn_dtype(dtype), "{dtype}");
    }
    assert_eq!(
        Tensor::<[[E; 3]; 2]>::from_burn_data(&read).unwrap(),
        tensor,
        "{dtype}"
    );
    // Every dtype reads into every other element when the values fit (0 and 1 fit all).
    let as_f32 = Tensor::<[[f32; 3]; 2]>::from_burn_data(&read).unwrap();
    assert_eq!(as_f32.into_inner(), [[0.0, 1.0, 1.0], [0.0, 1.0, 0.0]]);
    let as_bool = Tensor::<[[bool; 3]; 2]>::from_burn_data(&read).unwrap();
    assert_eq!(
        as_bool.into_inner(),
        [[false, true, true], [false, true, false]]
    );
}

#[test]
fn all_13_elements_both_ways_with_their_own_dtype() {
    round_trip::<bool>();
    round_trip::<u8>();
    round_trip::<u16>();
    round_trip::<u32>();
    round_trip::<u64>();
    round_trip::<i8>();
    round_trip::<i16>();
    round_trip::<i32>();
    round_trip::<i64>();
    round_trip::<f16>();
    round_trip::<bf16>();
    round_trip::<f32>();
    round_trip::<f64>();
}

#[test]
fn f64_stays_f64_where_from_data_would_narrow() {
    let t = Tensor::new([0.1f64, 1e300]);
    let ours = t.to_burn::<1>(&device());
    assert_eq!(ours.dtype(), BurnDType::F64);
    assert_eq!(
        Tensor::<[f64; 2]>::from_burn_data(&ours.to_data()).unwrap(),
        t
    );
    // What burn's own idiom does with the same data: the device's default float dtype.
    let theirs = BurnTensor::<1>::from_data(TensorData::new(vec![0.1f64, 1e300], [2]), &device());
    assert_eq!(theirs.dtype(), BurnDType::F32);
}

#[test]
fn bool_data_in_every_store() {
    let shape = [2, 2];
    let native = TensorData::new(vec![true, false, false, true], shape);
    let u8_store =
        TensorData::from_bytes_vec(vec![1, 0, 0, 1], shape, BurnDType::Bool(BoolStore::U8));
    let u32_bytes: Vec<u8> = [1u32, 0, 0, 1]
        .iter()
        .flat_map(|v| v.to_ne_bytes())
        .collect();
    let u32_store = TensorData::from_bytes_vec(u32_bytes, shape, BurnDType::Bool(BoolStore::U32));
    for data in [&native, &u8_store, &u32_store] {
        let t = Tensor::<[[bool; 2]; 2]>::from_burn_data(data).unwrap();
        assert_eq!(
            t.into_inner(),
            [[true, false], [false, true]],
            "{:?}",
            data.dtype()
        );
        let f = ndarray::ArrayD::<f32>::from_burn_data(data).unwrap();
        assert_eq!(f.as_slice().unwrap(), [1.0, 0.0, 0.0, 1.0]);
    }
    // A store holding something other than 0 or 1 is refused (unless a mode is named).
    let bad = TensorData::from_bytes_vec(vec![2, 0, 0, 1], shape, BurnDType::Bool(BoolStore::U8));
    let err = Tensor::<[[bool; 2]; 2]>::from_burn_data(&bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 0: 2 is not exactly representable as bool"
    );
    let lenient = Tensor::<[[bool; 2]; 2]>::from_burn_data_with(&bad, CastMode::As).unwrap();
    assert!(lenient[[0, 0]]);
}

#[test]
fn rank_zero_data_and_rank_six_tensors() {
    let scalar = Tensor::new(7i16);
    let data = scalar.to_burn_data();
    assert!(data.shape().as_slice().is_empty());
    assert_eq!(Tensor::<i16>::from_burn_data(&data).unwrap(), scalar);
    assert_eq!(
        ndarray::ArrayD::<i64>::from_burn_data(&data)
            .unwrap()
            .ndim(),
        0
    );

    let mut deep = Tensor::new([[[[[[0i32; 2]; 1]; 3]; 1]; 2]; 2]);
    for (i, v) in deep.as_mut_slice().iter_mut().enumerate() {
        *v = i as i32 - 10;
    }
    let on_device: BurnTensor<6, Int> = deep.to_burn::<6>(&device());
    assert_eq!(on_device.dims(), [2, 2, 1, 3, 1, 2]);
    let back = Tensor::<[[[[[[i32; 2]; 1]; 3]; 1]; 2]; 2]>::from_burn_data(&on_device.to_data());
    assert_eq!(back.unwrap(), deep);
}

#[test]
fn non_contiguous_arrays_go_in_logical_order() {
    let a = ndarray::array![[1u16, 2, 3], [4, 5, 6]];
    let t = a.t().to_burn::<2>(&device());
    assert_eq!(t.dims(), [3, 2]);
    assert_eq!(t.to_data().as_slice::<u16>().unwrap(), [1, 4, 2, 5, 3, 6]);
    let every_other = a.slice(ndarray::s![.., ..;2]).to_burn_data();
    assert_eq!(every_other.as_slice::<u16>().unwrap(), [1, 3, 4, 6]);
}

#[test]
#[should_panic(expected = "to_burn::<3> of an array of rank 2")]
fn an_arrays_wrong_rank_panics_naming_both() {
    let _ = ndarray::array![[1.0f32]].to_burn::<3>(&device());
}

#[test]
fn shape_value_and_dtype_errors() {
    let data = TensorData::new(vec![1.5f32, 2.0, 3.0, 4.0, 5.0, 6.0], [2, 3]);
    let err = Tensor::<[[f32; 2]; 3]>::from_burn_data(&data).unwrap_err();
    assert!(
        matches!(&err, Error::Shape { expected, found } if expected == &[3, 2] && found == &[2, 3])
    );
    assert_eq!(
        err.to_string(),
        "the burn data has shape [2, 3], expected [3, 2]"
    );
    let err = ndarray::ArrayD::<u8>::from_burn_data(&data).unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 0: 1.5 is not exactly representable as u8"
    );
    assert!(std::error::Error::source(&err).is_some());
    let rounded = ndarray::ArrayD::<u8>::from_burn_data_with(&data, CastMode::Round).unwrap();
    assert_eq!(rounded[[0, 0]], 2);

    let flex = TensorData::from_bytes_vec(vec![0; 8], [2], BurnDType::Flex32);
    let err = Tensor::<[f32; 2]>::from_burn_data(&flex).unwrap_err();
    assert!(matches!(
        err,
        Error::DType {
            found: BurnDType::Flex32
        }
    ));
    assert!(err
        .to_string()
        .starts_with("burn dtype Flex32 has no tensorize element type"));

    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq, Clone, Copy)]
#[tensor(dtype = f32)]
struct Reading {
    position: [f32; 3],
    level: u8,
    #[tensor(cast = round)]
    precise: f64,
}

#[test]
fn derived_rows_stack_and_unstack() {
    let items: Vec<Reading> = (0..5)
        .map(|i| Reading {
            position: [i as f32, 0.5, -1.0],
            level: i as u8,
            precise: 0.25,
        })
        .collect();
    let batch = stack::<_, 2>(&items, &device());
    assert_eq!((batch.dims(), batch.dtype()), ([5, 5], BurnDType::F32));
    let back: Vec<Reading> = unstack(&batch.to_data()).unwrap();
    assert_eq!(back, items);
    let data = stack_data(&items);
    let mut values = data.as_slice::<f32>().unwrap().to_vec();
    values[5 + 3] = 0.5;
    let err = unstack::<Reading>(&TensorData::new(values, [5, 5])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "item 1, field `level`: 0.5 is not exactly representable as u8"
    );
    let err = unstack::<Reading>(&TensorData::new(vec![0.0f32; 8], [2, 4])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the burn data has shape [2, 4], expected [2, 5]"
    );
}

#[test]
fn images_stack_and_each_batch_of_batches_goes_to_burn() {
    type Image = [[[u8; 3]; 4]; 4];
    let images: Vec<Image> = (0..10u8).map(|i| [[[i; 3]; 4]; 4]).collect();
    let batch: BurnTensor<4, Int> = stack::<_, 4>(&images, &device());
    assert_eq!(
        (batch.dims(), batch.dtype()),
        ([10, 4, 4, 3], BurnDType::U8)
    );
    let back: Vec<Image> = unstack(&batch.to_data()).unwrap();
    assert_eq!(back, images);

    let mut stream = batches(images.iter().copied(), 4);
    let mut sizes = Vec::new();
    while let Some(view) = stream.next_batch() {
        let t = view.to_burn::<4>(&device());
        sizes.push(t.dims()[0]);
        assert_eq!(t.dtype(), BurnDType::U8);
    }
    assert_eq!(sizes, [4, 4, 2]);
}
