//! Code generation for a checked `tensor!`.
//!
//! When every element is a literal, the values travel as one byte string (little-endian) that
//! the runtime's `const fn tensor_from_le_bytes` reinterprets for the target's byte order
//! inside an inline `const` block: no run-time code, and rustc sees one token instead of one per
//! number. With expressions among the elements, a nested array expression is emitted instead.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use tensorize_runtime::__private::Scalar;
use tensorize_runtime::{CastMode, DType};

use super::check::{Checked, Data, Element};
use crate::respan::respan;

pub(crate) fn emit(checked: &Checked<'_>, krate: &TokenStream) -> TokenStream {
    let Some(dtype) = checked.dtype else {
        // Only expressions and no dtype: rustc infers the element type.
        let elements = match &checked.data {
            Data::Elements(elements) => elements.as_slice(),
            Data::Bytes(_) => &[],
        };
        let array = nested(checked, krate, &mut elements.iter(), 0);
        return quote!(#krate::Tensor::new(#array));
    };
    let ty = array_type(&checked.shape, &element_type(dtype, krate));
    match &checked.data {
        Data::Bytes(bytes) => from_bytes(&checked.shape, dtype, bytes, krate),
        Data::Elements(elements) => {
            let array = nested(checked, krate, &mut elements.iter(), 0);
            quote!(#krate::Tensor::<#ty>::new(#array))
        }
    }
}

/// An all-literal tensor: its little-endian bytes, decoded in a `const` block.
pub(crate) fn from_bytes(
    shape: &[usize],
    dtype: DType,
    bytes: &[u8],
    krate: &TokenStream,
) -> TokenStream {
    let ty = array_type(shape, &element_type(dtype, krate));
    let len = bytes.len();
    let bytes = Literal::byte_string(bytes);
    quote! {
        const { #krate::__private::tensor_from_le_bytes::<#ty, #len>(#bytes) }
    }
}

/// The Rust type of one element.
pub(crate) fn element_type(dtype: DType, krate: &TokenStream) -> TokenStream {
    match dtype {
        DType::Bool => quote!(::core::primitive::bool),
        DType::U8 => quote!(::core::primitive::u8),
        DType::U16 => quote!(::core::primitive::u16),
        DType::U32 => quote!(::core::primitive::u32),
        DType::U64 => quote!(::core::primitive::u64),
        DType::I8 => quote!(::core::primitive::i8),
        DType::I16 => quote!(::core::primitive::i16),
        DType::I32 => quote!(::core::primitive::i32),
        DType::I64 => quote!(::core::primitive::i64),
        DType::F16 => quote!(#krate::f16),
        DType::BF16 => quote!(#krate::bf16),
        DType::F32 => quote!(::core::primitive::f32),
        DType::F64 => quote!(::core::primitive::f64),
    }
}

/// `[[elem; 3]; 2]` for shape `[2, 3]`.
pub(crate) fn array_type(shape: &[usize], element: &TokenStream) -> TokenStream {
    shape.iter().rev().fold(element.clone(), |inner, &extent| {
        let extent = Literal::usize_unsuffixed(extent);
        quote!([#inner; #extent])
    })
}

/// Appends a value's little-endian bytes.
pub(crate) fn push_le_bytes(bytes: &mut Vec<u8>, value: Scalar) {
    bytes.extend_from_slice(&value.to_bytes(false)[..value.dtype().size_of()]);
}

/// The nested array expression `[[a, b], [c, d]]` of the elements at `depth` and below.
fn nested<'a>(
    checked: &'a Checked<'a>,
    krate: &TokenStream,
    elements: &mut std::slice::Iter<'a, Element<'a>>,
    depth: usize,
) -> TokenStream {
    let extent = checked.shape.get(depth).copied().unwrap_or(0);
    let items = (0..extent).map(|_| {
        if depth + 1 < checked.shape.len() {
            nested(checked, krate, elements, depth + 1)
        } else {
            elements
                .next()
                .map(|element| element_tokens(checked, krate, element))
                .unwrap_or_default()
        }
    });
    let items: Vec<TokenStream> = items.collect();
    quote!([#(#items),*])
}

fn element_tokens(
    checked: &Checked<'_>,
    krate: &TokenStream,
    element: &Element<'_>,
) -> TokenStream {
    match element {
        Element::Value(value) => value_tokens(*value, krate),
        Element::Expr { tokens, span } => match (checked.dtype_named, checked.dtype) {
            (true, Some(dtype)) => {
                // Every token of the conversion carries the expression's span, so a lossy cast
                // is reported on the expression rather than on the whole macro.
                let ty = element_type(dtype, krate);
                let (callee, args) = match checked.mode {
                    None => (
                        quote!(#krate::__private::lossless::<_, #ty>),
                        quote!(#tokens),
                    ),
                    Some(mode) => {
                        let mode = mode_tokens(mode, krate);
                        (
                            quote!(#krate::__private::cast_with::<_, #ty>),
                            quote!(#tokens, #mode),
                        )
                    }
                };
                let callee = respan(callee, *span);
                let mut args = proc_macro2::Group::new(proc_macro2::Delimiter::Parenthesis, args);
                args.set_span(*span);
                quote!(#callee #args)
            }
            _ => quote!(#tokens),
        },
    }
}

fn mode_tokens(mode: CastMode, krate: &TokenStream) -> TokenStream {
    match mode {
        CastMode::As => quote!(#krate::CastMode::As),
        CastMode::Saturate => quote!(#krate::CastMode::Saturate),
        CastMode::Round => quote!(#krate::CastMode::Round),
    }
}

/// A typed constant expression for one value.
fn value_tokens(value: Scalar, krate: &TokenStream) -> TokenStream {
    match value {
        Scalar::Bool(x) => quote!(#x),
        Scalar::U8(x) => Literal::u8_suffixed(x).into_token_stream(),
        Scalar::U16(x) => Literal::u16_suffixed(x).into_token_stream(),
        Scalar::U32(x) => Literal::u32_suffixed(x).into_token_stream(),
        Scalar::U64(x) => Literal::u64_suffixed(x).into_token_stream(),
        Scalar::I8(x) => signed(i64::from(x), Literal::i8_suffixed(x)),
        Scalar::I16(x) => signed(i64::from(x), Literal::i16_suffixed(x)),
        Scalar::I32(x) => signed(i64::from(x), Literal::i32_suffixed(x)),
        Scalar::I64(x) => signed(x, Literal::i64_suffixed(x)),
        Scalar::F16(x) => {
            let bits = Literal::u16_suffixed(x.to_bits());
            quote!(#krate::f16::from_bits(#bits))
        }
        Scalar::BF16(x) => {
            let bits = Literal::u16_suffixed(x.to_bits());
            quote!(#krate::bf16::from_bits(#bits))
        }
        Scalar::F32(x) => {
            let bits = Literal::u32_suffixed(x.to_bits());
            quote!(::core::primitive::f32::from_bits(#bits))
        }
        Scalar::F64(x) => {
            let bits = Literal::u64_suffixed(x.to_bits());
            quote!(::core::primitive::f64::from_bits(#bits))
        }
    }
}

/// A negative literal as `-` and its magnitude, parenthesized so it stays one operand.
fn signed(value: i64, literal: Literal) -> TokenStream {
    if value < 0 {
        quote!((#literal))
    } else {
        literal.into_token_stream()
    }
}

trait IntoTokenStream {
    fn into_token_stream(self) -> TokenStream;
}

impl IntoTokenStream for Literal {
    fn into_token_stream(self) -> TokenStream {
        quote!(#self)
    }
}
