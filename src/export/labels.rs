//! Where edge labels go, in canvas units, shared by the canvas and the SVG
//! writer so both show the same picture. A label sits on its edge; when
//! that spot would cover a box or an earlier label it slides along the
//! edge to the nearest free spot (fan-ins to a message bus would otherwise
//! stack their event names on top of each other).

use std::collections::BTreeMap;

use super::font;
use super::geometry::{P, PARALLEL_SPACING, R, edge_segment, node_rect, p};
use crate::model::{Diagram, Node};

/// Font size of edge labels, canvas units.
pub const EDGE_LABEL_SIZE: f32 = 11.0;
/// Font size of boundary titles, canvas units.
pub const BOUNDARY_TITLE_SIZE: f32 = 12.0;
/// Padding around a label's text (horizontal, vertical), canvas units.
const PAD: (f32, f32) = (8.0, 3.0);
/// Radius of a self-loop, canvas units.
pub const SELF_LOOP_RADIUS: f32 = 16.0;
/// Side of the cells that bucket obstacles for the overlap tests.
const CELL: f32 = 160.0;
/// How far along its edge a label may slide, as fractions of the edge.
const SLIDES: [f32; 7] = [0.0, -0.12, 0.12, -0.24, 0.24, -0.33, 0.33];

/// The centre of a self-loop on a node's top-right corner.
#[must_use]
pub fn self_loop_center(rect: R) -> P {
    p(
        rect.max.x - SELF_LOOP_RADIUS * 0.6,
        rect.min.y - SELF_LOOP_RADIUS * 0.2,
    )
}

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

/// Each edge's label box (canvas units), indexed like `d.edges`; `None`
/// for edges without a label or with a missing end. `offsets` are the
/// parallel-edge offsets of [`super::geometry::parallel_offsets`],
/// `boundaries` the containers of [`super::boundary_rects`] (their titles
/// are kept clear).
#[must_use]
pub fn edge_label_rects(d: &Diagram, offsets: &[f32], boundaries: &[(usize, R)]) -> Vec<Option<R>> {
    let nodes: BTreeMap<&str, &Node> = d.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let mut obstacles = Obstacles::default();
    for node in &d.nodes {
        obstacles.add(node_rect(node));
    }
    // Boundary titles stay readable too.
    for &(i, r) in boundaries {
        let width = font::text_width(&d.boundaries[i].label, BOUNDARY_TITLE_SIZE) + 16.0;
        obstacles.add(R {
            min: r.min,
            max: p(
                r.min.x + width,
                r.min.y + font::line_height(BOUNDARY_TITLE_SIZE) + 8.0,
            ),
        });
    }
    d.edges
        .iter()
        .enumerate()
        .map(|(i, edge)| {
            if edge.label.is_empty() {
                return None;
            }
            let from = node_rect(nodes.get(edge.from.as_str())?);
            let to = node_rect(nodes.get(edge.to.as_str())?);
            let size = label_size(&edge.label);
            let rect = if edge.from == edge.to {
                let c = self_loop_center(from);
                R::centered(p(c.x, c.y - SELF_LOOP_RADIUS - 8.0), size.x, size.y)
            } else {
                let offset = offsets.get(i).copied().unwrap_or(0.0);
                let [a, b] = edge_segment(from, to, offset);
                let t0 = (0.5 + 0.15 * offset / PARALLEL_SPACING).clamp(0.2, 0.8);
                best_spot(&obstacles, [a, b], t0, size)
            };
            obstacles.add(rect);
            Some(rect)
        })
        .collect()
}

/// The spot along `[a, b]` nearest `t0` whose box covers nothing, else
/// the one covering least.
fn best_spot(obstacles: &Obstacles, [a, b]: [P; 2], t0: f32, size: P) -> R {
    let at = |t: f32| R::centered(a + (b - a) * t.clamp(0.12, 0.88), size.x, size.y);
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
    use crate::export::geometry::parallel_offsets;
    use crate::model::{Edge, EdgeKind, Node, NodeKind, Point};

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
        let offsets = parallel_offsets(&d.edges, PARALLEL_SPACING);
        let rects: Vec<R> = edge_label_rects(&d, &offsets, &[])
            .into_iter()
            .flatten()
            .collect();
        assert_eq!(rects.len(), 5);
        for (i, a) in rects.iter().enumerate() {
            for b in &rects[i + 1..] {
                assert!(!overlap(*a, *b), "{a:?} overlaps {b:?}");
            }
        }
        let same = edge_label_rects(&d, &offsets, &[]);
        assert_eq!(same, edge_label_rects(&d, &offsets, &[]), "deterministic");
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
        let rects = edge_label_rects(&d, &[0.0], &[]);
        let r = rects[0].unwrap_or(R::centered(p(-1.0, -1.0), 0.0, 0.0));
        assert!((r.center().x - 200.0).abs() < 1.0, "{r:?}");
        assert!(r.center().y.abs() < 1.0);
    }
}
