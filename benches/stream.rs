//! Streaming a `.npy` file larger than a few batches: throughput as ratios against a plain
//! `Read::read` loop over the same file (1 MiB buffer) measured in the same run, and each mode's
//! peak RSS, measured in a process of its own (Linux `VmHWM`).
//!
//! The file is 2 GiB of u8 images `[N, 32, 32, 3]`, written once into
//! `$TENSORIZE_BENCH_DIR` (default: the system's temp folder) and read once before timing, so
//! the page cache is warm. Run with `cargo bench --bench stream`.

use std::hint::black_box;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use tensorize::{cast_into, f16, npy};

#[path = "common/stats.rs"]
mod stats;

const IMAGE: usize = 32 * 32 * 3;
/// 2 GiB of images (699,051 of them).
const ROWS: usize = (2 << 30) / IMAGE + 1;
const BATCH: usize = 256;
const CHUNK: usize = 1 << 20;

fn file_path() -> PathBuf {
    let dir =
        std::env::var_os("TENSORIZE_BENCH_DIR").map_or_else(std::env::temp_dir, PathBuf::from);
    dir.join("tensorize-bench-stream-u8.npy")
}

/// Writes the file unless it is there already, in chunks (the writer never holds it whole).
fn ensure_file(path: &Path) {
    let header_len = 128;
    let expected = (header_len + ROWS * IMAGE) as u64;
    if std::fs::metadata(path).is_ok_and(|m| m.len() == expected) {
        return;
    }
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let dict =
        format!("{{'descr': '|u1', 'fortran_order': False, 'shape': ({ROWS}, 32, 32, 3), }}");
    let mut header = b"\x93NUMPY\x01\x00".to_vec();
    header.extend_from_slice(&((header_len - 10) as u16).to_le_bytes());
    header.extend_from_slice(dict.as_bytes());
    header.resize(header_len - 1, b' ');
    header.push(b'\n');
    out.write_all(&header).unwrap();
    let mut image = vec![0u8; IMAGE];
    for row in 0..ROWS {
        for (i, pixel) in image.iter_mut().enumerate() {
            *pixel = (row.wrapping_mul(31) ^ i) as u8;
        }
        out.write_all(&image).unwrap();
    }
    out.flush().unwrap();
}

/// One pass of `mode` over the file; returns a checksum so nothing is optimized away.
fn run(mode: &str, path: &Path) -> u64 {
    let mut sum = 0u64;
    match mode {
        "read" | "read+cast" => {
            let mut file = std::fs::File::open(path).unwrap();
            let mut bytes = vec![0u8; CHUNK];
            let mut halves = vec![f16::ZERO; CHUNK];
            loop {
                let n = file.read(&mut bytes).unwrap();
                if n == 0 {
                    break;
                }
                if mode == "read+cast" {
                    cast_into(&bytes[..n], &mut halves[..n]);
                    sum = sum.wrapping_add(u64::from(halves[n / 2].to_bits()));
                } else {
                    sum = sum.wrapping_add(u64::from(bytes[n / 2]));
                }
            }
        }
        "batches-u8" | "shuffle-u8" => {
            let file = npy::open(path).unwrap();
            let mut stream = file.batches::<u8>(BATCH).unwrap();
            if mode == "shuffle-u8" {
                stream = stream.shuffle(1).epoch(3);
            }
            while let Some(batch) = stream.next_batch() {
                let batch = batch.unwrap();
                sum = sum.wrapping_add(u64::from(batch[[0, 1, 2, 0]]));
            }
        }
        "batches-f16" => {
            let file = npy::open(path).unwrap();
            let mut stream = file.batches::<f16>(BATCH).unwrap();
            while let Some(batch) = stream.next_batch() {
                sum = sum.wrapping_add(u64::from(batch.unwrap()[[0, 1, 2, 0]].to_bits()));
            }
        }
        "work-f16" => {
            let file = npy::open(path).unwrap();
            let mut stream = file.batches::<f16>(BATCH).unwrap();
            while let Some(batch) = stream.next_batch() {
                sum = sum.wrapping_add(consume(batch.unwrap().as_slice().unwrap()));
            }
        }
        "work-prefetch-f16" => {
            let file = npy::open(path).unwrap();
            let mut stream = file.batches::<f16>(BATCH).unwrap().prefetch(2);
            while let Some(batch) = stream.next_batch() {
                sum = sum.wrapping_add(consume(batch.unwrap().as_slice().unwrap()));
            }
        }
        "prefetch-f16" | "prefetch-slow" => {
            let file = npy::open(path).unwrap();
            let mut stream = file.batches::<f16>(BATCH).unwrap().prefetch(2);
            let slow = mode == "prefetch-slow";
            let mut batches = 0;
            while let Some(batch) = stream.next_batch() {
                sum = sum.wrapping_add(u64::from(batch.unwrap()[[0, 1, 2, 0]].to_bits()));
                batches += 1;
                if slow {
                    // A consumer slower than the reader: the pool, not the queue, bounds memory.
                    std::thread::sleep(Duration::from_micros(500));
                    if batches == 600 {
                        break;
                    }
                }
            }
        }
        other => panic!("unknown mode {other}"),
    }
    sum
}

/// A consumer's work on a batch: a pass over every value (a stand-in for a training step).
fn consume(values: &[f16]) -> u64 {
    let total: f32 = values.iter().map(|&x| f32::from(x)).sum();
    total as u64
}

/// Runs `mode` in a child process: (seconds of the fastest of `passes`, peak RSS in MiB).
fn measure(mode: &str, passes: usize) -> (f64, f64) {
    let output = Command::new(std::env::current_exe().unwrap())
        .env("TENSORIZE_STREAM_MODE", mode)
        .env("TENSORIZE_STREAM_PASSES", passes.to_string())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("RESULT "))
        .unwrap_or_else(|| panic!("{mode}: {output:?}"));
    let mut fields = line
        .split_whitespace()
        .skip(1)
        .map(|x| x.parse::<f64>().unwrap());
    (fields.next().unwrap(), fields.next().unwrap())
}

fn main() {
    let path = file_path();
    if let Ok(mode) = std::env::var("TENSORIZE_STREAM_MODE") {
        let passes: usize = std::env::var("TENSORIZE_STREAM_PASSES")
            .unwrap()
            .parse()
            .unwrap();
        let mut best = f64::INFINITY;
        for _ in 0..passes {
            let start = Instant::now();
            black_box(run(&mode, &path));
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "RESULT {best} {}",
            stats::peak_rss_mib().unwrap_or(f64::NAN)
        );
        return;
    }
    ensure_file(&path);
    let gib = (ROWS * IMAGE) as f64 / f64::from(1 << 30);
    black_box(run("read", &path)); // warm the page cache
    println!(
        "file: {} ({gib:.2} GiB, {ROWS} images [32, 32, 3] u8), batches of {BATCH}",
        path.display()
    );
    let modes = [
        ("read", "Read::read loop, 1 MiB buffer (baseline)"),
        (
            "read+cast",
            "Read::read loop + cast_into u8 -> f16 per chunk (baseline)",
        ),
        ("batches-u8", "batches::<u8>"),
        ("batches-f16", "batches::<f16>"),
        ("prefetch-f16", "batches::<f16>().prefetch(2)"),
        ("shuffle-u8", "batches::<u8>().shuffle(seed)"),
        (
            "prefetch-slow",
            "prefetch(2) under a slow consumer (600 batches)",
        ),
        ("work-f16", "batches::<f16>, consumer sums each batch"),
        (
            "work-prefetch-f16",
            "batches::<f16>().prefetch(2), consumer sums each batch",
        ),
    ];
    // Interleaved rounds; the fastest pass of each mode per round, then the median over rounds.
    let rounds = 3;
    let mut times = vec![Vec::new(); modes.len()];
    let mut rss = vec![0.0f64; modes.len()];
    for _ in 0..rounds {
        for (i, (mode, _)) in modes.iter().enumerate() {
            let (seconds, peak) = measure(mode, 2);
            times[i].push(seconds);
            rss[i] = rss[i].max(peak);
        }
    }
    let median = |samples: &[f64]| stats::median(samples.to_vec());
    let read = median(&times[0]);
    let read_cast = median(&times[1]);
    let work = median(&times[modes.len() - 2]);
    println!(
        "{:<60} {:>9} {:>11} {:>13}",
        "mode", "GiB/s", "vs baseline", "peak RSS MiB"
    );
    for (i, (mode, title)) in modes.iter().enumerate() {
        let t = median(&times[i]);
        let baseline = if mode.starts_with("work") {
            work
        } else if mode.ends_with("f16") || *mode == "read+cast" {
            read_cast
        } else {
            read
        };
        // The slow consumer's pace is its own; only its memory is reported.
        let (speed, ratio) = if *mode == "prefetch-slow" {
            ("-".to_owned(), "-".to_owned())
        } else {
            (format!("{:.2}", gib / t), format!("{:.2}x", baseline / t))
        };
        println!("{title:<60} {speed:>9} {ratio:>11} {:>13.1}", rss[i]);
    }
    println!(
        "(u8 modes against the read loop, f16 modes against read loop + cast, the consumer-work \
         modes against batches::<f16> with the same work; shuffle reads one image per pread)"
    );
}
