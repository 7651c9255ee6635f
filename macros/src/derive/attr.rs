//! `#[tensor(...)]` helper attributes: on the struct `dtype`, `transparent`, `crate`; on a field
//! `skip` and `cast`.

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
    pub(super) const SKIP: &str = "skip";
    pub(super) const CAST: &str = "cast";
}

/// What the struct's attributes say.
#[derive(Default)]
pub(crate) struct Container {
    pub(crate) dtype: Option<(DType, Span)>,
    /// The span of `transparent`, if given.
    pub(crate) transparent: Option<Span>,
    pub(crate) krate: Option<TokenStream>,
}

/// What a field's attributes say.
#[derive(Default)]
pub(crate) struct Field {
    pub(crate) skip: bool,
    pub(crate) cast: Option<CastMode>,
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
                } else if meta.path.is_ident(kw::CRATE) {
                    let path: syn::Path = meta.value()?.call(syn::Path::parse_mod_style)?;
                    if container.krate.is_some() {
                        duplicate(cx, span, kw::CRATE);
                    }
                    container.krate = Some(path.into_token_stream());
                } else {
                    return Err(meta.error(format!(
                        "unknown tensor attribute `{}`, expected `dtype = …`, `transparent` or `crate = …`",
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
        let mut seen_skip = false;
        for attr in attrs.iter().filter(|a| a.path().is_ident(kw::TENSOR)) {
            let result = attr.parse_nested_meta(|meta| {
                let span = meta.path.span();
                if meta.path.is_ident(kw::SKIP) {
                    if seen_skip {
                        duplicate(cx, span, kw::SKIP);
                    }
                    seen_skip = true;
                    field.skip = true;
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
                        "unknown tensor attribute `{}` on a field, expected `skip` or `cast = …`",
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
