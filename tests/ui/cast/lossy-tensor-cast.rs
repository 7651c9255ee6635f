use tensorize::{f16, Tensor};

fn main() {
    let t = Tensor::new([[1.0f32, 2.0], [3.0, 4.0]]);
    let _halves = t.cast::<f16>();
}
