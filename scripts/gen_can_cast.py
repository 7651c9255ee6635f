"""Write tests/fixtures/can_cast_safe.tsv: numpy's `can_cast(a, b, "safe")` for every pair
of tensorize's 13 dtypes, with bfloat16 taken from ml_dtypes.

Usage: python3 scripts/gen_can_cast.py   (needs numpy and ml_dtypes; run from the repo root)
"""
import sys

import ml_dtypes
import numpy as np

NAMES = ["bool", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f16", "bf16", "f32", "f64"]
TYPES = [np.bool_, np.uint8, np.uint16, np.uint32, np.uint64, np.int8, np.int16, np.int32,
         np.int64, np.float16, ml_dtypes.bfloat16, np.float32, np.float64]

out = open("tests/fixtures/can_cast_safe.tsv", "w")
out.write(f"# numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__}: np.can_cast(from, to, 'safe')\n")
out.write("from\tto\tsafe\n")
for a_name, a in zip(NAMES, TYPES):
    for b_name, b in zip(NAMES, TYPES):
        safe = np.can_cast(np.dtype(a), np.dtype(b), "safe")
        out.write(f"{a_name}\t{b_name}\t{int(safe)}\n")
out.close()
print("wrote tests/fixtures/can_cast_safe.tsv", file=sys.stderr)
