"""numpy's `astype` on the conversions of benches/casts.rs: median seconds of 11 runs each.

`cargo bench --bench casts` runs this script itself (with `python3`, or the interpreter named
by TENSORIZE_BENCH_PYTHON) and turns the times into shares of the memcpy it measured in the
same run, so numpy's column is in the same units as tensorize's. Run alone, it prints the
times and shares of numpy's own copy (`copyto`) for a quick look.

Usage: python3 scripts/bench_numpy_astype.py [--elements N] [--json]   (needs numpy)
"""
import argparse
import json
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--elements", type=int, default=16 << 20)
    parser.add_argument("--json", action="store_true", help="print {case: seconds} as JSON")
    args = parser.parse_args()
    n = args.elements
    times = {"numpy": np.__version__}
    if not args.json:
        print(f"{n} elements; numpy {np.__version__} astype, median of {RUNS}")
    for name, src_type, dst_type in CASES:
        src = (np.arange(n) % 251).astype(src_type)
        seconds = median_seconds(lambda: src.astype(dst_type))
        times[name] = seconds
        if not args.json:
            moved = n * (np.dtype(src_type).itemsize + np.dtype(dst_type).itemsize)
            copy_src = np.ones(moved // 2, dtype=np.uint8)
            copy_dst = np.empty_like(copy_src)
            copy = median_seconds(lambda: np.copyto(copy_dst, copy_src))
            print(f"{name:<14}{seconds * 1e3:>8.1f} ms  {copy / seconds:>6.2f} of numpy's copyto")
    if args.json:
        print(json.dumps(times))


main()
