use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Row {
    #[tensor(missing = nan)]
    x: f32,
}

fn main() {}
