//! Output buffers for the allocating conversions: written once, straight into fresh memory
//! (no zero-filling pass), and on Linux advised to use huge pages when large, as numpy does,
//! which saves most of the page faults a large fresh allocation costs.

use alloc::vec::Vec;
use core::mem::MaybeUninit;

/// Allocations at least this large are advised to use transparent huge pages.
#[cfg(all(feature = "std", target_os = "linux"))]
const HUGE_PAGE_THRESHOLD: usize = 4 << 20;

/// A vector of `len` elements, each written by `fill` into uninitialized memory.
///
/// `fill` must write every element of the slice it is given and return it initialized, which
/// the conversion kernels do (`cast_into_uninit`); an error leaves nothing initialized behind.
pub(crate) fn try_filled<D, E>(
    len: usize,
    fill: impl FnOnce(&mut [MaybeUninit<D>]) -> Result<&mut [D], E>,
) -> Result<Vec<D>, E> {
    let mut data = Vec::with_capacity(len);
    advise_huge_pages(&mut data);
    let spare = &mut data.spare_capacity_mut()[..len];
    let expected = spare.as_ptr().cast::<D>();
    let written = fill(spare)?;
    assert!(
        written.len() == len && core::ptr::eq(written.as_ptr(), expected),
        "filled: the fill must initialize the whole buffer it was given"
    );
    // SAFETY: `fill` returned the same `len` elements of the spare capacity as an initialized
    // `&mut [D]` (checked just above), so the first `len` elements are initialized.
    unsafe { data.set_len(len) };
    Ok(data)
}

/// [`try_filled`] for a fill that cannot fail.
pub(crate) fn filled<D>(
    len: usize,
    fill: impl FnOnce(&mut [MaybeUninit<D>]) -> &mut [D],
) -> Vec<D> {
    match try_filled::<D, core::convert::Infallible>(len, |spare| Ok(fill(spare))) {
        Ok(data) => data,
        Err(never) => match never {},
    }
}

/// A vector of `len` zeros, advised to use huge pages when large (for outputs written through
/// `&mut [D]` rather than `MaybeUninit`).
pub(crate) fn zeroed<D: crate::Element>(len: usize) -> Vec<D> {
    let mut data = Vec::with_capacity(len);
    advise_huge_pages(&mut data);
    data.resize(len, D::ZERO);
    data
}

/// An empty vector with room for `len` elements, advised to use huge pages when large.
#[cfg(feature = "npy")]
pub(crate) fn with_capacity<D>(len: usize) -> Vec<D> {
    let mut data = Vec::with_capacity(len);
    advise_huge_pages(&mut data);
    data
}

/// Asks the kernel to back a large allocation with huge pages (`MADV_HUGEPAGE`). Only advice:
/// errors are ignored.
#[cfg(all(feature = "std", target_os = "linux"))]
fn advise_huge_pages<D>(data: &mut Vec<D>) {
    let bytes = data.capacity() * core::mem::size_of::<D>();
    if bytes < HUGE_PAGE_THRESHOLD {
        return;
    }
    const PAGE: usize = 4096;
    let start = data.as_mut_ptr().cast::<u8>();
    let offset = start.align_offset(PAGE);
    if offset >= bytes {
        return;
    }
    let length = (bytes - offset) / PAGE * PAGE;
    // SAFETY: `[start + offset, start + offset + length)` lies inside the vector's allocation
    // (`offset + length <= bytes`), is page-aligned as madvise requires, and MADV_HUGEPAGE only
    // changes how the kernel backs those pages, not their contents or validity.
    unsafe {
        libc::madvise(start.add(offset).cast(), length, libc::MADV_HUGEPAGE);
    }
}

#[cfg(not(all(feature = "std", target_os = "linux")))]
fn advise_huge_pages<D>(_: &mut Vec<D>) {}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cast::slice::cast_into_uninit;
    use crate::CastMode;

    #[test]
    fn fills_small_and_huge_buffers() {
        let src: Vec<i32> = (0..3).collect();
        let small = filled::<f32>(3, |spare| cast_into_uninit(&src, spare, CastMode::As));
        assert_eq!(small, [0.0f32, 1.0, 2.0]);
        let src: Vec<u8> = (0..(8 << 20)).map(|i| i as u8).collect();
        let big = filled::<f32>(src.len(), |spare| {
            cast_into_uninit(&src, spare, CastMode::As)
        });
        assert!(big.iter().zip(&src).all(|(&f, &b)| f == f32::from(b)));
        let empty: Vec<f64> = filled(0, |spare| {
            cast_into_uninit::<f32, f64>(&[], spare, CastMode::As)
        });
        assert!(empty.is_empty());
    }

    #[test]
    #[should_panic(expected = "the fill must initialize the whole buffer")]
    fn a_fill_that_leaves_elements_unwritten_is_refused() {
        let _ = filled::<u8>(2, |spare| {
            cast_into_uninit(&[1u8], &mut spare[..1], CastMode::As)
        });
    }

    #[test]
    fn a_failed_fill_returns_its_error() {
        let result: Result<Vec<u8>, &str> = try_filled(4, |_| Err("no"));
        assert_eq!(result, Err("no"));
    }
}
