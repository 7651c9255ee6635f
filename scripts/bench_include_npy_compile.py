"""Compile cost of a 1M-element `include_npy!`, against `include_bytes!` of the same file.

Writes a 1,000,000-element little-endian float32 .npy file and two leaf crates in
target/bench-compile-npy/ that each embed it in a `static` (one with `include_npy!`, one with
`include_bytes!`), builds their dependencies once, then times `cargo build` of each leaf crate
alone (touching its source first), interleaved, and reports medians of wall time and of the
compiler's peak RSS, as ratios against `include_bytes!` in a crate with no dependencies and in
one that depends on tensorize (what the dependency alone costs).

Usage: python3 scripts/bench_include_npy_compile.py [--runs N] [--elements N]
   (standard library only)
"""
import argparse
import array
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compile_bench import medians, write  # noqa: E402
WORK = os.path.join(ROOT, "target", "bench-compile-npy")




def write_npy(path, n):
    """A float32 .npy file, laid out as numpy writes it."""
    rng = random.Random(1)
    dict_text = f"{{'descr': '<f4', 'fortran_order': False, 'shape': ({n},), }}"
    total = -(-(10 + len(dict_text) + 1) // 64) * 64
    header = b"\x93NUMPY\x01\x00" + (total - 10).to_bytes(2, "little")
    header += dict_text.encode().ljust(total - 11) + b"\n"
    values = array.array("f", (rng.uniform(-1, 1) for _ in range(n)))
    if sys.byteorder != "little":
        values.byteswap()
    with open(path, "wb") as f:
        f.write(header + values.tobytes())


def generate(n):
    write(os.path.join(WORK, "Cargo.toml"), """[workspace]
members = ["bytes_only", "bytes_with_tensorize", "npy_tensor"]
resolver = "2"
""")
    os.makedirs(WORK, exist_ok=True)
    write_npy(os.path.join(WORK, "data.npy"), n)
    write(os.path.join(WORK, "bytes_only/Cargo.toml"), """[package]
name = "bytes_only"
version = "0.0.0"
edition = "2021"
""")
    write(os.path.join(WORK, "bytes_only/src/lib.rs"),
          'pub static DATA: &[u8] = include_bytes!("../../data.npy");\n')
    # The same include_bytes!, in a crate that depends on tensorize like the include_npy! one:
    # what the dependency costs rustc by itself (loading its metadata and the macro library).
    write(os.path.join(WORK, "bytes_with_tensorize/Cargo.toml"), f"""[package]
name = "bytes_with_tensorize"
version = "0.0.0"
edition = "2021"

[dependencies]
tensorize = {{ path = "{ROOT}", default-features = false }}
""")
    write(os.path.join(WORK, "bytes_with_tensorize/src/lib.rs"),
          'pub use tensorize::Tensor;\npub static DATA: &[u8] = include_bytes!("../../data.npy");\n')
    write(os.path.join(WORK, "npy_tensor/Cargo.toml"), f"""[package]
name = "npy_tensor"
version = "0.0.0"
edition = "2021"

[dependencies]
tensorize = {{ path = "{ROOT}", default-features = false }}
""")
    write(os.path.join(WORK, "npy_tensor/src/lib.rs"),
          f'pub static DATA: tensorize::Tensor<[f32; {n}]> = tensorize::include_npy!("../data.npy");\n')






def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--elements", type=int, default=1_000_000)
    args = parser.parse_args()
    generate(args.elements)
    crates = ["bytes_only", "bytes_with_tensorize", "npy_tensor"]
    median = medians(WORK, crates, args.runs)
    base_time, base_mem = median["bytes_only"]
    print(f"{args.elements} f32 values in a .npy file, cargo build (debug) of one static, "
          f"median of {args.runs} interleaved runs")
    dep_time, dep_mem = median["bytes_with_tensorize"]
    print(f"{'crate':<22}{'time s':>9}{'peak MiB':>10}{'time/bytes':>12}{'mem/bytes':>11}"
          f"{'time/bytes+dep':>16}{'mem/bytes+dep':>15}")
    for crate in crates:
        t, m = median[crate]
        print(f"{crate:<22}{t:>9.2f}{m:>10.0f}{t / base_time:>12.2f}{m / base_mem:>11.2f}"
              f"{t / dep_time:>16.2f}{m / dep_mem:>15.2f}")


main()
