use tensorize::IntoTensor;

#[derive(IntoTensor)]
struct Record {
    #[tensor(skip)]
    name: String,
}

fn main() {}
