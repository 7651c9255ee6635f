//! `tensorize::candle`: every candle dtype both ways, ranks 0 to 6, non-contiguous inputs on
//! both sides, shape, value and dtype errors, and batches of derived rows and images.

use tensorize::candle::candle_core::{DType as CandleDType, Device, Tensor as CandleTensor};
use tensorize::candle::{stack, unstack, Error, FromCandle, ToCandle};
use tensorize::{batches, bf16, f16, CastMode, DType, Element, FromTensor, IntoTensor, Tensor};

const CPU: Device = Device::Cpu;

/// A value of each element type per small integer, for round trips.
fn values<E: Element + tensorize::LosslessFrom<u8>>() -> [[E; 3]; 2] {
    let mut out = [[E::ZERO; 3]; 2];
    let source = [[0u8, 1, 2], [3, 100, 255]];
    for (row, from) in out.iter_mut().zip(source) {
        tensorize::cast_into(&from, row);
    }
    out
}

fn candle_dtype(dtype: DType) -> CandleDType {
    match dtype {
        DType::U8 => CandleDType::U8,
        DType::U32 => CandleDType::U32,
        DType::I16 => CandleDType::I16,
        DType::I32 => CandleDType::I32,
        DType::I64 => CandleDType::I64,
        DType::F16 => CandleDType::F16,
        DType::BF16 => CandleDType::BF16,
        DType::F32 => CandleDType::F32,
        DType::F64 => CandleDType::F64,
        other => panic!("candle has no {other}"),
    }
}

fn round_trip<E: tensorize::candle::CandleElement + tensorize::LosslessFrom<u8>>() {
    let tensor = Tensor::new(values::<E>());
    let candle = tensor.to_candle(&CPU).unwrap();
    assert_eq!(candle.dims(), [2, 3]);
    assert_eq!(
        candle.dtype(),
        candle_dtype(<E as Element>::DTYPE),
        "{}",
        <E as Element>::DTYPE
    );
    let back = Tensor::<[[E; 3]; 2]>::from_candle(&candle).unwrap();
    assert_eq!(back, tensor, "{}", <E as Element>::DTYPE);
    let array = ndarray::ArrayD::<E>::from_candle(&candle).unwrap();
    assert_eq!(array.shape(), [2, 3]);
    assert_eq!(array.as_slice().unwrap(), tensor.as_slice());
    // An ndarray array goes the same way.
    let again = array.to_candle(&CPU).unwrap();
    assert_eq!(Tensor::<[[E; 3]; 2]>::from_candle(&again).unwrap(), tensor);
    // Every candle dtype reads into every other element exactly when the values fit (all of
    // these small integers fit every dtype).
    let as_f64 = Tensor::<[[f64; 3]; 2]>::from_candle(&candle).unwrap();
    assert_eq!(as_f64.into_inner(), [[0.0, 1.0, 2.0], [3.0, 100.0, 255.0]]);
    let as_u8 = Tensor::<[[u8; 3]; 2]>::from_candle(&candle).unwrap();
    assert_eq!(as_u8.into_inner(), [[0, 1, 2], [3, 100, 255]]);
}

#[test]
fn every_candle_dtype_both_ways() {
    round_trip::<u8>();
    round_trip::<u32>();
    round_trip::<i16>();
    round_trip::<i32>();
    round_trip::<i64>();
    round_trip::<f16>();
    round_trip::<bf16>();
    round_trip::<f32>();
    round_trip::<f64>();
}

#[test]
fn special_values_survive_exactly() {
    let floats = Tensor::new([
        f32::NAN,
        f32::INFINITY,
        -0.0,
        f32::MIN_POSITIVE / 8.0,
        f32::MAX,
    ]);
    let candle = floats.to_candle(&CPU).unwrap();
    let back = Tensor::<[f32; 5]>::from_candle(&candle).unwrap();
    let bits = |t: &Tensor<[f32; 5]>| t.as_slice().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(&back), bits(&floats));
    let ints = Tensor::new([i64::MIN, i64::MAX]);
    let back = Tensor::<[i64; 2]>::from_candle(&ints.to_candle(&CPU).unwrap()).unwrap();
    assert_eq!(back, ints);
}

#[test]
fn rank_zero_and_rank_six() {
    let scalar = Tensor::new(2.5f32);
    let candle = scalar.to_candle(&CPU).unwrap();
    assert_eq!(candle.rank(), 0);
    assert_eq!(candle.to_scalar::<f32>().unwrap(), 2.5);
    assert_eq!(Tensor::<f32>::from_candle(&candle).unwrap(), scalar);
    let array = ndarray::ArrayD::<f64>::from_candle(&candle).unwrap();
    assert_eq!(array.ndim(), 0);

    let mut deep = Tensor::new([[[[[[0i32; 2]; 1]; 3]; 1]; 2]; 2]);
    for (i, v) in deep.as_mut_slice().iter_mut().enumerate() {
        *v = i as i32 - 10;
    }
    let candle = deep.to_candle(&CPU).unwrap();
    assert_eq!(candle.dims(), [2, 2, 1, 3, 1, 2]);
    assert_eq!(
        Tensor::<[[[[[[i32; 2]; 1]; 3]; 1]; 2]; 2]>::from_candle(&candle).unwrap(),
        deep
    );
}

#[test]
fn non_contiguous_inputs_go_in_logical_order() {
    // An ndarray view: transposed, and a strided slice.
    let a = ndarray::array![[1u32, 2, 3], [4, 5, 6]];
    let t = a.t().to_candle(&CPU).unwrap();
    assert_eq!(t.to_vec2::<u32>().unwrap(), [[1, 4], [2, 5], [3, 6]]);
    let every_other = a.slice(ndarray::s![.., ..;2]);
    assert_eq!(
        every_other
            .to_candle(&CPU)
            .unwrap()
            .to_vec2::<u32>()
            .unwrap(),
        [[1, 3], [4, 6]]
    );
    // A Fortran-order owned array.
    let fortran = a.t().as_standard_layout().into_owned().reversed_axes();
    assert!(fortran.as_slice().is_none());
    assert_eq!(
        fortran.to_candle(&CPU).unwrap().to_vec2::<u32>().unwrap(),
        [[1, 2, 3], [4, 5, 6]]
    );

    // A strided candle tensor: transposed, narrowed.
    let c = CandleTensor::new(&[[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]], &CPU).unwrap();
    let transposed = c.t().unwrap();
    assert!(!transposed.is_contiguous());
    let back = Tensor::<[[f32; 2]; 3]>::from_candle(&transposed).unwrap();
    assert_eq!(back.into_inner(), [[1.0, 4.0], [2.0, 5.0], [3.0, 6.0]]);
    let narrow = c.narrow(1, 1, 2).unwrap();
    let back = ndarray::ArrayD::<f64>::from_candle(&narrow).unwrap();
    assert_eq!(back, ndarray::array![[2.0, 3.0], [5.0, 6.0]].into_dyn());
}

#[test]
fn shape_value_and_dtype_errors() {
    let c = CandleTensor::new(&[[1.5f32, 2.0, 3.0], [4.0, 5.0, 6.0]], &CPU).unwrap();
    let err = Tensor::<[[f32; 2]; 3]>::from_candle(&c).unwrap_err();
    assert!(
        matches!(&err, Error::Shape { expected, found } if expected == &[3, 2] && found == &[2, 3])
    );
    assert_eq!(
        err.to_string(),
        "the candle tensor has shape [2, 3], expected [3, 2]"
    );

    let err = Tensor::<[[i32; 3]; 2]>::from_candle(&c).unwrap_err();
    assert!(matches!(err, Error::Cast(_)));
    assert_eq!(
        err.to_string(),
        "element 0: 1.5 is not exactly representable as i32"
    );
    assert!(std::error::Error::source(&err).is_some());
    let rounded = Tensor::<[[i32; 3]; 2]>::from_candle_with(&c, CastMode::Round).unwrap();
    assert_eq!(rounded[[0, 0]], 2);
    let as_f16 = ndarray::ArrayD::<f16>::from_candle(&c).unwrap();
    assert_eq!(as_f16[[0, 0]], f16::from_f32(1.5));
    let big = CandleTensor::new(&[70000.0f32], &CPU).unwrap();
    assert!(Tensor::<[f16; 1]>::from_candle(&big).is_err());
    let saturated = Tensor::<[f16; 1]>::from_candle_with(&big, CastMode::Saturate).unwrap();
    assert_eq!(saturated[0], f16::MAX);

    let f8 = c.to_dtype(CandleDType::F8E4M3).unwrap();
    let err = Tensor::<[[f32; 3]; 2]>::from_candle(&f8).unwrap_err();
    assert!(matches!(err, Error::DType(CandleDType::F8E4M3)));
    assert!(err
        .to_string()
        .starts_with("candle dtype F8E4M3 has no tensorize element type"));
}

#[test]
fn errors_go_into_boxed_errors() {
    fn assert_error<E: std::error::Error + Send + Sync + 'static>() {}
    assert_error::<Error>();
    fn read() -> Result<Tensor<[u8; 2]>, Box<dyn std::error::Error + Send + Sync>> {
        let c = CandleTensor::new(&[1u8, 2, 3], &CPU)?;
        Ok(Tensor::from_candle(&c)?)
    }
    assert!(read().unwrap_err().to_string().contains("shape [3]"));
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq, Clone, Copy)]
#[tensor(dtype = f32)]
struct Reading {
    position: [f32; 3],
    level: u8,
    #[tensor(cast = round)]
    precise: f64,
}

fn readings(n: usize) -> Vec<Reading> {
    (0..n)
        .map(|i| Reading {
            position: [i as f32, 0.5, -1.0],
            level: (i % 200) as u8,
            precise: 0.25,
        })
        .collect()
}

#[test]
fn derived_rows_stack_and_unstack() {
    let items = readings(5);
    let batch = stack(&items, &CPU).unwrap();
    assert_eq!(
        (batch.dims(), batch.dtype()),
        (&[5, 5][..], CandleDType::F32)
    );
    assert_eq!(
        batch.get(3).unwrap().to_vec1::<f32>().unwrap(),
        [3.0, 0.5, -1.0, 3.0, 0.25]
    );
    let back: Vec<Reading> = unstack(&batch).unwrap();
    assert_eq!(back, items);
    // A field that does not read back names the item and the field.
    let bad = batch
        .broadcast_add(&CandleTensor::new(&[0.0f32, 0.0, 0.0, 0.5, 0.0], &CPU).unwrap())
        .unwrap();
    let err = unstack::<Reading>(&bad).unwrap_err();
    assert_eq!(
        err.to_string(),
        "item 0, field `level`: 0.5 is not exactly representable as u8"
    );
    let err = unstack::<Reading>(&batch.narrow(1, 0, 4).unwrap()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the candle tensor has shape [5, 4], expected [5, 5]"
    );
    // An empty batch.
    let empty = stack::<Reading>(&[], &CPU).unwrap();
    assert_eq!(empty.dims(), [0, 5]);
    assert!(unstack::<Reading>(&empty).unwrap().is_empty());
}

#[test]
fn images_stack_and_each_batch_of_batches_goes_to_candle() {
    type Image = [[[u8; 3]; 4]; 4];
    let images: Vec<Image> = (0..10u8).map(|i| [[[i; 3]; 4]; 4]).collect();
    let batch = stack(&images, &CPU).unwrap();
    assert_eq!(batch.dims(), [10, 4, 4, 3]);
    let back: Vec<Image> = unstack(&batch).unwrap();
    assert_eq!(back, images);

    let mut stream = batches(images.iter().copied(), 4);
    let mut sizes = Vec::new();
    while let Some(view) = stream.next_batch() {
        let candle = view.to_candle(&CPU).unwrap();
        sizes.push(candle.dims()[0]);
        let first = candle
            .get(0)
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1::<u8>()
            .unwrap();
        assert!(first.iter().all(|&v| v == first[0]));
    }
    assert_eq!(sizes, [4, 4, 2]);
}
