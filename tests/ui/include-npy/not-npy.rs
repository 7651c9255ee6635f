use tensorize::{include_npy, Tensor};

// trybuild builds this in target/tests/trybuild/tensorize: the fixtures are four levels up.
static W: Tensor<[f32; 3]> = include_npy!("../../../../tests/fixtures/npy/bad/not-npy.npy");

fn main() {}
