//! Streaming batches: the Rust form of `tf.data.Dataset.from_tensor_slices(…).batch(n)`.

use alloc::vec::Vec;

use ndarray::ArrayViewD;

use super::stack::batch_shape;
use super::IntoTensor;
use crate::order::SplitMix;
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

    /// Shuffles the rows through a buffer of `size` rows, as tf.data's `shuffle(buffer_size)`:
    /// the buffer is filled first, then each row handed on is drawn uniformly from it (by a
    /// generator seeded with `seed`, so the order is the same on every run) and replaced by the
    /// next input row. Memory is `size` rows; with `size` at least the input's length the
    /// shuffle is uniform.
    ///
    /// # Panics
    ///
    /// If `size == 0`.
    ///
    /// ```
    /// use tensorize_runtime::batches;
    ///
    /// let mut shuffled = batches(0..10u8, 5).shuffle_buffer(4, 42);
    /// let mut seen = Vec::new();
    /// while let Some(batch) = shuffled.next_batch() {
    ///     seen.extend(batch.iter().copied());
    /// }
    /// assert_ne!(seen, (0..10).collect::<Vec<u8>>());
    /// seen.sort();
    /// assert_eq!(seen, (0..10).collect::<Vec<u8>>());
    /// ```
    #[track_caller]
    pub fn shuffle_buffer(self, size: usize, seed: u64) -> Batches<ShuffleBuffer<I>> {
        assert!(
            size > 0,
            "shuffle_buffer: the buffer must hold at least one row"
        );
        let (items, batch_size, drop_remainder) = self.into_parts();
        Batches {
            items: ShuffleBuffer::new(items, size, seed),
            batch_size,
            drop_remainder,
            buffer: Vec::new(),
        }
    }

    /// The iterator and the settings, for the adapters.
    pub(crate) fn into_parts(self) -> (I, usize, bool) {
        (self.items, self.batch_size, self.drop_remainder)
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

/// The rows of an iterator in tf.data's buffered-shuffle order; see
/// [`Batches::shuffle_buffer`].
pub struct ShuffleBuffer<I: Iterator> {
    items: I,
    buffer: Vec<I::Item>,
    size: usize,
    rng: SplitMix,
}

impl<I: Iterator> ShuffleBuffer<I> {
    fn new(items: I, size: usize, seed: u64) -> Self {
        ShuffleBuffer {
            items,
            buffer: Vec::new(),
            size,
            rng: SplitMix(seed),
        }
    }
}

impl<I: Iterator> Iterator for ShuffleBuffer<I> {
    type Item = I::Item;

    fn next(&mut self) -> Option<I::Item> {
        while self.buffer.len() < self.size {
            match self.items.next() {
                Some(item) => self.buffer.push(item),
                None => break,
            }
        }
        if self.buffer.is_empty() {
            return None;
        }
        let at = self.rng.below(self.buffer.len());
        Some(self.buffer.swap_remove(at))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (low, high) = self.items.size_hint();
        let held = self.buffer.len();
        (
            low.saturating_add(held),
            high.and_then(|h| h.checked_add(held)),
        )
    }
}
