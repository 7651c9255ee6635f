//! Interop with other array types.

#[cfg(any(feature = "candle", feature = "burn"))]
pub(crate) mod frameworks;
#[cfg(feature = "ndarray")]
pub(crate) mod ndarray;
