//! Editing an embedded file makes cargo rebuild: a crate of its own (in cargo's temporary
//! folder for tests) embeds one array from each format with `include_npy!`,
//! `include_safetensors!` and `include_npz!`, is built and run, has its files rewritten with new
//! values, and is built and run again, with nothing else changed.

use std::path::{Path, PathBuf};
use std::process::Command;

use tensorize::npy::{self, npz::NpzWriter};
use tensorize::safetensors::Writer;

const MAIN: &str = r#"
use tensorize::{include_npy, include_npz, include_safetensors, Tensor};

static A: Tensor<[f32; 2]> = include_npy!("weights/a.npy");
static B: Tensor<[f32; 2]> = include_safetensors!("weights/model.safetensors", "b");
static C: Tensor<[f32; 2]> = include_npz!("weights/archive.npz", "c");
static D: Tensor<[f64; 2]> = include_npz!("weights/archive.npz", "c"; dtype = f64);

fn main() {
    println!("{} {} {} {}", A[1], B[1], C[1], D[1]);
}
"#;

/// Writes the three files with `value` as each array's second element.
fn write_weights(folder: &Path, value: f32) {
    let array = ndarray::array![0.5f32, value];
    npy::write(folder.join("a.npy"), &array).unwrap();
    let doubled = array.mapv(|v| v * 2.0);
    Writer::new()
        .add("b", &doubled)
        .unwrap()
        .write(folder.join("model.safetensors"))
        .unwrap();
    let mut archive = NpzWriter::create(folder.join("archive.npz")).unwrap();
    archive.add("c", &array.mapv(|v| v * 3.0)).unwrap();
    archive.finish().unwrap();
}

fn run(project: &Path, target: &Path) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["run", "--quiet", "--offline"])
        .current_dir(project)
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "cargo run failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

#[cfg_attr(miri, ignore)]
#[test]
fn editing_an_embedded_file_rebuilds_with_the_new_values() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scratch = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("include-rebuild");
    let project = scratch.join("project");
    std::fs::create_dir_all(project.join("src")).unwrap();
    std::fs::create_dir_all(project.join("weights")).unwrap();
    std::fs::write(
        project.join("Cargo.toml"),
        format!(
            "[package]\nname = \"include-rebuild\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
             publish = false\n\n[dependencies]\ntensorize = {{ path = {:?}, default-features = \
             false, features = [\"include-safetensors\", \"include-npz\"] }}\n\n[workspace]\n",
            root.display().to_string()
        ),
    )
    .unwrap();
    // The workspace's lock file: the same versions this build already fetched (so `--offline`).
    std::fs::copy(root.join("Cargo.lock"), project.join("Cargo.lock")).unwrap();
    std::fs::write(project.join("src/main.rs"), MAIN).unwrap();
    let target = scratch.join("target");

    write_weights(&project.join("weights"), 1.0);
    assert_eq!(run(&project, &target), "1 2 3 3");
    write_weights(&project.join("weights"), 7.0);
    assert_eq!(run(&project, &target), "7 14 21 21");
}
