"""Write tests/fixtures/safetensors/: files made by Python's safetensors (with NumPy, and
ml_dtypes for bfloat16 and float8), and expected.tsv with each tensor's dtype, shape and values
(as hex bits, in C order), which tests/test_safetensors.rs checks the reader and writer against.

- all_dtypes.safetensors: one tensor per dtype tensorize maps (BOOL U8 I8 U16 I16 U32 I32 U64
  I64 F16 BF16 F32 F64), each with its extremes (NaN, +-inf, -0.0, the largest value, the
  smallest subnormal for floats; min, max, 0, 1 for integers), shapes of rank 0 to 3, and
  `__metadata__`.
- float8.safetensors: an F8_E4M3 tensor beside an F32 one (the first is an error to read).

With an argument, instead loads a file tensorize wrote and prints each tensor as expected.tsv
lines, plus the metadata, for the test that Python reads tensorize's files.

Usage: python3 scripts/gen_safetensors_fixtures.py [written.safetensors]   (from the repo root;
needs numpy, safetensors and ml_dtypes)
"""
import sys

import ml_dtypes
import numpy as np
from safetensors import safe_open
from safetensors.numpy import save_file

OUT = "tests/fixtures/safetensors"


def values_for(dtype):
    if dtype == np.bool_:
        return [True, False, True, True, False, False]
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        return [info.min, info.max, 0, 1, info.max // 3, 7]
    info = ml_dtypes.finfo(dtype)
    return [np.nan, np.inf, -np.inf, -0.0, float(info.max), float(info.smallest_subnormal)]


DTYPES = [
    ("bool", np.bool_, (2, 3)),
    ("u8", np.uint8, (6,)),
    ("i8", np.int8, (3, 2)),
    ("u16", np.uint16, (1, 2, 3)),
    ("i16", np.int16, (6, 1)),
    ("u32", np.uint32, (2, 3)),
    ("i32", np.int32, (3, 2)),
    ("u64", np.uint64, (6,)),
    ("i64", np.int64, (2, 1, 3)),
    ("f16", np.float16, (2, 3)),
    ("bf16", ml_dtypes.bfloat16, (3, 2)),
    ("f32", np.float32, (6,)),
    ("f64", np.float64, (2, 3)),
]


def bits_hex(array):
    flat = np.ascontiguousarray(array).reshape(-1)
    if flat.dtype == np.bool_:
        return ",".join("1" if v else "0" for v in flat)
    unsigned = np.dtype(f"u{flat.dtype.itemsize}")
    return ",".join(format(int(v), "x") for v in flat.view(unsigned))


def line(name, array):
    return f"{name}\t{array.dtype}\t{'x'.join(map(str, array.shape))}\t{bits_hex(array)}"


def write_fixtures():
    tensors = {}
    for name, dtype, shape in DTYPES:
        tensors[name] = np.array(values_for(dtype), dtype=dtype).reshape(shape)
    tensors["scalar"] = np.array(2.5, dtype=np.float32)
    tensors["empty"] = np.zeros((0, 3), dtype=np.float32)
    save_file(tensors, f"{OUT}/all_dtypes.safetensors", metadata={"format": "np", "source": "gen_safetensors_fixtures.py"})
    save_file(
        {"scale": np.array([1.0, 2.0], dtype=np.float32),
         "weights": np.array([0.5, -1.0, 448.0], dtype=ml_dtypes.float8_e4m3fn)},
        f"{OUT}/float8.safetensors",
    )
    with open(f"{OUT}/expected.tsv", "w") as out:
        out.write(f"# numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__}\n")
        out.write("# tensor\tdtype\tshape (x-separated)\tvalues as hex bits in C order\n")
        for name, array in tensors.items():
            out.write(line(name, array) + "\n")


def show(path):
    with safe_open(path, framework="np") as f:
        for key, value in sorted((f.metadata() or {}).items()):
            print(f"metadata\t{key}\t{value}")
        for name in f.keys():
            print(line(name, f.get_tensor(name)))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        show(sys.argv[1])
    else:
        write_fixtures()
