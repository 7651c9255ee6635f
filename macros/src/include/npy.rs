//! `include_npy!`: a NumPy array embedded at compile time, its shape and dtype from the file.
//!
//! Only the header is read when no value changes (no `dtype`, or the file's, in C order): the
//! data reaches the binary in place. Otherwise the file is read and its values converted.

use std::path::Path;

use proc_macro2::{Span, TokenStream};
use tensorize_runtime::npy::{self, NpyHeader, NpyView};
use tensorize_runtime::DType;

use super::{convert, emit_converted, file_error, read_error, resolve, Args, InPlace, Usage};
use crate::options::Options;

const USAGE: Usage = Usage {
    example: "include_npy!(\"assets/weights.npy\")",
    file: "a .npy file",
    item: None,
};

/// Expands the tokens inside `include_npy!(…)`.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let args = Args::parse(input, &USAGE)?;
    let span = args.path.span();
    let path = resolve(&args.path.value());
    let (prefix, file_len) = read_prefix(&path).map_err(|error| read_error(span, &path, &error))?;
    let header = npy::header_len(&prefix)
        .and_then(|_| npy::parse_header(&prefix, file_len))
        .map_err(|error| file_error(span, &path, &error))?;
    let what = format!("`{}`", path.display());
    let dtype = target_dtype(header.dtype(), &args.options, span, &what)?;
    let krate = args.options.krate();
    if let Some(in_place) = in_place(&header, dtype, file_len, 0) {
        return Ok(in_place.emit(&path, &krate));
    }
    let bytes = std::fs::read(&path).map_err(|error| read_error(span, &path, &error))?;
    let view = npy::parse(&bytes).map_err(|error| file_error(span, &path, &error))?;
    converted(&view, dtype, &args.options, span, &path)
}

/// The dtype to embed: the option's, else the file's. A bfloat16 file (numpy's `V2`) embeds only
/// as bf16: its bytes are not a numpy float the user could mean to convert.
/// `what` names the array for the message: `` `path` `` or `` member `x` of `path` ``.
pub(crate) fn target_dtype(
    file_dtype: DType,
    options: &Options,
    span: Span,
    what: &str,
) -> syn::Result<DType> {
    let dtype = options.dtype.map_or(file_dtype, |(dtype, _)| dtype);
    if file_dtype == DType::BF16 && dtype != DType::BF16 {
        let dtype_span = options.dtype.map_or(span, |(_, span)| span);
        return Err(syn::Error::new(
            dtype_span,
            format!(
                "{what} has dtype V2, which numpy writes for bfloat16: embed it as bf16 (no \
                 `dtype`, or `dtype = bf16`), not {dtype}"
            ),
        ));
    }
    Ok(dtype)
}

/// The data in place, when no value changes: the file's dtype, in C order. `start` is where the
/// `.npy` file starts in the included file (0, or a stored `.npz` member's offset).
pub(crate) fn in_place(
    header: &NpyHeader,
    dtype: DType,
    included_len: usize,
    start: usize,
) -> Option<InPlace<'_>> {
    (dtype == header.dtype() && !header.fortran_order()).then(|| InPlace {
        shape: header.shape(),
        dtype,
        file_len: included_len,
        offset: start + header.data_offset(),
        data_len: header.data_len(),
        big_endian: header.big_endian(),
    })
}

/// The values converted to `dtype`, laid out in C order.
pub(crate) fn converted(
    view: &NpyView<'_>,
    dtype: DType,
    options: &Options,
    span: Span,
    path: &Path,
) -> syn::Result<TokenStream> {
    let data = convert(
        view.shape(),
        |index| view.scalar_c_order(index),
        dtype,
        options.mode(),
        span,
    )?;
    Ok(emit_converted(
        path,
        view.shape(),
        dtype,
        &data,
        &options.krate(),
    ))
}

/// The file's header bytes (at least its first 12, and the whole header if the file has it)
/// and its length, without reading the data.
fn read_prefix(path: &Path) -> std::io::Result<(Vec<u8>, usize)> {
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
