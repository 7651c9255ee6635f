//! Row throughput and streaming memory, reported as ratios against baselines measured in the
//! same run (absolute times on a shared machine are not comparable).
//!
//! - `stack_into` of 1M items of a 16-feature mixed-type struct against a hand-written loop
//!   that writes the same buffer: medians of interleaved runs, as a throughput ratio.
//! - The same for a tabular record with a one-hot enum, an index enum and `Option` fields
//!   (`missing = nan` and `missing = mask`), against the `match`es a user would write.
//! - `batches` over 20M lazily generated rows: the process's peak RSS (Linux `VmHWM`).
//!
//! Run with `cargo bench --bench rows`.

use std::hint::black_box;
use std::time::Instant;

use tensorize::{batches, stack_into, Element, IntoTensor};

use record::{record, Record};
use stats::{median, peak_rss_mib};

#[path = "common/record.rs"]
mod record;
#[path = "common/stats.rs"]
mod stats;

/// What a careful user would write by hand for the same buffer.
fn hand_written(items: &[Record], out: &mut [f32]) {
    for (r, o) in items.iter().zip(out.chunks_exact_mut(16)) {
        o[0] = r.weights[0];
        o[1] = r.weights[1];
        o[2] = r.weights[2];
        o[3] = r.weights[3];
        o[4] = f32::from(r.pixels[0]);
        o[5] = f32::from(r.pixels[1]);
        o[6] = f32::from(r.pixels[2]);
        o[7] = f32::from(r.pixels[3]);
        o[8] = f32::from(r.count);
        o[9] = r.offset as f32;
        o[10] = f32::from(u8::from(r.flag));
        o[11] = r.precise as f32;
        o[12] = f32::from(r.deltas[0]);
        o[13] = f32::from(r.deltas[1]);
        o[14] = f32::from(r.deltas[2]);
        o[15] = r.score;
    }
}

#[derive(IntoTensor, Clone, Copy)]
#[tensor(one_hot)]
enum Color {
    Red,
    Green,
    Blue,
    Black,
}

#[derive(IntoTensor, Clone, Copy)]
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

/// 12 features: a category, a day, two missing values and four numbers, into f32.
#[derive(IntoTensor, Clone, Copy)]
#[tensor(dtype = f32)]
struct Listing {
    color: Color,
    day: Weekday,
    #[tensor(missing = nan)]
    rating: Option<f32>,
    #[tensor(missing = mask)]
    age: Option<u8>,
    area: f32,
    rooms: u8,
    price: [f32; 2],
}

fn listing(i: usize) -> Listing {
    let x = i as f32;
    Listing {
        color: [Color::Red, Color::Green, Color::Blue, Color::Black][i % 4],
        day: [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ][i % 7],
        rating: (i % 5 != 0).then_some(x / 8.0),
        age: (i % 3 != 0).then_some(i as u8),
        area: 40.0 + x,
        rooms: (i % 6) as u8,
        price: [x * 1000.0, x],
    }
}

/// The same row by hand.
fn listing_by_hand(items: &[Listing], out: &mut [f32]) {
    for (r, o) in items.iter().zip(out.chunks_exact_mut(12)) {
        let color = r.color as usize;
        o[0] = f32::from(u8::from(color == 0));
        o[1] = f32::from(u8::from(color == 1));
        o[2] = f32::from(u8::from(color == 2));
        o[3] = f32::from(u8::from(color == 3));
        o[4] = f32::from(r.day as u8);
        o[5] = r.rating.unwrap_or(f32::NAN);
        match r.age {
            Some(age) => {
                o[6] = 1.0;
                o[7] = f32::from(age);
            }
            None => {
                o[6] = 0.0;
                o[7] = 0.0;
            }
        }
        o[8] = r.area;
        o[9] = f32::from(r.rooms);
        o[10] = r.price[0];
        o[11] = r.price[1];
    }
}

/// Times `ours` and `theirs` interleaved, after checking they write the same bits, and prints
/// the throughput ratio.
fn compare<T: IntoTensor<Elem = f32>>(name: &str, items: &[T], theirs: fn(&[T], &mut [f32])) {
    let n = T::NUMEL;
    let mut ours_out = vec![0.0f32; items.len() * n];
    let mut theirs_out = vec![0.0f32; items.len() * n];
    stack_into(items, &mut ours_out);
    theirs(items, &mut theirs_out);
    assert!(
        ours_out
            .iter()
            .zip(&theirs_out)
            .all(|(a, b)| a.to_bits() == b.to_bits()),
        "both write the same buffer"
    );
    let (mut t_ours, mut t_hand) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        let t = Instant::now();
        stack_into(black_box(items), black_box(&mut ours_out));
        t_ours.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        theirs(black_box(items), black_box(&mut theirs_out));
        t_hand.push(t.elapsed().as_secs_f64());
    }
    let (ours, hand) = (median(t_ours), median(t_hand));
    let bytes = (items.len() * (n * f32::DTYPE.size_of() + std::mem::size_of::<T>())) as f64;
    println!(
        "stack_into, {name}: {} items x {n} features: {:.2} ms ({:.1} GB/s); hand-written loop {:.2} ms ({:.1} GB/s)",
        items.len(),
        ours * 1e3,
        bytes / ours / 1e9,
        hand * 1e3,
        bytes / hand / 1e9
    );
    println!(
        "stack_into throughput / hand-written, {name}: {:.2}x",
        hand / ours
    );
}

/// Rows streamed through `batches`.
const ROWS: usize = 20_000_000;
/// Items stacked with `stack_into`.
const ITEMS: usize = 1_000_000;

fn main() {
    // First, before anything large is allocated: streaming memory.
    let start = Instant::now();
    let mut stream = batches((0..ROWS).map(record), 1024);
    let (mut seen, mut checksum) = (0usize, 0.0f64);
    while let Some(batch) = stream.next_batch() {
        seen += batch.shape()[0];
        checksum += f64::from(batch[[0, 15]]);
    }
    assert_eq!(seen, ROWS);
    black_box(checksum);
    println!(
        "batches: {ROWS} rows of {} features in batches of 1024 in {:.2} s; peak RSS {:.1} MiB",
        Record::NUMEL,
        start.elapsed().as_secs_f64(),
        peak_rss_mib().unwrap_or(f64::NAN)
    );

    // Then throughput against the hand-written loops.
    let items: Vec<Record> = (0..ITEMS).map(record).collect();
    compare("mixed numbers", &items, hand_written);
    drop(items);
    let listings: Vec<Listing> = (0..ITEMS).map(listing).collect();
    compare("categories and missing values", &listings, listing_by_hand);
}
