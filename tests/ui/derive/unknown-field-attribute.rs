use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Record {
    #[tensor(ignore)]
    x: f32,
}

fn main() {}
