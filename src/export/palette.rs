//! The canvas' light-theme colours as plain RGB, for pictures and Mermaid
//! class definitions. They mirror `ui::theme::CanvasTheme::new(false)`
//! (which needs egui); `tests/export.rs` fails if the two drift apart.

use crate::model::{EdgeKind, NodeKind};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub u8, pub u8, pub u8, pub u8);

impl Rgba {
    /// An opaque colour.
    #[must_use]
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Self(r, g, b, 0xff)
    }

    /// `#rrggbb`, ignoring alpha.
    #[must_use]
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Alpha as a fraction in `0..=1`.
    #[must_use]
    pub fn opacity(self) -> f32 {
        f32::from(self.3) / 255.0
    }
}

/// Canvas background.
pub const BACKGROUND: Rgba = Rgba::rgb(0xfa, 0xfa, 0xf7);
/// Label text inside boxes.
pub const TEXT: Rgba = Rgba::rgb(0x1e, 0x22, 0x28);
/// Background behind edge labels.
pub const LABEL_BACKGROUND: Rgba = Rgba(0xfa, 0xfa, 0xf7, 0xeb);
/// Boundary container stroke and title.
pub const BOUNDARY: Rgba = Rgba::rgb(0x7a, 0x84, 0x94);
/// Boundary container fill. (The canvas' premultiplied fill saturates to
/// near-white over its background; a faint cool grey reads the same and
/// still shows nesting.)
pub const BOUNDARY_FILL: Rgba = Rgba(0xe4, 0xe8, 0xee, 0x80);

/// Fill and outline of a node kind (light theme).
#[must_use]
pub const fn node_colors(kind: NodeKind) -> (Rgba, Rgba) {
    let (fill, stroke) = match kind {
        NodeKind::Client => ((0xe8, 0xf0, 0xfe), (0x3b, 0x6f, 0xd8)),
        NodeKind::Edge => ((0xe3, 0xf6, 0xf8), (0x17, 0x8f, 0xa3)),
        NodeKind::LoadBalancer => ((0xea, 0xf0, 0xf4), (0x4f, 0x6d, 0x84)),
        NodeKind::Gateway => ((0xf1, 0xe8, 0xfd), (0x7b, 0x4b, 0xd1)),
        NodeKind::Service => ((0xff, 0xff, 0xff), (0x45, 0x4d, 0x59)),
        NodeKind::Database => ((0xe6, 0xf4, 0xea), (0x2e, 0x8b, 0x57)),
        NodeKind::Cache => ((0xfd, 0xe8, 0xe6), (0xc8, 0x3a, 0x2e)),
        NodeKind::Bus => ((0xff, 0xf3, 0xdc), (0xc7, 0x7c, 0x02)),
        NodeKind::Worker => ((0xf3, 0xf1, 0xe9), (0x7d, 0x6b, 0x3a)),
        NodeKind::External => ((0xf4, 0xf4, 0xf4), (0x6b, 0x6b, 0x6b)),
        NodeKind::Outbox => ((0xfb, 0xf0, 0xe0), (0xa0, 0x62, 0x1a)),
        NodeKind::Storage => ((0xe9, 0xf3, 0xe3), (0x5b, 0x8a, 0x2e)),
        NodeKind::Search => ((0xfc, 0xeb, 0xf5), (0xb0, 0x3c, 0x83)),
        NodeKind::Other => ((0xf7, 0xf7, 0xf7), (0x80, 0x80, 0x80)),
    };
    (
        Rgba::rgb(fill.0, fill.1, fill.2),
        Rgba::rgb(stroke.0, stroke.1, stroke.2),
    )
}

/// Colour of an edge kind (light theme).
#[must_use]
pub const fn edge_color(kind: EdgeKind) -> Rgba {
    match kind {
        EdgeKind::Sync => Rgba::rgb(0x33, 0x3a, 0x44),
        EdgeKind::Async => Rgba::rgb(0xb8, 0x6e, 0x00),
        EdgeKind::Data => Rgba::rgb(0x2e, 0x8b, 0x57),
        EdgeKind::Compensation => Rgba::rgb(0xc8, 0x2a, 0x2a),
    }
}

/// Dash pattern of an edge kind (dash, gap) in canvas units, as the canvas
/// draws it; `None` for a solid line.
#[must_use]
pub const fn edge_dash(kind: EdgeKind) -> Option<(f32, f32)> {
    match kind {
        EdgeKind::Sync => None,
        EdgeKind::Async => Some((8.0, 5.0)),
        EdgeKind::Data => Some((2.5, 3.5)),
        EdgeKind::Compensation => Some((12.0, 4.0)),
    }
}
