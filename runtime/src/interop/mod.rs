//! Interop with other array types.

#[cfg(feature = "ndarray")]
pub(crate) mod ndarray;
