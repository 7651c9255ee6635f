//! Parser unit tests on hand-made headers; the NumPy-made fixtures are in `tests/test_npy.rs`.

use super::*;
use std::string::ToString;

fn file(version: u8, dict: &str, data: &[u8]) -> std::vec::Vec<u8> {
    let mut bytes = std::vec::Vec::from(&b"\x93NUMPY"[..]);
    bytes.push(version);
    bytes.push(0);
    let preamble = if version == 1 { 10 } else { 12 };
    let len = (preamble + dict.len() + 1).div_ceil(64) * 64 - preamble;
    if version == 1 {
        bytes.extend((len as u16).to_le_bytes());
    } else {
        bytes.extend((len as u32).to_le_bytes());
    }
    bytes.extend(dict.bytes());
    bytes.resize(preamble + len - 1, b' ');
    bytes.push(b'\n');
    bytes.extend_from_slice(data);
    bytes
}

#[test]
fn parses_every_version_and_python_2_shapes() {
    for version in [1, 2, 3] {
        let bytes = file(
            version,
            "{'descr': '<i2', 'fortran_order': False, 'shape': (2L, 1L), }",
            &[1, 0, 2, 0],
        );
        let view = parse(&bytes).unwrap();
        assert_eq!((view.dtype(), view.shape()), (DType::I16, &[2, 1][..]));
        assert_eq!(view.scalar(1), Scalar::I16(2));
    }
}

#[test]
fn keys_in_any_order_and_big_endian() {
    let bytes = file(
        1,
        "{\"shape\": (2,), \"fortran_order\": False, \"descr\": \">f4\"}",
        &[0x3f, 0x80, 0, 0, 0xc0, 0, 0, 0],
    );
    let view = parse(&bytes).unwrap();
    assert!(view.big_endian());
    assert_eq!(view.scalar(0), Scalar::F32(1.0));
    assert_eq!(view.scalar(1), Scalar::F32(-2.0));
}

#[test]
fn zero_d_empty_and_fortran() {
    let scalar = file(
        1,
        "{'descr': '<f8', 'fortran_order': False, 'shape': (), }",
        &2.5f64.to_le_bytes(),
    );
    let view = parse(&scalar).unwrap();
    assert_eq!((view.shape(), view.len()), (&[][..], 1));
    let empty = file(
        1,
        "{'descr': '|u1', 'fortran_order': False, 'shape': (3, 0), }",
        &[],
    );
    assert!(parse(&empty).unwrap().is_empty());
    // [[1, 2, 3], [4, 5, 6]] in Fortran order is 1 4 2 5 3 6.
    let fortran = file(
        1,
        "{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }",
        &[1, 4, 2, 5, 3, 6],
    );
    let view = parse(&fortran).unwrap();
    let c: std::vec::Vec<Scalar> = (0..6).map(|i| view.scalar_c_order(i)).collect();
    assert_eq!(c, (1..=6).map(Scalar::U8).collect::<std::vec::Vec<_>>());
}

#[test]
fn malformed_input_is_an_error() {
    let message = |bytes: &[u8]| parse(bytes).unwrap_err().to_string();
    assert_eq!(
        message(b""),
        "not a .npy file: it does not start with \\x93NUMPY"
    );
    assert_eq!(
        message(b"\x93NUMPY\x01\x00\xff"),
        "malformed .npy header: the header length is missing"
    );
    assert_eq!(
        message(b"\x93NUMPY\x01\x00\xff\x00{"),
        "malformed .npy header: the file ends inside the header"
    );
    let dict = |d: &str| message(&file(1, d, &[]));
    assert_eq!(dict("{'descr': '<c8', 'fortran_order': False, 'shape': (1,), }"), "unsupported .npy dtype '<c8': tensorize reads b1, u1, u2, u4, u8, i1, i2, i4, i8, f2, f4, f8 (either byte order) and V2 as bfloat16");
    assert!(
        dict("{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }")
            .starts_with("unsupported .npy dtype '[('a', '<f4')]")
    );
    assert_eq!(
        dict("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }")
            .split(':')
            .next(),
        Some("unsupported .npy dtype '|O'")
    );
    assert_eq!(
        dict("{'descr': '<f4', 'shape': (1,), }"),
        "malformed .npy header: missing key (descr, fortran_order and shape are required)"
    );
    assert_eq!(
        dict("{'descr': '<f4', 'fortran_order': 0, 'shape': (1,), }"),
        "malformed .npy header: fortran_order must be True or False"
    );
    assert_eq!(
        dict("{'descr': '<f4', 'fortran_order': False, 'shape': (-1,), }"),
        "malformed .npy header: a dimension is not a non-negative integer"
    );
    assert_eq!(dict("{'descr': '<f4', 'fortran_order': False, 'shape': (4294967296, 4294967296, 4294967296), }"), "the array's shape has more elements than memory can address");
    assert_eq!(
        dict("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }"),
        "truncated .npy data: the header promises 8 bytes of data, the file has 0"
    );
    assert_eq!(
        dict("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'extra': 1}"),
        "malformed .npy header: unexpected key (expected descr, fortran_order, shape)"
    );
    let deep = std::format!(
        "{{'descr': '<f4', 'fortran_order': False, 'shape': ({}), }}",
        "1, ".repeat(33)
    );
    assert_eq!(
        dict(&deep),
        "the array has 33 dimensions; at most 32 are supported"
    );
}
