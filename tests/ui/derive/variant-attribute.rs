use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(one_hot)]
enum Color {
    #[tensor(rename = "red")]
    Red,
    Green,
}

fn main() {}
