//! Validation of a parsed `tensor!`: every row against the first row's shape, the dtype from the
//! options, suffixes and literal kinds, and every literal's value in that dtype. All problems
//! are recorded at once, each on its own token.

use proc_macro2::{Span, TokenStream};
use tensorize_runtime::__private::Scalar;
use tensorize_runtime::{CastMode, DType};

use super::convert::convert;
use super::parse::{Leaf, LeafKind, Literal, LiteralValue, Node, TensorInput};
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
    /// The elements in row-major order.
    pub(crate) elements: Vec<Element<'a>>,
}

pub(crate) enum Element<'a> {
    Value(Scalar),
    Expr { tokens: &'a TokenStream, span: Span },
}

pub(crate) fn check<'a>(input: &'a TensorInput, cx: &Ctxt) -> Checked<'a> {
    let shape = first_shape(&input.elements);
    let mut leaves = Vec::new();
    check_rows(&input.elements, &shape, 0, cx, &mut leaves);

    let mode = input.options.mode();
    let dtype = infer_dtype(input, &leaves, cx);
    let mut elements = Vec::with_capacity(leaves.len());
    for leaf in leaves {
        match (&leaf.kind, dtype) {
            (LeafKind::Literal(literal), Some(dtype)) => match convert(literal, dtype, mode) {
                Ok(value) => elements.push(Element::Value(value)),
                Err(message) => cx.error_between(leaf.span, leaf.end, message),
            },
            (LeafKind::Expr(tokens), _) => elements.push(Element::Expr {
                tokens,
                span: leaf.span,
            }),
            // Without a dtype there are no literals; an invalid leaf's error is recorded.
            (LeafKind::Literal(_) | LeafKind::Invalid, _) => {}
        }
    }
    Checked {
        shape,
        dtype,
        mode,
        dtype_named: input.options.dtype.is_some(),
        elements,
    }
}

/// The shape the first element at each depth implies: `[2, 3]` for `[[1, 2, 3], …]`.
fn first_shape(elements: &[Node]) -> Vec<usize> {
    let mut shape = vec![elements.len()];
    let mut current = elements;
    while let Some(Node::Row(row)) = current.first() {
        shape.push(row.items.len());
        current = &row.items;
    }
    shape
}

/// Checks every row at `depth` against `shape` and collects the leaves in row-major order.
fn check_rows<'a>(
    nodes: &'a [Node],
    shape: &[usize],
    depth: usize,
    cx: &Ctxt,
    leaves: &mut Vec<&'a Leaf>,
) {
    let rows_expected = depth + 1 < shape.len();
    for node in nodes {
        match (node, rows_expected) {
            (Node::Row(row), true) => {
                let expected = shape[depth + 1];
                if row.items.len() == expected {
                    check_rows(&row.items, shape, depth + 1, cx, leaves);
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
            (Node::Leaf(leaf), false) => leaves.push(leaf),
            (Node::Leaf(_), true) => cx.error(
                node.span(),
                "expected a row `[…]` here, like the first element at this depth; found a \
                 scalar",
            ),
            (Node::Row(_), false) => cx.error(
                node.span(),
                "expected a scalar here, like the first element at this depth; found a row",
            ),
        }
    }
}

/// The dtype: `dtype = …`, else a literal's suffix, else bool for bools, f32 if any float
/// literal, i32 for integers; `None` when there are only expressions.
fn infer_dtype(input: &TensorInput, leaves: &[&Leaf], cx: &Ctxt) -> Option<DType> {
    let named = input.options.dtype;
    let mut suffixed: Option<(DType, String)> = None;
    let mut first_kind: Option<bool> = None;
    let (mut any_float, mut any_int, mut any_literal) = (false, false, false);
    for leaf in leaves {
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
                    literal.text(),
                    if is_bool { "a bool" } else { "a number" },
                    if is_bool { "numbers" } else { "bools" },
                ),
            ),
            Some(_) => {}
        }
        any_float |= matches!(literal.value, LiteralValue::Float { .. });
        any_int |= matches!(literal.value, LiteralValue::Int { .. });
        check_suffix(literal, leaf, named, &mut suffixed, cx);
    }
    if let Some((dtype, _)) = named {
        return Some(dtype);
    }
    if let Some((dtype, _)) = suffixed {
        return Some(dtype);
    }
    if !any_literal {
        if leaves.is_empty() {
            cx.error(
                Span::call_site(),
                "an empty tensor needs a dtype: write `tensor![; dtype = f32]` (or the dtype \
                 you want)",
            );
        }
        return None;
    }
    Some(if any_float {
        DType::F32
    } else if any_int {
        DType::I32
    } else {
        DType::Bool
    })
}

fn check_suffix(
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
                    literal.text()
                ),
            );
        }
        return;
    }
    match suffixed {
        None => *suffixed = Some((suffix, literal.text())),
        Some((dtype, first)) if *dtype != suffix => cx.error_between(
            leaf.span,
            leaf.end,
            format!(
                "conflicting suffix: `{}` is {suffix}, but `{first}` already made the dtype \
                 {dtype}; use one suffix, or name the dtype with `; dtype = …`",
                literal.text()
            ),
        ),
        Some(_) => {}
    }
}
