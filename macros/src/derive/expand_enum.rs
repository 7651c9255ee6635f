//! Code generation for enums: `#[tensor(one_hot)]` (SHAPE `[variants]`, one 1 at the variant's
//! position) and `#[tensor(index)]` (SHAPE `[]`, the variant's position). Positions, not
//! discriminants, are encoded. The work is one runtime call per item, so the generated code is
//! a `match` from variant to position and back.

use proc_macro2::TokenStream;
use quote::quote;
use tensorize_runtime::DType;

use super::ast::{Category, Encoding};
use crate::tensor::emit::element_type;

/// The element type: the named `dtype`; else bool for one-hot, and for an index the smallest
/// unsigned integer that holds the last position.
fn elem(category: &Category<'_>, krate: &TokenStream) -> TokenStream {
    let dtype = match (category.attrs.dtype, category.encoding()) {
        (Some((dtype, _)), _) => dtype,
        (None, Encoding::OneHot) => DType::Bool,
        (None, Encoding::Index) => {
            let last = category.variants.len().saturating_sub(1);
            if u8::try_from(last).is_ok() {
                DType::U8
            } else if u16::try_from(last).is_ok() {
                DType::U16
            } else {
                DType::U32
            }
        }
    };
    element_type(dtype, krate)
}

/// `match self { Self::A => 0, Self::B => 1, … }`.
fn position(category: &Category<'_>) -> TokenStream {
    let arms = category
        .variants
        .iter()
        .enumerate()
        .map(|(position, variant)| {
            let ident = &variant.ident;
            quote!(Self::#ident => #position,)
        });
    quote!(match self { #(#arms)* })
}

pub(crate) fn into_tensor(category: &Category<'_>) -> TokenStream {
    let krate = category.krate();
    let name = &category.original.ident;
    let (impl_generics, ty_generics, where_clause) = category.original.generics.split_for_impl();
    let elem = elem(category, &krate);
    let count = category.variants.len();
    let position = position(category);
    let (shape, numel, write, feature_name) = match category.encoding() {
        Encoding::OneHot => {
            let names = category.names();
            (
                quote!(&[#count]),
                quote!(#count),
                quote!(#krate::__private::write_one_hot::<#elem, __D, __M>(__position, &mut __out[..#count])),
                quote!(#krate::__private::write_variant_name(&[#(#names),*], __index, __f, __context)),
            )
        }
        Encoding::Index => (
            quote!(&[]),
            quote!(1),
            quote!(#krate::__private::write_index::<#elem, __D, __M>(__position, __out)),
            // An index is one element, named as any scalar element is: by its field alone.
            quote! {
                let _ = (__index, __f, __context);
                ::core::result::Result::Ok(())
            },
        ),
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::IntoTensor for #name #ty_generics #where_clause {
            type Elem = #elem;
            const SHAPE: &'static [::core::primitive::usize] = #shape;
            const NUMEL: ::core::primitive::usize = #numel;

            #[inline]
            fn write_cast<__D: #krate::Element, __M: #krate::__private::Mode>(&self, __out: &mut [__D]) {
                let __position: ::core::primitive::usize = #position;
                #write;
            }

            fn write_feature_name(
                __index: ::core::primitive::usize,
                __f: &mut ::core::fmt::Formatter<'_>,
                __context: #krate::__private::NameContext,
            ) -> ::core::fmt::Result {
                #feature_name
            }
        }
    }
}

pub(crate) fn from_tensor(category: &Category<'_>) -> TokenStream {
    let krate = category.krate();
    let name = &category.original.ident;
    let (impl_generics, ty_generics, where_clause) = category.original.generics.split_for_impl();
    let elem = elem(category, &krate);
    let count = category.variants.len();
    let dtype = quote!(<#elem as #krate::Element>::DTYPE);
    let read = match category.encoding() {
        Encoding::OneHot => quote! {
            #krate::__private::read_one_hot::<__S>(&__src[..#count], __base, #dtype, __error)
        },
        Encoding::Index => quote! {
            #krate::__private::read_index::<__S>(__src, __base, #count, #dtype, __error)
        },
    };
    // The last variant takes every other position, so there is no unreachable arm; a position
    // that is not valid has already recorded an error (and reads as 0).
    let arms = category
        .variants
        .iter()
        .enumerate()
        .map(|(position, variant)| {
            let ident = &variant.ident;
            if position + 1 == count {
                quote!(_ => Self::#ident,)
            } else {
                quote!(#position => Self::#ident,)
            }
        });
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::FromTensor for #name #ty_generics #where_clause {
            #[inline]
            fn read_cast<__S: #krate::Element, __M: #krate::__private::Mode>(
                __src: &[__S],
                __base: ::core::primitive::usize,
                __error: &mut ::core::option::Option<#krate::CastError>,
            ) -> Self {
                match #read {
                    #(#arms)*
                }
            }
        }
    }
}
