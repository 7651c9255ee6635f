use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(one_hot, index)]
enum Color {
    Red,
    Green,
}

fn main() {}
