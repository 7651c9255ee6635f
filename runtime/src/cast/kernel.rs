//! The loop every slice conversion runs, `dst[i] = convert(src[i])`, written once and
//! instantiated per (source, target, mode) with the scalar reference as `convert`, so each
//! kernel is the reference by construction.
//!
//! Two things take it past what LLVM makes of a plain loop:
//!
//! - **Streaming stores for large outputs.** A normal store to a line that is not in cache
//!   reads the line first, so converting into 64 MiB would also read 64 MiB it never uses.
//!   Past [`STREAMING_MIN_BYTES`] the output is written a 64-byte line at a time with
//!   non-temporal stores (x86-64), as glibc's memcpy does for large copies. Smaller
//!   conversions keep normal stores: their output fits in cache, where the next step reads it.
//!   The streaming loop also prefetches its input a page ahead ([`PREFETCH_BYTES`]). Outputs
//!   just allocated stream too: with the input prefetched and the output on huge pages, that
//!   beat normal stores into the pages the kernel had just zeroed (16M elements, allocating
//!   conversions against numpy's `astype` in the same run: 0.89–1.16× with normal stores,
//!   1.04–1.22× streaming, over seven conversions).
//! - **AVX2, chosen at run time.** Conversions with range checks (saturating, NaN handling,
//!   float → int) are compute-bound at SSE2's two or four lanes. Under `std` on x86-64, when
//!   AVX2 is not already enabled at compile time, the same loop is compiled a second time
//!   with AVX2 and picked once the CPU is known to have it.

use core::mem::MaybeUninit;

/// Conversions that move at least this many bytes (read plus written) use streaming stores:
/// measured here, streaming starts to win at about half the 32 MiB L3 cache, where memcpy's
/// own switch lies.
#[cfg(target_arch = "x86_64")]
const STREAMING_MIN_BYTES: usize = 16 << 20;

/// How far ahead of the chunk being converted the streaming loop asks for its input: a page,
/// since the hardware prefetchers stop at page boundaries. Measured here, 16M f64 → f32: 1.03
/// → 1.10–1.24 of memcpy with 4 KiB (1 KiB: 1.03–1.17, 8 KiB: 1.19–1.30, all noisy); the
/// work a chunk does besides moving data (range checks, NaN tests) otherwise keeps fewer loads
/// in flight than a plain copy has.
#[cfg(target_arch = "x86_64")]
const PREFETCH_BYTES: usize = 4096;

/// A conversion as the kernels run it: a `common` form, right for every input that is not
/// `exceptional`, and the `reference` for all. A block of inputs is converted with `common`;
/// when any of them is exceptional (rare: NaN, say) the block is converted again with the
/// reference. So a conversion can leave its rare cases out of the vectorized loop and stay
/// bit-identical to the reference.
pub(super) trait Conversion<S, D>: Copy {
    /// Whether any input is exceptional (if not, `common` is the whole conversion).
    const HAS_EXCEPTIONS: bool = false;
    /// The conversion of every input that is not exceptional.
    fn common(self, value: S) -> D;
    /// Whether `value` needs [`reference`](Conversion::reference).
    #[inline(always)]
    fn exceptional(self, _value: S) -> bool {
        false
    }
    /// The conversion of every input.
    #[inline(always)]
    fn reference(self, value: S) -> D {
        self.common(value)
    }
}

/// A function as a conversion without exceptions.
#[derive(Clone, Copy)]
pub(super) struct Each<F>(pub(super) F);

impl<S, D, F: Fn(S) -> D + Copy> Conversion<S, D> for Each<F> {
    #[inline(always)]
    fn common(self, value: S) -> D {
        (self.0)(value)
    }
}

/// Writes the conversion of every `src[i]` into `dst[i]`: every element of `dst` is
/// initialized on return, and none is read.
///
/// `src` and `dst` have the same length (the public functions check it).
#[inline(always)]
pub(super) fn map<S: Copy, D: Copy>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
) {
    let moved = src
        .len()
        .saturating_mul(core::mem::size_of::<S>() + core::mem::size_of::<D>());
    map_part(src, dst, conversion, moved);
}

/// [`map`] for one part of a conversion that moves `moved` bytes (read plus written) in all,
/// done in parts (through a buffer on the stack, say): the part streams its stores when the
/// whole conversion is large enough to.
#[inline(always)]
pub(super) fn map_part<S: Copy, D: Copy>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
    moved: usize,
) {
    debug_assert_eq!(src.len(), dst.len());
    #[cfg(all(target_arch = "x86_64", feature = "std", not(target_feature = "avx2")))]
    {
        if super::arch::has_avx2() {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { map_avx2(src, dst, conversion, moved) };
            return;
        }
    }
    map_portable(src, dst, conversion, moved);
}

/// [`map_portable`] compiled with AVX2.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(all(target_arch = "x86_64", feature = "std", not(target_feature = "avx2")))]
#[target_feature(enable = "avx2")]
unsafe fn map_avx2<S: Copy, D: Copy>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
    moved: usize,
) {
    map_portable(src, dst, conversion, moved);
}

#[inline(always)]
fn map_portable<S: Copy, D: Copy, C: Conversion<S, D>>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: C,
    moved: usize,
) {
    #[cfg(target_arch = "x86_64")]
    {
        if moved >= STREAMING_MIN_BYTES {
            // A line holds 64 bytes of output; a chunk is a line, or 4 with exceptions. The
            // sizes are constants, so one arm remains.
            let lines = if C::HAS_EXCEPTIONS { 4 } else { 1 };
            match (core::mem::size_of::<D>(), lines) {
                (1, 1) => return map_streaming::<S, D, 64, 64>(src, dst, conversion),
                (1, _) => return map_streaming::<S, D, 64, 256>(src, dst, conversion),
                (2, 1) => return map_streaming::<S, D, 32, 32>(src, dst, conversion),
                (2, _) => return map_streaming::<S, D, 32, 128>(src, dst, conversion),
                (4, 1) => return map_streaming::<S, D, 16, 16>(src, dst, conversion),
                (4, _) => return map_streaming::<S, D, 16, 64>(src, dst, conversion),
                (8, 1) => return map_streaming::<S, D, 8, 8>(src, dst, conversion),
                (8, _) => return map_streaming::<S, D, 8, 32>(src, dst, conversion),
                _ => {}
            }
        }
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = moved;
    map_cached(src, dst, conversion);
}

/// Converts a block: every value with `common`, again with `reference` if any is
/// exceptional. A loop over a slice, which LLVM's loop vectorizer handles: a fixed line of 16
/// values, fully unrolled, is left to the weaker SLP vectorizer, and in cache (where the work
/// per value shows) a saturating f64 → f32 ran at 0.35 of memcpy by lines, 0.6 by blocks.
#[inline(always)]
fn convert_block<S: Copy, D: Copy>(
    values: &[S],
    out: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
) {
    let mut exceptional = false;
    for (out, &value) in out.iter_mut().zip(values) {
        out.write(conversion.common(value));
        exceptional |= conversion.exceptional(value);
    }
    if exceptional {
        map_each(values, out, conversion);
    }
}

/// Values per block of [`map_cached`]: few enough that a block redone for an exception costs
/// little, enough for the vectorized loop to run at full width.
const BLOCK: usize = 256;

/// The loop with normal stores: plain when the conversion has no exceptions, else by blocks.
#[inline(always)]
fn map_cached<S: Copy, D: Copy, C: Conversion<S, D>>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: C,
) {
    if !C::HAS_EXCEPTIONS {
        // Without exceptions a block is the plain loop, so the whole slice is one.
        return convert_block(src, dst, conversion);
    }
    for (out, values) in dst.chunks_mut(BLOCK).zip(src.chunks(BLOCK)) {
        convert_block(values, out, conversion);
    }
}

/// Each value with the reference conversion.
#[inline(always)]
fn map_each<S: Copy, D: Copy>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
) {
    for (out, &value) in dst.iter_mut().zip(src) {
        out.write(conversion.reference(value));
    }
}

/// The loop with streaming stores: normal stores up to the first 64-byte boundary of `dst`,
/// then chunks of `CHUNK` elements converted into a buffer on the stack and streamed out a
/// line of `LINE` elements (64 bytes) at a time, then normal stores for the rest.
///
/// A chunk is one line for conversions without exceptions (LLVM keeps the line in registers)
/// and four for those with (a loop the loop vectorizer takes, see [`convert_block`]).
/// Measured at 16M elements: i32 → f32 by chunks of 16 lines ran at 1.1 of memcpy against
/// 1.4–1.6 by lines; saturating f64 → f32 at 0.6–0.9 by lines, 0.9–1.1 by 16 lines and
/// 1.1–1.3 by 4 (f64 → f32 `As`: 1.2, 0.9–1.0, 1.2).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn map_streaming<S: Copy, D: Copy, const LINE: usize, const CHUNK: usize>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
) {
    if LINE * core::mem::size_of::<D>() != 64 || CHUNK % LINE != 0 {
        // Never taken: `map_portable` picks `LINE` and `CHUNK` from `D`'s size (a constant
        // test: the other sizes' instances exist too, unused, so a `const` assertion cannot
        // be used).
        return map_cached(src, dst, conversion);
    }
    let head = dst.as_ptr().align_offset(64).min(dst.len());
    let (dst_head, dst) = dst.split_at_mut(head);
    let (src_head, src) = src.split_at(head);
    map_cached(src_head, dst_head, conversion);
    let mut dst_chunks = dst.chunks_exact_mut(CHUNK);
    let mut src_chunks = src.chunks_exact(CHUNK);
    for (out, values) in (&mut dst_chunks).zip(&mut src_chunks) {
        let ahead = values.as_ptr().cast::<u8>().wrapping_add(PREFETCH_BYTES);
        for k in 0..(CHUNK * core::mem::size_of::<S>()).div_ceil(64) {
            super::arch::prefetch(ahead.wrapping_add(64 * k));
        }
        let mut chunk = [const { MaybeUninit::<D>::uninit() }; CHUNK];
        convert_block(values, &mut chunk, conversion);
        for (out, line) in out.chunks_exact_mut(LINE).zip(chunk.chunks_exact(LINE)) {
            // SAFETY: `out` starts at a 64-byte boundary (`head` elements past `dst`'s start,
            // and each chunk a whole number of 64-byte lines) and holds 64 bytes, as `line`
            // does, which `convert_block` initialized.
            unsafe { super::arch::stream_line(out, line) };
        }
    }
    map_cached(
        src_chunks.remainder(),
        dst_chunks.into_remainder(),
        conversion,
    );
    super::arch::end_streaming();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    /// A conversion whose common form is wrong on its exceptions (every value ending in 007).
    #[derive(Clone, Copy)]
    struct Halving;
    impl Conversion<u32, u32> for Halving {
        const HAS_EXCEPTIONS: bool = true;
        fn common(self, value: u32) -> u32 {
            value / 2
        }
        fn exceptional(self, value: u32) -> bool {
            value % 1000 == 7
        }
        fn reference(self, value: u32) -> u32 {
            if self.exceptional(value) {
                u32::MAX
            } else {
                value / 2
            }
        }
    }

    /// The conversion by `map` (large inputs stream), or by the cached loop when `cached`.
    fn converted<S: Copy, D: Copy>(
        src: &[S],
        cached: bool,
        conversion: impl Conversion<S, D>,
    ) -> Vec<D> {
        let mut out = std::vec![MaybeUninit::uninit(); src.len()];
        if cached {
            map_cached(src, &mut out, conversion);
        } else {
            map(src, &mut out, conversion);
        }
        // SAFETY: `map` initialized every element.
        out.into_iter()
            .map(|value| unsafe { value.assume_init() })
            .collect()
    }

    /// Every alignment of the output and lengths around whole lines and blocks, chunks of a
    /// line and of four, and exceptions in some blocks: the streaming loop is forced by
    /// calling it directly.
    #[test]
    #[cfg(target_arch = "x86_64")]
    fn the_streaming_loop_writes_every_element_once() {
        fn check<D: Copy + PartialEq + core::fmt::Debug, const LINE: usize, const CHUNK: usize>(
            convert: fn(u32) -> D,
        ) {
            let src: Vec<u32> = (0..2 * CHUNK as u32 + LINE as u32 + 5).collect();
            let mut buffer = std::vec![MaybeUninit::<D>::uninit(); src.len() + LINE];
            let lengths = [0, 1, LINE - 1, LINE, LINE + 1, CHUNK - 1, CHUNK, CHUNK + 1];
            for offset in 0..=LINE {
                for len in lengths.into_iter().chain([src.len()]) {
                    // Chunks of one line, then of four.
                    for blocks in [false, true] {
                        let (src, dst) = (&src[..len], &mut buffer[offset..offset + len]);
                        if blocks {
                            map_streaming::<u32, D, LINE, CHUNK>(src, dst, Each(convert));
                        } else {
                            map_streaming::<u32, D, LINE, LINE>(src, dst, Each(convert));
                        }
                        for (i, (out, &x)) in dst.iter().zip(src).enumerate() {
                            // SAFETY: `map_streaming` initialized every element of `dst`.
                            let out = unsafe { out.assume_init() };
                            assert_eq!(out, convert(x), "offset {offset}, length {len}, index {i}");
                        }
                    }
                }
            }
        }
        check::<u8, 64, 256>(|x| x as u8);
        check::<u16, 32, 128>(|x| x as u16);
        check::<f32, 16, 64>(|x| x as f32);
        check::<u64, 8, 32>(|x| u64::from(x) << 7);
        // Exceptions (every value ending in 007) in some blocks and not others.
        let src: Vec<u32> = (0..5000).collect();
        let mut buffer = std::vec![MaybeUninit::<u32>::uninit(); src.len() + 16];
        for offset in 0..=16 {
            let dst = &mut buffer[offset..offset + src.len()];
            map_streaming::<u32, u32, 16, 64>(&src, dst, Halving);
            for (out, &x) in dst.iter().zip(&src) {
                // SAFETY: `map_streaming` initialized every element of `dst`.
                assert_eq!(unsafe { out.assume_init() }, Halving.reference(x), "{x}");
            }
        }
    }

    #[test]
    fn large_conversions_equal_the_plain_loop() {
        // 3M elements move 24 MiB, past the streaming threshold.
        let src: Vec<f64> = (0..3_000_001u64)
            .map(|i| f64::from_bits(i.wrapping_mul(0x9E37_79B9_7F4A_7C15)))
            .collect();
        let expected: Vec<f32> = src.iter().map(|&x| x as f32).collect();
        for cached in [false, true] {
            let got = converted(&src, cached, Each(|x: f64| x as f32));
            assert!(got
                .iter()
                .zip(&expected)
                .all(|(a, b)| a.to_bits() == b.to_bits()));
        }
        assert_eq!(converted(&src[..5], false, Each(|x: f64| x < 0.0)).len(), 5);
    }

    /// With `Halving`, whose common form is wrong on its exceptions, the output must still be
    /// the reference everywhere, on both loops, whatever the block an exception falls in.
    #[test]
    fn exceptions_get_the_reference_conversion() {
        // 5M elements move 40 MiB: the streaming loop; the first 1000 the cached one.
        let src: Vec<u32> = (0..5_000_003u32).collect();
        for len in [1000, src.len()] {
            for cached in [false, true] {
                let got = converted(&src[..len], cached, Halving);
                for (&value, &out) in src.iter().zip(&got) {
                    assert_eq!(out, Halving.reference(value), "{value}");
                }
            }
        }
    }

    /// On a machine with AVX2, `map` runs the AVX2 instance; the portable one (what a CPU
    /// without AVX2 runs) is called directly here and must write the same values.
    #[test]
    fn the_portable_instance_equals_the_dispatched_one() {
        fn check<S: Copy, D: Copy + PartialEq + core::fmt::Debug>(
            src: &[S],
            conversion: impl Conversion<S, D>,
        ) {
            let dispatched = converted(src, false, conversion);
            let mut portable = std::vec![MaybeUninit::uninit(); src.len()];
            let moved = src.len() * (core::mem::size_of::<S>() + core::mem::size_of::<D>());
            map_portable(src, &mut portable, conversion, moved);
            for (i, (&expected, got)) in dispatched.iter().zip(&portable).enumerate() {
                // SAFETY: `map_portable` initialized every element.
                assert_eq!(unsafe { got.assume_init() }, expected, "index {i}");
            }
        }
        let src: Vec<f32> = (0..3_000_017u32)
            .map(|i| f32::from_bits(i.wrapping_mul(0x9E37_79B9)))
            .collect();
        check(&src, Each(|x: f32| x.to_bits()));
        check(&src, Each(|x: f32| (x as f64).to_bits()));
        check(&src[..1000], Each(|x: f32| x as u8));
        let small: Vec<u32> = (0..100_003).collect();
        check(&small, Halving);
    }
}
