use tensorize::burn::ToBurn;
use tensorize::Tensor;

fn main() {
    // burn has no 0-dim tensors; to_burn_data() gives shape [] data instead.
    let t = Tensor::new(1.5f32);
    let _ = t.to_burn::<0>(&Default::default());
}
