//! Building a tensor from its little-endian bytes in a `const` context: how `tensor!` (and later
//! `include_npy!`) carry large literals cheaply. The macro emits one byte string; this decodes it
//! for the target's byte order, so the expansion needs no `cfg(target_endian)` of its own.

use crate::{DType, Element, Shape, Tensor};

/// The tensor whose elements, in row-major order, are `bytes` read as little-endian values.
///
/// # Panics
///
/// (At compile time when called in a `const` context.) If `N` is not the tensor's size in bytes,
/// or a `bool` element's byte is neither 0 nor 1.
#[must_use]
pub const fn tensor_from_le_bytes<A: Shape, const N: usize>(bytes: &[u8; N]) -> Tensor<A> {
    tensor_from_bytes(bytes, false)
}

/// The tensor whose data is the `N` bytes at `offset` in `file` (an `include_bytes!` of a
/// `.npy` file), in row-major order and the given byte order.
///
/// # Panics
///
/// (At compile time in a `const` context.) If the file has fewer than `offset + N` bytes, or
/// as [`tensor_from_bytes`].
#[must_use]
pub const fn tensor_from_file<A: Shape, const F: usize, const N: usize>(
    file: &[u8; F],
    offset: usize,
    big_endian: bool,
) -> Tensor<A> {
    let file: &[u8] = file;
    assert!(
        offset <= file.len(),
        "tensor_from_file: the data offset is past the end of the file"
    );
    let (_, rest) = file.split_at(offset);
    match rest.first_chunk::<N>() {
        Some(data) => tensor_from_bytes(data, big_endian),
        None => panic!("tensor_from_file: the file is shorter than its data"),
    }
}

/// The tensor whose elements, in row-major order, are `bytes` in the given byte order.
///
/// # Panics
///
/// (At compile time when called in a `const` context.) If `N` is not the tensor's size in bytes,
/// or a `bool` element's byte is neither 0 nor 1.
#[must_use]
pub const fn tensor_from_bytes<A: Shape, const N: usize>(
    bytes: &[u8; N],
    big_endian: bool,
) -> Tensor<A> {
    assert!(
        N == A::NUMEL * <A::Elem as Element>::DTYPE.size_of() && N == core::mem::size_of::<A>(),
        "tensor_from_le_bytes: the byte count does not match the tensor's size"
    );
    let dtype = <A::Elem as Element>::DTYPE;
    if matches!(dtype, DType::Bool) {
        let mut i = 0;
        while i < N {
            assert!(
                bytes[i] <= 1,
                "tensor_from_le_bytes: a bool byte is neither 0 nor 1"
            );
            i += 1;
        }
    }
    if big_endian != cfg!(target_endian = "big") {
        let native = swap_each(*bytes, dtype.size_of());
        // SAFETY: as below, for the byte-swapped copy.
        return Tensor::new(unsafe { core::ptr::read_unaligned(native.as_ptr().cast::<A>()) });
    }
    // SAFETY: `A` is an element type or nested arrays of one (`Shape` is sealed), exactly `N`
    // bytes long (asserted above) with no padding, so the read covers initialized bytes only.
    // Every bit pattern is a valid integer, float, f16 or bf16, and bool bytes were checked to
    // be 0 or 1, so the bytes are a valid `A`. `read_unaligned` needs no alignment, and reading
    // straight from the borrowed bytes makes const evaluation copy the data once.
    Tensor::new(unsafe { core::ptr::read_unaligned(bytes.as_ptr().cast::<A>()) })
}

/// Reverses the byte order of every `width`-byte element.
const fn swap_each<const N: usize>(mut bytes: [u8; N], width: usize) -> [u8; N] {
    let mut start = 0;
    while start + width <= N {
        let mut low = start;
        let mut high = start + width - 1;
        while low < high {
            let tmp = bytes[low];
            bytes[low] = bytes[high];
            bytes[high] = tmp;
            low += 1;
            high -= 1;
        }
        start += width;
    }
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::f16;

    #[test]
    fn decodes_little_endian_bytes_of_every_width() {
        const F: Tensor<[[f32; 2]; 1]> =
            tensor_from_le_bytes(&[0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0]);
        assert_eq!(F.into_inner(), [[1.0, -2.5]]);
        let h: Tensor<[f16; 2]> = tensor_from_le_bytes(&[0x00, 0x3c, 0xff, 0x7b]);
        assert_eq!(h.into_inner(), [f16::ONE, f16::MAX]);
        let b: Tensor<[bool; 3]> = tensor_from_le_bytes(&[1, 0, 1]);
        assert_eq!(b.into_inner(), [true, false, true]);
        let i: Tensor<i64> = tensor_from_le_bytes(&(-5i64).to_le_bytes());
        assert_eq!(i.into_inner(), -5);
    }

    #[test]
    fn swaps_each_element_for_big_endian_targets() {
        assert_eq!(
            swap_each([1, 2, 3, 4, 5, 6, 7, 8], 4),
            [4, 3, 2, 1, 8, 7, 6, 5]
        );
        assert_eq!(swap_each([1, 2, 3, 4], 2), [2, 1, 4, 3]);
        assert_eq!(swap_each([1, 2, 3], 1), [1, 2, 3]);
        let be = swap_each(1.5f64.to_le_bytes(), 8);
        assert_eq!(f64::from_be_bytes(be), 1.5);
    }

    #[test]
    fn decodes_big_endian_bytes_and_file_slices() {
        let t: Tensor<[u16; 2]> = tensor_from_bytes(&[0x12, 0x34, 0xab, 0xcd], true);
        assert_eq!(t.into_inner(), [0x1234, 0xabcd]);
        const FILE: &[u8; 7] = &[9, 9, 9, 1, 0, 2, 0];
        const T: Tensor<[i16; 2]> = tensor_from_file::<[i16; 2], 7, 4>(FILE, 3, false);
        assert_eq!(T.into_inner(), [1, 2]);
    }

    #[test]
    #[should_panic(expected = "the file is shorter than its data")]
    fn rejects_a_short_file() {
        let _: Tensor<[u8; 4]> = tensor_from_file::<[u8; 4], 5, 4>(&[0; 5], 2, false);
    }

    #[test]
    #[should_panic(expected = "a bool byte is neither 0 nor 1")]
    fn rejects_invalid_bool_bytes() {
        let _: Tensor<[bool; 2]> = tensor_from_le_bytes(&[1, 2]);
    }

    #[test]
    #[should_panic(expected = "the byte count does not match")]
    fn rejects_a_wrong_length() {
        let _: Tensor<[u16; 2]> = tensor_from_le_bytes(&[1, 2, 3]);
    }
}
