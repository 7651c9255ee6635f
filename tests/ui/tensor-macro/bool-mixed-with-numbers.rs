use tensorize::tensor;

fn main() {
    let _t = tensor![true, 0, false];
}
