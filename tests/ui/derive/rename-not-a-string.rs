use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Row {
    #[tensor(rename = sqm)]
    area: f32,
}

fn main() {}
