use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(dtyp = f32)]
struct Record {
    x: f32,
}

fn main() {}
