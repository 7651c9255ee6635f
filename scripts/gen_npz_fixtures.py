"""Write tests/fixtures/npz/: archives made by NumPy's savez (stored members) and
savez_compressed (deflated members), with members of several dtypes (bfloat16 by ml_dtypes,
which numpy stores as V2), and expected.tsv with each member's dtype, shape and values (hex
bits, C order), which tests/test_npz.rs checks the reader against.

With an argument, instead loads an archive tensorize wrote and prints its members as
expected.tsv lines, for the test that numpy reads tensorize's archives.

Usage: python3 scripts/gen_npz_fixtures.py [written.npz]   (from the repo root; needs numpy and
ml_dtypes)
"""
import sys

import ml_dtypes
import numpy as np

OUT = "tests/fixtures/npz"


def bits_hex(array):
    flat = np.ascontiguousarray(array).reshape(-1)
    if flat.dtype == np.bool_:
        return ",".join("1" if v else "0" for v in flat)
    unsigned = np.dtype(f"u{flat.dtype.itemsize}")
    return ",".join(format(int(v), "x") for v in flat.view(unsigned))


def line(name, array):
    return f"{name}\t{array.dtype}\t{'x'.join(map(str, array.shape))}\t{bits_hex(array)}"


def members():
    return {
        "weights": np.array([[1.5, -2.0, np.nan], [np.inf, -0.0, 6e-8]], dtype=np.float32),
        "bias": np.array([0.5, -1.0], dtype=np.float16),
        "ids": np.arange(6, dtype=np.int64).reshape(3, 2),
        "mask": np.array([True, False, True]),
        "fortran": np.asfortranarray(np.arange(6, dtype=np.uint16).reshape(2, 3)),
        "scalar": np.array(7, dtype=np.int8),
        "half_brain": np.array([1.0, -3.5], dtype=ml_dtypes.bfloat16),
    }


def write_fixtures():
    arrays = members()
    np.savez(f"{OUT}/stored.npz", **arrays)
    np.savez_compressed(f"{OUT}/compressed.npz", **arrays)
    with open(f"{OUT}/expected.tsv", "w") as out:
        out.write(f"# numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__}\n")
        out.write("# member\tdtype\tshape (x-separated)\tvalues as hex bits in C order\n")
        for name, array in arrays.items():
            out.write(line(name, array) + "\n")


def show(path):
    with np.load(path) as archive:
        print("files\t" + ",".join(archive.files))
        for name in archive.files:
            array = archive[name]
            if array.dtype.kind == "V" and array.dtype.itemsize == 2:
                array = array.view(ml_dtypes.bfloat16)  # numpy stores bfloat16 as V2
            print(line(name, array))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        show(sys.argv[1])
    else:
        write_fixtures()
