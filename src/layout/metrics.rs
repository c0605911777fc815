//! How readable a placement is, measured on the drawing as the canvas and
//! the pictures draw it: node rectangles, and each edge as the straight
//! segment between box borders from `scene::geometry` (parallel edges
//! fanned out). Used by the layout's tests and benchmark; plain data in,
//! counts out.

use crate::model::{Diagram, EdgeId, NodeId};
use crate::scene::geometry::{P, PARALLEL_SPACING, R, edge_segment, node_rect, parallel_offsets};

/// Boxes closer than this are touching, not overlapping; a segment this
/// close to a box only grazes it.
const TOUCH: f32 = 0.5;

/// The three measures at once.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Quality {
    /// Pairs of node boxes that overlap.
    pub overlaps: usize,
    /// (edge, node) pairs where the edge's segment runs through a box
    /// other than its own ends.
    pub edges_through_boxes: usize,
    /// Pairs of edge segments that cross (edges sharing a node excluded).
    pub crossings: usize,
}

/// Measures `diagram` as drawn.
#[must_use]
pub fn quality(diagram: &Diagram) -> Quality {
    Quality {
        overlaps: overlapping_boxes(diagram).len(),
        edges_through_boxes: edges_through_boxes(diagram).len(),
        crossings: crossings(diagram),
    }
}

/// Every pair of nodes whose boxes overlap, in document order.
#[must_use]
pub fn overlapping_boxes(diagram: &Diagram) -> Vec<(NodeId, NodeId)> {
    let rects: Vec<R> = diagram.nodes.iter().map(node_rect).collect();
    let mut out = Vec::new();
    for (i, a) in rects.iter().enumerate() {
        for (j, b) in rects.iter().enumerate().skip(i + 1) {
            let apart = a.max.x - TOUCH <= b.min.x
                || b.max.x - TOUCH <= a.min.x
                || a.max.y - TOUCH <= b.min.y
                || b.max.y - TOUCH <= a.min.y;
            if !apart {
                out.push((diagram.nodes[i].id.clone(), diagram.nodes[j].id.clone()));
            }
        }
    }
    out
}

/// Each edge's drawn segment, indexed like `diagram.edges`; `None` for
/// self-loops and edges naming a missing node.
#[must_use]
pub fn edge_segments(diagram: &Diagram) -> Vec<Option<[P; 2]>> {
    let offsets = parallel_offsets(&diagram.edges, PARALLEL_SPACING);
    diagram
        .edges
        .iter()
        .zip(offsets)
        .map(|(edge, offset)| {
            let from = diagram.node(edge.from.as_str())?;
            let to = diagram.node(edge.to.as_str())?;
            (edge.from != edge.to).then(|| edge_segment(node_rect(from), node_rect(to), offset))
        })
        .collect()
}

/// Every (edge, node) pair where the edge is drawn through the node's box
/// (its own two ends excepted), in document order.
#[must_use]
pub fn edges_through_boxes(diagram: &Diagram) -> Vec<(EdgeId, NodeId)> {
    let rects: Vec<R> = diagram.nodes.iter().map(node_rect).collect();
    let mut out = Vec::new();
    for (edge, segment) in diagram.edges.iter().zip(edge_segments(diagram)) {
        let Some([a, b]) = segment else { continue };
        for (node, rect) in diagram.nodes.iter().zip(&rects) {
            if node.id != edge.from && node.id != edge.to && segment_hits(a, b, *rect) {
                out.push((edge.id.clone(), node.id.clone()));
            }
        }
    }
    out
}

/// How many pairs of edges cross, not counting edges that share a node.
#[must_use]
pub fn crossings(diagram: &Diagram) -> usize {
    let segments = edge_segments(diagram);
    let mut count = 0;
    for (i, (e, s)) in diagram.edges.iter().zip(&segments).enumerate() {
        let Some([a, b]) = *s else { continue };
        for (f, t) in diagram.edges.iter().zip(&segments).skip(i + 1) {
            let Some([c, d]) = *t else { continue };
            let shared = e.from == f.from || e.from == f.to || e.to == f.from || e.to == f.to;
            if !shared && segments_cross(a, b, c, d) {
                count += 1;
            }
        }
    }
    count
}

/// Whether segment `a`–`b` enters the inside of `rect` (shrunk by the
/// touch tolerance): Liang–Barsky clipping.
fn segment_hits(a: P, b: P, rect: R) -> bool {
    let (min, max) = (
        P {
            x: rect.min.x + TOUCH,
            y: rect.min.y + TOUCH,
        },
        P {
            x: rect.max.x - TOUCH,
            y: rect.max.y - TOUCH,
        },
    );
    if min.x >= max.x || min.y >= max.y {
        return false;
    }
    crate::scene::geometry::clip_range(a, b, R { min, max }).is_some_and(|(t0, t1)| t0 < t1)
}

/// Whether two segments properly cross (touching or collinear runs are
/// not crossings).
fn segments_cross(a: P, b: P, c: P, d: P) -> bool {
    let orient = |p: P, q: P, r: P| (q.x - p.x) * (r.y - p.y) - (q.y - p.y) * (r.x - p.x);
    let (o1, o2) = (orient(a, b, c), orient(a, b, d));
    let (o3, o4) = (orient(c, d, a), orient(c, d, b));
    o1 * o2 < 0.0 && o3 * o4 < 0.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, NodeKind, Point};

    fn node(id: &str, x: f32, y: f32) -> Node {
        Node::new(id, id, NodeKind::Service, Point::new(x, y))
    }

    #[test]
    fn counts_overlaps_edges_through_boxes_and_crossings() {
        // a —— c passes through b; d overlaps b; x–y crosses a–c.
        let d = Diagram {
            nodes: vec![
                node("a", 0.0, 0.0),
                node("b", 300.0, 0.0),
                node("c", 600.0, 0.0),
                node("d", 350.0, 20.0),
                node("x", 400.0, -200.0),
                node("y", 400.0, 200.0),
            ],
            edges: vec![
                Edge::new("ac", "a", "c", EdgeKind::Sync),
                Edge::new("xy", "x", "y", EdgeKind::Sync),
                Edge::new("ab", "a", "b", EdgeKind::Sync),
            ],
            ..Diagram::default()
        };
        assert_eq!(
            overlapping_boxes(&d),
            vec![(NodeId::from("b"), NodeId::from("d"))]
        );
        let through: Vec<(String, String)> = edges_through_boxes(&d)
            .into_iter()
            .map(|(e, n)| (e.0, n.0))
            .collect();
        let expected = [("ac", "b"), ("ac", "d"), ("xy", "d")];
        assert_eq!(
            through,
            expected
                .iter()
                .map(|(e, n)| ((*e).to_owned(), (*n).to_owned()))
                .collect::<Vec<_>>()
        );
        // ac and xy cross; ab shares a with ac.
        assert_eq!(crossings(&d), 1);
        assert_eq!(
            quality(&d),
            Quality {
                overlaps: 1,
                edges_through_boxes: 3,
                crossings: 1
            }
        );
    }

    #[test]
    fn grazing_a_box_is_not_running_through_it() {
        let rect = R::centered(P { x: 0.0, y: 0.0 }, 100.0, 50.0);
        let along_top = (
            P {
                x: -100.0,
                y: -25.0,
            },
            P { x: 100.0, y: -25.0 },
        );
        assert!(!segment_hits(along_top.0, along_top.1, rect));
        let through = (
            P {
                x: -100.0,
                y: -20.0,
            },
            P { x: 100.0, y: 20.0 },
        );
        assert!(segment_hits(through.0, through.1, rect));
        let short = (P { x: -100.0, y: 0.0 }, P { x: -60.0, y: 0.0 });
        assert!(!segment_hits(short.0, short.1, rect));
    }
}
