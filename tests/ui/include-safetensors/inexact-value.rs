use tensorize::{f16, include_safetensors, Tensor};

// f32::MAX is not an f16: converting needs a mode.
static W: Tensor<[f16; 6]> = include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", "f32"; dtype = f16);

fn main() {}
