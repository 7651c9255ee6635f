//! Feature names: the name of every element of a row, computed on demand without allocating.

use core::fmt;
use core::iter::FusedIterator;

/// Writes the name of flat element `index` of a row type; `nested` is true below the top level
/// (where a struct field's name is preceded by `.`).
pub type NameWriter = fn(usize, &mut fmt::Formatter<'_>, bool) -> fmt::Result;

/// The name of one element of a row: `position[0]`, `inner.speed`, `grid[1][0]`, or `0` for a
/// tuple struct's first field.
///
/// It is an index and a function, so it is `Copy` and costs no allocation; `Display` writes the
/// name.
///
/// ```
/// use tensorize_runtime::IntoTensor;
///
/// let names: Vec<String> = <[[u8; 2]; 2]>::feature_names().map(|n| n.to_string()).collect();
/// assert_eq!(names, ["[0][0]", "[0][1]", "[1][0]", "[1][1]"]);
/// ```
#[derive(Clone, Copy)]
pub struct FeatureName {
    index: usize,
    write: NameWriter,
}

impl FeatureName {
    pub(crate) fn new(index: usize, write: NameWriter) -> FeatureName {
        FeatureName { index, write }
    }

    /// The flat index of the element within its row.
    ///
    /// ```
    /// use tensorize_runtime::IntoTensor;
    /// assert_eq!(<[f32; 3]>::feature_names().nth(2).unwrap().index(), 2);
    /// ```
    pub fn index(&self) -> usize {
        self.index
    }
}

impl fmt::Display for FeatureName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.write)(self.index, f, false)
    }
}

impl fmt::Debug for FeatureName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FeatureName({self})")
    }
}

/// The names of every element of a row, in flat order: an iterator of [`FeatureName`].
///
/// ```
/// use tensorize_runtime::IntoTensor;
/// assert_eq!(<[f32; 3]>::feature_names().len(), 3);
/// ```
#[derive(Clone)]
pub struct FeatureNames {
    next: usize,
    end: usize,
    write: NameWriter,
}

impl FeatureNames {
    pub(crate) fn new(len: usize, write: NameWriter) -> FeatureNames {
        FeatureNames {
            next: 0,
            end: len,
            write,
        }
    }
}

impl Iterator for FeatureNames {
    type Item = FeatureName;

    fn next(&mut self) -> Option<FeatureName> {
        (self.next < self.end).then(|| {
            self.next += 1;
            FeatureName::new(self.next - 1, self.write)
        })
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.end - self.next;
        (left, Some(left))
    }

    fn nth(&mut self, n: usize) -> Option<FeatureName> {
        self.next = self.next.saturating_add(n).min(self.end);
        self.next()
    }
}

impl DoubleEndedIterator for FeatureNames {
    fn next_back(&mut self) -> Option<FeatureName> {
        (self.next < self.end).then(|| {
            self.end -= 1;
            FeatureName::new(self.end, self.write)
        })
    }
}

impl ExactSizeIterator for FeatureNames {}
impl FusedIterator for FeatureNames {}

impl fmt::Debug for FeatureNames {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.clone()).finish()
    }
}
