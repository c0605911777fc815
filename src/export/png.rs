//! PNG by rasterising our own SVG with resvg. Text uses the embedded
//! DejaVu Sans only (no system fonts), so pictures look the same on every
//! machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::ExportError;
use super::svg::{FONT_FAMILY, svg};
use crate::content::DIAGRAM_FONT_TTF;
use crate::model::Diagram;

/// Largest accepted side of a picture, in pixels.
pub const MAX_SIDE_PX: u32 = 16_384;
/// Largest accepted picture, in pixels.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;

/// The font database, built once: only the diagram font.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    Arc::clone(FONTS.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_data(DIAGRAM_FONT_TTF.to_vec());
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    }))
}

/// Rasterises an SVG document at `scale` pixels per SVG unit.
///
/// # Errors
/// [`ExportError`] for a bad scale, a picture too large, or (should not
/// happen for our own SVG) a parse or encode failure.
pub fn rasterize(svg_text: &str, scale: f32) -> Result<Vec<u8>, ExportError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(ExportError::BadScale(scale));
    }
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg_text, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let pixels = |units: f32| -> Result<u32, ExportError> {
        let px = (units * scale).ceil();
        if px.is_finite() && px >= 1.0 && px <= f32::from(u16::MAX) {
            #[expect(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "checked to be within 1..=65535 above"
            )]
            Ok(px as u32)
        } else {
            Err(ExportError::TooLarge {
                width: size.width() * scale,
                height: size.height() * scale,
            })
        }
    };
    let (width, height) = (pixels(size.width())?, pixels(size.height())?);
    if width > MAX_SIDE_PX
        || height > MAX_SIDE_PX
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(ExportError::TooLarge {
            width: size.width() * scale,
            height: size.height() * scale,
        });
    }
    let mut pixmap = Pixmap::new(width, height).ok_or(ExportError::TooLarge {
        width: size.width() * scale,
        height: size.height() * scale,
    })?;
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| ExportError::Render(e.to_string()))
}

/// The diagram as a PNG at `scale` pixels per canvas unit.
///
/// # Errors
/// See [`rasterize`].
pub fn png(diagram: &Diagram, scale: f32) -> Result<Vec<u8>, ExportError> {
    rasterize(&svg(diagram), scale)
}
