//! Writing files of a diagram: an SVG of the scene's primitives, a PNG
//! rasterised from that SVG with resvg and the embedded font, and by
//! extension Mermaid or RON. No egui here, and no drawing rules either:
//! those live in `scene`.

mod format;
mod png;
mod svg;
mod writer;

pub use crate::scene::Picture;
pub use format::{Format, render, render_with};
pub use png::{MAX_PIXELS, MAX_SIDE_PX, png, png_with, rasterize};
pub use svg::{FONT_FAMILY, least_extent, svg, svg_with};

/// Why a picture could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The scale is not a positive number.
    #[error("the scale must be a positive number, not {0}")]
    BadScale(f32),
    /// The picture would be too large to allocate.
    #[error(
        "the picture would be {width:.0}×{height:.0} pixels; at most {MAX_SIDE_PX} pixels a side and {MAX_PIXELS} pixels in all are supported (try a smaller --scale)"
    )]
    TooLarge {
        /// Requested width in pixels.
        width: f32,
        /// Requested height in pixels.
        height: f32,
    },
    /// The Mermaid text would be larger than archdrill imports.
    #[error(
        "the Mermaid text would be {} and archdrill imports flowcharts of at most {}, so it could not be opened again; export .ron or .svg instead",
        crate::disk::human_bytes(*bytes),
        crate::disk::human_bytes(crate::mermaid::MAX_INPUT_BYTES as u64)
    )]
    MermaidTooLarge {
        /// The size it would have had.
        bytes: u64,
    },
    /// The RON text would be larger than archdrill opens.
    #[error(
        "the diagram would take {} as a file and archdrill opens diagrams of at most {}",
        crate::disk::human_bytes(*bytes),
        crate::disk::human_bytes(crate::model::file::MAX_FILE_BYTES)
    )]
    RonTooLarge {
        /// The size it would have had.
        bytes: u64,
    },
    /// A title or legend asked of a format that is not a picture.
    #[error("a title and a legend go on pictures only: export .svg or .png")]
    NotAPicture,
    /// Rendering or encoding failed.
    #[error("cannot render the picture: {0}")]
    Render(String),
}
