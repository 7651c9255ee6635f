use tensorize::IntoTensor;

struct Meters(f32);

#[derive(IntoTensor)]
struct Record {
    x: f32,
    distance: Meters,
}

fn main() {}
