//! Streaming batches: the Rust form of `tf.data.Dataset.from_tensor_slices(…).batch(n)`.

use alloc::vec::Vec;

use ndarray::ArrayViewD;

use super::stack::batch_shape;
use super::IntoTensor;
use crate::Element;

/// Groups the rows of `items` into batches of `batch_size`, lazily, in one reused buffer.
///
/// Each [`Batches::next_batch`] pulls at most `batch_size` items from the iterator, writes them
/// into the buffer and lends a view of shape `[b, ..T::SHAPE]`; memory stays at one batch
/// however long the input. A short last batch is kept unless
/// [`drop_remainder(true)`](Batches::drop_remainder).
///
/// # Panics
///
/// If `batch_size == 0`.
///
/// ```
/// use tensorize_runtime::batches;
///
/// let rows = (0..10u8).map(|i| [i, i + 1]);
/// let mut batches = batches(rows, 4);
/// let mut shapes = Vec::new();
/// while let Some(batch) = batches.next_batch() {
///     shapes.push(batch.shape().to_vec());
/// }
/// assert_eq!(shapes, [vec![4, 2], vec![4, 2], vec![2, 2]]);
/// ```
#[track_caller]
pub fn batches<I>(items: I, batch_size: usize) -> Batches<I::IntoIter>
where
    I: IntoIterator,
    I::Item: IntoTensor,
{
    assert!(batch_size > 0, "batches: the batch size must be at least 1");
    Batches {
        items: items.into_iter(),
        batch_size,
        drop_remainder: false,
        buffer: Vec::new(),
    }
}

/// Batches of rows from an iterator; see [`batches`].
pub struct Batches<I>
where
    I: Iterator,
    I::Item: IntoTensor,
{
    items: I,
    batch_size: usize,
    drop_remainder: bool,
    buffer: Vec<<I::Item as IntoTensor>::Elem>,
}

impl<I> Batches<I>
where
    I: Iterator,
    I::Item: IntoTensor,
{
    /// Whether a last batch shorter than the batch size is dropped (default `false`).
    ///
    /// ```
    /// use tensorize_runtime::batches;
    ///
    /// let mut b = batches(0..10u8, 4).drop_remainder(true);
    /// assert_eq!(b.next_batch().unwrap().len(), 4);
    /// assert_eq!(b.next_batch().unwrap().len(), 4);
    /// assert!(b.next_batch().is_none());
    /// ```
    #[must_use]
    pub fn drop_remainder(mut self, yes: bool) -> Self {
        self.drop_remainder = yes;
        self
    }

    /// The next batch, shape `[b, ..T::SHAPE]`, borrowed from the reused buffer (a lending
    /// iterator: drop the view before asking for the next).
    #[allow(clippy::missing_panics_doc)] // the `expect` states an invariant, it cannot fail
    pub fn next_batch(&mut self) -> Option<ArrayViewD<'_, <I::Item as IntoTensor>::Elem>> {
        let numel = <I::Item as IntoTensor>::NUMEL;
        let capacity = self.batch_size * numel;
        if self.buffer.len() != capacity {
            self.buffer
                .resize(capacity, <<I::Item as IntoTensor>::Elem as Element>::ZERO);
        }
        let mut count = 0;
        while count < self.batch_size {
            let Some(item) = self.items.next() else {
                break;
            };
            item.write_to(&mut self.buffer[count * numel..(count + 1) * numel]);
            count += 1;
        }
        if count == 0 || (count < self.batch_size && self.drop_remainder) {
            return None;
        }
        let view =
            ArrayViewD::from_shape(batch_shape::<I::Item>(count), &self.buffer[..count * numel])
                .expect("the buffer holds one item's elements per item");
        Some(view)
    }
}
