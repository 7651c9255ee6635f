"""Shared by the compile-cost benchmarks: time `cargo build` of leaf crates, interleaved, and
report medians of wall time and of the compiler's peak RSS."""
import os
import statistics
import subprocess
import sys

MEASURE = """
import resource, subprocess, sys, time
start = time.perf_counter()
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def write(path, text):
    """Writes a file, creating its folder."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        f.write(text)


def build(work, crate):
    """Seconds and peak MiB of `cargo build -p crate` after touching its source."""
    os.utime(os.path.join(work, crate, "src/lib.rs"))
    out = subprocess.run(
        [sys.executable, "-c", MEASURE, "cargo", "build", "-q", "-p", crate],
        cwd=work, check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def medians(work, crates, runs):
    """Builds every crate once (dependencies, warm caches), then `runs` interleaved rounds."""
    for crate in crates:
        build(work, crate)
    results = {crate: [] for crate in crates}
    for _ in range(runs):
        for crate in crates:
            results[crate].append(build(work, crate))
    return {c: (statistics.median(t for t, _ in r), statistics.median(m for _, m in r))
            for c, r in results.items()}
