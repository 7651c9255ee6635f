use tensorize::cast_into;

fn main() {
    let weights = [0.1f64, 0.2, 0.3];
    let mut out = [0.0f32; 3];
    cast_into(&weights, &mut out);
}
