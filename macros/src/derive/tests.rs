//! Unit tests of the derive expansion as a plain function, without rustc.

use proc_macro2::TokenStream;

use super::{derive, expand, Derive};

fn tokens(text: &str) -> TokenStream {
    text.parse().expect("test input lexes")
}

fn errors(text: &str) -> Vec<String> {
    match expand(tokens(text), Derive::IntoTensor) {
        Ok(output) => panic!("expected errors, got {output}"),
        Err(error) => error.into_iter().map(|e| e.to_string()).collect(),
    }
}

#[test]
fn expands_named_tuple_and_generic_structs() {
    let named = expand(
        tokens("#[tensor(dtype = f32)] struct A { x: [u8; 3], #[tensor(cast = round)] y: f64 }"),
        Derive::IntoTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        named.contains("impl :: tensorize :: IntoTensor for A"),
        "{named}"
    );
    assert!(
        named.contains(":: tensorize :: __private :: Round"),
        "{named}"
    );
    // A concrete field's check is a call in the body, so its error lands on the field alone.
    assert!(
        named.contains("assert_lossless :: < < [u8 ; 3] as :: tensorize :: IntoTensor > :: Elem , :: core :: primitive :: f32 > ()"),
        "{named}"
    );
    let generic_lossy = expand(
        tokens("#[tensor(dtype = f32)] struct G<T> { a: [T; 2] }"),
        Derive::IntoTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        generic_lossy.contains(":: core :: primitive :: f32 : :: tensorize :: LosslessFrom < < [T ; 2] as :: tensorize :: IntoTensor > :: Elem >"),
        "{generic_lossy}"
    );
    let tuple = expand(tokens("struct B(f32, f32);"), Derive::FromTensor)
        .unwrap()
        .to_string();
    assert!(tuple.contains("B (__field0 , __field1)"), "{tuple}");
    let generic = expand(
        tokens("struct C<T, U> { a: [T; 2], #[tensor(skip)] u: U }"),
        Derive::IntoTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        generic.contains("T : :: tensorize :: IntoTensor"),
        "{generic}"
    );
    assert!(
        !generic.contains("U : :: tensorize :: IntoTensor"),
        "a skipped field's parameter is not bound: {generic}"
    );
}

#[test]
fn reports_every_problem() {
    assert_eq!(
        errors("#[tensor(dtyp = f32)] #[tensor(transparent)] struct A { v: Vec<f32>, s: String }"),
        [
            "unknown tensor attribute `dtyp`, expected `dtype = …`, `transparent`, `one_hot`, `index` or `crate = …`",
            "#[tensor(transparent)] requires exactly one field that is not skipped, found 2; remove `transparent` to flatten the fields into one row",
            "`Vec<f32>` has a length known only at run time, so it cannot be part of a tensor row: use a fixed array `[T; N]`, or skip the field with `#[tensor(skip)]`",
            "`String` is text, so it cannot be part of a tensor row: use a fixed array `[T; N]`, or skip the field with `#[tensor(skip)]`",
        ]
    );
    assert!(errors("enum E { A }")[0].starts_with("an enum row needs its encoding named"));
    assert!(errors("union U { a: f32 }")[0].starts_with("tensor rows cannot be unions"));
    assert!(errors("struct S;")[0].starts_with("a unit struct has no elements"));
    assert_eq!(
        errors("struct S { #[tensor(cast = floor)] x: f32 }"),
        ["unknown cast mode `floor`, expected `as`, `saturate` or `round`"]
    );
    assert_eq!(
        errors("struct S { #[tensor(skip, skip)] x: f32, y: f32 }"),
        ["duplicate tensor attribute `skip`"]
    );
    assert_eq!(
        errors("#[tensor(dtype = f32, dtype = f64)] struct S { x: f32 }"),
        ["duplicate tensor attribute `dtype`"]
    );
}

#[test]
fn a_failed_derive_still_implements_the_trait() {
    let output = derive(tokens("struct S { v: Vec<f32> }"), Derive::IntoTensor).to_string();
    assert!(output.contains("compile_error"), "{output}");
    assert!(
        output.contains("impl :: tensorize :: IntoTensor for S"),
        "{output}"
    );
    let output = derive(tokens("struct S { v: Vec<f32> }"), Derive::FromTensor).to_string();
    assert!(
        output.contains("impl :: tensorize :: FromTensor for S"),
        "{output}"
    );
}

#[test]
fn enums_expand_to_one_runtime_call_each_way() {
    let one_hot = expand(
        tokens("#[tensor(one_hot)] enum Color { Red, Green = 5, Blue }"),
        Derive::IntoTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        one_hot.contains("type Elem = :: core :: primitive :: bool"),
        "{one_hot}"
    );
    assert!(
        one_hot.contains("Self :: Green => 1usize"),
        "positions, not discriminants: {one_hot}"
    );
    assert!(
        one_hot.contains("write_one_hot :: < :: core :: primitive :: bool , __D , __M >"),
        "{one_hot}"
    );
    assert!(
        one_hot.contains("[\"Red\" , \"Green\" , \"Blue\"]"),
        "{one_hot}"
    );
    let index = expand(
        tokens("#[tensor(index)] enum Day { Mon, Tue }"),
        Derive::FromTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        index.contains("read_index :: < __S > (__src , __base , 2usize"),
        "{index}"
    );
    assert!(
        index.contains("_ => Self :: Tue"),
        "the last arm takes the rest: {index}"
    );
    let wide = expand(
        tokens("#[tensor(index, dtype = i64)] enum Day { Mon }"),
        Derive::IntoTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        wide.contains("type Elem = :: core :: primitive :: i64"),
        "{wide}"
    );
}

#[test]
fn missing_fields_and_renames() {
    let output = expand(
        tokens(
            "#[tensor(dtype = f32)] struct L { #[tensor(missing = nan)] r: Option<f32>, \
             #[tensor(missing = mask, rename = \"years\")] age: Option<[u8; 2]> }",
        ),
        Derive::IntoTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        output.contains("write_missing_nan :: < f32 , __D , __M >"),
        "{output}"
    );
    assert!(
        output.contains("write_missing_mask :: < [u8 ; 2] , __D , __M >"),
        "{output}"
    );
    assert!(
        output.contains("(1 + < [u8 ; 2] as :: tensorize :: IntoTensor > :: NUMEL)"),
        "{output}"
    );
    assert!(output.contains("\"years\""), "{output}");
    assert!(!output.contains("\"age\""), "{output}");
    // Without a dtype the float check is rustc's, on the row's element type.
    let inferred = expand(
        tokens("struct L { x: f32, #[tensor(missing = nan)] r: Option<f32> }"),
        Derive::IntoTensor,
    )
    .unwrap()
    .to_string();
    assert!(
        inferred
            .contains("assert_float_row :: < < f32 as :: tensorize :: IntoTensor > :: Elem > ()"),
        "{inferred}"
    );
    assert_eq!(
        errors("struct L { a: f32, #[tensor(rename = \"a\")] b: f32, #[tensor(missing = nan)] c: f32 }"),
        [
            "`missing` encodes an absent value of an `Option<T>` field, but this field is `f32`; remove `missing`",
            "the feature name `a` is already the name of field `a`; feature names must be unique, so rename one of them",
        ]
    );
}
