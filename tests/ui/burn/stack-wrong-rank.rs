use tensorize::burn::stack;

fn main() {
    // Rows of shape [2] make a batch of rank 2, not 3.
    let rows = [[1.0f32, 2.0], [3.0, 4.0]];
    let _ = stack::<_, 3>(&rows, &Default::default());
}
