use tensorize::{include_safetensors, Tensor};

// A .npy file: its first 8 bytes, read as a header length, point far past the end.
static W: Tensor<[f32; 6]> = include_safetensors!("tests/fixtures/npy/f4_v3.npy", "f32");

fn main() {}
