//! Row throughput and streaming memory, reported as ratios against baselines measured in the
//! same run (absolute times on a shared machine are not comparable).
//!
//! - `stack_into` of 1M items of a 16-feature mixed-type struct against a hand-written loop
//!   that writes the same buffer: medians of interleaved runs, as a throughput ratio.
//! - `batches` over 20M lazily generated rows: the process's peak RSS (Linux `VmHWM`).
//!
//! Run with `cargo bench --bench rows`.

use std::hint::black_box;
use std::time::Instant;

use tensorize::{batches, stack_into, IntoTensor};

/// 16 features of six element types, into f32.
#[derive(IntoTensor, Clone, Copy)]
#[tensor(dtype = f32)]
struct Record {
    weights: [f32; 4],
    pixels: [u8; 4],
    count: u16,
    #[tensor(cast = as)]
    offset: i32,
    flag: bool,
    #[tensor(cast = round)]
    precise: f64,
    deltas: [i16; 3],
    score: f32,
}

fn record(i: usize) -> Record {
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

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
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

    // Then throughput against the hand-written loop.
    let items: Vec<Record> = (0..ITEMS).map(record).collect();
    let mut ours = vec![0.0f32; ITEMS * 16];
    let mut theirs = vec![0.0f32; ITEMS * 16];
    stack_into(&items, &mut ours);
    hand_written(&items, &mut theirs);
    assert_eq!(ours, theirs, "both write the same buffer");
    let (mut t_ours, mut t_hand) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        let t = Instant::now();
        stack_into(black_box(&items), black_box(&mut ours));
        t_ours.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        hand_written(black_box(&items), black_box(&mut theirs));
        t_hand.push(t.elapsed().as_secs_f64());
    }
    let (ours, hand) = (median(t_ours), median(t_hand));
    let bytes = (ITEMS * (16 * 4 + std::mem::size_of::<Record>())) as f64;
    println!(
        "stack_into: {ITEMS} items x 16 features: {:.2} ms ({:.1} GB/s); hand-written loop {:.2} ms ({:.1} GB/s)",
        ours * 1e3,
        bytes / ours / 1e9,
        hand * 1e3,
        bytes / hand / 1e9
    );
    println!("stack_into throughput / hand-written: {:.2}x", hand / ours);
}
