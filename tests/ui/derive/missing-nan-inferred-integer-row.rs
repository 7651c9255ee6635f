use tensorize::IntoTensor;

// No dtype: the row's elements are its first field's, i32, which has no NaN.
#[derive(IntoTensor)]
struct Row {
    count: i32,
    #[tensor(missing = nan)]
    score: Option<i32>,
}

fn main() {}
