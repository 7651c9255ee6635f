use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Record {
    point: (f32, f32),
}

fn main() {}
