//! Opening a document named on the command line or in the app: a file path
//! (by extension) or, when no such file exists, a reference id.

use std::path::Path;

use crate::content::references;
use crate::model::{Diagram, LoadError, file};

/// Where a loaded document came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(std::path::PathBuf),
    /// An embedded reference, by id.
    Reference(&'static str),
}

/// Loads a diagram from a path, or from a reference id when `arg` is not an
/// existing file but names a reference.
///
/// # Errors
/// [`LoadError`] naming the file; a missing file that is not a reference id
/// is an I/O error naming the path.
pub fn open(arg: &Path) -> Result<(Diagram, Origin), LoadError> {
    if !arg.exists()
        && let Some(reference) = arg.to_str().and_then(references::find)
    {
        return Ok((reference.load()?, Origin::Reference(reference.id)));
    }
    Ok((file::load(arg)?, Origin::File(arg.to_owned())))
}
