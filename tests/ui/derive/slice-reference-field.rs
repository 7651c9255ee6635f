use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Record<'a> {
    id: f32,
    values: &'a [f32],
}

fn main() {}
