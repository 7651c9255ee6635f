//! The run-time half of [`tensorize`](https://docs.rs/tensorize): dtypes, conversions, the
//! static [`Tensor`], and ndarray interop.
//!
//! Users depend on `tensorize`, which re-exports everything here together with the macros.
//!
//! # Example
//!
//! ```
//! use tensorize_runtime::{CastMode, DType, Tensor};
//!
//! static M: Tensor<[[i32; 3]; 2]> = Tensor::new([[1, 2, 3], [4, 5, 6]]);
//!
//! let exact = M.try_cast::<f32>().unwrap(); // every i32 here is an exact f32
//! assert_eq!(exact.dtype(), DType::F32);
//! let halves = Tensor::new([2.7f64, -2.5]).cast_with::<i32>(CastMode::Round);
//! assert_eq!(halves.into_inner(), [3, -2]);
//! ```
//!
//! # Details
//!
//! - `#![no_std]`; `alloc`, `std`, `ndarray` and `npy` are features.
//! - Without a [`CastMode`], a conversion is exact: checked per dtype pair where only types are
//!   known ([`LosslessFrom`]) and per value where values are ([`try_cast_into`]).
#![no_std]
#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]
#![cfg_attr(docsrs, feature(doc_cfg))]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(any(feature = "std", test))]
extern crate std;

#[cfg(feature = "ndarray")]
mod buffer;
#[cfg(feature = "burn")]
#[path = "interop/burn/mod.rs"]
pub mod burn;
#[cfg(feature = "candle")]
#[path = "interop/candle/mod.rs"]
pub mod candle;
mod cast;
mod dtype;
mod element;
mod interop;
/// The test binary's allocator counts each fuzzing thread's allocations, for the readers'
/// fuzzers' allocation bound.
#[cfg(test)]
#[global_allocator]
static ALLOCATOR: tensorize_fuzzing::CountingAllocator = tensorize_fuzzing::CountingAllocator;
pub mod npy;
#[cfg(feature = "ndarray")]
mod order;
mod rows;
#[cfg(feature = "safetensors")]
pub mod safetensors;
#[cfg(any(feature = "npz", feature = "safetensors"))]
mod suggest;
mod tensor;

/// The ndarray crate tensorize is built against (0.17), so that its types can be named without
/// a second dependency to keep in step: `tensorize::ndarray::Array2<f32>`.
///
/// ```
/// use tensorize_runtime::{ndarray, CastArray};
///
/// let a: ndarray::Array2<u8> = ndarray::array![[1, 2], [3, 4]];
/// assert_eq!(a.cast::<f32>()[[1, 0]], 3.0);
/// ```
#[cfg(feature = "ndarray")]
pub use ::ndarray;
pub use half::{bf16, f16};

pub use cast::error::{CastError, CastErrorKind};
pub use cast::lossless::LosslessFrom;
pub use cast::mode::CastMode;
pub use cast::slice::{cast_into, cast_into_with, try_cast_into};
pub use dtype::{DType, ParseDTypeError};
pub use element::Element;
#[cfg(feature = "ndarray")]
pub use interop::ndarray::CastArray;
#[cfg(feature = "ndarray")]
pub use rows::batches::{batches, Batches, ShuffleBuffer};
pub use rows::names::{FeatureName, FeatureNames};
#[cfg(all(feature = "std", feature = "ndarray"))]
pub use rows::prefetch::Prefetch;
pub use rows::stack::stack_into;
#[cfg(feature = "ndarray")]
pub use rows::stack::{stack, unstack};
pub use rows::{FromTensor, IntoTensor};
pub use tensor::shape::{Shape, MAX_RANK};
pub use tensor::Tensor;

#[doc(hidden)]
#[path = "private.rs"]
pub mod __private;
