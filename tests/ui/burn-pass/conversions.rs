// Builds (so that the rank checks of the burn cases, evaluated when code is generated, are
// reached: trybuild only checks, not builds, when no case must pass) and runs.
use tensorize::burn::ToBurn;
use tensorize::Tensor;

fn main() {
    let t = Tensor::new([[1.0f32, 2.0], [3.0, 4.0]]);
    assert_eq!(t.to_burn_data().shape().as_slice(), [2, 2]);
    let scalar = Tensor::new(1.5f32).to_burn_data();
    assert!(scalar.shape().as_slice().is_empty());
}
