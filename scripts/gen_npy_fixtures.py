"""Write tests/fixtures/npy/: .npy files made by real NumPy (and ml_dtypes for bfloat16), and
expected.tsv with each file's dtype, shape and values (as hex bits, in C order), which
tests/test_npy.rs checks the reader and writer against.

Covers every dtype x byte order x memory order, 0-d and empty arrays, format versions 2.0 and
3.0, a Python 2-era header (`(2L, 3L)`), NaN, +-inf, -0.0, subnormals and extreme values.

Usage: python3 scripts/gen_npy_fixtures.py   (needs numpy and ml_dtypes; run from the repo root)
"""
import io
import os

import ml_dtypes
import numpy as np

OUT = "tests/fixtures/npy"
RUST_NAME = {"b1": "bool", "u1": "u8", "u2": "u16", "u4": "u32", "u8": "u64", "i1": "i8",
             "i2": "i16", "i4": "i32", "i8": "i64", "f2": "f16", "f4": "f32", "f8": "f64",
             "V2": "bf16"}


def values_for(code):
    """Six values per dtype, with its extremes."""
    if code == "b1":
        return [True, False, True, True, False, False]
    if code[0] in "ui":
        info = np.iinfo(np.dtype(code))
        return [info.min, info.max, 0, 1, info.max // 3, info.min // 5 if code[0] == "i" else 7]
    if code == "V2":
        bf = ml_dtypes.bfloat16
        return [np.nan, np.inf, -np.inf, -0.0, float(ml_dtypes.finfo(bf).max), float(ml_dtypes.finfo(bf).smallest_subnormal)]
    info = np.finfo(np.dtype(code))
    return [np.nan, np.inf, -np.inf, -0.0, info.max, info.smallest_subnormal]


def bits_hex(array):
    """Each element's bits in C order, as the Rust test reads them."""
    flat = np.ascontiguousarray(array).reshape(-1)
    if flat.dtype == np.bool_:
        return ",".join("1" if v else "0" for v in flat)
    raw = flat.view(f"<u{flat.dtype.itemsize}") if flat.dtype.byteorder != ">" else flat.byteswap().view(f"<u{flat.dtype.itemsize}")
    return ",".join(f"{int(v):x}" for v in raw)


def save(name, array, rows, version=None, raw=None):
    path = os.path.join(OUT, name)
    if raw is not None:
        with open(path, "wb") as f:
            f.write(raw)
    elif version is None:
        np.save(path, array)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, array, version=version)
    code = "V2" if array.dtype == ml_dtypes.bfloat16 else array.dtype.str[1:]
    shape = "x".join(str(d) for d in array.shape)
    rows.append(f"{name}\t{RUST_NAME[code]}\t{shape}\t{bits_hex(array)}")


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = []
    for code in ["b1", "u1", "u2", "u4", "u8", "i1", "i2", "i4", "i8", "f2", "f4", "f8", "V2"]:
        if code == "V2":
            base = np.array(values_for(code), dtype=ml_dtypes.bfloat16).reshape(2, 3)
            orders = ["<"]
        else:
            base = np.array(values_for(code), dtype=np.dtype(code)).reshape(2, 3)
            orders = ["|"] if base.dtype.itemsize == 1 else ["<", ">"]
        for order in orders:
            typed = base if code == "V2" or order == "|" else base.astype(base.dtype.newbyteorder(order))
            tag = {"<": "le", ">": "be", "|": "na"}[order]
            save(f"{code}_{tag}_c.npy", typed, rows)
            save(f"{code}_{tag}_f.npy", np.asfortranarray(typed), rows)
    save("f8_0d.npy", np.array(2.5), rows)
    save("f4_empty.npy", np.zeros((0, 3), dtype="<f4"), rows)
    save("u1_empty_inner.npy", np.zeros((2, 0), dtype="|u1"), rows)
    save("i4_v2.npy", np.arange(12, dtype="<i4").reshape(3, 4), rows, version=(2, 0))
    save("f4_v3.npy", np.linspace(-1, 1, 6, dtype="<f4").reshape(2, 3), rows, version=(3, 0))
    # A Python 2-era header, which numpy still reads: `(2L, 3L)`.
    legacy = np.arange(6, dtype="<i2").reshape(2, 3)
    buffer = io.BytesIO()
    np.save(buffer, legacy)
    data = buffer.getvalue()
    header_len = int.from_bytes(data[8:10], "little")
    header = data[10:10 + header_len].replace(b"(2, 3)", b"(2L, 3L)")
    header = header[:header_len - 1].ljust(header_len - 1) + b"\n" if len(header) <= header_len else header
    raw = data[:8] + len(header).to_bytes(2, "little") + header + data[10 + header_len:]
    assert np.array_equal(np.load(io.BytesIO(raw)), legacy)
    save("i2_python2_header.npy", legacy, rows, raw=raw)
    # Files include_npy! must reject (tests/ui/include-npy).
    bad = os.path.join(OUT, "bad")
    os.makedirs(bad, exist_ok=True)
    np.save(os.path.join(bad, "complex.npy"), np.array([1 + 2j], dtype="<c8"))
    buffer = io.BytesIO()
    np.save(buffer, np.arange(12, dtype="<f4").reshape(3, 4))
    with open(os.path.join(bad, "truncated.npy"), "wb") as f:
        f.write(buffer.getvalue()[:-5])
    with open(os.path.join(bad, "not-npy.npy"), "w") as f:
        f.write("col_a,col_b\n1,2\n")
    with open(os.path.join(OUT, "expected.tsv"), "w") as f:
        f.write(f"# numpy {np.__version__}, ml_dtypes {ml_dtypes.__version__}\n")
        f.write("# file\tdtype\tshape (x-separated)\tvalues as hex bits in C order\n")
        f.write("\n".join(rows) + "\n")
    print(f"wrote {len(rows)} fixtures to {OUT}")


main()
