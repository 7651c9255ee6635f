//! Checks that need the whole struct: `transparent` on exactly one field, at least one element,
//! and fields whose types can never be part of a fixed-size row.

use quote::ToTokens;

use super::ast::Row;
use crate::ctxt::Ctxt;

pub(crate) fn validate(cx: &Ctxt, row: &Row<'_>) {
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
    for field in row.elements() {
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
                "Option" => Some("may be absent"),
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
