use tensorize::{Tensor, MAX_RANK};

static W: Tensor<[[f32; 3]; 2]> = Tensor::new([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]);
const B: Tensor<[u8; 4]> = Tensor::new([1, 2, 3, 4]);

fn main() {
    let flat: Tensor<[f32; 6]> = W.reshape();
    assert_eq!(flat[5], 6.0);
    assert_eq!(B.shape(), &[4]);
    assert_eq!(MAX_RANK, 32);
}
