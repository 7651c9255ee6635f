use tensorize::{include_safetensors, Tensor};

// The file's tensor is [3, 2] of i32.
static W: Tensor<[[i32; 3]; 2]> = include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", "i32");

fn main() {}
