use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(index)]
enum Never {}

fn main() {}
