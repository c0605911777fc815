//! Node shapes in SVG, one per kind as on the canvas (cylinder for stores,
//! hexagon for a bus, bars for a gateway, …), with the kind tag and the
//! wrapped label.

use std::fmt::Write as _;

use super::font;
use super::geometry::{self, R, node_rect, p};
use super::palette::{self, Rgba};
use super::writer::{Canvas, N, fill, stroke};
use crate::model::{Node, NodeKind};

const LABEL_SIZE: f32 = 14.0;
const TAG_SIZE: f32 = 8.5;
const NODE_STROKE: f32 = 1.4;

/// Colours and stroke of one node, and its rectangle.
struct Paint {
    rect: R,
    fill: Rgba,
    outline: Rgba,
    /// `fill=… stroke=… stroke-width=…` for the body.
    body: String,
}

/// Paints a node's shape and text.
pub fn node_shape(canvas: &mut Canvas, node: &Node) {
    let rect = node_rect(node);
    let (fill_color, outline) = palette::node_colors(node.kind);
    let paint = Paint {
        rect,
        fill: fill_color,
        outline,
        body: format!("{} {}", fill(fill_color), stroke(outline, NODE_STROKE)),
    };
    let text_rect = match node.kind {
        NodeKind::Database | NodeKind::Cache => cylinder(canvas, &paint),
        NodeKind::Bus | NodeKind::LoadBalancer | NodeKind::Storage | NodeKind::Outbox => {
            polygon_shape(canvas, node.kind, &paint)
        }
        _ => box_shape(canvas, node.kind, &paint),
    };
    canvas.grow(rect);
    node_text(canvas, node, text_rect, outline);
}

/// A vertical cylinder (database, cache); returns the room for text.
fn cylinder(canvas: &mut Canvas, paint: &Paint) -> R {
    let rect = paint.rect;
    let (l, r, t, b) = (rect.min.x, rect.max.x, rect.min.y, rect.max.y);
    let ry = (rect.h() * 0.14).min(rect.w() * 0.2);
    let rx = rect.w() * 0.5;
    let (ty, by) = (t + ry, b - ry);
    // Body: down the left side, the front of the bottom ellipse, up the
    // right side, back over the top; then the front of the top ellipse.
    let _ = writeln!(
        canvas.body,
        "<path d=\"M{l},{ty} L{l},{by} A{rx},{ry} 0 0 0 {r},{by} L{r},{ty} A{rx},{ry} 0 0 0 {l},{ty} Z\" {}/>",
        paint.body,
        l = N(l),
        r = N(r),
        ty = N(ty),
        by = N(by),
        rx = N(rx),
        ry = N(ry),
    );
    let _ = writeln!(
        canvas.body,
        "<path d=\"M{r},{ty} A{rx},{ry} 0 0 1 {l},{ty}\" fill=\"none\" {}/>",
        stroke(paint.outline, NODE_STROKE),
        l = N(l),
        r = N(r),
        ty = N(ty),
        rx = N(rx),
        ry = N(ry),
    );
    R {
        min: p(l, t + 2.0 * ry),
        max: p(r, b),
    }
    .expand2(-8.0, -2.0)
}

/// Hexagon (bus), cut corners (load balancer), bucket (storage), folded
/// sheet (outbox); returns the room for text.
fn polygon_shape(canvas: &mut Canvas, kind: NodeKind, paint: &Paint) -> R {
    let rect = paint.rect;
    match kind {
        NodeKind::Bus => {
            canvas.polygon(&geometry::hexagon(rect), &paint.body);
            rect.expand2(-geometry::hexagon_inset(rect) * 0.8, -4.0)
        }
        NodeKind::LoadBalancer => {
            canvas.polygon(&geometry::octagon(rect), &paint.body);
            rect.expand2(-8.0, -4.0)
        }
        NodeKind::Storage => {
            canvas.polygon(&geometry::bucket(rect), &paint.body);
            rect.expand2(-8.0, -4.0)
        }
        _ => {
            canvas.polygon(&geometry::folded(rect), &paint.body);
            let (r, t, f) = (rect.max.x, rect.min.y, geometry::fold(rect));
            canvas.polyline(
                &[p(r - f, t), p(r - f, t + f), p(r, t + f)],
                &stroke(paint.outline, NODE_STROKE),
            );
            rect.expand2(-8.0, -4.0)
        }
    }
}

/// The rectangle-based shapes; returns the room for text.
fn box_shape(canvas: &mut Canvas, kind: NodeKind, paint: &Paint) -> R {
    let rect = paint.rect;
    // Strokes sit inside the box on the canvas; inset by half the width.
    let inner = rect.expand2(-NODE_STROKE * 0.5, -NODE_STROKE * 0.5);
    let body = paint.body.as_str();
    let mut text_rect = rect.expand2(-8.0, -4.0);
    match kind {
        NodeKind::Gateway => {
            canvas.rect(inner, 4.0, body);
            let bar = 7.0;
            let bar_fill = fill(paint.outline);
            let left = R {
                min: rect.min,
                max: p(rect.min.x + bar, rect.max.y),
            };
            let right = R {
                min: p(rect.max.x - bar, rect.min.y),
                max: rect.max,
            };
            canvas.rect(left, 3.0, &bar_fill);
            canvas.rect(right, 3.0, &bar_fill);
            text_rect = rect.expand2(-(bar + 5.0), -4.0);
        }
        NodeKind::Worker => {
            canvas.rect(inner.translate(p(5.0, -5.0)), 4.0, body);
            canvas.rect(inner, 4.0, body);
        }
        NodeKind::External => {
            let dashed = format!(
                "{} {} stroke-dasharray=\"7 4\"",
                fill(paint.fill),
                stroke(paint.outline, NODE_STROKE)
            );
            canvas.rect(inner, 4.0, &dashed);
        }
        NodeKind::Client => canvas.rect(inner, 16.0, body),
        NodeKind::Edge => {
            canvas.rect(inner, rect.h() * 0.5, body);
            let ring = format!("fill=\"none\" {}", stroke(paint.outline, NODE_STROKE * 0.6));
            let inset = 4.0 + NODE_STROKE * 0.3;
            canvas.rect(rect.expand2(-inset, -inset), rect.h() * 0.5 - 4.0, &ring);
            text_rect = rect.expand2(-16.0, -4.0);
        }
        NodeKind::Other => canvas.rect(inner, 0.0, body),
        _ => canvas.rect(inner, 7.0, body),
    }
    text_rect
}

fn node_text(canvas: &mut Canvas, node: &Node, rect: R, tag_color: Rgba) {
    let lines = font::wrap(&node.label, LABEL_SIZE, rect.w().max(1.0));
    let tag = node.kind.tag();
    let tag_height = if tag.is_empty() {
        0.0
    } else {
        font::line_height(TAG_SIZE) + 1.0
    };
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let total = tag_height + font::line_height(LABEL_SIZE) * lines.len() as f32;
    let top = rect.center().y - total * 0.5;
    if !tag.is_empty() {
        canvas.text_lines(&[tag.to_owned()], rect.center().x, top, TAG_SIZE, tag_color);
    }
    canvas.text_lines(
        &lines,
        rect.center().x,
        top + tag_height,
        LABEL_SIZE,
        palette::TEXT,
    );
}
