use tensorize::{include_safetensors, Tensor};

static W: Tensor<[f32; 6]> = include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", "f23");

fn main() {}
