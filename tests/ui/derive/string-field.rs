use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Record {
    id: f32,
    name: String,
}

fn main() {}
