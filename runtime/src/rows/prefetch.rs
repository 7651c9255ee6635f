//! Read-ahead on a background thread (feature `std`): a producer fills batches into a pool of
//! `depth + 2` reused buffers (`depth` waiting, one being filled, one lent to the consumer), so
//! reading and converting overlap the consumer's work, in the same order as without it.

use std::sync::mpsc::{channel, sync_channel, Receiver, Sender};
use std::thread::JoinHandle;
use std::vec::Vec;

use ndarray::{ArrayViewD, IxDyn};

use super::batches::Batches;
use super::IntoTensor;
use crate::Element;

/// A filled buffer and its batch's shape.
struct Filled<E> {
    values: Vec<E>,
    shape: Vec<usize>,
}

/// The consumer's end of a producer thread.
pub(crate) struct Prefetcher<E, X> {
    filled: Option<Receiver<Result<Filled<E>, X>>>,
    empties: Option<Sender<Vec<E>>>,
    lent: Option<Filled<E>>,
    worker: Option<JoinHandle<()>>,
}

impl<E: Send + 'static, X: Send + 'static> Prefetcher<E, X> {
    /// Starts `produce` on a thread: each call fills the buffer it is given (values and shape)
    /// with the next batch, or says the stream has ended (`None`).
    pub(crate) fn spawn<P>(depth: usize, mut produce: P) -> Self
    where
        P: FnMut(&mut Vec<E>, &mut Vec<usize>) -> Option<Result<(), X>> + Send + 'static,
    {
        let (filled_tx, filled_rx) = sync_channel(depth.max(1));
        let (empty_tx, empty_rx) = channel::<Vec<E>>();
        for _ in 0..=depth.max(1) {
            // The pool less the buffer the producer starts with; buffers grow on first use.
            let _ = empty_tx.send(Vec::new());
        }
        let worker = std::thread::spawn(move || {
            let mut values = Vec::new();
            loop {
                let mut shape = Vec::new();
                let batch = match produce(&mut values, &mut shape) {
                    None => return,
                    Some(Ok(())) => Ok(Filled { values, shape }),
                    Some(Err(error)) => {
                        // The buffer stays here for the next batch.
                        if filled_tx.send(Err(error)).is_err() {
                            return;
                        }
                        continue;
                    }
                };
                if filled_tx.send(batch).is_err() {
                    return; // the consumer is gone
                }
                match empty_rx.recv() {
                    Ok(empty) => values = empty,
                    Err(_) => return,
                }
            }
        });
        Prefetcher {
            filled: Some(filled_rx),
            empties: Some(empty_tx),
            lent: None,
            worker: Some(worker),
        }
    }

    /// The next batch, lent until the next call; `None` once the producer has ended.
    pub(crate) fn next_batch(&mut self) -> Option<Result<ArrayViewD<'_, E>, X>> {
        if let (Some(lent), Some(empties)) = (self.lent.take(), &self.empties) {
            let _ = empties.send(lent.values);
        }
        match self.filled.as_ref()?.recv() {
            Err(_) => {
                // The producer has ended: on its own, or by a panic, which is the consumer's.
                if let Some(Err(panic)) = self.worker.take().map(JoinHandle::join) {
                    std::panic::resume_unwind(panic);
                }
                None
            }
            Ok(Err(error)) => Some(Err(error)),
            Ok(Ok(filled)) => {
                let filled = self.lent.insert(filled);
                let len = filled.shape.iter().product::<usize>();
                Some(Ok(ArrayViewD::from_shape(
                    IxDyn(&filled.shape),
                    &filled.values[..len],
                )
                .expect("the producer fills the shape's elements")))
            }
        }
    }
}

impl<E, X> Drop for Prefetcher<E, X> {
    fn drop(&mut self) {
        // Closing both channels ends the producer at its next send or receive.
        self.filled = None;
        self.empties = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Batches of an iterator's rows, built on a background thread; see [`Batches::prefetch`].
pub struct Prefetch<E: Element> {
    inner: Prefetcher<E, core::convert::Infallible>,
}

impl<E: Element> Prefetch<E> {
    /// The next batch, `[b, ..T::SHAPE]`, lent until the next call (a lending iterator).
    pub fn next_batch(&mut self) -> Option<ArrayViewD<'_, E>> {
        match self.inner.next_batch()? {
            Ok(view) => Some(view),
            Err(never) => match never {},
        }
    }
}

impl<I> Batches<I>
where
    I: Iterator + Send + 'static,
    I::Item: IntoTensor,
{
    /// Builds up to `depth` batches ahead on a background thread, into a pool of `depth + 2`
    /// buffers: the same batches in the same order, with pulling and writing the rows overlapped
    /// with the consumer's work. Chain it last. The iterator must be owned and `Send` (rows
    /// borrowed from a local `Vec` can be batched without prefetch).
    ///
    /// ```
    /// use tensorize_runtime::batches;
    ///
    /// let mut ahead = batches((0..10u16).map(|i| [i, i * 2]), 4).prefetch(2);
    /// let mut rows = 0;
    /// while let Some(batch) = ahead.next_batch() {
    ///     rows += batch.shape()[0];
    /// }
    /// assert_eq!(rows, 10);
    /// ```
    pub fn prefetch(self, depth: usize) -> Prefetch<<I::Item as IntoTensor>::Elem> {
        let (mut items, batch_size, drop_remainder) = self.into_parts();
        let numel = <I::Item as IntoTensor>::NUMEL;
        let inner = Prefetcher::spawn(depth, move |values, shape| {
            if values.len() != batch_size * numel {
                values.resize(batch_size * numel, Element::ZERO);
            }
            let mut count = 0;
            while count < batch_size {
                let Some(item) = items.next() else {
                    break;
                };
                item.write_to(&mut values[count * numel..(count + 1) * numel]);
                count += 1;
            }
            if count == 0 || (count < batch_size && drop_remainder) {
                return None;
            }
            shape.push(count);
            shape.extend_from_slice(<I::Item as IntoTensor>::SHAPE);
            Some(Ok(()))
        });
        Prefetch { inner }
    }
}
