//! Images stacked into one [N, 64, 64, 3] tensor, then streamed in batches with f16 output for
//! mixed precision: the Rust form of `tf.data.Dataset.from_tensor_slices(images).batch(n)`.
//!
//! Run with `cargo run --example image_batches`.

use tensorize::{batches, f16, stack, CastArray, FromTensor, IntoTensor};

/// One RGB image; `transparent` keeps its [64, 64, 3] shape in a batch.
#[derive(IntoTensor, FromTensor, Clone)]
#[tensor(transparent)]
struct Image {
    pixels: [[[u8; 3]; 64]; 64],
}

/// A synthetic image: a gradient that depends on its index.
fn image(index: usize) -> Image {
    let mut pixels = [[[0u8; 3]; 64]; 64];
    for (y, row) in pixels.iter_mut().enumerate() {
        for (x, pixel) in row.iter_mut().enumerate() {
            *pixel = [(x * 4) as u8, (y * 4) as u8, (index * 25) as u8];
        }
    }
    Image { pixels }
}

fn main() {
    // A small set at once: one tensor.
    let images: Vec<Image> = (0..3).map(image).collect();
    let batch = stack(&images);
    println!("stacked: shape={:?} (u8)", batch.shape());
    let halves = batch.cast::<f16>(); // u8 → f16 is exact
    println!("as f16:  shape={:?}", halves.shape());

    // A large set lazily: one reused buffer of 32 images, however many there are.
    let mut stream = batches((0..100).map(image), 32);
    let mut seen = 0;
    while let Some(batch) = stream.next_batch() {
        let scaled = batch.cast::<f16>().mapv(|x| x / f16::from_f32(255.0));
        seen += scaled.shape()[0];
        println!(
            "batch of shape {:?}: first pixel {:?}, {} images so far",
            scaled.shape(),
            scaled
                .iter()
                .take(3)
                .map(|x| x.to_f32())
                .collect::<Vec<_>>(),
            seen
        );
    }
}
