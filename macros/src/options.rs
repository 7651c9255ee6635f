//! The `key = value` options after `;` in `tensor!` and `include_npy!`: `dtype`, `cast` and
//! `crate`.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::quote;
use tensorize_runtime::{CastMode, DType};

/// The option keywords.
pub(crate) mod kw {
    pub(crate) const DTYPE: &str = "dtype";
    pub(crate) const CAST: &str = "cast";
    pub(crate) const CRATE: &str = "crate";
}

/// Options given to a function-like macro.
#[derive(Default)]
pub(crate) struct Options {
    /// The element dtype, with the span of its name.
    pub(crate) dtype: Option<(DType, Span)>,
    /// The cast mode, with the span of its name.
    pub(crate) cast: Option<(CastMode, Span)>,
    /// The path of the `tensorize` crate, for renamed or re-exported dependencies.
    pub(crate) krate: Option<TokenStream>,
}

impl Options {
    /// The path generated code names the runtime through: `::tensorize` unless `crate = …`.
    pub(crate) fn krate(&self) -> TokenStream {
        self.krate.clone().unwrap_or_else(|| quote!(::tensorize))
    }

    pub(crate) fn mode(&self) -> Option<CastMode> {
        self.cast.map(|(mode, _)| mode)
    }

    /// Parses `key = value, …` (a trailing comma is fine); each error is spanned on its token.
    pub(crate) fn parse(tokens: TokenStream) -> syn::Result<Options> {
        let mut options = Options::default();
        for entry in split_top_level_commas(tokens) {
            let mut entry = entry.into_iter();
            let key = match entry.next() {
                Some(TokenTree::Ident(key)) => key,
                Some(other) => return Err(error(other.span(), expected_option(&other))),
                None => continue,
            };
            match entry.next() {
                Some(TokenTree::Punct(eq)) if eq.as_char() == '=' => {}
                Some(other) => {
                    return Err(error(other.span(), format!("expected `=` after `{key}`")));
                }
                None => return Err(error(key.span(), format!("expected `{key} = …`"))),
            }
            let value: TokenStream = entry.collect();
            if value.is_empty() {
                return Err(error(
                    key.span(),
                    format!("expected a value after `{key} =`"),
                ));
            }
            let key_name = key.to_string();
            match key_name.as_str() {
                kw::DTYPE => set(&mut options.dtype, &key, parse_dtype(value)?)?,
                kw::CAST => set(&mut options.cast, &key, parse_cast(value)?)?,
                kw::CRATE => set(&mut options.krate, &key, value)?,
                _ => {
                    return Err(error(
                        key.span(),
                        format!("unknown option `{key}`, expected `dtype`, `cast` or `crate`"),
                    ));
                }
            }
        }
        Ok(options)
    }
}

fn error(span: Span, message: impl std::fmt::Display) -> syn::Error {
    syn::Error::new(span, message)
}

fn expected_option(found: &TokenTree) -> String {
    format!(
        "expected an option like `dtype = f32`, `cast = round` or `crate = path`; found `{found}`"
    )
}

/// Stores an option, or reports the second occurrence of a duplicate.
fn set<T>(slot: &mut Option<T>, key: &Ident, value: T) -> syn::Result<()> {
    if slot.is_some() {
        return Err(error(key.span(), format!("duplicate option `{key}`")));
    }
    *slot = Some(value);
    Ok(())
}

/// One identifier, else an error naming what was expected.
fn single_ident(value: TokenStream, what: &str) -> syn::Result<Ident> {
    let mut tokens = value.into_iter();
    match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Ident(ident)), None) => Ok(ident),
        (Some(TokenTree::Group(group)), None) if group.delimiter() == Delimiter::None => {
            single_ident(group.stream(), what)
        }
        (Some(first), _) => Err(error(first.span(), format!("expected {what}"))),
        (None, _) => Err(error(Span::call_site(), format!("expected {what}"))),
    }
}

pub(crate) fn dtype_list() -> String {
    let names: Vec<&str> = DType::ALL.iter().map(|d| d.name()).collect();
    names.join(", ")
}

fn parse_dtype(value: TokenStream) -> syn::Result<(DType, Span)> {
    let ident = single_ident(value, &format!("a dtype: one of {}", dtype_list()))?;
    let name = ident.to_string();
    match DType::ALL.into_iter().find(|d| d.name() == name) {
        Some(dtype) => Ok((dtype, ident.span())),
        None => Err(error(
            ident.span(),
            format!("unknown dtype `{name}`, expected one of {}", dtype_list()),
        )),
    }
}

fn parse_cast(value: TokenStream) -> syn::Result<(CastMode, Span)> {
    let expected = "a cast mode: `as`, `saturate` or `round`";
    let ident = single_ident(value, expected)?;
    let name = ident.to_string();
    match CastMode::from_name(&name) {
        Some(mode) => Ok((mode, ident.span())),
        None => Err(error(
            ident.span(),
            format!("unknown cast mode `{name}`, expected `as`, `saturate` or `round`"),
        )),
    }
}

/// Splits a macro's input at its first top-level `;`: the tokens before it, and the options
/// after it.
pub(crate) fn split_options(input: TokenStream) -> (Vec<TokenTree>, TokenStream) {
    let mut before = Vec::new();
    let mut options = TokenStream::new();
    let mut in_options = false;
    for token in input {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ';' && !in_options => in_options = true,
            _ if in_options => options.extend([token]),
            _ => before.push(token),
        }
    }
    (before, options)
}

/// Splits at commas outside any group.
pub(crate) fn split_top_level_commas(tokens: TokenStream) -> Vec<TokenStream> {
    let mut parts = vec![TokenStream::new()];
    for token in tokens {
        match &token {
            TokenTree::Punct(p) if p.as_char() == ',' => parts.push(TokenStream::new()),
            _ => {
                if let Some(last) = parts.last_mut() {
                    last.extend([token]);
                }
            }
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> syn::Result<Options> {
        Options::parse(text.parse().unwrap())
    }

    #[test]
    fn parses_every_option() {
        let options = parse("dtype = f16, cast = as, crate = ::my::tensorize,").unwrap();
        assert_eq!(options.dtype.map(|d| d.0), Some(DType::F16));
        assert_eq!(options.mode(), Some(CastMode::As));
        assert_eq!(options.krate().to_string(), ":: my :: tensorize");
        assert_eq!(parse("").unwrap().krate().to_string(), ":: tensorize");
    }

    #[test]
    fn reports_mistakes() {
        let message = |text: &str| parse(text).err().unwrap().to_string();
        assert_eq!(
            message("dtype = float"),
            format!("unknown dtype `float`, expected one of {}", dtype_list())
        );
        assert_eq!(
            message("dtype = f32, dtype = f64"),
            "duplicate option `dtype`"
        );
        assert_eq!(
            message("dtyp = f32"),
            "unknown option `dtyp`, expected `dtype`, `cast` or `crate`"
        );
        assert_eq!(
            message("cast = floor"),
            "unknown cast mode `floor`, expected `as`, `saturate` or `round`"
        );
        assert_eq!(message("dtype f32"), "expected `=` after `dtype`");
        assert_eq!(message("dtype ="), "expected a value after `dtype =`");
        assert!(message("dtype = [f32]").starts_with("expected a dtype"));
        assert!(message("1 = 2").starts_with("expected an option like"));
    }
}
