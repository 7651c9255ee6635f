"""numpy's `astype` on the conversions of benches/casts.rs, as a share of a memcpy (numpy
`copyto`) carrying the same bytes, medians of interleaved runs, for the README's table.

OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE do not matter here (no BLAS), but numpy's huge-page advice
does: run on the same machine, right after `cargo bench --bench casts`.

Usage: python3 scripts/bench_numpy_astype.py [--elements N]   (needs numpy)
"""
import argparse
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--elements", type=int, default=16 << 20)
    n = parser.parse_args().elements
    print(f"{n} elements; numpy {np.__version__} astype as a share of memcpy (higher is better)")
    for name, src_type, dst_type in CASES:
        src = (np.arange(n) % 251).astype(src_type)
        moved = n * (np.dtype(src_type).itemsize + np.dtype(dst_type).itemsize)
        copy_src = np.ones(moved // 2, dtype=np.uint8)
        copy_dst = np.empty_like(copy_src)
        samples = {"memcpy": [], "astype": []}
        for _ in range(RUNS):
            start = time.perf_counter()
            np.copyto(copy_dst, copy_src)
            samples["memcpy"].append(time.perf_counter() - start)
            start = time.perf_counter()
            out = src.astype(dst_type)
            samples["astype"].append(time.perf_counter() - start)
            del out
        share = statistics.median(samples["memcpy"]) / statistics.median(samples["astype"])
        print(f"{name:<14}{share:>8.2f}")


main()
