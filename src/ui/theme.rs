//! The canvas' colours as egui colours: a view of `scene::palette` (the
//! one place colours are defined) for the parts of the canvas that are
//! not the drawing itself — grid, rubber band, hints, the legend.

use egui::Color32;

use super::paint::color;
use crate::model::{EdgeKind, NodeKind};
use crate::scene::palette::{Palette, Theme};

/// Canvas colours for one visual mode.
#[derive(Clone, Copy, Debug)]
pub struct CanvasTheme {
    /// Whether this is the dark variant.
    pub dark: bool,
    /// The scene palette behind it.
    pub palette: Palette,
    /// Canvas background.
    pub background: Color32,
    /// Grid dots.
    pub grid: Color32,
    /// Label text inside boxes.
    pub text: Color32,
    /// Secondary text (hints).
    pub weak_text: Color32,
    /// Boundary container stroke and title.
    pub boundary: Color32,
    /// Selection accents: the rubber band, a selected boundary.
    pub selection: Color32,
    /// Alignment guides while dragging: a colour no box or arrow uses.
    pub guide: Color32,
}

impl CanvasTheme {
    /// The theme for egui's current dark/light mode.
    #[must_use]
    pub fn new(dark: bool) -> Self {
        let palette = Palette::of(Self::scene_theme(dark));
        Self {
            dark,
            palette,
            background: color(palette.background),
            grid: color(palette.grid),
            text: color(palette.text),
            weak_text: color(palette.weak_text),
            boundary: color(palette.boundary),
            selection: color(palette.selection),
            guide: if dark {
                Color32::from_rgb(240, 98, 166)
            } else {
                Color32::from_rgb(206, 36, 122)
            },
        }
    }

    /// The scene theme for egui's dark/light mode.
    #[must_use]
    pub const fn scene_theme(dark: bool) -> Theme {
        if dark { Theme::Dark } else { Theme::Light }
    }

    /// Fill and outline colours of a node kind.
    #[must_use]
    pub fn node_colors(&self, kind: NodeKind) -> (Color32, Color32) {
        let (fill, stroke) = self.palette.node_colors(kind);
        (color(fill), color(stroke))
    }

    /// Colour of an edge kind.
    #[must_use]
    pub fn edge_color(&self, kind: EdgeKind) -> Color32 {
        color(self.palette.edge_color(kind))
    }
}
