use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Record {
    id: f32,
    samples: Vec<f32>,
}

fn main() {}
