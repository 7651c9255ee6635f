//! Checks that need the whole item: for a struct, `transparent` on exactly one field, at least
//! one element, `missing` on `Option`s only, unique feature names, and fields whose types can
//! never be part of a fixed-size row; for an enum, unit variants and exactly one encoding.

use quote::ToTokens;
use syn::spanned::Spanned;
use tensorize_runtime::DType;

use super::ast::{option_inner, Category, Encoding, Input, Row};
use super::attr;
use crate::ctxt::Ctxt;

pub(crate) fn validate(cx: &Ctxt, input: &Input<'_>) {
    match input {
        Input::Struct(row) => validate_row(cx, row),
        Input::Enum(category) => validate_category(cx, category),
    }
}

const ENCODINGS: &str = "`#[tensor(one_hot)]` (one element per variant, 1 for the variant) or \
                         `#[tensor(index)]` (one element: the variant's position)";

fn validate_category(cx: &Ctxt, category: &Category<'_>) {
    let attrs = &category.attrs;
    let syn::Data::Enum(data) = &category.original.data else {
        return;
    };
    match (attrs.one_hot, attrs.index) {
        (None, None) => cx.error(
            data.enum_token.span(),
            format!("an enum row needs its encoding named: {ENCODINGS}"),
        ),
        (Some(_), Some(index)) => cx.error(
            index,
            "`one_hot` and `index` exclude each other: name one encoding for the enum",
        ),
        _ => {}
    }
    if let Some(span) = attrs.transparent {
        cx.error(
            span,
            "#[tensor(transparent)] applies to structs with one field; an enum is encoded by \
             `one_hot` or `index`",
        );
    }
    if category.variants.is_empty() {
        cx.error(
            category.original.ident.span(),
            "an enum row needs at least one variant: an empty enum has no value to encode",
        );
    }
    for variant in &category.variants {
        if !matches!(variant.fields, syn::Fields::Unit) {
            cx.push(syn::Error::new_spanned(
                &variant.fields,
                format!(
                    "variant `{}` carries data, but an enum row is a category: only unit \
                     variants can be encoded by {ENCODINGS}; put the data in a struct's fields",
                    variant.ident
                ),
            ));
        }
        for attr in variant.attrs.iter().filter(|a| a.path().is_ident("tensor")) {
            cx.push(syn::Error::new_spanned(
                attr,
                "tensor attributes do not apply to variants: a variant's feature name is its own",
            ));
        }
    }
    if let (Encoding::Index, Some((dtype, span))) = (category.encoding(), attrs.dtype) {
        let last = category.variants.len().saturating_sub(1);
        if !dtype.is_integer() {
            cx.error(
                span,
                format!(
                    "an index is a variant's position, so its dtype is an integer type, not \
                     {dtype}; omit `dtype` for the smallest unsigned type that holds it"
                ),
            );
        } else if integer_max(dtype) < last as u64 {
            cx.error(
                span,
                format!(
                    "{dtype} cannot hold index {last}, the position of the last of the enum's {} \
                     variants; name a wider integer dtype, or omit `dtype` for the smallest that \
                     holds it",
                    category.variants.len()
                ),
            );
        }
    }
}

fn validate_row(cx: &Ctxt, row: &Row<'_>) {
    for span in [row.attrs.one_hot, row.attrs.index].into_iter().flatten() {
        cx.error(
            span,
            "`one_hot` and `index` encode enums; on a struct, put them on the enum a field has",
        );
    }
    let elements = row.elements().count();
    if elements == 0 {
        cx.error(
            row.span(),
            "a row needs at least one field that is not `#[tensor(skip)]`",
        );
    }
    if let Some(span) = row.attrs.transparent {
        if elements != 1 {
            cx.error(
                span,
                format!(
                    "#[tensor(transparent)] requires exactly one field that is not skipped, found \
                     {elements}; remove `transparent` to flatten the fields into one row"
                ),
            );
        }
    }
    validate_missing(cx, row);
    validate_names(cx, row);
    validate_field_types(cx, row);
}

/// `missing` only on an `Option` that is part of a flat row, and `nan` only in a float row.
fn validate_missing(cx: &Ctxt, row: &Row<'_>) {
    for field in &row.fields {
        let Some((_, span)) = field.attrs.missing else {
            continue;
        };
        if field.attrs.skip.is_some() {
            cx.error(
                span,
                "a skipped field is not in the row: remove `missing` or `skip`",
            );
        } else if option_inner(field.ty()).is_none() {
            cx.error(
                span,
                format!(
                    "`missing` encodes an absent value of an `Option<T>` field, but this field is \
                     `{}`; remove `missing`",
                    type_text(field.ty())
                ),
            );
        } else if row.attrs.transparent.is_some() {
            cx.error(
                span,
                "#[tensor(transparent)] keeps its field's shape, which an `Option` field with \
                 `missing` does not have; remove `transparent` to make the row flat",
            );
        } else if let (Some(attr::Missing::Nan), Some((dtype, _))) =
            (field.missing(), row.attrs.dtype)
        {
            if !dtype.is_float() {
                cx.error(
                    span,
                    format!(
                        "`missing = nan` needs a float row dtype, but this row's dtype is \
                         {dtype}; use `missing = mask` (an indicator element before the value), \
                         or a float `dtype`"
                    ),
                );
            }
        }
    }
}

/// Feature names, renamed or not, are unique.
fn validate_names(cx: &Ctxt, row: &Row<'_>) {
    let mut seen: Vec<(&str, &super::ast::Field<'_>)> = Vec::new();
    for field in row.elements() {
        if let Some((_, first)) = seen.iter().find(|(name, _)| *name == field.name) {
            let span = field
                .attrs
                .rename
                .as_ref()
                .map_or_else(|| field.original.span(), |(_, span)| *span);
            cx.error(
                span,
                format!(
                    "the feature name `{}` is already the name of field `{}`; feature names must \
                     be unique, so rename one of them",
                    field.name,
                    first
                        .original
                        .ident
                        .as_ref()
                        .map_or_else(|| first.name.clone(), ToString::to_string)
                ),
            );
        } else {
            seen.push((&field.name, field));
        }
    }
}

/// Fields whose types can never be part of a fixed-size row.
fn validate_field_types(cx: &Ctxt, row: &Row<'_>) {
    for field in row.elements() {
        if field.missing().is_some() && option_inner(field.ty()).is_some() {
            continue;
        }
        if option_inner(field.ty()).is_some() {
            cx.push(syn::Error::new_spanned(
                field.ty(),
                format!(
                    "`{}` may be absent, so it needs an encoding for the absent value: \
                     `#[tensor(missing = nan)]` (NaN in every element, float rows) or \
                     `#[tensor(missing = mask)]` (an indicator element before the value), or \
                     skip the field with `#[tensor(skip)]`",
                    type_text(field.ty())
                ),
            ));
            continue;
        }
        if let Some(problem) = unsized_type(field.ty()) {
            cx.push(syn::Error::new_spanned(
                field.ty(),
                format!(
                    "`{}` {problem}, so it cannot be part of a tensor row: use a fixed array \
                     `[T; N]`, or skip the field with `#[tensor(skip)]`",
                    type_text(field.ty())
                ),
            ));
        }
    }
}

/// The largest value of an integer dtype (0 for the others).
pub(crate) fn integer_max(dtype: DType) -> u64 {
    match dtype {
        DType::U8 => u8::MAX.into(),
        DType::U16 => u16::MAX.into(),
        DType::U32 => u32::MAX.into(),
        DType::U64 => u64::MAX,
        DType::I8 => i8::MAX as u64,
        DType::I16 => i16::MAX as u64,
        DType::I32 => i32::MAX as u64,
        DType::I64 => i64::MAX as u64,
        _ => 0,
    }
}

/// A type as written, without the spaces token printing puts around `<`, `&` and friends.
fn type_text(ty: &syn::Type) -> String {
    let text = ty.to_token_stream().to_string();
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let previous = i.checked_sub(1).map(|j| chars[j]);
            let next = chars.get(i + 1).copied();
            if matches!(previous, Some('&' | '<' | '(' | '['))
                || matches!(next, Some('>' | ')' | ']' | ',' | '<'))
            {
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// Why a field type has no fixed number of elements, for the types people reach for.
fn unsized_type(ty: &syn::Type) -> Option<&'static str> {
    match ty {
        syn::Type::Slice(_) => Some("is a slice, whose length is not known at compile time"),
        syn::Type::Reference(reference) => match &*reference.elem {
            syn::Type::Slice(_) => Some("is a slice, whose length is not known at compile time"),
            syn::Type::Path(path) if path.path.is_ident("str") => Some("is text"),
            _ => Some("is a reference; a row owns its values"),
        },
        syn::Type::Tuple(tuple) if tuple.elems.is_empty() => Some("has no elements"),
        syn::Type::Tuple(_) => Some("is a tuple; tuples are not rows (a struct or an array is)"),
        syn::Type::Paren(inner) => unsized_type(&inner.elem),
        syn::Type::Path(path) => {
            let last = path.path.segments.last()?;
            match last.ident.to_string().as_str() {
                "Vec" | "VecDeque" | "LinkedList" => Some("has a length known only at run time"),
                "String" | "str" => Some("is text"),
                "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" => {
                    Some("is a collection whose size is known only at run time")
                }
                "Box" | "Rc" | "Arc" | "Cow" => Some("is a pointer; a row owns its values"),
                _ => None,
            }
        }
        _ => None,
    }
}
