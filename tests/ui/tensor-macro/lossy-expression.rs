use tensorize::tensor;

fn main() {
    let x = 0.1f64;
    // f64 -> f32 rounds: a mode must be named for an expression too.
    let _t = tensor![x, 1.0; dtype = f32];
}
