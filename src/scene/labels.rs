//! Where edge labels go, in canvas units, for every backend. A label sits
//! on its edge; when that spot would cover a box or an earlier label it
//! slides along the edge to the nearest free spot (fan-ins to a message
//! bus would otherwise stack their event names on top of each other).

use std::collections::BTreeMap;

use super::boundaries::{Container, title_band};
use super::edges::{SELF_LOOP_RADIUS, self_loop_center};
use super::font;
use super::geometry::{P, PARALLEL_SPACING, R, p, polyline_length};
use crate::model::Diagram;

/// Font size of edge labels, canvas units.
pub const EDGE_LABEL_SIZE: f32 = 11.0;
/// Padding around a label's text (horizontal, vertical), canvas units.
const PAD: (f32, f32) = (8.0, 3.0);
/// Side of the cells that bucket obstacles for the overlap tests.
const CELL: f32 = 160.0;
/// How far along its edge a label may slide, as fractions of the edge.
const SLIDES: [f32; 7] = [0.0, -0.12, 0.12, -0.24, 0.24, -0.33, 0.33];

/// The size of an edge label's box (text plus padding), canvas units.
#[must_use]
pub fn label_size(label: &str) -> P {
    let lines: Vec<&str> = label.lines().collect();
    let width = lines
        .iter()
        .map(|l| font::text_width(l, EDGE_LABEL_SIZE))
        .fold(0.0, f32::max);
    #[expect(clippy::cast_precision_loss, reason = "a few lines")]
    let height = font::line_height(EDGE_LABEL_SIZE) * lines.len().max(1) as f32;
    p(width + PAD.0, height + PAD.1)
}

/// Rectangles bucketed by grid cell, for quick overlap tests.
#[derive(Default)]
struct Obstacles {
    rects: Vec<R>,
    cells: BTreeMap<(i32, i32), Vec<usize>>,
}

impl Obstacles {
    #[expect(clippy::cast_possible_truncation, reason = "cell indices of a drawing")]
    fn cells_of(r: R) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (r.min.x / CELL).floor() as i32,
            (r.max.x / CELL).floor() as i32,
        );
        let (y0, y1) = (
            (r.min.y / CELL).floor() as i32,
            (r.max.y / CELL).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn add(&mut self, r: R) {
        let i = self.rects.len();
        self.rects.push(r);
        for cell in Self::cells_of(r) {
            self.cells.entry(cell).or_default().push(i);
        }
    }

    /// Total area of `r` covered by obstacles (overlaps counted once per
    /// obstacle).
    fn covered(&self, r: R) -> f32 {
        let mut seen: Vec<usize> = Self::cells_of(r)
            .filter_map(|cell| self.cells.get(&cell))
            .flatten()
            .copied()
            .collect();
        seen.sort_unstable();
        seen.dedup();
        seen.into_iter()
            .map(|i| {
                let o = self.rects[i];
                let w = (r.max.x.min(o.max.x) - r.min.x.max(o.min.x)).max(0.0);
                let h = (r.max.y.min(o.max.y) - r.min.y.max(o.min.y)).max(0.0);
                w * h
            })
            .sum()
    }
}

/// The drawn line of one edge, as placement sees it.
#[derive(Clone, Copy, Debug)]
pub struct EdgeLine<'a> {
    /// From the start to the arrow tip.
    pub points: &'a [P],
    /// A loop on one box.
    pub self_loop: bool,
    /// The box the loop sits on (its start box).
    pub from: R,
    /// Sideways offset of a straight parallel edge (0 otherwise).
    pub offset: f32,
}

/// Each edge's label box (canvas units), indexed like `d.edges`; `None`
/// for edges without a label or without a drawn line. `nodes` are the box
/// rectangles, `boundaries` the containers (their titles are kept clear).
#[must_use]
pub fn edge_label_rects(
    d: &Diagram,
    lines: &[Option<EdgeLine<'_>>],
    nodes: &[R],
    boundaries: &[Container],
) -> Vec<Option<R>> {
    let mut obstacles = Obstacles::default();
    for rect in nodes {
        obstacles.add(*rect);
    }
    // Boundary titles stay readable too.
    for c in boundaries {
        obstacles.add(title_band(c.rect, &d.boundaries[c.index].label));
    }
    d.edges
        .iter()
        .zip(lines)
        .map(|(edge, line)| {
            if edge.label.is_empty() {
                return None;
            }
            let line = (*line)?;
            let size = label_size(&edge.label);
            let rect = if line.self_loop {
                let c = self_loop_center(line.from);
                R::centered(p(c.x, c.y - SELF_LOOP_RADIUS - 8.0), size.x, size.y)
            } else {
                let t0 = (0.5 + 0.15 * line.offset / PARALLEL_SPACING).clamp(0.2, 0.8);
                best_spot(&obstacles, line.points, t0, size)
            };
            obstacles.add(rect);
            Some(rect)
        })
        .collect()
}

/// The point at fraction `t` of a polyline's length.
#[must_use]
pub fn point_along(points: &[P], t: f32) -> P {
    let total = polyline_length(points);
    let mut left = total * t;
    for w in points.windows(2) {
        let len = (w[1] - w[0]).length();
        if left <= len && len > 0.0 {
            return w[0] + (w[1] - w[0]) * (left / len);
        }
        left -= len;
    }
    points.last().copied().unwrap_or_default()
}

/// The spot along `points` nearest `t0` whose box covers nothing, else
/// the one covering least.
fn best_spot(obstacles: &Obstacles, points: &[P], t0: f32, size: P) -> R {
    let at = |t: f32| R::centered(point_along(points, t.clamp(0.12, 0.88)), size.x, size.y);
    let mut best = (f32::INFINITY, at(t0));
    for slide in SLIDES {
        let rect = at(t0 + slide);
        let covered = obstacles.covered(rect);
        if covered <= 0.0 {
            return rect;
        }
        if covered < best.0 {
            best = (covered, rect);
        }
    }
    best.1
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, NodeKind, Point};
    use crate::scene::Layout;

    fn overlap(a: R, b: R) -> bool {
        a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y
    }

    /// Five services publishing to one bus from nearly the same direction:
    /// the labels near the bus would pile up without sliding.
    #[test]
    fn fan_in_labels_do_not_overlap_each_other_or_boxes() {
        let mut d = Diagram::default();
        d.nodes
            .push(Node::new("bus", "Bus", NodeKind::Bus, Point::new(0.0, 0.0)));
        for k in 0..5u8 {
            let id = format!("s{k}");
            let x = (f32::from(k) - 2.0) * 60.0;
            d.nodes
                .push(Node::new(&id, &id, NodeKind::Service, Point::new(x, 260.0)));
            let mut e = Edge::new(&format!("e{k}"), &id, "bus", EdgeKind::Async);
            e.label = format!("SomethingHappened{k}");
            d.edges.push(e);
        }
        let labels = |d: &Diagram| -> Vec<R> {
            Layout::new(d)
                .edges
                .into_iter()
                .flatten()
                .filter_map(|e| e.label)
                .collect()
        };
        let rects = labels(&d);
        assert_eq!(rects.len(), 5);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!overlap(*a, *b), "{a:?} overlaps {b:?}");
            }
        }
        assert_eq!(rects, labels(&d), "deterministic");
    }

    #[test]
    fn a_lone_label_sits_in_the_middle_of_its_edge() {
        let mut d = Diagram::default();
        d.nodes
            .push(Node::new("a", "A", NodeKind::Service, Point::new(0.0, 0.0)));
        d.nodes.push(Node::new(
            "b",
            "B",
            NodeKind::Service,
            Point::new(400.0, 0.0),
        ));
        let mut e = Edge::new("e", "a", "b", EdgeKind::Sync);
        e.label = "GET /x".into();
        d.edges.push(e);
        let layout = Layout::new(&d);
        let r = layout.edges[0]
            .as_ref()
            .and_then(|e| e.label)
            .unwrap_or(R::centered(p(-1.0, -1.0), 0.0, 0.0));
        assert!((r.center().x - 200.0).abs() < 1.0, "{r:?}");
        assert!(r.center().y.abs() < 1.0);
    }
}
