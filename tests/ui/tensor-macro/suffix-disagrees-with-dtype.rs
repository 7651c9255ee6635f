use tensorize::tensor;

fn main() {
    let _t = tensor![1.5f64, 2.0; dtype = f32];
}
