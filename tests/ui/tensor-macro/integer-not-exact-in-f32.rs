use tensorize::tensor;

fn main() {
    let _t = tensor![1, 16_777_217; dtype = f32];
}
