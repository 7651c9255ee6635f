use tensorize::tensor;

fn main() {
    let _t = tensor![];
}
