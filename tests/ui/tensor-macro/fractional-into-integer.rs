use tensorize::tensor;

fn main() {
    let _t = tensor![1.5, 2.0; dtype = i32];
}
