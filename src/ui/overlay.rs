//! The checker's overlay on the canvas: reference nodes the drawing lacks as
//! dashed ghosts where they belong, and an "extra" badge on drawn nodes the
//! reference does not have.

use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Stroke, vec2};

use super::geometry::{self, Viewport};
use super::shapes::{Emphasis, paint_node};
use super::theme::CanvasTheme;
use crate::check::Ghost;
use crate::model::{Diagram, Node};

/// Colour of everything the overlay adds.
pub const MISSING: Color32 = Color32::from_rgb(0xe0, 0x3c, 0x31);
/// Colour of the "extra" badge.
pub const EXTRA: Color32 = Color32::from_rgb(0x8a, 0x8f, 0x98);

/// Paints a missing reference node as a faded shape in a dashed red frame
/// with a "missing" tag; one that is not `lit` (another finding is
/// selected) is a faint outline only.
pub fn paint_ghost(
    painter: &Painter,
    vp: Viewport,
    origin: Pos2,
    ghost: &Ghost,
    theme: &CanvasTheme,
    lit: bool,
) {
    let node = Node::new(&ghost.reference_node, &ghost.label, ghost.kind, ghost.pos);
    let screen = vp.screen_rect_from_canvas(origin, geometry::node_rect(&node));
    if !lit {
        painter.rect_stroke(
            screen.expand(5.0 * vp.zoom),
            4.0,
            Stroke::new(1.0, MISSING.gamma_multiply(0.25)),
            egui::StrokeKind::Outside,
        );
        return;
    }
    paint_node(painter, screen, &node, theme, vp.zoom, Emphasis::Dimmed);
    let frame = screen.expand(5.0 * vp.zoom);
    let corners = [
        frame.left_top(),
        frame.right_top(),
        frame.right_bottom(),
        frame.left_bottom(),
        frame.left_top(),
    ];
    painter.extend(super::edges::dashed(
        &corners,
        Stroke::new(2.0 * vp.zoom.max(0.6), MISSING),
        (7.0, 4.0),
        vp.zoom,
    ));
    tag(painter, frame, "MISSING", MISSING, vp.zoom);
}

/// Colour of the badge on an arrow drawn with the wrong kind.
pub const WRONG_EDGE: Color32 = Color32::from_rgb(0xe0, 0x9b, 0x12);

/// Marks an arrow the checker calls wrong: a "!" badge halfway between
/// the centres of its ends.
pub fn paint_edge_flag(painter: &Painter, vp: Viewport, origin: Pos2, diagram: &Diagram, id: &str) {
    let Some(edge) = diagram.edge(id) else {
        return;
    };
    let (Some(from), Some(to)) = (
        diagram.node(edge.from.as_str()),
        diagram.node(edge.to.as_str()),
    ) else {
        return;
    };
    let mid = Pos2::new(
        f32::midpoint(from.pos.x, to.pos.x),
        f32::midpoint(from.pos.y, to.pos.y),
    );
    let center = vp.screen_from_canvas(origin, mid);
    let radius = (9.0 * vp.zoom).clamp(6.0, 14.0);
    painter.circle(center, radius, WRONG_EDGE, Stroke::new(1.5, Color32::WHITE));
    painter.text(
        center,
        Align2::CENTER_CENTER,
        "!",
        FontId::proportional(radius * 1.4),
        Color32::WHITE,
    );
}

/// Marks a drawn node the reference has no counterpart for.
pub fn paint_extra_badge(painter: &Painter, screen: Rect, _theme: &CanvasTheme, zoom: f32) {
    tag(painter, screen.expand(2.0 * zoom), "EXTRA", EXTRA, zoom);
}

fn tag(painter: &Painter, frame: Rect, text: &str, color: Color32, zoom: f32) {
    let size = (9.0 * zoom).max(7.0);
    let galley =
        painter.layout_no_wrap(text.to_owned(), FontId::proportional(size), Color32::WHITE);
    let rect = Rect::from_min_size(
        frame.left_top() - vec2(0.0, galley.size().y + 4.0),
        galley.size() + vec2(8.0, 4.0),
    );
    painter.rect_filled(rect, 3.0, color);
    painter.text(
        rect.center(),
        Align2::CENTER_CENTER,
        text,
        FontId::proportional(size),
        Color32::WHITE,
    );
}
