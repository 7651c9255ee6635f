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
    let native = if cfg!(target_endian = "big") {
        swap_each(*bytes, dtype.size_of())
    } else {
        *bytes
    };
    // SAFETY: `A` is an element type or nested arrays of one (`Shape` is sealed), `N` bytes long
    // (asserted above) with no padding, so every byte of the union's `value` is initialized from
    // `bytes`. Every bit pattern is a valid integer, float, f16 or bf16, and bool bytes were
    // checked to be 0 or 1, so the bytes are a valid `A`.
    Tensor::new(unsafe { Reinterpret::<A, N> { bytes: native }.value })
}

/// Reinterprets bytes as the array; both fields have the same size (asserted before use).
union Reinterpret<A: Copy, const N: usize> {
    bytes: [u8; N],
    value: A,
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
