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
    /// The feature name of the field: its `rename`, else its identifier, or its position in a
    /// tuple struct.
    pub(crate) name: String,
    /// A local variable for the field's value.
    pub(crate) binding: syn::Ident,
}

/// What a derive is applied to: a struct (a row of fields) or a unit-only enum (a category).
pub(crate) enum Input<'a> {
    Struct(Row<'a>),
    Enum(Category<'a>),
}

/// An enum deriving a row trait: encoded one-hot or as its variant's position.
pub(crate) struct Category<'a> {
    pub(crate) original: &'a syn::DeriveInput,
    pub(crate) attrs: attr::Container,
    pub(crate) variants: Vec<&'a syn::Variant>,
}

/// How a category is encoded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    OneHot,
    Index,
}

impl<'a> Input<'a> {
    /// The IR, or the error that stops the derive (unions, unit structs).
    pub(crate) fn from_syn(cx: &Ctxt, input: &'a syn::DeriveInput) -> Option<Input<'a>> {
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
                return Some(Input::Enum(Category {
                    original: input,
                    attrs,
                    variants: data.variants.iter().collect(),
                }));
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
        Some(Input::Struct(Row {
            original: input,
            attrs,
            fields,
            style,
        }))
    }
}

impl Category<'_> {
    /// The encoding the attributes name (`valid` checks that exactly one is named).
    pub(crate) fn encoding(&self) -> Encoding {
        if self.attrs.index.is_some() && self.attrs.one_hot.is_none() {
            Encoding::Index
        } else {
            Encoding::OneHot
        }
    }

    /// The variants' names, as feature names.
    pub(crate) fn names(&self) -> Vec<String> {
        self.variants
            .iter()
            .map(|variant| variant.ident.unraw().to_string())
            .collect()
    }

    pub(crate) fn krate(&self) -> TokenStream {
        self.attrs
            .krate
            .clone()
            .unwrap_or_else(|| quote!(::tensorize))
    }
}

impl<'a> Row<'a> {
    /// The fields that are part of the item.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields
            .iter()
            .filter(|field| field.attrs.skip.is_none())
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
        let attrs = attr::Field::from_attrs(cx, &original.attrs);
        let name = attrs
            .rename
            .as_ref()
            .map_or(name, |(rename, _)| rename.clone());
        Field {
            original,
            attrs,
            member,
            name,
            binding: format_ident!("__field{}", index),
        }
    }

    /// The field's type as written.
    pub(crate) fn ty(&self) -> &'a syn::Type {
        &self.original.ty
    }

    /// How the field stands in for a missing value, if it is an `Option` with `missing`.
    pub(crate) fn missing(&self) -> Option<attr::Missing> {
        self.attrs.missing.map(|(missing, _)| missing)
    }

    /// The row type whose elements the field's are: `T` of an `Option<T>` with `missing`, else
    /// the field's type.
    pub(crate) fn row_ty(&self) -> &'a syn::Type {
        match (self.missing(), option_inner(self.ty())) {
            (Some(_), Some(inner)) => inner,
            _ => self.ty(),
        }
    }
}

/// `T` of a type written `Option<T>` (any path ending in `Option`).
pub(crate) fn option_inner(ty: &syn::Type) -> Option<&syn::Type> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
        return None;
    };
    match arguments.args.iter().collect::<Vec<_>>()[..] {
        [syn::GenericArgument::Type(inner)] => Some(inner),
        _ => None,
    }
}
