use tensorize::tensor;

fn main() {
    let _t = tensor![1, 3_000_000_000];
}
