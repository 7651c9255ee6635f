//! `include_npz!`: one member of an `.npz` archive (`np.savez`, `np.savez_compressed`) embedded
//! at compile time, with `include_npy!`'s rules for the member's `.npy` file.
//!
//! A stored member (`np.savez`) whose values do not change is read no further than its `.npy`
//! header: its data reaches the binary in place, from an `include_bytes!` of the archive. A
//! deflated member (`np.savez_compressed`), or one whose values change, is read (and inflated)
//! whole, and that member alone.

use proc_macro2::TokenStream;
use tensorize_runtime::npy::npz::{self, MemberBytes};
use tensorize_runtime::npy::{self, NpyError};

use super::npy::{converted, in_place, target_dtype};
use super::{file_error, read_error, resolve, Args, Usage};

const USAGE: Usage = Usage {
    example: "include_npz!(\"weights.npz\", \"fc1\")",
    file: "an .npz file",
    item: Some("a member"),
};

/// Expands the tokens inside `include_npz!(…)`.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    let args = Args::parse(input, &USAGE)?;
    let span = args.path.span();
    let name = args.name.as_ref().ok_or_else(|| {
        syn::Error::new(
            span,
            format!(
                "expected the name of a member after the path, as in `{}`",
                USAGE.example
            ),
        )
    })?;
    let path = resolve(&args.path.value());
    let member = |header_only| {
        npz::member_bytes(&path, &name.value(), header_only).map_err(|error| match error {
            NpyError::Io(error) => read_error(span, &path, &error),
            error @ NpyError::MissingMember { .. } => file_error(name.span(), &path, &error),
            error => file_error(span, &path, &error),
        })
    };
    let what = format!("member `{}` of `{}`", name.value(), path.display());
    let member_error = |error: NpyError| syn::Error::new(name.span(), format!("{what}: {error}"));
    let MemberBytes {
        stored_at,
        size,
        bytes,
    } = member(true)?;
    if let Some(start) = stored_at {
        let member_len = usize::try_from(size).unwrap_or(usize::MAX);
        let header = npy::header_len(&bytes)
            .and_then(|_| npy::parse_header(&bytes, member_len))
            .map_err(member_error)?;
        let dtype = target_dtype(header.dtype(), &args.options, name.span(), &what)?;
        let archive_len = std::fs::metadata(&path)
            .map_err(|error| read_error(span, &path, &error))?
            .len();
        let archive_len = usize::try_from(archive_len).unwrap_or(usize::MAX);
        let start = usize::try_from(start).unwrap_or(usize::MAX);
        if let Some(in_place) = in_place(&header, dtype, archive_len, start) {
            return Ok(in_place.emit(&path, &args.options.krate()));
        }
    }
    let whole = if stored_at.is_some() {
        member(false)?.bytes
    } else {
        bytes
    };
    let view = npy::parse(&whole).map_err(member_error)?;
    let dtype = target_dtype(view.dtype(), &args.options, name.span(), &what)?;
    converted(&view, dtype, &args.options, name.span(), &path)
}
