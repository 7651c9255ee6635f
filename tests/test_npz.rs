//! `.npz` archives (API §9): numpy's `savez` and `savez_compressed` read back bit for bit;
//! archives tensorize writes, stored and deflated, read back and (when Python is there) load in
//! numpy; names in archive order; missing members; damaged archives.

use std::path::{Path, PathBuf};

use ndarray::ArrayD;
use tensorize::npy::npz::{self, NpzWriter};
use tensorize::npy::{self, NpyError};
use tensorize::{bf16, f16, CastMode};

const EXPECTED: &str = include_str!("fixtures/npz/expected.tsv");
const MEMBERS: [&str; 7] = [
    "weights",
    "bias",
    "ids",
    "mask",
    "fortran",
    "scalar",
    "half_brain",
];

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/npz")
        .join(name)
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tensorize-test-npz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// The expected line of a member.
fn expected(name: &str) -> &'static str {
    EXPECTED
        .lines()
        .find(|line| line.split('\t').next() == Some(name))
        .unwrap()
}

/// A member read as its own dtype, as the script prints it: name, numpy's dtype, shape, bits.
fn printed(path: &Path, name: &str) -> String {
    fn line<T: Copy>(
        name: &str,
        dtype: &str,
        array: &ArrayD<T>,
        bits: impl Fn(T) -> String,
    ) -> String {
        let shape: Vec<String> = array.shape().iter().map(ToString::to_string).collect();
        // C order, whatever the member's layout.
        let values: Vec<String> = array.iter().map(|&x| bits(x)).collect();
        format!("{name}\t{dtype}\t{}\t{}", shape.join("x"), values.join(","))
    }
    match name {
        "weights" => line(
            name,
            "float32",
            &npz::read::<f32>(path, name).unwrap(),
            |x| format!("{:x}", x.to_bits()),
        ),
        "bias" => line(
            name,
            "float16",
            &npz::read::<f16>(path, name).unwrap(),
            |x| format!("{:x}", x.to_bits()),
        ),
        "ids" => line(name, "int64", &npz::read::<i64>(path, name).unwrap(), |x| {
            format!("{x:x}")
        }),
        "mask" => line(name, "bool", &npz::read::<bool>(path, name).unwrap(), |x| {
            u8::from(x).to_string()
        }),
        "fortran" => line(
            name,
            "uint16",
            &npz::read::<u16>(path, name).unwrap(),
            |x| format!("{x:x}"),
        ),
        "scalar" => line(name, "int8", &npz::read::<i8>(path, name).unwrap(), |x| {
            format!("{:x}", x as u8)
        }),
        "half_brain" => line(
            name,
            "bfloat16",
            &npz::read::<bf16>(path, name).unwrap(),
            |x| format!("{:x}", x.to_bits()),
        ),
        other => panic!("{other}"),
    }
}

#[test]
fn numpy_archives_stored_and_compressed_read_back_bit_for_bit() {
    for archive in ["stored.npz", "compressed.npz"] {
        let path = fixture(archive);
        assert_eq!(npz::names(&path).unwrap(), MEMBERS, "{archive}");
        for name in MEMBERS {
            assert_eq!(printed(&path, name), expected(name), "{archive} {name}");
        }
        // The dtype rule of npy::read, member by member.
        let wide = npz::read::<f64>(&path, "bias").unwrap();
        assert_eq!(wide.as_slice().unwrap(), &[0.5, -1.0]);
        assert!(matches!(
            npz::read::<u8>(&path, "ids"),
            Err(NpyError::DtypeMismatch { .. })
        ));
        let small = npz::read_with::<u8>(&path, "ids", CastMode::Saturate).unwrap();
        assert_eq!(
            small.iter().copied().collect::<Vec<_>>(),
            [0, 1, 2, 3, 4, 5]
        );
        let error = npz::try_read::<i32>(&path, "weights").unwrap_err();
        assert_eq!(
            error.to_string(),
            "element 0: 1.5 is not exactly representable as i32"
        );
        assert!(matches!(
            npz::read::<f32>(&path, "half_brain"),
            Err(NpyError::Bf16Only { .. })
        ));
    }
}

#[test]
fn written_archives_read_back_and_numpy_loads_them() {
    let mut sizes = Vec::new();
    for compressed in [false, true] {
        let path = temp(&format!("written-{compressed}.npz"));
        let source = fixture("stored.npz");
        let mut archive = NpzWriter::create(&path).unwrap().compressed(compressed);
        archive
            .add("weights", &npz::read::<f32>(&source, "weights").unwrap())
            .unwrap();
        archive
            .add("bias", &npz::read::<f16>(&source, "bias").unwrap())
            .unwrap();
        archive
            .add("ids", &npz::read::<i64>(&source, "ids").unwrap())
            .unwrap();
        archive
            .add("mask", &npz::read::<bool>(&source, "mask").unwrap())
            .unwrap();
        archive
            .add("fortran", &npz::read::<u16>(&source, "fortran").unwrap())
            .unwrap();
        archive
            .add("scalar", &npz::read::<i8>(&source, "scalar").unwrap())
            .unwrap();
        archive
            .add(
                "half_brain",
                &npz::read::<bf16>(&source, "half_brain").unwrap(),
            )
            .unwrap();
        archive.finish().unwrap();
        assert_eq!(npz::names(&path).unwrap(), MEMBERS);
        for name in MEMBERS {
            assert_eq!(
                printed(&path, name),
                expected(name),
                "compressed {compressed}: {name}"
            );
        }
        sizes.push(std::fs::metadata(&path).unwrap().len());

        let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/gen_npz_fixtures.py");
        match std::process::Command::new("python3")
            .arg(&script)
            .arg(&path)
            .output()
        {
            Ok(output) if output.status.success() => {
                let printed = String::from_utf8(output.stdout).unwrap();
                let mut lines = printed.lines();
                assert_eq!(
                    lines.next(),
                    Some(format!("files\t{}", MEMBERS.join(",")).as_str())
                );
                for (line, name) in lines.zip(MEMBERS) {
                    assert_eq!(line, expected(name), "numpy reads {name}");
                }
            }
            _ => {
                eprintln!("python3 with numpy and ml_dtypes is not here: skipped loading in numpy");
            }
        }
    }
    assert!(
        sizes[1] < sizes[0],
        "deflated members are smaller: {sizes:?}"
    );
}

#[test]
fn missing_members_and_damaged_archives_are_errors_that_say_so() {
    let error = npz::read::<f32>(fixture("stored.npz"), "wieghts").unwrap_err();
    assert_eq!(
        error.to_string(),
        "no member `wieghts` in the archive; it has `weights`, `bias`, `ids`, `mask`, `fortran`, \
         `scalar`, `half_brain`"
    );
    let path = temp("damaged.npz");
    std::fs::write(&path, b"PK\x03\x04 not really a zip").unwrap();
    let error = npz::names(&path).unwrap_err();
    assert!(
        error.to_string().starts_with("damaged .npz archive: "),
        "{error}"
    );
    // A plain .npy file is not an archive either.
    let npy_path = temp("plain.npy");
    npy::write(&npy_path, &ndarray::array![1u8]).unwrap();
    assert!(matches!(npz::names(&npy_path), Err(NpyError::Archive(_))));
}
