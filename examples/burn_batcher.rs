//! A burn data pipeline's batcher whose `batch` is one `tensorize::burn::stack` call per
//! tensor: MNIST-shaped items (a 28 × 28 u8 image and a label) become an image batch and a
//! label batch on burn's flex (CPU) backend, each in its element's own dtype.
//!
//! burn's `Batcher` trait lives in the `burn` crate (burn-core's dataloader), which tensorize
//! does not depend on; with it, the impl is the same method body:
//!
//! ```text
//! impl Batcher<MnistItem, MnistBatch> for MnistBatcher {
//!     fn batch(&self, items: Vec<MnistItem>, device: &Device) -> MnistBatch {
//!         MnistBatcher::batch(self, &items, device)
//!     }
//! }
//! ```
//!
//! burn's own MNIST example builds a tensor per item and concatenates them; `stack` writes each
//! pixel once (`cargo bench --bench frameworks` measures the difference).
//!
//! Run with `cargo run --example burn_batcher --features burn-flex`.

use tensorize::burn::burn_tensor::{Device, Int, Tensor};
use tensorize::burn::stack;
use tensorize::IntoTensor;

/// One item of a dataset of handwritten digits.
#[derive(Clone)]
struct MnistItem {
    image: [[u8; 28]; 28],
    label: u8,
}

/// A batch: images [N, 28, 28] as floats in [0, 1], labels [N] as integers.
struct MnistBatch {
    images: Tensor<3>,
    labels: Tensor<1, Int>,
}

/// Batches items, scaling pixels by `1 / max_pixel`.
struct MnistBatcher {
    max_pixel: f32,
}

impl MnistBatcher {
    fn batch(&self, items: &[MnistItem], device: &Device) -> MnistBatch {
        let images: Vec<[[u8; 28]; 28]> = items.iter().map(|item| item.image).collect();
        let labels: Vec<u8> = items.iter().map(|item| item.label).collect();
        // u8 in, u8 out: the batch keeps its dtype (burn's from_data would pick the device's).
        let pixels: Tensor<3, Int> = stack::<_, 3>(&images, device);
        MnistBatch {
            images: pixels.float() / self.max_pixel,
            labels: stack::<_, 1>(&labels, device),
        }
    }
}

/// A synthetic digit: a vertical stroke whose column is the label.
fn item(i: usize) -> MnistItem {
    let label = (i % 10) as u8;
    let mut image = [[0u8; 28]; 28];
    for row in image.iter_mut().skip(4).take(20) {
        row[4 + 2 * usize::from(label)] = 255;
    }
    MnistItem { image, label }
}

fn main() {
    let device = Device::default();
    let dataset: Vec<MnistItem> = (0..100).map(item).collect();
    let batcher = MnistBatcher { max_pixel: 255.0 };
    println!(
        "{} items of {:?} u8 pixels",
        dataset.len(),
        <[[u8; 28]; 28]>::SHAPE
    );
    for (number, items) in dataset.chunks(32).enumerate() {
        let batch = batcher.batch(items, &device);
        let ink: f32 = batch.images.clone().sum().into_scalar();
        println!(
            "batch {number}: images {:?} {:?} (ink {ink:.0}), labels {:?} {:?}, first labels {:?}",
            batch.images.dims(),
            batch.images.dtype(),
            batch.labels.dims(),
            batch.labels.dtype(),
            &batch.labels.to_data().as_slice::<u8>().unwrap()[..4],
        );
    }
}
