use tensorize::{include_safetensors, Tensor};

static W: Tensor<[f32; 6]> = include_safetensors!("tests/fixtures/safetensors/no-such-file.safetensors", "f32");

fn main() {}
