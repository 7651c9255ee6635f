use tensorize::IntoTensor;

// An enum row names how it is encoded: one-hot or by index.
#[derive(IntoTensor)]
enum Color {
    Red,
    Green,
}

fn main() {}
