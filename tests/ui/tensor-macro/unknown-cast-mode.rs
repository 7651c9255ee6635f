use tensorize::tensor;

fn main() {
    let _t = tensor![1.5; dtype = i32, cast = floor];
}
