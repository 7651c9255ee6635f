//! Conversions between dtypes: the scalar reference (`scalar`), the lossless pairs
//! (`lossless`), and the slice conversions built on them (`slice`).

mod arch;
pub(crate) mod error;
pub(crate) mod float;
pub(crate) mod half;
mod kernel;
pub(crate) mod lossless;
pub(crate) mod mode;
pub(crate) mod scalar;
pub(crate) mod slice;
