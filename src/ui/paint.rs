//! Painting the scene's primitives with egui's painter, in screen space
//! through a [`Viewport`]. The only rules here are the screen's own: a
//! line never thinner than half its width, dashes never shorter than a
//! few pixels, and only the visible part of a long dashed line is cut
//! into dashes (the pattern's phase is kept, so dashes do not crawl when
//! panning).

use std::f32::consts::{FRAC_PI_2, PI};

use egui::{
    Align2, Color32, CornerRadius, FontId, Mesh, Painter, Pos2, Rect, Shape, StrokeKind, pos2,
};

use super::geometry::{Viewport, clip_segment};
use crate::scene::geometry::{P, R};
use crate::scene::primitive::flatten_arc;
use crate::scene::{Align, Primitive, Rgba, Seg, Stroke};

mod batch;

pub use batch::MeshPool;

/// A scene colour as egui's (premultiplied) colour.
#[must_use]
pub fn color(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.0, c.1, c.2, c.3)
}

/// Canvas ↔ screen for one canvas widget.
#[derive(Clone, Copy, Debug)]
pub struct Screen {
    /// Pan and zoom.
    pub vp: Viewport,
    /// The widget's top-left corner on screen.
    pub origin: Pos2,
}

impl Screen {
    fn pos(&self, q: P) -> Pos2 {
        self.vp.screen_from_canvas(self.origin, pos2(q.x, q.y))
    }

    fn rect(&self, r: R) -> Rect {
        Rect::from_min_max(self.pos(r.min), self.pos(r.max))
    }

    /// Screen pixels for a width in canvas units: scaled, never under
    /// half the width.
    fn width(&self, w: f32) -> f32 {
        w * self.vp.zoom.max(0.5)
    }

    fn stroke(&self, s: &Stroke) -> egui::Stroke {
        egui::Stroke::new(self.width(s.width), color(s.color))
    }

    /// A dash pattern in pixels.
    fn dash(&self, (dash, gap): (f32, f32)) -> (f32, f32) {
        (
            (dash * self.vp.zoom).max(2.0),
            (gap * self.vp.zoom).max(3.0),
        )
    }
}

/// Paints `primitives` in order: [`paint_pooled`] for a few shapes, with
/// no meshes kept.
pub fn paint(painter: &Painter, screen: Screen, primitives: &[Primitive<'_>]) {
    paint_pooled(painter, screen, primitives, &mut MeshPool::default());
}

/// Paints `primitives` in order. Far out (where the scene draws plain
/// boxes and solid lines) runs of rectangles, lines and arrowheads go into
/// one mesh from `pool`: tens of thousands of shapes a few pixels big
/// tessellated one by one would take most of a frame.
pub fn paint_pooled(
    painter: &Painter,
    screen: Screen,
    primitives: &[Primitive<'_>],
    pool: &mut MeshPool,
) {
    if screen.vp.zoom >= crate::scene::SHAPE_MIN_ZOOM {
        pool.clear();
        for prim in primitives {
            paint_one(painter, screen, prim);
        }
        return;
    }
    batch::paint_far_out(painter, screen, primitives, pool);
}

fn paint_one(painter: &Painter, screen: Screen, prim: &Primitive<'_>) {
    match prim {
        Primitive::Rect {
            rect,
            radius,
            fill,
            stroke,
        } => paint_rect(painter, screen, (*rect, *radius), *fill, stroke.as_ref()),
        Primitive::Polygon {
            points,
            fill,
            stroke,
        } => {
            let pts: Vec<Pos2> = points.iter().map(|q| screen.pos(*q)).collect();
            filled(painter, screen, pts, *fill, stroke.as_ref());
        }
        Primitive::Polyline { points, stroke } => {
            let pts: Vec<Pos2> = points.iter().map(|q| screen.pos(*q)).collect();
            polyline(painter, screen, &pts, stroke);
        }
        Primitive::Path {
            start,
            segs,
            fill,
            stroke,
        } => {
            let mut pts = vec![screen.pos(*start)];
            for seg in segs {
                match *seg {
                    Seg::Line(q) => pts.push(screen.pos(q)),
                    Seg::Arc {
                        center,
                        radii,
                        from,
                        to,
                    } => pts.extend(
                        flatten_arc(center, radii, from, to)
                            .into_iter()
                            .skip(1)
                            .map(|q| screen.pos(q)),
                    ),
                }
            }
            if fill.is_some() {
                filled(painter, screen, pts, *fill, stroke.as_ref());
            } else if let Some(s) = stroke {
                polyline(painter, screen, &pts, s);
            }
        }
        Primitive::Text {
            lines,
            x,
            top,
            size,
            color: c,
            align,
        } => paint_text(painter, screen, lines, (*x, *top), *size, *c, *align),
    }
}

fn paint_rect(
    painter: &Painter,
    screen: Screen,
    (rect, radius): (R, f32),
    fill: Option<Rgba>,
    stroke: Option<&Stroke>,
) {
    let r = screen.rect(rect);
    let radius = (radius * screen.vp.zoom)
        .min(r.width() * 0.5)
        .min(r.height() * 0.5)
        .clamp(0.0, 255.0);
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "clamped to 0..=255"
    )]
    let corner = CornerRadius::same(radius.round() as u8);
    let fill = fill.map_or(Color32::TRANSPARENT, color);
    match stroke {
        Some(s) if s.dash.is_some() => {
            if fill != Color32::TRANSPARENT {
                painter.rect_filled(r, corner, fill);
            }
            let outline = rounded_outline(r, radius);
            dashed_line(painter, screen, &outline, s, 0.0);
        }
        Some(s) => {
            painter.rect(r, corner, fill, screen.stroke(s), StrokeKind::Middle);
        }
        None => {
            painter.rect_filled(r, corner, fill);
        }
    }
}

fn paint_text(
    painter: &Painter,
    screen: Screen,
    lines: &[String],
    (x, top): (f32, f32),
    size: f32,
    c: Rgba,
    align: Align,
) {
    let px = size * screen.vp.zoom;
    let line_height = crate::scene::font::line_height(size) * screen.vp.zoom;
    let anchor = match align {
        Align::Left => Align2::LEFT_TOP,
        Align::Center => Align2::CENTER_TOP,
    };
    let at = screen.pos(P { x, y: top });
    for (i, line) in lines.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a few lines")]
        let y = at.y + line_height * i as f32;
        painter.text(
            pos2(at.x, y),
            anchor,
            line,
            FontId::proportional(px),
            color(c),
        );
    }
}

/// A filled convex outline with an optional (possibly dashed) stroke.
fn filled(
    painter: &Painter,
    screen: Screen,
    pts: Vec<Pos2>,
    fill: Option<Rgba>,
    stroke: Option<&Stroke>,
) {
    let fill = fill.map_or(Color32::TRANSPARENT, color);
    match stroke {
        Some(s) if s.dash.is_some() => {
            let mut closed = pts.clone();
            closed.push(pts[0]);
            if fill != Color32::TRANSPARENT {
                painter.add(Shape::convex_polygon(pts, fill, egui::Stroke::NONE));
            }
            dashed_line(painter, screen, &closed, s, 0.0);
        }
        Some(s) => {
            painter.add(Shape::convex_polygon(pts, fill, screen.stroke(s)));
        }
        None => {
            painter.add(Shape::convex_polygon(pts, fill, egui::Stroke::NONE));
        }
    }
}

/// An open line: solid, or dashed with only its visible part cut.
fn polyline(painter: &Painter, screen: Screen, pts: &[Pos2], stroke: &Stroke) {
    if pts.len() < 2 {
        return;
    }
    if stroke.dash.is_some() {
        dashed_line(painter, screen, pts, stroke, 0.0);
    } else if pts.len() == 2 {
        let margin = 24.0 * screen.vp.zoom.max(1.0);
        if let Some(seg) = clip_segment([pts[0], pts[1]], painter.clip_rect().expand(margin)) {
            painter.line_segment(seg, screen.stroke(stroke));
        }
    } else {
        painter.add(Shape::line(pts.to_vec(), screen.stroke(stroke)));
    }
}

/// A dashed line through `pts`, segment by segment, each clipped to the
/// view; the pattern runs on from `start` pixels before the first point.
/// All its dashes go into one mesh of feathered quads (egui's own dashed
/// line makes a shape per dash, and a long dotted arrow has hundreds).
fn dashed_line(painter: &Painter, screen: Screen, pts: &[Pos2], stroke: &Stroke, start: f32) {
    let Some(pattern) = stroke.dash else {
        return;
    };
    let (dash, gap) = screen.dash(pattern);
    let period = dash + gap;
    let width = screen.width(stroke.width);
    let c = color(stroke.color);
    let view = painter.clip_rect().expand(24.0 * screen.vp.zoom.max(1.0));
    // The parts in view first: the mesh is sized once, not dash by dash.
    let (mut parts, mut along) = (Vec::new(), start);
    for w in pts.windows(2) {
        if let Some([from, to]) = clip_segment([w[0], w[1]], view) {
            parts.push((from, to, from.distance(to), along + from.distance(w[0])));
        }
        along += w[0].distance(w[1]);
    }
    let mut mesh = Mesh::default();
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "dash counts"
    )]
    let dashes = parts.iter().map(|part| part.2 / period + 2.0).sum::<f32>() as usize;
    mesh.reserve_vertices(8 * dashes);
    mesh.reserve_triangles(6 * dashes);
    for (from, to, seg, at) in parts.into_iter().filter(|part| part.2 > 1e-3) {
        let dir = (to - from) / seg;
        // Where the first dash starts, relative to `from`.
        let mut t = -at.rem_euclid(period);
        while t < seg {
            let (t0, t1) = (t.max(0.0), (t + dash).min(seg));
            if t1 > t0 {
                feathered(&mut mesh, from + dir * t0, from + dir * t1, width, c);
            }
            t += period;
        }
    }
    if !mesh.is_empty() {
        painter.add(Shape::mesh(mesh));
    }
}

/// A segment `w` pixels wide with a one-pixel soft edge, as egui's
/// tessellator feathers its lines.
fn feathered(mesh: &mut Mesh, a: Pos2, b: Pos2, w: f32, c: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 1e-3 {
        return;
    }
    let n = egui::vec2(-d.y, d.x) / len;
    let (inner, outer) = ((w * 0.5 - 0.5).max(0.0), w * 0.5 + 0.5);
    // Thinner than a pixel: fainter rather than thinner.
    let c = if w < 1.0 { c.gamma_multiply(w) } else { c };
    let base = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    for end in [a, b] {
        mesh.colored_vertex(end + n * outer, Color32::TRANSPARENT);
        mesh.colored_vertex(end + n * inner, c);
        mesh.colored_vertex(end - n * inner, c);
        mesh.colored_vertex(end - n * outer, Color32::TRANSPARENT);
    }
    for k in 0..3 {
        let (p0, p1) = (base + k, base + k + 1);
        let (q0, q1) = (base + 4 + k, base + 4 + k + 1);
        mesh.add_triangle(p0, p1, q1);
        mesh.add_triangle(p0, q1, q0);
    }
}

/// The outline of a rounded rectangle, closed, in screen space.
fn rounded_outline(r: Rect, radius: f32) -> Vec<Pos2> {
    if radius < 0.5 {
        return vec![
            r.left_top(),
            r.right_top(),
            r.right_bottom(),
            r.left_bottom(),
            r.left_top(),
        ];
    }
    let corner = |c: Pos2, from: f32| {
        flatten_arc(
            P { x: c.x, y: c.y },
            P {
                x: radius,
                y: radius,
            },
            from,
            from + FRAC_PI_2,
        )
        .into_iter()
        .map(|q| pos2(q.x, q.y))
    };
    let mut out: Vec<Pos2> = Vec::with_capacity(24);
    out.extend(corner(
        pos2(r.right() - radius, r.top() + radius),
        -FRAC_PI_2,
    ));
    out.extend(corner(pos2(r.right() - radius, r.bottom() - radius), 0.0));
    out.extend(corner(
        pos2(r.left() + radius, r.bottom() - radius),
        FRAC_PI_2,
    ));
    out.extend(corner(pos2(r.left() + radius, r.top() + radius), PI));
    out.push(out[0]);
    out
}
