use tensorize::tensor;

fn main() {
    let _t = tensor![1, 2; dtype = f32, dtype = f64];
}
