//! `Display` for tensors: numpy-like nested rows with aligned columns, then shape and dtype.
//!
//! ```text
//! tensor([[  1,   2,   3],
//!         [400,   5,   6]], shape=[2, 3], dtype=i32)
//! ```
//!
//! Like numpy, tensors over 1000 elements show the first and last three entries of each axis,
//! with `...` between. f16 and bf16 values show as the shortest decimal that reads back in their
//! dtype (`0.1`, not the `0.099975586` of their f32 widening), as numpy shows them.

use core::fmt::{self, Write};

use crate::{Element, Shape, Tensor};

const PREFIX: &str = "tensor(";
/// Tensors with more elements than this are summarized.
const SUMMARY_THRESHOLD: usize = 1000;
/// Entries shown at each end of a summarized axis.
const EDGE_ITEMS: usize = 3;

impl<A: Shape> fmt::Display for Tensor<A> {
    /// ```
    /// let t = tensorize_runtime::Tensor::new([[1, 2, 3], [400, 5, 6]]);
    /// assert_eq!(
    ///     t.to_string(),
    ///     "tensor([[  1,   2,   3],\n        [400,   5,   6]], shape=[2, 3], dtype=i32)"
    /// );
    /// assert_eq!(tensorize_runtime::Tensor::new(2.5f32).to_string(), "tensor(2.5, shape=[], dtype=f32)");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let layout = Layout {
            shape: A::SHAPE,
            summarize: A::NUMEL > SUMMARY_THRESHOLD,
        };
        let data = self.as_slice();
        let mut width = 0;
        layout.for_each_shown(0, 0, &mut |offset| {
            let mut counter = WidthCounter(0);
            let _ = write!(counter, "{}", data[offset].to_scalar());
            width = width.max(counter.0);
        });
        f.write_str(PREFIX)?;
        layout.write(f, data, 0, 0, width)?;
        f.write_str(", shape=[")?;
        for (i, extent) in A::SHAPE.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            write!(f, "{extent}")?;
        }
        write!(f, "], dtype={})", Tensor::<A>::DTYPE)
    }
}

struct WidthCounter(usize);

impl Write for WidthCounter {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0 += s.chars().count();
        Ok(())
    }
}

struct Layout<'a> {
    shape: &'a [usize],
    summarize: bool,
}

impl Layout<'_> {
    /// Whether entry `i` of an axis of size `extent` is hidden behind `...`.
    fn hidden(&self, i: usize, extent: usize) -> bool {
        self.summarize && extent > 2 * EDGE_ITEMS && i >= EDGE_ITEMS && i < extent - EDGE_ITEMS
    }

    /// Elements per entry of `axis`.
    fn stride(&self, axis: usize) -> usize {
        self.shape[axis + 1..].iter().product()
    }

    /// Calls `visit` with the flat offset of every element that is shown.
    fn for_each_shown(&self, axis: usize, base: usize, visit: &mut impl FnMut(usize)) {
        if axis == self.shape.len() {
            return visit(base);
        }
        let extent = self.shape[axis];
        let stride = self.stride(axis);
        for i in 0..extent {
            if !self.hidden(i, extent) {
                self.for_each_shown(axis + 1, base + i * stride, visit);
            }
        }
    }

    fn write<E: Element>(
        &self,
        f: &mut fmt::Formatter<'_>,
        data: &[E],
        axis: usize,
        base: usize,
        width: usize,
    ) -> fmt::Result {
        if axis == self.shape.len() {
            let mut counter = WidthCounter(0);
            let value = data[base].to_scalar();
            let _ = write!(counter, "{value}");
            for _ in counter.0..width {
                f.write_char(' ')?;
            }
            return write!(f, "{value}");
        }
        let extent = self.shape[axis];
        let stride = self.stride(axis);
        // Inner axes are separated by one newline per remaining level, like numpy.
        let newlines = self.shape.len() - axis - 1;
        f.write_char('[')?;
        let mut first = true;
        let mut ellipsis_written = false;
        for i in 0..extent {
            if self.hidden(i, extent) {
                if !ellipsis_written {
                    Self::separator(f, axis, newlines)?;
                    f.write_str("...")?;
                    ellipsis_written = true;
                }
                continue;
            }
            if !first || ellipsis_written {
                Self::separator(f, axis, newlines)?;
            }
            first = false;
            self.write(f, data, axis + 1, base + i * stride, width)?;
        }
        f.write_char(']')
    }

    fn separator(f: &mut fmt::Formatter<'_>, axis: usize, newlines: usize) -> fmt::Result {
        f.write_char(',')?;
        if newlines == 0 {
            return f.write_char(' ');
        }
        for _ in 0..newlines {
            f.write_char('\n')?;
        }
        for _ in 0..=PREFIX.len() + axis {
            f.write_char(' ')?;
        }
        Ok(())
    }
}
