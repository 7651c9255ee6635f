use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(dtype = f32, dtype = f64)]
struct Record {
    x: f32,
}

fn main() {}
