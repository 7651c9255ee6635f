//! safetensors files (API §9): fixtures written by Python's safetensors read back bit for bit,
//! written again and re-read; what tensorize writes, Python loads (when it is there); the
//! zero-copy view; unsupported dtypes; missing names; malformed files.

use std::path::{Path, PathBuf};

use ndarray::ArrayD;
use tensorize::npy::NotViewable;
use tensorize::safetensors::{self, Safetensors, SafetensorsError, Writer};
use tensorize::{bf16, f16, CastMode, DType, Element};

const EXPECTED: &str = include_str!("fixtures/safetensors/expected.tsv");

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/safetensors")
        .join(name)
}

fn temp(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("tensorize-test-safetensors-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// (name, dtype, shape, hex bits) of each expected tensor.
fn expected() -> Vec<(String, DType, Vec<usize>, String)> {
    EXPECTED
        .lines()
        .filter(|line| !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            let dtype = match fields[1] {
                "bool" => DType::Bool,
                "uint8" => DType::U8,
                "int8" => DType::I8,
                "uint16" => DType::U16,
                "int16" => DType::I16,
                "uint32" => DType::U32,
                "int32" => DType::I32,
                "uint64" => DType::U64,
                "int64" => DType::I64,
                "float16" => DType::F16,
                "bfloat16" => DType::BF16,
                "float32" => DType::F32,
                "float64" => DType::F64,
                other => panic!("{other}"),
            };
            let shape = fields[2]
                .split('x')
                .filter(|d| !d.is_empty())
                .map(|d| d.parse().unwrap())
                .collect();
            (fields[0].to_owned(), dtype, shape, fields[3].to_owned())
        })
        .collect()
}

/// An array's elements as the script prints them: hex bits in C order (bools as 0 and 1).
fn hex<T: Element + Bits>(array: &ArrayD<T>) -> String {
    array
        .iter()
        .map(|value| format!("{:x}", value.bits()))
        .collect::<Vec<_>>()
        .join(",")
}

/// An element's bits as an integer.
trait Bits {
    fn bits(&self) -> u64;
}
macro_rules! bits {
    ($($t:ty => $e:expr),*) => {$(
        impl Bits for $t {
            fn bits(&self) -> u64 {
                let f: fn(&$t) -> u64 = $e;
                f(self)
            }
        }
    )*};
}
bits!(bool => |x| u64::from(*x), u8 => |x| u64::from(*x), i8 => |x| u64::from(*x as u8),
      u16 => |x| u64::from(*x), i16 => |x| u64::from(*x as u16), u32 => |x| u64::from(*x),
      i32 => |x| u64::from(*x as u32), u64 => |x| *x, i64 => |x| *x as u64,
      f16 => |x| u64::from(x.to_bits()), bf16 => |x| u64::from(x.to_bits()),
      f32 => |x| u64::from(x.to_bits()), f64 => |x| x.to_bits());

/// Reads `name` as its own dtype from the file and from parsed bytes, as hex.
fn read_hex(path: &Path, parsed: &Safetensors<'_>, name: &str, dtype: DType) -> String {
    macro_rules! read {
        ($($d:ident => $t:ty),*) => {
            match dtype {
                $(DType::$d => {
                    let from_path = safetensors::read::<$t>(path, name).unwrap();
                    let from_bytes = parsed.read::<$t>(name).unwrap();
                    assert_eq!(hex(&from_path), hex(&from_bytes), "{name}");
                    hex(&from_path)
                })*
            }
        };
    }
    read!(Bool => bool, U8 => u8, I8 => i8, U16 => u16, I16 => i16, U32 => u32, I32 => i32,
          U64 => u64, I64 => i64, F16 => f16, BF16 => bf16, F32 => f32, F64 => f64)
}

#[test]
fn python_files_read_back_bit_for_bit() {
    let path = fixture("all_dtypes.safetensors");
    let bytes = std::fs::read(&path).unwrap();
    let parsed = Safetensors::parse(&bytes).unwrap();
    let expected = expected();
    let mut names = safetensors::names(&path).unwrap();
    assert_eq!(names, parsed.names());
    names.sort();
    let mut wanted: Vec<String> = expected.iter().map(|e| e.0.clone()).collect();
    wanted.sort();
    assert_eq!(names, wanted);
    for (name, dtype, shape, bits) in &expected {
        assert_eq!(
            safetensors::header(&path, name).unwrap(),
            (*dtype, shape.clone()),
            "{name}"
        );
        assert_eq!(&read_hex(&path, &parsed, name, *dtype), bits, "{name}");
    }
    assert_eq!(parsed.metadata("format"), Some("np"));
    assert_eq!(
        parsed.metadata("source"),
        Some("gen_safetensors_fixtures.py")
    );
    assert_eq!(parsed.metadata("missing"), None);
}

#[test]
fn names_are_in_the_files_data_order() {
    let bytes = std::fs::read(fixture("all_dtypes.safetensors")).unwrap();
    let len = u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
    let header: serde_json::Value = serde_json::from_slice(&bytes[8..8 + len]).unwrap();
    let mut by_offset: Vec<(u64, String)> = header
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, _)| *name != "__metadata__")
        .map(|(name, info)| (info["data_offsets"][0].as_u64().unwrap(), name.clone()))
        .collect();
    by_offset.sort();
    let in_order: Vec<String> = by_offset.into_iter().map(|(_, name)| name).collect();
    assert_eq!(Safetensors::parse(&bytes).unwrap().names(), in_order);
}

#[test]
fn conversions_follow_the_one_rule() {
    let path = fixture("all_dtypes.safetensors");
    // Lossless widening reads; a narrowing needs a mode or try_read.
    let wide = safetensors::read::<i32>(&path, "i16").unwrap();
    assert_eq!(
        wide.iter().copied().collect::<Vec<_>>(),
        [-32768, 32767, 0, 1, 10922, 7]
    );
    let error = safetensors::read::<u8>(&path, "i16").unwrap_err();
    assert_eq!(
        error.to_string(),
        "tensor `i16` holds i16, which does not convert to u8 without loss; read it as i16, or use \
         read_with (a cast mode) or try_read (value-exact)"
    );
    let clamped = safetensors::read_with::<u8>(&path, "i16", CastMode::Saturate).unwrap();
    assert_eq!(
        clamped.iter().copied().collect::<Vec<_>>(),
        [0, 255, 0, 1, 255, 7]
    );
    let error = safetensors::try_read::<u8>(&path, "i16").unwrap_err();
    assert_eq!(
        error.to_string(),
        "element 0: -32768 is not exactly representable as u8"
    );
    assert!(matches!(error, SafetensorsError::Inexact(_)));
    let halves = safetensors::read::<f32>(&path, "bf16").unwrap();
    assert!(halves[[0, 0]].is_nan());
    assert_eq!(halves[[2, 0]], bf16::MAX.to_f32());
}

#[test]
fn written_files_read_back_and_python_loads_them() {
    let source = fixture("all_dtypes.safetensors");
    let bytes = std::fs::read(&source).unwrap();
    let parsed = Safetensors::parse(&bytes).unwrap();
    let mut writer = Writer::new();
    macro_rules! copy {
        ($name:expr, $dtype:expr, $($d:ident => $t:ty),*) => {
            match $dtype {
                $(DType::$d => { writer.add($name, &parsed.read::<$t>($name).unwrap()).unwrap(); })*
            }
        };
    }
    for (name, dtype, _, _) in expected() {
        copy!(&name, dtype, Bool => bool, U8 => u8, I8 => i8, U16 => u16, I16 => i16, U32 => u32,
              I32 => i32, U64 => u64, I64 => i64, F16 => f16, BF16 => bf16, F32 => f32, F64 => f64);
    }
    writer
        .metadata("format", "np")
        .metadata("written by", "tensorize \"rust\"");
    let written = temp("written.safetensors");
    writer.write(&written).unwrap();
    let reparsed_bytes = std::fs::read(&written).unwrap();
    let reparsed = Safetensors::parse(&reparsed_bytes).unwrap();
    for (name, dtype, shape, bits) in expected() {
        assert_eq!(reparsed.header(&name).unwrap(), (dtype, shape), "{name}");
        assert_eq!(read_hex(&written, &reparsed, &name, dtype), bits, "{name}");
    }
    assert_eq!(reparsed.metadata("written by"), Some("tensorize \"rust\""));
    assert!(matches!(
        writer.add("u8", &ndarray::array![1u8]).err(),
        Some(SafetensorsError::DuplicateName(_))
    ));

    // Python's safetensors, where it is installed, loads the same names, dtypes, shapes, values.
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen_safetensors_fixtures.py");
    let python = std::process::Command::new("python3")
        .arg(&script)
        .arg(&written)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output();
    match python {
        Ok(output) if output.status.success() => {
            let printed = String::from_utf8(output.stdout).unwrap();
            let mut lines: Vec<&str> = printed.lines().collect();
            lines.sort_unstable();
            let mut wanted: Vec<String> = EXPECTED
                .lines()
                .filter(|l| !l.starts_with('#'))
                .map(str::to_owned)
                .collect();
            wanted.push("metadata\tformat\tnp".to_owned());
            wanted.push("metadata\twritten by\ttensorize \"rust\"".to_owned());
            wanted.sort_unstable();
            assert_eq!(lines, wanted);
        }
        _ => eprintln!(
            "python3 with numpy, safetensors and ml_dtypes is not here: skipped loading in Python"
        ),
    }
}

#[test]
fn views_lend_in_place_or_say_why_not() {
    let bytes = std::fs::read(fixture("all_dtypes.safetensors")).unwrap();
    // An 8-aligned copy, as a memory map is.
    let mut buffer = vec![0u8; bytes.len() + 16];
    let start = buffer.as_ptr().align_offset(8);
    let aligned = &mut buffer[start..start + bytes.len()];
    aligned.copy_from_slice(&bytes);
    let parsed = Safetensors::parse(aligned).unwrap();
    let view = parsed.view::<f64>("f64").unwrap();
    assert_eq!(view.shape(), &[2, 3]);
    assert_eq!(view[[1, 1]], f64::MAX);
    assert!(parsed.view::<bool>("bool").unwrap()[[0, 2]]);
    let refusal = |error: SafetensorsError| match error {
        SafetensorsError::NotViewable(why) => why,
        other => panic!("{other}"),
    };
    let error = parsed.view::<f32>("f64").unwrap_err();
    assert!(
        error.to_string().contains("read (or read_with) copies"),
        "{error}"
    );
    assert_eq!(
        refusal(error),
        NotViewable::Dtype {
            file: DType::F64,
            requested: DType::F32
        }
    );
    let mut shifted = vec![0u8; bytes.len() + 1];
    let offset = if (shifted.as_ptr() as usize + 1) % 8 == 0 {
        2
    } else {
        1
    };
    shifted.resize(bytes.len() + offset, 0);
    shifted[offset..].copy_from_slice(&bytes);
    let moved = Safetensors::parse(&shifted[offset..]).unwrap();
    assert_eq!(
        refusal(moved.view::<f64>("f64").unwrap_err()),
        NotViewable::Alignment { align: 8 }
    );
    assert_eq!(moved.read::<f64>("f64").unwrap()[[1, 1]], f64::MAX);
}

#[test]
fn unsupported_dtypes_and_missing_names_are_errors_that_say_so() {
    let path = fixture("float8.safetensors");
    assert_eq!(safetensors::names(&path).unwrap().len(), 2);
    let error = safetensors::header(&path, "weights").unwrap_err();
    assert_eq!(
        error.to_string(),
        "tensor `weights` has dtype F8_E4M3, which tensorize does not read (it reads BOOL, U8, I8, \
         U16, I16, U32, I32, U64, I64, F16, BF16, F32 and F64)"
    );
    assert!(safetensors::read::<f32>(&path, "weights").is_err());
    assert_eq!(safetensors::read::<f32>(&path, "scale").unwrap().len(), 2);
    let error = safetensors::read::<f32>(fixture("all_dtypes.safetensors"), "f61").unwrap_err();
    let SafetensorsError::MissingTensor { names, .. } = &error else {
        panic!("{error}");
    };
    assert_eq!(names[0], "f64", "the closest first");
    assert_eq!(names.len(), 15);
    assert!(error
        .to_string()
        .starts_with("no tensor `f61` in the file; it has `f64`, "));
}

/// A file with the given JSON header and `data` bytes.
fn file(json: &str, data: &[u8]) -> Vec<u8> {
    let mut bytes = (json.len() as u64).to_le_bytes().to_vec();
    bytes.extend_from_slice(json.as_bytes());
    bytes.extend_from_slice(data);
    bytes
}

#[test]
fn malformed_files_are_errors_not_panics() {
    let ok = file(
        r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
        &[0; 8],
    );
    assert!(Safetensors::parse(&ok).is_ok());
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (vec![1, 2, 3], "shorter than the 8 bytes"),
        (
            b"\xff\xff\xff\xff\xff\xff\xff\x7f{}".to_vec(),
            "the header claims 9223372036854775807 bytes",
        ),
        (file("{not json", &[]), "malformed safetensors header"),
        (
            file(
                r#"{"a":{"dtype":"F32","shape":[3],"data_offsets":[0,8]}}"#,
                &[0; 8],
            ),
            "malformed safetensors header",
        ),
        (
            file(
                r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}}"#,
                &[0; 12],
            ),
            "malformed safetensors header",
        ),
        (
            file(
                r#"{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}"#,
                &[0; 4],
            ),
            "the header describes 8 bytes of data, but the file has 4",
        ),
        (
            file(
                r#"{"a":{"dtype":"U8","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,1]}}"#,
                &[0],
            ),
            "malformed safetensors header",
        ),
    ];
    for (bytes, message) in cases {
        let error = Safetensors::parse(&bytes).unwrap_err();
        assert!(error.to_string().contains(message), "{error} / {message}");
        let path = temp("malformed.safetensors");
        std::fs::write(&path, &bytes).unwrap();
        let error = safetensors::names(&path).unwrap_err();
        assert!(error.to_string().contains(message), "{error} / {message}");
    }
}
