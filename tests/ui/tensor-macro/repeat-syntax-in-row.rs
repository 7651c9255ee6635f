use tensorize::tensor;

fn main() {
    let _t = tensor![[0; 3], [1; 3]];
}
