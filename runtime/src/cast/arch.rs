//! The machine-specific pieces of the kernels: f32 ↔ f16 with x86's F16C instructions (8
//! values per instruction), streaming stores, and asking the CPU for AVX2. A compile-time
//! target feature is used directly; otherwise, under `std`, the CPU is asked once; without
//! either the portable kernel runs. Each path is bit-identical to the scalar reference (F16C
//! rounds to nearest-even and quiets NaNs keeping their top payload bits, as the reference does).

use core::mem::MaybeUninit;

use crate::f16;

/// Converts f32 → f16 (nearest-even, overflow to ±inf) with F16C when the CPU has it;
/// returns `false` (having written nothing) when it does not.
#[inline]
pub(crate) fn f32_to_f16(src: &[f32], dst: &mut [MaybeUninit<f16>]) -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    {
        if x86_has_f16c() {
            // SAFETY: the CPU supports F16C and AVX (checked just above).
            unsafe { x86::f32_to_f16(src, dst) };
            return true;
        }
    }
    let _ = (src, dst);
    false
}

/// Converts f16 → f32 (exact) with F16C when the CPU has it; returns `false` otherwise.
#[inline]
pub(crate) fn f16_to_f32(src: &[f16], dst: &mut [MaybeUninit<f32>]) -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    {
        if x86_has_f16c() {
            // SAFETY: the CPU supports F16C and AVX (checked just above).
            unsafe { x86::f16_to_f32(src, dst) };
            return true;
        }
    }
    let _ = (src, dst);
    false
}

/// Whether the f16 hardware paths are available (always `false` off x86).
#[inline]
pub(crate) fn has_f16c() -> bool {
    #[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
    {
        x86_has_f16c()
    }
    #[cfg(not(any(target_arch = "x86", target_arch = "x86_64")))]
    {
        false
    }
}

/// Whether the CPU has AVX2 (asked once; only compiled where it is not known at compile time).
#[cfg(all(target_arch = "x86_64", feature = "std", not(target_feature = "avx2")))]
#[inline]
pub(crate) fn has_avx2() -> bool {
    std::is_x86_feature_detected!("avx2")
}

/// Writes the 64 bytes of `line` to `out` with non-temporal stores, which bypass the cache
/// and so do not read the destination line first. Call [`end_streaming`] after the last one.
///
/// # Safety
///
/// `out` must start at a 64-byte boundary; `out` and `line` must both be 64 bytes long, and
/// every element of `line` initialized.
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) unsafe fn stream_line<D: Copy>(out: &mut [MaybeUninit<D>], line: &[MaybeUninit<D>]) {
    use core::arch::x86_64::{__m128i, _mm_loadu_si128, _mm_stream_si128};
    debug_assert!(out.as_ptr() as usize % 64 == 0);
    debug_assert!(core::mem::size_of_val(out) == 64 && core::mem::size_of_val(line) == 64);
    let from = line.as_ptr().cast::<__m128i>();
    let to = out.as_mut_ptr().cast::<__m128i>();
    for k in 0..4 {
        // SAFETY: SSE2 is part of x86-64. Both are 64 bytes (the caller's contract), so the
        // four 16-byte accesses are in bounds; `to` is 64-byte aligned, so each streaming
        // store is 16-byte aligned as it must be. `line` holds initialized `D`s (the caller's
        // contract), read as bytes.
        unsafe { _mm_stream_si128(to.add(k), _mm_loadu_si128(from.add(k))) };
    }
}

/// Asks for the cache line holding `at` to be loaded ahead of use. Only a hint: it never
/// faults, so `at` may lie past the end of the data (callers form it with `wrapping_add`).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn prefetch<T>(at: *const T) {
    // Safe to call since Rust 1.87 (SSE is part of x86-64); `unsafe` for older compilers.
    #[allow(unused_unsafe)]
    // SAFETY: SSE is part of x86-64; a prefetch reads nothing the program can observe and
    // does not fault on any address.
    unsafe {
        core::arch::x86_64::_mm_prefetch::<{ core::arch::x86_64::_MM_HINT_T0 }>(at.cast::<i8>());
    }
}

/// Orders the streaming stores before any later store, so the output is seen written by
/// another thread that is handed it afterwards (streaming stores are weakly ordered).
#[cfg(target_arch = "x86_64")]
#[inline(always)]
pub(crate) fn end_streaming() {
    // Safe to call since Rust 1.87 (SSE is part of x86-64); `unsafe` for older compilers.
    #[allow(unused_unsafe)]
    // SAFETY: SSE is part of x86-64.
    unsafe {
        core::arch::x86_64::_mm_sfence();
    }
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
#[inline]
fn x86_has_f16c() -> bool {
    #[cfg(all(target_feature = "f16c", target_feature = "avx"))]
    {
        true
    }
    #[cfg(all(
        not(all(target_feature = "f16c", target_feature = "avx")),
        feature = "std"
    ))]
    {
        std::is_x86_feature_detected!("f16c") && std::is_x86_feature_detected!("avx")
    }
    #[cfg(all(
        not(all(target_feature = "f16c", target_feature = "avx")),
        not(feature = "std")
    ))]
    {
        false
    }
}

#[cfg(any(target_arch = "x86", target_arch = "x86_64"))]
mod x86 {
    #[cfg(target_arch = "x86")]
    use core::arch::x86::{
        __m128i, _mm256_cvtph_ps, _mm256_cvtps_ph, _mm256_loadu_ps, _mm256_storeu_ps,
        _mm_loadu_si128, _mm_storeu_si128,
    };
    #[cfg(target_arch = "x86_64")]
    use core::arch::x86_64::{
        __m128i, _mm256_cvtph_ps, _mm256_cvtps_ph, _mm256_loadu_ps, _mm256_storeu_ps,
        _mm_loadu_si128, _mm_storeu_si128,
    };

    use crate::f16;
    use core::mem::MaybeUninit;

    /// Round to nearest-even (`_MM_FROUND_TO_NEAREST_INT`).
    const NEAREST: i32 = 0;

    /// # Safety
    ///
    /// The CPU must support F16C and AVX, and `src.len() == dst.len()`.
    #[target_feature(enable = "f16c,avx")]
    #[allow(clippy::cast_ptr_alignment)] // `storeu` is the unaligned store
    pub(super) unsafe fn f32_to_f16(src: &[f32], dst: &mut [MaybeUninit<f16>]) {
        let chunks = src.len() / 8;
        for i in 0..chunks {
            // SAFETY: `i * 8 + 8 <= src.len() == dst.len()`, so both 8-element (32- and
            // 16-byte) unaligned accesses are in bounds; f16 is a `u16` (repr(transparent)).
            unsafe {
                let v = _mm256_loadu_ps(src.as_ptr().add(i * 8));
                let h = _mm256_cvtps_ph::<NEAREST>(v);
                _mm_storeu_si128(dst.as_mut_ptr().add(i * 8).cast::<__m128i>(), h);
            }
        }
        for i in chunks * 8..src.len() {
            dst[i].write(f16::from_bits(super::super::half::f32_to_f16_bits(
                src[i], false,
            )));
        }
    }

    /// # Safety
    ///
    /// The CPU must support F16C and AVX, and `src.len() == dst.len()`.
    #[target_feature(enable = "f16c,avx")]
    #[allow(clippy::cast_ptr_alignment)] // `loadu` is the unaligned load
    pub(super) unsafe fn f16_to_f32(src: &[f16], dst: &mut [MaybeUninit<f32>]) {
        let chunks = src.len() / 8;
        for i in 0..chunks {
            // SAFETY: as in `f32_to_f16`, with the roles of the slices swapped.
            unsafe {
                let h = _mm_loadu_si128(src.as_ptr().add(i * 8).cast::<__m128i>());
                let v = _mm256_cvtph_ps(h);
                _mm256_storeu_ps(dst.as_mut_ptr().add(i * 8).cast::<f32>(), v);
            }
        }
        for i in chunks * 8..src.len() {
            dst[i].write(src[i].to_f32());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hardware_paths_match_the_portable_ones_when_present() {
        let src: std::vec::Vec<f32> = (0..1003)
            .map(|i| f32::from_bits((i as u32).wrapping_mul(0x9E37_79B9)))
            .chain([
                f32::NAN,
                -f32::NAN,
                f32::INFINITY,
                65520.0,
                -65504.0,
                1e-8,
                -0.0,
            ])
            .collect();
        /// The buffers start initialized, so reading them back is sound either way.
        fn read<T: Copy>(buffer: &[MaybeUninit<T>]) -> std::vec::Vec<T> {
            // SAFETY: every element was initialized by `MaybeUninit::new` or a conversion.
            buffer.iter().map(|x| unsafe { x.assume_init() }).collect()
        }
        let mut halves = std::vec![MaybeUninit::new(f16::ZERO); src.len()];
        if f32_to_f16(&src, &mut halves) {
            let halves = read(&halves);
            for (&x, &h) in src.iter().zip(&halves) {
                assert_eq!(
                    h.to_bits(),
                    super::super::half::f32_to_f16_bits(x, false),
                    "{x:e}"
                );
            }
            let mut back = std::vec![MaybeUninit::new(0.0f32); src.len()];
            assert!(f16_to_f32(&halves, &mut back));
            for (&h, &x) in halves.iter().zip(&read(&back)) {
                assert_eq!(x.to_bits(), h.to_f32().to_bits());
            }
        }
    }
}
