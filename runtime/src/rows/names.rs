//! Feature names: the name of every element of a row, computed on demand without allocating.

use core::fmt;
use core::iter::FusedIterator;

/// Writes the name of flat element `index` of a row type in a [`NameContext`].
pub type NameWriter = fn(usize, &mut fmt::Formatter<'_>, NameContext) -> fmt::Result;

/// Where a row type's name is written: below the top level (where a struct field's name is
/// preceded by `.` and a one-hot variant's by `=`), and whether the name of the whole field is
/// wanted rather than the element's (`color`, not `color=Red`; `age`, not `age?`), as errors
/// about a field's encoding name it.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameContext {
    nested: bool,
    whole_field: bool,
}

impl NameContext {
    /// The name of an element, at the top level.
    pub const ELEMENT: NameContext = NameContext {
        nested: false,
        whole_field: false,
    };
    /// The name of the field an element belongs to, at the top level.
    pub const FIELD: NameContext = NameContext {
        nested: false,
        whole_field: true,
    };

    /// The same, one level down.
    #[must_use]
    pub const fn nested(self) -> NameContext {
        NameContext {
            nested: true,
            ..self
        }
    }

    /// Whether this is below the top level.
    pub const fn is_nested(self) -> bool {
        self.nested
    }

    /// Whether the field's name is wanted, without what names one element of its encoding.
    pub const fn whole_field(self) -> bool {
        self.whole_field
    }
}

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

impl FeatureName {
    /// Writes the name of the field the element belongs to (`color` for `color=Red`).
    pub(crate) fn write_field(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.write)(self.index, f, NameContext::FIELD)
    }

    /// Whether the field's name is empty (the element is a row type of its own, such as an enum
    /// read by itself).
    pub(crate) fn field_is_unnamed(&self) -> bool {
        struct Empty(bool);
        impl fmt::Write for Empty {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                self.0 &= s.is_empty();
                Ok(())
            }
        }
        struct Field<'a>(&'a FeatureName);
        impl fmt::Display for Field<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.write_field(f)
            }
        }
        let mut empty = Empty(true);
        let _ = fmt::write(&mut empty, format_args!("{}", Field(self)));
        empty.0
    }
}

impl fmt::Display for FeatureName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.write)(self.index, f, NameContext::ELEMENT)
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
