//! Validation of a parsed `tensor!`: every row against the first row's shape, the dtype from the
//! options, suffixes and literal kinds, and every literal's value in that dtype. All problems
//! are recorded at once, each on its own tokens.

use proc_macro2::{Span, TokenStream};
use tensorize_runtime::__private::Scalar;
use tensorize_runtime::{CastMode, DType};

use super::convert::convert;
use super::emit::push_le_bytes;
use super::parse::{Item, Leaf, LeafKind, Literal, LiteralValue, TensorInput};
use crate::ctxt::Ctxt;

/// A tensor literal that passed validation (when the `Ctxt` has no errors).
pub(crate) struct Checked<'a> {
    /// Dimensions, outermost first.
    pub(crate) shape: Vec<usize>,
    /// `None` when every element is an expression and no dtype is named: rustc infers it.
    pub(crate) dtype: Option<DType>,
    /// The named cast mode, for expressions.
    pub(crate) mode: Option<CastMode>,
    /// Whether `dtype = …` was written (expressions are then converted to it).
    pub(crate) dtype_named: bool,
    pub(crate) data: Data<'a>,
}

/// The elements, in row-major order.
pub(crate) enum Data<'a> {
    /// Every element is a literal: their little-endian bytes.
    Bytes(Vec<u8>),
    /// Some are expressions.
    Elements(Vec<Element<'a>>),
}

pub(crate) enum Element<'a> {
    Value(Scalar),
    Expr { tokens: &'a TokenStream, span: Span },
}

pub(crate) fn check<'a>(input: &'a TensorInput, cx: &Ctxt) -> Checked<'a> {
    let shape = first_shape(&input.items);
    check_rows(input, &input.items, &shape, 0, cx);

    let mode = input.options.mode();
    let dtype = infer_dtype(input, cx);
    if let (None, Some((_, span))) = (dtype, input.options.cast) {
        if !input.leaves.is_empty() {
            cx.error(
                span,
                "`cast` needs a dtype to convert to: with only expressions, name it with \
                 `dtype = …` (e.g. `tensor![a, b; dtype = i32, cast = round]`)",
            );
        }
    }
    let data = match dtype {
        Some(dtype) if !input.has_expressions => {
            let mut bytes = Vec::with_capacity(input.leaves.len() * dtype.size_of());
            for leaf in &input.leaves {
                if let LeafKind::Literal(literal) = &leaf.kind {
                    match convert(&input.texts, literal, dtype, mode) {
                        Ok(value) => push_le_bytes(&mut bytes, value),
                        Err(message) => cx.error_between(leaf.span, leaf.end, message),
                    }
                }
            }
            Data::Bytes(bytes)
        }
        _ => {
            let mut elements = Vec::with_capacity(input.leaves.len());
            for leaf in &input.leaves {
                match (&leaf.kind, dtype) {
                    (LeafKind::Literal(literal), Some(dtype)) => {
                        match convert(&input.texts, literal, dtype, mode) {
                            Ok(value) => elements.push(Element::Value(value)),
                            Err(message) => cx.error_between(leaf.span, leaf.end, message),
                        }
                    }
                    (LeafKind::Expr(tokens), _) => elements.push(Element::Expr {
                        tokens,
                        span: leaf.span,
                    }),
                    // Without a dtype there are no literals; an invalid leaf's error is recorded.
                    (LeafKind::Literal(_) | LeafKind::Invalid, _) => {}
                }
            }
            Data::Elements(elements)
        }
    };
    Checked {
        shape,
        dtype,
        mode,
        dtype_named: input.options.dtype.is_some(),
        data,
    }
}

/// The shape the first element at each depth implies: `[2, 3]` for `[[1, 2, 3], …]`.
fn first_shape(items: &[Item]) -> Vec<usize> {
    let mut shape = vec![items.len()];
    let mut current = items;
    while let Some(Item::Row(row)) = current.first() {
        shape.push(row.items.len());
        current = &row.items;
    }
    shape
}

/// Checks every row at `depth` against `shape`.
fn check_rows(input: &TensorInput, items: &[Item], shape: &[usize], depth: usize, cx: &Ctxt) {
    let rows_expected = depth + 1 < shape.len();
    for item in items {
        match (item, rows_expected) {
            (Item::Row(row), true) => {
                let expected = shape[depth + 1];
                if row.items.len() == expected {
                    check_rows(input, &row.items, shape, depth + 1, cx);
                } else {
                    cx.error(
                        row.span,
                        format!(
                            "expected {expected} element{}, like the first row; found {}",
                            if expected == 1 { "" } else { "s" },
                            row.items.len()
                        ),
                    );
                }
            }
            (Item::Leaf(_), false) => {}
            (Item::Leaf(index), true) => {
                let leaf = &input.leaves[*index];
                cx.error_between(
                    leaf.span,
                    leaf.end,
                    "expected a row `[…]` here, like the first element at this depth; found a \
                     scalar",
                );
            }
            (Item::Row(row), false) => cx.error(
                row.span,
                "expected a scalar here, like the first element at this depth; found a row",
            ),
        }
    }
}

/// The dtype: `dtype = …`, else a literal's suffix, else bool for bools, f32 if any float
/// literal, i32 for integers; `None` when there are only expressions.
fn infer_dtype(input: &TensorInput, cx: &Ctxt) -> Option<DType> {
    let named = input.options.dtype;
    let mut suffixed: Option<(DType, String)> = None;
    let mut first_kind: Option<bool> = None;
    let (mut any_float, mut any_int, mut any_literal) = (false, false, false);
    for leaf in &input.leaves {
        let LeafKind::Literal(literal) = &leaf.kind else {
            continue;
        };
        any_literal = true;
        let is_bool = matches!(literal.value, LiteralValue::Bool(_));
        match first_kind {
            None => first_kind = Some(is_bool),
            Some(first_is_bool) if first_is_bool != is_bool => cx.error_between(
                leaf.span,
                leaf.end,
                format!(
                    "`{}` mixes {} with {}: a tensor has one dtype; write numbers as `1`/`0` \
                     for a numeric tensor, or only `true`/`false` for a bool one",
                    input.text(literal),
                    if is_bool { "a bool" } else { "a number" },
                    if is_bool { "numbers" } else { "bools" },
                ),
            ),
            Some(_) => {}
        }
        any_float |= matches!(literal.value, LiteralValue::Float { .. });
        any_int |= matches!(literal.value, LiteralValue::Int(_));
        if literal.suffix.is_some() {
            check_suffix(input, literal, leaf, named, &mut suffixed, cx);
        }
    }
    if named.is_none() && suffixed.is_none() && !any_literal && input.leaves.is_empty() {
        cx.error(
            Span::call_site(),
            "an empty tensor needs a dtype: write `tensor![; dtype = f32]` (or the dtype you \
             want)",
        );
    }
    let literals = LiteralKinds {
        any_float,
        any_int,
        any_bool: any_literal && !any_float && !any_int,
    };
    dtype_rule(
        named.map(|(dtype, _)| dtype),
        suffixed.map(|(dtype, _)| dtype),
        literals,
    )
}

/// Which kinds of literal a tensor has.
#[derive(Clone, Copy, Default)]
pub(crate) struct LiteralKinds {
    pub(crate) any_float: bool,
    pub(crate) any_int: bool,
    pub(crate) any_bool: bool,
}

/// API §3's dtype rule: `dtype = …`, else a literal's suffix, else `f32` if any literal is a
/// float, `i32` for integers, `bool` for bools; `None` without literals (rustc infers it).
pub(crate) fn dtype_rule(
    named: Option<DType>,
    suffix: Option<DType>,
    literals: LiteralKinds,
) -> Option<DType> {
    named.or(suffix).or(if literals.any_float {
        Some(DType::F32)
    } else if literals.any_int {
        Some(DType::I32)
    } else if literals.any_bool {
        Some(DType::Bool)
    } else {
        None
    })
}

fn check_suffix(
    input: &TensorInput,
    literal: &Literal,
    leaf: &Leaf,
    named: Option<(DType, Span)>,
    suffixed: &mut Option<(DType, String)>,
    cx: &Ctxt,
) {
    let Some(suffix) = literal.suffix else {
        return;
    };
    if let Some((dtype, _)) = named {
        if suffix != dtype {
            cx.error_between(
                leaf.span,
                leaf.end,
                format!(
                    "the suffix of `{}` disagrees with `dtype = {dtype}`; remove the suffix or \
                     change the dtype",
                    input.text(literal)
                ),
            );
        }
        return;
    }
    match suffixed {
        None => *suffixed = Some((suffix, input.text(literal))),
        Some((dtype, first)) if *dtype != suffix => cx.error_between(
            leaf.span,
            leaf.end,
            format!(
                "conflicting suffix: `{}` is {suffix}, but `{first}` already made the dtype \
                 {dtype}; use one suffix, or name the dtype with `; dtype = …`",
                input.text(literal)
            ),
        ),
        Some(_) => {}
    }
}
