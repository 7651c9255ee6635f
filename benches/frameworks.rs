//! Handing batches of rows to candle and burn, as ratios against baselines measured in the same
//! run (absolute times on a shared machine are not comparable), on 1M rows of a 16-feature
//! mixed-type struct into f32:
//!
//! - candle: `tensorize::candle::stack` against `stack_into` into a `Vec` + `Tensor::from_vec`
//!   (the same work by hand), and against candle's idiom: a tensor per item, then
//!   `Tensor::stack`.
//! - burn: `tensorize::burn::stack` against `stack_into` + `TensorData::new` + `from_data` with
//!   the dtype kept, and against burn's idiom: a tensor per item, then `Tensor::cat`.
//!
//! Medians of interleaved runs (fewer rounds for the idioms, which take a second each).
//!
//! Run with `cargo bench --bench frameworks --features candle,burn-flex`.

use std::hint::black_box;
use std::time::Instant;

use tensorize::burn::burn_tensor::{
    Device as BurnDevice, Tensor as BurnTensor, TensorCreationOptions, TensorData,
};
use tensorize::candle::candle_core::{Device, Tensor as CandleTensor};
use tensorize::{stack_into, IntoTensor};

use record::{record, Record};
use stats::median;

#[path = "common/record.rs"]
mod record;
#[path = "common/stats.rs"]
mod stats;

/// One item's features as a user writing the idiom converts them.
fn features(r: &Record) -> [f32; 16] {
    [
        r.weights[0],
        r.weights[1],
        r.weights[2],
        r.weights[3],
        f32::from(r.pixels[0]),
        f32::from(r.pixels[1]),
        f32::from(r.pixels[2]),
        f32::from(r.pixels[3]),
        f32::from(r.count),
        r.offset as f32,
        f32::from(u8::from(r.flag)),
        r.precise as f32,
        f32::from(r.deltas[0]),
        f32::from(r.deltas[1]),
        f32::from(r.deltas[2]),
        r.score,
    ]
}

/// Seconds per call of each closure, medians of `rounds` interleaved runs.
fn interleaved<const K: usize>(rounds: usize, mut runs: [&mut dyn FnMut(); K]) -> [f64; K] {
    let mut samples: [Vec<f64>; K] = std::array::from_fn(|_| Vec::new());
    for _ in 0..rounds {
        for (run, samples) in runs.iter_mut().zip(&mut samples) {
            let t = Instant::now();
            run();
            samples.push(t.elapsed().as_secs_f64());
        }
    }
    samples.map(median)
}

const ITEMS: usize = 1_000_000;

fn candle(items: &[Record]) {
    let cpu = Device::Cpu;
    let ours = tensorize::candle::stack(items, &cpu).unwrap();
    let mut data = vec![0.0f32; items.len() * Record::NUMEL];
    stack_into(items, &mut data);
    let by_hand = CandleTensor::from_vec(data, (items.len(), Record::NUMEL), &cpu).unwrap();
    assert_eq!(
        ours.get(ITEMS - 1).unwrap().to_vec1::<f32>().unwrap(),
        by_hand.get(ITEMS - 1).unwrap().to_vec1::<f32>().unwrap()
    );
    let idiom_items = items;
    let idiom = || {
        let tensors: Vec<CandleTensor> = idiom_items
            .iter()
            .map(|r| CandleTensor::from_slice(&features(r), Record::NUMEL, &cpu).unwrap())
            .collect();
        CandleTensor::stack(&tensors, 0).unwrap()
    };
    assert_eq!(
        idiom().get(7).unwrap().to_vec1::<f32>().unwrap(),
        ours.get(7).unwrap().to_vec1::<f32>().unwrap()
    );

    let [t_ours, t_hand] = interleaved(
        11,
        [
            &mut || {
                drop(black_box(
                    tensorize::candle::stack(black_box(items), &cpu).unwrap(),
                ));
            },
            &mut || {
                let mut data = vec![0.0f32; items.len() * Record::NUMEL];
                stack_into(black_box(items), &mut data);
                drop(black_box(
                    CandleTensor::from_vec(data, (items.len(), Record::NUMEL), &cpu).unwrap(),
                ));
            },
        ],
    );
    let [t_idiom] = interleaved(3, [&mut || drop(black_box(idiom()))]);
    println!(
        "candle: stack {:.2} ms, stack_into + Tensor::from_vec {:.2} ms, idiom (a tensor per \
         item, Tensor::stack) {:.0} ms",
        t_ours * 1e3,
        t_hand * 1e3,
        t_idiom * 1e3
    );
    println!(
        "candle stack / (stack_into + from_vec) throughput: {:.2}x",
        t_hand / t_ours
    );
    println!("candle stack / idiom throughput: {:.0}x", t_idiom / t_ours);
}

fn burn(items: &[Record]) {
    let device = BurnDevice::default();
    let ours = tensorize::burn::stack::<_, 2>(items, &device);
    let by_hand = || {
        let mut data = vec![0.0f32; items.len() * Record::NUMEL];
        stack_into(black_box(items), &mut data);
        let data = TensorData::new(data, [items.len(), Record::NUMEL]);
        let dtype = data.dtype();
        BurnTensor::<2>::from_data(
            data,
            TensorCreationOptions::new(device.clone()).with_dtype(dtype),
        )
    };
    assert_eq!(ours.to_data(), by_hand().to_data());
    let idiom_items = items;
    let idiom = || {
        let tensors: Vec<BurnTensor<2>> = idiom_items
            .iter()
            .map(|r| {
                let data = TensorData::new(features(r).to_vec(), [1, Record::NUMEL]);
                BurnTensor::<2>::from_data(data, &device)
            })
            .collect();
        BurnTensor::cat(tensors, 0)
    };
    let check = idiom().to_data();
    assert_eq!(
        check.as_slice::<f32>().unwrap()[..16],
        ours.to_data().as_slice::<f32>().unwrap()[..16]
    );

    let [t_ours, t_hand] = interleaved(
        11,
        [
            &mut || {
                drop(black_box(tensorize::burn::stack::<_, 2>(
                    black_box(items),
                    &device,
                )));
            },
            &mut || drop(black_box(by_hand())),
        ],
    );
    let [t_idiom] = interleaved(3, [&mut || drop(black_box(idiom()))]);
    println!(
        "burn (flex): stack {:.2} ms, stack_into + TensorData::new + from_data {:.2} ms, idiom \
         (a tensor per item, Tensor::cat) {:.0} ms",
        t_ours * 1e3,
        t_hand * 1e3,
        t_idiom * 1e3
    );
    println!(
        "burn stack / (stack_into + TensorData + from_data) throughput: {:.2}x",
        t_hand / t_ours
    );
    println!("burn stack / idiom throughput: {:.0}x", t_idiom / t_ours);
}

fn main() {
    let items: Vec<Record> = (0..ITEMS).map(record).collect();
    println!(
        "{ITEMS} rows of {} features (six element types) into f32",
        Record::NUMEL
    );
    candle(&items);
    burn(&items);
}
