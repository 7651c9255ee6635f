//! Tokens → `TensorInput`: nested rows of leaves (literals or expressions), then the options.
//!
//! Elements are split at top-level commas and forwarded as tokens, not parsed as Rust
//! expressions; only literals are read. A tensor may have a million elements, so leaves live in
//! one flat vector (row-major, as written) and literal texts in one string. Syntax errors
//! return at once; errors in individual literals are collected in the `Ctxt`.

use std::ops::Range;

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use tensorize_runtime::{DType, MAX_RANK};

use super::literal::{classify, Numeric};
use crate::ctxt::Ctxt;
use crate::options::{split_options, Options};

/// A parsed `tensor!` invocation.
pub(crate) struct TensorInput {
    /// The top-level elements.
    pub(crate) items: Vec<Item>,
    /// Every leaf, in the order written (row-major).
    pub(crate) leaves: Vec<Leaf>,
    /// The text of every literal leaf, concatenated; a leaf keeps its range.
    pub(crate) texts: String,
    /// Whether any leaf is an expression.
    pub(crate) has_expressions: bool,
    pub(crate) options: Options,
}

/// An element: a row `[…]` or a leaf (an index into `TensorInput::leaves`).
pub(crate) enum Item {
    Row(Box<Row>),
    Leaf(usize),
}

pub(crate) struct Row {
    /// The span of the brackets and everything in them.
    pub(crate) span: Span,
    pub(crate) items: Vec<Item>,
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
    pub(crate) negative: bool,
    pub(crate) value: LiteralValue,
    /// The dtype a suffix names (`1u8`, `2.5f32`).
    pub(crate) suffix: Option<DType>,
    /// The literal as written, without its sign, in `TensorInput::texts`.
    pub(crate) text: Range<usize>,
}

pub(crate) enum LiteralValue {
    Int(u64),
    /// The digits (without suffix) are `TensorInput::texts[digits]`.
    Float {
        digits: Range<usize>,
    },
    Bool(bool),
}

impl TensorInput {
    pub(crate) fn parse(input: TokenStream, cx: &Ctxt) -> syn::Result<TensorInput> {
        let (elements, options) = split_options(input);
        let options = Options::parse(options)?;
        let mut parser = Parser {
            leaves: Vec::new(),
            texts: String::new(),
            has_expressions: false,
            cx,
        };
        let items = parser.list(elements, 0)?;
        Ok(TensorInput {
            items,
            leaves: parser.leaves,
            texts: parser.texts,
            has_expressions: parser.has_expressions,
            options,
        })
    }

    /// A literal as written, sign included: `-2.5`, `300u8`, `true`.
    pub(crate) fn text(&self, literal: &Literal) -> String {
        literal.text(&self.texts)
    }
}

impl Literal {
    /// The literal as written, sign included, given the text it was read from.
    pub(crate) fn text(&self, texts: &str) -> String {
        let sign = if self.negative { "-" } else { "" };
        match self.value {
            LiteralValue::Bool(b) => b.to_string(),
            _ => format!("{sign}{}", &texts[self.text.clone()]),
        }
    }
}

struct Parser<'c> {
    leaves: Vec<Leaf>,
    texts: String,
    has_expressions: bool,
    cx: &'c Ctxt,
}

impl Parser<'_> {
    /// The elements of one row (or of the top level, at `depth` 0), split at top-level commas.
    /// A trailing comma is allowed, an empty element is not. Commas inside a turbofish
    /// (`f::<A, B>()`) do not split.
    fn list(
        &mut self,
        tokens: impl IntoIterator<Item = TokenTree>,
        depth: usize,
    ) -> syn::Result<Vec<Item>> {
        let mut items = Vec::new();
        let mut piece = Vec::new();
        let mut angle_depth = 0usize;
        let mut previous_colons = 0;
        for token in tokens {
            if let TokenTree::Punct(p) = &token {
                match p.as_char() {
                    ',' if angle_depth == 0 => {
                        if piece.is_empty() {
                            return Err(syn::Error::new(
                                p.span(),
                                "expected an element before this `,`",
                            ));
                        }
                        items.push(self.item(&mut piece, depth)?);
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
            piece.push(token);
        }
        if !piece.is_empty() {
            items.push(self.item(&mut piece, depth)?);
        }
        Ok(items)
    }

    /// One element from its tokens (which it takes, leaving `piece` empty).
    fn item(&mut self, piece: &mut Vec<TokenTree>, depth: usize) -> syn::Result<Item> {
        // A macro_rules fragment (`$x:expr`) arrives wrapped in an invisible group: look inside.
        while let [TokenTree::Group(group)] = piece.as_slice() {
            if group.delimiter() != Delimiter::None {
                break;
            }
            *piece = group.stream().into_iter().collect();
        }
        // So does a literal after a `-` (`-$x`).
        if let [TokenTree::Punct(minus), TokenTree::Group(group)] = piece.as_slice() {
            if minus.as_char() == '-' && group.delimiter() == Delimiter::None {
                let mut inner = group.stream().into_iter();
                if let (Some(literal @ TokenTree::Literal(_)), None) = (inner.next(), inner.next())
                {
                    piece[1] = literal;
                }
            }
        }
        let span = piece.first().map_or_else(Span::call_site, TokenTree::span);
        let end = piece.last().map_or(span, TokenTree::span);
        let kind = match piece.as_slice() {
            [TokenTree::Group(group)] if group.delimiter() == Delimiter::Bracket => {
                // Rows at `depth` add a dimension below the `depth + 1` already counted.
                if depth + 2 > MAX_RANK {
                    return Err(syn::Error::new(
                        group.span(),
                        format!(
                            "tensor rank exceeds MAX_RANK = {MAX_RANK}: a tensor has at most \
                             {MAX_RANK} dimensions"
                        ),
                    ));
                }
                let row = Row {
                    span: group.span(),
                    items: self.list(group.stream(), depth + 1)?,
                };
                piece.clear();
                return Ok(Item::Row(Box::new(row)));
            }
            [TokenTree::Literal(literal)] => self.literal(literal, false),
            [TokenTree::Punct(minus), TokenTree::Literal(literal)] if minus.as_char() == '-' => {
                self.literal(literal, true)
            }
            [TokenTree::Ident(ident)] if ident == "true" || ident == "false" => {
                LeafKind::Literal(Literal {
                    negative: false,
                    value: LiteralValue::Bool(ident == "true"),
                    suffix: None,
                    text: 0..0,
                })
            }
            _ => {
                self.has_expressions = true;
                LeafKind::Expr(piece.drain(..).collect())
            }
        };
        piece.clear();
        self.leaves.push(Leaf { span, end, kind });
        Ok(Item::Leaf(self.leaves.len() - 1))
    }

    fn literal(&mut self, literal: &proc_macro2::Literal, negative: bool) -> LeafKind {
        let span = literal.span();
        let written = literal.to_string();
        let (value, suffix) = match classify(&written) {
            Ok(Numeric::Int {
                value: Some(value),
                suffix,
            }) => (Ok(value), suffix),
            Ok(Numeric::Int { value: None, .. }) => {
                self.cx
                    .error(span, format!("`{written}` is too large for any dtype"));
                return LeafKind::Invalid;
            }
            Ok(Numeric::Float { body, suffix }) => (Err(body.len()), suffix),
            Err(kind) => {
                self.cx.error(
                    span,
                    format!(
                        "expected a number or `true`/`false`, found {} `{written}`",
                        kind.description()
                    ),
                );
                return LeafKind::Invalid;
            }
        };
        let Ok(suffix) = self.suffix(suffix, span) else {
            return LeafKind::Invalid;
        };
        let start = self.texts.len();
        self.texts.push_str(&written);
        let text = start..self.texts.len();
        let value = match value {
            Ok(int) => LiteralValue::Int(int),
            Err(body_len) => {
                if suffix.is_some_and(|dtype| !dtype.is_float()) {
                    self.cx.error(
                        span,
                        format!(
                            "integer suffix on the float literal `{written}`; write a float \
                             suffix (`f32`, `f64`) or name the dtype with `; dtype = …` and a \
                             `cast` mode"
                        ),
                    );
                    return LeafKind::Invalid;
                }
                LiteralValue::Float {
                    digits: start..start + body_len,
                }
            }
        };
        LeafKind::Literal(Literal {
            negative,
            value,
            suffix,
            text,
        })
    }

    /// `Ok(None)` without a suffix, `Ok(Some(dtype))` for a dtype's name, `Err` (error recorded)
    /// otherwise.
    fn suffix(&self, suffix: &str, span: Span) -> Result<Option<DType>, ()> {
        if suffix.is_empty() {
            return Ok(None);
        }
        match DType::ALL
            .into_iter()
            .find(|dtype| *dtype != DType::Bool && dtype.name() == suffix)
        {
            Some(dtype) => Ok(Some(dtype)),
            None => {
                self.cx.error(
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
}
