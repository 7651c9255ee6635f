//! Unit tests of the `tensor!` expansion as a plain function, without rustc.

use proc_macro2::TokenStream;
use tensorize_runtime::__private::Scalar;
use tensorize_runtime::{bf16, f16, DType};

use super::check::{check, Data, Element};
use super::parse::TensorInput;
use super::{expand, expand_tokens, fast};
use crate::ctxt::Ctxt;

fn tokens(text: &str) -> TokenStream {
    text.parse().expect("test input lexes")
}

/// The shape, dtype and values `tensor![text]` expands to.
fn checked(text: &str) -> (Vec<usize>, Option<DType>, Vec<Scalar>) {
    let cx = Ctxt::new();
    let input = TensorInput::parse(tokens(text), &cx).expect("parses");
    let checked = check(&input, &cx);
    cx.check().expect("no errors");
    let values = match (&checked.data, checked.dtype) {
        (Data::Elements(elements), _) => elements
            .iter()
            .filter_map(|element| match element {
                Element::Value(value) => Some(*value),
                Element::Expr { .. } => None,
            })
            .collect(),
        (Data::Bytes(bytes), Some(dtype)) => from_le_bytes(bytes, dtype),
        (Data::Bytes(_), None) => Vec::new(),
    };
    (checked.shape, checked.dtype, values)
}

/// Decodes what `check` encoded, to compare values.
fn from_le_bytes(bytes: &[u8], dtype: DType) -> Vec<Scalar> {
    bytes
        .chunks(dtype.size_of())
        .map(|b| match dtype {
            DType::Bool => Scalar::Bool(b[0] != 0),
            DType::U8 => Scalar::U8(b[0]),
            DType::U16 => Scalar::U16(u16::from_le_bytes([b[0], b[1]])),
            DType::U32 => Scalar::U32(u32::from_le_bytes(b.try_into().unwrap())),
            DType::U64 => Scalar::U64(u64::from_le_bytes(b.try_into().unwrap())),
            DType::I8 => Scalar::I8(b[0] as i8),
            DType::I16 => Scalar::I16(i16::from_le_bytes([b[0], b[1]])),
            DType::I32 => Scalar::I32(i32::from_le_bytes(b.try_into().unwrap())),
            DType::I64 => Scalar::I64(i64::from_le_bytes(b.try_into().unwrap())),
            DType::F16 => Scalar::F16(f16::from_le_bytes([b[0], b[1]])),
            DType::BF16 => Scalar::BF16(bf16::from_le_bytes([b[0], b[1]])),
            DType::F32 => Scalar::F32(f32::from_le_bytes(b.try_into().unwrap())),
            DType::F64 => Scalar::F64(f64::from_le_bytes(b.try_into().unwrap())),
        })
        .collect()
}

/// Every error message of `tensor![text]`, in order.
fn errors(text: &str) -> Vec<String> {
    match expand(tokens(text)) {
        Ok(output) => panic!("expected errors, got {output}"),
        Err(error) => error.into_iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn shapes_and_inferred_dtypes() {
    assert_eq!(checked("1, 2, 3").0, [3]);
    assert_eq!(checked("5").0, [1]);
    assert_eq!(checked("[[1], [2]], [[3], [4]]").0, [2, 2, 1]);
    assert_eq!(checked("[1, 2], [3, 4]").1, Some(DType::I32));
    assert_eq!(checked("[1.0, 2.5], [3, 4]").1, Some(DType::F32));
    assert_eq!(checked("1u8, 2, 3").1, Some(DType::U8));
    assert_eq!(checked("1, 2.5f64").1, Some(DType::F64));
    assert_eq!(checked("1f32, 2").1, Some(DType::F32));
    assert_eq!(checked("true, false").1, Some(DType::Bool));
    assert_eq!(checked("a, b").1, None);
    assert_eq!(checked("a, 1.5").1, Some(DType::F32));
    assert_eq!(checked("; dtype = f32").0, [0]);
    assert_eq!(checked("[], []; dtype = u8").0, [2, 0]);
    assert_eq!(checked("1,").0, [1], "a trailing comma is fine");
}

#[test]
fn values_convert_by_the_one_rule() {
    assert_eq!(checked("2.0; dtype = i32").2, [Scalar::I32(2)]);
    assert_eq!(checked("-0.0; dtype = u8").2, [Scalar::U8(0)]);
    assert_eq!(
        checked("true, false; dtype = u8").2,
        [Scalar::U8(1), Scalar::U8(0)]
    );
    assert_eq!(
        checked("1, 0; dtype = bool").2,
        [Scalar::Bool(true), Scalar::Bool(false)]
    );
    assert_eq!(
        checked("1.7, -2.5, 2.5, 0.5000001; dtype = i32, cast = round").2,
        [
            Scalar::I32(2),
            Scalar::I32(-2),
            Scalar::I32(2),
            Scalar::I32(1)
        ]
    );
    assert_eq!(
        checked("1.7, -2.5; dtype = i32, cast = as").2,
        [Scalar::I32(1), Scalar::I32(-2)]
    );
    assert_eq!(
        checked("300, -1, 1e30; dtype = u8, cast = saturate").2,
        [Scalar::U8(255), Scalar::U8(0), Scalar::U8(255)]
    );
    assert_eq!(
        checked("300, -1; dtype = u8, cast = as").2,
        [Scalar::U8(44), Scalar::U8(255)]
    );
    assert_eq!(
        checked("70000.0, -1e39; dtype = f16, cast = saturate").2,
        [Scalar::F16(f16::MAX), Scalar::F16(f16::MIN)]
    );
    assert_eq!(
        checked("70000.0; dtype = f16, cast = as").2,
        [Scalar::F16(f16::INFINITY)]
    );
    assert_eq!(
        checked("0.5, 2; dtype = bool, cast = as").2,
        [Scalar::Bool(true); 2]
    );
    assert_eq!(
        checked("0x7f, 0b101, 0o17; dtype = i8").2,
        [Scalar::I8(127), Scalar::I8(5), Scalar::I8(15)]
    );
    assert_eq!(checked("-128i8").2, [Scalar::I8(-128)]);
    assert_eq!(
        checked("18446744073709551615u64").2,
        [Scalar::U64(u64::MAX)]
    );
    assert_eq!(
        checked("-9223372036854775808i64").2,
        [Scalar::I64(i64::MIN)]
    );
    assert_eq!(
        checked("16_777_216; dtype = f32").2,
        [Scalar::F32(16_777_216.0)]
    );
    assert_eq!(
        checked("16_777_217; dtype = f32, cast = round").2,
        [Scalar::F32(16_777_216.0)]
    );
    assert_eq!(checked("0.1; dtype = f64").2, [Scalar::F64(0.1)]);
    assert_eq!(checked("0.1").2, [Scalar::F32(0.1)]);
    assert_eq!(checked("-0.0; dtype = f16").2, [Scalar::F16(f16::NEG_ZERO)]);
    assert_eq!(
        checked("1e-9; dtype = f16, cast = round").2,
        [Scalar::F16(f16::ZERO)]
    );
}

#[test]
fn half_types_match_half_on_exactly_representable_decimals() {
    for text in [
        "1.0",
        "0.5",
        "65504",
        "-2.25",
        "0.099975586",
        "3.3895314e38",
        "1e-7",
    ] {
        let x: f32 = text.parse().unwrap();
        let Scalar::F16(h) = checked(&format!("{text}; dtype = f16, cast = as")).2[0] else {
            panic!()
        };
        assert_eq!(h, f16::from_f32(x), "{text}");
        let Scalar::BF16(b) = checked(&format!("{text}; dtype = bf16, cast = as")).2[0] else {
            panic!()
        };
        assert_eq!(b, bf16::from_f32(x), "{text}");
    }
}

/// Decimals on and next to every kind of midpoint, against exact rational rounding done by
/// `scripts/gen_decimal_rounding.py`.
#[test]
fn float_literals_round_once_from_their_decimal_digits() {
    let fixture = include_str!("../../tests/fixtures/decimal_rounding.tsv");
    let mut cases = 0;
    for line in fixture.lines().filter(|line| !line.starts_with('#')) {
        let fields: Vec<&str> = line.split('\t').collect();
        let expected = u32::from_str_radix(fields[2].trim_start_matches("0x"), 16).unwrap();
        let (_, _, values) = checked(&format!("{}; dtype = {}, cast = as", fields[1], fields[0]));
        let bits = match values[0] {
            Scalar::F16(x) => u32::from(x.to_bits()),
            Scalar::BF16(x) => u32::from(x.to_bits()),
            Scalar::F32(x) => x.to_bits(),
            other => panic!("{other:?}"),
        };
        assert_eq!(bits, expected, "{line}");
        cases += 1;
    }
    assert!(cases > 5000);
    // Through f64 this one rounds twice: the f64 nearest is the midpoint 1 + 2^-11, which ties
    // down to 1.0; the decimal is above it.
    let (_, _, v) = checked("1.00048828125000000000001; dtype = f16");
    assert_eq!(v, [Scalar::F16(f16::from_bits(0x3c01))]);
    let (_, _, v) = checked("1.00048828125; dtype = f16");
    assert_eq!(v, [Scalar::F16(f16::ONE)]);
    // Just below max + half an ulp: 65504, not infinity.
    let (_, _, v) = checked("65519.999999999999999999; dtype = f16");
    assert_eq!(v, [Scalar::F16(f16::MAX)]);
}

#[test]
fn all_literal_tensors_are_one_little_endian_byte_string() {
    let output = expand(tokens("[1, 2], [3, -4]; dtype = i16"))
        .unwrap()
        .to_string();
    assert!(
        output.contains(
            "tensor_from_le_bytes :: < [[:: core :: primitive :: i16 ; 2] ; 2] , 8usize >"
        ),
        "{output}"
    );
    // Little-endian whatever the host: the runtime swaps on big-endian targets.
    assert!(
        output.contains(r#"b"\x01\0\x02\0\x03\0\xFC\xFF""#),
        "{output}"
    );
    assert!(output.starts_with("const {"), "{output}");
}

#[test]
fn expressions_are_forwarded_and_converted_when_a_dtype_is_named() {
    let output = expand(tokens("[a, b]")).unwrap().to_string();
    assert_eq!(output, ":: tensorize :: Tensor :: new ([[a , b]])");
    let output = expand(tokens("[a, 1]; dtype = f32")).unwrap().to_string();
    assert!(
        output.contains("lossless :: < _ , :: core :: primitive :: f32 > (a)"),
        "{output}"
    );
    assert!(
        output.contains("f32 :: from_bits (1065353216u32)"),
        "{output}"
    );
    let output = expand(tokens(
        "x.max(1); dtype = u8, cast = saturate, crate = ::my_tz",
    ))
    .unwrap()
    .to_string();
    assert!(output.contains(":: my_tz :: __private :: cast_with :: < _ , :: core :: primitive :: u8 > (x . max (1) , :: my_tz :: CastMode :: Saturate)"), "{output}");
    let output = expand(tokens("f::<u8, u16>(1), 2u8")).unwrap().to_string();
    assert!(output.contains("[f ::< u8 , u16 > (1) , 2u8]"), "{output}");
}

#[test]
fn every_error_of_an_invocation_is_reported() {
    assert_eq!(
        errors("[1, 2, 3], [4, 5], [6, 7, 8, 9]"),
        [
            "expected 3 elements, like the first row; found 2",
            "expected 3 elements, like the first row; found 4"
        ]
    );
    assert_eq!(
        errors("300, -1, 2.5; dtype = u8"),
        [
            "`300` is out of range for u8 (0..=255); write a value in range, or add `cast = saturate` to clamp it (`cast = as` wraps)",
            "`-1` is out of range for u8 (0..=255); write a value in range, or add `cast = saturate` to clamp it (`cast = as` wraps)",
            "`2.5` is not an integer, so it is not exact as u8; add `cast = round` (to nearest, ties to even) or `cast = as` (toward zero)",
        ]
    );
}

#[test]
fn error_messages() {
    let first = |text: &str| errors(text).remove(0);
    assert_eq!(first("3_000_000_000"), "`3_000_000_000` is out of range for i32 (-2147483648..=2147483647); write a value in range, or add `cast = saturate` to clamp it (`cast = as` wraps)");
    assert_eq!(first("16_777_217; dtype = f32"), "`16_777_217` is not exactly representable as f32 (the nearest f32 is 16777216.0); write that, or add `cast = round` to round it");
    assert_eq!(first("1e39"), "`1e39` overflows f32 (largest finite: 3.4028235e38); add `cast = saturate` to clamp it to the largest finite value, or `cast = as` for infinity");
    assert_eq!(
        first("1e-50"),
        "`1e-50` underflows to zero in f32; write `0.0`, or add a `cast` mode to allow it"
    );
    assert_eq!(first("2; dtype = bool"), "`2` is not exact as bool (only 0 and 1 are); write `true`/`false`, or add a `cast` mode for `x != 0`");
    assert_eq!(first("1, true"), "`true` mixes a bool with numbers: a tensor has one dtype; write numbers as `1`/`0` for a numeric tensor, or only `true`/`false` for a bool one");
    assert_eq!(first("1u8, 2i16"), "conflicting suffix: `2i16` is i16, but `1u8` already made the dtype u8; use one suffix, or name the dtype with `; dtype = …`");
    assert_eq!(
        first("1u8; dtype = f32"),
        "the suffix of `1u8` disagrees with `dtype = f32`; remove the suffix or change the dtype"
    );
    assert_eq!(first("1usize"), "`usize` is not a tensor dtype; use a suffix among u8, u16, u32, u64, i8, i16, i32, i64, f16, bf16, f32, f64");
    assert_eq!(first("1.5u8"), "integer suffix on the float literal `1.5u8`; write a float suffix (`f32`, `f64`) or name the dtype with `; dtype = …` and a `cast` mode");
    assert_eq!(
        first("\"a\""),
        "expected a number or `true`/`false`, found a string literal `\"a\"`"
    );
    assert_eq!(
        first(""),
        "an empty tensor needs a dtype: write `tensor![; dtype = f32]` (or the dtype you want)"
    );
    assert_eq!(
        first("[1, 2], 3"),
        "expected a row `[…]` here, like the first element at this depth; found a scalar"
    );
    assert_eq!(
        first("1, [2]"),
        "expected a scalar here, like the first element at this depth; found a row"
    );
    assert_eq!(first("1,, 2"), "expected an element before this `,`");
    assert!(first("[0; 3]").starts_with("unexpected `;` in a row"));
    assert_eq!(
        first("340282366920938463463374607431768211456"),
        "`340282366920938463463374607431768211456` is too large for any dtype"
    );
    assert_eq!(
        first("-9223372036854775809"),
        "`-9223372036854775809` is too large for any dtype"
    );
    let deep = format!("{}1{}", "[".repeat(32), "]".repeat(32));
    assert_eq!(
        first(&deep),
        "tensor rank exceeds MAX_RANK = 32: a tensor has at most 32 dimensions"
    );
    assert!(first("1; dtype = f32, dtype = f64").starts_with("duplicate option `dtype`"));
    assert!(first("a, b; cast = round").starts_with("`cast` needs a dtype to convert to"));
    assert!(first("1; shape = [1]")
        .starts_with("unknown option `shape`, expected `dtype`, `cast` or `crate`"));
}

#[test]
fn rank_32_is_accepted() {
    let text = format!("{}1{}", "[".repeat(31), "]".repeat(31));
    assert_eq!(checked(&text).0, vec![1; 32]);
}

#[test]
fn the_text_path_agrees_with_the_token_path() {
    let inputs = [
        "1, 2, 3",
        "[1, 2, 3], [4, 5, 6]",
        "[1.0, 2.5], [3, 4]",
        "1, 2.5",
        "1, 2u8",
        "1u8, 2, 3",
        "true, false",
        "[[1, 2], [3, 4]], [[5, 6], [7, 8]]",
        "[1, 2], [3, 4]; dtype = f16",
        "[1.7, -2.5]; dtype = i32, cast = round",
        "; dtype = f32",
        "[], []; dtype = u8",
        "true, false; dtype = u8",
        "70000.0; dtype = f16, cast = saturate",
        "-128i8, 127",
        "1e-3, -0.0, 6.02E+23, 1_000.5, 2.",
        "0x7f, 0o17, 0b101; dtype = i64",
        "1.00048828125000000000001; dtype = f16",
        "65519.999999999999999999; dtype = bf16",
        "300, -1; dtype = u8, cast = as",
        "0.1, 0.2; dtype = f64,",
        "5",
        "007, 1e5, 1E+5, 2e-3",
        "1, 2, 3; dtype = f64",
        "2147483647, -2147483648",
        "1.5, 1e38, 3.4028234e38; dtype = f32",
        "1.5, -0.0, 1e300; dtype = f64",
        "1e39; cast = saturate",
        "1e-50; cast = as",
        "[1, 2], [3, 4]; cast = round",
    ];
    for input in inputs {
        let fast = fast::expand(&tokens(input)).unwrap_or_else(|| panic!("{input}: not fast"));
        let slow = expand_tokens(tokens(input)).unwrap();
        assert_eq!(fast.to_string(), slow.to_string(), "{input}");
    }
    // Anything else is left to the token path.
    for input in [
        "a, 1",
        "1; crate = ::t",
        "[1, 2], [3]",
        "300; dtype = u8",
        "",
        "1, true",
        "f(1)",
        "1e39",
        "1e-50",
        "2147483648",
        "16777217; dtype = f32",
    ] {
        assert!(fast::expand(&tokens(input)).is_none(), "{input}");
    }
}

#[test]
fn every_rank_from_one_to_max_rank() {
    for rank in 1..=tensorize_runtime::MAX_RANK {
        let text = format!("{}2, 3{}", "[".repeat(rank - 1), "]".repeat(rank - 1));
        let (shape, dtype, values) = checked(&text);
        let mut expected = vec![1; rank];
        expected[rank - 1] = 2;
        assert_eq!(shape, expected, "rank {rank}");
        assert_eq!(
            (dtype, values),
            (Some(DType::I32), vec![Scalar::I32(2), Scalar::I32(3)])
        );
        let fast = fast::expand(&tokens(&text)).expect("plain literals take the text path");
        assert_eq!(
            fast.to_string(),
            expand_tokens(tokens(&text)).unwrap().to_string()
        );
    }
}
