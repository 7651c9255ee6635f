//! Rows: the derives on every kind of field and attribute, feature names, `FromTensor` round
//! trips, and batching with stack, unstack and batches.

use ndarray::{Array2, ArrayD, IxDyn};
use tensorize::{batches, f16, stack, stack_into, unstack, FromTensor, IntoTensor, Tensor};

#[derive(IntoTensor, FromTensor, Debug, PartialEq, Clone, Copy, Default)]
struct Inner {
    speed: f32,
    heading: f32,
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq, Clone, Default)]
#[tensor(dtype = f32)]
struct Observation {
    position: [f32; 3],
    velocity: [f32; 3],
    health: u8,
    #[tensor(cast = round)]
    distance: f64,
    grid: [[u8; 4]; 4],
    inner: Inner,
    #[tensor(skip)]
    name: String,
}

fn observation(i: u8) -> Observation {
    let mut grid = [[0u8; 4]; 4];
    for (k, cell) in grid.iter_mut().flatten().enumerate() {
        *cell = i.wrapping_add(k as u8);
    }
    Observation {
        position: [f32::from(i), 1.5, -2.0],
        velocity: [0.25, 0.5, 0.75],
        health: 100 - i,
        distance: 1.0 / 3.0,
        grid,
        inner: Inner {
            speed: 9.5,
            heading: -1.0,
        },
        name: format!("obs{i}"),
    }
}

#[test]
fn shapes_and_element_types() {
    assert_eq!(Observation::NUMEL, 3 + 3 + 1 + 1 + 16 + 2);
    assert_eq!(Observation::SHAPE, &[26]);
    let _: f32 = <Observation as IntoTensor>::Elem::default();
    assert_eq!(Inner::SHAPE, &[2]);
    assert_eq!(<f16 as IntoTensor>::SHAPE, &[] as &[usize]);
    assert_eq!(<[[u8; 4]; 2] as IntoTensor>::SHAPE, &[2, 4]);
    assert_eq!(<[Inner; 3] as IntoTensor>::SHAPE, &[3, 2]);
    assert_eq!(<Tensor<[[i8; 2]; 5]> as IntoTensor>::SHAPE, &[5, 2]);
    assert_eq!(<&Inner as IntoTensor>::NUMEL, 2);
}

#[test]
fn write_to_flattens_fields_in_order() {
    let obs = observation(3);
    let mut row = [0.0f32; Observation::NUMEL];
    obs.write_to(&mut row);
    let mut expected = vec![3.0, 1.5, -2.0, 0.25, 0.5, 0.75, 97.0, (1.0f64 / 3.0) as f32];
    expected.extend((3..19).map(|k| k as f32));
    expected.extend([9.5, -1.0]);
    assert_eq!(row.to_vec(), expected);
}

#[test]
fn feature_names() {
    let names: Vec<String> = Observation::feature_names()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(names.len(), Observation::NUMEL);
    assert_eq!(
        &names[..8],
        [
            "position[0]",
            "position[1]",
            "position[2]",
            "velocity[0]",
            "velocity[1]",
            "velocity[2]",
            "health",
            "distance"
        ]
    );
    assert_eq!(names[8], "grid[0][0]");
    assert_eq!(names[13], "grid[1][1]");
    assert_eq!(names[23], "grid[3][3]");
    assert_eq!(&names[24..], ["inner.speed", "inner.heading"]);
    assert_eq!(Observation::feature_names().nth(24).unwrap().index(), 24);
    assert_eq!(
        Observation::feature_names()
            .next_back()
            .unwrap()
            .to_string(),
        "inner.heading"
    );
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq)]
struct Pair(u16, [u16; 2]);

#[derive(IntoTensor, FromTensor, Debug, PartialEq)]
#[tensor(dtype = f64)]
struct Nested {
    pairs: [Pair; 2],
    scale: f32,
}

#[test]
fn tuple_structs_and_arrays_of_rows() {
    let names: Vec<String> = Pair::feature_names().map(|n| n.to_string()).collect();
    assert_eq!(names, ["0", "1[0]", "1[1]"]);
    let names: Vec<String> = Nested::feature_names().map(|n| n.to_string()).collect();
    assert_eq!(
        names,
        [
            "pairs[0].0",
            "pairs[0].1[0]",
            "pairs[0].1[1]",
            "pairs[1].0",
            "pairs[1].1[0]",
            "pairs[1].1[1]",
            "scale"
        ]
    );
    let nested = Nested {
        pairs: [Pair(1, [2, 3]), Pair(4, [5, 6])],
        scale: 0.5,
    };
    let mut row = [0.0f64; 7];
    nested.write_to(&mut row);
    assert_eq!(row, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 0.5]);
    assert_eq!(Nested::read_from(&row).unwrap(), nested);
    let err = Nested::read_from(&[1.0, 2.0, 3.0, 4.0, 5.5, 6.0, 0.5]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `pairs[1].1[0]`: 5.5 is not exactly representable as u16"
    );
    assert_eq!(err.index(), 4);
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq)]
struct Generic<T> {
    values: [T; 2],
    last: T,
}

#[test]
fn generic_structs() {
    let g = Generic {
        values: [1i16, 2],
        last: 3,
    };
    let mut row = [0i16; 3];
    g.write_to(&mut row);
    assert_eq!(row, [1, 2, 3]);
    assert_eq!(Generic::<i16>::read_from(&row).unwrap(), g);
    let names: Vec<String> = Generic::<f32>::feature_names()
        .map(|n| n.to_string())
        .collect();
    assert_eq!(names, ["values[0]", "values[1]", "last"]);
    let nested: Generic<Inner> = Generic {
        values: [Inner::default(); 2],
        last: Inner {
            speed: 1.0,
            heading: 2.0,
        },
    };
    assert_eq!(Generic::<Inner>::NUMEL, 6);
    let mut row = [0.0f32; 6];
    nested.write_to(&mut row);
    assert_eq!(row, [0.0, 0.0, 0.0, 0.0, 1.0, 2.0]);
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq)]
#[tensor(transparent)]
struct Image {
    pixels: [[[u8; 3]; 4]; 4],
}

#[test]
fn transparent_keeps_the_fields_shape() {
    assert_eq!(Image::SHAPE, &[4, 4, 3]);
    assert_eq!(Image::NUMEL, 48);
    let names: Vec<String> = Image::feature_names().map(|n| n.to_string()).collect();
    assert_eq!(names[5], "[0][1][2]");
    let images = [
        Image {
            pixels: [[[7; 3]; 4]; 4],
        },
        Image {
            pixels: [[[9; 3]; 4]; 4],
        },
    ];
    let batch = stack(&images);
    assert_eq!(batch.shape(), &[2, 4, 4, 3]);
    let back: Vec<Image> = unstack(batch.view()).unwrap();
    assert_eq!(back, images);
}

#[test]
fn from_tensor_round_trips_and_fills_skipped_fields_with_default() {
    let obs = observation(5);
    let mut row = [0.0f32; Observation::NUMEL];
    obs.write_to(&mut row);
    let back = Observation::read_from(&row).unwrap();
    assert_eq!(back.name, "");
    assert_eq!(back.distance, f64::from((1.0f64 / 3.0) as f32));
    assert_eq!(
        Observation {
            name: obs.name.clone(),
            distance: obs.distance,
            ..back
        },
        obs
    );
}

#[test]
fn a_value_that_does_not_fit_names_its_field() {
    let mut row = [0.0f32; Observation::NUMEL];
    observation(1).write_to(&mut row);
    row[6] = 300.0;
    let err = Observation::read_from(&row).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `health`: 300.0 is not exactly representable as u8"
    );
    assert_eq!(err.feature().unwrap().to_string(), "health");
    row[6] = 99.5;
    let err = Observation::read_from(&row).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `health`: 99.5 is not exactly representable as u8"
    );
    row[6] = 1.0;
    row[10] = -1.0;
    let err = Observation::read_from(&row).unwrap_err();
    assert_eq!(
        err.to_string(),
        "field `grid[0][2]`: -1.0 is not exactly representable as u8"
    );
    // A cast field converts back under its mode instead of failing.
    row[10] = 0.0;
    row[7] = 1e30;
    assert!(Observation::read_from(&row).is_ok());
}

#[test]
fn stack_into_and_stack() {
    let items: Vec<Observation> = (0..5).map(observation).collect();
    let mut flat = vec![0.0f32; 5 * Observation::NUMEL];
    stack_into(&items, &mut flat);
    for (i, item) in items.iter().enumerate() {
        let mut row = [0.0f32; Observation::NUMEL];
        item.write_to(&mut row);
        assert_eq!(
            &flat[i * Observation::NUMEL..(i + 1) * Observation::NUMEL],
            &row
        );
    }
    let batch: ArrayD<f32> = stack(&items);
    assert_eq!(batch.shape(), &[5, 26]);
    assert_eq!(batch.as_slice().unwrap(), &flat[..]);
    let empty: ArrayD<f32> = stack::<Observation>(&[]);
    assert_eq!(empty.shape(), &[0, 26]);
}

#[test]
#[should_panic(expected = "stack_into: 2 items of 2 elements need 4 elements, the output has 3")]
fn stack_into_checks_the_length() {
    stack_into(&[Inner::default(); 2], &mut [0.0; 3]);
}

#[test]
fn unstack_checks_shape_and_values() {
    let items: Vec<Observation> = (0..4).map(observation).collect();
    let batch = stack(&items);
    let back: Vec<Observation> = unstack(batch.view()).unwrap();
    assert_eq!(back.len(), 4);
    assert_eq!(back[2].health, items[2].health);

    let wrong = ArrayD::<f32>::zeros(IxDyn(&[4, 25]));
    let err = unstack::<Observation>(wrong.view()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "batch items have shape [25], but the type's items have shape [26]"
    );

    let mut bad = batch.clone();
    bad[[3, 6]] = 0.5;
    let err = unstack::<Observation>(bad.view()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "item 3, field `health`: 0.5 is not exactly representable as u8"
    );
    assert_eq!(err.index(), 3 * 26 + 6);

    // Any layout: a transposed view of the transposed batch.
    let pairs = Array2::from_shape_vec((3, 2), vec![1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0]).unwrap();
    let transposed = pairs.t().to_owned();
    let back: Vec<Inner> = unstack(transposed.t().into_dyn()).unwrap();
    assert_eq!(
        back[2],
        Inner {
            speed: 5.0,
            heading: 6.0
        }
    );
}

#[test]
fn batches_stream_in_bounded_memory() {
    let rows = (0..10_003u32).map(|i| Inner {
        speed: i as f32,
        heading: -(i as f32),
    });
    let mut batches_seen = 0;
    let mut items_seen = 0;
    let mut stream = batches(rows.clone(), 1_000);
    let mut last_shape = Vec::new();
    while let Some(batch) = stream.next_batch() {
        assert_eq!(batch[[0, 0]], items_seen as f32);
        items_seen += batch.shape()[0];
        last_shape = batch.shape().to_vec();
        batches_seen += 1;
    }
    assert_eq!((batches_seen, items_seen), (11, 10_003));
    assert_eq!(last_shape, [3, 2]);

    let mut dropped = batches(rows, 1_000).drop_remainder(true);
    let mut count = 0;
    while let Some(batch) = dropped.next_batch() {
        assert_eq!(batch.shape(), &[1_000, 2]);
        count += 1;
    }
    assert_eq!(count, 10);
}

#[test]
fn batches_are_lazy_and_take_references() {
    let records: Vec<Observation> = (0..7).map(observation).collect();
    let mut pulled = 0;
    let counting = records.iter().inspect(|_| pulled += 1);
    let mut stream = batches(counting, 3);
    let first = stream.next_batch().unwrap();
    assert_eq!(first.shape(), &[3, 26]);
    drop(first);
    drop(stream);
    assert_eq!(pulled, 3, "pulls at most one batch of items ahead");

    let mut by_ref = batches(&records, 4);
    assert_eq!(by_ref.next_batch().unwrap().shape(), &[4, 26]);
    assert_eq!(by_ref.next_batch().unwrap().shape(), &[3, 26]);
    assert!(by_ref.next_batch().is_none());
}

#[test]
#[should_panic(expected = "the batch size must be at least 1")]
fn batch_size_zero_panics() {
    let _ = batches([1u8, 2], 0);
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq)]
#[tensor(dtype = f16)]
struct Mixed {
    #[tensor(cast = round)]
    weight: f32,
    #[tensor(cast = saturate)]
    big: f64,
    flag: bool,
    #[tensor(cast = as)] // a mode on a lossless field is allowed
    small: i8,
}

#[test]
fn cast_modes_on_fields() {
    let m = Mixed {
        weight: 0.1,
        big: 1e10,
        flag: true,
        small: -3,
    };
    let mut row = [f16::ZERO; 4];
    m.write_to(&mut row);
    assert_eq!(
        row,
        [f16::from_f32(0.1), f16::MAX, f16::ONE, f16::from_f32(-3.0)]
    );
    let back = Mixed::read_from(&row).unwrap();
    assert_eq!(back.big, 65504.0);
    assert!(back.flag);
}

mod renamed {
    pub use tensorize as tz;
}

#[derive(tensorize::IntoTensor)]
#[tensor(crate = renamed::tz)]
struct ThroughRenamedCrate {
    a: u8,
    b: u8,
}

#[test]
fn crate_path_override() {
    let mut row = [0u8; 2];
    ThroughRenamedCrate { a: 1, b: 2 }.write_to(&mut row);
    assert_eq!(row, [1, 2]);
}
