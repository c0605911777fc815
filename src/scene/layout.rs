//! The view-independent geometry of a drawing: boxes and their wrapped
//! labels, containers, each arrow's line and its label's box, the extent;
//! hit tests over them.

use std::collections::BTreeMap;
use std::hash::{Hash as _, Hasher as _};

use super::boundaries::{self, Container, boundary_rects};
use super::geometry::{self, P, PARALLEL_SPACING, R, node_rect, p, parallel_offsets};
use super::index::Grid;
use super::{edges, labels, primitive, route, shapes};
use crate::model::{ArrowStyle, Diagram, NodeKind};

/// One box as laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLayout {
    /// Its rectangle.
    pub rect: R,
    /// Its label, wrapped to its shape.
    pub lines: Vec<String>,
}

/// One arrow as laid out.
#[derive(Clone, Debug, PartialEq)]
pub struct EdgeLayout {
    /// The drawn line, from its start on the source box to the arrow tip
    /// on the target box.
    pub points: Vec<P>,
    /// A loop on one box.
    pub self_loop: bool,
    /// Where its label goes, if it has one.
    pub label: Option<R>,
    /// The label's lines.
    pub label_lines: Vec<String>,
    /// Everything the arrow and its label cover.
    pub bounds: R,
}

impl EdgeLayout {
    /// An arrow drawn along `points` with its label (`text`) at `label`.
    pub(super) fn new(points: Vec<P>, self_loop: bool, label: Option<R>, text: &str) -> Self {
        let bounds = primitive::bounds_of(points.iter().copied())
            .unwrap_or(R {
                min: p(0.0, 0.0),
                max: p(0.0, 0.0),
            })
            .expand2(edges::ARROW_HEAD, edges::ARROW_HEAD);
        let bounds = label.map_or(bounds, |l| bounds.union(l));
        Self {
            points,
            self_loop,
            label,
            label_lines: if label.is_some() {
                text.lines().map(str::to_owned).collect()
            } else {
                Vec::new()
            },
            bounds,
        }
    }

    /// Enters this arrow, as item `i`, in the cells its segments and its
    /// label cross — or takes it out of them (`add` false).
    pub(super) fn index(&self, grid: &mut Grid, i: usize, add: bool) {
        for w in self.points.windows(2) {
            if add {
                grid.insert_segment(i, w[0], w[1]);
            } else {
                grid.remove_segment(i, w[0], w[1]);
            }
        }
        if let Some(label) = self.label {
            if add {
                grid.insert_rect(i, label);
            } else {
                grid.remove_rect(i, label);
            }
        }
    }
}

/// What a box's entry in the spatial index covers: its drawn extent
/// and a little room.
pub(super) fn node_cover(kind: NodeKind, rect: R) -> R {
    shapes::extent(kind, rect).expand2(8.0, 8.0)
}

/// An arrow's line before its label is placed.
pub(super) struct Drawn {
    /// From the source box to the arrow tip.
    pub(super) points: Vec<P>,
    /// A loop on one box.
    pub(super) self_loop: bool,
    /// The source box.
    pub(super) from: usize,
    /// Sideways offset of a straight parallel arrow.
    pub(super) offset: f32,
}

/// What routing needs to know of edge `i` between boxes `from` and `to`:
/// the boxes and its label's width.
pub(super) fn request(diagram: &Diagram, i: usize, (from, to): (usize, usize)) -> route::Request {
    let label = &diagram.edges[i].label;
    route::Request {
        from,
        to,
        label: if label.is_empty() {
            0.0
        } else {
            labels::label_size(label).x
        },
    }
}

/// Edge `i`'s line between boxes `from` and `to` (`rects`): a loop, its
/// `route` when it was routed, else a straight segment `offset` aside;
/// the ends are on the boxes' actual outlines.
pub(super) fn drawn(
    diagram: &Diagram,
    rects: &[R],
    (from, to): (usize, usize),
    route: Option<Vec<P>>,
    offset: f32,
) -> Drawn {
    let clip = |mut points: Vec<P>| {
        let n = points.len();
        if n >= 2 {
            let (a, b) = (&diagram.nodes[from], &diagram.nodes[to]);
            points[n - 1] = shapes::clip_end(b.kind, rects[to], points[n - 2], points[n - 1]);
            points[0] = shapes::clip_end(a.kind, rects[from], points[1], points[0]);
        }
        points
    };
    let (a, b) = (rects[from], rects[to]);
    if from == to {
        Drawn {
            points: edges::self_loop(a),
            self_loop: true,
            from,
            offset: 0.0,
        }
    } else if let Some(points) = route {
        Drawn {
            points: clip(points),
            self_loop: false,
            from,
            offset: 0.0,
        }
    } else {
        Drawn {
            points: clip(geometry::edge_segment(a, b, offset).to_vec()),
            self_loop: false,
            from,
            offset,
        }
    }
}

/// The geometry of a diagram as every backend draws it, independent of
/// the view (zoom, theme, selection); the canvas keeps one per drawing
/// and rebuilds it when [`fingerprint`] changes.
#[derive(Clone, Debug, PartialEq)]
pub struct Layout {
    /// Indexed like `diagram.nodes`.
    pub nodes: Vec<NodeLayout>,
    /// Boundary containers in painting order (see [`boundaries`]).
    pub containers: Vec<Container>,
    /// Indexed like `diagram.edges`; `None` for an edge naming a missing
    /// box.
    pub edges: Vec<Option<EdgeLayout>>,
    /// Everything drawn, canvas units (a 200 × 100 area for an empty
    /// drawing).
    pub bounds: R,
    /// Box index by id.
    pub(super) index: BTreeMap<String, usize>,
    /// Where the boxes are (by their drawn extent).
    pub(super) node_grid: Grid,
    /// Where the arrows run (their segments and labels).
    pub(super) edge_grid: Grid,
    /// Arrows left out of `edge_grid` and looked at one by one (a drag
    /// preview's redrawn ones: they change every frame), ascending.
    pub(super) loose: Vec<usize>,
}

impl Layout {
    /// Lays `diagram` out.
    #[must_use]
    pub fn new(diagram: &Diagram) -> Self {
        Self::within(diagram, usize::MAX, None).0
    }

    /// Lays `diagram` out with its elbow arrows' A* searches expanding at
    /// most `budget` states together, and says whether that is exactly
    /// [`Layout::new`]'s layout (the budget was never reached): a canvas
    /// shows a big drawing's draft at once and settles it later. Past the
    /// budget, an arrow that needs a search keeps its route of `earlier`
    /// (an earlier drawing and its layout) when it joins the same two
    /// boxes, still where they were, and that route is still clear; else
    /// it takes a quick shape (orthogonal and attached, maybe across a
    /// box).
    #[must_use]
    pub fn within(
        diagram: &Diagram,
        budget: usize,
        earlier: Option<(&Diagram, &Layout)>,
    ) -> (Self, bool) {
        let nodes: Vec<NodeLayout> = diagram
            .nodes
            .iter()
            .map(|n| {
                let rect = node_rect(n);
                NodeLayout {
                    rect,
                    lines: shapes::label_lines(n.kind, rect, &n.label),
                }
            })
            .collect();
        let containers = boundary_rects(diagram);
        let index: BTreeMap<&str, usize> = diagram.node_positions();
        let (lines, settled) = drawn_lines(diagram, (&index, &nodes, &containers), budget, earlier);
        let rects: Vec<R> = nodes.iter().map(|n| n.rect).collect();
        let placement: Vec<Option<labels::EdgeLine<'_>>> = lines
            .iter()
            .map(|l| {
                l.as_ref().map(|l| labels::EdgeLine {
                    points: &l.points,
                    self_loop: l.self_loop,
                    from: rects[l.from],
                    offset: l.offset,
                })
            })
            .collect();
        let label_rects = labels::edge_label_rects(diagram, &placement, &rects, &containers);
        let edges: Vec<Option<EdgeLayout>> = lines
            .into_iter()
            .zip(label_rects)
            .zip(&diagram.edges)
            .map(|((line, label), edge)| {
                let Drawn {
                    points, self_loop, ..
                } = line?;
                Some(EdgeLayout::new(points, self_loop, label, &edge.label))
            })
            .collect();
        let bounds = diagram
            .nodes
            .iter()
            .zip(&nodes)
            .map(|(n, l)| shapes::extent(n.kind, l.rect))
            .chain(containers.iter().map(|c| c.rect))
            .chain(edges.iter().flatten().map(|e| e.bounds))
            .reduce(R::union)
            .unwrap_or(R {
                min: p(0.0, 0.0),
                max: p(200.0, 100.0),
            });
        let index = index.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        let mut node_grid = Grid::new(bounds, nodes.len());
        for (i, (n, laid)) in diagram.nodes.iter().zip(&nodes).enumerate() {
            node_grid.insert_rect(i, node_cover(n.kind, laid.rect));
        }
        let mut edge_grid = Grid::new(bounds, edges.len());
        for (i, e) in edges.iter().enumerate() {
            if let Some(e) = e {
                e.index(&mut edge_grid, i, true);
            }
        }
        let layout = Self {
            nodes,
            containers,
            edges,
            bounds,
            index,
            node_grid,
            edge_grid,
            loose: Vec::new(),
        };
        (layout, settled)
    }

    /// The boxes that may show in `r` (ascending), every box when `r` is
    /// `None` or covers most of the drawing.
    #[must_use]
    pub fn nodes_in(&self, r: Option<R>) -> Vec<usize> {
        r.and_then(|r| self.node_grid.query(r))
            .unwrap_or_else(|| (0..self.nodes.len()).collect())
    }

    /// The arrows that may show in `r` (ascending; within an arrowhead's
    /// length), every arrow when `r` is `None` or covers most of the
    /// drawing.
    #[must_use]
    pub fn edges_in(&self, r: Option<R>) -> Vec<usize> {
        r.and_then(|r| {
            let r = r.expand2(edges::ARROW_HEAD * 2.0, edges::ARROW_HEAD * 2.0);
            let mut found = self.edge_grid.query(r)?;
            let reaches = |i: &usize| {
                self.edges[*i]
                    .as_ref()
                    .is_some_and(|e| e.bounds.intersects(&r))
            };
            let before = found.len();
            found.extend(self.loose.iter().copied().filter(reaches));
            if found.len() > before {
                found.sort_unstable();
            }
            Some(found)
        })
        .unwrap_or_else(|| (0..self.edges.len()).collect())
    }

    /// The index of the box with this id.
    #[must_use]
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// The topmost box at `q` (later boxes are drawn on top).
    #[must_use]
    pub fn node_at(&self, q: P) -> Option<usize> {
        self.nodes_in(Some(R { min: q, max: q }))
            .into_iter()
            .rev()
            .find(|&i| self.nodes[i].rect.contains(q))
    }

    /// The arrow nearest to `q` within `tolerance` canvas units.
    #[must_use]
    pub fn edge_at(&self, q: P, tolerance: f32) -> Option<usize> {
        self.edges_in(Some(R::centered(q, 2.0 * tolerance, 2.0 * tolerance)))
            .into_iter()
            .filter_map(|i| {
                let e = self.edges[i].as_ref()?;
                let distance = geometry::distance_to_polyline(q, &e.points);
                (distance <= tolerance).then_some((i, distance))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(i, _)| i)
    }

    /// The innermost boundary whose title band or frame is at `q`.
    #[must_use]
    pub fn boundary_at(&self, q: P) -> Option<usize> {
        boundaries::grab_at(&self.containers, q)
    }
}

/// A quick non-cryptographic hasher (the multiply-rotate of rustc's
/// `FxHasher`): the canvas fingerprints its drawing every frame, and
/// `SipHash` over 10,000 boxes' labels cost a millisecond of it.
struct Fx(u64);

impl Fx {
    fn add(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, v: u8) {
        self.add(u64::from(v));
    }

    fn write_u32(&mut self, v: u32) {
        self.add(u64::from(v));
    }

    fn write_u64(&mut self, v: u64) {
        self.add(v);
    }

    fn write_usize(&mut self, v: usize) {
        self.add(v as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash of everything a [`Layout`] depends on: a changed fingerprint
/// means the layout must be rebuilt.
#[must_use]
pub fn fingerprint(d: &Diagram) -> u64 {
    let mut h = Fx(0);
    d.nodes.len().hash(&mut h);
    for n in &d.nodes {
        n.id.hash(&mut h);
        n.label.hash(&mut h);
        n.kind.hash(&mut h);
        n.pos.x.to_bits().hash(&mut h);
        n.pos.y.to_bits().hash(&mut h);
        n.size.map(|s| (s.w.to_bits(), s.h.to_bits())).hash(&mut h);
    }
    d.edges.len().hash(&mut h);
    for e in &d.edges {
        e.id.hash(&mut h);
        e.from.hash(&mut h);
        e.to.hash(&mut h);
        e.kind.hash(&mut h);
        e.label.hash(&mut h);
        e.style.hash(&mut h);
    }
    d.arrows.hash(&mut h);
    d.boundaries.len().hash(&mut h);
    for b in &d.boundaries {
        b.id.hash(&mut h);
        b.label.hash(&mut h);
        b.parent.hash(&mut h);
        b.nodes.hash(&mut h);
    }
    h.finish()
}

/// Each edge's line, indexed like `diagram.edges`: a loop, a straight
/// segment (parallel ones side by side) or a routed orthogonal line
/// (their searches within `budget` states); and whether the routes are
/// those of the full budget.
fn drawn_lines(
    diagram: &Diagram,
    (index, nodes, containers): (&BTreeMap<&str, usize>, &[NodeLayout], &[Container]),
    budget: usize,
    earlier: Option<(&Diagram, &Layout)>,
) -> (Vec<Option<Drawn>>, bool) {
    let offsets = parallel_offsets(&diagram.edges, PARALLEL_SPACING);
    let ends: Vec<Option<(usize, usize)>> = diagram
        .edges
        .iter()
        .map(|e| Some((*index.get(e.from.as_str())?, *index.get(e.to.as_str())?)))
        .collect();
    let rects: Vec<R> = nodes.iter().map(|n| n.rect).collect();
    // Orthogonal arrows are routed together: they share the boxes' sides.
    let elbows: Vec<usize> = diagram
        .edges
        .iter()
        .zip(&ends)
        .enumerate()
        .filter(|(_, (e, ends))| {
            diagram.arrow_style(e) == ArrowStyle::Orthogonal && ends.is_some_and(|(a, b)| a != b)
        })
        .map(|(i, _)| i)
        .collect();
    let mut routes: BTreeMap<usize, Vec<P>> = BTreeMap::new();
    let mut settled = true;
    if !elbows.is_empty() {
        let titles: Vec<R> = containers
            .iter()
            .map(|c| boundaries::title_band(c.rect, &diagram.boundaries[c.index].label))
            .collect();
        let requests: Vec<route::Request> = elbows
            .iter()
            .filter_map(|&i| Some(request(diagram, i, ends[i]?)))
            .collect();
        let kept: Vec<Option<Vec<P>>> = earlier
            .map(|earlier| {
                let old = earlier_routes(earlier);
                elbows
                    .iter()
                    .map(|&i| {
                        let (from, to) = ends[i]?;
                        old(&diagram.edges[i], rects[from], rects[to])
                    })
                    .collect()
            })
            .unwrap_or_default();
        let kept: Vec<Option<&[P]>> = kept.iter().map(Option::as_deref).collect();
        let (found, complete) = route::route_counted(&rects, &titles, &requests, budget, &kept);
        settled = complete;
        for (i, r) in elbows.iter().zip(found) {
            if let Some(r) = r {
                routes.insert(*i, r);
            }
        }
    }
    let lines = ends
        .iter()
        .zip(&offsets)
        .enumerate()
        .map(|(i, (ends, &offset))| {
            Some(drawn(diagram, &rects, (*ends)?, routes.remove(&i), offset))
        })
        .collect();
    (lines, settled)
}

/// An edge's route in an earlier layout (`earlier`): for an edge of the
/// same id between the same boxes, both now at the rectangles given
/// (source, target) and where they were, its line with the ends put back
/// on the rectangles' sides (the line was cut at the shapes' outlines).
fn earlier_routes<'a>(
    (diagram, layout): (&'a Diagram, &'a Layout),
) -> impl Fn(&crate::model::Edge, R, R) -> Option<Vec<P>> + 'a {
    let by_id: BTreeMap<&str, usize> = diagram.edge_positions();
    move |edge, from, to| {
        let j = *by_id.get(edge.id.as_str())?;
        let old = &diagram.edges[j];
        let at = |id: &str| layout.node_index(id).map(|k| layout.nodes[k].rect);
        let unmoved = old.from == edge.from
            && old.to == edge.to
            && at(old.from.as_str()) == Some(from)
            && at(old.to.as_str()) == Some(to);
        let line = layout.edges.get(j)?.as_ref().filter(|e| !e.self_loop)?;
        if !unmoved || line.points.len() < 2 {
            return None;
        }
        let mut points = line.points.clone();
        let n = points.len();
        points[0] = onto_side(from, points[1], points[0]);
        points[n - 1] = onto_side(to, points[n - 2], points[n - 1]);
        Some(points)
    }
}

/// The end `end` of an axis-aligned segment coming from `outside`, moved
/// back along it onto the side of `rect` it enters by.
fn onto_side(rect: R, outside: P, end: P) -> P {
    if (outside.x - end.x).abs() < 1e-3 {
        let y = if outside.y < end.y {
            rect.min.y
        } else {
            rect.max.y
        };
        p(end.x, y)
    } else if (outside.y - end.y).abs() < 1e-3 {
        let x = if outside.x < end.x {
            rect.min.x
        } else {
            rect.max.x
        };
        p(x, end.y)
    } else {
        end
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, EdgeKind, Node, Point};

    #[test]
    fn an_earlier_route_gets_its_ends_back_on_the_boxes_sides() {
        let mut d = Diagram {
            arrows: ArrowStyle::Orthogonal,
            ..Diagram::default()
        };
        let at = |x, y| Point { x, y };
        d.nodes
            .push(Node::new("api", "API", NodeKind::Service, at(0.0, 0.0)));
        d.nodes.push(Node::new(
            "db",
            "Orders DB",
            NodeKind::Database,
            at(120.0, 300.0),
        ));
        d.edges.push(Edge::new("e", "api", "db", EdgeKind::Data));
        let layout = Layout::new(&d);
        let (api, db) = (layout.nodes[0].rect, layout.nodes[1].rect);
        let drawn = &layout.edges[0].as_ref().expect("drawn").points;
        let tip = drawn[drawn.len() - 1];
        // The line ends on the cylinder's cap, inside its rectangle.
        assert!(tip.y > db.min.y + 0.5, "{drawn:?} {db:?}");
        let kept = earlier_routes((&d, &layout))(&d.edges[0], api, db).expect("kept");
        assert_eq!(kept.len(), drawn.len());
        assert_eq!(kept[0], p(drawn[0].x, api.max.y));
        assert_eq!(kept[kept.len() - 1], p(tip.x, db.min.y));
        assert_eq!(kept[1..kept.len() - 1], drawn[1..drawn.len() - 1]);
        // Not for a box that moved, nor for another edge of that id.
        let moved = db.translate(p(40.0, 0.0));
        assert_eq!(earlier_routes((&d, &layout))(&d.edges[0], api, moved), None);
        let reversed = Edge::new("e", "db", "api", EdgeKind::Data);
        assert_eq!(earlier_routes((&d, &layout))(&reversed, db, api), None);
    }
}
