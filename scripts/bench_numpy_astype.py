"""numpy's `astype` on the conversions of benches/casts.rs.

`cargo bench --bench casts` starts this script with `--serve` (with `python3`, or the
interpreter named by TENSORIZE_BENCH_PYTHON): it then reads one case name per line, such as
`f64 -> f32`, runs that `astype` once and prints its seconds. So numpy's runs are interleaved
with the Rust ones, round after round, and its column is a share of the same memcpy. Run
alone, it prints median times and shares of numpy's own copy (`copyto`) for a quick look.

Usage: python3 scripts/bench_numpy_astype.py [--elements N] [--serve]   (needs numpy)
"""
import argparse
import sys
import statistics
import time

import numpy as np

RUNS = 11
CASES = [
    ("f64 -> f32", np.float64, np.float32),
    ("i32 -> f32", np.int32, np.float32),
    ("u8 -> f32", np.uint8, np.float32),
    ("i16 -> f32", np.int16, np.float32),
    ("f32 -> f64", np.float32, np.float64),
    ("f32 -> i32", np.float32, np.int32),
    ("f32 -> u8", np.float32, np.uint8),
    ("f32 -> f16", np.float32, np.float16),
    ("f64 -> f16", np.float64, np.float16),
]


def median_seconds(action):
    action()  # warm up
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = action()
        samples.append(time.perf_counter() - start)
        del result
    return statistics.median(samples)


def serve(n):
    """One `astype` per request line; the source arrays are made once per case."""
    sources = {}
    print(f"numpy {np.__version__}", flush=True)
    for line in sys.stdin:
        name = line.strip()
        case = next((case for case in CASES if case[0] == name), None)
        if case is None:
            print("unknown", flush=True)
            continue
        _, src_type, dst_type = case
        if name not in sources:
            sources[name] = (np.arange(n) % 251).astype(src_type)
        src = sources[name]
        start = time.perf_counter()
        result = src.astype(dst_type)
        seconds = time.perf_counter() - start
        del result
        print(seconds, flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--elements", type=int, default=16 << 20)
    parser.add_argument("--serve", action="store_true", help="time one case per input line")
    args = parser.parse_args()
    n = args.elements
    if args.serve:
        serve(n)
        return
    print(f"{n} elements; numpy {np.__version__} astype, median of {RUNS}")
    for name, src_type, dst_type in CASES:
        src = (np.arange(n) % 251).astype(src_type)
        seconds = median_seconds(lambda: src.astype(dst_type))
        moved = n * (np.dtype(src_type).itemsize + np.dtype(dst_type).itemsize)
        copy_src = np.ones(moved // 2, dtype=np.uint8)
        copy_dst = np.empty_like(copy_src)
        copy = median_seconds(lambda: np.copyto(copy_dst, copy_src))
        print(f"{name:<14}{seconds * 1e3:>8.1f} ms  {copy / seconds:>6.2f} of numpy's copyto")


main()
