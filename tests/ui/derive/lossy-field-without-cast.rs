use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(dtype = f32)]
struct Observation {
    position: [f32; 3],
    distance: f64,
}

fn main() {}
