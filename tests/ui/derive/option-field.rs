use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Record {
    id: f32,
    score: Option<f32>,
}

fn main() {}
