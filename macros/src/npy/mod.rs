//! `include_npy!`: a NumPy array embedded at compile time, its shape and dtype from the file.
//!
//! The file is read and parsed at expansion by the runtime's own parser. When no value changes
//! (no `dtype`, or the file's, in C order), the data reaches the binary through an emitted
//! `include_bytes!` of the file itself, decoded for the target's byte order by a `const fn`;
//! otherwise the converted values are emitted as one little-endian byte string (and the file is
//! still named in an `include_bytes!`, so editing it makes cargo rebuild).

use std::path::{Path, PathBuf};

use proc_macro2::{Span, TokenStream};
use quote::quote;
use tensorize_runtime::npy::{self, NpyError};
use tensorize_runtime::{CastMode, DType};

use crate::options::{split_options, Options};
use crate::tensor::emit::{array_type, element_type, from_bytes, push_le_bytes};

/// Expands the tokens inside `include_npy!(…)`.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let (path_tokens, options) = split_options(input);
    let path_tokens: TokenStream = path_tokens.into_iter().collect();
    let literal: syn::LitStr = syn::parse2(path_tokens).map_err(|error| {
        syn::Error::new(
            error.span(),
            "expected a path to a .npy file in quotes, as in `include_npy!(\"assets/weights.npy\")`",
        )
    })?;
    let options = Options::parse(options)?;
    let span = literal.span();
    let path = resolve(&literal.value());
    let read_error = |error: std::io::Error| {
        syn::Error::new(span, format!("cannot read `{}`: {error}", path.display()))
    };
    let (prefix, file_len) = read_prefix(&path).map_err(read_error)?;
    let header = npy::header_len(&prefix)
        .and_then(|_| npy::parse_header(&prefix, file_len))
        .map_err(|error| file_error(span, &path, &error))?;
    let file_dtype = header.dtype();
    let dtype = options.dtype.map_or(file_dtype, |(dtype, _)| dtype);
    if file_dtype == DType::BF16 && dtype != DType::BF16 {
        let dtype_span = options.dtype.map_or(span, |(_, span)| span);
        return Err(syn::Error::new(
            dtype_span,
            format!(
                "`{}` has dtype V2, which numpy writes for bfloat16: embed it as bf16 (no \
                 `dtype`, or `dtype = bf16`), not {dtype}",
                path.display()
            ),
        ));
    }
    let krate = options.krate();
    let path_text = path.to_string_lossy().into_owned();
    let include = quote!(::core::include_bytes!(#path_text));
    if dtype == file_dtype && !header.fortran_order() {
        // No value changes: rustc reads the file itself, and only its header was read here.
        let ty = array_type(header.shape(), &element_type(dtype, &krate));
        let (data_len, offset) = (header.data_len(), header.data_offset());
        let big_endian = header.big_endian();
        return Ok(quote! {
            const {
                #krate::__private::tensor_from_file::<#ty, #file_len, #data_len>(#include, #offset, #big_endian)
            }
        });
    }
    let bytes = std::fs::read(&path).map_err(read_error)?;
    let view = npy::parse(&bytes).map_err(|error| file_error(span, &path, &error))?;
    let data = convert(&view, dtype, options.mode(), span)?;
    let tensor = from_bytes(view.shape(), dtype, &data, &krate);
    Ok(quote! {
        {
            // Names the file so that editing it makes cargo rebuild.
            const _: &[::core::primitive::u8] = #include;
            #tensor
        }
    })
}

/// The file's header bytes (at least its first 12, and the whole header if the file has it)
/// and its length, without reading the data.
fn read_prefix(path: &std::path::Path) -> std::io::Result<(Vec<u8>, usize)> {
    use std::io::Read;
    let mut file = std::fs::File::open(path)?;
    let file_len = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
    let mut prefix = Vec::new();
    (&mut file).take(12).read_to_end(&mut prefix)?;
    if let Ok(header_len) = npy::header_len(&prefix) {
        let rest = header_len.saturating_sub(prefix.len()).min(file_len) as u64;
        file.take(rest).read_to_end(&mut prefix)?;
    }
    Ok((prefix, file_len))
}

/// A path relative to the invoking crate's manifest directory, made canonical (no `..`, links
/// resolved; for a missing file, its folder) where the file system allows, so that messages name
/// the file the user means.
fn resolve(path: &str) -> PathBuf {
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

fn file_error(span: Span, path: &std::path::Path, error: &NpyError) -> syn::Error {
    syn::Error::new(span, format!("`{}`: {error}", path.display()))
}

/// The values in C order, converted to `dtype` (value-exact unless a mode is named), as
/// little-endian bytes.
fn convert(
    view: &npy::NpyView<'_>,
    dtype: DType,
    mode: Option<CastMode>,
    span: Span,
) -> syn::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(view.len() * dtype.size_of());
    for index in 0..view.len() {
        let value = view.scalar_c_order(index);
        let converted = match mode {
            Some(mode) => value.cast(dtype, mode),
            None => value.cast_exact(dtype).ok_or_else(|| {
                syn::Error::new(
                    span,
                    format!(
                        "element {index} {}: {value} is not exactly representable as {dtype}; add \
                         `cast = round` (or `saturate`, `as`) to convert with loss",
                        position(view.shape(), index)
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
