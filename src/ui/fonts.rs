//! Fonts: DejaVu Sans (shipped in `assets/fonts`) as the primary
//! proportional font, so arrows and symbols render and the canvas matches
//! exported pictures; egui's own fonts stay as fallbacks (emoji, icons).

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
