use tensorize::tensor;

fn main() {
    let _t = tensor![1.0, 70000.0; dtype = f16];
}
