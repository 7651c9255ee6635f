//! The derive input as the IR the checks and the code generation work on: the struct, its
//! fields with their attributes, borrowing the syn tree.

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use syn::ext::IdentExt;
use syn::spanned::Spanned;

use super::attr;
use crate::ctxt::Ctxt;

/// A struct deriving a row trait.
pub(crate) struct Row<'a> {
    pub(crate) original: &'a syn::DeriveInput,
    pub(crate) attrs: attr::Container,
    pub(crate) fields: Vec<Field<'a>>,
    /// `Self { a, b }` or `Self(a, b)` when built back from field bindings.
    pub(crate) style: Style,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    Named,
    Tuple,
}

pub(crate) struct Field<'a> {
    pub(crate) original: &'a syn::Field,
    pub(crate) attrs: attr::Field,
    /// `self.name` / `self.0`.
    pub(crate) member: syn::Member,
    /// The feature name of the field: its identifier, or its position in a tuple struct.
    pub(crate) name: String,
    /// A local variable for the field's value.
    pub(crate) binding: syn::Ident,
}

impl<'a> Row<'a> {
    /// The IR, or the error that stops the derive (enums, unions, unit structs).
    pub(crate) fn from_syn(cx: &Ctxt, input: &'a syn::DeriveInput) -> Option<Row<'a>> {
        let attrs = attr::Container::from_attrs(cx, &input.attrs);
        let (fields, style) = match &input.data {
            syn::Data::Struct(data) => match &data.fields {
                syn::Fields::Named(named) => (named.named.iter().collect::<Vec<_>>(), Style::Named),
                syn::Fields::Unnamed(unnamed) => {
                    (unnamed.unnamed.iter().collect::<Vec<_>>(), Style::Tuple)
                }
                syn::Fields::Unit => {
                    cx.error(
                        input.ident.span(),
                        "a unit struct has no elements to put in a tensor: give it fields, such \
                         as `struct Row { x: f32 }`",
                    );
                    return None;
                }
            },
            syn::Data::Enum(data) => {
                cx.error(
                    data.enum_token.span(),
                    "tensor rows cannot be enums: an item needs the same elements every time; \
                     use a struct (an enum's variant can go in as a one-hot `[u8; N]` field)",
                );
                return None;
            }
            syn::Data::Union(data) => {
                cx.error(
                    data.union_token.span(),
                    "tensor rows cannot be unions: use a struct with one field per element",
                );
                return None;
            }
        };
        let fields = fields
            .into_iter()
            .enumerate()
            .map(|(index, field)| Field::from_syn(cx, index, field))
            .collect();
        Some(Row {
            original: input,
            attrs,
            fields,
            style,
        })
    }

    /// The fields that are part of the item.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields.iter().filter(|field| !field.attrs.skip)
    }

    /// The path generated code names the runtime through.
    pub(crate) fn krate(&self) -> TokenStream {
        self.attrs
            .krate
            .clone()
            .unwrap_or_else(|| quote!(::tensorize))
    }

    pub(crate) fn span(&self) -> Span {
        self.original.ident.span()
    }
}

impl<'a> Field<'a> {
    fn from_syn(cx: &Ctxt, index: usize, original: &'a syn::Field) -> Field<'a> {
        let (member, name) = match &original.ident {
            Some(ident) => (syn::Member::Named(ident.clone()), ident.unraw().to_string()),
            None => (syn::Member::Unnamed(index.into()), index.to_string()),
        };
        Field {
            original,
            attrs: attr::Field::from_attrs(cx, &original.attrs),
            member,
            name,
            binding: format_ident!("__field{}", index),
        }
    }

    pub(crate) fn ty(&self) -> &'a syn::Type {
        &self.original.ty
    }
}
