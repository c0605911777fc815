//! Every colour of a drawing, for the light and the dark theme, as plain
//! sRGB: node kinds, edge kinds, boundaries, text, the canvas background
//! and its grid, the checker's overlay. The canvas converts these to egui
//! colours, the SVG writes them, Mermaid's `classDef`s use the light ones;
//! nothing else holds a colour of the drawing.

use crate::model::{EdgeKind, NodeKind};

/// An sRGB colour with straight (not premultiplied) alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
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

    /// The same colour with its opacity multiplied by `k` (`0..=1`): how
    /// parts of a drawing are dimmed or made translucent.
    #[must_use]
    pub fn faded(self, k: f32) -> Self {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to 0..=255"
        )]
        let alpha = (f32::from(self.3) * k.clamp(0.0, 1.0)).round() as u8;
        Self(self.0, self.1, self.2, alpha)
    }
}

impl Rgba {
    /// This colour with `k` (`0..=1`) of `other` mixed in (opacity kept).
    #[must_use]
    pub fn mix(self, other: Self, k: f32) -> Self {
        let k = k.clamp(0.0, 1.0);
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "a blend of two bytes stays in 0..=255"
        )]
        let blend = |a: u8, b: u8| (f32::from(a) * (1.0 - k) + f32::from(b) * k).round() as u8;
        Self(
            blend(self.0, other.0),
            blend(self.1, other.1),
            blend(self.2, other.2),
            self.3,
        )
    }
}

/// Which palette: the canvas follows egui's mode, pictures are light.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Dark text on a near-white background (the canvas' light mode and
    /// every exported picture).
    #[default]
    Light,
    /// Light text on a near-black background.
    Dark,
}

/// The colours of one theme that are not per kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// The theme these colours belong to.
    pub theme: Theme,
    /// Canvas background (and a picture's).
    pub background: Rgba,
    /// Grid dots of the canvas.
    pub grid: Rgba,
    /// Label text inside boxes.
    pub text: Rgba,
    /// Secondary text (hints, dimmed labels).
    pub weak_text: Rgba,
    /// Background behind edge labels.
    pub label_background: Rgba,
    /// Boundary container stroke and title.
    pub boundary: Rgba,
    /// Boundary container fill.
    pub boundary_fill: Rgba,
    /// Selection accents: the rubber band, a selected boundary.
    pub selection: Rgba,
}

/// The light theme: the canvas in light mode and every exported picture.
pub const LIGHT: Palette = Palette {
    theme: Theme::Light,
    background: Rgba::rgb(0xfa, 0xfa, 0xf7),
    grid: Rgba::rgb(0xe2, 0xe2, 0xdc),
    text: Rgba::rgb(0x1e, 0x22, 0x28),
    weak_text: Rgba::rgb(0x5c, 0x63, 0x6e),
    label_background: Rgba(0xfa, 0xfa, 0xf7, 0xeb),
    boundary: Rgba::rgb(0x7a, 0x84, 0x94),
    // A faint cool grey: reads as a container and still shows nesting.
    boundary_fill: Rgba(0xe4, 0xe8, 0xee, 0x80),
    selection: Rgba::rgb(0x25, 0x63, 0xeb),
};

/// The dark theme.
pub const DARK: Palette = Palette {
    theme: Theme::Dark,
    background: Rgba::rgb(0x1c, 0x1f, 0x24),
    grid: Rgba::rgb(0x2c, 0x30, 0x37),
    text: Rgba::rgb(0xee, 0xee, 0xee),
    weak_text: Rgba::rgb(0xa8, 0xad, 0xb5),
    label_background: Rgba(0x1c, 0x1f, 0x24, 0xe6),
    boundary: Rgba::rgb(0x8a, 0x93, 0xa3),
    boundary_fill: Rgba(0x3a, 0x40, 0x4a, 0x60),
    selection: Rgba::rgb(0x6a, 0xa6, 0xff),
};

/// Canvas background of the light theme (the background of pictures).
pub const BACKGROUND: Rgba = LIGHT.background;
/// Label text inside boxes (light theme).
pub const TEXT: Rgba = LIGHT.text;
/// Background behind edge labels (light theme).
pub const LABEL_BACKGROUND: Rgba = LIGHT.label_background;
/// Boundary container stroke and title (light theme).
pub const BOUNDARY: Rgba = LIGHT.boundary;
/// Boundary container fill (light theme).
pub const BOUNDARY_FILL: Rgba = LIGHT.boundary_fill;

/// Everything the checker's overlay adds: ghosts of missing boxes.
pub const MISSING: Rgba = Rgba::rgb(0xe0, 0x3c, 0x31);
/// Ghosts of optional parts (only notes name them) and their tag: a
/// neutral slate blue, not an alarm.
pub const OPTIONAL: Rgba = Rgba::rgb(0x6b, 0x7f, 0x99);
/// The "extra" badge on boxes the reference does not have.
pub const EXTRA: Rgba = Rgba::rgb(0x8a, 0x8f, 0x98);
/// The badge on an arrow drawn with the wrong kind.
pub const WRONG_EDGE: Rgba = Rgba::rgb(0xe0, 0x9b, 0x12);
/// Text on the overlay's badges.
pub const BADGE_TEXT: Rgba = Rgba::rgb(0xff, 0xff, 0xff);

impl Palette {
    /// The palette of a theme.
    #[must_use]
    pub const fn of(theme: Theme) -> Self {
        match theme {
            Theme::Light => LIGHT,
            Theme::Dark => DARK,
        }
    }

    /// Fill and outline of a node kind in this theme (outlines are the
    /// same in both; dark fills are deep tints of the same hue).
    #[must_use]
    pub const fn node_colors(&self, kind: NodeKind) -> (Rgba, Rgba) {
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
        let fill = match self.theme {
            Theme::Light => light_fill,
            Theme::Dark => dark_fill,
        };
        (
            Rgba::rgb(fill.0, fill.1, fill.2),
            Rgba::rgb(stroke.0, stroke.1, stroke.2),
        )
    }

    /// Colour of an edge kind in this theme.
    #[must_use]
    pub const fn edge_color(&self, kind: EdgeKind) -> Rgba {
        let dark = matches!(self.theme, Theme::Dark);
        match (kind, dark) {
            (EdgeKind::Sync, false) => Rgba::rgb(0x33, 0x3a, 0x44),
            (EdgeKind::Sync, true) => Rgba::rgb(0xc8, 0xcc, 0xd2),
            (EdgeKind::Async, false) => Rgba::rgb(0xb8, 0x6e, 0x00),
            (EdgeKind::Async, true) => Rgba::rgb(0xf0, 0xa8, 0x30),
            (EdgeKind::Data, false) => Rgba::rgb(0x2e, 0x8b, 0x57),
            (EdgeKind::Data, true) => Rgba::rgb(0x5c, 0xc0, 0x84),
            (EdgeKind::Compensation, false) => Rgba::rgb(0xc8, 0x2a, 0x2a),
            (EdgeKind::Compensation, true) => Rgba::rgb(0xf0, 0x60, 0x60),
        }
    }
}

/// Fill and outline of a node kind (light theme).
#[must_use]
pub const fn node_colors(kind: NodeKind) -> (Rgba, Rgba) {
    LIGHT.node_colors(kind)
}

/// Colour of an edge kind (light theme).
#[must_use]
pub const fn edge_color(kind: EdgeKind) -> Rgba {
    LIGHT.edge_color(kind)
}

/// Dash pattern of an edge kind (dash, gap) in canvas units; `None` for a
/// solid line.
#[must_use]
pub const fn edge_dash(kind: EdgeKind) -> Option<(f32, f32)> {
    match kind {
        EdgeKind::Sync => None,
        EdgeKind::Async => Some((8.0, 5.0)),
        EdgeKind::Data => Some((2.5, 3.5)),
        EdgeKind::Compensation => Some((12.0, 4.0)),
    }
}

/// Dash pattern of a self-loop that is not a sync call.
pub const SELF_LOOP_DASH: (f32, f32) = (6.0, 4.0);
/// Dash pattern of a boundary container's outline.
pub const BOUNDARY_DASH: (f32, f32) = (9.0, 5.0);
/// Dash pattern of an external system's outline.
pub const EXTERNAL_DASH: (f32, f32) = (7.0, 4.0);

/// The simulator's colours: utilisation heat of a box, failed and
/// degraded request paths.
pub mod sim {
    use super::Rgba;

    /// Under 70 % of capacity.
    pub const COOL: Rgba = Rgba::rgb(0x3c, 0xa0, 0x5a);
    /// 70–100 %: latency climbs.
    pub const WARM: Rgba = Rgba::rgb(0xe0, 0x9b, 0x12);
    /// At or over capacity.
    pub const SATURATED: Rgba = Rgba::rgb(0xe0, 0x3c, 0x31);
    /// Draining a growing backlog.
    pub const BUFFERING: Rgba = Rgba::rgb(0x4a, 0x8c, 0xe0);
    /// No traffic.
    pub const IDLE: Rgba = Rgba::rgb(0x8a, 0x8f, 0x98);
    /// Taken down.
    pub const DOWN: Rgba = Rgba::rgb(0x60, 0x60, 0x66);
    /// Arrows of failed request paths.
    pub const FAILED: Rgba = Rgba::rgb(0xe0, 0x3c, 0x31);
    /// Arrows of degraded request paths.
    pub const DEGRADED: Rgba = Rgba::rgb(0xe0, 0x9b, 0x12);
}
