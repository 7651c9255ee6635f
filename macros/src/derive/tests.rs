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
            "unknown tensor attribute `dtyp`, expected `dtype = …`, `transparent` or `crate = …`",
            "#[tensor(transparent)] requires exactly one field that is not skipped, found 2; remove `transparent` to flatten the fields into one row",
            "`Vec<f32>` has a length known only at run time, so it cannot be part of a tensor row: use a fixed array `[T; N]`, or skip the field with `#[tensor(skip)]`",
            "`String` is text, so it cannot be part of a tensor row: use a fixed array `[T; N]`, or skip the field with `#[tensor(skip)]`",
        ]
    );
    assert!(errors("enum E { A }")[0].starts_with("tensor rows cannot be enums"));
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
