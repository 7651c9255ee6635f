use tensorize::candle::{candle_core::Device, stack};

fn main() {
    let rows = [[1i8, 2], [3, 4]];
    let _ = stack(&rows, &Device::Cpu);
}
