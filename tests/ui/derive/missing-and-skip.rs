use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Row {
    x: f32,
    #[tensor(skip, missing = mask)]
    score: Option<f32>,
}

fn main() {}
