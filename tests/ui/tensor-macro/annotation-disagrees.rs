use tensorize::{tensor, Tensor};

fn main() {
    // The macro decides the dtype from the tokens (i32 here); write `; dtype = f32`.
    let _t: Tensor<[f32; 2]> = tensor![1, 2];
}
