//! `.npz` archives (feature `npz`): what `np.savez` (stored members) and `np.savez_compressed`
//! (deflated members) write, one `.npy` file per array, read and written with the zip crate
//! (deflate in pure Rust).
//!
//! ```
//! use tensorize_runtime::npy::npz::{self, NpzWriter};
//!
//! let path = std::env::temp_dir().join("tensorize-doc.npz");
//! let mut archive = NpzWriter::create(&path)?.compressed(true);
//! archive.add("weights", &ndarray::array![[1.5f32, 2.0], [3.0, 4.5]])?;
//! archive.add("bias", &ndarray::array![1u8, 2])?;
//! archive.finish()?;
//!
//! assert_eq!(npz::names(&path)?, ["weights", "bias"]); // numpy's `.files`, in archive order
//! let bias = npz::read::<f32>(&path, "bias")?;          // u8 → f32 widens losslessly
//! assert_eq!(bias.as_slice().unwrap(), &[1.0, 2.0]);
//! let err = npz::read::<f32>(&path, "bais").unwrap_err();
//! assert_eq!(err.to_string(), "no member `bais` in the archive; it has `bias`, `weights`");
//! # Ok::<(), tensorize_runtime::npy::NpyError>(())
//! ```

use std::fs::File;
use std::io::{BufReader, Read, Seek, Write};
use std::path::Path;
use std::string::{String, ToString};
use std::vec::Vec;

use ndarray::{ArrayBase, ArrayD, Data, Dimension};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::convert::Policy;
use super::error::NpyError;
use super::io::{read_array, to_writer, MAX_PREALLOCATION};
use crate::suggest::closest_first;
use crate::{CastMode, Element};

/// The arrays' names, as numpy's `.files` gives them: without `.npy`, in archive order.
///
/// # Errors
///
/// I/O errors or a damaged archive.
pub fn names(path: impl AsRef<Path>) -> Result<Vec<String>, NpyError> {
    let archive = open(path.as_ref())?;
    Ok(archive
        .file_names()
        .map(|name| name.strip_suffix(".npy").unwrap_or(name).to_string())
        .collect())
}

/// Reads member `name` whose dtype is `T` or widens to `T` losslessly (as [`read`](super::read)).
///
/// # Errors
///
/// As [`read`](super::read), and a missing member (the error lists the archive's, closest
/// first) or a damaged archive.
pub fn read<T: Element>(path: impl AsRef<Path>, name: &str) -> Result<ArrayD<T>, NpyError> {
    read_member(path.as_ref(), name, Policy::Lossless)
}

/// Reads member `name`, converting every value to `T` under `mode`.
///
/// # Errors
///
/// As [`read`].
pub fn read_with<T: Element>(
    path: impl AsRef<Path>,
    name: &str,
    mode: CastMode,
) -> Result<ArrayD<T>, NpyError> {
    read_member(path.as_ref(), name, Policy::Mode(mode))
}

/// Reads member `name`, converting every value to `T` if each converts exactly.
///
/// # Errors
///
/// As [`read`], and [`NpyError::Inexact`].
pub fn try_read<T: Element>(path: impl AsRef<Path>, name: &str) -> Result<ArrayD<T>, NpyError> {
    read_member(path.as_ref(), name, Policy::Exact)
}

fn damaged(error: zip::result::ZipError) -> NpyError {
    match error {
        zip::result::ZipError::Io(error) => NpyError::Io(error),
        other => NpyError::Archive(other.to_string()),
    }
}

fn open(path: &Path) -> Result<ZipArchive<BufReader<File>>, NpyError> {
    ZipArchive::new(BufReader::new(File::open(path)?)).map_err(damaged)
}

fn read_member<T: Element>(path: &Path, name: &str, policy: Policy) -> Result<ArrayD<T>, NpyError> {
    let file_len = usize::try_from(std::fs::metadata(path)?.len()).unwrap_or(usize::MAX);
    let mut archive = open(path)?;
    read_from_archive(&mut archive, name, policy, file_len)
}

/// Member `name` of an open archive; pre-allocates at most what the archive's file could hold
/// (a deflated member still grows as its bytes inflate).
pub(crate) fn read_from_archive<T: Element, R: Read + Seek>(
    archive: &mut ZipArchive<R>,
    name: &str,
    policy: Policy,
    file_len: usize,
) -> Result<ArrayD<T>, NpyError> {
    let index = member_index(archive, name)?;
    let member = archive.by_index(index).map_err(damaged)?;
    read_array(member, policy, file_len.min(MAX_PREALLOCATION))
}

/// A member's bytes, for `include_npz!`: the macro embeds a stored member in place (its data is
/// the archive's bytes from `stored_at`) and needs only its `.npy` header for that; a deflated
/// one (or a stored one whose values change) it reads whole.
#[doc(hidden)]
#[derive(Debug)]
pub struct MemberBytes {
    /// Where a stored member's `.npy` file starts in the archive; `None` if it is deflated.
    pub stored_at: Option<u64>,
    /// The member's size, as the archive records it.
    pub size: u64,
    /// The member's first bytes (at least its `.npy` header, if it has one) or all of them.
    pub bytes: Vec<u8>,
}

/// Member `name` of the archive at `path`: only its `.npy` header when `header_only` and the
/// member is stored, else the whole member (inflated).
///
/// # Errors
///
/// I/O errors, a damaged archive, or a missing member (listing the archive's, closest first).
#[doc(hidden)]
pub fn member_bytes(path: &Path, name: &str, header_only: bool) -> Result<MemberBytes, NpyError> {
    let mut archive = open(path)?;
    let index = member_index(&archive, name)?;
    let member = archive.by_index(index).map_err(damaged)?;
    let stored_at =
        (member.compression() == CompressionMethod::Stored).then(|| member.data_start());
    let size = member.size();
    let mut member = member.take(size);
    let mut bytes = Vec::new();
    if header_only && stored_at.is_some() {
        (&mut member).take(12).read_to_end(&mut bytes)?;
        if let Ok(header_len) = super::header_len(&bytes) {
            let rest = header_len.saturating_sub(bytes.len()) as u64;
            (&mut member).take(rest).read_to_end(&mut bytes)?;
        }
    } else {
        bytes.reserve(
            usize::try_from(size)
                .unwrap_or(usize::MAX)
                .min(MAX_PREALLOCATION),
        );
        member.read_to_end(&mut bytes)?;
    }
    Ok(MemberBytes {
        stored_at,
        size,
        bytes,
    })
}

/// The index of member `name` (`name.npy`, or `name` itself), or the error listing the
/// archive's members, closest first.
fn member_index<R: Read + Seek>(archive: &ZipArchive<R>, name: &str) -> Result<usize, NpyError> {
    let wanted = std::format!("{name}.npy");
    let index = archive
        .index_for_name(&wanted)
        .or_else(|| archive.index_for_name(name));
    index.ok_or_else(|| {
        let members = archive
            .file_names()
            .map(|n| n.strip_suffix(".npy").unwrap_or(n));
        NpyError::MissingMember {
            name: name.to_string(),
            members: closest_first(members, name),
        }
    })
}

/// Writes an `.npz` archive numpy's `np.load` reads: stored members by default (as
/// `np.savez`), deflated with [`compressed(true)`](Self::compressed) (as
/// `np.savez_compressed`).
pub struct NpzWriter<W: Write + Seek> {
    zip: ZipWriter<W>,
    method: CompressionMethod,
}

impl NpzWriter<File> {
    /// Creates the archive's file.
    ///
    /// # Errors
    ///
    /// I/O errors.
    pub fn create(path: impl AsRef<Path>) -> Result<NpzWriter<File>, NpyError> {
        Ok(NpzWriter::new(File::create(path)?))
    }
}

impl<W: Write + Seek> NpzWriter<W> {
    /// An archive written to `writer`.
    pub fn new(writer: W) -> NpzWriter<W> {
        NpzWriter {
            zip: ZipWriter::new(writer),
            method: CompressionMethod::Stored,
        }
    }

    /// Whether the members are deflated (default `false`: stored).
    #[must_use]
    pub fn compressed(mut self, yes: bool) -> Self {
        self.method = if yes {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        self
    }

    /// Adds `array` as member `name` (`name.npy` in the archive), in the format of
    /// [`npy::write`](super::write).
    ///
    /// # Errors
    ///
    /// I/O errors.
    pub fn add<T, S, D>(&mut self, name: &str, array: &ArrayBase<S, D>) -> Result<(), NpyError>
    where
        T: Element,
        S: Data<Elem = T>,
        D: Dimension,
    {
        let options = SimpleFileOptions::default()
            .compression_method(self.method)
            .large_file(array.len() * T::DTYPE.size_of() >= u32::MAX as usize);
        self.zip
            .start_file(std::format!("{name}.npy"), options)
            .map_err(damaged)?;
        to_writer(&mut self.zip, array)
    }

    /// Writes the archive's directory and returns the writer.
    ///
    /// # Errors
    ///
    /// I/O errors.
    pub fn finish(self) -> Result<W, NpyError> {
        self.zip.finish().map_err(damaged)
    }
}
