//! `FileBatches`: a file's rows, a batch at a time, in the order of [`crate::order`].

use std::fs::File;
use std::vec::Vec;

use ndarray::{ArrayViewD, IxDyn};

use crate::npy::convert::{convert_into, Policy};
use crate::npy::error::NpyError;
use crate::npy::header::Header;
use crate::order::Order;
use crate::rows::prefetch::Prefetcher;
use crate::{DType, Element};

/// Batches of a `.npy` file's rows, read and converted a batch at a time into one reused buffer;
/// see [`NpyFile::batches`](super::NpyFile::batches).
///
/// Memory stays at one batch (two buffers of it: the file's bytes and the converted values)
/// however large the file. The order is the file's unless [`shuffle`](Self::shuffle)d, and
/// [`shard`](Self::shard) / [`shard_even`](Self::shard_even) split it between workers; every
/// order is a pure function of `(seed, epoch, len, shards, shard)`, documented in the crate's
/// `order` module so another implementation can reproduce it.
///
/// ```
/// use tensorize_runtime::npy;
///
/// let path = std::env::temp_dir().join("tensorize-doc-file-batches.npy");
/// npy::write(&path, &ndarray::Array2::<u8>::from_shape_fn((10, 2), |(i, _)| i as u8)).unwrap();
/// let file = npy::open(&path).unwrap();
/// let mut rows = Vec::new();
/// for worker in 0..2 {
///     let mut batches = file.batches::<u8>(3).unwrap().shuffle(7).epoch(1).shard(2, worker);
///     while let Some(batch) = batches.next_batch() {
///         rows.extend(batch.unwrap().outer_iter().map(|row| row[0]));
///     }
/// }
/// rows.sort();
/// assert_eq!(rows, (0..10).collect::<Vec<u8>>()); // every row once across the two shards
/// ```
pub struct FileBatches<T: Element> {
    file: File,
    dtype: DType,
    big_endian: bool,
    policy: Policy,
    data_offset: u64,
    row_bytes: usize,
    row_elems: usize,
    len: u64,
    batch_size: usize,
    drop_remainder: bool,
    seed: Option<u64>,
    epoch: u64,
    shards: (u64, u64, bool),
    order: Order,
    /// The next visit of the order.
    next: u64,
    /// `[b, ..shape[1..]]` of the current batch.
    shape: Vec<usize>,
    raw: Vec<u8>,
    values: Vec<T>,
}

impl<T: Element> FileBatches<T> {
    pub(super) fn new(file: File, header: &Header, batch_size: usize, policy: Policy) -> Self {
        let shape = header.shape().to_vec();
        let row_elems: usize = shape[1..].iter().product();
        let len = shape[0] as u64;
        FileBatches {
            file,
            dtype: header.dtype,
            big_endian: header.big_endian,
            policy,
            data_offset: header.data_offset as u64,
            row_bytes: row_elems * header.dtype.size_of(),
            row_elems,
            len,
            batch_size,
            drop_remainder: false,
            seed: None,
            epoch: 0,
            shards: (1, 0, false),
            order: Order::new(len),
            next: 0,
            shape,
            raw: Vec::new(),
            values: Vec::new(),
        }
    }

    /// The order of the visits, rebuilt from the settings; the stream starts over.
    fn reorder(mut self) -> Self {
        let mut order = Order::new(self.len);
        if let Some(seed) = self.seed {
            order = order.shuffled(seed, self.epoch);
        }
        let (shards, shard, even) = self.shards;
        self.order = order.sharded(shards, shard, even);
        self.next = 0;
        self
    }

    /// Whether a last batch shorter than the batch size is dropped (default `false`).
    #[must_use]
    pub fn drop_remainder(mut self, yes: bool) -> Self {
        self.drop_remainder = yes;
        self
    }

    /// Visits the rows in a full permutation per epoch, keyed by `seed`: a Feistel network with
    /// cycle walking over the row indices, so memory does not grow with the row count (10⁹ rows
    /// need no table). Rows are read one by one (adjacent ones together).
    #[must_use]
    pub fn shuffle(mut self, seed: u64) -> Self {
        self.seed = Some(seed);
        self.reorder()
    }

    /// The epoch whose order is visited (default 0): with [`shuffle`](Self::shuffle), each epoch
    /// is another permutation, a pure function of `(seed, epoch, len)`.
    #[must_use]
    pub fn epoch(mut self, epoch: u64) -> Self {
        self.epoch = epoch;
        self.reorder()
    }

    /// Shard `shard` of `shards`: positions `shard`, `shard + shards`, … of the epoch's order.
    /// Across the shards every row is visited exactly once; shard sizes differ by at most one;
    /// nothing is padded.
    ///
    /// # Panics
    ///
    /// If `shards == 0` or `shard >= shards`.
    #[must_use]
    pub fn shard(self, shards: usize, shard: usize) -> Self {
        self.sharded(shards, shard, false)
    }

    /// As [`shard`](Self::shard), without the last `len % shards` positions of the epoch's
    /// order, so that every shard has `len / shards` rows and workers in lockstep see the same
    /// number of batches (`DistributedSampler`'s `drop_last`). Which rows are left out changes
    /// with the epoch when shuffled.
    ///
    /// # Panics
    ///
    /// If `shards == 0` or `shard >= shards`.
    #[must_use]
    pub fn shard_even(self, shards: usize, shard: usize) -> Self {
        self.sharded(shards, shard, true)
    }

    #[track_caller]
    fn sharded(mut self, shards: usize, shard: usize, even: bool) -> Self {
        assert!(
            shard < shards,
            "shard {shard} of {shards}: the shard index must be below the number of shards"
        );
        self.shards = (shards as u64, shard as u64, even);
        self.reorder()
    }

    /// The number of rows this stream visits in an epoch (all of them, or its shard's).
    pub fn len(&self) -> usize {
        self.order.count() as usize
    }

    /// Whether the stream visits no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many rows the batches read so far hold.
    pub(super) fn visited(&self) -> usize {
        self.next as usize
    }

    /// The next batch, `[b, ..shape[1..]]`, borrowed from the reused buffer (a lending
    /// iterator). `None` after the last; an `Err` item for an I/O error or, for `try_batches`,
    /// an inexact value (the stream goes on with the next batch).
    #[allow(clippy::missing_panics_doc)] // the `expect` states an invariant, it cannot fail
    pub fn next_batch(&mut self) -> Option<Result<ArrayViewD<'_, T>, NpyError>> {
        let count = self.fill_next()?;
        Some(count.map(|count| {
            self.shape[0] = count;
            ArrayViewD::from_shape(IxDyn(&self.shape), &self.values[..count * self.row_elems])
                .expect("the buffer holds the batch's rows")
        }))
    }

    /// Reads and converts the next batch into the buffer: its row count, or `None` at the end.
    pub(super) fn fill_next(&mut self) -> Option<Result<usize, NpyError>> {
        let mut values = core::mem::take(&mut self.values);
        let filled = self.fill_next_into(&mut values);
        self.values = values;
        filled
    }

    /// As [`fill_next`](Self::fill_next), into `values` (grown to a batch on first use).
    fn fill_next_into(&mut self, values: &mut Vec<T>) -> Option<Result<usize, NpyError>> {
        let total = self.order.count();
        if self.next >= total {
            return None;
        }
        let count = (total - self.next).min(self.batch_size as u64) as usize;
        if count < self.batch_size && self.drop_remainder {
            self.next = total;
            return None;
        }
        let first = self.next;
        self.next += count as u64;
        Some(self.fill(first, count, values).map(|()| count))
    }

    /// The converted values of the batch `fill_next` last read.
    pub(super) fn values(&self, count: usize) -> &[T] {
        &self.values[..count * self.row_elems]
    }

    fn fill(&mut self, first: u64, count: usize, values: &mut Vec<T>) -> Result<(), NpyError> {
        let elems = count * self.row_elems;
        if values.len() < self.batch_size * self.row_elems {
            values.resize(self.batch_size * self.row_elems, T::ZERO);
        }
        let bytes = count * self.row_bytes;
        // Where the file's bytes go: straight into the values when they are the values (u8),
        // else into the bytes buffer, to be decoded and converted.
        let direct = (T::DTYPE == DType::U8 && self.dtype == DType::U8)
            .then(|| (values as &mut dyn core::any::Any).downcast_mut::<Vec<u8>>())
            .flatten();
        let is_direct = direct.is_some();
        let target = match direct {
            Some(values) => &mut values[..bytes],
            None => {
                if self.raw.len() < self.batch_size * self.row_bytes {
                    self.raw.resize(self.batch_size * self.row_bytes, 0);
                }
                &mut self.raw[..bytes]
            }
        };
        read_rows(
            &self.file,
            &self.order,
            first,
            count,
            self.data_offset,
            self.row_bytes,
            target,
        )?;
        if is_direct {
            return Ok(());
        }
        let row_elems = self.row_elems.max(1);
        convert_into(
            &self.raw[..bytes],
            self.dtype,
            self.big_endian,
            self.policy,
            &mut values[..elems],
        )
        .map_err(|error| {
            // Its index in the batch, as an index in the file.
            let (visit, within) = (error.index() / row_elems, error.index() % row_elems);
            let row = self.order.row(first + visit as u64) as usize;
            NpyError::Inexact(error.at_index(row * self.row_elems + within))
        })
    }
}

impl<T: Element> FileBatches<T> {
    /// Reads and converts up to `depth` batches ahead on a background thread (its own file
    /// handle), into a pool of `depth + 2` buffers: the same batches in the same order, with the
    /// reading and converting overlapped with the consumer's work. Chain it last.
    ///
    /// ```
    /// use tensorize_runtime::{f16, npy};
    ///
    /// let path = std::env::temp_dir().join("tensorize-doc-prefetch.npy");
    /// npy::write(&path, &ndarray::Array2::<u8>::ones((100, 8))).unwrap();
    /// let file = npy::open(&path).unwrap();
    /// let mut ahead = file.batches::<f16>(32).unwrap().shuffle(1).prefetch(2);
    /// let mut rows = 0;
    /// while let Some(batch) = ahead.next_batch() {
    ///     rows += batch.unwrap().shape()[0];
    /// }
    /// assert_eq!(rows, 100);
    /// ```
    pub fn prefetch(mut self, depth: usize) -> FilePrefetch<T> {
        let trailing = self.shape[1..].to_vec();
        let inner = Prefetcher::spawn(depth, move |values, shape| {
            let count = match self.fill_next_into(values)? {
                Ok(count) => count,
                Err(error) => return Some(Err(error)),
            };
            shape.push(count);
            shape.extend_from_slice(&trailing);
            Some(Ok(()))
        });
        FilePrefetch { inner }
    }
}

/// A file's batches read ahead on a background thread; see [`FileBatches::prefetch`].
pub struct FilePrefetch<T: Element> {
    inner: Prefetcher<T, NpyError>,
}

impl<T: Element> FilePrefetch<T> {
    /// The next batch, lent until the next call; as [`FileBatches::next_batch`].
    pub fn next_batch(&mut self) -> Option<Result<ArrayViewD<'_, T>, NpyError>> {
        self.inner.next_batch()
    }
}

/// Reads the rows of visits `first..first + count` into `out`, one read per run of adjacent
/// rows.
fn read_rows(
    file: &File,
    order: &Order,
    first: u64,
    count: usize,
    data_offset: u64,
    row_bytes: usize,
    out: &mut [u8],
) -> Result<(), NpyError> {
    if row_bytes == 0 {
        return Ok(());
    }
    if order.is_contiguous() {
        let offset = data_offset + order.row(first) * row_bytes as u64;
        return Ok(read_at(file, offset, out)?);
    }
    let mut visit = 0;
    while visit < count {
        let start = order.row(first + visit as u64);
        let mut run = 1;
        while visit + run < count && order.row(first + (visit + run) as u64) == start + run as u64 {
            run += 1;
        }
        let offset = data_offset + start * row_bytes as u64;
        read_at(
            file,
            offset,
            &mut out[visit * row_bytes..(visit + run) * row_bytes],
        )?;
        visit += run;
    }
    Ok(())
}

/// Fills `out` from `offset` of `file`, without moving a shared cursor where the platform can.
fn read_at(file: &File, offset: u64, out: &mut [u8]) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, out, offset)
    }
    #[cfg(not(unix))]
    {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = file;
        file.seek(SeekFrom::Start(offset))?;
        file.read_exact(out)
    }
}
