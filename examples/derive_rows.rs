//! A record type with mixed fields becomes one row of an [N, F] batch tensor, and back.
//!
//! Run with `cargo run --example derive_rows`.

use tensorize::{stack, unstack, FromTensor, IntoTensor};

#[derive(IntoTensor, FromTensor, Debug, Clone, PartialEq)]
#[tensor(dtype = f32)]
struct Sensor {
    position: [f32; 3],
    battery: u8, // u8 → f32 is exact: no mode needed
    #[tensor(cast = round)]
    temperature: f64, // f64 → f32 can round: the field names a mode
    online: bool,
    #[tensor(skip)]
    label: String, // not a number: skipped, and `Default` when read back
}

fn main() {
    let readings: Vec<Sensor> = (0..4u8)
        .map(|i| Sensor {
            position: [f32::from(i), 0.5, -1.0],
            battery: 100 - 7 * i,
            temperature: 21.0 + f64::from(i) / 3.0,
            online: i % 2 == 0,
            label: format!("sensor-{i}"),
        })
        .collect();

    println!("one row has {} features:", Sensor::NUMEL);
    for name in Sensor::feature_names() {
        print!(" {name}");
    }
    println!();

    let batch = stack(&readings);
    println!("\nbatch: shape={:?}", batch.shape());
    for row in batch.rows() {
        println!("  {row}");
    }

    let back: Vec<Sensor> = unstack(batch.view()).expect("every value came from a Sensor");
    println!("\nread back: {:?}", back[1]);

    let mut tampered = batch.clone();
    tampered[[2, 3]] = 250.5; // not a u8
    match unstack::<Sensor>(tampered.view()) {
        Ok(_) => println!("unexpected success"),
        Err(error) => println!("a tampered batch: {error}"),
    }
}
