//! Turn data into tensors with the checks moved to compile time: dtypes, shapes and every
//! conversion are checked by the compiler, and tensors can live in `const` and `static` items.
//!
//! # Example
//!
//! ```
//! use tensorize::{CastMode, DType, Tensor};
//!
//! static M: Tensor<[[i32; 3]; 2]> = Tensor::new([[1, 2, 3], [4, 5, 6]]);
//! assert_eq!(M.shape(), &[2, 3]);
//!
//! let floats = M.try_cast::<f32>().unwrap(); // value-exact: these i32 are all f32
//! assert_eq!(floats.dtype(), DType::F32);
//!
//! let rounded = Tensor::new([2.7f64, -2.5, f64::NAN]).cast_with::<i32>(CastMode::Round);
//! assert_eq!(rounded.into_inner(), [3, -2, 0]);
//! ```
//!
//! # Details
//!
//! - Without a [`CastMode`], every conversion is exact: [`LosslessFrom`] decides per dtype pair
//!   where only types are known, [`try_cast_into`] and `try_cast` per value at run time.
//! - [`DType::can_cast_lossless`] agrees with numpy's `can_cast(…, "safe")` except that
//!   `i64`/`u64` → `f64` are not lossless (they round above 2^53).
//! - Features: `std` (default, implies `alloc`), `alloc`, `ndarray` (default: [`CastArray`],
//!   [`Tensor::view`]), `npy` (default). With `default-features = false` the crate is `no_std`
//!   and needs no allocator.
#![no_std]
#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]

pub use tensorize_macros::tensor;
pub use tensorize_runtime::*;

/// The README's example, compiled and run as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
