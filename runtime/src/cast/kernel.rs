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

/// Writes `convert(src[i])` into every `dst[i]`: every element of `dst` is initialized on
/// return, and none is read.
///
/// `src` and `dst` have the same length (the public functions check it).
#[inline(always)]
pub(super) fn map<S: Copy, D: Copy + Default>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    convert: impl Fn(S) -> D,
) {
    debug_assert_eq!(src.len(), dst.len());
    #[cfg(all(target_arch = "x86_64", feature = "std", not(target_feature = "avx2")))]
    {
        if super::arch::has_avx2() {
            // SAFETY: the CPU supports AVX2 (checked just above).
            unsafe { map_avx2(src, dst, convert) };
            return;
        }
    }
    map_portable(src, dst, convert);
}

/// [`map_portable`] compiled with AVX2.
///
/// # Safety
///
/// The CPU must support AVX2.
#[cfg(all(target_arch = "x86_64", feature = "std", not(target_feature = "avx2")))]
#[target_feature(enable = "avx2")]
unsafe fn map_avx2<S: Copy, D: Copy + Default>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    convert: impl Fn(S) -> D,
) {
    map_portable(src, dst, convert);
}

#[inline(always)]
fn map_portable<S: Copy, D: Copy + Default>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    convert: impl Fn(S) -> D,
) {
    #[cfg(target_arch = "x86_64")]
    {
        let moved = src
            .len()
            .saturating_mul(core::mem::size_of::<S>() + core::mem::size_of::<D>());
        if moved >= STREAMING_MIN_BYTES {
            // A line holds 64 bytes of output; the sizes are constants, so one arm remains.
            match core::mem::size_of::<D>() {
                1 => return map_streaming::<S, D, 64>(src, dst, convert),
                2 => return map_streaming::<S, D, 32>(src, dst, convert),
                4 => return map_streaming::<S, D, 16>(src, dst, convert),
                8 => return map_streaming::<S, D, 8>(src, dst, convert),
                _ => {}
            }
        }
    }
    map_cached(src, dst, &convert);
}

/// The plain loop, with normal stores.
#[inline(always)]
fn map_cached<S: Copy, D: Copy>(src: &[S], dst: &mut [MaybeUninit<D>], convert: &impl Fn(S) -> D) {
    for (out, &value) in dst.iter_mut().zip(src) {
        out.write(convert(value));
    }
}

/// The loop with streaming stores: normal stores up to the first 64-byte boundary of `dst`,
/// then whole lines of `LINE` elements (64 bytes) converted in registers and streamed out,
/// then normal stores for the rest.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
fn map_streaming<S: Copy, D: Copy + Default, const LINE: usize>(
    src: &[S],
    dst: &mut [MaybeUninit<D>],
    convert: impl Fn(S) -> D,
) {
    if LINE * core::mem::size_of::<D>() != 64 {
        // Never taken: `map_portable` picks `LINE` from `D`'s size (a constant test, as the
        // other sizes' instances exist too, unused, a `const` assertion cannot be used).
        return map_cached(src, dst, &convert);
    }
    let head = dst.as_ptr().align_offset(64).min(dst.len());
    let (dst_head, dst) = dst.split_at_mut(head);
    let (src_head, src) = src.split_at(head);
    map_cached(src_head, dst_head, &convert);
    let mut dst_lines = dst.chunks_exact_mut(LINE);
    let mut src_lines = src.chunks_exact(LINE);
    for (out, values) in (&mut dst_lines).zip(&mut src_lines) {
        let mut line = [D::default(); LINE];
        if let Ok(values) = <&[S; LINE]>::try_from(values) {
            for (slot, &value) in line.iter_mut().zip(values) {
                *slot = convert(value);
            }
        }
        // SAFETY: `out` starts at a 64-byte boundary (`head` elements past `dst`'s start, and
        // each line is 64 bytes) and holds 64 bytes, as `line` does.
        unsafe { super::arch::stream_line(out, &line) };
    }
    map_cached(src_lines.remainder(), dst_lines.into_remainder(), &convert);
    super::arch::end_streaming();
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::vec::Vec;

    fn converted<S: Copy, D: Copy + Default>(src: &[S], convert: impl Fn(S) -> D) -> Vec<D> {
        let mut out = std::vec![MaybeUninit::uninit(); src.len()];
        map(src, &mut out, convert);
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
        fn check<D: Copy + Default + PartialEq + core::fmt::Debug, const LINE: usize>(
            convert: fn(u32) -> D,
        ) {
            let src: Vec<u32> = (0..400u32).map(|i| i.wrapping_mul(0x9E37_79B9)).collect();
            let mut buffer = std::vec![MaybeUninit::<D>::uninit(); 600];
            for offset in 0..=LINE {
                for len in [0, 1, LINE - 1, LINE, LINE + 1, 3 * LINE + 5, 400] {
                    let dst = &mut buffer[offset..offset + len];
                    map_streaming::<u32, D, LINE>(&src[..len], dst, convert);
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
        let got = converted(&src, |x: f64| x as f32);
        assert!(got
            .iter()
            .zip(&expected)
            .all(|(a, b)| a.to_bits() == b.to_bits()));
        assert_eq!(converted(&src[..5], |x: f64| x < 0.0).len(), 5);
    }
}
