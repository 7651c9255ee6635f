use tensorize::IntoTensor;

#[derive(IntoTensor)]
#[tensor(transparent)]
struct Score {
    #[tensor(missing = mask)]
    value: Option<[f32; 2]>,
}

fn main() {}
