use tensorize::{include_npy, Tensor};

// trybuild builds this in target/tests/trybuild/tensorize: the fixtures are four levels up.
static W: Tensor<[[f32; 3]; 2]> = include_npy!("../../../../tests/fixtures/npy/V2_le_c.npy"; dtype = f32);

fn main() {}
