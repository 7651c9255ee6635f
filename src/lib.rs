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
//!   [`Tensor::view`], and the [`ndarray`] crate re-exported), `npy` (default: `.npy` files,
//!   also streamed in batches larger than memory), `npz` (`npy::npz` archives, and
//!   `include_npz!`), `safetensors` (the `safetensors` module, and `include_safetensors!`),
//!   `include-npz` and `include-safetensors` (the macros alone), `candle` (the `candle` module)
//!   and `burn` (the `burn` module; `burn-flex` adds burn's CPU backend). With
//!   `default-features = false` the crate is `no_std` and needs no allocator.
#![no_std]
#![warn(missing_docs)]
#![doc(test(attr(deny(warnings))))]

/// A tensor literal whose shape, dtype and every value are checked when the code compiles.
///
/// ```
/// use tensorize::{tensor, Tensor};
///
/// let m = tensor![[1, 2, 3], [4, 5, 6]];            // Tensor<[[i32; 3]; 2]>
/// let f = tensor![[1.0, 2.5], [3, 4]];              // Tensor<[[f32; 2]; 2]>: a float makes it f32
/// let b = tensor![1u8, 2, 3];                       // Tensor<[u8; 3]>: a suffix sets the dtype
/// let h = tensor![[1, 2], [3, 4]; dtype = f16];     // f16 bits computed at compile time
/// let r = tensor![[1.7, -2.5]; dtype = i32, cast = round];
/// assert_eq!(r.into_inner(), [[2, -2]]);            // ties to even
///
/// // No run-time code: usable in `const` and `static`.
/// static W: Tensor<[[f32; 3]; 2]> = tensor![[1, 2, 3], [4, 5, 6]; dtype = f32];
/// # let _ = (m, f, b, h, W);
/// ```
///
/// # Rules
///
/// - **Shape**: rows nest with `[…]`; every row has as many elements as the first one at its
///   depth. `tensor![5]` has shape `[1]` (rank 1), up to rank [`MAX_RANK`].
///   `tensor![; dtype = f32]` is empty (`Tensor<[f32; 0]>`); `tensor![[], []; dtype = u8]` is
///   `Tensor<[[u8; 0]; 2]>`.
/// - **Dtype**, decided from the tokens alone (like `tf.convert_to_tensor`): `dtype = …` if
///   given, else a literal's suffix (`1u8`, `2.5f64`; also `f16`/`bf16`), else `bool` for
///   `true`/`false`, `f32` if any literal is a float, `i32` for integers. The macro cannot see a
///   type annotation, so `let t: Tensor<[f32; 2]> = tensor![1, 2];` is a type mismatch: write
///   `tensor![1, 2; dtype = f32]`.
/// - **Values** follow the crate's one rule: without `cast`, every value must convert exactly
///   (`2.0` into `i32` is fine, `1.5` is not; `300` into `u8` and `16_777_217` into `f32` are
///   errors). A float literal into a float dtype is rounded once, to nearest even, straight from
///   its decimal digits (as rustc does for `0.1f32`): an error only if it overflows or a
///   non-zero value becomes zero. `cast = as | saturate | round` allows loss by
///   [`CastMode`]'s rules: `70000.0` with `dtype = f16, cast = saturate` is 65504.
/// - **Expressions** may stand for elements. Without `dtype`, rustc infers their one type
///   (and literals among them decide it); with `dtype`, each converts through
///   [`LosslessFrom`] (or the named `cast` mode), which cannot happen in a `const`.
/// - **Options** after `;`: `dtype = bool|u8|…|f16|bf16|f32|f64`, `cast = as|saturate|round`,
///   `crate = path` (for a renamed or re-exported `tensorize`).
///
/// Every mistake is a compile error on the offending token, all of them at once:
///
/// ```compile_fail
/// let ragged = tensorize::tensor![[1, 2, 3], [4, 5]]; // expected 3 elements, like the first row; found 2
/// ```
///
/// ```compile_fail
/// let big = tensorize::tensor![1, 300; dtype = u8]; // `300` is out of range for u8 (0..=255)
/// ```
///
/// ```compile_fail
/// let frac = tensorize::tensor![1.5, 2; dtype = i32]; // `1.5` is not an integer: add `cast = round`
/// ```
///
/// ```compile_fail
/// let inf = tensorize::tensor![70000.0; dtype = f16]; // overflows f16 (largest finite: 65504.0)
/// ```
///
/// ```compile_fail
/// let mixed = tensorize::tensor![true, 0]; // a bool mixed with numbers
/// ```
///
/// ```compile_fail
/// let empty = tensorize::tensor![]; // an empty tensor needs a dtype
/// ```
///
/// # Compile cost
///
/// An all-literal tensor expands to one byte string that a `const fn` reinterprets for the
/// target's byte order, so a million-element literal costs rustc less than the same numbers
/// written as a plain array (see `scripts/bench_tensor_compile.py`).
pub use tensorize_macros::tensor;

/// A NumPy `.npy` array embedded at compile time, as a `Tensor` whose shape and dtype come from
/// the file.
///
/// ```
/// use tensorize::{include_npy, Tensor};
///
/// // A 3 × 4 array of i32 saved by numpy (one of this crate's test fixtures).
/// static W: Tensor<[[i32; 4]; 3]> = include_npy!("tests/fixtures/npy/i4_v2.npy");
/// assert_eq!(W[[2, 3]], 11);
///
/// // Converted at compile time: exact values need no mode, inexact ones do.
/// static H: Tensor<[[f32; 3]; 2]> = include_npy!("tests/fixtures/npy/f4_v3.npy"; dtype = f32);
/// static Q: Tensor<[[i8; 3]; 2]> = include_npy!("tests/fixtures/npy/f4_v3.npy"; dtype = i8, cast = round);
/// assert_eq!(Q.into_inner(), [[-1, -1, 0], [0, 1, 1]]);
/// # let _ = H;
/// ```
///
/// - The path is relative to the crate's `CARGO_MANIFEST_DIR`; editing the file makes cargo
///   rebuild.
/// - Versions 1.0, 2.0 and 3.0; dtypes `b1`, `u1`–`u8`, `i1`–`i8`, `f2`, `f4`, `f8` in either
///   byte order and `V2` as bf16; C and Fortran order (laid out row-major); 0-d and empty arrays.
/// - `dtype = …` converts under the crate's one rule: every value must convert exactly unless
///   `cast = as | saturate | round` is named; an inexact value's error names its index and
///   value.
/// - Without a value change, the file's own bytes reach the binary through `include_bytes!`
///   (decoded for the target's byte order at compile time), so a large file costs little to
///   compile.
/// - A missing file (the message names the resolved path), a file that is not `.npy`, an
///   unsupported dtype or truncated data is a compile error; so is an annotation that disagrees
///   with the file's shape or dtype.
///
/// ```compile_fail
/// static W: tensorize::Tensor<[[f32; 4]; 3]> = tensorize::include_npy!("tests/fixtures/npy/no-such-file.npy");
/// ```
pub use tensorize_macros::include_npy;

/// A tensor of a safetensors file embedded at compile time as a typed, shape-checked
/// [`Tensor`]: `include_safetensors!("model.safetensors", "fc1.weight")` (feature
/// `include-safetensors`, which `safetensors` implies).
///
/// ```
/// use tensorize::{include_safetensors, Tensor, f16};
///
/// // A file saved by Python's safetensors (one of this crate's test fixtures).
/// static IDS: Tensor<[[i32; 2]; 3]> = include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", "i32");
/// assert_eq!(IDS[[0, 1]], i32::MAX);
///
/// // Converted at compile time under the one rule: i8 → f32 is exact, f32 → f16 here is not.
/// const SMALL: Tensor<[[f32; 2]; 3]> = include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", "i8"; dtype = f32);
/// static LOW: Tensor<[f16; 6]> = include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", "f32"; dtype = f16, cast = saturate);
/// assert_eq!(SMALL[[0, 0]], -128.0);
/// assert_eq!(LOW[4], f16::MAX);
/// ```
///
/// As [`include_npy!`]: the path is relative to `CARGO_MANIFEST_DIR`, shape and dtype come from
/// the file (an annotation that disagrees is a compile error), `dtype = …` converts exactly unless
/// `cast = …` is named, it works in `static` and `const` with `default-features = false`, and
/// editing the file makes cargo rebuild.
///
/// - Dtypes `BOOL U8 I8 U16 I16 U32 I32 U64 I64 F16 BF16 F32 F64`; `F8_*`, `F4`, `F6_*`, `C64` and
///   others are a compile error naming the dtype as the file spells it.
/// - Without a value change, the tensor's bytes reach the binary in place through an
///   `include_bytes!` of the file (rustc holds a file once per crate, however many tensors come
///   from it); the macro reads the header only. With one, it reads that tensor's bytes alone.
/// - A missing file, a malformed header, a name the file lacks (the message lists its names,
///   closest first) or an unsupported dtype is a compile error spanned on the path or the name.
///
/// ```compile_fail
/// static W: tensorize::Tensor<[f32; 6]> =
///     tensorize::include_safetensors!("tests/fixtures/safetensors/all_dtypes.safetensors", "f23");
/// ```
#[cfg(feature = "include-safetensors")]
pub use tensorize_macros::include_safetensors;

/// A member of an `.npz` archive (`np.savez`, `np.savez_compressed`) embedded at compile time
/// as a typed, shape-checked [`Tensor`]: `include_npz!("weights.npz", "fc1")` (feature
/// `include-npz`, which `npz` implies).
///
/// ```
/// use tensorize::{include_npz, Tensor, f16};
///
/// // Archives saved by numpy (this crate's test fixtures): stored and deflated members.
/// static W: Tensor<[[f32; 3]; 2]> = include_npz!("tests/fixtures/npz/stored.npz", "weights");
/// static B: Tensor<[f16; 2]> = include_npz!("tests/fixtures/npz/compressed.npz", "bias");
/// static IDS: Tensor<[[u8; 2]; 3]> = include_npz!("tests/fixtures/npz/stored.npz", "ids"; dtype = u8);
/// assert_eq!(W[[0, 0]], 1.5);
/// assert_eq!(B[1], f16::from_f32(-1.0));
/// assert_eq!(IDS[[2, 1]], 5);
/// ```
///
/// The member's `.npy` file follows [`include_npy!`]'s rules (dtypes, orders, options). A stored
/// member whose values do not change reaches the binary in place through an `include_bytes!` of
/// the archive, and the macro reads only its header; a deflated member is inflated at expansion,
/// that member alone. A missing member (the message lists the archive's, closest first) or a
/// damaged archive is a compile error spanned on the name or the path.
///
/// ```compile_fail
/// static B: tensorize::Tensor<[f32; 2]> = tensorize::include_npz!("tests/fixtures/npz/stored.npz", "bais");
/// ```
#[cfg(feature = "include-npz")]
pub use tensorize_macros::include_npz;

/// Derives [`IntoTensor`](trait@IntoTensor): the struct becomes one item of a tensor.
///
/// ```
/// use tensorize::{IntoTensor, FromTensor};
///
/// #[derive(IntoTensor, FromTensor, Debug, PartialEq)]
/// #[tensor(dtype = f32)]
/// struct Observation {
///     position: [f32; 3],
///     health: u8,                              // u8 → f32 is lossless
///     #[tensor(cast = round)] distance: f64,   // f64 → f32 rounds: it needs a mode
///     #[tensor(skip)] name: String,            // not an element; read back as Default
/// }
///
/// let obs = Observation { position: [1.0, 2.0, 3.0], health: 90, distance: 0.1, name: "a".into() };
/// let mut row = [0.0f32; Observation::NUMEL];
/// obs.write_to(&mut row);
/// assert_eq!(row, [1.0, 2.0, 3.0, 90.0, 0.1]);
/// let names: Vec<String> = Observation::feature_names().map(|n| n.to_string()).collect();
/// assert_eq!(names, ["position[0]", "position[1]", "position[2]", "health", "distance"]);
///
/// let back = Observation::read_from(&row).unwrap();
/// assert_eq!(back.health, 90);
/// assert_eq!(back.name, "");
/// let err = Observation::read_from(&[0.0, 0.0, 0.0, 300.0, 0.0]).unwrap_err();
/// assert_eq!(err.to_string(), "field `health`: 300.0 is not exactly representable as u8");
/// ```
///
/// # Categories and missing values
///
/// ```
/// use tensorize::{FromTensor, IntoTensor};
///
/// #[derive(IntoTensor, FromTensor, Clone, Copy, Debug, PartialEq)]
/// #[tensor(one_hot)]                      // SHAPE [3], bool elements: Green → [0, 1, 0]
/// enum Color { Red, Green, Blue }
///
/// #[derive(IntoTensor, FromTensor, Clone, Copy, Debug, PartialEq)]
/// #[tensor(index)]                        // SHAPE [], u8: the variant's position
/// enum Weekday { Mon, Tue, Wed, Thu, Fri, Sat, Sun }
///
/// #[derive(IntoTensor, FromTensor, Debug, PartialEq)]
/// #[tensor(dtype = f32)]
/// struct Listing {
///     color: Color,
///     day: Weekday,
///     #[tensor(missing = nan)] rating: Option<f32>,  // None → NaN
///     #[tensor(missing = mask)] age: Option<u8>,     // [present, value]: None → [0, 0]
///     #[tensor(rename = "sqm")] area: f32,
/// }
///
/// let names: Vec<String> = Listing::feature_names().map(|n| n.to_string()).collect();
/// assert_eq!(names, ["color=Red", "color=Green", "color=Blue", "day", "rating", "age?", "age", "sqm"]);
///
/// let listing = Listing { color: Color::Green, day: Weekday::Fri, rating: None, age: Some(12), area: 80.0 };
/// let mut row = [0.0f32; Listing::NUMEL];
/// listing.write_to(&mut row);
/// assert_eq!(row[..4], [0.0, 1.0, 0.0, 4.0]);
/// assert!(row[4].is_nan());
/// assert_eq!(row[5..], [1.0, 12.0, 80.0]);
/// assert_eq!(Listing::read_from(&row).unwrap(), listing);
///
/// row[..3].copy_from_slice(&[1.0, 1.0, 0.0]);
/// let err = Listing::read_from(&row).unwrap_err();
/// assert_eq!(err.to_string(), "field `color`: 2 of 3 elements are 1; a one-hot row has exactly one");
/// ```
///
/// # Attributes
///
/// - `#[tensor(dtype = f32)]` on the struct: the element type. Without it, every field must
///   have the first field's element type.
/// - `#[tensor(transparent)]` on a struct with one (non-skipped) field: the item keeps that
///   field's shape (`[64, 64, 3]` for an image) instead of the flat `[NUMEL]`.
/// - `#[tensor(crate = path)]`: where `tensorize` is, for renamed or re-exported dependencies.
/// - `#[tensor(skip)]` on a field: not part of the item; `FromTensor` fills it with `Default`.
/// - `#[tensor(cast = as | saturate | round)]` on a field: allows a lossy conversion (without
///   it, a field whose elements do not convert exactly to the row's is a compile error on that
///   field).
/// - `#[tensor(one_hot)]` on a unit-only enum: one element per variant, 1 at the variant's
///   position (`bool` elements, or `dtype = …`); feature names are the variants' (`Red`), after
///   a field's name `color=Red`.
/// - `#[tensor(index)]` on a unit-only enum: one element, the variant's position (not its
///   discriminant), in the smallest unsigned type that holds the last one (`u8` up to 256
///   variants) or the integer `dtype = …` named.
/// - `#[tensor(missing = nan)]` on an `Option<T>` field (any row type `T`): `None` is NaN in every
///   one of `T`'s elements, and an all-NaN value reads back as `None` (so does `Some(NaN)`);
///   the row's dtype must be a float.
/// - `#[tensor(missing = mask)]` on an `Option<T>` field: an indicator element (named `field?`;
///   1 present, 0 absent) before `T`'s elements, which are zeros when absent and ignored when
///   read back under a 0.
/// - `#[tensor(rename = "name")]` on a field: its feature name (unique within the struct).
///
/// Fields are elements, fixed arrays of any rank (flattened), other derived rows and enums
/// (flattened in) and `Tensor`s; a `Vec`, `String`, slice or reference field is a compile error
/// that says to use a fixed array or `#[tensor(skip)]`, and an `Option` without `missing` one
/// that names `missing = nan | mask`. Enums without `one_hot` or `index`, with data in a
/// variant, unions and unit structs are errors too. `FromTensor` reads every encoding
/// value-exactly whatever the field's cast mode: a one-hot field without exactly one 1, an
/// index that is not a variant's position, or a mask that is not 0 or 1 is a
/// [`CastError`] of kind [`CastErrorKind::Encoding`] naming the field.
pub use tensorize_macros::IntoTensor;

/// Derives [`FromTensor`](trait@FromTensor): the struct is read back from one item of a
/// tensor, value-exactly (see [`IntoTensor`](macro@IntoTensor) for the attributes).
pub use tensorize_macros::FromTensor;
pub use tensorize_runtime::*;

/// The README's examples, compiled and run as doctests (they use the default features and the
/// weights files' macros: `cargo test --features safetensors,npz --doc`, which `.ci/run` runs).
#[cfg(all(
    doctest,
    feature = "npy",
    feature = "include-safetensors",
    feature = "include-npz"
))]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
