//! `.npy` files made by real NumPy (`scripts/gen_npy_fixtures.py`): every dtype, byte order and
//! memory order, 0-d and empty arrays, format versions 2.0 and 3.0, a Python 2-era header,
//! NaN/±inf and extremes. Each is parsed, read, written back and compared.

use std::path::PathBuf;

use ndarray::ArrayD;
use tensorize::{bf16, f16, npy, CastMode, DType, Element};

const EXPECTED: &str = include_str!("fixtures/npy/expected.tsv");

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/npy")
        .join(name)
}

struct Case {
    file: String,
    dtype: DType,
    shape: Vec<usize>,
    bits: Vec<u64>,
}

fn cases() -> Vec<Case> {
    EXPECTED
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let shape = if fields[2].is_empty() {
                Vec::new()
            } else {
                fields[2].split('x').map(|d| d.parse().unwrap()).collect()
            };
            let bits = if fields[3].is_empty() {
                Vec::new()
            } else {
                fields[3]
                    .split(',')
                    .map(|b| u64::from_str_radix(b, 16).unwrap())
                    .collect()
            };
            Case {
                file: fields[0].to_string(),
                dtype: fields[1].parse().unwrap(),
                shape,
                bits,
            }
        })
        .collect()
}

/// An element's bits, widened to u64.
trait Bits: Element {
    fn bits(self) -> u64;
}
macro_rules! bits {
    ($($t:ty => |$x:ident| $e:expr),*) => {$(
        impl Bits for $t {
            fn bits(self) -> u64 {
                let $x = self;
                $e
            }
        }
    )*};
}
bits!(bool => |x| u64::from(x), u8 => |x| u64::from(x), u16 => |x| u64::from(x), u32 => |x| u64::from(x), u64 => |x| x,
      i8 => |x| u64::from(x as u8), i16 => |x| u64::from(x as u16), i32 => |x| u64::from(x as u32), i64 => |x| x as u64,
      f16 => |x| u64::from(x.to_bits()), bf16 => |x| u64::from(x.to_bits()), f32 => |x| u64::from(x.to_bits()), f64 => |x| x.to_bits());

/// Reads the case as its own dtype, checks shape and bits, writes it back and checks again.
fn check<T: Bits>(case: &Case) {
    let path = fixture(&case.file);
    let array: ArrayD<T> = npy::read(&path).unwrap_or_else(|e| panic!("{}: {e}", case.file));
    assert_eq!(array.shape(), &case.shape[..], "{}", case.file);
    let bits: Vec<u64> = array.iter().map(|&x| x.bits()).collect();
    assert_eq!(bits, case.bits, "{}", case.file);
    assert_eq!(
        npy::header(&path).unwrap(),
        (case.dtype, case.shape.clone()),
        "{}",
        case.file
    );

    let out = std::env::temp_dir().join(format!(
        "tensorize-test-{}-{}",
        std::process::id(),
        case.file
    ));
    npy::write(&out, &array).unwrap();
    let back: ArrayD<T> = npy::read(&out).unwrap();
    assert_eq!(
        back.iter().map(|&x| x.bits()).collect::<Vec<_>>(),
        case.bits,
        "{} written back",
        case.file
    );
    // numpy's own layout for what it writes the same way: native order, C order, version 1.0.
    let numpy_layout = !case.file.contains("_be_")
        && !case.file.contains("_f.")
        && !case.file.contains("_v")
        && !case.file.contains("python2");
    if numpy_layout {
        assert_eq!(
            std::fs::read(&out).unwrap(),
            std::fs::read(&path).unwrap(),
            "{} bytes",
            case.file
        );
    }
    std::fs::remove_file(out).unwrap();
}

#[test]
fn reads_and_writes_every_numpy_fixture() {
    let cases = cases();
    assert_eq!(cases.len(), 50);
    for case in &cases {
        let bytes = std::fs::read(fixture(&case.file)).unwrap();
        let view = npy::parse(&bytes).unwrap();
        assert_eq!(
            (view.dtype(), view.shape()),
            (case.dtype, &case.shape[..]),
            "{}",
            case.file
        );
        assert_eq!(
            view.fortran_order(),
            case.file.ends_with("_f.npy"),
            "{}",
            case.file
        );
        assert_eq!(
            view.big_endian(),
            case.file.contains("_be_"),
            "{}",
            case.file
        );
        match case.dtype {
            DType::Bool => check::<bool>(case),
            DType::U8 => check::<u8>(case),
            DType::U16 => check::<u16>(case),
            DType::U32 => check::<u32>(case),
            DType::U64 => check::<u64>(case),
            DType::I8 => check::<i8>(case),
            DType::I16 => check::<i16>(case),
            DType::I32 => check::<i32>(case),
            DType::I64 => check::<i64>(case),
            DType::F16 => check::<f16>(case),
            DType::BF16 => check::<bf16>(case),
            DType::F32 => check::<f32>(case),
            DType::F64 => check::<f64>(case),
        }
    }
}

#[test]
fn reads_lossless_widenings_and_refuses_the_rest() {
    let wide: ArrayD<f64> = npy::read(fixture("f4_le_c.npy")).unwrap();
    assert!(wide[[0, 0]].is_nan() && wide[[0, 1]] == f64::INFINITY);
    let from_u8: ArrayD<i16> = npy::read(fixture("u1_na_c.npy")).unwrap();
    assert_eq!(from_u8[[0, 1]], 255);
    let err = npy::read::<f32>(fixture("f8_le_c.npy")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file holds f64, which does not convert to f32 without loss; read it as f64, or use read_with (a cast mode) or try_read (value-exact)"
    );
    let err = npy::read::<f32>(fixture("V2_le_c.npy")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the file's dtype is V2, which numpy writes for bfloat16: read it as bf16, not f32"
    );
    assert!(npy::try_read::<f64>(fixture("V2_le_c.npy")).is_err());
}

#[test]
fn read_with_and_try_read() {
    let rounded: ArrayD<f16> = npy::read_with(fixture("f8_le_c.npy"), CastMode::Saturate).unwrap();
    assert_eq!(rounded[[1, 1]], f16::MAX); // f64::MAX saturates
    assert!(rounded[[0, 0]].is_nan());
    let ints: ArrayD<i32> = npy::try_read(fixture("i4_v2.npy")).unwrap();
    assert_eq!(ints[[2, 3]], 11);
    let err = npy::try_read::<u8>(fixture("i2_le_c.npy")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "element 0: -32768 is not exactly representable as u8"
    );
    let fits: ArrayD<u8> = npy::try_read(fixture("i2_python2_header.npy")).unwrap();
    assert_eq!(fits.as_slice().unwrap(), &[0, 1, 2, 3, 4, 5]);
}

#[test]
fn malformed_files_are_errors_not_panics() {
    let bytes = std::fs::read(fixture("f4_le_c.npy")).unwrap();
    for len in 0..bytes.len() {
        let cut = &bytes[..len];
        assert!(npy::parse(cut).is_err(), "a file cut at {len} bytes");
        assert!(
            npy::from_reader::<f32, _>(cut).is_err(),
            "a stream cut at {len} bytes"
        );
    }
    // A header that promises far more data than the stream has: an error, and no huge buffer.
    let mut huge = bytes[..10].to_vec();
    let dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000,), }";
    huge.extend(format!("{dict:<117}\n").bytes());
    huge[8..10].copy_from_slice(&118u16.to_le_bytes());
    let err = npy::from_reader::<f64, _>(&huge[..]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "truncated .npy data: the header promises 8000000000000 bytes of data, the file has 0"
    );
}

#[test]
fn writes_bf16_as_v2_and_big_headers_as_version_2() {
    let mut bytes = Vec::new();
    npy::to_writer(&mut bytes, &ndarray::array![bf16::from_f32(1.5)]).unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("'descr': '<V2'"));
    let back: ArrayD<bf16> = npy::from_reader(&bytes[..]).unwrap();
    assert_eq!(back[[0]], bf16::from_f32(1.5));

    let many_dims = ArrayD::<u8>::zeros(ndarray::IxDyn(&[1; 32]));
    let mut bytes = Vec::new();
    npy::to_writer(&mut bytes, &many_dims).unwrap();
    assert_eq!(&bytes[6..8], &[1, 0]);
    assert_eq!(bytes.iter().position(|&b| b == b'\n').unwrap() % 64, 63);
}
