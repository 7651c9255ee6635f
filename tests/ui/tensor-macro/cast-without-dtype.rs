use tensorize::tensor;

fn main() {
    let (a, b) = (1.5f64, 2.5f64);
    // With only expressions there is no dtype for `cast` to convert to.
    let _t = tensor![a, b; cast = round];
}
