use tensorize::{include_npz, Tensor};

static W: Tensor<[[f32; 3]; 2]> = include_npz!("tests/fixtures/npz/no-such-file.npz", "weights");

fn main() {}
