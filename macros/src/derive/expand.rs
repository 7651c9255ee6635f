//! Code generation for `#[derive(IntoTensor)]` and `#[derive(FromTensor)]`.
//!
//! The generated code is straight-line: one call per field, each converting the field's values
//! straight to the target element type under a mode that is a type parameter, so every call is
//! monomorphic and array fields are loops the compiler can vectorize.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned, ToTokens};
use syn::spanned::Spanned;
use tensorize_runtime::CastMode;

use super::ast::{Field, Row, Style};
use super::attr::Missing;
use crate::respan::respan;
use crate::tensor::emit::element_type;

/// The mode marker type of a field with `cast = …`, else the caller's `__M`.
fn mode_of(field: &Field<'_>, krate: &TokenStream) -> TokenStream {
    match field.attrs.cast {
        None => quote!(__M),
        Some(CastMode::As) => quote!(#krate::__private::As),
        Some(CastMode::Saturate) => quote!(#krate::__private::Saturate),
        Some(CastMode::Round) => quote!(#krate::__private::Round),
    }
}

/// `<ty as IntoTensor>::NUMEL`, spanned on the field's type so a field type that is not a row
/// is reported there.
fn numel(ty: &syn::Type, krate: &TokenStream) -> TokenStream {
    respan(quote!(<#ty as #krate::IntoTensor>::NUMEL), ty.span())
}

/// The number of elements a field puts in the row (one more than its value's for a mask).
fn field_numel(field: &Field<'_>, krate: &TokenStream) -> TokenStream {
    let n = numel(field.row_ty(), krate);
    match field.missing() {
        Some(Missing::Mask) => quote!((1 + #n)),
        _ => n,
    }
}

/// The row's element type.
fn elem(row: &Row<'_>, krate: &TokenStream) -> TokenStream {
    match row.attrs.dtype {
        Some((dtype, _)) => element_type(dtype, krate),
        None => {
            let first = row.elements().next().map(Field::row_ty);
            quote!(<#first as #krate::IntoTensor>::Elem)
        }
    }
}

/// The struct's type parameters that appear in a field that is part of the item: each must be
/// a row (`trait_name`), as serde bounds only the parameters its fields use. (Bounding the
/// field types themselves would make rustc prefer the where clause over the impls and stop
/// seeing through `<[T; 2] as IntoTensor>::Elem`.)
fn param_bounds(row: &Row<'_>, bound: &TokenStream) -> Vec<TokenStream> {
    let used: Vec<String> = row
        .elements()
        .flat_map(|field| idents(field.ty().to_token_stream()))
        .collect();
    row.original
        .generics
        .type_params()
        .filter(|param| used.contains(&param.ident.to_string()))
        .map(|param| {
            let ident = &param.ident;
            quote!(#ident: #bound)
        })
        .collect()
}

fn idents(tokens: TokenStream) -> Vec<String> {
    let mut found = Vec::new();
    for token in tokens {
        match token {
            proc_macro2::TokenTree::Ident(ident) => found.push(ident.to_string()),
            proc_macro2::TokenTree::Group(group) => found.extend(idents(group.stream())),
            _ => {}
        }
    }
    found
}

/// Whether a field's type mentions one of the struct's type parameters.
fn is_generic(row: &Row<'_>, ty: &syn::Type) -> bool {
    let used = idents(ty.to_token_stream());
    row.original
        .generics
        .type_params()
        .any(|param| used.contains(&param.ident.to_string()))
}

/// The checks that every field's elements convert to the row's: exactly (a `LosslessFrom`
/// pair, or the same type when no dtype is named) unless the field names a cast. For a field
/// whose type mentions a type parameter they are where-bounds (they depend on the parameter);
/// for the others they are calls in the impl's body, so that a failure is reported on the
/// field alone. Both are spanned on the field's type.
fn conversion_checks(
    row: &Row<'_>,
    krate: &TokenStream,
    elem: &TokenStream,
) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let (mut bounds, mut calls) = (Vec::new(), Vec::new());
    for field in row.elements() {
        if field.missing() == Some(Missing::Nan) && row.attrs.dtype.is_none() {
            // With `dtype` named, `valid` checks it is a float; otherwise the row's element
            // type is only known to rustc.
            let span = field
                .attrs
                .missing
                .map_or_else(|| field.ty().span(), |(_, span)| span);
            let k = respan(krate.clone(), span);
            let elem = respan(elem.clone(), span);
            let first_is_generic = row
                .elements()
                .next()
                .is_some_and(|first| is_generic(row, first.row_ty()));
            if first_is_generic {
                bounds.push(quote_spanned!(span=> #elem: #k::__private::FloatElement));
            } else {
                calls.push(respan(
                    quote!(#k::__private::assert_float_row::<#elem>();),
                    span,
                ));
            }
        }
        if field.attrs.cast.is_some() {
            continue;
        }
        let ty = field.row_ty();
        let span = ty.span();
        let k = respan(krate.clone(), span);
        let elem = respan(elem.clone(), span);
        let field_elem = respan(quote!(<#ty as #k::IntoTensor>::Elem), span);
        let generic = is_generic(row, ty);
        match (row.attrs.dtype.is_some(), generic) {
            (true, true) => {
                bounds.push(quote_spanned!(span=> #elem: #k::LosslessFrom<#field_elem>));
            }
            (false, true) => {
                bounds.push(quote_spanned!(span=> #field_elem: #k::__private::SameElem<#elem>));
            }
            (true, false) => calls.push(respan(
                quote!(#k::__private::assert_lossless::<#field_elem, #elem>();),
                span,
            )),
            (false, false) => calls.push(respan(
                quote!(#k::__private::assert_same_elem::<#field_elem, #elem>();),
                span,
            )),
        }
    }
    (bounds, calls)
}

/// The where clause: the struct's own predicates and `extra`.
fn where_clause(row: &Row<'_>, extra: &[TokenStream]) -> TokenStream {
    let existing = row
        .original
        .generics
        .where_clause
        .as_ref()
        .map(|clause| {
            clause
                .predicates
                .iter()
                .map(|p| quote!(#p))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default();
    quote!(where #(#existing,)* #(#extra,)*)
}

pub(crate) fn into_tensor(row: &Row<'_>) -> TokenStream {
    let krate = row.krate();
    let name = &row.original.ident;
    let (impl_generics, ty_generics, _) = row.original.generics.split_for_impl();
    let elem = elem(row, &krate);
    let mut bounds = param_bounds(row, &quote!(#krate::IntoTensor));
    let (conversion_bounds, conversion_calls) = conversion_checks(row, &krate, &elem);
    bounds.extend(conversion_bounds);
    let where_clause = where_clause(row, &bounds);
    let fields: Vec<&Field<'_>> = row.elements().collect();
    let tys: Vec<&syn::Type> = fields.iter().map(|f| f.ty()).collect();
    let writes = fields.iter().map(|field| {
        let (ty, member, mode) = (field.ty(), &field.member, mode_of(field, &krate));
        let inner = field.row_ty();
        let call = match field.missing() {
            None => quote!(#krate::IntoTensor::write_cast::<__D, #mode>),
            Some(Missing::Nan) => {
                quote!(#krate::__private::write_missing_nan::<#inner, __D, #mode>)
            }
            Some(Missing::Mask) => {
                quote!(#krate::__private::write_missing_mask::<#inner, __D, #mode>)
            }
        };
        let call = respan(call, ty.span());
        let n = field_numel(field, &krate);
        let value = respan(quote!(&self.#member), ty.span());
        quote! {
            let __n = #n;
            #call(#value, &mut __out[__at..__at + __n]);
            __at += __n;
        }
    });
    let names = fields.iter().map(|f| &f.name);
    let transparent = row.attrs.transparent.is_some();
    let numels: Vec<TokenStream> = fields.iter().map(|f| field_numel(f, &krate)).collect();
    let total = quote!(0 #(+ #numels)*);
    let shape = if transparent {
        quote!(<#(#tys)* as #krate::IntoTensor>::SHAPE)
    } else {
        quote!(&[#total])
    };
    let feature_name = if transparent {
        quote!(<#(#tys)* as #krate::IntoTensor>::write_feature_name(__index, __f, __context))
    } else {
        let name_writers = fields.iter().map(|field| {
            let inner = field.row_ty();
            let name_call = match field.missing() {
                Some(Missing::Mask) => quote!(#krate::__private::write_mask_name::<#inner>(
                    __index - __at,
                    __f,
                    __context,
                )),
                _ => quote!(<#inner as #krate::IntoTensor>::write_feature_name(
                    __index - __at,
                    __f,
                    __context.nested(),
                )),
            };
            respan(name_call, field.ty().span())
        });
        quote! {
            let mut __at = 0usize;
            #(
                let __n = #numels;
                if __index < __at + __n {
                    if __context.is_nested() {
                        __f.write_str(".")?;
                    }
                    __f.write_str(#names)?;
                    return #name_writers;
                }
                __at += __n;
            )*
            ::core::result::Result::Ok(())
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::IntoTensor for #name #ty_generics #where_clause {
            type Elem = #elem;
            const SHAPE: &'static [::core::primitive::usize] = #shape;
            const NUMEL: ::core::primitive::usize = #total;

            #[inline]
            fn write_cast<__D: #krate::Element, __M: #krate::__private::Mode>(&self, __out: &mut [__D]) {
                #(#conversion_calls)*
                let __out = &mut __out[..#total];
                let mut __at = 0usize;
                #(#writes)*
                let _ = __at;
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

pub(crate) fn from_tensor(row: &Row<'_>) -> TokenStream {
    let krate = row.krate();
    let name = &row.original.ident;
    let (impl_generics, ty_generics, _) = row.original.generics.split_for_impl();
    let elem = elem(row, &krate);
    let mut bounds = param_bounds(row, &quote!(#krate::FromTensor));
    bounds.extend(conversion_checks(row, &krate, &elem).0);
    for field in row.fields.iter().filter(|field| field.attrs.skip.is_some()) {
        let ty = field.ty();
        bounds.push(quote_spanned!(ty.span()=> #ty: ::core::default::Default));
    }
    let where_clause = where_clause(row, &bounds);
    let reads = row.fields.iter().map(|field| {
        let ty = field.ty();
        let binding = &field.binding;
        if field.attrs.skip.is_some() {
            quote!(let #binding: #ty = ::core::default::Default::default();)
        } else {
            let mode = mode_of(field, &krate);
            let inner = field.row_ty();
            let call = match field.missing() {
                None => quote!(<#ty as #krate::FromTensor>::read_cast::<__S, #mode>),
                Some(Missing::Nan) => {
                    quote!(#krate::__private::read_missing_nan::<#inner, __S, #mode>)
                }
                Some(Missing::Mask) => {
                    quote!(#krate::__private::read_missing_mask::<#inner, __S, #mode>)
                }
            };
            let call = respan(call, ty.span());
            let n = field_numel(field, &krate);
            quote! {
                let __n = #n;
                let #binding = #call(
                    &__src[__at..__at + __n],
                    __base + __at,
                    __error,
                );
                __at += __n;
            }
        }
    });
    let construct = match row.style {
        Style::Named => {
            let members = row.fields.iter().map(|f| &f.member);
            let bindings = row.fields.iter().map(|f| &f.binding);
            quote!(#name { #(#members: #bindings),* })
        }
        Style::Tuple => {
            let bindings = row.fields.iter().map(|f| &f.binding);
            quote!(#name(#(#bindings),*))
        }
    };
    quote! {
        #[automatically_derived]
        impl #impl_generics #krate::FromTensor for #name #ty_generics #where_clause {
            #[inline]
            fn read_cast<__S: #krate::Element, __M: #krate::__private::Mode>(
                __src: &[__S],
                __base: ::core::primitive::usize,
                __error: &mut ::core::option::Option<#krate::CastError>,
            ) -> Self {
                let mut __at = 0usize;
                #(#reads)*
                let _ = __at;
                #construct
            }
        }
    }
}

/// An impl that satisfies the trait so a failed derive adds no errors of its own.
pub(crate) fn fallback(input: &syn::DeriveInput, trait_name: &str) -> TokenStream {
    let krate = quote!(::tensorize);
    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    if trait_name == "IntoTensor" {
        quote! {
            impl #impl_generics #krate::IntoTensor for #name #ty_generics #where_clause {
                type Elem = ::core::primitive::f32;
                const SHAPE: &'static [::core::primitive::usize] = &[];
                const NUMEL: ::core::primitive::usize = 0;
                fn write_cast<__D: #krate::Element, __M: #krate::__private::Mode>(&self, _: &mut [__D]) {
                    ::core::unreachable!()
                }
                fn write_feature_name(
                    _: ::core::primitive::usize,
                    _: &mut ::core::fmt::Formatter<'_>,
                    _: #krate::__private::NameContext,
                ) -> ::core::fmt::Result {
                    ::core::unreachable!()
                }
            }
        }
    } else {
        quote! {
            impl #impl_generics #krate::FromTensor for #name #ty_generics #where_clause {
                fn read_cast<__S: #krate::Element, __M: #krate::__private::Mode>(
                    _: &[__S],
                    _: ::core::primitive::usize,
                    _: &mut ::core::option::Option<#krate::CastError>,
                ) -> Self {
                    ::core::unreachable!()
                }
            }
        }
    }
}
