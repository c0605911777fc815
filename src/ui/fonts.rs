//! Fonts: DejaVu Sans (shipped in `assets/fonts`) as the primary
//! proportional font, so arrows and symbols render and the canvas matches
//! exported pictures; egui's own fonts stay as fallbacks (emoji, icons).
//! And the size of the font atlas.

use std::sync::Arc;

use egui::{FontData, FontDefinitions, FontFamily};

use crate::content::DIAGRAM_FONT_TTF;

/// Font definitions with DejaVu Sans first in the proportional family.
#[must_use]
pub fn font_definitions() -> FontDefinitions {
    let mut defs = FontDefinitions::default();
    defs.font_data.insert(
        "dejavu-sans".to_owned(),
        Arc::new(FontData::from_static(DIAGRAM_FONT_TTF)),
    );
    defs.families
        .entry(FontFamily::Proportional)
        .or_default()
        .insert(0, "dejavu-sans".to_owned());
    defs
}

/// Installs [`font_definitions`] in a context (effective from the next pass).
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}

/// The widest and tallest texture egui is told it may make. egui's font
/// atlas is as wide as this (the GPU's limit otherwise: 16,384 px under
/// Mesa's llvmpipe, so even a few rows of glyphs take 2 MiB, twice — the
/// atlas and its copy in the driver) and grows in height up to it, one
/// doubling at a time, until it is cleared at 80 % full. The canvas draws
/// text at every zoom, so the atlas fills with sizes: at 16,384 px it may
/// grow to a gigabyte before it is cleared; at 2,048 px it stays under
/// 16 MiB. The app makes no other textures.
pub const MAX_TEXTURE_SIDE: usize = 2048;

/// Tells egui the textures it makes may be at most [`MAX_TEXTURE_SIDE`]
/// wide and tall (a smaller limit of the GPU is kept).
pub fn cap_texture_side(raw_input: &mut egui::RawInput) {
    let side = raw_input
        .max_texture_side
        .map_or(MAX_TEXTURE_SIDE, |gpu| gpu.min(MAX_TEXTURE_SIDE));
    raw_input.max_texture_side = Some(side);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn capped(gpu: Option<usize>) -> Option<usize> {
        let mut raw = egui::RawInput {
            max_texture_side: gpu,
            ..Default::default()
        };
        cap_texture_side(&mut raw);
        raw.max_texture_side
    }

    #[test]
    fn the_texture_side_is_capped_and_a_smaller_gpu_limit_kept() {
        assert_eq!(capped(Some(16_384)), Some(MAX_TEXTURE_SIDE));
        assert_eq!(capped(None), Some(MAX_TEXTURE_SIDE));
        assert_eq!(capped(Some(1_024)), Some(1_024));
    }

    /// The width of the font atlas egui uploads when told `max_texture_side`.
    fn atlas_width(max_texture_side: usize) -> usize {
        let ctx = egui::Context::default();
        install(&ctx);
        let raw = egui::RawInput {
            max_texture_side: Some(max_texture_side),
            ..Default::default()
        };
        let mut widest = 0;
        for _ in 0..2 {
            let mut output = ctx.run_ui(raw.clone(), |ui| {
                ui.label("Orders service → Postgres");
            });
            for deltas in output.textures_delta.set.values() {
                for delta in deltas {
                    widest = widest.max(delta.image.width());
                }
            }
            output.textures_delta.clear();
        }
        widest
    }

    #[test]
    fn the_font_atlas_is_as_wide_as_the_cap_not_the_gpu() {
        // What egui does with llvmpipe's limit, and with the cap applied.
        assert_eq!(atlas_width(16_384), 16_384);
        let mut raw = egui::RawInput {
            max_texture_side: Some(16_384),
            ..Default::default()
        };
        cap_texture_side(&mut raw);
        assert_eq!(
            atlas_width(raw.max_texture_side.unwrap_or(0)),
            MAX_TEXTURE_SIDE
        );
    }
}
