use tensorize::Tensor;

fn main() {
    let _t = Tensor::new([[1usize, 2], [3, 4]]);
}
