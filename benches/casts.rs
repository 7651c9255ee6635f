//! Conversion throughput as a share of memcpy, with the baselines measured in the same run:
//! a naive Rust loop into a buffer, ndarray's `mapv` (which allocates), half's slice
//! conversions, and numpy's `astype` (which allocates; run by `scripts/bench_numpy_astype.py`
//! from this program when Python has numpy). 16M elements, GB/s counting bytes read plus
//! written, medians of interleaved runs. Then every lossless pair, into a buffer.
//!
//! Run with `cargo bench --bench casts` (`cargo bench --bench casts -- f16` runs only the
//! conversions whose name contains `f16`; set `TENSORIZE_BENCH_ELEMENTS` to change the size,
//! `TENSORIZE_BENCH_PYTHON` to name the Python with numpy). It prints a Markdown table; with
//! `TENSORIZE_BENCH_CHART=docs/casts.svg` it also draws the bar chart the README shows.
//!
//! The harness is this file rather than criterion or divan: the figures are ratios between
//! conversions, and on a shared machine only runs interleaved with each other (memcpy, then
//! each contender, round after round) see the same memory bandwidth.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Instant;

use half::slice::HalfFloatSliceExt;
use ndarray::Array1;
use tensorize::{bf16, cast_into, cast_into_with, f16, CastArray, CastMode, Element};

use stats::median;

#[path = "common/stats.rs"]
mod stats;

const RUNS: usize = 11;

fn elements() -> usize {
    std::env::var("TENSORIZE_BENCH_ELEMENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(16 << 20)
}

/// The filter given on the command line (`cargo bench --bench casts -- <filter>`), if any.
fn wanted(name: &str) -> bool {
    static FILTER: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    FILTER
        .get_or_init(|| std::env::args().skip(1).find(|arg| !arg.starts_with('-')))
        .as_deref()
        .is_none_or(|filter| name.contains(filter))
}

/// Times each closure `RUNS` times, interleaved, and returns their median seconds. A closure
/// that returns a time (numpy's, measured in Python) is counted by it instead of the clock.
fn interleaved(cases: &mut [&mut dyn FnMut() -> Option<f64>]) -> Vec<f64> {
    let mut samples = vec![Vec::new(); cases.len()];
    for case in cases.iter_mut() {
        case(); // warm up: page in buffers
    }
    for _ in 0..RUNS {
        for (case, samples) in cases.iter_mut().zip(&mut samples) {
            let start = Instant::now();
            let reported = case();
            samples.push(reported.unwrap_or_else(|| start.elapsed().as_secs_f64()));
        }
    }
    samples.into_iter().map(median).collect()
}

/// The baseline: a memcpy carrying `moved` bytes (read plus written) as a conversion of
/// `elements` S → D does, i.e. half of them each way.
struct Memcpy {
    src: Vec<u8>,
    dst: Vec<u8>,
}

impl Memcpy {
    fn of<S, D>(elements: usize) -> Memcpy {
        let half = elements * (std::mem::size_of::<S>() + std::mem::size_of::<D>()) / 2;
        Memcpy {
            src: vec![1; half],
            dst: vec![0; half],
        }
    }

    /// One copy, timed by the caller's clock.
    fn run(&mut self) -> Option<f64> {
        self.dst.copy_from_slice(black_box(&self.src));
        black_box(&self.dst);
        None
    }
}

/// Seconds `allocate` takes, not counting the drop of what it returns: numpy's timing (in the
/// script) stops before `del`, so the allocating contenders here do too.
fn timed_without_drop<T>(allocate: impl FnOnce() -> T) -> f64 {
    let start = Instant::now();
    let result = black_box(allocate());
    let seconds = start.elapsed().as_secs_f64();
    drop(result);
    seconds
}

/// `scripts/bench_numpy_astype.py --serve`: one numpy `astype` per request, timed in Python.
struct Numpy {
    child: std::process::Child,
    requests: std::process::ChildStdin,
    replies: std::io::BufReader<std::process::ChildStdout>,
}

impl Numpy {
    /// Starts the script, or prints why there is no numpy column.
    fn start(n: usize) -> Option<Numpy> {
        use std::io::BufRead as _;
        use std::process::{Command, Stdio};
        let python = std::env::var("TENSORIZE_BENCH_PYTHON").unwrap_or_else(|_| "python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/bench_numpy_astype.py");
        let mut child = Command::new(&python)
            .args([script, "--serve", "--elements", &n.to_string()])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|error| println!("(no numpy column: cannot run {python}: {error})"))
            .ok()?;
        let requests = child.stdin.take()?;
        let mut replies = std::io::BufReader::new(child.stdout.take()?);
        let mut greeting = String::new();
        replies.read_line(&mut greeting).ok()?;
        if !greeting.starts_with("numpy") {
            println!("(no numpy column: {python} has no numpy; set TENSORIZE_BENCH_PYTHON)");
            return None;
        }
        println!("numpy astype measured by {python}: {}", greeting.trim());
        Some(Numpy {
            child,
            requests,
            replies,
        })
    }

    /// Seconds for one `astype` of `case`.
    fn time(&mut self, case: &str) -> Option<f64> {
        use std::io::{BufRead as _, Write as _};
        writeln!(self.requests, "{case}").ok()?;
        let mut reply = String::new();
        self.replies.read_line(&mut reply).ok()?;
        reply.trim().parse().ok()
    }
}

impl Drop for Numpy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One column of the table (and series of the chart).
struct Column {
    /// The Markdown header (the chart shows it without backticks).
    title: &'static str,
    /// The header of the plain-text table, 10 characters at most.
    short: &'static str,
    color: &'static str,
}

/// The columns: tensorize into a buffer, naive loop, ndarray mapv, half, tensorize
/// allocating, numpy astype.
const COLUMNS: [Column; 6] = [
    Column {
        title: "tensorize",
        short: "tensorize",
        color: "#1f77b4",
    },
    Column {
        title: "naive loop",
        short: "naive",
        color: "#aaaaaa",
    },
    Column {
        title: "ndarray `mapv`",
        short: "mapv",
        color: "#ff7f0e",
    },
    Column {
        title: "half",
        short: "half",
        color: "#2ca02c",
    },
    Column {
        title: "tensorize, allocating",
        short: "tz alloc",
        color: "#9467bd",
    },
    Column {
        title: "numpy `astype`",
        short: "numpy",
        color: "#d62728",
    },
];

struct Row {
    name: &'static str,
    /// Share of memcpy for each of [`COLUMNS`].
    shares: [Option<f64>; 6],
}

fn input<S: Element>(n: usize, make: impl Fn(usize) -> S) -> Vec<S> {
    (0..n).map(make).collect()
}

/// A baseline slice conversion (half's).
type SliceConversion<S, D> = fn(&[S], &mut [D]);

/// Measures one conversion S → D; `naive` is the per-element loop a user would write.
fn measure<S: Element, D: Element>(
    name: &'static str,
    src: &[S],
    mode: CastMode,
    naive: impl Fn(S) -> D + Copy,
    half: Option<SliceConversion<S, D>>,
    numpy: Option<(&'static str, &mut Numpy)>,
) -> Option<Row> {
    if !wanted(name) {
        return None;
    }
    let n = src.len();
    let bytes = (n * (std::mem::size_of::<S>() + std::mem::size_of::<D>())) as f64;
    let mut memcpy = Memcpy::of::<S, D>(n);
    let mut out = vec![D::default(); n];
    let mut naive_out = vec![D::default(); n];
    let mut half_out = vec![D::default(); n];
    let array = Array1::from(src.to_vec());
    let has_numpy = numpy.is_some();
    let mut numpy = numpy;
    let timings = interleaved(&mut [
        &mut || memcpy.run(),
        &mut || {
            cast_into_with(black_box(src), &mut out, mode);
            None
        },
        &mut || {
            for (o, &s) in naive_out.iter_mut().zip(black_box(src)) {
                *o = naive(s);
            }
            None
        },
        &mut || Some(timed_without_drop(|| array.mapv(naive))),
        &mut || {
            if let Some(half) = half {
                half(black_box(src), &mut half_out);
            }
            None
        },
        &mut || Some(timed_without_drop(|| array.cast_with::<D>(mode))),
        &mut || {
            let (case, numpy) = numpy.as_mut()?;
            numpy.time(case)
        },
    ]);
    let memcpy_rate = bytes / timings[0];
    let share = |t: f64| Some(bytes / t / memcpy_rate);
    black_box((&out, &naive_out, &half_out));
    Some(Row {
        name,
        shares: [
            share(timings[1]),
            share(timings[2]),
            share(timings[3]),
            half.and_then(|_| share(timings[4])),
            share(timings[5]),
            has_numpy.then(|| share(timings[6])).flatten(),
        ],
    })
}

/// A grouped horizontal bar chart of the shares, as SVG.
fn chart(rows: &[Row], n: usize) -> String {
    let (left, bar, gap, width) = (170.0, 6.0, 10.0, 420.0);
    let group = bar * COLUMNS.len() as f64 + gap;
    let height = 60.0 + group * rows.len() as f64 + 40.0;
    let scale = |share: f64| share.min(1.5) / 1.5 * width;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"11\">\n",
        (left + width + 30.0).max(620.0)
    );
    let _ = writeln!(svg,
        "<text x=\"10\" y=\"18\" font-size=\"13\">Conversion throughput as a share of memcpy ({n} elements; higher is better)</text>"
    );
    for (i, column) in COLUMNS.iter().enumerate() {
        let x = 10.0 + i as f64 * 100.0;
        let (color, name) = (column.color, column.title.replace('`', ""));
        let _ = writeln!(svg, "<rect x=\"{x}\" y=\"28\" width=\"10\" height=\"10\" fill=\"{color}\"/><text x=\"{}\" y=\"37\">{name}</text>", x + 14.0);
    }
    for (r, row) in rows.iter().enumerate() {
        let top = 50.0 + r as f64 * group;
        let _ = writeln!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            left - 6.0,
            top + group / 2.0,
            row.name.replace('>', "&gt;")
        );
        for (s, share) in row.shares.iter().enumerate() {
            if let Some(share) = share {
                let y = top + s as f64 * bar;
                let _ = writeln!(
                    svg,
                    "<rect x=\"{left}\" y=\"{y}\" width=\"{:.1}\" height=\"{}\" fill=\"{}\"/>",
                    scale(*share),
                    bar - 1.0,
                    COLUMNS[s].color
                );
            }
        }
    }
    let axis = 50.0 + group * rows.len() as f64;
    for tick in [0.0, 0.5, 1.0, 1.5] {
        let x = left + scale(tick);
        let _ = writeln!(svg, "<line x1=\"{x}\" y1=\"45\" x2=\"{x}\" y2=\"{axis}\" stroke=\"#ddd\"/><text x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{tick:.1}</text>", axis + 14.0);
    }
    svg += "</svg>\n";
    svg
}

/// Every lossless pair (other than a type to itself), into a buffer, as a share of memcpy.
fn lossless_pairs(n: usize) -> Vec<(String, f64)> {
    fn pair<S: Element, D: Element>(n: usize, shares: &mut Vec<(String, f64)>) {
        let name = format!("{} -> {}", S::DTYPE, D::DTYPE);
        if S::DTYPE == D::DTYPE || !S::DTYPE.can_cast_lossless(D::DTYPE) || !wanted(&name) {
            return;
        }
        let bytes: Vec<u8> = (0..n).map(|i| (i % 2 + i % 97) as u8).collect();
        let mut src = vec![S::default(); n];
        cast_into_with(&bytes, &mut src, CastMode::As);
        let mut memcpy = Memcpy::of::<S, D>(n);
        let mut out = vec![D::default(); n];
        let timings = interleaved(&mut [&mut || memcpy.run(), &mut || {
            cast_into_with(black_box(&src), &mut out, CastMode::As);
            None
        }]);
        black_box(&out);
        shares.push((name, timings[0] / timings[1]));
    }
    macro_rules! targets {
        ($shares:expr, $s:ty; $($d:ty),*) => {$( pair::<$s, $d>(n, $shares); )*};
    }
    macro_rules! sources {
        ($shares:expr, $($s:ty),*) => {$( targets!($shares, $s; bool, u8, u16, u32, u64, i8, i16, i32, i64, f16, bf16, f32, f64); )*};
    }
    let mut shares = Vec::new();
    sources!(
        &mut shares,
        bool,
        u8,
        u16,
        u32,
        u64,
        i8,
        i16,
        i32,
        i64,
        f16,
        bf16,
        f32,
        f64
    );
    shares
}

/// The conversions of the table, each beside its baselines.
#[allow(clippy::too_many_lines)] // one call per row of the table
fn conversions(n: usize, numpy: &mut Option<Numpy>) -> Vec<Row> {
    /// numpy's `case` beside this row, when numpy is there.
    fn np<'a>(
        numpy: &'a mut Option<Numpy>,
        case: &'static str,
    ) -> Option<(&'static str, &'a mut Numpy)> {
        numpy.as_mut().map(|numpy| (case, numpy))
    }
    let f64s = input(n, |i| (i as f64 - n as f64 / 2.0) * 0.37);
    let f32s = input(n, |i| (i as f32 - n as f32 / 2.0) * 0.37);
    let i32s = input(n, |i| (i as i32).wrapping_mul(2_654_435));
    let u8s = input(n, |i| i as u8);
    let i16s = input(n, |i| i as i16);
    let rows = [
        measure(
            "f64 -> f32 (As)",
            &f64s,
            CastMode::As,
            |x| x as f32,
            None,
            np(numpy, "f64 -> f32"),
        ),
        measure(
            "f64 -> f32 (Saturate)",
            &f64s,
            CastMode::Saturate,
            |x| x as f32,
            None,
            None,
        ),
        measure(
            "f64 -> f32 (Round)",
            &f64s,
            CastMode::Round,
            |x| x as f32,
            None,
            None,
        ),
        measure(
            "i32 -> f32 (As)",
            &i32s,
            CastMode::As,
            |x| x as f32,
            None,
            np(numpy, "i32 -> f32"),
        ),
        measure(
            "i32 -> f32 (Saturate)",
            &i32s,
            CastMode::Saturate,
            |x| x as f32,
            None,
            None,
        ),
        measure(
            "i32 -> f32 (Round)",
            &i32s,
            CastMode::Round,
            |x| x as f32,
            None,
            None,
        ),
        measure(
            "u8 -> f32",
            &u8s,
            CastMode::As,
            f32::from,
            None,
            np(numpy, "u8 -> f32"),
        ),
        measure(
            "i16 -> f32",
            &i16s,
            CastMode::As,
            f32::from,
            None,
            np(numpy, "i16 -> f32"),
        ),
        measure(
            "f32 -> f64",
            &f32s,
            CastMode::As,
            f64::from,
            None,
            np(numpy, "f32 -> f64"),
        ),
        measure(
            "f32 -> i32 (As)",
            &f32s,
            CastMode::As,
            |x| x as i32,
            None,
            np(numpy, "f32 -> i32"),
        ),
        measure(
            "f32 -> u8 (Saturate)",
            &f32s,
            CastMode::Saturate,
            |x| x as u8,
            None,
            np(numpy, "f32 -> u8"),
        ),
        measure(
            "f32 -> i32 (Round)",
            &f32s,
            CastMode::Round,
            |x| x.round_ties_even() as i32,
            None,
            None,
        ),
        measure(
            "f32 -> f16",
            &f32s,
            CastMode::As,
            f16::from_f32,
            Some(|s, d| d.convert_from_f32_slice(s)),
            np(numpy, "f32 -> f16"),
        ),
        measure(
            "f32 -> bf16",
            &f32s,
            CastMode::As,
            bf16::from_f32,
            Some(|s, d| d.convert_from_f32_slice(s)),
            None,
        ),
        measure(
            "f64 -> f16",
            &f64s,
            CastMode::As,
            f16::from_f64,
            Some(|s, d| d.convert_from_f64_slice(s)),
            np(numpy, "f64 -> f16"),
        ),
    ];
    rows.into_iter().flatten().collect()
}

fn print_table(rows: &[Row]) {
    print!("{:<24}", "conversion");
    for column in &COLUMNS {
        print!("{:>10}", column.short);
    }
    println!();
    for row in rows {
        print!("{:<24}", row.name);
        for share in row.shares {
            match share {
                Some(s) => print!("{s:>10.2}"),
                None => print!("{:>10}", "–"),
            }
        }
        println!();
    }
    let titles: Vec<&str> = COLUMNS.iter().map(|column| column.title).collect();
    println!("\n| conversion | {} |", titles.join(" | "));
    println!("|---|{}", "---|".repeat(COLUMNS.len()));
    for row in rows {
        let cells: Vec<String> = row
            .shares
            .iter()
            .map(|share| share.map_or_else(|| "–".to_string(), |s| format!("{s:.2}")))
            .collect();
        println!(
            "| {} | {} |",
            row.name.replace("->", "→"),
            cells.join(" | ")
        );
    }
    println!("\nallocating, tensorize against numpy (same conversion, same run):");
    for row in rows {
        if let (Some(ours), Some(numpy)) = (row.shares[4], row.shares[5]) {
            println!("  {:<22}{:>6.2}x", row.name, ours / numpy);
        }
    }
}

fn main() {
    let n = elements();
    println!("{n} elements; share of memcpy carrying the same bytes (higher is better), medians of {RUNS} interleaved runs\n");
    let mut numpy = Numpy::start(n);
    let rows = conversions(n, &mut numpy);
    drop(numpy);
    print_table(&rows);
    if let Ok(path) = std::env::var("TENSORIZE_BENCH_CHART") {
        std::fs::write(&path, chart(&rows, n)).expect("the chart's path is writable");
        println!("\nwrote {path}");
    }
    let mut pairs = lossless_pairs(n);
    pairs.sort_by(|a, b| a.1.total_cmp(&b.1));
    println!(
        "\nevery lossless pair into a buffer ({}), share of memcpy, lowest first:",
        pairs.len()
    );
    for chunk in pairs.chunks(6) {
        let cells: Vec<String> = chunk
            .iter()
            .map(|(name, share)| format!("{name} {share:.2}"))
            .collect();
        println!("  {}", cells.join(", "));
    }
    // The lossless path is the same kernel as `As`; keep it linked.
    let mut wide = vec![0.0f64; 4];
    cast_into(&[1.0f32, 2.0, 3.0, 4.0], &mut wide);
    black_box(wide);
}
