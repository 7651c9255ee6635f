use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(dtype = float32)]
struct Record {
    x: f32,
}

fn main() {}
