//! The three everyday conversions of `tf.convert_to_tensor`, in Rust with tensorize:
//!
//! 1. an integer matrix to a tensor, its dtype inferred;
//! 2. i32 → f32 (value-exact, checked) and f64 → i32 (inexact, so a mode must be named);
//! 3. a batch of three 64×64×3 images stacked into one [3, 64, 64, 3] tensor.
//!
//! Run with `cargo run --example quickstart`.

use tensorize::{f16, stack, tensor, CastArray, CastMode, Tensor};

type Image = [[[u8; 3]; 64]; 64];

fn main() {
    // 1. A matrix literal, checked at compile time: the integers make it i32 (as in
    //    TensorFlow), a ragged row or an out-of-range value would not compile.
    let matrix = tensor![[1, 2, 3], [4, 5, 6]];
    println!("1. integer matrix, dtype inferred:");
    println!("{matrix}");

    // 2a. i32 → f32 is not lossless for every i32 (16_777_217 has no f32), so the type system
    //     refuses `cast::<f32>()`; `try_cast` checks each value, and these all convert exactly.
    let floats = matrix
        .try_cast::<f32>()
        .expect("small integers are exact f32 values");
    println!("\n2. i32 -> f32, value-exact with try_cast:");
    println!("{floats}");
    let too_big = tensor![1, 16_777_217].try_cast::<f32>();
    println!("   try_cast of 16_777_217 to f32: {}", too_big.unwrap_err());

    // 2b. f64 → i32 is inexact, so a mode is named. What each mode gives:
    let values = Tensor::new([2.7, -2.5, f64::NAN, 1e10]);
    println!("\n   f64 -> i32 of {values}");
    for mode in CastMode::ALL {
        let ints = values.cast_with::<i32>(mode);
        println!("   {:<9} {:?}", format!("{mode}:"), ints.as_slice());
    }

    // 3. Three images, stacked along a new first axis into one batch tensor.
    let images: Vec<Tensor<Image>> = (0..3u8)
        .map(|i| {
            let mut image = Tensor::<Image>::default();
            for (j, pixel) in image.as_mut_slice().iter_mut().enumerate() {
                *pixel = (j as u8).wrapping_mul(31).wrapping_add(i * 80);
            }
            image
        })
        .collect();
    let batch = stack(&images);
    println!(
        "\n3. batch of {} images: shape={:?}, dtype={}",
        images.len(),
        batch.shape(),
        batch.dtype()
    );
    // Mixed precision: u8 → f16 is lossless (every u8 is an f16), so no mode is needed.
    let half = batch.cast::<f16>();
    println!(
        "   as f16: shape={:?}, dtype={}",
        half.shape(),
        half.dtype()
    );
}
