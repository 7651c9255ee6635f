use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(one_hot)]
struct Row {
    x: f32,
}

fn main() {}
