// The lossless fix the candle cases' message names compiles and runs.
use tensorize::candle::{candle_core::Device, FromCandle, ToCandle};
use tensorize::Tensor;

fn main() {
    let t = Tensor::new([[1i8, 2], [3, 4]]);
    let c = t.cast::<i16>().to_candle(&Device::Cpu).unwrap();
    let back = Tensor::<[[i8; 2]; 2]>::from_candle(&c).unwrap();
    assert_eq!(back, t);
}
