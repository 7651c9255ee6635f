//! The `.npy` header: magic, version, and the Python dict literal
//! `{'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }`.
//!
//! One parser over `&[u8]`, in core, used by `include_npy!` at expansion and by the readers at
//! run time. It never panics and never allocates.

use super::error::{Descr, NpyError};
use crate::{DType, MAX_RANK};

/// The magic string every `.npy` file starts with.
pub(crate) const MAGIC: &[u8; 6] = b"\x93NUMPY";

/// What the header says about the data.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Header {
    pub(crate) dtype: DType,
    /// Whether the data bytes are big-endian.
    pub(crate) big_endian: bool,
    pub(crate) fortran_order: bool,
    pub(crate) dims: [usize; MAX_RANK],
    pub(crate) rank: usize,
    /// Bytes from the start of the file to the data.
    pub(crate) data_offset: usize,
    /// Bytes of data the shape needs.
    pub(crate) data_len: usize,
}

impl Header {
    pub(crate) fn shape(&self) -> &[usize] {
        &self.dims[..self.rank]
    }
}

/// The preamble: bytes before the dict (magic, version, length) and the dict's length.
/// `prefix` must hold at least 12 bytes or the whole file.
pub(crate) fn preamble(prefix: &[u8]) -> Result<(usize, usize), NpyError> {
    if prefix.len() < 8 || &prefix[..6] != MAGIC {
        return Err(NpyError::BadMagic);
    }
    let (major, minor) = (prefix[6], prefix[7]);
    let (start, len) = match (major, minor) {
        (1, 0) => {
            let bytes = prefix
                .get(8..10)
                .ok_or(NpyError::BadHeader("the header length is missing"))?;
            (10, usize::from(u16::from_le_bytes([bytes[0], bytes[1]])))
        }
        (2 | 3, 0) => {
            let bytes = prefix
                .get(8..12)
                .ok_or(NpyError::BadHeader("the header length is missing"))?;
            let len = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            (
                12,
                usize::try_from(len).map_err(|_| NpyError::BadHeader("the header is too long"))?,
            )
        }
        _ => return Err(NpyError::UnsupportedVersion { major, minor }),
    };
    Ok((start, len))
}

/// Parses the magic, version and header dict at the start of `file`.
pub(crate) fn parse_header(file: &[u8]) -> Result<Header, NpyError> {
    let (start, len) = preamble(file)?;
    let end = start
        .checked_add(len)
        .ok_or(NpyError::BadHeader("the header is too long"))?;
    let dict = file
        .get(start..end)
        .ok_or(NpyError::BadHeader("the file ends inside the header"))?;
    parse_dict(dict, end)
}

/// Parses the dict text; `data_offset` is where the data starts.
pub(crate) fn parse_dict(dict: &[u8], data_offset: usize) -> Result<Header, NpyError> {
    let mut cursor = Cursor { text: dict, pos: 0 };
    let (mut descr, mut fortran, mut shape) = (None, None, None);
    cursor.expect(b'{', "expected `{` at the start of the header")?;
    loop {
        cursor.skip_space();
        if cursor.eat(b'}') {
            break;
        }
        let key = cursor.string()?;
        cursor.skip_space();
        cursor.expect(b':', "expected `:` after a key")?;
        cursor.skip_space();
        match key {
            b"descr" if descr.is_none() => descr = Some(cursor.descr()?),
            b"fortran_order" if fortran.is_none() => fortran = Some(cursor.boolean()?),
            b"shape" if shape.is_none() => shape = Some(cursor.shape()?),
            b"descr" | b"fortran_order" | b"shape" => {
                return Err(NpyError::BadHeader("a key appears twice"));
            }
            _ => {
                return Err(NpyError::BadHeader(
                    "unexpected key (expected descr, fortran_order, shape)",
                ))
            }
        }
        cursor.skip_space();
        if !cursor.eat(b',') {
            cursor.skip_space();
            cursor.expect(b'}', "expected `,` or `}` after a value")?;
            break;
        }
    }
    let (Some((dtype, big_endian)), Some(fortran_order), Some((dims, rank))) =
        (descr, fortran, shape)
    else {
        return Err(NpyError::BadHeader(
            "missing key (descr, fortran_order and shape are required)",
        ));
    };
    let numel = dims[..rank]
        .iter()
        .try_fold(1usize, |n, &d| n.checked_mul(d))
        .ok_or(NpyError::ShapeOverflow)?;
    let data_len = numel
        .checked_mul(dtype.size_of())
        .ok_or(NpyError::ShapeOverflow)?;
    Ok(Header {
        dtype,
        big_endian,
        fortran_order,
        dims,
        rank,
        data_offset,
        data_len,
    })
}

struct Cursor<'a> {
    text: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.pos).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> bool {
        let found = self.peek() == Some(byte);
        if found {
            self.pos += 1;
        }
        found
    }

    fn expect(&mut self, byte: u8, why: &'static str) -> Result<(), NpyError> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(NpyError::BadHeader(why))
        }
    }

    /// A Python string in single or double quotes (no escapes: header strings have none).
    fn string(&mut self) -> Result<&'a [u8], NpyError> {
        let quote = match self.peek() {
            Some(q @ (b'\'' | b'"')) => q,
            Some(b'[' | b'(' | b'{') => return Err(NpyError::BadHeader("expected a string")),
            _ => return Err(NpyError::BadHeader("expected a quoted string")),
        };
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|b| b != quote) {
            self.pos += 1;
        }
        let text = &self.text[start..self.pos];
        self.expect(quote, "a string is not closed")?;
        Ok(text)
    }

    fn descr(&mut self) -> Result<(DType, bool), NpyError> {
        if matches!(self.peek(), Some(b'[' | b'(' | b'{')) {
            // A list of fields: a structured dtype.
            let start = self.pos;
            let end = (start + 24).min(self.text.len());
            return Err(NpyError::UnsupportedDtype(Descr::new(
                &self.text[start..end],
            )));
        }
        let text = self.string()?;
        parse_descr(text).ok_or_else(|| NpyError::UnsupportedDtype(Descr::new(text)))
    }

    fn boolean(&mut self) -> Result<bool, NpyError> {
        let rest = &self.text[self.pos..];
        if rest.starts_with(b"True") {
            self.pos += 4;
            Ok(true)
        } else if rest.starts_with(b"False") {
            self.pos += 5;
            Ok(false)
        } else {
            Err(NpyError::BadHeader("fortran_order must be True or False"))
        }
    }

    /// `()`, `(3,)`, `(3, 4)`, `(2L, 3L)` (Python 2).
    fn shape(&mut self) -> Result<([usize; MAX_RANK], usize), NpyError> {
        self.expect(b'(', "the shape must be a tuple")?;
        let mut dims = [0; MAX_RANK];
        let mut rank = 0;
        loop {
            self.skip_space();
            if self.eat(b')') {
                break;
            }
            let mut value: usize = 0;
            let start = self.pos;
            while let Some(digit @ b'0'..=b'9') = self.peek() {
                value = value
                    .checked_mul(10)
                    .and_then(|v| v.checked_add(usize::from(digit - b'0')))
                    .ok_or(NpyError::ShapeOverflow)?;
                self.pos += 1;
            }
            if self.pos == start {
                return Err(NpyError::BadHeader(
                    "a dimension is not a non-negative integer",
                ));
            }
            self.eat(b'L');
            if rank == MAX_RANK {
                // Count the remaining dimensions for the message, without storing them.
                let mut more = rank + 1;
                while let Some(b) = self.peek() {
                    self.pos += 1;
                    match b {
                        b')' => break,
                        b'0'..=b'9' if !self.text[self.pos - 2].is_ascii_digit() => more += 1,
                        _ => {}
                    }
                }
                return Err(NpyError::TooManyDimensions(more));
            }
            dims[rank] = value;
            rank += 1;
            self.skip_space();
            if !self.eat(b',') {
                self.skip_space();
                self.expect(b')', "expected `,` or `)` in the shape")?;
                break;
            }
        }
        Ok((dims, rank))
    }
}

/// `'<f4'` → (f32, little-endian). `V2` is bfloat16, as numpy writes `ml_dtypes`' bfloat16.
fn parse_descr(text: &[u8]) -> Option<(DType, bool)> {
    let (order, code) = match text {
        [order @ (b'<' | b'>' | b'|' | b'='), code @ ..] => (*order, code),
        _ => return None,
    };
    let dtype = match code {
        b"b1" | b"?" => DType::Bool,
        b"u1" => DType::U8,
        b"u2" => DType::U16,
        b"u4" => DType::U32,
        b"u8" => DType::U64,
        b"i1" => DType::I8,
        b"i2" => DType::I16,
        b"i4" => DType::I32,
        b"i8" => DType::I64,
        b"f2" => DType::F16,
        b"f4" => DType::F32,
        b"f8" => DType::F64,
        b"V2" => DType::BF16,
        _ => return None,
    };
    let big_endian = match order {
        b'>' => true,
        b'=' => cfg!(target_endian = "big"),
        _ => false,
    };
    // A one-byte type has no byte order; a wider one needs one.
    if order == b'|' && dtype.size_of() > 1 && dtype != DType::BF16 {
        return None;
    }
    Some((dtype, big_endian))
}
