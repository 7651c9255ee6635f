//! `#[derive(IntoTensor)]` and `#[derive(FromTensor)]`: ast → valid → expand.

mod ast;
mod attr;
mod expand;
mod expand_enum;
mod valid;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ctxt::Ctxt;

/// Which trait a derive implements.
#[derive(Clone, Copy)]
pub(crate) enum Derive {
    IntoTensor,
    FromTensor,
}

/// Expands a derive; every problem is a spanned error, all reported together.
pub(crate) fn expand(input: TokenStream, derive: Derive) -> syn::Result<TokenStream> {
    let input: syn::DeriveInput = syn::parse2(input)?;
    let cx = Ctxt::new();
    let Some(item) = ast::Input::from_syn(&cx, &input) else {
        return Err(cx
            .check()
            .err()
            .unwrap_or_else(|| syn::Error::new(input.ident.span(), "invalid row")));
    };
    valid::validate(&cx, &item);
    cx.check()?;
    let implementation = match (&item, derive) {
        (ast::Input::Struct(row), Derive::IntoTensor) => expand::into_tensor(row),
        (ast::Input::Struct(row), Derive::FromTensor) => expand::from_tensor(row),
        (ast::Input::Enum(category), Derive::IntoTensor) => expand_enum::into_tensor(category),
        (ast::Input::Enum(category), Derive::FromTensor) => expand_enum::from_tensor(category),
    };
    Ok(quote! {
        // `const _` keeps helper names out of the user's namespace.
        #[allow(clippy::needless_borrow, clippy::identity_op)]
        const _: () = {
            #implementation
        };
    })
}

/// The expansion, or the errors next to an impl that keeps them from cascading.
pub(crate) fn derive(input: TokenStream, derive: Derive) -> TokenStream {
    match expand(input.clone(), derive) {
        Ok(output) => output,
        Err(error) => {
            let errors = error.into_compile_error();
            let fallback = syn::parse2::<syn::DeriveInput>(input).map_or_else(
                |_| TokenStream::new(),
                |input| {
                    expand::fallback(
                        &input,
                        match derive {
                            Derive::IntoTensor => "IntoTensor",
                            Derive::FromTensor => "FromTensor",
                        },
                    )
                },
            );
            quote!(#errors #fallback)
        }
    }
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests;
