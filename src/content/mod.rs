//! Content shipped inside the binary: reference diagrams, Q&A cards and the
//! diagram font.

pub mod cards;
pub mod references;

/// DejaVu Sans, used on the canvas and in exported pictures (licence in
/// `assets/fonts/DejaVuSans-LICENSE.txt`).
pub static DIAGRAM_FONT_TTF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
