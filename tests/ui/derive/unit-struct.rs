use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Marker;

fn main() {}
