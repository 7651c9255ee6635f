use tensorize::tensor;

fn main() {
    let _t = tensor![[1, 2, 3], [4, 5], [6, 7, 8, 9]];
}
