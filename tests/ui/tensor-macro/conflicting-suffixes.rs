use tensorize::tensor;

fn main() {
    let _t = tensor![1u8, 2, 3i32];
}
