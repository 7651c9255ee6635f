use tensorize::Tensor;

fn main() {
    let t = Tensor::new([[1, 2], [3, 4]]);
    let _r: Tensor<[f32; 4]> = t.reshape();
}
