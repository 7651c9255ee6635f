//! trybuild UI tests: every documented compile error, with its message and span pinned.
//!
//! The suite has `pass` cases, so trybuild builds (not just checks) every case and
//! post-monomorphization errors such as `reshape`'s are seen. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test --test compiletest` on the pinned toolchain and review the diff.
//!
//! Two things make the suite pass for every user, not only on the machine that wrote it:
//!
//! - **Fixtures.** trybuild compiles the cases as a crate of its own under
//!   `$CARGO_TARGET_DIR/tests/trybuild/tensorize/`, so `include_npy!` resolves paths against
//!   that folder. Before the cases run, `tests/fixtures` is linked into it (copied where
//!   symlinks are not available), and the cases name fixtures as a user's crate would:
//!   `include_npy!("tests/fixtures/npy/f4_v3.npy")`. The macro prints canonical paths, so the
//!   messages read `$DIR/tests/fixtures/…` wherever the target directory is.
//! - **Toolchain.** The `.stderr` files hold rustc's own wording, which changes between
//!   releases. They are compared on [`PINNED_RUSTC`] only; on any other rustc every case must
//!   still fail to compile (and every `pass` case build), but the messages are not compared.

// Pinned to the default features: rustc shortens paths in diagnostics only when a name is
// unambiguous (`cast_into` vs `tensorize::cast_into` once `CastArray::cast_into` exists), so the
// expected output depends on which items the features compile in.
#![cfg(all(feature = "std", feature = "ndarray", feature = "npy"))]

use std::path::{Path, PathBuf};
use std::process::Command;

/// The rustc the `.stderr` files were written with (`rustc --version` starts with this).
const PINNED_RUSTC: &str = "rustc 1.95.0 (";

/// The case folders, all `compile_fail` but `pass`.
const COMPILE_FAIL: [&str; 5] = ["cast", "tensor", "tensor-macro", "derive", "include-npy"];

#[cfg_attr(miri, ignore)]
#[test]
fn ui() {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let trybuild_dir = target_dir().join("tests").join("trybuild");
    link_fixtures(manifest_dir, &trybuild_dir.join(env!("CARGO_PKG_NAME")));

    let version = rustc_version();
    let cases = if version.starts_with(PINNED_RUSTC) {
        PathBuf::from("tests/ui")
    } else {
        eprintln!(
            "{version} is not the pinned `{PINNED_RUSTC}…`: every case must fail to compile, \
             but rustc's messages are not compared"
        );
        let copy = trybuild_dir.join("ui-unpinned");
        copy_cases(&manifest_dir.join("tests").join("ui"), &copy);
        // With no `.stderr` beside a case, `overwrite` accepts whatever rustc prints (into the
        // copy), but a case that compiles still fails the test.
        std::env::set_var("TRYBUILD", "overwrite");
        copy
    };

    let t = trybuild::TestCases::new();
    // candle and burn each export a `Tensor` of their own, and with either compiled in rustc
    // prints `tensorize::Tensor` where it printed `Tensor`: the other cases' messages depend on
    // it. So their cases run on their own, with those features (`.ci/run` does both runs).
    if cfg!(any(feature = "candle", feature = "burn")) {
        if cfg!(feature = "candle") {
            t.pass(cases.join("candle-pass").join("*.rs"));
            t.compile_fail(cases.join("candle").join("*.rs"));
        }
        if cfg!(feature = "burn") {
            // A pass case makes trybuild build, not check: burn's rank errors need that.
            t.pass(cases.join("burn-pass").join("*.rs"));
            t.compile_fail(cases.join("burn").join("*.rs"));
        }
        return;
    }
    t.pass(cases.join("pass").join("*.rs"));
    // The weights files' macros' cases, when their features are on (`.ci/run` turns them on);
    // the other cases ran without the features (and their messages do not depend on them).
    if cfg!(any(
        feature = "include-safetensors",
        feature = "include-npz"
    )) {
        if cfg!(feature = "include-safetensors") {
            t.compile_fail(cases.join("include-safetensors").join("*.rs"));
        }
        if cfg!(feature = "include-npz") {
            t.compile_fail(cases.join("include-npz").join("*.rs"));
        }
        return;
    }
    for folder in COMPILE_FAIL {
        t.compile_fail(cases.join(folder).join("*.rs"));
    }
}

/// The target directory cargo builds into (trybuild asks `cargo metadata` the same way).
fn target_dir() -> PathBuf {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version=1", "--no-deps"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata: {output:?}");
    let metadata: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("cargo metadata prints JSON");
    PathBuf::from(
        metadata["target_directory"]
            .as_str()
            .expect("cargo metadata names the target directory"),
    )
}

fn rustc_version() -> String {
    let rustc = std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let output = Command::new(rustc)
        .arg("--version")
        .output()
        .expect("rustc --version runs");
    String::from_utf8_lossy(&output.stdout).trim().to_owned()
}

/// Makes `<project>/tests/fixtures` the repository's `tests/fixtures`.
fn link_fixtures(manifest_dir: &Path, project: &Path) {
    let source = manifest_dir.join("tests").join("fixtures");
    let link = project.join("tests").join("fixtures");
    std::fs::create_dir_all(link.parent().unwrap()).unwrap();
    if std::fs::read_link(&link).is_ok_and(|target| target == source) {
        return;
    }
    // A link to another checkout sharing this target directory, or an old copy.
    let _ = std::fs::remove_file(&link);
    let _ = std::fs::remove_dir_all(&link);
    #[cfg(unix)]
    std::os::unix::fs::symlink(&source, &link).expect("symlink the fixtures");
    #[cfg(not(unix))]
    copy_tree(&source, &link, |_| true);
}

/// The cases without their `.stderr` files.
fn copy_cases(source: &Path, destination: &Path) {
    let _ = std::fs::remove_dir_all(destination);
    copy_tree(source, destination, |path| {
        path.extension().is_some_and(|extension| extension == "rs")
    });
}

fn copy_tree(source: &Path, destination: &Path, keep: impl Fn(&Path) -> bool + Copy) {
    std::fs::create_dir_all(destination).unwrap();
    for entry in std::fs::read_dir(source).unwrap() {
        let path = entry.unwrap().path();
        let target = destination.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_tree(&path, &target, keep);
        } else if keep(&path) {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}
