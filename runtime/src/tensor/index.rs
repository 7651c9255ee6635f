//! Indexing a tensor by one coordinate per dimension (`t[[1, 2]]`), and by `usize` at rank 1.

use core::ops::{Index, IndexMut};

use crate::{Element, Shape, Tensor};

/// The flat offset of `index`; panics if a coordinate is outside its own dimension.
#[track_caller]
fn flat_offset(shape: &[usize], index: &[usize]) -> usize {
    let mut offset = 0;
    for (axis, (&coordinate, &extent)) in index.iter().zip(shape).enumerate() {
        assert!(
            coordinate < extent,
            "index {coordinate} is out of bounds for axis {axis} of size {extent}"
        );
        offset = offset * extent + coordinate;
    }
    offset
}

impl<A: Shape<Idx = [usize; K]>, const K: usize> Index<[usize; K]> for Tensor<A> {
    type Output = A::Elem;

    /// The element at one coordinate per dimension.
    ///
    /// # Panics
    ///
    /// If a coordinate is not below its dimension's size, even where the flat offset would fit.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([[1, 2, 3], [4, 5, 6]]);
    /// assert_eq!(t[[1, 0]], 4);
    /// ```
    #[track_caller]
    fn index(&self, index: [usize; K]) -> &A::Elem {
        &self.as_slice()[flat_offset(A::SHAPE, &index)]
    }
}

impl<A: Shape<Idx = [usize; K]>, const K: usize> IndexMut<[usize; K]> for Tensor<A> {
    /// ```
    /// let mut t = tensorize_runtime::Tensor::new([[0u8; 3]; 2]);
    /// t[[1, 2]] = 9;
    /// assert_eq!(t.as_slice(), &[0, 0, 0, 0, 0, 9]);
    /// ```
    #[track_caller]
    fn index_mut(&mut self, index: [usize; K]) -> &mut A::Elem {
        let offset = flat_offset(A::SHAPE, &index);
        &mut self.as_mut_slice()[offset]
    }
}

impl<E: Element, const N: usize> Index<usize> for Tensor<[E; N]> {
    type Output = E;

    /// At rank 1, the element at `index`.
    ///
    /// ```
    /// let t = tensorize_runtime::Tensor::new([10, 20, 30]);
    /// assert_eq!(t[2], 30);
    /// ```
    #[track_caller]
    fn index(&self, index: usize) -> &E {
        &self.as_inner()[index]
    }
}

impl<E: Element, const N: usize> IndexMut<usize> for Tensor<[E; N]> {
    /// ```
    /// let mut t = tensorize_runtime::Tensor::new([10, 20, 30]);
    /// t[0] = 5;
    /// assert_eq!(t.into_inner(), [5, 20, 30]);
    /// ```
    #[track_caller]
    fn index_mut(&mut self, index: usize) -> &mut E {
        &mut self.as_mut_slice()[index]
    }
}
