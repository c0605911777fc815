//! Far out, where the scene draws plain boxes and solid lines: runs of
//! rectangles, lines and arrowheads painted as one mesh each (no
//! anti-aliasing: a line is a pixel wide), refilled frame after frame
//! from a [`MeshPool`].

use std::sync::Arc;

use egui::{Color32, Mesh, Painter, Pos2, Rect, Shape};

use super::{Screen, color, paint_one};
use crate::scene::Primitive;

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
    /// Lets go of every kept mesh (close up, nothing is batched).
    pub(super) fn clear(&mut self) {
        self.0.clear();
    }

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

/// Paints `primitives` far out: each run [`batch`] takes as one mesh of
/// `pool`, the rest one by one.
pub(super) fn paint_far_out(
    painter: &Painter,
    screen: Screen,
    primitives: &[Primitive<'_>],
    pool: &mut MeshPool,
) {
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

#[cfg(test)]
mod tests {
    use super::super::paint_pooled;
    use super::*;
    use crate::scene::Rgba;
    use crate::scene::Stroke;
    use crate::scene::geometry::R;
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
                vp: crate::ui::geometry::Viewport {
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
