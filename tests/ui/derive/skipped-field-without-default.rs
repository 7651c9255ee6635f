use tensorize::{FromTensor, IntoTensor};

struct Handle(u32);

#[derive(IntoTensor, FromTensor)]
struct Record {
    x: f32,
    #[tensor(skip)]
    handle: Handle,
}

fn main() {}
