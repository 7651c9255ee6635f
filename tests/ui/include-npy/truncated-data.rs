use tensorize::{include_npy, Tensor};

// trybuild builds this in target/tests/trybuild/tensorize: the fixtures are four levels up.
static W: Tensor<[[f32; 4]; 3]> = include_npy!("../../../../tests/fixtures/npy/bad/truncated.npy");

fn main() {}
