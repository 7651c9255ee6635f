// Builds (so that the rank checks of the burn cases, evaluated when code is generated, are
// reached: trybuild only checks, not builds, when no case must pass) and runs.
use tensorize::burn::ToBurn;
use tensorize::candle::{candle_core::Device, FromCandle, ToCandle};
use tensorize::Tensor;

fn main() {
    let t = Tensor::new([[1i8, 2], [3, 4]]);
    let c = t.cast::<i16>().to_candle(&Device::Cpu).unwrap();
    let back = Tensor::<[[i8; 2]; 2]>::from_candle(&c).unwrap();
    assert_eq!(back, t);
    assert_eq!(t.to_burn_data().shape().as_slice(), [2, 2]);
}
