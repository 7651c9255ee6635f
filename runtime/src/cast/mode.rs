//! The three named modes of inexact conversion.

/// How an inexact conversion rounds, overflows and wraps.
///
/// Without a mode, tensorize converts only exactly (see [`LosslessFrom`](crate::LosslessFrom)
/// and [`try_cast_into`](crate::try_cast_into)). Naming a mode allows loss:
///
/// | mode | float → int | int → int (narrowing, or signed ↔ unsigned) | float → float, int → float (inexact) |
/// |---|---|---|---|
/// | [`As`](CastMode::As) (= Rust `as`) | toward zero, saturating, NaN → 0 | two's-complement wrap | nearest-even, overflow → ±inf |
/// | [`Saturate`](CastMode::Saturate) | toward zero, saturating, NaN → 0 | clamp to the target's range | nearest-even, overflow → ±max finite |
/// | [`Round`](CastMode::Round) | nearest, ties to even, saturating, NaN → 0 | clamp to the target's range | nearest-even, overflow → ±max finite |
///
/// In every mode a NaN stays a NaN with its sign (quieted), ±inf and ±0 are kept, any → bool
/// is `x != 0` (so NaN → true) and bool → number is 0 or 1.
///
/// ```
/// use tensorize_runtime::{cast_into_with, CastMode};
///
/// let src = [2.7f64, -2.5, f64::NAN, 1e10];
/// let mut dst = [0i32; 4];
/// cast_into_with(&src, &mut dst, CastMode::As);
/// assert_eq!(dst, [2, -2, 0, i32::MAX]);
/// cast_into_with(&src, &mut dst, CastMode::Round);
/// assert_eq!(dst, [3, -2, 0, i32::MAX]); // ties to even: -2.5 → -2
///
/// let mut bytes = [0u8; 2];
/// cast_into_with(&[300i32, -1], &mut bytes, CastMode::As);
/// assert_eq!(bytes, [44, 255]); // wraps
/// cast_into_with(&[300i32, -1], &mut bytes, CastMode::Saturate);
/// assert_eq!(bytes, [255, 0]); // clamps
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CastMode {
    /// Rust's `as`: truncate toward zero, wrap integers, overflow floats to infinity.
    As,
    /// Like `As`, but integers clamp and floats overflow to the largest finite value.
    Saturate,
    /// Like `Saturate`, but float → int rounds to nearest, ties to even.
    Round,
}

impl CastMode {
    /// All three modes.
    ///
    /// ```
    /// assert_eq!(tensorize_runtime::CastMode::ALL.len(), 3);
    /// ```
    pub const ALL: [CastMode; 3] = [CastMode::As, CastMode::Saturate, CastMode::Round];

    /// The name used in macros: `as`, `saturate` or `round`.
    ///
    /// ```
    /// assert_eq!(tensorize_runtime::CastMode::Round.name(), "round");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            CastMode::As => "as",
            CastMode::Saturate => "saturate",
            CastMode::Round => "round",
        }
    }

    /// The mode a macro name (`as`, `saturate`, `round`) stands for.
    ///
    /// ```
    /// use tensorize_runtime::CastMode;
    /// assert_eq!(CastMode::from_name("saturate"), Some(CastMode::Saturate));
    /// assert_eq!(CastMode::from_name("floor"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<CastMode> {
        CastMode::ALL.into_iter().find(|mode| mode.name() == name)
    }
}

impl core::fmt::Display for CastMode {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.pad(self.name())
    }
}
