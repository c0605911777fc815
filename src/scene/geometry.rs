//! Plain-`f32` geometry of a drawing, in canvas units: points and
//! rectangles, node rectangles, where straight edges attach, how parallel
//! edges fan out, segment clipping and distances, and the outlines of the
//! polygonal node shapes. Every backend (canvas, SVG, layout metrics)
//! uses these, so they agree.

use std::collections::BTreeMap;

use crate::model::{Edge, Node};

/// Distance between parallel straight edges joining the same two nodes
/// (see [`parallel_offsets`]).
pub const PARALLEL_SPACING: f32 = 26.0;

/// A 2-D point or vector in canvas units.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct P {
    /// Horizontal.
    pub x: f32,
    /// Vertical (down).
    pub y: f32,
}

/// Shorthand constructor.
#[must_use]
pub const fn p(x: f32, y: f32) -> P {
    P { x, y }
}

impl P {
    /// Length of the vector.
    #[must_use]
    pub fn length(self) -> f32 {
        self.x.hypot(self.y)
    }

    /// The unit vector, or zero for a zero vector.
    #[must_use]
    pub fn normalized(self) -> Self {
        let len = self.length();
        if len > 0.0 {
            p(self.x / len, self.y / len)
        } else {
            Self::default()
        }
    }
}

impl std::ops::Add for P {
    type Output = Self;
    fn add(self, o: Self) -> Self {
        p(self.x + o.x, self.y + o.y)
    }
}

impl std::ops::Sub for P {
    type Output = Self;
    fn sub(self, o: Self) -> Self {
        p(self.x - o.x, self.y - o.y)
    }
}

impl std::ops::Neg for P {
    type Output = Self;
    fn neg(self) -> Self {
        p(-self.x, -self.y)
    }
}

impl std::ops::Mul<f32> for P {
    type Output = Self;
    fn mul(self, k: f32) -> Self {
        p(self.x * k, self.y * k)
    }
}

/// An axis-aligned rectangle.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct R {
    /// Top-left corner.
    pub min: P,
    /// Bottom-right corner.
    pub max: P,
}

impl R {
    /// The rectangle of `size` centred on `c`.
    #[must_use]
    pub fn centered(c: P, w: f32, h: f32) -> Self {
        Self {
            min: p(c.x - w * 0.5, c.y - h * 0.5),
            max: p(c.x + w * 0.5, c.y + h * 0.5),
        }
    }

    /// Width.
    #[must_use]
    pub fn w(&self) -> f32 {
        self.max.x - self.min.x
    }

    /// Height.
    #[must_use]
    pub fn h(&self) -> f32 {
        self.max.y - self.min.y
    }

    /// Centre.
    #[must_use]
    pub fn center(&self) -> P {
        p(
            (self.min.x + self.max.x) * 0.5,
            (self.min.y + self.max.y) * 0.5,
        )
    }

    /// The smallest rectangle holding both.
    #[must_use]
    pub fn union(self, o: Self) -> Self {
        Self {
            min: p(self.min.x.min(o.min.x), self.min.y.min(o.min.y)),
            max: p(self.max.x.max(o.max.x), self.max.y.max(o.max.y)),
        }
    }

    /// Grown by `dx` left and right, `dy` above and below.
    #[must_use]
    pub fn expand2(self, dx: f32, dy: f32) -> Self {
        Self {
            min: p(self.min.x - dx, self.min.y - dy),
            max: p(self.max.x + dx, self.max.y + dy),
        }
    }

    /// Moved by `d`.
    #[must_use]
    pub fn translate(self, d: P) -> Self {
        Self {
            min: self.min + d,
            max: self.max + d,
        }
    }

    /// The rectangle spanned by two corners (in any order).
    #[must_use]
    pub fn from_points(a: P, b: P) -> Self {
        Self {
            min: p(a.x.min(b.x), a.y.min(b.y)),
            max: p(a.x.max(b.x), a.y.max(b.y)),
        }
    }

    /// Whether `q` is inside or on the border.
    #[must_use]
    pub fn contains(&self, q: P) -> bool {
        self.min.x <= q.x && q.x <= self.max.x && self.min.y <= q.y && q.y <= self.max.y
    }

    /// Whether the two rectangles share any point (touching counts).
    #[must_use]
    pub fn intersects(&self, o: &Self) -> bool {
        self.min.x <= o.max.x
            && o.min.x <= self.max.x
            && self.min.y <= o.max.y
            && o.min.y <= self.max.y
    }

    /// Whether the insides of the two rectangles overlap by more than
    /// `slack` on both axes.
    #[must_use]
    pub fn overlaps(&self, o: &Self, slack: f32) -> bool {
        self.min.x < o.max.x - slack
            && o.min.x < self.max.x - slack
            && self.min.y < o.max.y - slack
            && o.min.y < self.max.y - slack
    }

    /// The nearest point inside.
    #[must_use]
    pub fn clamp(&self, q: P) -> P {
        p(
            q.x.clamp(self.min.x, self.max.x.max(self.min.x)),
            q.y.clamp(self.min.y, self.max.y.max(self.min.y)),
        )
    }
}

/// The cell of a uniform grid of `cells` cells of side `cell` starting at
/// `origin` (one axis) that holds `v`, clamped to the grid. Clamped
/// first, the cast truncates what is left (never below zero) as `floor`
/// would, without the call to `floorf` that baseline x86-64 has no
/// instruction for: the spatial index and routing ask this in hot loops.
#[must_use]
#[expect(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "clamped to the grid"
)]
pub fn grid_cell(v: f32, origin: f32, cell: f32, cells: usize) -> usize {
    ((v - origin) / cell).clamp(0.0, cells.saturating_sub(1) as f32) as usize
}

/// A node's rectangle.
#[must_use]
pub fn node_rect(node: &Node) -> R {
    let size = node.size();
    R::centered(p(node.pos.x, node.pos.y), size.w, size.h)
}

/// The region an edge aims at: the centre, or the long axis of an
/// elongated box (a bus drawn as a long pipe).
fn anchor_region(rect: R) -> R {
    let (w, h) = (rect.w(), rect.h());
    let c = rect.center();
    if w > 2.5 * h {
        let inset = h.min(w * 0.5);
        R {
            min: p(rect.min.x + inset, c.y),
            max: p(rect.max.x - inset, c.y),
        }
    } else if h > 2.5 * w {
        let inset = w.min(h * 0.5);
        R {
            min: p(c.x, rect.min.y + inset),
            max: p(c.x, rect.max.y - inset),
        }
    } else {
        R { min: c, max: c }
    }
}

/// Where a ray from `inside` towards `toward` leaves `rect`.
fn exit_point(rect: R, inside: P, toward: P) -> P {
    let d = toward - inside;
    let mut t_exit = f32::INFINITY;
    if d.x > 0.0 {
        t_exit = t_exit.min((rect.max.x - inside.x) / d.x);
    } else if d.x < 0.0 {
        t_exit = t_exit.min((rect.min.x - inside.x) / d.x);
    }
    if d.y > 0.0 {
        t_exit = t_exit.min((rect.max.y - inside.y) / d.y);
    } else if d.y < 0.0 {
        t_exit = t_exit.min((rect.min.y - inside.y) / d.y);
    }
    if t_exit.is_finite() && (0.0..=1.0).contains(&t_exit) {
        inside + d * t_exit
    } else {
        inside
    }
}

/// The drawn segment of an edge between two boxes, shifted sideways by
/// `offset`; it starts and ends on the box borders.
#[must_use]
pub fn edge_segment(from: R, to: R, offset: f32) -> [P; 2] {
    let from_region = anchor_region(from);
    let to_region = anchor_region(to);
    let b = to_region.clamp(from_region.center());
    let a = from_region.clamp(b);
    let b = to_region.clamp(a);
    let dir = (b - a).normalized();
    let normal = p(-dir.y, dir.x);
    let max_shift = 0.45 * from.w().min(from.h()).max(to.w().min(to.h()));
    let limit = max_shift.max(8.0) * 2.0;
    let shift = normal * offset.clamp(-limit, limit);
    let (a, b) = (from.clamp(a + shift), to.clamp(b + shift));
    [exit_point(from, a, b), exit_point(to, b, a)]
}

/// The parameter range `[t0, t1]` of segment `a`–`b` inside `rect`
/// (Liang–Barsky clipping), or `None` when the segment misses it.
#[must_use]
pub fn clip_range(a: P, b: P, rect: R) -> Option<(f32, f32)> {
    let d = b - a;
    let (mut t0, mut t1) = (0.0_f32, 1.0_f32);
    for (dir, room) in [
        (-d.x, a.x - rect.min.x),
        (d.x, rect.max.x - a.x),
        (-d.y, a.y - rect.min.y),
        (d.y, rect.max.y - a.y),
    ] {
        if dir == 0.0 {
            if room < 0.0 {
                return None;
            }
        } else {
            let t = room / dir;
            if dir < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some((t0, t1))
}

/// Distance from `q` to the segment `a`–`b`.
#[must_use]
pub fn distance_to_segment(q: P, a: P, b: P) -> f32 {
    let ab = b - a;
    let len_sq = ab.x * ab.x + ab.y * ab.y;
    if len_sq <= f32::EPSILON {
        return (q - a).length();
    }
    let t = (((q.x - a.x) * ab.x + (q.y - a.y) * ab.y) / len_sq).clamp(0.0, 1.0);
    (q - (a + ab * t)).length()
}

/// Distance from `q` to a polyline (infinite for fewer than one point).
#[must_use]
pub fn distance_to_polyline(q: P, points: &[P]) -> f32 {
    match points {
        [] => f32::INFINITY,
        [only] => (q - *only).length(),
        _ => points
            .windows(2)
            .map(|w| distance_to_segment(q, w[0], w[1]))
            .fold(f32::INFINITY, f32::min),
    }
}

/// Total length of a polyline.
#[must_use]
pub fn polyline_length(points: &[P]) -> f32 {
    points.windows(2).map(|w| (w[1] - w[0]).length()).sum()
}

/// Sideways offsets so edges joining the same two nodes are drawn side by
/// side, `spacing` apart; indexed like `edges`.
#[must_use]
pub fn parallel_offsets(edges: &[Edge], spacing: f32) -> Vec<f32> {
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, edge) in edges.iter().enumerate() {
        let (a, b) = (edge.from.as_str(), edge.to.as_str());
        groups
            .entry(if a <= b { (a, b) } else { (b, a) })
            .or_default()
            .push(i);
    }
    let mut offsets = vec![0.0; edges.len()];
    for ((low, _), members) in groups {
        let n = members.len();
        #[expect(clippy::cast_precision_loss, reason = "a handful of parallel edges")]
        for (k, &i) in members.iter().enumerate() {
            let centred = k as f32 - (n as f32 - 1.0) / 2.0;
            let sign = if edges[i].from.as_str() == low {
                1.0
            } else {
                -1.0
            };
            offsets[i] = centred * spacing * sign;
        }
    }
    offsets
}

/// A hexagon pointed along the long axis (message bus).
#[must_use]
pub fn hexagon(rect: R) -> Vec<P> {
    let (l, r, t, b) = (rect.min.x, rect.max.x, rect.min.y, rect.max.y);
    let c = rect.center();
    if rect.w() >= rect.h() {
        let i = (rect.h() * 0.5).min(rect.w() * 0.25);
        vec![
            p(l + i, t),
            p(r - i, t),
            p(r, c.y),
            p(r - i, b),
            p(l + i, b),
            p(l, c.y),
        ]
    } else {
        let i = (rect.w() * 0.5).min(rect.h() * 0.25);
        vec![
            p(c.x, t),
            p(r, t + i),
            p(r, b - i),
            p(c.x, b),
            p(l, b - i),
            p(l, t + i),
        ]
    }
}

/// How far the hexagon's points reach in from the ends of a wide bus (0 for
/// a tall one), to keep its label clear of them.
#[must_use]
pub fn hexagon_inset(rect: R) -> f32 {
    if rect.w() >= rect.h() {
        (rect.h() * 0.5).min(rect.w() * 0.25)
    } else {
        0.0
    }
}

/// A rectangle with cut corners (load balancer).
#[must_use]
pub fn octagon(rect: R) -> Vec<P> {
    let i = rect.h().min(rect.w()) * 0.22;
    let (l, r, t, b) = (rect.min.x, rect.max.x, rect.min.y, rect.max.y);
    vec![
        p(l + i, t),
        p(r - i, t),
        p(r, t + i),
        p(r, b - i),
        p(r - i, b),
        p(l + i, b),
        p(l, b - i),
        p(l, t + i),
    ]
}

/// A bucket: wide at the top, narrow at the bottom (object storage).
#[must_use]
pub fn bucket(rect: R) -> Vec<P> {
    let i = rect.w() * 0.1;
    let (l, r, t, b) = (rect.min.x, rect.max.x, rect.min.y, rect.max.y);
    vec![p(l, t), p(r, t), p(r - i, b), p(l + i, b)]
}

/// Fold size of the outbox sheet's top-right corner.
#[must_use]
pub fn fold(rect: R) -> f32 {
    rect.h() * 0.3
}

/// A sheet with a folded top-right corner (outbox table).
#[must_use]
pub fn folded(rect: R) -> Vec<P> {
    let f = fold(rect);
    let (l, r, t, b) = (rect.min.x, rect.max.x, rect.min.y, rect.max.y);
    vec![p(l, t), p(r - f, t), p(r, t + f), p(r, b), p(l, b)]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::EdgeKind;

    fn close(a: P, b: P) -> bool {
        (a - b).length() < 1e-3
    }

    #[test]
    fn edges_end_on_borders_and_land_straight_on_a_bus() {
        let a = R::centered(p(0.0, 0.0), 100.0, 50.0);
        let b = R::centered(p(300.0, 0.0), 100.0, 50.0);
        let [s, t] = edge_segment(a, b, 0.0);
        assert!(close(s, p(50.0, 0.0)) && close(t, p(250.0, 0.0)));
        let bus = R::centered(p(500.0, 300.0), 1000.0, 50.0);
        let svc = R::centered(p(200.0, 0.0), 160.0, 60.0);
        let [s, t] = edge_segment(svc, bus, 0.0);
        assert!(
            close(s, p(200.0, 30.0)) && close(t, p(200.0, 275.0)),
            "{s:?} {t:?}"
        );
    }

    #[test]
    fn parallel_edges_spread() {
        let edges = vec![
            Edge::new("a", "x", "y", EdgeKind::Async),
            Edge::new("b", "y", "x", EdgeKind::Async),
            Edge::new("c", "x", "z", EdgeKind::Sync),
        ];
        assert_eq!(parallel_offsets(&edges, 20.0), vec![-10.0, -10.0, 0.0]);
    }
}
