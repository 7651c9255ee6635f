use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Observation {
    position: [f32; 3],
    health: u8,
}

fn main() {}
