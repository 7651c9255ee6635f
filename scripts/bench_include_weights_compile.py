"""Compile cost of `include_safetensors!` and `include_npz!` on a 64 MB file, against a
hand-written crate that `include_bytes!`es the whole file and slices the tensor's bytes out in a
`const` (the floor on stable Rust: editing the file must make cargo rebuild).

Writes, in target/bench-compile-weights/, a 64 MB safetensors file (ten 1M-element float32
tensors and a filler tensor) and a 64 MB stored .npz archive (np.savez's layout: the same ten
arrays and the filler), and leaf crates that embed from them in `static`s:

    slice_one / safetensors_one / npz_slice_one / npz_one     one 1M-element tensor
    slice_ten / safetensors_ten                               all ten tensors of the file

then builds their dependencies once and times `cargo build` of each leaf crate alone (touching
its source first), interleaved, reporting medians of wall time and of the compiler's peak RSS,
and each macro crate as a ratio against its hand-written twin.

Usage: python3 scripts/bench_include_weights_compile.py [--runs N]   (standard library only)
"""
import argparse
import array
import json
import os
import random
import struct
import sys
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compile_bench import medians, write  # noqa: E402
WORK = os.path.join(ROOT, "target", "bench-compile-weights")
ELEMENTS = 1_000_000
TENSORS = 10
FILE_BYTES = 64 << 20


def values(seed):
    rng = random.Random(seed)
    data = array.array("f", (rng.uniform(-1, 1) for _ in range(ELEMENTS)))
    if sys.byteorder != "little":
        data.byteswap()
    return data.tobytes()


def write_safetensors(path, tensors, filler):
    """safetensors' layout: 8-byte length, JSON header, data in the header's order. Returns
    each tensor's (start, end) in the file."""
    header, offset = {}, 0
    for name, data in tensors:
        header[name] = {"dtype": "F32", "shape": [ELEMENTS], "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
    header["filler"] = {"dtype": "U8", "shape": [filler], "data_offsets": [offset, offset + filler]}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text)
        for _, data in tensors:
            f.write(data)
        f.write(bytes(filler))
    base = 8 + len(text)
    return {name: (base + h["data_offsets"][0], base + h["data_offsets"][1])
            for name, h in header.items()}


def npy_bytes(descr, count, data):
    dict_text = f"{{'descr': '{descr}', 'fortran_order': False, 'shape': ({count},), }}"
    total = -(-(10 + len(dict_text) + 1) // 64) * 64
    header = b"\x93NUMPY\x01\x00" + (total - 10).to_bytes(2, "little")
    return header + dict_text.encode().ljust(total - 11) + b"\n" + data


def write_npz(path, tensors, filler):
    """np.savez's layout (stored members). Returns each member's data (start, end)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for name, data in tensors:
            archive.writestr(name + ".npy", npy_bytes("<f4", ELEMENTS, data))
        archive.writestr("filler.npy", npy_bytes("|u1", filler, bytes(filler)))
    spans = {}
    with zipfile.ZipFile(path) as archive, open(path, "rb") as raw:
        for info in archive.infolist():
            raw.seek(info.header_offset)
            local = raw.read(30)
            name_len, extra_len = struct.unpack("<HH", local[26:30])
            start = info.header_offset + 30 + name_len + extra_len
            raw.seek(start + 8)
            header_len = struct.unpack("<H", raw.read(2))[0]
            data_start = start + 10 + header_len
            spans[info.filename[:-4]] = (data_start, start + info.file_size)
    return spans


def package(name, with_tensorize):
    dependency = (f'\n[dependencies]\ntensorize = {{ path = "{ROOT}", default-features = false, '
                  f'features = ["include-safetensors", "include-npz"] }}\n') if with_tensorize else ""
    write(os.path.join(WORK, name, "Cargo.toml"),
          f'[package]\nname = "{name}"\nversion = "0.0.0"\nedition = "2021"\n{dependency}')


def slices(file, spans, names):
    """Hand-written: each tensor's bytes sliced out of an `include_bytes!` of the whole file in
    a const expression (rustc reads the file once per crate however often it is named). This
    is the cheaper of the two hand-written forms measured: a `const FILE: &[u8; N]` shared by
    the slices peaked at 2.8x the memory of this one."""
    lines = []
    for name in names:
        start, end = spans[name]
        lines.append(f'pub static {name.upper()}: &[u8] = include_bytes!("../../{file}")'
                     f'.split_at({start}).1.split_at({end - start}).0;')
    return "\n".join(lines) + "\n"


def generate():
    os.makedirs(WORK, exist_ok=True)
    tensors = [(f"t{i}", values(i)) for i in range(TENSORS)]
    filler = FILE_BYTES - sum(len(d) for _, d in tensors) - 4096
    st = write_safetensors(os.path.join(WORK, "model.safetensors"), tensors, filler)
    npz = write_npz(os.path.join(WORK, "model.npz"), tensors, filler)
    names = [name for name, _ in tensors]
    crates = {
        "slice_one": (False, slices("model.safetensors", st, ["t3"])),
        "safetensors_one": (True, f'pub static T3: tensorize::Tensor<[f32; {ELEMENTS}]> = '
                                  f'tensorize::include_safetensors!("../model.safetensors", "t3");\n'),
        "npz_slice_one": (False, slices("model.npz", npz, ["t3"])),
        "npz_one": (True, f'pub static T3: tensorize::Tensor<[f32; {ELEMENTS}]> = '
                          f'tensorize::include_npz!("../model.npz", "t3");\n'),
        "slice_ten": (False, slices("model.safetensors", st, names)),
        "safetensors_ten": (True, "".join(
            f'pub static {n.upper()}: tensorize::Tensor<[f32; {ELEMENTS}]> = '
            f'tensorize::include_safetensors!("../model.safetensors", "{n}");\n' for n in names)),
    }
    for name, (with_tensorize, source) in crates.items():
        package(name, with_tensorize)
        write(os.path.join(WORK, name, "src/lib.rs"), source)
    write(os.path.join(WORK, "Cargo.toml"),
          "[workspace]\nmembers = [" + ", ".join(f'"{c}"' for c in crates) + ']\nresolver = "2"\n')
    return list(crates)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    crates = generate()
    median = medians(WORK, crates, args.runs)
    print(f"64 MB files, {ELEMENTS} f32 values per tensor, cargo build (debug), median of "
          f"{args.runs} interleaved runs")
    print(f"{'crate':<18}{'time s':>9}{'peak MiB':>10}{'vs':>16}{'time x':>8}{'mem x':>7}")
    twins = {"safetensors_one": "slice_one", "npz_one": "npz_slice_one",
             "safetensors_ten": "slice_ten"}
    for crate in crates:
        t, m = median[crate]
        line = f"{crate:<18}{t:>9.2f}{m:>10.0f}"
        if crate in twins:
            bt, bm = median[twins[crate]]
            line += f"{twins[crate]:>16}{t / bt:>8.2f}{m / bm:>7.2f}"
        print(line)


main()
