//! One shape per node kind, described once: a cylinder for stores, a
//! hexagon for a bus, bars for a gateway, a stacked pair for a worker, a
//! dashed box for an external system, a pill for the edge tier, … plus
//! the kind tag and the wrapped label. Every dimension of every shape is
//! here and nowhere else.

use std::borrow::Cow;
use std::f32::consts::PI;

use super::font;
use super::geometry::{self, P, R, p};
use super::palette::{EXTERNAL_DASH, Rgba};
use super::primitive::{Align, Primitive, Seg, Stroke};
use crate::model::NodeKind;

/// Font size of a box's label.
pub const LABEL_SIZE: f32 = 14.0;
/// Font size of a box's kind tag.
pub const TAG_SIZE: f32 = 8.5;
/// Outline width of a box.
pub const NODE_STROKE: f32 = 1.4;
/// How far a worker's back card is offset (right, up).
pub const WORKER_OFFSET: P = p(5.0, -5.0);
/// Width of a gateway's side bars.
const GATEWAY_BAR: f32 = 7.0;

/// Corner radius of a kind's rectangle-based shape.
fn corner_radius(kind: NodeKind, rect: R) -> f32 {
    match kind {
        NodeKind::Client => 16.0,
        NodeKind::Edge => rect.h() * 0.5,
        NodeKind::Other => 0.0,
        NodeKind::Gateway | NodeKind::Worker | NodeKind::External => 4.0,
        _ => 7.0,
    }
}

/// Height of the ellipse caps of a cylinder.
fn cap(rect: R) -> f32 {
    (rect.h() * 0.14).min(rect.w() * 0.2)
}

/// The room a kind's shape leaves for its tag and label.
#[must_use]
pub fn text_room(kind: NodeKind, rect: R) -> R {
    match kind {
        NodeKind::Database | NodeKind::Cache => R {
            min: p(rect.min.x, rect.min.y + 2.0 * cap(rect)),
            max: rect.max,
        }
        .expand2(-8.0, -2.0),
        NodeKind::Bus => rect.expand2(-geometry::hexagon_inset(rect) * 0.8, -4.0),
        NodeKind::Gateway => rect.expand2(-(GATEWAY_BAR + 5.0), -4.0),
        NodeKind::Edge => rect.expand2(-16.0, -4.0),
        _ => rect.expand2(-8.0, -4.0),
    }
}

/// The lines of a box's label, wrapped to the room its shape leaves.
#[must_use]
pub fn label_lines(kind: NodeKind, rect: R, label: &str) -> Vec<String> {
    font::wrap(label, LABEL_SIZE, text_room(kind, rect).w().max(1.0))
}

/// The area a box's drawing covers (a worker's back card reaches out of
/// its rectangle).
#[must_use]
pub fn extent(kind: NodeKind, rect: R) -> R {
    if kind == NodeKind::Worker {
        rect.union(rect.translate(WORKER_OFFSET))
    } else {
        rect
    }
}

/// Colours and outline width of one box as drawn.
#[derive(Clone, Copy, Debug)]
pub struct NodePaint {
    /// Body fill.
    pub fill: Rgba,
    /// Outline (and tag) colour.
    pub outline: Rgba,
    /// Outline width.
    pub width: f32,
}

/// The primitives of a kind's shape in `rect`. With `plain` the shape is
/// a plain rectangle (far out, where a box is a few pixels tall).
pub fn shape(out: &mut Vec<Primitive<'_>>, kind: NodeKind, rect: R, paint: NodePaint, plain: bool) {
    let stroke = Stroke::solid(paint.outline, paint.width);
    // Outlines sit inside the box: inset by half their width.
    let inner = rect.expand2(-paint.width * 0.5, -paint.width * 0.5);
    let body = |rect: R, radius: f32| Primitive::Rect {
        rect,
        radius,
        fill: Some(paint.fill),
        stroke: Some(stroke),
    };
    if plain {
        out.push(body(inner, 0.0));
        return;
    }
    let polygon = |points: Vec<P>| Primitive::Polygon {
        points,
        fill: Some(paint.fill),
        stroke: Some(stroke),
    };
    match kind {
        NodeKind::Database | NodeKind::Cache => cylinder(out, rect, paint.fill, stroke),
        NodeKind::Bus => out.push(polygon(geometry::hexagon(rect))),
        NodeKind::LoadBalancer => out.push(polygon(geometry::octagon(rect))),
        NodeKind::Storage => out.push(polygon(geometry::bucket(rect))),
        NodeKind::Outbox => {
            out.push(polygon(geometry::folded(rect)));
            let (r, t, f) = (rect.max.x, rect.min.y, geometry::fold(rect));
            out.push(Primitive::Polyline {
                points: Cow::Owned(vec![p(r - f, t), p(r - f, t + f), p(r, t + f)]),
                stroke,
            });
        }
        NodeKind::Gateway => {
            out.push(body(inner, corner_radius(kind, rect)));
            let bar = |min: P, max: P| Primitive::Rect {
                rect: R { min, max },
                radius: 3.0,
                fill: Some(paint.outline),
                stroke: None,
            };
            out.push(bar(rect.min, p(rect.min.x + GATEWAY_BAR, rect.max.y)));
            out.push(bar(p(rect.max.x - GATEWAY_BAR, rect.min.y), rect.max));
        }
        NodeKind::Worker => {
            let radius = corner_radius(kind, rect);
            out.push(body(inner.translate(WORKER_OFFSET), radius));
            out.push(body(inner, radius));
        }
        NodeKind::External => out.push(Primitive::Rect {
            rect: inner,
            radius: corner_radius(kind, rect),
            fill: Some(paint.fill),
            stroke: Some(Stroke::dashed(
                paint.outline,
                paint.width,
                Some(EXTERNAL_DASH),
            )),
        }),
        NodeKind::Edge => {
            out.push(body(inner, corner_radius(kind, rect)));
            let inset = 4.0 + paint.width * 0.3;
            out.push(Primitive::Rect {
                rect: rect.expand2(-inset, -inset),
                radius: rect.h() * 0.5 - 4.0,
                fill: None,
                stroke: Some(Stroke::solid(paint.outline, paint.width * 0.6)),
            });
        }
        _ => out.push(body(inner, corner_radius(kind, rect))),
    }
}

/// A vertical cylinder (database, cache).
fn cylinder(out: &mut Vec<Primitive<'_>>, rect: R, fill: Rgba, stroke: Stroke) {
    let (l, r, t, b) = (rect.min.x, rect.max.x, rect.min.y, rect.max.y);
    let radii = p(rect.w() * 0.5, cap(rect));
    let (top, bottom) = (
        p(rect.center().x, t + radii.y),
        p(rect.center().x, b - radii.y),
    );
    // Body: down the left side, the front of the bottom ellipse, up the
    // right side, back over the top; then the front of the top ellipse.
    out.push(Primitive::Path {
        start: p(l, top.y),
        segs: vec![
            Seg::Line(p(l, bottom.y)),
            Seg::Arc {
                center: bottom,
                radii,
                from: PI,
                to: 0.0,
            },
            Seg::Line(p(r, top.y)),
            Seg::Arc {
                center: top,
                radii,
                from: 0.0,
                to: -PI,
            },
        ],
        fill: Some(fill),
        stroke: Some(stroke),
    });
    out.push(Primitive::Path {
        start: p(r, top.y),
        segs: vec![Seg::Arc {
            center: top,
            radii,
            from: 0.0,
            to: PI,
        }],
        fill: None,
        stroke: Some(stroke),
    });
}

/// A box's kind tag (when `tag_color` is set) above its label, centred in
/// the room its shape leaves.
pub fn text<'a>(
    out: &mut Vec<Primitive<'a>>,
    kind: NodeKind,
    rect: R,
    lines: Cow<'a, [String]>,
    (text_color, tag_color): (Rgba, Option<Rgba>),
) {
    let room = text_room(kind, rect);
    let tag = kind.tag();
    let tag_color = tag_color.filter(|_| !tag.is_empty());
    let tag_height = if tag_color.is_some() {
        font::line_height(TAG_SIZE) + 1.0
    } else {
        0.0
    };
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let total = tag_height + font::line_height(LABEL_SIZE) * lines.len() as f32;

    let top = room.center().y - total * 0.5;
    let x = room.center().x;
    if let Some(color) = tag_color {
        out.push(Primitive::Text {
            lines: Cow::Owned(vec![tag.to_owned()]),
            x,
            top,
            size: TAG_SIZE,
            color,
            align: Align::Center,
        });
    }
    out.push(Primitive::Text {
        lines,
        x,
        top: top + tag_height,
        size: LABEL_SIZE,
        color: text_color,
        align: Align::Center,
    });
}

/// The outline of a kind's shape where it is not its rectangle (cylinder,
/// hexagon, cut corners, bucket, folded sheet), as a closed polygon.
#[must_use]
pub fn outline(kind: NodeKind, rect: R) -> Option<Vec<P>> {
    match kind {
        NodeKind::Database | NodeKind::Cache => {
            let radii = p(rect.w() * 0.5, cap(rect));
            let top = p(rect.center().x, rect.min.y + radii.y);
            let bottom = p(rect.center().x, rect.max.y - radii.y);
            let mut out = super::primitive::flatten_arc(top, radii, PI, 2.0 * PI);
            out.extend(super::primitive::flatten_arc(bottom, radii, 0.0, PI));
            Some(out)
        }
        NodeKind::Bus => Some(geometry::hexagon(rect)),
        NodeKind::LoadBalancer => Some(geometry::octagon(rect)),
        NodeKind::Storage => Some(geometry::bucket(rect)),
        NodeKind::Outbox => Some(geometry::folded(rect)),
        _ => None,
    }
}

/// Where a line arriving from `outside` at `end` (on the box's
/// rectangle) meets the kind's actual outline; `end` itself for
/// rectangular kinds or when the line misses the outline.
#[must_use]
pub fn clip_end(kind: NodeKind, rect: R, outside: P, end: P) -> P {
    let Some(poly) = outline(kind, rect) else {
        return end;
    };
    let d = end - outside;
    let reach = d.length();
    if reach <= 1e-3 {
        return end;
    }
    let dir = d * (1.0 / reach);
    let far = reach + rect.w() + rect.h();
    let mut best: Option<f32> = None;
    for k in 0..poly.len() {
        let (a, b) = (poly[k], poly[(k + 1) % poly.len()]);
        let e = b - a;
        let denom = dir.x * e.y - dir.y * e.x;
        if denom.abs() < 1e-6 {
            continue;
        }
        let w = a - outside;
        let t = (w.x * e.y - w.y * e.x) / denom;
        let u = (w.x * dir.y - w.y * dir.x) / denom;
        if (0.0..=1.0).contains(&u) && t > 0.0 && t <= far && best.is_none_or(|b| t < b) {
            best = Some(t);
        }
    }
    best.map_or(end, |t| outside + dir * t)
}
