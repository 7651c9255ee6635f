use tensorize::candle::{candle_core::Device, ToCandle};

fn main() {
    let a = ndarray::array![[1u16, 2], [3, 4]];
    let _ = a.to_candle(&Device::Cpu);
}
