//! Derived rows to a candle batch, a dense layer whose weights numpy saved (embedded at compile
//! time with `include_npy!`), and the predictions read back into typed rows.
//!
//! Run with `cargo run --example candle_rows --features candle`.

use tensorize::candle::candle_core::{Device, Tensor as CandleTensor};
use tensorize::candle::{stack, unstack, ToCandle};
use tensorize::{include_npy, FromTensor, IntoTensor, Tensor};

/// One observation: four features of three element types, as one f32 row.
#[derive(IntoTensor, Debug)]
#[tensor(dtype = f32)]
struct Sensor {
    temperature: f32,
    humidity: u8,
    #[tensor(cast = round)]
    pressure: f64,
    battery: u16,
}

/// The model's output for one observation, read back value-exactly.
#[derive(FromTensor, IntoTensor, Debug)]
struct Prediction {
    scores: [f32; 3],
}

/// `y = x W + b`, W of shape [4, 3]: checked against the files when this compiles.
static WEIGHTS: Tensor<[[f32; 3]; 4]> = include_npy!("examples/assets/dense_weights.npy");
static BIAS: Tensor<[f32; 3]> = include_npy!("examples/assets/dense_bias.npy");

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let device = Device::Cpu;
    let sensors = [
        Sensor {
            temperature: 21.5,
            humidity: 40,
            pressure: 1.013,
            battery: 3,
        },
        Sensor {
            temperature: -3.0,
            humidity: 85,
            pressure: 0.98,
            battery: 1,
        },
        Sensor {
            temperature: 35.25,
            humidity: 10,
            pressure: 1.021,
            battery: 2,
        },
    ];
    // One write per feature, straight into the buffer candle keeps: [3, 4] f32.
    let batch = stack(&sensors, &device)?;
    println!("batch {:?} {:?}", batch.dims(), batch.dtype());

    let w = WEIGHTS.to_candle(&device)?;
    let b = BIAS.to_candle(&device)?;
    let scores: CandleTensor = batch.matmul(&w)?.broadcast_add(&b)?;
    println!("scores {:?} {:?}", scores.dims(), scores.dtype());

    let predictions: Vec<Prediction> = unstack(&scores)?;
    for (sensor, prediction) in sensors.iter().zip(&predictions) {
        let best = (0..3)
            .max_by(|&i, &j| prediction.scores[i].total_cmp(&prediction.scores[j]))
            .unwrap_or(0);
        println!("{sensor:?}\n  -> {:?}, class {best}", prediction.scores);
    }
    Ok(())
}
