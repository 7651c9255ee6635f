//! The header of a safetensors file: an 8-byte little-endian length, then that many bytes of
//! JSON naming each tensor's dtype, shape and byte range in the data that follows. Parsed and
//! validated by the safetensors crate (contiguous, in-range offsets; sizes that match the
//! shapes), then kept in the file's data order.

use std::borrow::ToOwned;
use std::string::{String, ToString};
use std::vec::Vec;

use safetensors::tensor::Metadata;
use safetensors::Dtype;

use super::error::SafetensorsError;
use crate::suggest::closest_first;
use crate::DType;

/// One tensor's entry.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) name: String,
    /// The dtype, or its spelling in the file when tensorize has no element type for it.
    pub(crate) dtype: Result<DType, String>,
    pub(crate) shape: Vec<usize>,
    /// The byte range in the data section.
    pub(crate) start: usize,
    pub(crate) end: usize,
}

/// The parsed header.
#[derive(Clone, Debug)]
pub(crate) struct Header {
    /// By data offset: the file's data order.
    pub(crate) tensors: Vec<Entry>,
    /// `__metadata__`, sorted by key.
    pub(crate) metadata: Vec<(String, String)>,
    /// Bytes before the data section (8 + the header's length).
    pub(crate) data_offset: usize,
}

/// The header's length from the file's first 8 bytes, checked against the `available` bytes
/// after them.
pub(crate) fn header_len(prefix: &[u8], available: u64) -> Result<usize, SafetensorsError> {
    let Some(length) = prefix.get(..8) else {
        return Err(SafetensorsError::TooShort);
    };
    let mut bytes = [0; 8];
    bytes.copy_from_slice(length);
    let header = u64::from_le_bytes(bytes);
    if header > available {
        return Err(SafetensorsError::HeaderPastEnd { header, available });
    }
    usize::try_from(header).map_err(|_| SafetensorsError::HeaderPastEnd { header, available })
}

impl Header {
    /// Parses the JSON of a file whose data section has `data_len` bytes.
    pub(crate) fn parse(json: &[u8], data_len: u64) -> Result<Header, SafetensorsError> {
        let metadata: Metadata = serde_json::from_slice(json)
            .map_err(|error| SafetensorsError::BadHeader(error.to_string()))?;
        let mut tensors: Vec<Entry> = metadata
            .tensors()
            .into_iter()
            .map(|(name, info)| Entry {
                name,
                dtype: dtype(info.dtype),
                shape: info.shape.clone(),
                start: info.data_offsets.0,
                end: info.data_offsets.1,
            })
            .collect();
        tensors.sort_by_key(|entry| (entry.start, entry.end));
        let expected = metadata.data_len() as u64;
        if expected != data_len {
            return Err(SafetensorsError::DataLength {
                expected,
                found: data_len,
            });
        }
        let mut pairs: Vec<(String, String)> = metadata
            .metadata()
            .iter()
            .flatten()
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect();
        pairs.sort();
        Ok(Header {
            tensors,
            metadata: pairs,
            data_offset: 8 + json.len(),
        })
    }

    /// The entry of `name`, or the error that lists the names the file has (closest first).
    pub(crate) fn entry(&self, name: &str) -> Result<&Entry, SafetensorsError> {
        self.tensors
            .iter()
            .find(|entry| entry.name == name)
            .ok_or_else(|| SafetensorsError::MissingTensor {
                name: name.to_owned(),
                names: closest_first(self.tensors.iter().map(|e| e.name.as_str()), name),
            })
    }

    /// The names in the file's data order.
    pub(crate) fn names(&self) -> Vec<String> {
        self.tensors
            .iter()
            .map(|entry| entry.name.clone())
            .collect()
    }
}

impl Entry {
    /// The dtype, or the error naming the file's spelling of it.
    pub(crate) fn dtype(&self) -> Result<DType, SafetensorsError> {
        self.dtype
            .clone()
            .map_err(|dtype| SafetensorsError::UnsupportedDtype {
                name: self.name.clone(),
                dtype,
            })
    }
}

/// The file's dtype as tensorize's, or its spelling (`F8_E4M3`) when there is none.
fn dtype(dtype: Dtype) -> Result<DType, String> {
    Ok(match dtype {
        Dtype::BOOL => DType::Bool,
        Dtype::U8 => DType::U8,
        Dtype::I8 => DType::I8,
        Dtype::U16 => DType::U16,
        Dtype::I16 => DType::I16,
        Dtype::U32 => DType::U32,
        Dtype::I32 => DType::I32,
        Dtype::U64 => DType::U64,
        Dtype::I64 => DType::I64,
        Dtype::F16 => DType::F16,
        Dtype::BF16 => DType::BF16,
        Dtype::F32 => DType::F32,
        Dtype::F64 => DType::F64,
        other => return Err(std::format!("{other:?}")),
    })
}

/// The file's spelling of a dtype.
pub(crate) fn file_dtype(dtype: DType) -> &'static str {
    match dtype {
        DType::Bool => "BOOL",
        DType::U8 => "U8",
        DType::I8 => "I8",
        DType::U16 => "U16",
        DType::I16 => "I16",
        DType::U32 => "U32",
        DType::I32 => "I32",
        DType::U64 => "U64",
        DType::I64 => "I64",
        DType::F16 => "F16",
        DType::BF16 => "BF16",
        DType::F32 => "F32",
        DType::F64 => "F64",
    }
}
