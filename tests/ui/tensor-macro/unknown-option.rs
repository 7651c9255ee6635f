use tensorize::tensor;

fn main() {
    let _t = tensor![1, 2; dtyp = f32];
}
