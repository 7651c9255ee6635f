//! Implementation detail of the `tensorize` crate.
//!
//! The procedural macros live here; their documentation is on the re-exports in `tensorize`.
//! Each expansion is a plain function from `proc_macro2::TokenStream` to
//! `syn::Result<TokenStream>` (`tensor::expand`), unit-tested and fuzzed without rustc.

#![warn(missing_docs)]

extern crate proc_macro;

mod ctxt;
mod decimal;
mod derive;
#[cfg(test)]
mod fuzzing;
mod include;
mod options;
mod respan;
pub(crate) mod tensor;

use proc_macro::TokenStream;

/// Derives `IntoTensor` for a struct; see `tensorize::IntoTensor`.
#[proc_macro_derive(IntoTensor, attributes(tensor))]
pub fn derive_into_tensor(input: TokenStream) -> TokenStream {
    derive::derive(input.into(), derive::Derive::IntoTensor).into()
}

/// Derives `FromTensor` for a struct; see `tensorize::FromTensor`.
#[proc_macro_derive(FromTensor, attributes(tensor))]
pub fn derive_from_tensor(input: TokenStream) -> TokenStream {
    derive::derive(input.into(), derive::Derive::FromTensor).into()
}

/// A NumPy array embedded at compile time; see `tensorize::include_npy!`.
#[proc_macro]
pub fn include_npy(input: TokenStream) -> TokenStream {
    include::npy::expand(input.into())
        .unwrap_or_else(errors_as_expression)
        .into()
}

/// A tensor of a safetensors file embedded at compile time; see `tensorize::include_safetensors!`.
#[cfg(feature = "safetensors")]
#[proc_macro]
pub fn include_safetensors(input: TokenStream) -> TokenStream {
    include::safetensors::expand(input.into())
        .unwrap_or_else(errors_as_expression)
        .into()
}

/// A member of an `.npz` archive embedded at compile time; see `tensorize::include_npz!`.
#[cfg(feature = "npz")]
#[proc_macro]
pub fn include_npz(input: TokenStream) -> TokenStream {
    include::npz::expand(input.into())
        .unwrap_or_else(errors_as_expression)
        .into()
}

/// A tensor literal checked at compile time; see `tensorize::tensor!`.
#[proc_macro]
pub fn tensor(input: TokenStream) -> TokenStream {
    tensor::expand(input.into())
        .unwrap_or_else(errors_as_expression)
        .into()
}

/// The `compile_error!`s of every error, in a block so that several are one expression.
fn errors_as_expression(error: syn::Error) -> proc_macro2::TokenStream {
    let errors = error.into_compile_error();
    quote::quote!({ #errors })
}
