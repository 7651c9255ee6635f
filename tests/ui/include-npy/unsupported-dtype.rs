use tensorize::{include_npy, Tensor};

// tests/compiletest.rs links tests/fixtures into the crate trybuild builds this in.
static W: Tensor<[f32; 1]> = include_npy!("tests/fixtures/npy/bad/complex.npy");

fn main() {}
