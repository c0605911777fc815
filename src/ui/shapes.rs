//! Painting one node in screen space: a shape per kind (cylinder for stores,
//! hexagon for a bus, bars for a gateway, …), a kind tag and the label, so
//! the kinds are told apart at a glance.

use std::f32::consts::PI;

use egui::{Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, StrokeKind, Vec2, pos2, vec2};

use super::geometry::plain_rect;
use super::theme::CanvasTheme;
use crate::export::geometry as plain;
use crate::model::{Node, NodeKind};

/// How strongly a node or edge is drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Emphasis {
    /// Drawn normally.
    #[default]
    Normal,
    /// Under the pointer.
    Hovered,
    /// Highlighted (selected, or the current walkthrough step).
    Highlighted,
    /// Pushed back (not part of the current walkthrough step).
    Dimmed,
}

fn dim(color: Color32, emphasis: Emphasis) -> Color32 {
    if emphasis == Emphasis::Dimmed {
        color.gamma_multiply(0.28)
    } else {
        color
    }
}

/// Points along an elliptical arc from angle `from` to `to` (radians).
fn arc(center: Pos2, radius: Vec2, from: f32, to: f32, segments: usize) -> Vec<Pos2> {
    #[expect(clippy::cast_precision_loss, reason = "segment counts are small")]
    (0..=segments)
        .map(|i| {
            let t = from + (to - from) * i as f32 / segments as f32;
            center + vec2(radius.x * t.cos(), radius.y * t.sin())
        })
        .collect()
}

/// A vertical cylinder (database, cache).
fn cylinder(painter: &Painter, rect: Rect, fill: Color32, stroke: Stroke) {
    let ry = (rect.height() * 0.14).min(rect.width() * 0.2);
    let rx = rect.width() * 0.5;
    let top = pos2(rect.center().x, rect.top() + ry);
    let bottom = pos2(rect.center().x, rect.bottom() - ry);
    // Body: the front half of the bottom ellipse, up the sides, back over the top.
    let mut outline = arc(bottom, vec2(rx, ry), 0.0, PI, 24);
    outline.extend(arc(top, vec2(rx, ry), PI, 2.0 * PI, 24));
    painter.add(Shape::convex_polygon(outline.clone(), fill, Stroke::NONE));
    outline.push(outline[0]);
    painter.add(Shape::line(outline, stroke));
    painter.add(Shape::line(arc(top, vec2(rx, ry), 0.0, PI, 24), stroke));
}

/// A filled polygon from an outline of `export::geometry` (shared with the
/// SVG), on screen.
fn polygon(
    rect: Rect,
    shape: fn(plain::R) -> Vec<plain::P>,
    fill: Color32,
    stroke: Stroke,
) -> Shape {
    let points = shape(plain_rect(rect))
        .into_iter()
        .map(|q| pos2(q.x, q.y))
        .collect();
    Shape::convex_polygon(points, fill, stroke)
}

/// Paints a node into `rect` (screen space) at the given zoom.
pub fn paint_node(
    painter: &Painter,
    rect: Rect,
    node: &Node,
    theme: &CanvasTheme,
    zoom: f32,
    emphasis: Emphasis,
) {
    let (fill, outline) = theme.node_colors(node.kind);
    let (fill, outline) = (dim(fill, emphasis), dim(outline, emphasis));
    let width = match emphasis {
        Emphasis::Highlighted => 3.0,
        Emphasis::Hovered => 2.2,
        Emphasis::Normal | Emphasis::Dimmed => 1.4,
    } * zoom.max(0.5);
    let stroke = Stroke::new(width, outline);
    let radius = |r: f32| (r * zoom).clamp(0.0, 255.0);

    if emphasis == Emphasis::Highlighted {
        let glow = outline.gamma_multiply(0.25);
        painter.rect_filled(rect.expand(6.0 * zoom), radius(12.0), glow);
    }

    if zoom < SHAPE_MIN_ZOOM {
        // Far out a box is a few pixels tall: its kind shows by colour, and
        // a plain rectangle costs a fraction of a cylinder or hexagon.
        painter.rect(rect, 0.0, fill, stroke, egui::StrokeKind::Inside);
        return;
    }
    let text_rect = paint_shape(painter, rect, node.kind, fill, stroke, zoom);
    paint_node_text(painter, text_rect, node, theme, zoom, emphasis, outline);
}

/// Below this zoom nodes are drawn as plain rectangles without text (their
/// labels would be under 4 px anyway).
const SHAPE_MIN_ZOOM: f32 = 0.28;

/// Paints the kind's shape; returns the rectangle left for the text.
fn paint_shape(
    painter: &Painter,
    rect: Rect,
    kind: NodeKind,
    fill: Color32,
    stroke: Stroke,
    zoom: f32,
) -> Rect {
    let radius = |r: f32| (r * zoom).clamp(0.0, 255.0);
    let (outline, width) = (stroke.color, stroke.width);
    let mut text_rect = rect.shrink2(vec2(8.0 * zoom, 4.0 * zoom));
    match kind {
        NodeKind::Database | NodeKind::Cache => {
            cylinder(painter, rect, fill, stroke);
            let ry = (rect.height() * 0.14).min(rect.width() * 0.2);
            text_rect = Rect::from_min_max(pos2(rect.left(), rect.top() + 2.0 * ry), rect.max)
                .shrink2(vec2(8.0 * zoom, 2.0 * zoom));
        }
        NodeKind::Bus => {
            painter.add(polygon(rect, plain::hexagon, fill, stroke));
            let inset = plain::hexagon_inset(plain_rect(rect));
            text_rect = rect.shrink2(vec2(inset * 0.8, 4.0 * zoom));
        }
        NodeKind::LoadBalancer => {
            painter.add(polygon(rect, plain::octagon, fill, stroke));
        }
        NodeKind::Storage => {
            painter.add(polygon(rect, plain::bucket, fill, stroke));
        }
        NodeKind::Outbox => {
            painter.add(polygon(rect, plain::folded, fill, stroke));
            let f = plain::fold(plain_rect(rect));
            let corner = pos2(rect.right() - f, rect.top());
            painter.add(Shape::line(
                vec![corner, corner + vec2(0.0, f), corner + vec2(f, f)],
                stroke,
            ));
        }
        NodeKind::Gateway => {
            painter.rect(rect, radius(4.0), fill, stroke, StrokeKind::Inside);
            let bar = 7.0 * zoom;
            painter.rect_filled(
                Rect::from_min_size(rect.left_top(), vec2(bar, rect.height())),
                radius(3.0),
                outline,
            );
            painter.rect_filled(
                Rect::from_min_size(
                    pos2(rect.right() - bar, rect.top()),
                    vec2(bar, rect.height()),
                ),
                radius(3.0),
                outline,
            );
            text_rect = rect.shrink2(vec2(bar + 5.0 * zoom, 4.0 * zoom));
        }
        NodeKind::Worker => {
            let back = rect.translate(vec2(5.0, -5.0) * zoom);
            painter.rect(back, radius(4.0), fill, stroke, StrokeKind::Inside);
            painter.rect(rect, radius(4.0), fill, stroke, StrokeKind::Inside);
        }
        NodeKind::External => {
            painter.rect_filled(rect, radius(4.0), fill);
            let corners = [
                rect.left_top(),
                rect.right_top(),
                rect.right_bottom(),
                rect.left_bottom(),
                rect.left_top(),
            ];
            painter.extend(super::edges::dashed(&corners, stroke, (7.0, 4.0), zoom));
        }
        NodeKind::Client => {
            painter.rect(rect, radius(16.0), fill, stroke, StrokeKind::Inside);
        }
        NodeKind::Edge => {
            painter.rect(
                rect,
                radius(rect.height() / zoom * 0.5),
                fill,
                stroke,
                StrokeKind::Inside,
            );
            painter.rect_stroke(
                rect.shrink(4.0 * zoom),
                radius(rect.height() / zoom * 0.5 - 4.0),
                Stroke::new(width * 0.6, outline),
                StrokeKind::Inside,
            );
            text_rect = rect.shrink2(vec2(16.0 * zoom, 4.0 * zoom));
        }
        NodeKind::Service | NodeKind::Search => {
            painter.rect(rect, radius(7.0), fill, stroke, StrokeKind::Inside);
        }
        NodeKind::Other => {
            painter.rect(rect, 0.0, fill, stroke, StrokeKind::Inside);
        }
    }

    text_rect
}

fn paint_node_text(
    painter: &Painter,
    rect: Rect,
    node: &Node,
    theme: &CanvasTheme,
    zoom: f32,
    emphasis: Emphasis,
    tag_color: Color32,
) {
    let label_size = 14.0 * zoom;
    if label_size < 4.0 {
        return;
    }
    let text_color = dim(theme.text, emphasis);
    let mut job = egui::text::LayoutJob::simple(
        node.label.clone(),
        FontId::proportional(label_size),
        text_color,
        rect.width().max(1.0),
    );
    job.halign = egui::Align::Center;
    let label = painter.layout_job(job);
    let tag = node.kind.tag();
    let tag_galley = (!tag.is_empty() && 8.5 * zoom >= 6.0).then(|| {
        painter.layout_no_wrap(tag.to_owned(), FontId::proportional(8.5 * zoom), tag_color)
    });
    let tag_height = tag_galley.as_ref().map_or(0.0, |g| g.size().y + 1.0 * zoom);
    let total = tag_height + label.size().y;
    let top = rect.center().y - total * 0.5;
    if let Some(tag_galley) = tag_galley {
        let pos = pos2(rect.center().x - tag_galley.size().x * 0.5, top);
        painter.galley(pos, tag_galley, tag_color);
    }
    let pos = pos2(rect.center().x, top + tag_height);
    painter.galley(pos, label, text_color);
}
