//! Record types become rows of an [N, F] batch tensor, and back: a sensor reading with mixed
//! numeric fields, then a tabular record with a category, a day of the week and missing values
//! (pandas' `get_dummies`, an ordinal encoding and `SimpleImputer(add_indicator=True)`, checked
//! by the compiler).
//!
//! Run with `cargo run --example derive_rows`.

use tensorize::{batches, stack, unstack, FromTensor, IntoTensor};

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

/// A category: one element per variant, 1 for the record's.
#[derive(IntoTensor, FromTensor, Debug, Clone, Copy, PartialEq)]
#[tensor(one_hot)]
enum Heating {
    Gas,
    Electric,
    HeatPump,
}

/// An ordinal: one element, the variant's position.
#[derive(IntoTensor, FromTensor, Debug, Clone, Copy, PartialEq)]
#[tensor(index)]
enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

/// A flat listing as it comes from a table, missing values and all.
#[derive(IntoTensor, FromTensor, Debug, Clone, PartialEq)]
#[tensor(dtype = f32)]
struct Listing {
    heating: Heating,
    listed_on: Weekday,
    #[tensor(missing = nan)]
    rating: Option<f32>, // absent: NaN, for models that handle NaN
    #[tensor(missing = mask)]
    year_built: Option<u16>, // absent: [0, 0]; present: [1, year]
    #[tensor(rename = "sqm")]
    floor_area: f32,
    #[tensor(skip)]
    address: String,
}

fn main() {
    sensors();
    listings();
}

fn sensors() {
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

fn listings() {
    let heating = [Heating::Gas, Heating::Electric, Heating::HeatPump];
    let days = [Weekday::Mon, Weekday::Thu, Weekday::Sat, Weekday::Sun];
    let listings: Vec<Listing> = (0..6u16)
        .map(|i| Listing {
            heating: heating[usize::from(i % 3)],
            listed_on: days[usize::from(i % 4)],
            rating: (i % 3 != 2).then(|| 3.5 + f32::from(i) / 4.0),
            year_built: (i % 2 == 0).then_some(1960 + 9 * i),
            floor_area: 48.0 + 11.5 * f32::from(i),
            address: format!("{} Main St", 10 + i),
        })
        .collect();

    println!("\na listing has {} features:", Listing::NUMEL);
    for name in Listing::feature_names() {
        print!(" {name}");
    }
    println!();

    // Streamed in batches of 4, as a training loop would take them.
    let mut stream = batches(&listings, 4);
    while let Some(batch) = stream.next_batch() {
        println!("batch: shape={:?}", batch.shape());
        for row in batch.rows() {
            println!("  {row}");
        }
        let back: Vec<Listing> = unstack(batch).expect("every row came from a Listing");
        println!("  first read back: {:?}", back[0]);
    }

    // A row that is not a valid encoding is an error naming the field.
    let mut batch = stack(&listings);
    batch[[0, 1]] = 1.0; // two heating types at once
    match unstack::<Listing>(batch.view()) {
        Ok(_) => println!("unexpected success"),
        Err(error) => println!("a row with two heating types: {error}"),
    }
}
