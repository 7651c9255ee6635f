//! Output buffers for the allocating conversions: written once, straight into fresh memory
//! (no zero-filling pass), and on Linux laid out for huge pages when large (see
//! [`huge_pages`]), which saves most of the page faults a large fresh allocation costs.

use alloc::vec::Vec;
use core::mem::MaybeUninit;

/// A vector of `len` elements, each written by `fill` into uninitialized memory.
///
/// `fill` must write every element of the slice it is given and return it initialized, which
/// the conversion kernels do (`cast_into_uninit`); an error leaves nothing initialized behind.
pub(crate) fn try_filled<D, E>(
    len: usize,
    fill: impl FnOnce(&mut [MaybeUninit<D>]) -> Result<&mut [D], E>,
) -> Result<Vec<D>, E> {
    let mut data = with_capacity(len);
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
    let mut data = with_capacity(len);
    data.resize(len, D::ZERO);
    data
}

/// An empty vector with room for `len` elements (or a little more), laid out for huge pages
/// when large.
pub(crate) fn with_capacity<D>(len: usize) -> Vec<D> {
    #[cfg(all(feature = "std", target_os = "linux", target_arch = "x86_64"))]
    {
        huge_pages::with_capacity(len)
    }
    #[cfg(not(all(feature = "std", target_os = "linux", target_arch = "x86_64")))]
    {
        Vec::with_capacity(len)
    }
}

/// Huge pages for large outputs (Linux, x86-64, under `std`).
///
/// A fresh allocation costs a page fault, and the kernel zeroing the page, at its first touch:
/// 16k faults for 64 MiB of 4 KiB pages, which is more time than converting into it. numpy
/// advises huge pages (`MADV_HUGEPAGE`) for large arrays; so do we, and go two steps further,
/// since the 2 MiB frames that a buffer only partly covers stay on 4 KiB pages:
///
/// - The capacity is rounded so that the allocation's whole mapping (glibc's malloc maps a
///   large block with a one-page header and rounds it to pages) is a multiple of 2 MiB, which
///   Linux then places at a 2 MiB boundary: the data starts in the first page of a frame.
/// - That first frame also holds the allocator's header, already written (so already a 4 KiB
///   page, which blocks a huge page there); `MADV_COLLAPSE` (Linux 6.1) makes it one huge page
///   before the data is written.
///
/// Measured here, 16M f64 → f32 into a fresh buffer: 544 page faults → 33, 1.1–1.3 ms saved of
/// 22–26 ms. Everything is advice: with another allocator, an older kernel or huge pages off,
/// the calls fail or do nothing, and the buffer is an ordinary one (with at most 2 MiB of
/// untouched, so unbacked, extra capacity).
#[cfg(all(feature = "std", target_os = "linux", target_arch = "x86_64"))]
mod huge_pages {
    use alloc::vec::Vec;

    /// Buffers at least this large get huge pages.
    const THRESHOLD: usize = 4 << 20;
    const PAGE: usize = 4096;
    const HUGE_PAGE: usize = 2 << 20;
    /// `MADV_COLLAPSE` from Linux's `mman-common.h` (libc has it only for glibc targets).
    const MADV_COLLAPSE: libc::c_int = 25;

    /// An empty vector with room for `len` elements; when large, with the capacity that
    /// [`capacity`] rounds to and its pages advised (see [`advise`]).
    pub(super) fn with_capacity<D>(len: usize) -> Vec<D> {
        let large = len.saturating_mul(core::mem::size_of::<D>()) >= THRESHOLD;
        if !large {
            return Vec::with_capacity(len);
        }
        let mut data = Vec::with_capacity(capacity::<D>(len));
        advise(&mut data);
        data
    }

    /// The capacity to ask for `len` elements of a large buffer: rounded so that a page of
    /// header plus the data fill whole 2 MiB frames.
    pub(super) fn capacity<D>(len: usize) -> usize {
        let size = core::mem::size_of::<D>();
        let mapped = len
            .checked_mul(size)
            .and_then(|bytes| bytes.checked_add(PAGE))
            .and_then(|bytes| bytes.checked_next_multiple_of(HUGE_PAGE))
            // Never past what a Vec may hold, where `len` alone would not have failed.
            .filter(|&mapped| isize::try_from(mapped).is_ok());
        match mapped {
            Some(mapped) if size != 0 => len.max((mapped - PAGE) / size),
            _ => len,
        }
    }

    /// Advises huge pages for `data`'s allocation (a large one), and collapses its first
    /// frame into one when the allocation starts in that frame's first page.
    fn advise<D>(data: &mut Vec<D>) {
        let bytes = data.capacity() * core::mem::size_of::<D>();
        let start = data.as_mut_ptr() as usize;
        let frame = start & !(HUGE_PAGE - 1);
        // From the page holding the start when that is a frame's first page (the page is
        // mapped, as the allocation starts in it, and advice leaves its contents alone), else
        // from the first whole page of the allocation.
        let first = if start - frame < PAGE {
            frame
        } else {
            start.next_multiple_of(PAGE)
        };
        let last = (start + bytes) & !(PAGE - 1);
        if last <= first {
            return;
        }
        // SAFETY: `[first, last)` is page-aligned and mapped: it lies in the allocation, or in
        // the page where the allocation starts. MADV_HUGEPAGE and MADV_COLLAPSE change how the
        // kernel backs those pages, never their contents (a collapse copies what is there),
        // so the allocator's bytes in that page are untouched. Errors leave the buffer usable.
        unsafe {
            libc::madvise(
                first as *mut libc::c_void,
                last - first,
                libc::MADV_HUGEPAGE,
            );
            if first == frame && frame + HUGE_PAGE <= last {
                libc::madvise(frame as *mut libc::c_void, HUGE_PAGE, MADV_COLLAPSE);
            }
        }
    }
}

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

    /// The capacity rounding: a page of header plus the data make whole 2 MiB frames, never
    /// fewer elements than asked, and small or zero-sized buffers as asked.
    #[test]
    #[cfg(all(feature = "std", target_os = "linux", target_arch = "x86_64"))]
    fn large_capacities_fill_whole_huge_pages() {
        use super::huge_pages::capacity;
        assert_eq!(capacity::<f32>(16 << 20) * 4, (66 << 20) - 4096);
        assert_eq!(capacity::<f64>(1_000_003) * 8 + 4096, 8 << 20);
        let small = super::huge_pages::with_capacity::<u8>((4 << 20) - 1);
        assert_eq!(small.capacity(), (4 << 20) - 1);
        assert_eq!(capacity::<()>(usize::MAX), usize::MAX);
        assert_eq!(capacity::<u64>(usize::MAX / 4), usize::MAX / 4);
        assert_eq!(capacity::<u8>(isize::MAX as usize), isize::MAX as usize);
        for len in [(2usize << 20) + 1, 3 << 20, (6 << 20) - 1] {
            // Three-byte elements: the mapping ends within one element of a frame boundary.
            let mapped = (len * 3 + 4096).next_multiple_of(2 << 20);
            let rounded = capacity::<[u8; 3]>(len);
            assert!(
                rounded >= len && rounded * 3 + 4096 <= mapped && rounded * 3 + 4096 + 3 > mapped
            );
        }
    }

    /// The advice (including the collapse of the frame the allocator's header shares) leaves
    /// the allocation and its neighbours intact, and, where the kernel has transparent huge
    /// pages, a 64 MiB buffer is written with a small share of the page faults the same
    /// buffer takes on 4 KiB pages (here 32 against 16k; under the address sanitizer its shadow
    /// memory adds about 2k to both).
    #[test]
    #[cfg(all(feature = "std", target_os = "linux", target_arch = "x86_64"))]
    fn large_buffers_are_written_with_few_page_faults() {
        fn faults_writing(mut data: Vec<u8>, len: usize) -> i64 {
            fn faults() -> i64 {
                // SAFETY: getrusage writes a `rusage` into the zeroed one it is given.
                unsafe {
                    let mut usage: libc::rusage = core::mem::zeroed();
                    libc::getrusage(libc::RUSAGE_THREAD, &raw mut usage);
                    usage.ru_minflt
                }
            }
            // Written by whole MiB (a memcpy each, quick in a debug build too).
            let mib: Vec<u8> = (0..1 << 20)
                .map(|i: u32| (i * 7 + i / 4096) as u8)
                .collect();
            let start = faults();
            for _ in 0..len >> 20 {
                data.extend_from_slice(&mib);
            }
            let taken = faults() - start;
            assert!(data.chunks(1 << 20).all(|written| written == mib));
            taken
        }
        let before: Vec<u64> = (0..1000).collect();
        let len = 64 << 20;
        let huge = faults_writing(with_capacity(len), len);
        let mut small = Vec::with_capacity(len);
        let start = small.as_mut_ptr() as usize;
        let first = start.next_multiple_of(4096);
        // SAFETY: a page-aligned range inside `small`'s allocation; the advice changes how
        // the kernel backs it, not its contents.
        unsafe {
            libc::madvise(
                first as *mut libc::c_void,
                (start + len - first) & !4095,
                libc::MADV_NOHUGEPAGE,
            );
        }
        let small = faults_writing(small, len);
        assert!(before.iter().enumerate().all(|(i, &x)| x == i as u64));
        let thp = std::fs::read_to_string("/sys/kernel/mm/transparent_hugepage/enabled");
        if thp.is_ok_and(|setting| !setting.contains("[never]")) {
            assert!(
                huge * 4 < small,
                "{huge} page faults for 64 MiB, {small} on 4 KiB pages"
            );
        }
    }

    #[test]
    fn a_failed_fill_returns_its_error() {
        let result: Result<Vec<u8>, &str> = try_filled(4, |_| Err("no"));
        assert_eq!(result, Err("no"));
    }
}
