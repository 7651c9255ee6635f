//! The fast path of `tensor!` for its large case: only literals, rows and `dtype`/`cast`.
//!
//! Iterating a million tokens through the proc-macro bridge costs rustc more than the plain
//! array literal would (and proc macros run unoptimized in debug builds). One `to_string` of
//! the input is cheap, so this path reads that text in one pass, converting each literal
//! straight into the output bytes. It gives up (`None`) on anything else — an expression, a
//! `crate = …` option, or any mistake — and the token path then expands the input, with spanned
//! errors. Both paths share the conversion (`convert`), the dtype rule (`dtype_rule`) and the
//! emission (`emit::from_bytes`); a test checks they agree.

use proc_macro2::TokenStream;
use quote::quote;
use tensorize_runtime::{CastMode, DType, MAX_RANK};

use super::check::{dtype_rule, LiteralKinds};
use super::convert::convert;
use super::emit::{from_bytes, push_le_bytes};
use super::literal::{classify, Numeric};
use super::parse::{Literal, LiteralValue};

/// The expansion of a plain literal tensor, or `None` to leave it to the token path.
pub(crate) fn expand(input: &TokenStream) -> Option<TokenStream> {
    let text = input.to_string();
    let (body_end, options) = match text.find(';') {
        Some(at) => (at, &text[at + 1..]),
        None => (text.len(), ""),
    };
    let (named, mode) = parse_options(options)?;
    let mut guess = named;
    loop {
        let mut scan = Scan {
            speculative: guess.is_none(),
            failed: false,
            text: &text,
            bytes: &text.as_bytes()[..body_end],
            pos: 0,
            dtype: guess,
            mode,
            named,
            extents: [None; MAX_RANK + 1],
            rows: [None; MAX_RANK + 1],
            kinds: LiteralKinds::default(),
            suffix: None,
            out: Vec::new(),
        };
        let top = scan.list(0, None)?;
        let dtype = dtype_rule(named, scan.suffix, scan.kinds)?;
        if scan.dtype != Some(dtype) && scan.speculative {
            // The first literal's dtype was not the tensor's (`[1, 2.5]`): convert again.
            guess = Some(dtype);
            continue;
        }
        if scan.failed {
            return None;
        }
        let mut shape = vec![top];
        while scan.rows[shape.len() - 1] == Some(true) {
            shape.push(scan.extents[shape.len()]?);
        }
        return Some(from_bytes(&shape, dtype, &scan.out, &quote!(::tensorize)));
    }
}

/// `dtype = …` and `cast = …`, each at most once; `None` for anything else.
fn parse_options(text: &str) -> Option<(Option<DType>, Option<CastMode>)> {
    let (mut dtype, mut mode) = (None, None);
    for option in text.split(',') {
        let option = option.trim();
        if option.is_empty() {
            continue;
        }
        let (key, value) = option.split_once('=')?;
        let value = value.trim();
        match key.trim() {
            "dtype" if dtype.is_none() => {
                dtype = Some(DType::ALL.into_iter().find(|d| d.name() == value)?);
            }
            "cast" if mode.is_none() => mode = Some(CastMode::from_name(value)?),
            _ => return None,
        }
    }
    Some((dtype, mode))
}

struct Scan<'t> {
    /// The whole input text: literal ranges index into it.
    text: &'t str,
    /// The elements' part of it (before `;`).
    bytes: &'t [u8],
    pos: usize,
    /// The dtype values are converted to: the named one, or the first literal's.
    dtype: Option<DType>,
    /// Whether `dtype` is the first literal's guess, which later literals may overrule.
    speculative: bool,
    /// Whether a value did not convert to `dtype`.
    failed: bool,
    mode: Option<CastMode>,
    named: Option<DType>,
    /// The length of every list at each depth, once the first is seen.
    extents: [Option<usize>; MAX_RANK + 1],
    /// Whether the elements at each depth are rows, once the first is seen.
    rows: [Option<bool>; MAX_RANK + 1],
    kinds: LiteralKinds,
    /// The first suffix's dtype.
    suffix: Option<DType>,
    out: Vec<u8>,
}

impl Scan<'_> {
    fn skip_whitespace(&mut self) {
        while self.pos < self.bytes.len() && self.bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// The elements of a list at `depth` up to `closing` (or the end), and their count.
    fn list(&mut self, depth: usize, closing: Option<u8>) -> Option<usize> {
        let mut count = 0;
        loop {
            self.skip_whitespace();
            match self.peek() {
                None if closing.is_none() => break,
                Some(b) if Some(b) == closing => {
                    self.pos += 1;
                    break;
                }
                None => return None,
                Some(b'[') => {
                    if depth + 2 > MAX_RANK || !*self.rows[depth].get_or_insert(true) {
                        return None;
                    }
                    self.pos += 1;
                    let len = self.list(depth + 1, Some(b']'))?;
                    if *self.extents[depth + 1].get_or_insert(len) != len {
                        return None;
                    }
                }
                Some(_) => {
                    if *self.rows[depth].get_or_insert(false) {
                        return None;
                    }
                    self.scalar()?;
                }
            }
            count += 1;
            self.skip_whitespace();
            match self.peek() {
                Some(b',') => self.pos += 1,
                Some(b) if Some(b) == closing => {}
                None if closing.is_none() => {}
                _ => return None,
            }
        }
        Some(count)
    }

    /// One literal, converted into `out`.
    fn scalar(&mut self) -> Option<()> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.pos += 1;
            self.skip_whitespace();
        }
        let start = self.pos;
        if let Some(()) = self.plain_number(negative) {
            return Some(());
        }
        self.pos = start;
        let hex = self.bytes[start..].starts_with(b"0x");
        while let Some(b) = self.peek() {
            let exponent_sign = (b == b'+' || b == b'-')
                && !hex
                && self.pos > start
                && matches!(self.bytes[self.pos - 1], b'e' | b'E');
            if !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.' || exponent_sign) {
                break;
            }
            self.pos += 1;
        }
        let word = &self.text[start..self.pos];
        let literal = match word {
            "true" | "false" if !negative => Literal {
                negative,
                value: LiteralValue::Bool(word == "true"),
                suffix: None,
                text: start..self.pos,
            },
            _ => {
                let (value, suffix) = match classify(word).ok()? {
                    Numeric::Int { value, suffix } => (LiteralValue::Int(value?), suffix),
                    Numeric::Float { body, suffix } => (
                        LiteralValue::Float {
                            digits: start..start + body.len(),
                        },
                        suffix,
                    ),
                };
                let suffix = match suffix {
                    "" => None,
                    name => Some(
                        DType::ALL
                            .into_iter()
                            .find(|d| *d != DType::Bool && d.name() == name)?,
                    ),
                };
                if suffix.is_some_and(|d| !d.is_float())
                    && matches!(value, LiteralValue::Float { .. })
                {
                    return None;
                }
                Literal {
                    negative,
                    value,
                    suffix,
                    text: start..self.pos,
                }
            }
        };
        self.record(&literal)?;
        let dtype = self.dtype?;
        match convert(self.text, &literal, dtype, self.mode) {
            Ok(value) => push_le_bytes(&mut self.out, value),
            // The guess may be wrong (`[1, 2.5]` is f32): `expand` decides once all are seen.
            Err(_) if self.speculative => self.failed = true,
            Err(_) => return None,
        }
        Some(())
    }

    /// The common case, kept cheap because proc macros run unoptimized in debug builds: a
    /// plain decimal float (no suffix, no `_`) into f32 or f64 that neither overflows nor
    /// underflows, or a plain decimal integer into i32 within range. Any other literal gives
    /// `None`, and `scalar` reads it in full.
    fn plain_number(&mut self, negative: bool) -> Option<()> {
        let bytes = self.bytes;
        let start = self.pos;
        let mut i = start;
        let is_digit = |b: u8| b.wrapping_sub(b'0') < 10;
        while i < bytes.len() && is_digit(bytes[i]) {
            i += 1;
        }
        let integer_digits = i - start;
        let mut float = false;
        if i < bytes.len() && bytes[i] == b'.' {
            float = true;
            i += 1;
            while i < bytes.len() && is_digit(bytes[i]) {
                i += 1;
            }
        }
        if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
            float = true;
            i += 1;
            if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
                i += 1;
            }
            let exponent_start = i;
            while i < bytes.len() && is_digit(bytes[i]) {
                i += 1;
            }
            if i == exponent_start {
                return None;
            }
        }
        let followed_by_word = i < bytes.len()
            && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_' || bytes[i] == b'.');
        if integer_digits == 0 || followed_by_word {
            return None;
        }
        let text = &self.text[start..i];
        if float {
            self.note(true)?;
            match self.dtype? {
                DType::F32 => {
                    let x: f32 = text.parse().ok()?;
                    if x.is_infinite() || x == 0.0 {
                        return None;
                    }
                    self.out
                        .extend_from_slice(&(if negative { -x } else { x }).to_le_bytes());
                }
                DType::F64 => {
                    let x: f64 = text.parse().ok()?;
                    if x.is_infinite() || x == 0.0 {
                        return None;
                    }
                    self.out
                        .extend_from_slice(&(if negative { -x } else { x }).to_le_bytes());
                }
                _ => return None,
            }
        } else {
            if integer_digits > 10 || self.dtype? != DType::I32 {
                return None;
            }
            self.note(false)?;
            let mut value: i64 = 0;
            for &b in &bytes[start..i] {
                value = value * 10 + i64::from(b - b'0');
            }
            let value = i32::try_from(if negative { -value } else { value }).ok()?;
            self.out.extend_from_slice(&value.to_le_bytes());
        }
        self.pos = i;
        Some(())
    }

    /// `record` for an unsuffixed number (after the dtype is known).
    fn note(&mut self, float: bool) -> Option<()> {
        if self.kinds.any_bool {
            return None;
        }
        if float {
            self.kinds.any_float = true;
        } else {
            self.kinds.any_int = true;
        }
        Some(())
    }

    /// Notes the literal's kind and suffix; `None` where the token path reports an error.
    fn record(&mut self, literal: &Literal) -> Option<()> {
        let is_bool = matches!(literal.value, LiteralValue::Bool(_));
        let seen_bool = self.kinds.any_bool;
        let seen_number = self.kinds.any_float || self.kinds.any_int;
        if (is_bool && seen_number) || (!is_bool && seen_bool) {
            return None;
        }
        match literal.value {
            LiteralValue::Bool(_) => self.kinds.any_bool = true,
            LiteralValue::Int(_) => self.kinds.any_int = true,
            LiteralValue::Float { .. } => self.kinds.any_float = true,
        }
        if let Some(suffix) = literal.suffix {
            if self.named.is_some_and(|named| named != suffix) {
                return None;
            }
            if *self.suffix.get_or_insert(suffix) != suffix {
                return None;
            }
        }
        if self.dtype.is_none() {
            // The first literal guesses the dtype; `expand` converts again if it was wrong.
            let first = LiteralKinds {
                any_float: matches!(literal.value, LiteralValue::Float { .. }),
                any_int: matches!(literal.value, LiteralValue::Int(_)),
                any_bool: is_bool,
            };
            self.dtype = dtype_rule(None, literal.suffix, first);
        }
        Some(())
    }
}
