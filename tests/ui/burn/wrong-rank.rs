use tensorize::burn::ToBurn;
use tensorize::Tensor;

fn main() {
    let t = Tensor::new([[1.0f32, 2.0], [3.0, 4.0]]);
    let _ = t.to_burn::<3>(&Default::default());
}
