//! Tokens → `TensorInput`: nested rows of leaves (literals or expressions), then the options.
//!
//! Elements are split at top-level commas and forwarded as tokens, not parsed as Rust
//! expressions; only literals are read. Syntax errors return at once; errors in individual
//! literals (a bad suffix, a value too large for any dtype) are collected in the `Ctxt`.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use tensorize_runtime::{DType, MAX_RANK};

use crate::ctxt::Ctxt;
use crate::decimal::Decimal;
use crate::options::Options;

/// A parsed `tensor!` invocation.
pub(crate) struct TensorInput {
    pub(crate) elements: Vec<Node>,
    pub(crate) options: Options,
}

/// A row `[…]` or a leaf.
pub(crate) enum Node {
    Row(Row),
    Leaf(Leaf),
}

pub(crate) struct Row {
    /// The span of the brackets and everything in them.
    pub(crate) span: Span,
    pub(crate) items: Vec<Node>,
}

pub(crate) struct Leaf {
    /// The first token's span (where an expression's conversion is reported).
    pub(crate) span: Span,
    /// The last token's span: a leaf's errors cover `span..=end`.
    pub(crate) end: Span,
    pub(crate) kind: LeafKind,
}

pub(crate) enum LeafKind {
    Literal(Literal),
    /// Any other element, forwarded as written.
    Expr(TokenStream),
    /// A literal whose error is already recorded.
    Invalid,
}

pub(crate) struct Literal {
    /// The token as written (without a leading `-`), for messages.
    pub(crate) token: Option<proc_macro2::Literal>,
    pub(crate) value: LiteralValue,
    /// The dtype a suffix names (`1u8`, `2.5f32`).
    pub(crate) suffix: Option<DType>,
}

pub(crate) enum LiteralValue {
    Int { negative: bool, magnitude: u128 },
    Float { negative: bool, decimal: Decimal },
    Bool(bool),
}

impl Literal {
    /// The literal as written, sign included: `-2.5`, `300u8`, `true`.
    pub(crate) fn text(&self) -> String {
        match (&self.value, &self.token) {
            (LiteralValue::Bool(b), _) => b.to_string(),
            (
                LiteralValue::Int { negative, .. } | LiteralValue::Float { negative, .. },
                Some(token),
            ) => {
                format!("{}{token}", if *negative { "-" } else { "" })
            }
            (_, None) => String::new(),
        }
    }
}

impl Node {
    pub(crate) fn span(&self) -> Span {
        match self {
            Node::Row(row) => row.span,
            Node::Leaf(leaf) => leaf.span,
        }
    }
}

impl TensorInput {
    pub(crate) fn parse(input: TokenStream, cx: &Ctxt) -> syn::Result<TensorInput> {
        let mut elements = Vec::new();
        let mut options = TokenStream::new();
        let mut in_options = false;
        for token in input {
            match &token {
                TokenTree::Punct(p) if p.as_char() == ';' && !in_options => in_options = true,
                _ if in_options => options.extend([token]),
                _ => elements.push(token),
            }
        }
        Ok(TensorInput {
            elements: parse_elements(elements, 0, cx)?,
            options: Options::parse(options)?,
        })
    }
}

/// The elements of one row (or of the top level, at `depth` 0).
fn parse_elements(tokens: Vec<TokenTree>, depth: usize, cx: &Ctxt) -> syn::Result<Vec<Node>> {
    let pieces = split_elements(tokens)?;
    let mut nodes = Vec::with_capacity(pieces.len());
    for piece in pieces {
        nodes.push(parse_node(piece, depth, cx)?);
    }
    Ok(nodes)
}

/// Splits at top-level commas; a trailing comma is allowed, an empty element is not. Commas
/// inside a turbofish (`f::<A, B>()`) do not split.
fn split_elements(tokens: Vec<TokenTree>) -> syn::Result<Vec<Vec<TokenTree>>> {
    let mut pieces = Vec::new();
    let mut current = Vec::new();
    let mut angle_depth = 0usize;
    let mut previous_colons = 0;
    for token in tokens {
        if let TokenTree::Punct(p) = &token {
            match p.as_char() {
                ',' if angle_depth == 0 => {
                    if current.is_empty() {
                        return Err(syn::Error::new(
                            p.span(),
                            "expected an element before this `,`",
                        ));
                    }
                    pieces.push(std::mem::take(&mut current));
                    previous_colons = 0;
                    continue;
                }
                ';' => {
                    return Err(syn::Error::new(
                        p.span(),
                        "unexpected `;` in a row: separate elements with `,` (the repeat form \
                         `[x; n]` is not supported; options go after the last row, as in \
                         `tensor![[1, 2]; dtype = f32]`)",
                    ));
                }
                '<' if previous_colons == 2 || angle_depth > 0 => angle_depth += 1,
                '>' if angle_depth > 0 => angle_depth -= 1,
                _ => {}
            }
            previous_colons = if p.as_char() == ':' {
                previous_colons + 1
            } else {
                0
            };
        } else {
            previous_colons = 0;
        }
        current.push(token);
    }
    if !current.is_empty() {
        pieces.push(current);
    }
    Ok(pieces)
}

fn parse_node(mut piece: Vec<TokenTree>, depth: usize, cx: &Ctxt) -> syn::Result<Node> {
    // A macro_rules fragment (`$x:expr`) arrives wrapped in an invisible group: look inside.
    while let [TokenTree::Group(group)] = piece.as_slice() {
        if group.delimiter() != Delimiter::None {
            break;
        }
        piece = group.stream().into_iter().collect();
    }
    let span = piece.first().map_or_else(Span::call_site, TokenTree::span);
    let end = piece.last().map_or(span, TokenTree::span);
    let kind = match piece.as_slice() {
        [TokenTree::Group(group)] if group.delimiter() == Delimiter::Bracket => {
            // Rows at `depth` add a dimension below the `depth + 1` already counted.
            if depth + 2 > MAX_RANK {
                return Err(syn::Error::new(
                    group.span(),
                    format!("tensor rank exceeds MAX_RANK = {MAX_RANK}: a tensor has at most {MAX_RANK} dimensions"),
                ));
            }
            let items = parse_elements(group.stream().into_iter().collect(), depth + 1, cx)?;
            return Ok(Node::Row(Row {
                span: group.span(),
                items,
            }));
        }
        [TokenTree::Literal(literal)] => parse_literal(literal, false, cx),
        [TokenTree::Punct(minus), TokenTree::Literal(literal)] if minus.as_char() == '-' => {
            parse_literal(literal, true, cx)
        }
        [TokenTree::Ident(ident)] if ident == "true" || ident == "false" => {
            LeafKind::Literal(Literal {
                token: None,
                value: LiteralValue::Bool(ident == "true"),
                suffix: None,
            })
        }
        _ => LeafKind::Expr(piece.into_iter().collect()),
    };
    Ok(Node::Leaf(Leaf { span, end, kind }))
}

fn parse_literal(literal: &proc_macro2::Literal, negative: bool, cx: &Ctxt) -> LeafKind {
    let span = literal.span();
    match syn::Lit::new(literal.clone()) {
        syn::Lit::Int(int) => {
            let Ok(suffix) = parse_suffix(int.suffix(), span, cx) else {
                return LeafKind::Invalid;
            };
            match int.base10_parse::<u128>() {
                Ok(magnitude) => LeafKind::Literal(Literal {
                    token: Some(literal.clone()),
                    value: LiteralValue::Int {
                        negative,
                        magnitude,
                    },
                    suffix,
                }),
                Err(_) => {
                    cx.error(span, format!("`{literal}` is too large for any dtype"));
                    LeafKind::Invalid
                }
            }
        }
        syn::Lit::Float(float) => {
            let Ok(suffix) = parse_suffix(float.suffix(), span, cx) else {
                return LeafKind::Invalid;
            };
            if suffix.is_some_and(|dtype| !dtype.is_float()) {
                cx.error(
                    span,
                    format!(
                        "integer suffix `{}` on a float literal; write a float suffix (`f32`, \
                         `f64`) or name the dtype with `; dtype = …` and a `cast` mode",
                        float.suffix()
                    ),
                );
                return LeafKind::Invalid;
            }
            match Decimal::parse(float.base10_digits()) {
                Some(decimal) => LeafKind::Literal(Literal {
                    token: Some(literal.clone()),
                    value: LiteralValue::Float { negative, decimal },
                    suffix,
                }),
                None => {
                    cx.error(span, format!("cannot read the float literal `{literal}`"));
                    LeafKind::Invalid
                }
            }
        }
        other => {
            let kind = match other {
                syn::Lit::Str(_) | syn::Lit::CStr(_) => "a string literal",
                syn::Lit::ByteStr(_) => "a byte string literal",
                syn::Lit::Byte(_) => "a byte literal",
                syn::Lit::Char(_) => "a character literal",
                _ => "an unsupported literal",
            };
            cx.error(
                span,
                format!("expected a number or `true`/`false`, found {kind} `{literal}`"),
            );
            LeafKind::Invalid
        }
    }
}

/// `Ok(None)` without a suffix, `Ok(Some(dtype))` for a dtype's name, `Err` (error recorded)
/// otherwise.
fn parse_suffix(suffix: &str, span: Span, cx: &Ctxt) -> Result<Option<DType>, ()> {
    if suffix.is_empty() {
        return Ok(None);
    }
    match DType::ALL
        .into_iter()
        .find(|dtype| *dtype != DType::Bool && dtype.name() == suffix)
    {
        Some(dtype) => Ok(Some(dtype)),
        None => {
            cx.error(
                span,
                format!(
                    "`{suffix}` is not a tensor dtype; use a suffix among u8, u16, u32, u64, \
                     i8, i16, i32, i64, f16, bf16, f32, f64"
                ),
            );
            Err(())
        }
    }
}
