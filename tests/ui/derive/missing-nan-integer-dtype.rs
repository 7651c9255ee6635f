use tensorize::IntoTensor;

// NaN needs a float row; u8 has none.
#[derive(IntoTensor)]
#[tensor(dtype = u8)]
struct Row {
    count: u8,
    #[tensor(missing = nan)]
    score: Option<u8>,
}

fn main() {}
