//! A dense layer whose weights were saved by numpy, embedded at compile time with
//! `include_npy!` (as f32, and as f16 for half the memory), evaluated on an input read from a
//! `.npy` file at run time.
//!
//! Run with `cargo run --example numpy_weights`.

use ndarray::{Array1, Array2, Ix2};
use tensorize::{f16, include_npy, npy, CastArray, Tensor};

/// `y = x W + b`, W of shape [4, 3]: checked against the file when this compiles.
static WEIGHTS: Tensor<[[f32; 3]; 4]> = include_npy!("examples/assets/dense_weights.npy");
static BIAS: Tensor<[f32; 3]> = include_npy!("examples/assets/dense_bias.npy");
/// The same weights rounded to f16 at compile time (f32 → f16 needs a mode).
static WEIGHTS_F16: Tensor<[[f16; 3]; 4]> =
    include_npy!("examples/assets/dense_weights.npy"; dtype = f16, cast = round);

fn dense(x: &Array2<f32>, w: &Array2<f32>, b: &Array1<f32>) -> Array2<f32> {
    x.dot(w) + b
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/assets/input.npy");
    let input = npy::read::<f32>(path)
        .expect("examples/assets/input.npy is a float32 .npy file")
        .into_dimensionality::<Ix2>()
        .expect("the input is a matrix");
    println!("input {:?} from {path}", input.shape());
    println!(
        "weights {:?} {} and {:?} {}, embedded at compile time",
        WEIGHTS.shape(),
        WEIGHTS.dtype(),
        WEIGHTS_F16.shape(),
        WEIGHTS_F16.dtype()
    );

    let w = WEIGHTS.to_ndarray();
    let b = BIAS.to_ndarray();
    let full = dense(&input, &w, &b);
    // Mixed precision: weights stored as f16, computed in f32 (f16 → f32 is exact).
    let w_half: Array2<f32> = WEIGHTS_F16.view().cast::<f32>();
    let half = dense(&input, &w_half, &b);

    println!("\nf32 weights:\n{full:.4}");
    println!("f16 weights:\n{half:.4}");
    let worst = (&full - &half).iter().fold(0.0f32, |m, d| m.max(d.abs()));
    println!("largest difference: {worst:.2e}");
}
