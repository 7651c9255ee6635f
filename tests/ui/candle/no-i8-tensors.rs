use tensorize::candle::{candle_core::Device, ToCandle};
use tensorize::Tensor;

fn main() {
    let t: Tensor<[i8; 2]> = Tensor::new([1, 2]);
    let _ = t.to_candle(&Device::Cpu);
}
