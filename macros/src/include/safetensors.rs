//! `include_safetensors!`: one tensor of a safetensors file embedded at compile time, its shape
//! and dtype from the file's header.
//!
//! The header is read, and nothing else of the file when no value changes: the tensor's bytes
//! (little-endian, row-major) reach the binary in place. With a `dtype` that changes values, that
//! tensor's bytes alone are read and converted.

use proc_macro2::TokenStream;
use tensorize_runtime::npy::decode_scalar;
use tensorize_runtime::safetensors::{self, SafetensorsError};

use super::{
    convert, emit_converted, file_error, read_error, read_range, resolve, Args, InPlace, Usage,
};

const USAGE: Usage = Usage {
    example: "include_safetensors!(\"model.safetensors\", \"fc1.weight\")",
    file: "a .safetensors file",
    item: Some("a tensor"),
};

/// Expands the tokens inside `include_safetensors!(…)`.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let args = Args::parse(input, &USAGE)?;
    let span = args.path.span();
    let name = args.name.as_ref().ok_or_else(|| {
        syn::Error::new(
            span,
            format!(
                "expected the name of a tensor after the path, as in `{}`",
                USAGE.example
            ),
        )
    })?;
    let path = resolve(&args.path.value());
    let location = safetensors::locate(&path, &name.value()).map_err(|error| match error {
        SafetensorsError::Io(error) => read_error(span, &path, &error),
        // The name is at fault, not the file.
        error @ (SafetensorsError::MissingTensor { .. }
        | SafetensorsError::UnsupportedDtype { .. }) => file_error(name.span(), &path, &error),
        error => file_error(span, &path, &error),
    })?;
    let dtype = args
        .options
        .dtype
        .map_or(location.dtype, |(dtype, _)| dtype);
    let krate = args.options.krate();
    if dtype == location.dtype {
        let file_len = usize::try_from(location.file_len).unwrap_or(usize::MAX);
        return Ok(InPlace {
            shape: &location.shape,
            dtype,
            file_len,
            offset: usize::try_from(location.offset).unwrap_or(usize::MAX),
            data_len: location.len,
            big_endian: false,
        }
        .emit(&path, &krate));
    }
    let bytes = read_range(&path, location.offset, location.len)
        .map_err(|error| read_error(span, &path, &error))?;
    let size = location.dtype.size_of();
    let data = convert(
        &location.shape,
        |index| decode_scalar(&bytes[index * size..][..size], location.dtype, false),
        dtype,
        args.options.mode(),
        name.span(),
    )?;
    Ok(emit_converted(&path, &location.shape, dtype, &data, &krate))
}
