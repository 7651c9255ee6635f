//! trybuild UI tests: every documented compile error, with its message and span pinned.
//!
//! The suite has `pass` cases, so trybuild builds (not just checks) every case and
//! post-monomorphization errors such as `reshape`'s are seen. Regenerate the `.stderr` files with
//! `TRYBUILD=overwrite cargo test --test compiletest` and review the diff.

// Pinned to the default features: rustc shortens paths in diagnostics only when a name is
// unambiguous (`cast_into` vs `tensorize::cast_into` once `CastArray::cast_into` exists), so the
// expected output depends on which items the features compile in.
#[cfg(all(feature = "std", feature = "ndarray", feature = "npy"))]
#[cfg_attr(miri, ignore)]
#[test]
fn ui() {
    let t = trybuild::TestCases::new();
    t.pass("tests/ui/pass/*.rs");
    t.compile_fail("tests/ui/cast/*.rs");
    t.compile_fail("tests/ui/tensor/*.rs");
    t.compile_fail("tests/ui/tensor-macro/*.rs");
    t.compile_fail("tests/ui/derive/*.rs");
    t.compile_fail("tests/ui/include-npy/*.rs");
}
