//! Reading a literal token's text by hand: what kind it is, its suffix, and its value.
//!
//! `tensor!` may be handed a million literals, and proc macros run unoptimized in a debug build,
//! so this avoids `syn::Lit` (which allocates and parses each float with a big integer) and
//! does the least work per literal: one pass over the bytes and no allocation.

/// What a numeric literal's text is, without its sign.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Numeric<'a> {
    /// An integer literal and its value (`None` if it exceeds `u64`).
    Int { value: Option<u64>, suffix: &'a str },
    /// A float literal: its digits as written (underscores included, suffix excluded).
    Float { body: &'a str, suffix: &'a str },
}

/// Why a literal is not a number.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum NotNumeric {
    String,
    ByteString,
    Byte,
    Char,
    Other,
}

impl NotNumeric {
    pub(crate) fn description(&self) -> &'static str {
        match self {
            NotNumeric::String => "a string literal",
            NotNumeric::ByteString => "a byte string literal",
            NotNumeric::Byte => "a byte literal",
            NotNumeric::Char => "a character literal",
            NotNumeric::Other => "an unsupported literal",
        }
    }
}

/// Classifies the text of a literal token (as rustc's lexer produced it).
pub(crate) fn classify(text: &str) -> Result<Numeric<'_>, NotNumeric> {
    let bytes = text.as_bytes();
    match bytes {
        [b'"' | b'r', ..] | [b'c', b'"' | b'r', ..] => return Err(NotNumeric::String),
        [b'b', b'"' | b'r', ..] => return Err(NotNumeric::ByteString),
        [b'b', b'\'', ..] => return Err(NotNumeric::Byte),
        [b'\'', ..] => return Err(NotNumeric::Char),
        [b'0'..=b'9', ..] => {}
        _ => return Err(NotNumeric::Other),
    }
    if let [b'0', radix @ (b'x' | b'o' | b'b'), ..] = bytes {
        let (radix, is_digit): (u32, fn(u8) -> bool) = match radix {
            b'x' => (16, |b: u8| b.is_ascii_hexdigit() || b == b'_'),
            b'o' => (8, |b: u8| b.is_ascii_digit() || b == b'_'),
            _ => (2, |b: u8| b.is_ascii_digit() || b == b'_'),
        };
        let end = 2 + bytes[2..].iter().take_while(|&&b| is_digit(b)).count();
        return Ok(Numeric::Int {
            value: integer_value(&text[2..end], radix),
            suffix: &text[end..],
        });
    }
    let digits = |from: usize| {
        from + bytes[from..]
            .iter()
            .take_while(|&&b| b.is_ascii_digit() || b == b'_')
            .count()
    };
    let mut end = digits(0);
    let mut float = false;
    if bytes.get(end) == Some(&b'.')
        && !matches!(bytes.get(end + 1), Some(b) if *b == b'.' || b.is_ascii_alphabetic() || *b == b'_')
    {
        float = true;
        end = digits(end + 1);
    }
    if matches!(bytes.get(end), Some(b'e' | b'E')) {
        let mut exponent = end + 1;
        if matches!(bytes.get(exponent), Some(b'+' | b'-')) {
            exponent += 1;
        }
        let exponent_end = digits(exponent);
        if bytes[exponent..exponent_end].iter().any(u8::is_ascii_digit) {
            float = true;
            end = exponent_end;
        }
    }
    if float {
        Ok(Numeric::Float {
            body: &text[..end],
            suffix: &text[end..],
        })
    } else {
        Ok(Numeric::Int {
            value: integer_value(&text[..end], 10),
            suffix: &text[end..],
        })
    }
}

fn integer_value(digits: &str, radix: u32) -> Option<u64> {
    let mut value: u64 = 0;
    let mut any = false;
    for c in digits.chars() {
        if c == '_' {
            continue;
        }
        let digit = c.to_digit(radix)?;
        value = value
            .checked_mul(u64::from(radix))?
            .checked_add(u64::from(digit))?;
        any = true;
    }
    any.then_some(value)
}

/// A float body without underscores, borrowed when it has none.
pub(crate) fn without_underscores(body: &str) -> std::borrow::Cow<'_, str> {
    if body.contains('_') {
        std::borrow::Cow::Owned(body.replace('_', ""))
    } else {
        std::borrow::Cow::Borrowed(body)
    }
}

/// Whether a float body has a non-zero digit before its exponent.
pub(crate) fn is_nonzero(body: &str) -> bool {
    body.bytes()
        .take_while(|&b| b != b'e' && b != b'E')
        .any(|b| (b'1'..=b'9').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_like_rustc() {
        let int = |value, suffix| {
            Ok(Numeric::Int {
                value: Some(value),
                suffix,
            })
        };
        let float = |body, suffix| Ok(Numeric::Float { body, suffix });
        assert_eq!(classify("300"), int(300, ""));
        assert_eq!(classify("1_000u16"), int(1000, "u16"));
        assert_eq!(classify("1f32"), int(1, "f32"));
        assert_eq!(classify("0x1f32"), int(0x1f32, ""));
        assert_eq!(classify("0xffu8"), int(255, "u8"));
        assert_eq!(classify("0o17i8"), int(15, "i8"));
        assert_eq!(classify("0b1010_1010"), int(170, ""));
        assert_eq!(classify("18446744073709551615"), int(u64::MAX, ""));
        assert_eq!(
            classify("18446744073709551616"),
            Ok(Numeric::Int {
                value: None,
                suffix: ""
            })
        );
        assert_eq!(classify("2.5"), float("2.5", ""));
        assert_eq!(classify("2."), float("2.", ""));
        assert_eq!(classify("1e10"), float("1e10", ""));
        assert_eq!(classify("1E-5f64"), float("1E-5", "f64"));
        assert_eq!(classify("6.02e+23_f32"), float("6.02e+23_", "f32"));
        assert_eq!(classify("1_000.5_f32"), float("1_000.5_", "f32"));
        assert_eq!(classify("1.5u8"), float("1.5", "u8"));
        assert_eq!(classify("\"s\""), Err(NotNumeric::String));
        assert_eq!(classify("r#\"s\"#"), Err(NotNumeric::String));
        assert_eq!(classify("b\"s\""), Err(NotNumeric::ByteString));
        assert_eq!(classify("b'a'"), Err(NotNumeric::Byte));
        assert_eq!(classify("'a'"), Err(NotNumeric::Char));
    }

    #[test]
    fn agrees_with_syn_on_values_and_suffixes() {
        for text in [
            "0",
            "7u8",
            "1_2_3",
            "0x7F",
            "0o777u16",
            "0b11i8",
            "12345678901234567890",
            "9e3",
            "1.25e-3f32",
            "3.",
            "0.5_f64",
        ] {
            let literal: proc_macro2::Literal = text.parse().unwrap();
            match (syn::Lit::new(literal), classify(text).unwrap()) {
                (syn::Lit::Int(lit), Numeric::Int { value, suffix }) => {
                    assert_eq!(lit.base10_parse::<u64>().ok(), value, "{text}");
                    assert_eq!(lit.suffix(), suffix, "{text}");
                }
                (syn::Lit::Float(lit), Numeric::Float { body, suffix }) => {
                    assert_eq!(lit.base10_digits(), without_underscores(body), "{text}");
                    assert_eq!(lit.suffix(), suffix, "{text}");
                }
                (_, ours) => panic!("{text}: syn disagrees with {ours:?}"),
            }
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(without_underscores("1_000.5"), "1000.5");
        assert!(is_nonzero("0.001"));
        assert!(!is_nonzero("0.000e5"));
        assert!(!is_nonzero("0e1"));
    }
}
