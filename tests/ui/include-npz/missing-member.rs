use tensorize::{include_npz, Tensor};

static B: Tensor<[f32; 2]> = include_npz!("tests/fixtures/npz/stored.npz", "bais");

fn main() {}
