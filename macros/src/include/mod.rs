//! The `include_*!` macros: arrays embedded at compile time from files, their shape and dtype
//! from the file. `include_npy!` (a `.npy` file), `include_safetensors!` (a tensor of a
//! safetensors file, feature `safetensors`) and `include_npz!` (a member of an `.npz` archive,
//! feature `npz`).
//!
//! Each reads the file's header (and, when values change, that tensor's bytes) at expansion with
//! the runtime's own parser. What they share is here: the arguments, the path's resolution, the
//! value conversion, and the two ways the data reaches the binary: in place, through an emitted
//! `include_bytes!` of the whole file decoded by a `const fn` (no value changes), or converted,
//! as one little-endian byte string (the file is still named in an `include_bytes!`, so editing
//! it makes cargo rebuild).

pub(crate) mod npy;
#[cfg(feature = "npz")]
pub(crate) mod npz;
#[cfg(feature = "safetensors")]
pub(crate) mod safetensors;

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::quote;
use tensorize_runtime::__private::Scalar;
use tensorize_runtime::{CastMode, DType};

use crate::options::{split_options, split_top_level_commas, Options};
use crate::tensor::emit::{array_type, element_type, from_bytes, push_le_bytes};

/// What the user wrote: the path, the tensor's name in the file (for the formats that hold
/// several), and the options after `;`.
pub(crate) struct Args {
    pub(crate) path: syn::LitStr,
    #[cfg_attr(not(any(feature = "safetensors", feature = "npz")), allow(dead_code))]
    pub(crate) name: Option<syn::LitStr>,
    pub(crate) options: Options,
}

/// How a macro is called, for the messages: `include_npz!("weights.npz", "fc1")`.
pub(crate) struct Usage {
    pub(crate) example: &'static str,
    /// What the path names (`a .npy file`).
    pub(crate) file: &'static str,
    /// What the name names (`a tensor`, `a member`), if the macro takes one.
    pub(crate) item: Option<&'static str>,
}

impl Args {
    /// Parses `"path"` (or `"path", "name"`) and the options after `;`; every problem is spanned
    /// on its token.
    pub(crate) fn parse(input: TokenStream, usage: &Usage) -> syn::Result<Args> {
        let (before, options) = split_options(input);
        let whole_span = before.first().map_or_else(Span::call_site, TokenTree::span);
        let mut parts = split_top_level_commas(before.into_iter().collect()).into_iter();
        let expected_path = format!(
            "expected a path to {} in quotes, as in `{}`",
            usage.file, usage.example
        );
        let path = literal(parts.next().unwrap_or_default(), whole_span, &expected_path)?;
        let name = match usage.item {
            Some(item) => {
                let expected_name = format!(
                    "expected the name of {item} after the path, in quotes, as in `{}`",
                    usage.example
                );
                Some(literal(
                    parts.next().unwrap_or_default(),
                    path.span(),
                    &expected_name,
                )?)
            }
            None => None,
        };
        if let Some(extra) = parts.find(|part| !part.is_empty()) {
            let span = extra.into_iter().next().map_or(path.span(), |t| t.span());
            let example = usage.example.strip_suffix(')').unwrap_or(usage.example);
            return Err(syn::Error::new(
                span,
                format!(
                    "unexpected argument: options go after a `;`, as in `{example}; dtype = f16, \
                     cast = round)`"
                ),
            ));
        }
        Ok(Args {
            path,
            name,
            options: Options::parse(options)?,
        })
    }
}

/// One string literal, else `message` on the first token (or on `fallback` when there is none).
fn literal(tokens: TokenStream, fallback: Span, message: &str) -> syn::Result<syn::LitStr> {
    let span = tokens
        .clone()
        .into_iter()
        .next()
        .map_or(fallback, |t| t.span());
    syn::parse2::<syn::LitStr>(tokens).map_err(|_| syn::Error::new(span, message))
}

/// A path relative to the invoking crate's manifest directory, made canonical (no `..`, links
/// resolved; for a missing file, its folder) where the file system allows, so that messages name
/// the file the user means.
pub(crate) fn resolve(path: &str) -> PathBuf {
    let base = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(PathBuf::new, PathBuf::from);
    let joined = base.join(path);
    if cfg!(windows) {
        // Windows' canonical form is a `\\?\` path, which reads worse than the joined one.
        return joined;
    }
    if let Ok(canonical) = joined.canonicalize() {
        return canonical;
    }
    match (joined.parent().map(Path::canonicalize), joined.file_name()) {
        (Some(Ok(folder)), Some(name)) => folder.join(name),
        _ => joined,
    }
}

/// `cannot read `…`: …`, spanned on the path.
pub(crate) fn read_error(span: Span, path: &Path, error: &std::io::Error) -> syn::Error {
    syn::Error::new(span, format!("cannot read `{}`: {error}", path.display()))
}

/// A file's problem, prefixed with the file.
pub(crate) fn file_error(span: Span, path: &Path, error: &dyn std::fmt::Display) -> syn::Error {
    syn::Error::new(span, format!("`{}`: {error}", path.display()))
}

/// The file, named in an `include_bytes!` so that rustc reads it and cargo rebuilds on edit.
pub(crate) fn include(path: &Path) -> TokenStream {
    let path_text = path.to_string_lossy().into_owned();
    quote!(::core::include_bytes!(#path_text))
}

/// Data that reaches the binary in place: `data_len` bytes of row-major values at `offset` in the
/// file (of `file_len` bytes), decoded for the target by a `const fn`.
pub(crate) struct InPlace<'a> {
    pub(crate) shape: &'a [usize],
    pub(crate) dtype: DType,
    pub(crate) file_len: usize,
    pub(crate) offset: usize,
    pub(crate) data_len: usize,
    pub(crate) big_endian: bool,
}

impl InPlace<'_> {
    /// The tensor, as an expression usable in `static`, `const` and `let`.
    ///
    /// Only bool data is checked by the decoding `const fn` (each byte 0 or 1), so only a bool
    /// tensor is wrapped in `const { … }` to make that check a compile error in every context.
    /// Any other dtype has no invalid bit patterns and its offset and length were checked here,
    /// so the call is left bare: in a `static` the block would make rustc evaluate, and hold, the
    /// tensor twice (measured: ten 1M-element f32 tensors of one 64 MB file peaked at 441 MiB
    /// with the block, 339 MiB without; a hand-written `include_bytes!` slice per tensor, 309).
    pub(crate) fn emit(&self, path: &Path, krate: &TokenStream) -> TokenStream {
        let ty = array_type(self.shape, &element_type(self.dtype, krate));
        let include = include(path);
        let (file_len, data_len) = (self.file_len, self.data_len);
        let (offset, big_endian) = (self.offset, self.big_endian);
        let call = quote! {
            #krate::__private::tensor_from_file::<#ty, #file_len, #data_len>(#include, #offset, #big_endian)
        };
        if self.dtype == DType::Bool {
            quote!(const { #call })
        } else {
            call
        }
    }
}

/// Converted values (little-endian bytes of `dtype`), with the file still named.
pub(crate) fn emit_converted(
    path: &Path,
    shape: &[usize],
    dtype: DType,
    data: &[u8],
    krate: &TokenStream,
) -> TokenStream {
    let include = include(path);
    let tensor = from_bytes(shape, dtype, data, krate);
    quote! {
        {
            // Names the file so that editing it makes cargo rebuild.
            const _: &[::core::primitive::u8] = #include;
            #tensor
        }
    }
}

/// `len` values in C order (`value(index)` gives each), converted to `dtype` (value-exact unless
/// a mode is named), as little-endian bytes; an inexact value is an error on `span` naming its
/// position and value.
pub(crate) fn convert(
    shape: &[usize],
    value: impl Fn(usize) -> Scalar,
    dtype: DType,
    mode: Option<CastMode>,
    span: Span,
) -> syn::Result<Vec<u8>> {
    let len: usize = shape.iter().product();
    let mut bytes = Vec::with_capacity(len * dtype.size_of());
    for index in 0..len {
        let value = value(index);
        let converted = match mode {
            Some(mode) => value.cast(dtype, mode),
            None => value.cast_exact(dtype).ok_or_else(|| {
                syn::Error::new(
                    span,
                    format!(
                        "element {index} {}: {value} is not exactly representable as {dtype}; add \
                         `cast = round` (or `saturate`, `as`) to convert with loss",
                        position(shape, index)
                    ),
                )
            })?,
        };
        push_le_bytes(&mut bytes, converted);
    }
    Ok(bytes)
}

/// `(at [1, 2])`: the multi-index of a C-order position.
fn position(shape: &[usize], index: usize) -> String {
    let mut coordinates = vec![0; shape.len()];
    let mut rest = index;
    for (axis, &extent) in shape.iter().enumerate().rev() {
        coordinates[axis] = rest % extent.max(1);
        rest /= extent.max(1);
    }
    format!("(at {coordinates:?})")
}

/// `len` bytes of the file from `offset`, and nothing else of it.
#[cfg(feature = "safetensors")]
pub(crate) fn read_range(path: &Path, offset: u64, len: usize) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let mut file = std::fs::File::open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    let mut bytes = Vec::with_capacity(len);
    file.take(len as u64).read_to_end(&mut bytes)?;
    if bytes.len() < len {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the file is shorter than its header says",
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests;
