//! Writing files of a diagram: an SVG of the scene's primitives, a PNG
//! rasterised from that SVG with resvg and the embedded font, and by
//! extension Mermaid or RON. No egui here, and no drawing rules either:
//! those live in `scene`.

mod format;
mod png;
mod svg;
mod writer;

pub use format::{Format, render};
pub use png::{MAX_PIXELS, MAX_SIDE_PX, png, rasterize};
pub use svg::{FONT_FAMILY, svg};

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
    /// Rendering or encoding failed.
    #[error("cannot render the picture: {0}")]
    Render(String),
}
