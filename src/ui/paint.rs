//! Painting the scene's primitives with egui's painter, in screen space
//! through a [`Viewport`]. The only rules here are the screen's own: a
//! line never thinner than half its width, dashes never shorter than a
//! few pixels, and only the visible part of a long dashed line is cut
//! into dashes (the pattern's phase is kept, so dashes do not crawl when
//! panning).

use std::f32::consts::{FRAC_PI_2, PI};
use std::sync::Arc;

use egui::{
    Align2, Color32, CornerRadius, FontId, Mesh, Painter, Pos2, Rect, Shape, StrokeKind, pos2,
};

use super::geometry::{Viewport, clip_segment};
use crate::scene::geometry::{P, R};
use crate::scene::primitive::flatten_arc;
use crate::scene::{Align, Primitive, Rgba, Seg, Stroke};

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

/// The meshes far-out frames batch into, kept from frame to frame: egui
/// lets go of last frame's once it has tessellated them, and refilling
/// them saves asking the system for a few megabytes of fresh pages every
/// frame (a fifth of the frame of 10,000 boxes in view). Close up there
/// is nothing to keep and the pool is emptied.
#[derive(Clone, Debug, Default)]
pub struct MeshPool(Vec<Arc<Mesh>>);

impl PartialEq for MeshPool {
    /// A cache: any two are alike.
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl MeshPool {
    /// Where the kept meshes are (tests tell a refill from a new mesh).
    #[cfg(test)]
    pub(crate) fn pointers(&self) -> Vec<*const Mesh> {
        self.0.iter().map(Arc::as_ptr).collect()
    }

    /// The `k`-th mesh of this frame, empty, its room kept when egui no
    /// longer holds it.
    fn take(&mut self, k: usize) -> &mut Arc<Mesh> {
        if k >= self.0.len() {
            self.0.push(Arc::default());
        }
        let slot = &mut self.0[k];
        match Arc::get_mut(slot) {
            Some(mesh) => mesh.clear(),
            None => *slot = Arc::default(),
        }
        slot
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
        pool.0.clear();
        for prim in primitives {
            paint_one(painter, screen, prim);
        }
        return;
    }
    let view = painter.clip_rect();
    let (mut k, mut used) = (0, 0);
    while k < primitives.len() {
        let (run, vertices, triangles) = run_size(&primitives[k..]);
        if run == 0 {
            paint_one(painter, screen, &primitives[k]);
            k += 1;
            continue;
        }
        let slot = pool.take(used);
        used += 1;
        if let Some(mesh) = Arc::get_mut(slot) {
            // Room for the whole run at once: growing a mesh of a few
            // hundred thousand vertices step by step copies it again and
            // again (a tenth of a frame at 10,000 boxes).
            mesh.reserve_vertices(vertices);
            mesh.reserve_triangles(triangles);
            for prim in &primitives[k..k + run] {
                batch(mesh, screen, view, prim);
            }
        }
        if !slot.is_empty() {
            painter.add(Shape::Mesh(Arc::clone(slot)));
        }
        k += run;
    }
    pool.0.truncate(used);
}

/// How many primitives at the start of `primitives` [`batch`] takes, and
/// the most vertices and triangles it adds for them.
fn run_size(primitives: &[Primitive<'_>]) -> (usize, usize, usize) {
    let mut size = (0, 0, 0);
    for prim in primitives {
        let (v, t) = match prim {
            Primitive::Rect { stroke, .. } if stroke.is_some_and(|s| s.dash.is_some()) => break,
            // A quad for the fill, one under it for the outline; four
            // for an outline alone.
            Primitive::Rect { fill, stroke, .. } => match (fill, stroke) {
                (Some(_), Some(_)) => (8, 4),
                (Some(_), None) => (4, 2),
                (None, Some(_)) => (16, 8),
                (None, None) => (0, 0),
            },
            Primitive::Polyline { points, stroke } if stroke.dash.is_none() => {
                let segments = points.len().saturating_sub(1);
                (4 * segments, 2 * segments)
            }
            Primitive::Polygon { stroke, .. } if stroke.is_some_and(|s| s.dash.is_some()) => break,
            // The fill's fan, a quad per side for the outline.
            Primitive::Polygon {
                points,
                fill,
                stroke,
            } => {
                let n = points.len();
                let fan = if fill.is_some() {
                    (n, n.saturating_sub(2))
                } else {
                    (0, 0)
                };
                let outline = if stroke.is_some() {
                    (4 * n, 2 * n)
                } else {
                    (0, 0)
                };
                (fan.0 + outline.0, fan.1 + outline.1)
            }
            _ => break,
        };
        size = (size.0 + 1, size.1 + v, size.2 + t);
    }
    size
}

/// Adds a simple primitive to `mesh` (no anti-aliasing: far out, a line is
/// a pixel wide); nothing for what needs the painter (text, dashes, arcs),
/// which [`run_size`] leaves out of a run.
fn batch(mesh: &mut Mesh, screen: Screen, view: Rect, prim: &Primitive<'_>) {
    let px = |w: f32| screen.width(w).max(1.0);
    match prim {
        Primitive::Rect {
            rect, fill, stroke, ..
        } => {
            let r = screen.rect(*rect);
            if !r.intersects(view) {
                return;
            }
            // An outline `w` wide: the outline colour, the fill inset by
            // `w` over it (two quads rather than five).
            match (fill, stroke) {
                (Some(f), Some(s)) => {
                    let w = px(s.width);
                    mesh.add_colored_rect(r.expand(w * 0.5), color(s.color));
                    let inner = r.shrink(w * 0.5);
                    if inner.is_positive() {
                        mesh.add_colored_rect(inner, color(*f));
                    }
                }
                (Some(f), None) => mesh.add_colored_rect(r, color(*f)),
                (None, Some(s)) => {
                    let (w, c) = (px(s.width), color(s.color));
                    let corners = [
                        r.left_top(),
                        r.right_top(),
                        r.right_bottom(),
                        r.left_bottom(),
                    ];
                    for k in 0..4 {
                        quad(mesh, corners[k], corners[(k + 1) % 4], w, c);
                    }
                }
                (None, None) => {}
            }
        }
        Primitive::Polyline { points, stroke } if stroke.dash.is_none() => {
            let (w, c) = (px(stroke.width), color(stroke.color));
            for seg in points.windows(2) {
                let (a, b) = (screen.pos(seg[0]), screen.pos(seg[1]));
                if Rect::from_two_pos(a, b).expand(w).intersects(view) {
                    quad(mesh, a, b, w, c);
                }
            }
        }
        Primitive::Polygon {
            points,
            fill,
            stroke,
        } => {
            let at = |k: usize| screen.pos(points[k % points.len()]);
            if let Some(f) = fill
                && let Some(&first) = points.first()
            {
                let c = color(*f);
                let base = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
                mesh.colored_vertex(screen.pos(first), c);
                for (k, q) in (1_u32..).zip(&points[1..]) {
                    mesh.colored_vertex(screen.pos(*q), c);
                    if k >= 2 {
                        mesh.add_triangle(base, base + k - 1, base + k);
                    }
                }
            }
            // The outline over the fill (a hollow arrowhead).
            if let Some(s) = stroke {
                let (w, c) = (px(s.width), color(s.color));
                for k in 0..points.len() {
                    quad(mesh, at(k), at(k + 1), w, c);
                }
            }
        }
        _ => {}
    }
}

/// A straight band `w` pixels wide from `a` to `b`.
fn quad(mesh: &mut Mesh, a: Pos2, b: Pos2, w: f32, c: Color32) {
    let d = b - a;
    let len = d.length();
    if len < 1e-3 {
        return;
    }
    let n = egui::vec2(-d.y, d.x) * (0.5 * w / len);
    let base = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    for q in [a + n, b + n, b - n, a - n] {
        mesh.colored_vertex(q, c);
    }
    mesh.add_triangle(base, base + 1, base + 2);
    mesh.add_triangle(base, base + 2, base + 3);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::geometry::p;

    /// The shapes `primitives` paint as at `zoom`, on a 1000 × 1000 screen.
    fn painted(primitives: &[Primitive<'_>], zoom: f32) -> Vec<Shape> {
        painted_with(primitives, zoom, &mut MeshPool::default())
    }

    fn painted_with(primitives: &[Primitive<'_>], zoom: f32, pool: &mut MeshPool) -> Vec<Shape> {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, egui::vec2(1000.0, 1000.0))),
            ..egui::RawInput::default()
        };
        let mut output = ctx.run_ui(input, |ui| {
            let screen = Screen {
                vp: super::super::geometry::Viewport {
                    offset: egui::Vec2::ZERO,
                    zoom,
                },
                origin: Pos2::ZERO,
            };
            paint_pooled(ui.painter(), screen, primitives, pool);
        });
        output.textures_delta.clear();
        output.shapes.into_iter().map(|c| c.shape).collect()
    }

    fn arrow_parts() -> Vec<Primitive<'static>> {
        let (ink, paper) = (Rgba(200, 30, 30, 255), Rgba(255, 255, 255, 255));
        let triangle = vec![p(100.0, 0.0), p(90.0, -4.0), p(90.0, 4.0)];
        vec![
            Primitive::Rect {
                rect: R {
                    min: p(0.0, 0.0),
                    max: p(50.0, 30.0),
                },
                radius: 4.0,
                fill: Some(paper),
                stroke: Some(Stroke::solid(ink, 1.5)),
            },
            Primitive::Polyline {
                points: vec![p(0.0, 0.0), p(50.0, 0.0), p(50.0, 40.0)].into(),
                stroke: Stroke::solid(ink, 1.6),
            },
            // A compensation's hollow head between two filled ones.
            Primitive::Polygon {
                points: triangle.clone(),
                fill: Some(ink),
                stroke: None,
            },
            Primitive::Polygon {
                points: triangle.clone(),
                fill: Some(paper),
                stroke: Some(Stroke::solid(ink, 1.6)),
            },
            Primitive::Polygon {
                points: triangle,
                fill: Some(ink),
                stroke: None,
            },
        ]
    }

    #[test]
    fn far_out_a_hollow_head_stays_in_the_one_mesh() {
        let shapes = painted(&arrow_parts(), 0.1);
        assert_eq!(shapes.len(), 1, "one mesh for the whole run: {shapes:?}");
        let Shape::Mesh(mesh) = &shapes[0] else {
            panic!("a mesh, not {:?}", shapes[0]);
        };
        // Rect: two quads; polyline: two quads; heads: a triangle, a
        // triangle and three quads, a triangle.
        assert_eq!(mesh.vertices.len(), 8 + 8 + 3 + (3 + 12) + 3);
        assert_eq!(mesh.indices.len(), 3 * (4 + 4 + 1 + (1 + 6) + 1));
        assert_eq!(
            run_size(&arrow_parts()),
            (5, mesh.vertices.len(), mesh.indices.len() / 3),
            "the mesh is reserved at its size"
        );
    }

    #[test]
    fn a_dashed_outline_ends_the_run() {
        let mut parts = arrow_parts();
        parts.insert(
            2,
            Primitive::Polygon {
                points: vec![p(0.0, 0.0), p(10.0, 0.0), p(0.0, 10.0)],
                fill: None,
                stroke: Some(Stroke::dashed(Rgba(0, 0, 0, 255), 1.0, Some((4.0, 2.0)))),
            },
        );
        let shapes = painted(&parts, 0.1);
        // The run before it, the dashes (a mesh of their own) and the
        // run after it.
        assert_eq!(shapes.len(), 3, "{shapes:?}");
        assert!(shapes.iter().all(|s| matches!(s, Shape::Mesh(_))));
    }

    #[test]
    fn far_out_frames_refill_the_mesh_egui_let_go_of() {
        let mut pool = MeshPool::default();
        let first = painted_with(&arrow_parts(), 0.1, &mut pool);
        let Some(Shape::Mesh(held)) = first.first().cloned() else {
            panic!("a mesh: {first:?}");
        };
        // egui still holds last frame's mesh: a new one, and the held one
        // stays as it was.
        let before = (*held).clone();
        let second = painted_with(&arrow_parts()[..1], 0.1, &mut pool);
        let Some(Shape::Mesh(fresh)) = second.first() else {
            panic!("a mesh: {second:?}");
        };
        assert!(!Arc::ptr_eq(&held, fresh));
        assert_eq!(*held, before);
        assert_eq!(fresh.vertices.len(), 8, "the rectangle alone");
        drop((first, held, second));
        // Let go of: the same mesh, refilled.
        let kept = Arc::as_ptr(&pool.0[0]);
        let third = painted_with(&arrow_parts(), 0.1, &mut pool);
        let Some(Shape::Mesh(refilled)) = third.first() else {
            panic!("a mesh: {third:?}");
        };
        assert_eq!(Arc::as_ptr(refilled), kept);
        assert_eq!(refilled.vertices.len(), before.vertices.len());
        assert_eq!(**refilled, before);
        drop(third);
        // Close up nothing is kept.
        painted_with(&arrow_parts(), 1.0, &mut pool);
        assert!(pool.0.is_empty());
    }

    #[test]
    fn close_up_each_primitive_is_its_own_shape() {
        let shapes = painted(&arrow_parts(), 1.0);
        assert_eq!(shapes.len(), 5, "{shapes:?}");
    }
}
