use tensorize::tensor;

fn main() {
    let _t = tensor![1e-50, 1.0];
}
