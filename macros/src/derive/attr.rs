//! `#[tensor(...)]` helper attributes: on the struct or enum `dtype`, `transparent`, `crate`,
//! `one_hot`, `index`; on a field `skip`, `cast`, `missing` and `rename`.

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::spanned::Spanned;
use tensorize_runtime::{CastMode, DType};

use crate::ctxt::Ctxt;

/// The attribute keywords.
mod kw {
    pub(super) const TENSOR: &str = "tensor";
    pub(super) const DTYPE: &str = "dtype";
    pub(super) const TRANSPARENT: &str = "transparent";
    pub(super) const CRATE: &str = "crate";
    pub(super) const ONE_HOT: &str = "one_hot";
    pub(super) const INDEX: &str = "index";
    pub(super) const SKIP: &str = "skip";
    pub(super) const CAST: &str = "cast";
    pub(super) const MISSING: &str = "missing";
    pub(super) const RENAME: &str = "rename";
    pub(super) const NAN: &str = "nan";
    pub(super) const MASK: &str = "mask";
}

/// What the struct's attributes say.
#[derive(Default)]
pub(crate) struct Container {
    pub(crate) dtype: Option<(DType, Span)>,
    /// The span of `transparent`, if given.
    pub(crate) transparent: Option<Span>,
    pub(crate) krate: Option<TokenStream>,
    /// The span of `one_hot`, if given (enums).
    pub(crate) one_hot: Option<Span>,
    /// The span of `index`, if given (enums).
    pub(crate) index: Option<Span>,
}

/// How an `Option` field stands in for a missing value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Missing {
    /// NaN in every element.
    Nan,
    /// An indicator element before the value's (zero) elements.
    Mask,
}

/// What a field's attributes say.
#[derive(Default)]
pub(crate) struct Field {
    pub(crate) skip: Option<Span>,
    pub(crate) cast: Option<CastMode>,
    pub(crate) missing: Option<(Missing, Span)>,
    /// The feature name given with `rename = "…"`, and the literal's span.
    pub(crate) rename: Option<(String, Span)>,
}

fn duplicate(cx: &Ctxt, span: Span, name: &str) {
    cx.error(span, format!("duplicate tensor attribute `{name}`"));
}

impl Container {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> Container {
        let mut container = Container::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident(kw::TENSOR)) {
            let result = attr.parse_nested_meta(|meta| {
                let span = meta.path.span();
                if meta.path.is_ident(kw::DTYPE) {
                    let ident = syn::Ident::parse_any(meta.value()?)?;
                    let dtype = parse_dtype(&ident)?;
                    if container.dtype.is_some() {
                        duplicate(cx, span, kw::DTYPE);
                    }
                    container.dtype = Some((dtype, ident.span()));
                } else if meta.path.is_ident(kw::TRANSPARENT) {
                    if container.transparent.is_some() {
                        duplicate(cx, span, kw::TRANSPARENT);
                    }
                    container.transparent = Some(span);
                } else if meta.path.is_ident(kw::ONE_HOT) {
                    if container.one_hot.is_some() {
                        duplicate(cx, span, kw::ONE_HOT);
                    }
                    container.one_hot = Some(span);
                } else if meta.path.is_ident(kw::INDEX) {
                    if container.index.is_some() {
                        duplicate(cx, span, kw::INDEX);
                    }
                    container.index = Some(span);
                } else if meta.path.is_ident(kw::CRATE) {
                    let path: syn::Path = meta.value()?.call(syn::Path::parse_mod_style)?;
                    if container.krate.is_some() {
                        duplicate(cx, span, kw::CRATE);
                    }
                    container.krate = Some(path.into_token_stream());
                } else {
                    return Err(meta.error(format!(
                        "unknown tensor attribute `{}`, expected `dtype = …`, `transparent`, \
                         `one_hot`, `index` or `crate = …`",
                        meta.path.to_token_stream()
                    )));
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.push(error);
            }
        }
        container
    }
}

impl Field {
    pub(crate) fn from_attrs(cx: &Ctxt, attrs: &[syn::Attribute]) -> Field {
        let mut field = Field::default();
        for attr in attrs.iter().filter(|a| a.path().is_ident(kw::TENSOR)) {
            let result = attr.parse_nested_meta(|meta| {
                let span = meta.path.span();
                if meta.path.is_ident(kw::SKIP) {
                    if field.skip.is_some() {
                        duplicate(cx, span, kw::SKIP);
                    }
                    field.skip = Some(span);
                } else if meta.path.is_ident(kw::MISSING) {
                    let ident = syn::Ident::parse_any(meta.value()?)?;
                    let missing = match ident.to_string().as_str() {
                        kw::NAN => Missing::Nan,
                        kw::MASK => Missing::Mask,
                        other => {
                            // Recorded as `mask` so that the `Option` is not reported again as
                            // lacking an encoding; the derive stops at this error.
                            field.missing = Some((Missing::Mask, span));
                            return Err(syn::Error::new(
                                ident.span(),
                                format!(
                                    "unknown missing-value encoding `{other}`, expected `nan` \
                                     (NaN in every element, float rows) or `mask` (an indicator \
                                     element before the value)"
                                ),
                            ));
                        }
                    };
                    if field.missing.is_some() {
                        duplicate(cx, span, kw::MISSING);
                    }
                    field.missing = Some((missing, span));
                } else if meta.path.is_ident(kw::RENAME) {
                    let name: syn::LitStr = meta.value()?.parse().map_err(|error| {
                        syn::Error::new(
                            error.span(),
                            "expected the feature name in quotes, as in `rename = \"sqm\"`",
                        )
                    })?;
                    if field.rename.is_some() {
                        duplicate(cx, span, kw::RENAME);
                    }
                    field.rename = Some((name.value(), name.span()));
                } else if meta.path.is_ident(kw::CAST) {
                    let ident = syn::Ident::parse_any(meta.value()?)?;
                    let Some(mode) = CastMode::from_name(&ident.to_string()) else {
                        return Err(syn::Error::new(
                            ident.span(),
                            format!(
                                "unknown cast mode `{ident}`, expected `as`, `saturate` or `round`"
                            ),
                        ));
                    };
                    if field.cast.is_some() {
                        duplicate(cx, span, kw::CAST);
                    }
                    field.cast = Some(mode);
                } else {
                    return Err(meta.error(format!(
                        "unknown tensor attribute `{}` on a field, expected `skip`, `cast = …`, \
                         `missing = nan | mask` or `rename = \"…\"`",
                        meta.path.to_token_stream()
                    )));
                }
                Ok(())
            });
            if let Err(error) = result {
                cx.push(error);
            }
        }
        field
    }
}

fn parse_dtype(ident: &syn::Ident) -> syn::Result<DType> {
    let name = ident.to_string();
    DType::ALL
        .into_iter()
        .find(|d| d.name() == name)
        .ok_or_else(|| {
            syn::Error::new(
                ident.span(),
                format!(
                    "unknown dtype `{name}`, expected one of {}",
                    crate::options::dtype_list()
                ),
            )
        })
}
