use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Row {
    area: f32,
    #[tensor(rename = "area")]
    size: f32,
}

fn main() {}
