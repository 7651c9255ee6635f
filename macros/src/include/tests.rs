//! The `include_*!` expansions without rustc: arguments, errors and what is emitted, on the
//! repository's fixtures (paths relative to this crate's manifest directory, as the macros
//! resolve them), and a fuzz run over all three.

use proc_macro2::TokenStream;
use tensorize_fuzzing::{Fuzzer, Outcome, Rng};

fn tokens(text: &str) -> TokenStream {
    text.parse().expect("the test's input lexes")
}

#[cfg(any(feature = "safetensors", feature = "npz"))]
fn error(expand: fn(TokenStream) -> syn::Result<TokenStream>, input: &str) -> String {
    match expand(tokens(input)) {
        Ok(output) => panic!("`{input}` expanded to {output}"),
        Err(error) => error.to_string(),
    }
}

const SAFETENSORS: &str = "\"../tests/fixtures/safetensors/all_dtypes.safetensors\"";
const STORED: &str = "\"../tests/fixtures/npz/stored.npz\"";
const COMPRESSED: &str = "\"../tests/fixtures/npz/compressed.npz\"";

#[cfg(feature = "safetensors")]
#[test]
fn safetensors_in_place_reads_the_header_and_points_into_the_file() {
    use tensorize_runtime::safetensors;
    let output = super::safetensors::expand(tokens(&format!("{SAFETENSORS}, \"i32\"")))
        .unwrap()
        .to_string();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/safetensors/all_dtypes.safetensors");
    let location = safetensors::locate(&path, "i32").unwrap();
    let file_len = std::fs::metadata(&path).unwrap().len();
    let expected = format!(
        "tensor_from_file :: < [[:: core :: primitive :: i32 ; 2] ; 3] , {file_len}usize , \
         24usize > (:: core :: include_bytes ! ({:?}) , {}usize , false)",
        path.canonicalize().unwrap().display().to_string(),
        location.offset
    );
    assert!(
        output.contains(&expected),
        "{output}\nshould contain\n{expected}"
    );
}

#[cfg(feature = "safetensors")]
#[test]
fn safetensors_conversions_and_errors() {
    use super::safetensors::expand;
    let output = expand(tokens(&format!("{SAFETENSORS}, \"i8\"; dtype = f32")))
        .unwrap()
        .to_string();
    assert!(!output.contains("tensor_from_file"), "converted: {output}");
    assert!(
        output.contains("include_bytes"),
        "still names the file: {output}"
    );
    assert!(
        error(expand, &format!("{SAFETENSORS}, \"f32\"; dtype = u8"))
            .starts_with("element 0 (at [0]): NaN is not exactly representable as u8")
    );
    assert!(error(expand, &format!("{SAFETENSORS}, \"f23\""))
        .contains("no tensor `f23` in the file; it has `f32`, `f64`"));
    assert!(error(expand, SAFETENSORS).starts_with("expected the name of a tensor after the path"));
    assert!(error(expand, "").starts_with("expected a path to a .safetensors file in quotes"));
    assert!(error(expand, &format!("{SAFETENSORS}, \"f32\", \"f16\""))
        .starts_with("unexpected argument: options go after a `;`"));
    assert!(error(expand, &format!("{SAFETENSORS}, \"f32\"; dtype = f17")).contains("f17"));
    assert!(error(
        expand,
        "\"../tests/fixtures/safetensors/float8.safetensors\", \"weights\""
    )
    .contains("tensor `weights` has dtype F8_E4M3"));
    assert!(
        error(expand, "\"../tests/fixtures/npy/f4_v3.npy\", \"x\"").contains("the header claims")
    );
}

#[cfg(feature = "npz")]
#[test]
fn npz_stored_members_in_place_deflated_ones_converted() {
    use super::npz::expand;
    let stored = expand(tokens(&format!("{STORED}, \"weights\"")))
        .unwrap()
        .to_string();
    assert!(stored.contains("tensor_from_file"), "{stored}");
    // Fortran order is laid out row-major: no longer in place.
    let fortran = expand(tokens(&format!("{STORED}, \"fortran\"")))
        .unwrap()
        .to_string();
    assert!(!fortran.contains("tensor_from_file"), "{fortran}");
    let deflated = expand(tokens(&format!("{COMPRESSED}, \"weights\"")))
        .unwrap()
        .to_string();
    assert!(!deflated.contains("tensor_from_file"), "{deflated}");
    assert!(
        deflated.contains("include_bytes"),
        "still names the file: {deflated}"
    );
    assert!(error(expand, &format!("{STORED}, \"bais\""))
        .contains("no member `bais` in the archive; it has `bias`"));
    assert!(
        error(expand, &format!("{STORED}, \"half_brain\"; dtype = f32"))
            .contains("member `half_brain` of")
    );
    assert!(error(expand, "\"../tests/fixtures/npy/f4_v3.npy\", \"x\"")
        .contains("damaged .npz archive"));
    assert!(error(expand, STORED).starts_with("expected the name of a member after the path"));
}

/// Argument fragments: fixture paths that exist and do not, names, options and stray tokens.
const FRAGMENTS: &[&str] = &[
    SAFETENSORS,
    STORED,
    COMPRESSED,
    "\"../tests/fixtures/npy/f4_v3.npy\"",
    "\"../tests/fixtures/npy/i4_v2.npy\"",
    "\"../tests/fixtures/safetensors/float8.safetensors\"",
    "\"no-such-file\"",
    "\"\"",
    "\"f32\"",
    "\"i8\"",
    "\"weights\"",
    "\"bias\"",
    "\"fortran\"",
    "\"scalar\"",
    "\"empty\"",
    "\"half_brain\"",
    ",",
    ",",
    ";",
    "dtype = f16",
    "dtype = u8",
    "dtype = bf16",
    "cast = round",
    "cast = saturate",
    "crate = ::x",
    "dtype",
    "=",
    "b\"bytes\"",
    "1",
    "(\"a\", \"b\")",
    "r#\"raw\"#",
];

#[test]
fn fuzz_includes_never_panic() {
    let expansions: &[fn(TokenStream) -> syn::Result<TokenStream>] = &[
        super::npy::expand,
        #[cfg(feature = "safetensors")]
        super::safetensors::expand,
        #[cfg(feature = "npz")]
        super::npz::expand,
    ];
    Fuzzer {
        inputs: "include_* arguments",
        env: "TENSORIZE_FUZZ",
        default_cases: 2_000,
        allocation_bound: None,
    }
    .run(
        |rng: &mut Rng| {
            let parts: Vec<&str> = (0..rng.below(7)).map(|_| rng.pick(FRAGMENTS)).collect();
            parts
                .join(" ")
                .parse::<TokenStream>()
                .ok()
                .map(|t| t.to_string())
        },
        String::len,
        |text, rng| {
            let expand = rng.pick(expansions);
            Outcome::accepted(expand(tokens(text)).is_ok())
        },
    );
}
