//! `NpyView` as ndarray: lent in place where the bytes already are the values, or copied and
//! converted.

use ndarray::{ArrayD, ArrayViewD};

use super::convert::{layout, to_array, Policy};
use super::error::{NotViewable, NpyError};
use super::NpyView;
use crate::{CastMode, DType, Element};

impl<'a> NpyView<'a> {
    /// The data as an ndarray view, without copying: over bytes you hold, such as a memory map
    /// of the file (numpy pads headers to 64 bytes, so a mapped file's data is aligned). A
    /// Fortran-order file gives a Fortran-layout view.
    ///
    /// ```
    /// use tensorize_runtime::npy;
    ///
    /// let path = std::env::temp_dir().join("tensorize-doc-view.npy");
    /// npy::write(&path, &ndarray::array![[1.5f32, 2.0], [3.0, 4.5]]).unwrap();
    /// let file = std::fs::File::open(&path).unwrap();
    /// // SAFETY (the caller's): nothing modifies the file while it is mapped.
    /// let map = unsafe { memmap2::Mmap::map(&file) }.unwrap();
    /// let npy = npy::parse(&map).unwrap();
    /// let view = npy.view::<f32>().unwrap(); // the mapped bytes, not a copy
    /// assert_eq!(view[[1, 1]], 4.5);
    /// assert!(npy.view::<f64>().is_err()); // not the file's dtype: to_array converts
    /// assert_eq!(npy.to_array::<f64>().unwrap()[[1, 1]], 4.5);
    /// ```
    ///
    /// # Errors
    ///
    /// [`NpyError::NotViewable`], saying which condition failed: `T` is not the file's dtype,
    /// the data is in the other byte order than this machine's, the data is not aligned for
    /// `T`, or a bool array holds a byte other than 0 or 1. [`to_array`](Self::to_array)
    /// copies in each case.
    pub fn view<T: Element>(&self) -> Result<ArrayViewD<'a, T>, NpyError> {
        let refuse = |why| Err(NpyError::NotViewable(why));
        let dtype = self.header.dtype;
        if T::DTYPE != dtype {
            return refuse(NotViewable::Dtype {
                file: dtype,
                requested: T::DTYPE,
            });
        }
        if dtype.size_of() > 1 && self.header.big_endian != cfg!(target_endian = "big") {
            return refuse(NotViewable::ByteOrder);
        }
        let align = core::mem::align_of::<T>();
        if self.data.as_ptr().align_offset(align) != 0 {
            return refuse(NotViewable::Alignment { align });
        }
        if dtype == DType::Bool {
            if let Some(index) = self.data.iter().position(|&b| b > 1) {
                return refuse(NotViewable::Bool { index });
            }
        }
        let len = self.data.len() / dtype.size_of();
        // SAFETY: `T` is the file's dtype, so `len * size_of::<T>()` is `data.len()` (the
        // parser checked the data holds the shape's elements) and the slice stays inside
        // `data`, which lives for 'a; the pointer is aligned for `T` (checked above); the bytes
        // are in this machine's order, and every bit pattern is a valid value of the numeric
        // element types, while a bool's bytes were checked to be 0 or 1.
        let values: &'a [T] =
            unsafe { core::slice::from_raw_parts(self.data.as_ptr().cast::<T>(), len) };
        ArrayViewD::from_shape(layout(&self.header), values).map_err(|_| NpyError::ShapeOverflow)
    }

    /// A copy of the data as `T`: the file's dtype or a lossless widening (the rule of
    /// [`read`](super::read), which this is for bytes already in memory).
    ///
    /// ```
    /// use tensorize_runtime::npy;
    ///
    /// let mut bytes = Vec::new();
    /// npy::to_writer(&mut bytes, &ndarray::array![1u8, 2, 3]).unwrap();
    /// let wide = npy::parse(&bytes).unwrap().to_array::<f32>().unwrap();
    /// assert_eq!(wide.as_slice().unwrap(), &[1.0, 2.0, 3.0]);
    /// ```
    ///
    /// # Errors
    ///
    /// A dtype that does not widen to `T` losslessly.
    pub fn to_array<T: Element>(&self) -> Result<ArrayD<T>, NpyError> {
        self.converted_copy(Policy::Lossless)
    }

    /// A copy of the data with every value converted to `T` under `mode`.
    ///
    /// # Errors
    ///
    /// Only a `V2` (bfloat16) file read as another type.
    pub fn to_array_with<T: Element>(&self, mode: CastMode) -> Result<ArrayD<T>, NpyError> {
        self.converted_copy(Policy::Mode(mode))
    }

    /// A copy of the data converted to `T` value-exactly.
    ///
    /// # Errors
    ///
    /// [`NpyError::Inexact`] for the first value that does not convert exactly.
    pub fn try_to_array<T: Element>(&self) -> Result<ArrayD<T>, NpyError> {
        self.converted_copy(Policy::Exact)
    }

    fn converted_copy<T: Element>(&self, policy: Policy) -> Result<ArrayD<T>, NpyError> {
        to_array(self.data, &self.header, policy)
    }
}
