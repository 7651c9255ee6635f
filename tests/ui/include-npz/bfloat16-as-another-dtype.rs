use tensorize::{include_npz, Tensor};

static H: Tensor<[f32; 2]> = include_npz!("tests/fixtures/npz/stored.npz", "half_brain"; dtype = f32);

fn main() {}
