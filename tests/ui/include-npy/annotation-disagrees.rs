use tensorize::{include_npy, Tensor};

// tests/compiletest.rs links tests/fixtures into the crate trybuild builds this in.
// The file is a 2 x 3 f32 array.
static W: Tensor<[[f32; 4]; 3]> = include_npy!("tests/fixtures/npy/f4_v3.npy");

fn main() {}
