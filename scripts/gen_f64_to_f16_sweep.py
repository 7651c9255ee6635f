"""Write tests/fixtures/f64_to_f16_sweep.txt: numpy's f64 -> f16 conversion (one correct
rounding) on a sweep of 10,190,000+ f64 values around every f16 rounding boundary, as a
count, an FNV-1a digest of the results and a sample of them.

The sweep: for every positive finite f16 value b (bits 0 to 0x7bff), the midpoint m between b
and the next value, and the 321 f64s whose bits are m's plus k for k in -160..=160. The Rust
test (tests/test_casts.rs) builds the same values from the same bits.

Usage: python3 scripts/gen_f64_to_f16_sweep.py   (needs numpy; run from the repo root)
"""
import numpy as np

K = 160
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3


def fnv1a(data):
    h = FNV_OFFSET
    for byte in data:
        h ^= byte
        h = (h * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def main():
    bits16 = np.arange(0, 0x7C00, dtype=np.uint16)
    low = bits16.view(np.float16).astype(np.float64)
    high = (bits16 + 1).view(np.float16).astype(np.float64)  # 0x7c00 reads as inf: kept out below
    mid = (low + high) / 2
    mid[-1] = 65520.0  # between 65504 and the 65536 where rounding overflows
    mid_bits = mid.view(np.uint64)
    offsets = np.arange(-K, K + 1, dtype=np.int64)
    sweep_bits = (mid_bits[:, None].astype(np.int64) + offsets[None, :]).reshape(-1)
    sweep_bits = np.clip(sweep_bits, 0, None).astype(np.uint64)
    values = sweep_bits.view(np.float64)
    results = values.astype(np.float16).view(np.uint16)
    digest = fnv1a(results.astype("<u2").tobytes())
    with open("tests/fixtures/f64_to_f16_sweep.txt", "w") as f:
        f.write(f"# numpy {np.__version__}: f64 -> f16 of the sweep in scripts/gen_f64_to_f16_sweep.py\n")
        f.write(f"count {len(values)}\n")
        f.write(f"fnv1a64 {digest:016x}\n")
        for i in range(0, len(values), 10007):
            f.write(f"{i} {int(sweep_bits[i]):016x} {int(results[i]):04x}\n")
    print(f"{len(values)} values, digest {digest:016x}")


main()
