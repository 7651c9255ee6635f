use tensorize::{include_npy, Tensor};

const NAME: &str = "weights.npy";
static W: Tensor<[f32; 3]> = include_npy!(NAME);

fn main() {}
