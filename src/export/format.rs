//! Export by file type: the output's extension picks SVG, PNG, Mermaid or
//! RON, and [`render`] produces the bytes to write.

use std::path::Path;

use super::{ExportError, png, svg};
use crate::model::{Diagram, file};

/// What an exported file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A picture, drawn like the canvas.
    Svg,
    /// A raster picture of the SVG.
    Png,
    /// A Mermaid flowchart (`.mmd`).
    Mermaid,
    /// archdrill's own document format.
    Ron,
}

impl Format {
    /// The format named by a path's extension (case-insensitive).
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "svg" => Some(Self::Svg),
            "png" => Some(Self::Png),
            "mmd" | "mermaid" => Some(Self::Mermaid),
            "ron" => Some(Self::Ron),
            _ => None,
        }
    }
}

/// The bytes of `diagram` in `format`; `scale` is pixels per canvas unit
/// for PNG.
///
/// # Errors
/// [`ExportError`] for a bad scale or a picture too large to make.
pub fn render(diagram: &Diagram, format: Format, scale: f32) -> Result<Vec<u8>, ExportError> {
    Ok(match format {
        Format::Svg => svg(diagram).into_bytes(),
        Format::Png => png(diagram, scale)?,
        Format::Mermaid => crate::mermaid::export(diagram).into_bytes(),
        Format::Ron => file::to_ron(diagram)
            .map_err(|e| ExportError::Render(e.to_string()))?
            .into_bytes(),
    })
}
