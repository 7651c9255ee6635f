use tensorize::{include_npy, Tensor};

static W: Tensor<[[f32; 4]; 3]> = include_npy!("tests/fixtures/npy/no-such-file.npy");

fn main() {}
