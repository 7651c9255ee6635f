//! `FileRows`: a file's rows as typed values, read a few hundred at a time.

use crate::npy::error::NpyError;
use crate::FromTensor;

use super::FileBatches;

/// Rows read from the file per step.
pub(super) const ROWS_PER_READ: usize = 256;

/// The rows of a `.npy` file as values of a [`FromTensor`] type; see
/// [`NpyFile::rows`](super::NpyFile::rows).
///
/// An item is `Err` for an I/O error, or for a row that does not read back value-exactly
/// ([`NpyError::Inexact`], naming the field and the value's flat index in the file); iteration
/// goes on with the next row.
pub struct FileRows<R: FromTensor> {
    batches: FileBatches<R::Elem>,
    /// Rows in the buffer, and the next of them to hand out.
    count: usize,
    next: usize,
    /// The file row index of the buffer's first row (rows are in file order).
    first_row: usize,
}

impl<R: FromTensor> FileRows<R> {
    pub(super) fn new(batches: FileBatches<R::Elem>) -> FileRows<R> {
        FileRows {
            batches,
            count: 0,
            next: 0,
            first_row: 0,
        }
    }
}

impl<R: FromTensor> Iterator for FileRows<R> {
    type Item = Result<R, NpyError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.next == self.count {
            let filled = self.batches.fill_next()?;
            // Rows are visited in file order: the buffer starts at the row after those before.
            (self.count, self.next) = (*filled.as_ref().unwrap_or(&0), 0);
            self.first_row = self.batches.visited() - self.count;
            if let Err(error) = filled {
                // The failed read's rows are skipped, as a failed batch is.
                return Some(Err(error));
            }
        }
        let numel = R::NUMEL;
        let at = self.next * numel;
        let row = self.first_row + self.next;
        self.next += 1;
        let values = &self.batches.values(self.count)[at..at + numel];
        Some(R::read_from(values).map_err(|error| {
            let index = row * numel + error.index();
            NpyError::Inexact(error.at_index(index))
        }))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.batches.len() - self.first_row - self.next;
        (left, Some(left))
    }
}

impl<R: FromTensor> ExactSizeIterator for FileRows<R> {}
