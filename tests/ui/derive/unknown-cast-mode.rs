use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(dtype = f32)]
struct Record {
    #[tensor(cast = floor)]
    x: f64,
}

fn main() {}
