//! Implementation detail of the `tensorize` crate.
//!
//! The procedural macros (`tensor!`, `include_npy!`, `#[derive(IntoTensor, FromTensor)]`) live
//! here; their documentation is on the re-exports in `tensorize`.

// The macro crate shares the dtype rules with run time through the runtime crate.
use tensorize_runtime as _;
