//! PNG by rasterising our own SVG with resvg. Text uses the embedded
//! DejaVu Sans only (no system fonts), so pictures look the same on every
//! machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::ExportError;
use super::svg::{FONT_FAMILY, least_extent, svg_with};
use crate::content::DIAGRAM_FONT_TTF;
use crate::model::Diagram;
use crate::scene::Picture;

/// Largest accepted side of a picture, in pixels.
pub const MAX_SIDE_PX: u32 = 16_384;
/// Largest accepted picture, in pixels.
pub const MAX_PIXELS: u64 = 64 * 1024 * 1024;
/// Largest SVG text rasterised: parsing holds many times its size in
/// memory, and no picture within [`MAX_PIXELS`] needs more.
pub const MAX_SVG_BYTES: usize = 16 * 1024 * 1024;

/// Refuses a picture of `width` × `height` SVG units at `scale` when it
/// would exceed [`MAX_SIDE_PX`] or [`MAX_PIXELS`]; the pixel size if not.
fn checked_size(width: f32, height: f32, scale: f32) -> Result<(u32, u32), ExportError> {
    let too_large = || ExportError::TooLarge {
        width: width * scale,
        height: height * scale,
    };
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
            Err(too_large())
        }
    };
    let (w, h) = (pixels(width)?, pixels(height)?);
    if w > MAX_SIDE_PX || h > MAX_SIDE_PX || u64::from(w) * u64::from(h) > MAX_PIXELS {
        return Err(too_large());
    }
    Ok((w, h))
}

/// The `width` and `height` of the root `<svg>` element, read from the
/// text without parsing the document.
fn declared_size(svg_text: &str) -> Option<(f32, f32)> {
    let start = svg_text.find("<svg")?;
    let tag = &svg_text[start..start + svg_text[start..].find('>')?];
    let attr = |name: &str| -> Option<f32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.trim().parse().ok()
    };
    Some((attr("width")?, attr("height")?))
}

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
    // Refused before parsing: a tree of a huge document takes gigabytes.
    if let Some((w, h)) = declared_size(svg_text) {
        checked_size(w, h, scale)?;
    }
    if svg_text.len() > MAX_SVG_BYTES {
        return Err(ExportError::Render(format!(
            "the drawing has too many shapes to rasterise ({} of SVG, at most {}); export .svg instead",
            crate::disk::human_bytes(u64::try_from(svg_text.len()).unwrap_or(u64::MAX)),
            crate::disk::human_bytes(MAX_SVG_BYTES as u64)
        )));
    }
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_owned(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree =
        usvg::Tree::from_str(svg_text, &options).map_err(|e| ExportError::Render(e.to_string()))?;
    let size = tree.size();
    let (width, height) = checked_size(size.width(), size.height(), scale)?;
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
    png_with(diagram, scale, &Picture::default())
}

/// The diagram as a PNG with what `picture` adds (title, legend).
///
/// # Errors
/// See [`rasterize`].
pub fn png_with(diagram: &Diagram, scale: f32, picture: &Picture) -> Result<Vec<u8>, ExportError> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(ExportError::BadScale(scale));
    }
    // Refused before the SVG is even written.
    if let Some((w, h)) = least_extent(diagram) {
        checked_size(w, h, scale)?;
    }
    rasterize(&svg_with(diagram, picture), scale)
}
