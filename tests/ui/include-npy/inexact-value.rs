use tensorize::{include_npy, Tensor};

// tests/compiletest.rs links tests/fixtures into the crate trybuild builds this in.
// f4_v3.npy holds -1.0, -0.6, -0.2, 0.2, 0.6, 1.0: -0.6 is not an integer.
static W: Tensor<[[i8; 3]; 2]> = include_npy!("tests/fixtures/npy/f4_v3.npy"; dtype = i8);

fn main() {}
