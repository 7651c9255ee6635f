use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Row {
    #[tensor(missing = zero)]
    score: Option<f32>,
}

fn main() {}
