use tensorize::candle::{candle_core::Device, ToCandle};
use tensorize::Tensor;

fn main() {
    let t: Tensor<[bool; 2]> = Tensor::new([true, false]);
    let _ = t.to_candle(&Device::Cpu);
}
