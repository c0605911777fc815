//! Opening a document named on the command line or in the app: a file path
//! (by extension: `.mmd` / `.mermaid` are Mermaid flowcharts, anything else
//! RON) or, when no such file exists, a reference id.

use std::path::Path;

use crate::content::references;
use crate::mermaid;
use crate::model::{Diagram, LoadError, file};

/// Where a loaded document came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A file on disk.
    File(std::path::PathBuf),
    /// An embedded reference, by id.
    Reference(&'static str),
}

/// True for the extensions read as Mermaid (`.mmd`, `.mermaid`).
#[must_use]
pub fn is_mermaid(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("mmd") || e.eq_ignore_ascii_case("mermaid"))
}

/// Loads a diagram from a path, or from a reference id when `arg` is not an
/// existing file but names a reference.
///
/// # Errors
/// [`LoadError`] naming the file; a missing file that is not a reference id
/// is an I/O error naming the path.
pub fn open(arg: &Path) -> Result<(Diagram, Origin), LoadError> {
    open_with_note(arg).map(|(diagram, origin, _)| (diagram, origin))
}

/// [`open`], and a sentence for the user when the layout of an imported
/// flowchart had to be simplified (a very big one).
///
/// # Errors
/// As [`open`].
pub fn open_with_note(arg: &Path) -> Result<(Diagram, Origin, Option<String>), LoadError> {
    if !arg.exists()
        && let Some(reference) = arg.to_str().and_then(references::find)
    {
        return Ok((reference.load()?, Origin::Reference(reference.id), None));
    }
    let (diagram, note) = if is_mermaid(arg) {
        let (diagram, report) = load_mermaid(arg)?;
        (diagram, report.message())
    } else {
        (file::load(arg)?, None)
    };
    Ok((diagram, Origin::File(arg.to_owned()), note))
}

/// Reads and imports a Mermaid flowchart file (at most the import's size
/// cap is read).
fn load_mermaid(path: &Path) -> Result<(Diagram, crate::layout::Report), LoadError> {
    let cap = u64::try_from(mermaid::MAX_INPUT_BYTES).unwrap_or(u64::MAX);
    let text = file::read_document(path, cap)?;
    mermaid::import_with_report(&text, &path.display().to_string())
}
