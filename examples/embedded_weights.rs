//! A small classifier whose weights ship inside the binary: the first layer from a
//! `.safetensors` file (as `PyTorch` saves a model) embedded as f32 and again as f16, the second
//! layer from an `.npz` archive (`np.savez_compressed`). Shapes and dtypes are checked against
//! the files when this compiles; the binary needs no file at run time (it reads one only to show
//! that the run-time reader agrees), and the forward pass needs no
//! allocator (plain loops over the static tensors, as firmware would run it).
//!
//! Run with `cargo run --example embedded_weights --features safetensors,npz`.

use tensorize::{f16, include_npz, include_safetensors, safetensors, Tensor};

/// `fc1`: 4 → 8, stored as torch.nn.Linear does ([out, in]).
static FC1_WEIGHT: Tensor<[[f32; 4]; 8]> =
    include_safetensors!("examples/assets/classifier.safetensors", "fc1.weight");
static FC1_BIAS: Tensor<[f32; 8]> =
    include_safetensors!("examples/assets/classifier.safetensors", "fc1.bias");
/// The same layer rounded to f16 at compile time: half the flash (f32 → f16 needs a mode).
static FC1_WEIGHT_F16: Tensor<[[f16; 4]; 8]> = include_safetensors!(
    "examples/assets/classifier.safetensors", "fc1.weight"; dtype = f16, cast = round);
/// `fc2`: 8 → 3, from a deflated `.npz` archive (inflated at compile time).
static FC2_WEIGHT: Tensor<[[f32; 8]; 3]> =
    include_npz!("examples/assets/classifier.npz", "fc2_weight");
static FC2_BIAS: Tensor<[f32; 3]> = include_npz!("examples/assets/classifier.npz", "fc2_bias");
/// The class ids, stored as u8 in the archive, read as u32 (a lossless widening).
static CLASSES: Tensor<[u32; 3]> =
    include_npz!("examples/assets/classifier.npz", "classes"; dtype = u32);

/// `y = W x + b`.
fn linear<const IN: usize, const OUT: usize>(
    weight: &[[f32; IN]; OUT],
    bias: &[f32; OUT],
    x: &[f32; IN],
) -> [f32; OUT] {
    let mut y = *bias;
    for (out, row) in y.iter_mut().zip(weight) {
        *out += row.iter().zip(x).map(|(w, x)| w * x).sum::<f32>();
    }
    y
}

/// The class with the largest score, and that score.
fn classify(fc1: &Tensor<[[f32; 4]; 8]>, x: &[f32; 4]) -> (u32, f32) {
    let hidden = linear(fc1.as_inner(), FC1_BIAS.as_inner(), x).map(|h| h.max(0.0));
    let scores = linear(FC2_WEIGHT.as_inner(), FC2_BIAS.as_inner(), &hidden);
    let (best, score) = scores
        .iter()
        .enumerate()
        .fold((0, f32::NEG_INFINITY), |best, (i, &s)| {
            if s > best.1 {
                (i, s)
            } else {
                best
            }
        });
    (CLASSES[best], score)
}

fn main() {
    println!(
        "fc1 {:?} {} ({} bytes) and {:?} {} ({} bytes), fc2 {:?} {}, all embedded at compile time",
        FC1_WEIGHT.shape(),
        FC1_WEIGHT.dtype(),
        core::mem::size_of_val(&FC1_WEIGHT),
        FC1_WEIGHT_F16.shape(),
        FC1_WEIGHT_F16.dtype(),
        core::mem::size_of_val(&FC1_WEIGHT_F16),
        FC2_WEIGHT.shape(),
        FC2_WEIGHT.dtype(),
    );
    // The embedded tensor is the file's, bit for bit: the run-time reader agrees.
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/assets/classifier.safetensors"
    );
    let read = safetensors::read::<f32>(path, "fc1.weight").expect("the example's own file");
    assert_eq!(read.as_slice(), Some(FC1_WEIGHT.as_slice()));

    let inputs = [
        [0.5, -1.0, 0.25, 2.0],
        [-1.5, 0.5, 1.0, -0.5],
        [1.0, 1.0, -2.0, 0.0],
    ];
    // The f16 copy of fc1 computes in f32 (f16 → f32 is exact); only its rounding differs.
    let half: Tensor<[[f32; 4]; 8]> = FC1_WEIGHT_F16.cast();
    for x in &inputs {
        let (class, score) = classify(&FC1_WEIGHT, x);
        let (class_half, score_half) = classify(&half, x);
        println!(
            "input {x:?}: class {class} (score {score:.4}); with f16 fc1: class {class_half} \
             (score {score_half:.4})"
        );
    }
}
