//! Writing safetensors files that Python's `safetensors` loads back: several tensors of any
//! dtypes and layouts, and `__metadata__`.

use std::borrow::ToOwned;
use std::fmt::Write as _;
use std::path::Path;
use std::string::String;
use std::vec::Vec;

use ndarray::{ArrayBase, Data, Dimension};

use super::error::SafetensorsError;
use super::header::file_dtype;
use crate::{DType, Element, Shape, Tensor};

/// What [`Writer::add`] takes: any ndarray array (any layout, written in logical order) or a
/// [`Tensor`].
pub trait TensorSource {
    /// The dtype of the elements.
    fn dtype(&self) -> DType;
    /// The dimensions.
    fn dims(&self) -> Vec<usize>;
    /// Appends the elements in row-major order as little-endian bytes.
    fn push_le_bytes(&self, out: &mut Vec<u8>);
}

impl<S, D> TensorSource for ArrayBase<S, D>
where
    S: Data,
    S::Elem: Element,
    D: Dimension,
{
    fn dtype(&self) -> DType {
        <S::Elem as Element>::DTYPE
    }
    fn dims(&self) -> Vec<usize> {
        self.shape().to_vec()
    }
    fn push_le_bytes(&self, out: &mut Vec<u8>) {
        let size = self.dtype().size_of();
        out.reserve(self.len() * size);
        for value in self {
            out.extend_from_slice(&value.to_scalar().to_bytes(false)[..size]);
        }
    }
}

impl<A: Shape> TensorSource for Tensor<A> {
    fn dtype(&self) -> DType {
        Tensor::<A>::DTYPE
    }
    fn dims(&self) -> Vec<usize> {
        A::SHAPE.to_vec()
    }
    fn push_le_bytes(&self, out: &mut Vec<u8>) {
        let size = self.dtype().size_of();
        out.reserve(A::NUMEL * size);
        for value in self.as_slice() {
            out.extend_from_slice(&value.to_scalar().to_bytes(false)[..size]);
        }
    }
}

struct Added {
    name: String,
    dtype: DType,
    shape: Vec<usize>,
    bytes: Vec<u8>,
}

/// Builds a safetensors file: tensors by name, and `__metadata__` strings.
///
/// Tensors are laid out by descending element size, then name (as Python's `safetensors` does),
/// so that each is aligned for its type in a file read or mapped at an 8-aligned address.
///
/// ```
/// use tensorize_runtime::safetensors::{Safetensors, Writer};
/// use tensorize_runtime::Tensor;
///
/// let mut writer = Writer::new();
/// writer.add("bias", &Tensor::new([0.5f32, -0.5]))?;
/// writer.add("ids", &ndarray::array![[1i64, 2], [3, 4]].t())?; // any layout
/// let bytes = writer.metadata("epoch", "3").to_vec();
/// let file = Safetensors::parse(&bytes)?;
/// assert_eq!(file.read::<i64>("ids")?, ndarray::array![[1, 3], [2, 4]].into_dyn());
/// assert_eq!(file.metadata("epoch"), Some("3"));
/// # Ok::<(), tensorize_runtime::safetensors::SafetensorsError>(())
/// ```
#[derive(Default)]
pub struct Writer {
    tensors: Vec<Added>,
    metadata: Vec<(String, String)>,
}

impl Writer {
    /// An empty file.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// Adds a tensor (its values are copied now).
    ///
    /// # Errors
    ///
    /// [`SafetensorsError::DuplicateName`] if a tensor of that name was added already.
    pub fn add(
        &mut self,
        name: &str,
        tensor: &impl TensorSource,
    ) -> Result<&mut Self, SafetensorsError> {
        if self.tensors.iter().any(|added| added.name == name) {
            return Err(SafetensorsError::DuplicateName(name.to_owned()));
        }
        let mut bytes = Vec::new();
        tensor.push_le_bytes(&mut bytes);
        self.tensors.push(Added {
            name: name.to_owned(),
            dtype: tensor.dtype(),
            shape: tensor.dims(),
            bytes,
        });
        Ok(self)
    }

    /// Sets a `__metadata__` entry (a later value for the same key replaces the earlier).
    pub fn metadata(&mut self, key: &str, value: &str) -> &mut Self {
        match self.metadata.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => value.clone_into(&mut entry.1),
            None => self.metadata.push((key.to_owned(), value.to_owned())),
        }
        self
    }

    /// Writes the file.
    ///
    /// # Errors
    ///
    /// I/O errors.
    pub fn write(&self, path: impl AsRef<Path>) -> Result<(), SafetensorsError> {
        std::fs::write(path, self.to_vec())?;
        Ok(())
    }

    /// The file's bytes.
    pub fn to_vec(&self) -> Vec<u8> {
        let mut order: Vec<&Added> = self.tensors.iter().collect();
        order.sort_by(|a, b| (b.dtype.size_of(), &a.name).cmp(&(a.dtype.size_of(), &b.name)));
        let mut json = String::from("{");
        if !self.metadata.is_empty() {
            json.push_str("\"__metadata__\":{");
            for (i, (key, value)) in self.metadata.iter().enumerate() {
                if i > 0 {
                    json.push(',');
                }
                push_json_string(&mut json, key);
                json.push(':');
                push_json_string(&mut json, value);
            }
            json.push('}');
        }
        let mut offset = 0;
        for (i, added) in order.iter().enumerate() {
            if i > 0 || !self.metadata.is_empty() {
                json.push(',');
            }
            push_json_string(&mut json, &added.name);
            let _ = write!(
                json,
                ":{{\"dtype\":\"{}\",\"shape\":{:?},\"data_offsets\":[{offset},{}]}}",
                file_dtype(added.dtype),
                added.shape,
                offset + added.bytes.len()
            );
            offset += added.bytes.len();
        }
        json.push('}');
        // The data starts 8-aligned.
        while json.len() % 8 != 0 {
            json.push(' ');
        }
        let mut out = Vec::with_capacity(8 + json.len() + offset);
        out.extend_from_slice(&(json.len() as u64).to_le_bytes());
        out.extend_from_slice(json.as_bytes());
        for added in order {
            out.extend_from_slice(&added.bytes);
        }
        out
    }
}

/// `text` as a JSON string literal.
fn push_json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
