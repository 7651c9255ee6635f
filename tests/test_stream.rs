//! Data larger than memory (API §10): `npy::open` and `FileBatches` over every dtype, rank,
//! byte order and header version; Fortran and 0-d refusals; truncation; `try_batches`; typed
//! rows; the zero-copy view and its refusals; shuffle, epochs and shards (also across two
//! processes); prefetch; and `Batches::shuffle_buffer` / `prefetch`.

use std::path::{Path, PathBuf};

use ndarray::{ArrayD, Dimension, IxDyn};
use tensorize::npy::{self, NotViewable, NpyError};
use tensorize::{batches, bf16, f16, CastMode, Element, FromTensor, IntoTensor};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/npy")
        .join(name)
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tensorize-test-stream-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Every batch of a stream, concatenated along the first axis, with the batches' row counts.
fn collect<T: Element>(mut stream: npy::FileBatches<T>) -> (Vec<T>, Vec<usize>) {
    let (mut values, mut sizes) = (Vec::new(), Vec::new());
    while let Some(batch) = stream.next_batch() {
        let batch = batch.unwrap();
        sizes.push(batch.shape()[0]);
        values.extend(batch.iter().copied());
    }
    (values, sizes)
}

/// The first element of every row visited, in order (the rows of [`indexed`] hold their own
/// index there).
fn visits(stream: npy::FileBatches<u32>) -> Vec<u32> {
    let (values, _) = collect(stream);
    values.chunks(2).map(|r| r[0]).collect()
}

/// A file of `len` rows of two u32: `[i, i * 7]`.
fn indexed(len: usize, name: &str) -> PathBuf {
    let path = temp(name);
    let array = ndarray::Array2::from_shape_fn((len, 2), |(i, j)| (i * (1 + 6 * j)) as u32);
    npy::write(&path, &array).unwrap();
    path
}

fn every_dtype_and_rank<T: Element>(value: impl Fn(usize) -> T) {
    for rank in 1..=5 {
        let shape: Vec<usize> = [7, 2, 3, 1, 2][..rank].to_vec();
        let array = ArrayD::from_shape_fn(IxDyn(&shape), |index| {
            value(index.slice().iter().fold(0, |acc, &i| acc * 10 + i))
        });
        let path = temp(&format!("every-{}-{rank}.npy", T::DTYPE));
        npy::write(&path, &array).unwrap();
        let file = npy::open(&path).unwrap();
        assert_eq!(
            (file.dtype(), file.shape(), file.len()),
            (T::DTYPE, &shape[..], 7)
        );
        let (values, sizes) = collect(file.batches::<T>(3).unwrap());
        assert_eq!(sizes, [3, 3, 1], "{} rank {rank}", T::DTYPE);
        let whole: ArrayD<T> = npy::read(&path).unwrap();
        assert_eq!(values, whole.iter().copied().collect::<Vec<_>>());
        let mut each = file.batches::<T>(3).unwrap().drop_remainder(true);
        while let Some(batch) = each.next_batch() {
            let batch = batch.unwrap();
            assert_eq!(batch.shape()[0], 3);
            assert_eq!(&batch.shape()[1..], &shape[1..]);
        }
    }
}

#[test]
fn every_dtype_and_rank_one_to_five_equals_read() {
    every_dtype_and_rank(|i| i % 2 == 0);
    every_dtype_and_rank(|i| i as u8);
    every_dtype_and_rank(|i| (i as u16).wrapping_mul(300));
    every_dtype_and_rank(|i| (i as u32).wrapping_mul(70_000));
    every_dtype_and_rank(|i| (i as u64).wrapping_mul(5_000_000_000));
    every_dtype_and_rank(|i| (i as i8).wrapping_sub(60));
    every_dtype_and_rank(|i| (i as i16).wrapping_mul(-300));
    every_dtype_and_rank(|i| (i as i32).wrapping_mul(-70_000));
    every_dtype_and_rank(|i| (i as i64).wrapping_mul(-5_000_000_000));
    every_dtype_and_rank(|i| f16::from_f32(i as f32 / 8.0));
    every_dtype_and_rank(|i| bf16::from_f32(i as f32 / -8.0));
    every_dtype_and_rank(|i| i as f32 / 3.0);
    every_dtype_and_rank(|i| i as f64 / -3.0);
}

#[test]
fn numpy_files_of_both_byte_orders_and_every_version_stream_as_read() {
    for name in [
        "u2_be_c.npy",
        "i4_be_c.npy",
        "u8_be_c.npy",
        "f2_be_c.npy",
        "f4_be_c.npy",
        "f8_be_c.npy",
        "f8_le_c.npy",
        "i2_python2_header.npy",
        "i4_v2.npy",
        "f4_v3.npy",
        "b1_na_c.npy",
        "V2_le_c.npy",
    ] {
        let file = npy::open(fixture(name)).unwrap();
        macro_rules! check {
            ($($dtype:ident => $t:ty),*) => {
                match file.dtype() {
                    $(tensorize::DType::$dtype => {
                        let whole: ArrayD<$t> = npy::read(fixture(name)).unwrap();
                        let (values, _) = collect(file.batches::<$t>(1).unwrap());
                        let bits = |v: &[$t]| v.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>();
                        assert_eq!(bits(&values), bits(whole.as_slice().unwrap()), "{name}");
                    })*
                }
            };
        }
        check!(Bool => bool, U8 => u8, U16 => u16, U32 => u32, U64 => u64, I8 => i8, I16 => i16,
               I32 => i32, I64 => i64, F16 => f16, BF16 => bf16, F32 => f32, F64 => f64);
    }
    // A lossless widening streams; a narrowing needs a mode or try_batches.
    let file = npy::open(fixture("i4_v2.npy")).unwrap();
    assert!(matches!(
        file.batches::<i16>(2).err(),
        Some(NpyError::DtypeMismatch { .. })
    ));
    let (values, _) = collect(file.batches_with::<u8>(5, CastMode::Saturate).unwrap());
    assert_eq!(values, (0..12).collect::<Vec<u8>>());
    assert!(matches!(
        npy::open(fixture("V2_le_c.npy"))
            .unwrap()
            .batches::<f32>(1)
            .err(),
        Some(NpyError::Bf16Only { .. })
    ));
}

#[test]
fn empty_zero_d_fortran_and_truncated_files() {
    let empty = npy::open(fixture("f4_empty.npy")).unwrap();
    assert_eq!((empty.len(), empty.is_empty()), (0, true));
    assert!(empty.batches::<f32>(4).unwrap().next_batch().is_none());
    let (values, sizes) = collect(
        npy::open(fixture("u1_empty_inner.npy"))
            .unwrap()
            .batches::<u8>(1)
            .unwrap(),
    );
    assert_eq!((values.len(), sizes), (0, vec![1, 1]));

    let zero_d = npy::open(fixture("f8_0d.npy")).unwrap();
    assert_eq!(zero_d.len(), 0);
    let error = zero_d.batches::<f64>(1).err().unwrap();
    assert!(matches!(error, NpyError::NoRows));
    assert!(error.to_string().contains("npy::read"), "{error}");

    let fortran = npy::open(fixture("f4_le_f.npy")).unwrap();
    assert!(fortran.fortran_order());
    let error = fortran.batches::<f32>(1).err().unwrap();
    assert!(matches!(error, NpyError::FortranOrder));
    assert!(error.to_string().contains("npy::read"), "{error}");
    assert!(matches!(
        fortran.rows::<[f32; 3]>().err(),
        Some(NpyError::FortranOrder)
    ));

    let truncated = npy::open(fixture("bad/truncated.npy")).err().unwrap();
    assert!(
        matches!(
            truncated,
            NpyError::Truncated {
                expected: 48,
                found: 43
            }
        ),
        "{truncated}"
    );
}

#[test]
fn try_batches_names_the_inexact_value_by_its_index_in_the_file() {
    let path = temp("inexact.npy");
    npy::write(
        &path,
        &ndarray::array![[1.0f64, 2.0], [3.0, 4.5], [5.0, 6.0]],
    )
    .unwrap();
    let file = npy::open(&path).unwrap();
    let mut stream = file.try_batches::<i32>(1).unwrap();
    assert_eq!(
        stream.next_batch().unwrap().unwrap().as_slice().unwrap(),
        &[1, 2]
    );
    let error = stream.next_batch().unwrap().unwrap_err();
    assert_eq!(
        error.to_string(),
        "element 3: 4.5 is not exactly representable as i32"
    );
    // The stream goes on.
    assert_eq!(
        stream.next_batch().unwrap().unwrap().as_slice().unwrap(),
        &[5, 6]
    );
    assert!(stream.next_batch().is_none());
    // Shuffled, the index is still the file's.
    let mut shuffled = file.try_batches::<i32>(3).unwrap().shuffle(3);
    let error = shuffled.next_batch().unwrap().unwrap_err();
    assert!(error.to_string().starts_with("element 3:"), "{error}");
}

#[derive(IntoTensor, FromTensor, Debug, PartialEq)]
struct Pixel {
    rgb: [u8; 3],
}

#[test]
fn rows_are_typed_values() {
    let path = temp("pixels.npy");
    npy::write(&path, &ndarray::array![[1u8, 2, 3], [4, 5, 6]]).unwrap();
    let file = npy::open(&path).unwrap();
    let pixels: Vec<Pixel> = file.rows().unwrap().collect::<Result<_, _>>().unwrap();
    assert_eq!(pixels, [Pixel { rgb: [1, 2, 3] }, Pixel { rgb: [4, 5, 6] }]);
    assert_eq!(file.rows::<Pixel>().unwrap().len(), 2);
    let error = file.rows::<[u8; 4]>().err().unwrap();
    assert_eq!(
        error.to_string(),
        "the file's rows have shape [3], but the row type's shape is [4]"
    );
    // Widened to the row's element type, then read back value-exactly.
    let path = temp("wide.npy");
    npy::write(&path, &ndarray::array![[1u16, 2, 3], [4, 300, 6]]).unwrap();
    let mut rows = npy::open(&path).unwrap().rows::<[u32; 3]>().unwrap();
    assert_eq!(rows.next().unwrap().unwrap(), [1, 2, 3]);
    assert_eq!(rows.next().unwrap().unwrap(), [4, 300, 6]);
    assert!(rows.next().is_none());
}

#[test]
fn a_view_lends_the_bytes_or_says_why_not() {
    let bytes = std::fs::read(fixture("f4_le_c.npy")).unwrap();
    // A copy of the bytes whose start is 8-aligned (numpy pads the header to 64 bytes, so the
    // data is aligned too), and then one that starts a byte later.
    let mut buffer = vec![0u8; bytes.len() + 16];
    let aligned = aligned_part(&mut buffer);
    aligned[..bytes.len()].copy_from_slice(&bytes);
    let view = npy::parse(&aligned[..bytes.len()]).unwrap();
    let values = view.view::<f32>().unwrap();
    assert_eq!(values.shape(), &[2, 3]);
    assert_eq!(
        values.as_ptr().cast::<u8>(),
        view.data().as_ptr(),
        "zero-copy"
    );
    let whole: ArrayD<f32> = npy::read(fixture("f4_le_c.npy")).unwrap();
    assert_eq!(values.mapv(f32::to_bits), whole.mapv(f32::to_bits));
    assert_eq!(
        view.to_array::<f64>().unwrap().mapv(f64::to_bits),
        whole.mapv(|x| f64::from(x).to_bits())
    );

    let refusal = |error: NpyError| match error {
        NpyError::NotViewable(why) => why,
        other => panic!("{other}"),
    };
    assert_eq!(
        refusal(view.view::<f64>().unwrap_err()),
        NotViewable::Dtype {
            file: tensorize::DType::F32,
            requested: tensorize::DType::F64
        }
    );
    aligned.copy_within(0..bytes.len(), 1);
    let shifted = npy::parse(&aligned[1..=bytes.len()]).unwrap();
    let error = shifted.view::<f32>().unwrap_err();
    assert!(error.to_string().contains("to_array"), "{error}");
    assert_eq!(refusal(error), NotViewable::Alignment { align: 4 });
    assert_eq!(
        shifted.to_array::<f32>().unwrap().mapv(f32::to_bits),
        whole.mapv(f32::to_bits)
    );

    let big = std::fs::read(fixture("i2_be_c.npy")).unwrap();
    let mut buffer = vec![0u8; big.len() + 16];
    let aligned = aligned_part(&mut buffer);
    aligned[..big.len()].copy_from_slice(&big);
    let big = npy::parse(&aligned[..big.len()]).unwrap();
    assert_eq!(
        refusal(big.view::<i16>().unwrap_err()),
        NotViewable::ByteOrder
    );
    assert_eq!(
        big.to_array::<i16>().unwrap(),
        npy::read::<i16>(fixture("i2_be_c.npy")).unwrap()
    );

    let mut flags = std::fs::read(fixture("b1_na_c.npy")).unwrap();
    let last = flags.len() - 1;
    let view = npy::parse(&flags).unwrap();
    assert_eq!(view.view::<bool>().unwrap().len(), 6);
    flags[last] = 2;
    let view = npy::parse(&flags).unwrap();
    assert_eq!(
        refusal(view.view::<bool>().unwrap_err()),
        NotViewable::Bool { index: 5 }
    );
    assert!(view.try_to_array::<bool>().is_ok());
    assert_eq!(
        npy::parse(&std::fs::read(fixture("f8_le_c.npy")).unwrap())
            .unwrap()
            .try_to_array::<i8>()
            .unwrap_err()
            .to_string(),
        "element 0: NaN is not exactly representable as i8"
    );
}

/// The part of `buffer` from its first 8-aligned byte.
fn aligned_part(buffer: &mut [u8]) -> &mut [u8] {
    let start = buffer.as_ptr().align_offset(8);
    &mut buffer[start..]
}

#[test]
fn shuffled_epochs_are_permutations_and_shards_cover_every_row_once() {
    let path = indexed(103, "indexed.npy");
    let file = npy::open(&path).unwrap();
    let plain = visits(file.batches::<u32>(10).unwrap());
    assert_eq!(plain, (0..103).collect::<Vec<u32>>());
    let epoch = |e| visits(file.batches::<u32>(10).unwrap().shuffle(9).epoch(e));
    let (first, second) = (epoch(0), epoch(1));
    assert_ne!(first, plain);
    assert_ne!(first, second);
    assert_eq!(
        first,
        epoch(0),
        "an epoch's order is a pure function of (seed, epoch, len)"
    );
    for order in [&first, &second] {
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, plain);
    }
    for shards in [2, 3, 4] {
        let mut all = Vec::new();
        let mut sizes = Vec::new();
        for shard in 0..shards {
            let part = visits(
                file.batches::<u32>(8)
                    .unwrap()
                    .shuffle(9)
                    .epoch(1)
                    .shard(shards, shard),
            );
            // Strided over the epoch's order.
            let expected: Vec<u32> = second.iter().copied().skip(shard).step_by(shards).collect();
            assert_eq!(part, expected);
            sizes.push(part.len());
            all.extend(part);
        }
        all.sort_unstable();
        assert_eq!(all, plain, "{shards} shards");
        assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
        for shard in 0..shards {
            let stream = file
                .batches::<u32>(8)
                .unwrap()
                .shuffle(9)
                .shard_even(shards, shard);
            assert_eq!(stream.len(), 103 / shards);
        }
    }
    let (values, sizes) = collect(
        file.batches::<u32>(25)
            .unwrap()
            .shard_even(4, 3)
            .drop_remainder(true),
    );
    assert_eq!((values.len(), sizes), (50, vec![25]));
}

/// The order a child process computes for the same file and settings.
#[test]
fn orders_agree_across_processes() {
    if let Ok(settings) = std::env::var("TENSORIZE_STREAM_CHILD") {
        let [seed, epoch, shards, shard]: [usize; 4] = settings
            .split(',')
            .map(|x| x.parse().unwrap())
            .collect::<Vec<_>>()
            .try_into()
            .unwrap();
        let path = indexed(1000, "child.npy");
        let file = npy::open(&path).unwrap();
        let order = visits(
            file.batches::<u32>(64)
                .unwrap()
                .shuffle(seed as u64)
                .epoch(epoch as u64)
                .shard(shards, shard),
        );
        println!("ORDER {order:?}");
        return;
    }
    let path = indexed(1000, "parent.npy");
    let file = npy::open(&path).unwrap();
    for (seed, epoch, shards, shard) in [(1, 0, 1, 0), (1, 5, 1, 0), (77, 2, 3, 1)] {
        let here = visits(
            file.batches::<u32>(64)
                .unwrap()
                .shuffle(seed)
                .epoch(epoch)
                .shard(shards, shard),
        );
        let child = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "orders_agree_across_processes",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(
                "TENSORIZE_STREAM_CHILD",
                format!("{seed},{epoch},{shards},{shard}"),
            )
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&child.stdout);
        // The harness prints the test's name on the same line.
        let line = stdout
            .split("ORDER ")
            .nth(1)
            .and_then(|rest| rest.lines().next())
            .unwrap_or_else(|| panic!("the child prints its order: {child:?}"));
        assert_eq!(line, format!("{here:?}"));
    }
}

#[test]
fn prefetch_gives_the_same_batches_in_the_same_order() {
    let path = indexed(1000, "prefetch.npy");
    let file = npy::open(&path).unwrap();
    for depth in [1, 2, 4] {
        let expected = collect(file.batches::<f64>(64).unwrap().shuffle(4).shard(2, 1));
        let mut ahead = file
            .batches::<f64>(64)
            .unwrap()
            .shuffle(4)
            .shard(2, 1)
            .prefetch(depth);
        let (mut values, mut sizes) = (Vec::new(), Vec::new());
        while let Some(batch) = ahead.next_batch() {
            let batch = batch.unwrap();
            sizes.push(batch.shape()[0]);
            values.extend(batch.iter().copied());
        }
        assert_eq!((values, sizes), expected, "depth {depth}");
    }
    // Errors arrive in order too, and the stream goes on.
    let path = temp("prefetch-inexact.npy");
    npy::write(&path, &ndarray::array![[1.0f32], [1.5], [2.0]]).unwrap();
    let mut ahead = npy::open(&path)
        .unwrap()
        .try_batches::<u8>(1)
        .unwrap()
        .prefetch(2);
    assert_eq!(ahead.next_batch().unwrap().unwrap()[[0, 0]], 1);
    assert!(ahead.next_batch().unwrap().is_err());
    assert_eq!(ahead.next_batch().unwrap().unwrap()[[0, 0]], 2);
    assert!(ahead.next_batch().is_none());
    // Dropped early, the thread stops.
    let mut early = file.batches::<u32>(1).unwrap().prefetch(2);
    assert!(early.next_batch().is_some());
    drop(early);
}

#[test]
fn iterator_batches_shuffle_in_a_bounded_buffer_and_prefetch() {
    let run = |seed| {
        let mut stream = batches(0..100u32, 16).shuffle_buffer(10, seed);
        let mut seen = Vec::new();
        while let Some(batch) = stream.next_batch() {
            seen.extend(batch.iter().copied());
        }
        seen
    };
    let order = run(5);
    assert_eq!(order, run(5), "deterministic");
    assert_ne!(order, run(6));
    assert_ne!(order, (0..100).collect::<Vec<_>>());
    let mut sorted = order.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..100).collect::<Vec<_>>());
    // A bounded buffer: no row moves earlier than `size` places before its position.
    for (position, &row) in order.iter().enumerate() {
        assert!(row as usize <= position + 10, "row {row} at {position}");
    }

    let mut ahead = batches((0..100u32).map(|i| [i, i + 1]), 16)
        .shuffle_buffer(10, 5)
        .drop_remainder(true)
        .prefetch(2);
    let mut seen = Vec::new();
    while let Some(batch) = ahead.next_batch() {
        assert_eq!(batch.shape(), &[16, 2]);
        seen.extend(batch.outer_iter().map(|row| row[0]));
    }
    assert_eq!(seen, order[..96]);
}

#[test]
fn a_memory_mapped_file_is_viewed_in_place() {
    let file = std::fs::File::open(fixture("f8_le_c.npy")).unwrap();
    // SAFETY: the fixture is not modified while mapped.
    let map = unsafe { memmap2::Mmap::map(&file) }.unwrap();
    let parsed = npy::parse(&map).unwrap();
    let view = parsed.view::<f64>().unwrap();
    assert!(map.as_ptr_range().contains(&view.as_ptr().cast::<u8>()));
    let whole: ArrayD<f64> = npy::read(fixture("f8_le_c.npy")).unwrap();
    assert_eq!(view.mapv(f64::to_bits), whole.mapv(f64::to_bits));
}

#[test]
#[should_panic(expected = "an input that panics")]
fn a_panic_on_the_prefetch_thread_reaches_the_consumer() {
    let rows = (0..10u8).inspect(|&i| assert!(i < 5, "an input that panics"));
    let mut ahead = batches(rows, 2).prefetch(1);
    while ahead.next_batch().is_some() {}
}
