use tensorize::{include_npy, Tensor};

// tests/compiletest.rs links tests/fixtures into the crate trybuild builds this in.
static W: Tensor<[[f32; 3]; 2]> = include_npy!("tests/fixtures/npy/V2_le_c.npy"; dtype = f32);

fn main() {}
