use tensorize::cast_into;

fn main() {
    // numpy calls i64 -> f64 safe, but 2^53 + 1 has no f64.
    let ids = [9_007_199_254_740_993i64];
    let mut out = [0.0f64; 1];
    cast_into(&ids, &mut out);
}
