//! Rows with categories, missing values and chosen names (API §11): one-hot and index enums,
//! `Option` fields with `missing = nan | mask`, `rename`, their feature names, value-exact reads
//! with their refusals, and round trips through stack, unstack and batches.

use ndarray::{Array2, IxDyn};
use tensorize::{batches, stack, unstack, CastErrorKind, DType, Element, FromTensor, IntoTensor};

#[derive(IntoTensor, FromTensor, Clone, Copy, Debug, PartialEq)]
#[tensor(one_hot)]
enum Color {
    Red,
    Green,
    Blue,
}

#[derive(IntoTensor, FromTensor, Clone, Copy, Debug, PartialEq)]
#[tensor(index)]
enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

#[derive(IntoTensor, FromTensor, Clone, Copy, Debug, PartialEq)]
#[tensor(dtype = f32)]
struct Listing {
    color: Color,
    day: Weekday,
    #[tensor(missing = nan)]
    rating: Option<f32>,
    #[tensor(missing = mask)]
    age: Option<u8>,
    #[tensor(rename = "sqm")]
    area: f32,
}

fn dtype_of<T: IntoTensor>() -> DType {
    <T::Elem as Element>::DTYPE
}

fn names<T: IntoTensor>() -> Vec<String> {
    T::feature_names().map(|name| name.to_string()).collect()
}

fn row<T: IntoTensor>(item: &T) -> Vec<T::Elem> {
    let mut out = vec![<T::Elem>::default(); T::NUMEL];
    item.write_to(&mut out);
    out
}

/// Compares rows bit for bit, so NaN equals NaN.
fn bits(values: &[f32]) -> Vec<u32> {
    values.iter().map(|x| x.to_bits()).collect()
}

fn listing(i: u8) -> Listing {
    Listing {
        color: [Color::Red, Color::Green, Color::Blue][usize::from(i % 3)],
        day: [Weekday::Mon, Weekday::Sat, Weekday::Sun][usize::from(i % 3)],
        rating: (i % 2 == 0).then_some(f32::from(i) / 4.0),
        age: (i % 3 != 1).then_some(i),
        area: 50.0 + f32::from(i),
    }
}

#[test]
fn one_hot_enums_are_bool_rows_of_their_variants() {
    assert_eq!((Color::SHAPE, dtype_of::<Color>()), (&[3][..], DType::Bool));
    assert_eq!(row(&Color::Red), [true, false, false]);
    assert_eq!(row(&Color::Blue), [false, false, true]);
    assert_eq!(names::<Color>(), ["Red", "Green", "Blue"]);
    for color in [Color::Red, Color::Green, Color::Blue] {
        assert_eq!(Color::read_from(&row(&color)).unwrap(), color);
    }

    #[derive(IntoTensor, FromTensor, Debug, PartialEq)]
    #[tensor(one_hot, dtype = f32)]
    enum Size {
        Small,
        Large,
    }
    assert_eq!((Size::SHAPE, dtype_of::<Size>()), (&[2][..], DType::F32));
    assert_eq!(row(&Size::Large), [0.0, 1.0]);
    assert_eq!(Size::read_from(&[1.0, 0.0]).unwrap(), Size::Small);
}

#[test]
fn index_enums_hold_positions_in_the_smallest_unsigned_type() {
    assert_eq!(
        (Weekday::SHAPE, dtype_of::<Weekday>()),
        (&[][..], DType::U8)
    );
    assert_eq!(row(&Weekday::Mon), [0]);
    assert_eq!(row(&Weekday::Sun), [6]);
    assert_eq!(
        names::<Weekday>(),
        [""],
        "the one name a scalar element has"
    );
    assert_eq!(Weekday::read_from(&[3]).unwrap(), Weekday::Thu);

    // Positions, not discriminants.
    #[derive(IntoTensor, FromTensor, Debug, PartialEq)]
    #[tensor(index, dtype = i64)]
    enum Level {
        Low = 10,
        High = 20,
    }
    assert_eq!(dtype_of::<Level>(), DType::I64);
    assert_eq!(row(&Level::High), [1]);
    assert_eq!(Level::read_from(&[0]).unwrap(), Level::Low);

    #[derive(IntoTensor, FromTensor)]
    #[tensor(index)]
    #[rustfmt::skip]
    #[allow(dead_code)]
    enum Byte { V0, V1, V2, V3, V4, V5, V6, V7, V8, V9, V10, V11, V12, V13, V14, V15, V16, V17, V18, V19, V20, V21, V22, V23, V24, V25, V26, V27, V28, V29, V30, V31, V32, V33, V34, V35, V36, V37, V38, V39, V40, V41, V42, V43, V44, V45, V46, V47, V48, V49, V50, V51, V52, V53, V54, V55, V56, V57, V58, V59, V60, V61, V62, V63, V64, V65, V66, V67, V68, V69, V70, V71, V72, V73, V74, V75, V76, V77, V78, V79, V80, V81, V82, V83, V84, V85, V86, V87, V88, V89, V90, V91, V92, V93, V94, V95, V96, V97, V98, V99, V100, V101, V102, V103, V104, V105, V106, V107, V108, V109, V110, V111, V112, V113, V114, V115, V116, V117, V118, V119, V120, V121, V122, V123, V124, V125, V126, V127, V128, V129, V130, V131, V132, V133, V134, V135, V136, V137, V138, V139, V140, V141, V142, V143, V144, V145, V146, V147, V148, V149, V150, V151, V152, V153, V154, V155, V156, V157, V158, V159, V160, V161, V162, V163, V164, V165, V166, V167, V168, V169, V170, V171, V172, V173, V174, V175, V176, V177, V178, V179, V180, V181, V182, V183, V184, V185, V186, V187, V188, V189, V190, V191, V192, V193, V194, V195, V196, V197, V198, V199, V200, V201, V202, V203, V204, V205, V206, V207, V208, V209, V210, V211, V212, V213, V214, V215, V216, V217, V218, V219, V220, V221, V222, V223, V224, V225, V226, V227, V228, V229, V230, V231, V232, V233, V234, V235, V236, V237, V238, V239, V240, V241, V242, V243, V244, V245, V246, V247, V248, V249, V250, V251, V252, V253, V254, V255 }
    assert_eq!(dtype_of::<Byte>(), DType::U8, "256 variants are still u8");
    assert_eq!(row(&Byte::V255), [255]);

    #[derive(IntoTensor)]
    #[tensor(index)]
    #[rustfmt::skip]
    #[allow(dead_code)]
    enum Wider { W0, W1, W2, W3, W4, W5, W6, W7, W8, W9, W10, W11, W12, W13, W14, W15, W16, W17, W18, W19, W20, W21, W22, W23, W24, W25, W26, W27, W28, W29, W30, W31, W32, W33, W34, W35, W36, W37, W38, W39, W40, W41, W42, W43, W44, W45, W46, W47, W48, W49, W50, W51, W52, W53, W54, W55, W56, W57, W58, W59, W60, W61, W62, W63, W64, W65, W66, W67, W68, W69, W70, W71, W72, W73, W74, W75, W76, W77, W78, W79, W80, W81, W82, W83, W84, W85, W86, W87, W88, W89, W90, W91, W92, W93, W94, W95, W96, W97, W98, W99, W100, W101, W102, W103, W104, W105, W106, W107, W108, W109, W110, W111, W112, W113, W114, W115, W116, W117, W118, W119, W120, W121, W122, W123, W124, W125, W126, W127, W128, W129, W130, W131, W132, W133, W134, W135, W136, W137, W138, W139, W140, W141, W142, W143, W144, W145, W146, W147, W148, W149, W150, W151, W152, W153, W154, W155, W156, W157, W158, W159, W160, W161, W162, W163, W164, W165, W166, W167, W168, W169, W170, W171, W172, W173, W174, W175, W176, W177, W178, W179, W180, W181, W182, W183, W184, W185, W186, W187, W188, W189, W190, W191, W192, W193, W194, W195, W196, W197, W198, W199, W200, W201, W202, W203, W204, W205, W206, W207, W208, W209, W210, W211, W212, W213, W214, W215, W216, W217, W218, W219, W220, W221, W222, W223, W224, W225, W226, W227, W228, W229, W230, W231, W232, W233, W234, W235, W236, W237, W238, W239, W240, W241, W242, W243, W244, W245, W246, W247, W248, W249, W250, W251, W252, W253, W254, W255, W256 }
    assert_eq!(dtype_of::<Wider>(), DType::U16, "257 variants need u16");
    assert_eq!(row(&Wider::W256), [256]);
}

#[test]
fn the_listing_of_the_contract() {
    assert_eq!(Listing::SHAPE, &[8]);
    assert_eq!(
        names::<Listing>(),
        [
            "color=Red",
            "color=Green",
            "color=Blue",
            "day",
            "rating",
            "age?",
            "age",
            "sqm"
        ]
    );
    let full = Listing {
        color: Color::Green,
        day: Weekday::Fri,
        rating: Some(4.5),
        age: Some(12),
        area: 80.0,
    };
    assert_eq!(row(&full), [0.0, 1.0, 0.0, 4.0, 4.5, 1.0, 12.0, 80.0]);
    let empty = Listing {
        rating: None,
        age: None,
        ..full
    };
    assert_eq!(
        bits(&row(&empty)),
        bits(&[0.0, 1.0, 0.0, 4.0, f32::NAN, 0.0, 0.0, 80.0])
    );
    assert_eq!(Listing::read_from(&row(&full)).unwrap(), full);
    assert_eq!(Listing::read_from(&row(&empty)).unwrap(), empty);
    // Under a mask of 0 the values are ignored.
    let ignored = [0.0, 1.0, 0.0, 4.0, f32::NAN, 0.0, 99.0, 80.0];
    assert_eq!(Listing::read_from(&ignored).unwrap().age, None);
}

#[test]
fn some_nan_reads_back_as_none() {
    let item = Listing {
        rating: Some(f32::NAN),
        ..listing(0)
    };
    assert_eq!(Listing::read_from(&row(&item)).unwrap().rating, None);
}

#[test]
fn option_of_any_row_type() {
    #[derive(IntoTensor, FromTensor, Clone, Copy, Debug, PartialEq)]
    struct Point {
        x: f32,
        y: f32,
    }

    #[derive(IntoTensor, FromTensor, Debug, PartialEq)]
    #[tensor(dtype = f32)]
    struct Track {
        #[tensor(missing = mask)]
        start: Option<Point>,
        #[tensor(missing = nan)]
        end: Option<[f32; 2]>,
        #[tensor(missing = mask)]
        colors: Option<[Color; 2]>,
    }
    assert_eq!(Track::NUMEL, 3 + 2 + 7);
    assert_eq!(
        names::<Track>(),
        [
            "start?",
            "start.x",
            "start.y",
            "end[0]",
            "end[1]",
            "colors?",
            "colors[0]=Red",
            "colors[0]=Green",
            "colors[0]=Blue",
            "colors[1]=Red",
            "colors[1]=Green",
            "colors[1]=Blue",
        ]
    );
    let track = Track {
        start: Some(Point { x: 1.0, y: 2.0 }),
        end: None,
        colors: Some([Color::Blue, Color::Red]),
    };
    let written = row(&track);
    assert_eq!(
        bits(&written),
        bits(&[
            1.0,
            1.0,
            2.0,
            f32::NAN,
            f32::NAN,
            1.0,
            0.0,
            0.0,
            1.0,
            1.0,
            0.0,
            0.0
        ])
    );
    assert_eq!(Track::read_from(&written).unwrap(), track);
    let partly = Track {
        start: None,
        end: Some([f32::NAN, 3.0]),
        colors: None,
    };
    let back = Track::read_from(&row(&partly)).unwrap();
    assert_eq!(back.start, None);
    assert_eq!(back.colors, None);
    // Only an all-NaN value is absent.
    assert_eq!(back.end.map(|[a, b]| (a.is_nan(), b)), Some((true, 3.0)));
}

#[test]
fn enums_nest_in_arrays_and_structs() {
    #[derive(IntoTensor, FromTensor, Debug, PartialEq)]
    #[tensor(dtype = u8)]
    struct Palette {
        colors: [Color; 2],
        days: [Weekday; 2],
    }
    assert_eq!(
        names::<Palette>(),
        [
            "colors[0]=Red",
            "colors[0]=Green",
            "colors[0]=Blue",
            "colors[1]=Red",
            "colors[1]=Green",
            "colors[1]=Blue",
            "days[0]",
            "days[1]",
        ]
    );
    let palette = Palette {
        colors: [Color::Green, Color::Green],
        days: [Weekday::Tue, Weekday::Sun],
    };
    assert_eq!(row(&palette), [0, 1, 0, 0, 1, 0, 1, 6]);
    assert_eq!(Palette::read_from(&row(&palette)).unwrap(), palette);
}

fn error_text<T: FromTensor>(item: &[T::Elem]) -> String {
    let error = T::read_from(item).map(|_| ()).unwrap_err();
    assert_eq!(error.kind(), CastErrorKind::Encoding);
    error.to_string()
}

#[test]
fn invalid_encodings_are_errors_naming_the_field() {
    let good = row(&listing(0));
    let with = |at: usize, value: f32| {
        let mut item = good.clone();
        item[at] = value;
        item
    };
    let mut two_hot = good.clone();
    two_hot[..3].copy_from_slice(&[1.0, 1.0, 0.0]);
    assert_eq!(
        error_text::<Listing>(&two_hot),
        "field `color`: 2 of 3 elements are 1; a one-hot row has exactly one"
    );
    let mut cold = good.clone();
    cold[..3].copy_from_slice(&[0.0, 0.0, 0.0]);
    assert_eq!(
        error_text::<Listing>(&cold),
        "field `color`: 0 of 3 elements are 1; a one-hot row has exactly one"
    );
    assert_eq!(
        error_text::<Listing>(&with(1, 0.5)),
        "field `color`: 0.5 is neither 0 nor 1; a one-hot row holds only 0 and 1"
    );
    assert_eq!(
        error_text::<Listing>(&with(3, 7.0)),
        "field `day`: 7.0 is not a variant's position: an index is a whole number from 0 to 6"
    );
    assert_eq!(
        error_text::<Listing>(&with(3, 2.5)),
        "field `day`: 2.5 is not a variant's position: an index is a whole number from 0 to 6"
    );
    assert_eq!(
        error_text::<Listing>(&with(3, -1.0)),
        "field `day`: -1.0 is not a variant's position: an index is a whole number from 0 to 6"
    );
    assert_eq!(
        error_text::<Listing>(&with(5, 0.5)),
        "field `age`: the `missing = mask` indicator is 0.5; it is 1 (present) or 0 (absent)"
    );
    // A row type of its own has no field name to give.
    assert_eq!(
        error_text::<Color>(&[true, true, false]),
        "2 of 3 elements are 1; a one-hot row has exactly one"
    );
    assert_eq!(
        error_text::<Weekday>(&[9]),
        "9 is not a variant's position: an index is a whole number from 0 to 6"
    );
    let error = Listing::read_from(&with(3, 7.0)).unwrap_err();
    assert_eq!(
        (error.index(), error.source_dtype(), error.target()),
        (3, Some(DType::F32), DType::U8)
    );
    assert_eq!(error.feature().unwrap().to_string(), "day");
}

#[test]
fn round_trips_through_stack_unstack_and_batches() {
    let listings: Vec<Listing> = (0..10).map(listing).collect();
    let batch = stack(&listings);
    assert_eq!(batch.shape(), &[10, 8]);
    let back: Vec<Listing> = unstack(batch.view()).unwrap();
    assert_eq!(back, listings);

    let mut seen = Vec::new();
    let mut stream = batches(&listings, 4);
    while let Some(batch) = stream.next_batch() {
        seen.extend(unstack::<Listing>(batch).unwrap());
    }
    assert_eq!(seen, listings);

    let mut broken = batch.clone();
    broken[[2, 0]] = 1.0; // item 2 is Blue: make it two-hot
    broken[[2, 1]] = 1.0;
    broken[[2, 2]] = 0.0;
    let error = unstack::<Listing>(broken.view()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "item 2, field `color`: 2 of 3 elements are 1; a one-hot row has exactly one"
    );

    let colors = [Color::Blue, Color::Red];
    let onehots = stack(&colors);
    assert_eq!(
        onehots,
        Array2::from_shape_vec((2, 3), vec![false, false, true, true, false, false])
            .unwrap()
            .into_shape_with_order(IxDyn(&[2, 3]))
            .unwrap()
    );
    assert_eq!(unstack::<Color>(onehots.view()).unwrap(), colors);
}

#[test]
fn generic_rows_with_missing_values() {
    #[derive(IntoTensor, FromTensor, Debug, PartialEq)]
    #[tensor(dtype = f64)]
    struct Sample<T> {
        #[tensor(missing = mask)]
        value: Option<T>,
        #[tensor(missing = nan, rename = "w")]
        weight: Option<T>,
    }
    assert_eq!(
        names::<Sample<[u8; 2]>>(),
        ["value?", "value[0]", "value[1]", "w[0]", "w[1]"]
    );
    let sample = Sample {
        value: Some([3u8, 4]),
        weight: None,
    };
    let written = row(&sample);
    assert_eq!(written[..3], [1.0, 3.0, 4.0]);
    assert!(written[3..].iter().all(|x| x.is_nan()));
    assert_eq!(Sample::<[u8; 2]>::read_from(&written).unwrap(), sample);
    let error = Sample::<[u8; 2]>::read_from(&[1.0, 3.5, 4.0, 0.0, 0.0]).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `value[0]`: 3.5 is not exactly representable as u8"
    );
}
