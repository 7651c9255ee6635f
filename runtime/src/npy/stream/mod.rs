//! Files larger than memory: `npy::open` reads the header and leaves the data on disk;
//! [`NpyFile::batches`] streams it a batch at a time, in file order or shuffled per epoch,
//! sharded across workers, and (with `prefetch`) read ahead on a background thread.

mod batches;
mod rows;

use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

pub use batches::{FileBatches, FilePrefetch};
pub use rows::FileRows;

use super::convert::{check_policy, Policy};
use super::error::NpyError;
use super::header::Header;
use super::io::read_header_limited;
use crate::{CastMode, DType, Element, FromTensor};

/// A `.npy` file opened for streaming: its header, read and checked; the data stays on disk.
///
/// ```
/// use tensorize_runtime::{npy, DType};
///
/// let path = std::env::temp_dir().join("tensorize-doc-open.npy");
/// npy::write(&path, &ndarray::Array3::<u8>::zeros((10, 4, 3))).unwrap();
/// let file = npy::open(&path).unwrap();
/// assert_eq!((file.dtype(), file.shape(), file.len()), (DType::U8, &[10, 4, 3][..], 10));
///
/// let mut batches = file.batches::<f32>(4).unwrap(); // u8 → f32 widens losslessly
/// let mut shapes = Vec::new();
/// while let Some(batch) = batches.next_batch() {
///     shapes.push(batch.unwrap().shape().to_vec());
/// }
/// assert_eq!(shapes, [[4, 4, 3], [4, 4, 3], [2, 4, 3]]);
/// ```
#[derive(Clone, Debug)]
pub struct NpyFile {
    path: PathBuf,
    header: Header,
}

/// Opens a `.npy` file for streaming: reads its header and checks the file's length against it.
///
/// # Errors
///
/// I/O errors, a malformed header, or a file shorter than its header promises
/// ([`NpyError::Truncated`]).
pub fn open(path: impl AsRef<Path>) -> Result<NpyFile, NpyError> {
    let path = path.as_ref();
    let file = File::open(path)?;
    let file_len = usize::try_from(file.metadata()?.len()).unwrap_or(usize::MAX);
    let header = read_header_limited(&mut BufReader::new(file), file_len)?;
    let available = file_len.saturating_sub(header.data_offset);
    if available < header.data_len {
        return Err(NpyError::Truncated {
            expected: header.data_len,
            found: available,
        });
    }
    Ok(NpyFile {
        path: path.to_path_buf(),
        header,
    })
}

impl NpyFile {
    /// The element type (`V2` files are [`DType::BF16`]).
    pub fn dtype(&self) -> DType {
        self.header.dtype
    }

    /// The dimensions.
    pub fn shape(&self) -> &[usize] {
        self.header.shape()
    }

    /// The number of rows: the first axis (a 0-d file has none).
    pub fn len(&self) -> usize {
        self.shape().first().copied().unwrap_or(0)
    }

    /// Whether the file has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the data is in Fortran order (such files cannot stream; [`read`](super::read)
    /// them).
    pub fn fortran_order(&self) -> bool {
        self.header.fortran_order
    }

    /// Batches of `batch_size` rows as `T`: the file's dtype or a lossless widening of it (the
    /// rule of [`read`](super::read); `V2` files only as bf16).
    ///
    /// Each batch is read and converted into one reused buffer through the batches' own file
    /// handle, so one `NpyFile` can serve many epochs and workers.
    ///
    /// # Errors
    ///
    /// A dtype that does not widen to `T`, a Fortran-order file ([`NpyError::FortranOrder`]), a
    /// 0-d file ([`NpyError::NoRows`]), or an I/O error opening the file again.
    ///
    /// # Panics
    ///
    /// If `batch_size == 0`.
    pub fn batches<T: Element>(&self, batch_size: usize) -> Result<FileBatches<T>, NpyError> {
        self.batches_policy(batch_size, Policy::Lossless)
    }

    /// Batches of any element type, each value converted under `mode`.
    ///
    /// # Errors
    ///
    /// As [`batches`](Self::batches), but any dtype converts.
    ///
    /// # Panics
    ///
    /// If `batch_size == 0`.
    pub fn batches_with<T: Element>(
        &self,
        batch_size: usize,
        mode: CastMode,
    ) -> Result<FileBatches<T>, NpyError> {
        self.batches_policy(batch_size, Policy::Mode(mode))
    }

    /// Batches of any element type, value-exact: a batch holding a value that does not convert
    /// exactly is an `Err` item ([`NpyError::Inexact`], with the value's flat index in the
    /// file); the stream goes on with the next batch.
    ///
    /// # Errors
    ///
    /// As [`batches`](Self::batches), but any dtype converts.
    ///
    /// # Panics
    ///
    /// If `batch_size == 0`.
    pub fn try_batches<T: Element>(&self, batch_size: usize) -> Result<FileBatches<T>, NpyError> {
        self.batches_policy(batch_size, Policy::Exact)
    }

    fn batches_policy<T: Element>(
        &self,
        batch_size: usize,
        policy: Policy,
    ) -> Result<FileBatches<T>, NpyError> {
        assert!(batch_size > 0, "batches: the batch size must be at least 1");
        check_policy::<T>(&self.header, policy)?;
        if self.header.rank == 0 {
            return Err(NpyError::NoRows);
        }
        if self.header.fortran_order && self.header.rank > 1 {
            return Err(NpyError::FortranOrder);
        }
        let file = File::open(&self.path)?;
        Ok(FileBatches::new(file, &self.header, batch_size, policy))
    }

    /// A typed row per first-axis index: the file's dtype to `R::Elem` under the rule of
    /// [`batches`](Self::batches), then [`FromTensor`]'s value-exact read.
    ///
    /// ```
    /// use tensorize_runtime::npy;
    ///
    /// let path = std::env::temp_dir().join("tensorize-doc-rows.npy");
    /// npy::write(&path, &ndarray::array![[1u8, 2], [3, 4], [5, 6]]).unwrap();
    /// let rows: Vec<[u16; 2]> = npy::open(&path).unwrap().rows().unwrap().collect::<Result<_, _>>().unwrap();
    /// assert_eq!(rows, [[1, 2], [3, 4], [5, 6]]);
    /// ```
    ///
    /// # Errors
    ///
    /// As [`batches`](Self::batches), and [`NpyError::RowShape`] when the file's rows are not
    /// `R::SHAPE`.
    pub fn rows<R: FromTensor>(&self) -> Result<FileRows<R>, NpyError> {
        let trailing = &self.shape()[1.min(self.shape().len())..];
        if self.header.rank == 0 {
            return Err(NpyError::NoRows);
        }
        if trailing != R::SHAPE {
            return Err(NpyError::RowShape {
                file: trailing.to_vec(),
                row: R::SHAPE,
            });
        }
        Ok(FileRows::new(self.batches::<R::Elem>(rows::ROWS_PER_READ)?))
    }
}
