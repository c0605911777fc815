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
/// [`ExportError`] for a bad scale or a picture too large to make, and for
/// Mermaid or RON text larger than archdrill reads back (every file we
/// write, we can open again).
pub fn render(diagram: &Diagram, format: Format, scale: f32) -> Result<Vec<u8>, ExportError> {
    let size = |text: &str| u64::try_from(text.len()).unwrap_or(u64::MAX);
    Ok(match format {
        Format::Svg => svg(diagram).into_bytes(),
        Format::Png => png(diagram, scale)?,
        Format::Mermaid => {
            let text = crate::mermaid::export(diagram);
            if text.len() > crate::mermaid::MAX_INPUT_BYTES {
                return Err(ExportError::MermaidTooLarge { bytes: size(&text) });
            }
            text.into_bytes()
        }
        Format::Ron => {
            let text = file::to_ron(diagram).map_err(|e| ExportError::Render(e.to_string()))?;
            if size(&text) > file::MAX_FILE_BYTES {
                return Err(ExportError::RonTooLarge { bytes: size(&text) });
            }
            text.into_bytes()
        }
    })
}
