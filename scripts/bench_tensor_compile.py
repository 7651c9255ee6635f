"""Compile cost of a 1M-element `tensor!` literal, against the same numbers as a plain array
literal and against a no-op proc macro handed the same tokens.

Generates three leaf crates in target/bench-compile/ that each hold one `static` of 1,000,000
f32 values, builds their dependencies once, then times `cargo build` of each leaf crate alone
(touching its source first), interleaved, and reports medians of wall time and of the peak RSS
of the compiler. Ratios are against the plain array literal measured in the same run.

Usage: python3 scripts/bench_tensor_compile.py [--runs N] [--elements N]
"""
import argparse
import os
import random
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compile_bench import medians, write  # noqa: E402
WORK = os.path.join(ROOT, "target", "bench-compile")




def generate(n):
    rng = random.Random(1)
    values = ", ".join(f"{rng.uniform(-1000, 1000):.7}" for _ in range(n))
    write(os.path.join(WORK, "Cargo.toml"), f"""[workspace]
members = ["plain", "tensor_literal", "noop_macro", "noop_literal"]
resolver = "2"
""")
    write(os.path.join(WORK, "plain/Cargo.toml"), """[package]
name = "plain"
version = "0.0.0"
edition = "2021"
""")
    write(os.path.join(WORK, "plain/src/lib.rs"),
          f"pub static DATA: [f32; {n}] = [{values}];\n")
    write(os.path.join(WORK, "tensor_literal/Cargo.toml"), f"""[package]
name = "tensor_literal"
version = "0.0.0"
edition = "2021"

[dependencies]
tensorize = {{ path = "{ROOT}", default-features = false }}
""")
    write(os.path.join(WORK, "tensor_literal/src/lib.rs"),
          f"pub static DATA: tensorize::Tensor<[f32; {n}]> = tensorize::tensor![{values}];\n")
    write(os.path.join(WORK, "noop_macro/Cargo.toml"), """[package]
name = "noop_macro"
version = "0.0.0"
edition = "2021"

[lib]
proc-macro = true
""")
    write(os.path.join(WORK, "noop_macro/src/lib.rs"), f"""extern crate proc_macro;
use proc_macro::TokenStream;

/// Ignores its input: what rustc spends handing the tokens to any proc macro.
#[proc_macro]
pub fn noop(_input: TokenStream) -> TokenStream {{
    "[0.0f32; {n}]".parse().unwrap()
}}
""")
    write(os.path.join(WORK, "noop_literal/Cargo.toml"), """[package]
name = "noop_literal"
version = "0.0.0"
edition = "2021"

[dependencies]
noop_macro = { path = "../noop_macro" }
""")
    write(os.path.join(WORK, "noop_literal/src/lib.rs"),
          f"pub static DATA: [f32; {n}] = noop_macro::noop![{values}];\n")






def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--elements", type=int, default=1_000_000)
    args = parser.parse_args()
    generate(args.elements)
    crates = ["plain", "tensor_literal", "noop_literal"]
    median = medians(WORK, crates, args.runs)
    base_time, base_mem = median["plain"]
    noop_time, noop_mem = median["noop_literal"]
    print(f"{args.elements} f32 values, cargo build (debug) of one static, median of {args.runs} interleaved runs")
    print(f"{'crate':<16}{'time s':>9}{'peak MiB':>10}{'time/plain':>12}{'mem/plain':>11}{'time/noop':>11}{'mem/noop':>10}")
    for crate in crates:
        t, m = median[crate]
        print(f"{crate:<16}{t:>9.2f}{m:>10.0f}{t / base_time:>12.2f}{m / base_mem:>11.2f}"
              f"{t / noop_time:>11.2f}{m / noop_mem:>10.2f}")


main()
