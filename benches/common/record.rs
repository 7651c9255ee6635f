//! The benches' mixed-type record: 16 features of six element types, into f32 (`rows` and
//! `frameworks` measure the same struct).

use tensorize::IntoTensor;

/// 16 features of six element types, into f32.
#[derive(IntoTensor, Clone, Copy)]
#[tensor(dtype = f32)]
pub struct Record {
    pub weights: [f32; 4],
    pub pixels: [u8; 4],
    pub count: u16,
    #[tensor(cast = as)]
    pub offset: i32,
    pub flag: bool,
    #[tensor(cast = round)]
    pub precise: f64,
    pub deltas: [i16; 3],
    pub score: f32,
}

/// The `i`-th record: every field varies with `i`.
pub fn record(i: usize) -> Record {
    let x = i as f32;
    Record {
        weights: [x, x * 0.5, -x, 1.0],
        pixels: [i as u8, (i >> 8) as u8, 3, 4],
        count: i as u16,
        offset: -(i as i32),
        flag: i % 3 == 0,
        precise: i as f64 / 7.0,
        deltas: [i as i16, -(i as i16), 7],
        score: x / 3.0,
    }
}
