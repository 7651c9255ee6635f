use tensorize::{include_npz, Tensor};

// The member is [2] of f16.
static B: Tensor<[f32; 2]> = include_npz!("tests/fixtures/npz/stored.npz", "bias");

fn main() {}
