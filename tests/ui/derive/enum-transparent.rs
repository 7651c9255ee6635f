use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(one_hot, transparent)]
enum Color {
    Red,
    Green,
}

fn main() {}
