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

/// How far ahead of the line being converted the streaming loop asks for its input: a page,
/// since the hardware prefetchers stop at page boundaries. Measured here, 16M f64 → f32: 1.03
/// → 1.10–1.24 of memcpy with 4 KiB (1 KiB: 1.03–1.17, 8 KiB: 1.19–1.30, all noisy); the
/// work a line does besides moving data (range checks, NaN tests) otherwise keeps fewer loads
/// in flight than a plain copy has.
#[cfg(target_arch = "x86_64")]
const PREFETCH_BYTES: usize = 4096;

/// A conversion as the kernels run it: a `common` form, right for every input that is not
/// `exceptional`, and the `reference` for all. A line of inputs is converted with `common`;
/// when any of them is exceptional (rare: NaN, say) the line is converted again with the
/// reference. So a conversion can leave its rare cases out of the vectorized loop and stay
/// bit-identical to the reference.
pub(super) trait Conversion<S, D>: Copy {
    /// Whether any input is exceptional (if not, `common` is the whole conversion).
    const HAS_EXCEPTIONS: bool = false;
    /// The conversion of every input that is not exceptional.
    fn common(self, value: S) -> D;
    /// Nonzero when `value` needs [`reference`](Conversion::reference). A word rather than a
    /// `bool`, computed with integer operations: a line ORs them together, and LLVM keeps that
    /// in vector registers where a chain of `bool`s became a compare and a branch per value.
    #[inline(always)]
    fn exceptional(self, _value: S) -> u64 {
        0
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
    debug_assert_eq!(src.len(), dst.len());
    #[cfg(all(target_arch = "x86_64", feature = "std", not(target_feature = "avx2")))]
    {
        if super::arch::has_avx2() {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { map_avx2(src, dst, conversion) };
            return;
        }
    }
    map_portable(src, dst, conversion);
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
) {
    map_portable(src, dst, conversion);
}

#[inline(always)]
fn map_portable<S: Copy, D: Copy>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
) {
    #[cfg(target_arch = "x86_64")]
    {
        let moved = src
            .len()
            .saturating_mul(core::mem::size_of::<S>() + core::mem::size_of::<D>());
        if moved >= STREAMING_MIN_BYTES {
            // A line holds 64 bytes of output; the sizes are constants, so one arm remains.
            match core::mem::size_of::<D>() {
                1 => return map_streaming::<S, D, 64>(src, dst, conversion),
                2 => return map_streaming::<S, D, 32>(src, dst, conversion),
                4 => return map_streaming::<S, D, 16>(src, dst, conversion),
                8 => return map_streaming::<S, D, 8>(src, dst, conversion),
                _ => {}
            }
        }
    }
    map_cached(src, dst, conversion);
}

/// Converts one line: every value with `common`, again with `reference` if any is exceptional.
#[inline(always)]
fn convert_line<S: Copy, D: Copy, const LINE: usize>(
    values: &[S; LINE],
    out: &mut [MaybeUninit<D>; LINE],
    conversion: impl Conversion<S, D>,
) {
    let mut exceptional = 0;
    for (out, &value) in out.iter_mut().zip(values) {
        out.write(conversion.common(value));
        exceptional |= conversion.exceptional(value);
    }
    if exceptional != 0 {
        for (out, &value) in out.iter_mut().zip(values) {
            out.write(conversion.reference(value));
        }
    }
}

/// The loop with normal stores: plain when the conversion has no exceptions, else by lines
/// of 16 values.
#[inline(always)]
fn map_cached<S: Copy, D: Copy, C: Conversion<S, D>>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: C,
) {
    if !C::HAS_EXCEPTIONS {
        for (out, &value) in dst.iter_mut().zip(src) {
            out.write(conversion.common(value));
        }
        return;
    }
    let mut dst_lines = dst.chunks_exact_mut(16);
    let mut src_lines = src.chunks_exact(16);
    for (out, values) in (&mut dst_lines).zip(&mut src_lines) {
        let lines = (
            <&mut [MaybeUninit<D>; 16]>::try_from(&mut *out),
            <&[S; 16]>::try_from(values),
        );
        if let (Ok(out), Ok(values)) = lines {
            convert_line(values, out, conversion);
        } else {
            // Never taken (the chunks are exact), but every element is written either way.
            map_each(values, out, conversion);
        }
    }
    map_each(
        src_lines.remainder(),
        dst_lines.into_remainder(),
        conversion,
    );
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
/// then whole lines of `LINE` elements (64 bytes) converted in registers and streamed out,
/// then normal stores for the rest.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn map_streaming<S: Copy, D: Copy, const LINE: usize>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    conversion: impl Conversion<S, D>,
) {
    if LINE * core::mem::size_of::<D>() != 64 {
        // Never taken: `map_portable` picks `LINE` from `D`'s size (a constant test, as the
        // other sizes' instances exist too, unused, a `const` assertion cannot be used).
        return map_cached(src, dst, conversion);
    }
    let head = dst.as_ptr().align_offset(64).min(dst.len());
    let (dst_head, dst) = dst.split_at_mut(head);
    let (src_head, src) = src.split_at(head);
    map_cached(src_head, dst_head, conversion);
    let mut dst_lines = dst.chunks_exact_mut(LINE);
    let mut src_lines = src.chunks_exact(LINE);
    for (out, values) in (&mut dst_lines).zip(&mut src_lines) {
        let ahead = values.as_ptr().cast::<u8>().wrapping_add(PREFETCH_BYTES);
        for k in 0..(LINE * core::mem::size_of::<S>()).div_ceil(64) {
            super::arch::prefetch(ahead.wrapping_add(64 * k));
        }
        let mut line = [const { MaybeUninit::<D>::uninit() }; LINE];
        match values.try_into() {
            Ok(values) => {
                convert_line(values, &mut line, conversion);
                // SAFETY: `out` starts at a 64-byte boundary (`head` elements past `dst`'s
                // start, and each line is 64 bytes) and holds 64 bytes, as `line` does, which
                // `convert_line` initialized.
                unsafe { super::arch::stream_line(out, &line) };
            }
            // Never taken (the chunks are exact), but every element is written either way.
            Err(_) => map_each(values, out, conversion),
        }
    }
    map_cached(
        src_lines.remainder(),
        dst_lines.into_remainder(),
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
        fn exceptional(self, value: u32) -> u64 {
            u64::from(value % 1000 == 7)
        }
        fn reference(self, value: u32) -> u32 {
            if self.exceptional(value) != 0 {
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

    /// Every alignment of the output and lengths around whole lines, on both loops: the
    /// streaming one is forced by calling it directly.
    #[test]
    #[cfg(target_arch = "x86_64")]
    fn the_streaming_loop_writes_every_element_once() {
        fn check<D: Copy + PartialEq + core::fmt::Debug, const LINE: usize>(convert: fn(u32) -> D) {
            let src: Vec<u32> = (0..400u32).map(|i| i.wrapping_mul(0x9E37_79B9)).collect();
            let mut buffer = std::vec![MaybeUninit::<D>::uninit(); 600];
            for offset in 0..=LINE {
                for len in [0, 1, LINE - 1, LINE, LINE + 1, 3 * LINE + 5, 400] {
                    let dst = &mut buffer[offset..offset + len];
                    map_streaming::<u32, D, LINE>(&src[..len], dst, Each(convert));
                    for (i, (out, &x)) in dst.iter().zip(&src).enumerate() {
                        // SAFETY: `map_streaming` initialized every element of `dst`.
                        let out = unsafe { out.assume_init() };
                        assert_eq!(out, convert(x), "offset {offset}, length {len}, index {i}");
                    }
                }
            }
        }
        check::<u8, 64>(|x| x as u8);
        check::<u16, 32>(|x| x as u16);
        check::<f32, 16>(|x| x as f32);
        check::<u64, 8>(|x| u64::from(x) << 7);
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
    /// the reference everywhere, on both loops, whatever the line an exception falls in.
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
            map_portable(src, &mut portable, conversion);
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
