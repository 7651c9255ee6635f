use tensorize::Tensor;

fn main() {
    let t = Tensor::new([[1, 2, 3], [4, 5, 6]]);
    let _r: Tensor<[i32; 5]> = t.reshape();
}
