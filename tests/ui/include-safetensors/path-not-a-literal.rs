use tensorize::{include_safetensors, Tensor};

const PATH: &str = "tests/fixtures/safetensors/all_dtypes.safetensors";
static W: Tensor<[f32; 6]> = include_safetensors!(PATH, "f32");

fn main() {}
