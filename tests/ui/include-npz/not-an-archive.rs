use tensorize::{include_npz, Tensor};

static W: Tensor<[[f32; 3]; 2]> = include_npz!("tests/fixtures/npy/f4_v3.npy", "weights");

fn main() {}
