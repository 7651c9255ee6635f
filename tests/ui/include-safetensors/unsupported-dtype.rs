use tensorize::{include_safetensors, Tensor};

static W: Tensor<[f32; 3]> = include_safetensors!("tests/fixtures/safetensors/float8.safetensors", "weights"; dtype = f32, cast = round);

fn main() {}
