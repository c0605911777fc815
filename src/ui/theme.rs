//! Every colour and stroke width of the canvas, for light and dark mode, in
//! one place.

use egui::Color32;

use crate::model::{EdgeKind, NodeKind};

/// Canvas colours for one visual mode.
#[derive(Clone, Copy, Debug)]
pub struct CanvasTheme {
    /// Whether this is the dark variant.
    pub dark: bool,
    /// Canvas background.
    pub background: Color32,
    /// Grid dots.
    pub grid: Color32,
    /// Label text inside boxes.
    pub text: Color32,
    /// Secondary text (kind tags, edge labels).
    pub weak_text: Color32,
    /// Background behind edge labels.
    pub label_background: Color32,
    /// Boundary container stroke and title.
    pub boundary: Color32,
    /// Boundary container fill.
    pub boundary_fill: Color32,
    /// Selection accents: the rubber band, a selected boundary.
    pub selection: Color32,
}

impl CanvasTheme {
    /// The theme for egui's current dark/light mode.
    #[must_use]
    pub const fn new(dark: bool) -> Self {
        if dark {
            Self {
                dark,
                background: Color32::from_rgb(0x1c, 0x1f, 0x24),
                grid: Color32::from_rgb(0x2c, 0x30, 0x37),
                text: Color32::from_rgb(0xee, 0xee, 0xee),
                weak_text: Color32::from_rgb(0xa8, 0xad, 0xb5),
                label_background: Color32::from_rgba_premultiplied(0x1c, 0x1f, 0x24, 0xe6),
                boundary: Color32::from_rgb(0x8a, 0x93, 0xa3),
                boundary_fill: Color32::from_rgba_premultiplied(0x30, 0x35, 0x3d, 0x60),
                selection: Color32::from_rgb(0x6a, 0xa6, 0xff),
            }
        } else {
            Self {
                dark,
                background: Color32::from_rgb(0xfa, 0xfa, 0xf7),
                grid: Color32::from_rgb(0xe2, 0xe2, 0xdc),
                text: Color32::from_rgb(0x1e, 0x22, 0x28),
                weak_text: Color32::from_rgb(0x5c, 0x63, 0x6e),
                label_background: Color32::from_rgba_premultiplied(0xfa, 0xfa, 0xf7, 0xeb),
                boundary: Color32::from_rgb(0x7a, 0x84, 0x94),
                boundary_fill: Color32::from_rgba_premultiplied(0xea, 0xec, 0xf0, 0x70),
                selection: Color32::from_rgb(0x25, 0x63, 0xeb),
            }
        }
    }

    /// Fill and outline colours of a node kind.
    #[must_use]
    pub const fn node_colors(&self, kind: NodeKind) -> (Color32, Color32) {
        // (hue family) light fill, light stroke, dark fill, dark stroke
        let (light_fill, stroke, dark_fill) = match kind {
            NodeKind::Client => ((0xe8, 0xf0, 0xfe), (0x3b, 0x6f, 0xd8), (0x23, 0x33, 0x52)),
            NodeKind::Edge => ((0xe3, 0xf6, 0xf8), (0x17, 0x8f, 0xa3), (0x1a, 0x3d, 0x44)),
            NodeKind::LoadBalancer => ((0xea, 0xf0, 0xf4), (0x4f, 0x6d, 0x84), (0x2a, 0x35, 0x3f)),
            NodeKind::Gateway => ((0xf1, 0xe8, 0xfd), (0x7b, 0x4b, 0xd1), (0x35, 0x28, 0x52)),
            NodeKind::Service => ((0xff, 0xff, 0xff), (0x45, 0x4d, 0x59), (0x2e, 0x33, 0x3b)),
            NodeKind::Database => ((0xe6, 0xf4, 0xea), (0x2e, 0x8b, 0x57), (0x1e, 0x3d, 0x2b)),
            NodeKind::Cache => ((0xfd, 0xe8, 0xe6), (0xc8, 0x3a, 0x2e), (0x4a, 0x24, 0x22)),
            NodeKind::Bus => ((0xff, 0xf3, 0xdc), (0xc7, 0x7c, 0x02), (0x4a, 0x37, 0x14)),
            NodeKind::Worker => ((0xf3, 0xf1, 0xe9), (0x7d, 0x6b, 0x3a), (0x3a, 0x35, 0x27)),
            NodeKind::External => ((0xf4, 0xf4, 0xf4), (0x6b, 0x6b, 0x6b), (0x33, 0x33, 0x33)),
            NodeKind::Outbox => ((0xfb, 0xf0, 0xe0), (0xa0, 0x62, 0x1a), (0x42, 0x32, 0x20)),
            NodeKind::Storage => ((0xe9, 0xf3, 0xe3), (0x5b, 0x8a, 0x2e), (0x2c, 0x3a, 0x22)),
            NodeKind::Search => ((0xfc, 0xeb, 0xf5), (0xb0, 0x3c, 0x83), (0x45, 0x25, 0x3a)),
            NodeKind::Other => ((0xf7, 0xf7, 0xf7), (0x80, 0x80, 0x80), (0x30, 0x30, 0x30)),
        };
        let fill = if self.dark { dark_fill } else { light_fill };
        (
            Color32::from_rgb(fill.0, fill.1, fill.2),
            Color32::from_rgb(stroke.0, stroke.1, stroke.2),
        )
    }

    /// Colour of an edge kind.
    #[must_use]
    pub const fn edge_color(&self, kind: EdgeKind) -> Color32 {
        match (kind, self.dark) {
            (EdgeKind::Sync, false) => Color32::from_rgb(0x33, 0x3a, 0x44),
            (EdgeKind::Sync, true) => Color32::from_rgb(0xc8, 0xcc, 0xd2),
            (EdgeKind::Async, false) => Color32::from_rgb(0xb8, 0x6e, 0x00),
            (EdgeKind::Async, true) => Color32::from_rgb(0xf0, 0xa8, 0x30),
            (EdgeKind::Data, false) => Color32::from_rgb(0x2e, 0x8b, 0x57),
            (EdgeKind::Data, true) => Color32::from_rgb(0x5c, 0xc0, 0x84),
            (EdgeKind::Compensation, false) => Color32::from_rgb(0xc8, 0x2a, 0x2a),
            (EdgeKind::Compensation, true) => Color32::from_rgb(0xf0, 0x60, 0x60),
        }
    }
}
