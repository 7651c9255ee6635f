use tensorize::{f16, include_npz, Tensor};

// 6.0e-8 is between two f16 subnormals: converting needs a mode.
static W: Tensor<[[f16; 3]; 2]> = include_npz!("tests/fixtures/npz/compressed.npz", "weights"; dtype = f16);

fn main() {}
