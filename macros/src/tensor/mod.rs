//! `tensor!`: parse → check → emit.

mod check;
mod convert;
pub(crate) mod emit;
mod fast;
mod literal;
mod parse;

use proc_macro2::TokenStream;

use crate::ctxt::Ctxt;

/// Expands the tokens inside `tensor![…]`; every problem is a spanned error, all reported
/// together where they could be found together.
pub(crate) fn expand(input: TokenStream) -> syn::Result<TokenStream> {
    if let Some(output) = fast::expand(&input) {
        return Ok(output);
    }
    expand_tokens(input)
}

/// The token path: every input, with spanned errors.
pub(crate) fn expand_tokens(input: TokenStream) -> syn::Result<TokenStream> {
    let cx = Ctxt::new();
    let input = match parse::TensorInput::parse(input, &cx) {
        Ok(input) => input,
        Err(error) => return Err(cx.fail(error)),
    };
    let checked = check::check(&input, &cx);
    cx.check()?;
    Ok(emit::emit(&checked, &input.options.krate()))
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod fuzz;
