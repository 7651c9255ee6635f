//! The seed's pipeline for data that does not fit in memory, in Rust: a `.npy` file of images
//! several times the example's memory budget, streamed from disk in batches (the file's u8 as
//! f16 for mixed precision), reshuffled every epoch and sharded between two workers, with the
//! next batches read ahead on a background thread. What `tf.data.Dataset` with `shuffle`,
//! `shard`, `batch` and `prefetch` does, or `PyTorch`'s `DataLoader` with a `DistributedSampler`.
//!
//! Run with `cargo run --release --example stream_dataset`.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use tensorize::{f16, npy};

const IMAGES: usize = 20_000;
const SIDE: usize = 32;
const IMAGE: usize = SIDE * SIDE * 3;
/// The memory the pipeline may use; the file is several times larger.
const BUDGET_MIB: f64 = 16.0;
const BATCH: usize = 128;
const WORKERS: usize = 2;
const EPOCHS: u64 = 3;

fn main() {
    let dir = std::env::temp_dir().join(format!("tensorize-stream-example-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temp folder");
    let path = dir.join("images.npy");
    write_images(&path);
    let file_mib = std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / f64::from(1 << 20));
    println!(
        "{IMAGES} images of {SIDE}x{SIDE}x3 u8 in {} ({file_mib:.0} MiB, budget {BUDGET_MIB:.0} MiB)",
        path.display()
    );

    // Opened once: the header is read and the length checked; the data stays on disk.
    let file = npy::open(&path).expect("the file we just wrote");
    for epoch in 0..EPOCHS {
        let start = Instant::now();
        // Each worker streams its shard of this epoch's order: every image exactly once across
        // the two, a different order every epoch, the same order on every run and machine.
        let reports: Vec<(usize, usize, f64)> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..WORKERS)
                .map(|worker| {
                    let file = &file;
                    scope.spawn(move || train_on_shard(file, epoch, worker))
                })
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().expect("a worker"))
                .collect()
        });
        let images: usize = reports.iter().map(|r| r.0).sum();
        let batches: usize = reports.iter().map(|r| r.1).sum();
        let mean = reports.iter().map(|r| r.2).sum::<f64>() / images as f64;
        println!(
            "epoch {epoch}: {images} images in {batches} f16 batches across {WORKERS} workers, \
             mean pixel {mean:.2}, {:.2} s, peak RSS {:.1} MiB",
            start.elapsed().as_secs_f64(),
            peak_rss_mib()
        );
    }
    let peak = peak_rss_mib();
    println!(
        "peak RSS {peak:.1} MiB for a {file_mib:.0} MiB file: {}",
        if peak < BUDGET_MIB {
            "within the budget"
        } else {
            "over the budget"
        }
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// One worker's epoch: its shard, shuffled for the epoch, as f16 batches read two ahead. Stands
/// in for a training step by summing the pixels. Returns (images, batches, sum of pixels).
fn train_on_shard(file: &npy::NpyFile, epoch: u64, worker: usize) -> (usize, usize, f64) {
    let mut batches = file
        .batches::<f16>(BATCH) // u8 → f16 is exact: no cast mode needed
        .expect("u8 widens to f16")
        .shuffle(2024)
        .epoch(epoch)
        .shard(WORKERS, worker)
        .prefetch(2);
    let (mut images, mut count, mut sum) = (0, 0, 0.0);
    while let Some(batch) = batches.next_batch() {
        let batch = batch.expect("the file reads");
        assert_eq!(&batch.shape()[1..], &[SIDE, SIDE, 3]);
        images += batch.shape()[0];
        count += 1;
        sum += batch.iter().map(|&x| f64::from(f32::from(x))).sum::<f64>() / IMAGE as f64;
    }
    (images, count, sum)
}

/// Writes the images a row at a time (numpy's format 1.0 header, padded to 64 bytes), so the
/// writer never holds the file in memory either.
fn write_images(path: &Path) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("create the file"));
    let dict = format!(
        "{{'descr': '|u1', 'fortran_order': False, 'shape': ({IMAGES}, {SIDE}, {SIDE}, 3), }}"
    );
    let mut header = b"\x93NUMPY\x01\x00".to_vec();
    let padded = (10 + dict.len() + 1).div_ceil(64) * 64;
    header.extend_from_slice(
        &u16::try_from(padded - 10)
            .expect("a short header")
            .to_le_bytes(),
    );
    header.extend_from_slice(dict.as_bytes());
    header.resize(padded - 1, b' ');
    header.push(b'\n');
    out.write_all(&header).expect("write");
    let mut image = vec![0u8; IMAGE];
    for index in 0..IMAGES {
        for (i, pixel) in image.iter_mut().enumerate() {
            *pixel = ((index * 7 + i / 3) % 256) as u8;
        }
        out.write_all(&image).expect("write");
    }
    out.flush().expect("write");
}

fn peak_rss_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            line.split_whitespace().nth(1)?.parse::<f64>().ok()
        })
        .map_or(f64::NAN, |kib| kib / 1024.0)
}
