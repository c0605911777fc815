//! Export by file type: the output's extension picks SVG, PNG, Mermaid or
//! RON, and [`render`] produces the bytes to write.

use std::path::Path;

use super::ExportError;
use super::png::png_with;
use super::svg::svg_with;
use crate::model::{Diagram, file};
use crate::scene::Picture;

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
    render_with(diagram, format, scale, &Picture::default())
}

/// [`render`] with a title and legend for pictures (`.svg`, `.png`);
/// Mermaid and RON carry neither, so `picture` must be plain for them.
///
/// # Errors
/// As [`render`], and [`ExportError::NotAPicture`] for a title or legend
/// asked of Mermaid or RON.
pub fn render_with(
    diagram: &Diagram,
    format: Format,
    scale: f32,
    picture: &Picture,
) -> Result<Vec<u8>, ExportError> {
    let size = |text: &str| u64::try_from(text.len()).unwrap_or(u64::MAX);
    if !picture.is_plain() && matches!(format, Format::Mermaid | Format::Ron) {
        return Err(ExportError::NotAPicture);
    }
    Ok(match format {
        Format::Svg => svg_with(diagram, picture).into_bytes(),
        Format::Png => png_with(diagram, scale, picture)?,
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
