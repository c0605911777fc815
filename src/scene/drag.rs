//! Drag previews: the layout of a drawing while boxes are being dragged,
//! derived each frame from the layout before the drag instead of laying
//! the moved drawing out again, so that a frame costs what the moved
//! boxes touch rather than what the drawing holds.
//!
//! What a preview frame recomputes, and what it keeps:
//! - the moved boxes' rectangles are translated (their wrapped labels
//!   stay: the size does not change);
//! - every arrow touching a moved box is drawn again against the boxes
//!   as they now stand — straight ones exactly as a full layout would,
//!   elbows re-routed together (so the ports on a moved box's sides are
//!   spread as a full layout spreads them) among the boxes and titles
//!   near them, within a frame's search budget — and its label is placed
//!   again, by the full layout's rules, among what lies near its line;
//! - the containers of boundaries holding a moved box, and of their
//!   parents, are recomputed;
//! - the spatial index takes the moved boxes out of their old cells and
//!   enters them in their new ones; the redrawn arrows leave it at the
//!   first frame and are looked at one by one (`Layout::edges_in`);
//! - everything else is kept as it was.
//!
//! So a preview is not exactly the layout the drop gives: an arrow that
//! touches no moved box keeps its route, even where a moved box now
//! lies across it; a re-routed arrow's port on a box that did not move
//! is spread among the re-routed arrows only (it may come close to a
//! kept arrow's port there), and its route only sees obstacles near its
//! boxes (a long arrow across a crowded drawing, those round its two
//! ends only) and gets a frame's search budget, so it may cross a box;
//! the extent only grows. The drop builds the full layout once, which
//! settles all of it.

mod near;

use std::collections::{BTreeMap, BTreeSet};

use super::boundaries::{self, title_band};
use super::geometry::{P, PARALLEL_SPACING, R, p, parallel_offsets};
use super::labels::Effort;
use super::layout::{self, Drawn, EdgeLayout, Layout, node_cover};
use super::{route, shapes};
use crate::model::{ArrowStyle, Diagram};

/// A* states the re-routed arrows of one preview frame may expand
/// together (a full layout allows a million): past it they take the
/// quick shapes, still orthogonal and attached.
const FRAME_BUDGET: usize = 2_000;
/// Room around an arrow's two boxes in which its re-route sees boxes and
/// titles as obstacles.
const ROOM: f32 = 160.0;
/// Most boxes a re-route sees between its two boxes; an arrow with more
/// there sees those round its ends only (in the preview it may cross one
/// further off).
const NEAR_BOXES: usize = 200;

/// An arrow touching a moved box.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Touching {
    /// Its index in `diagram.edges`.
    edge: usize,
    /// Its source and target boxes.
    ends: (usize, usize),
    /// Sideways offset of a straight parallel arrow.
    offset: f32,
    /// Whether it is routed (an elbow between two boxes).
    elbow: bool,
}

/// A boundary whose container follows the move.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Follow {
    /// Its place in `layout.containers`.
    at: usize,
    /// Its member boxes.
    members: Vec<usize>,
    /// The places of its nested containers.
    nested: Vec<usize>,
}

/// A drag in progress: the layout of the drawing before the drag, copied
/// once, and kept up to date with the moved boxes' delta frame by frame
/// (see the module docs for what is recomputed).
#[derive(Clone, Debug, PartialEq)]
pub struct Drag {
    /// The layout at the current delta.
    layout: Layout,
    /// The moved boxes and their rectangles before the drag.
    moved: Vec<(usize, R)>,
    /// Every box's rectangle now, by index.
    rects: Vec<R>,
    /// The arrows touching a moved box, in document order.
    touching: Vec<Touching>,
    /// Per edge: whether it touches a moved box.
    changes: Vec<bool>,
    /// Boundaries holding a moved box, deepest first.
    follow: Vec<Follow>,
    /// Each container's title band now, in painting order.
    titles: Vec<R>,
    /// How hard a label looks for its spot (as in the full layout).
    effort: Effort,
    /// The extent before the drag.
    bounds: R,
    /// The delta the layout is at.
    delta: P,
    /// Whether the touching arrows' labels are placed at that delta
    /// (they are left out while too small to be drawn).
    labelled: bool,
}

impl Drag {
    /// Starts a drag of the boxes `ids` of `diagram`, whose layout before
    /// the drag is `base` (ids of no box are left out).
    #[must_use]
    pub fn new<S: AsRef<str>>(base: &Layout, diagram: &Diagram, ids: &[S]) -> Self {
        let moved_ids: BTreeSet<&str> = ids.iter().map(AsRef::as_ref).collect();
        let moved: BTreeSet<usize> = moved_ids
            .iter()
            .filter_map(|id| base.node_index(id))
            .collect();
        let mut changes = vec![false; diagram.edges.len()];
        let mut touching = Vec::new();
        for (i, e) in diagram.edges.iter().enumerate() {
            if !(moved_ids.contains(e.from.as_str()) || moved_ids.contains(e.to.as_str())) {
                continue;
            }
            changes[i] = true;
            if let (Some(from), Some(to)) = (
                base.node_index(e.from.as_str()),
                base.node_index(e.to.as_str()),
            ) {
                touching.push(Touching {
                    edge: i,
                    ends: (from, to),
                    offset: 0.0,
                    elbow: from != to && diagram.arrow_style(e) == ArrowStyle::Orthogonal,
                });
            }
        }
        // Arrows joining the same two boxes all touch the moved one, so
        // their offsets among themselves are the drawing's.
        let pairs: Vec<_> = touching
            .iter()
            .map(|t| diagram.edges[t.edge].clone())
            .collect();
        for (t, offset) in touching
            .iter_mut()
            .zip(parallel_offsets(&pairs, PARALLEL_SPACING))
        {
            t.offset = offset;
        }
        let titles = base
            .containers
            .iter()
            .map(|c| title_band(c.rect, &diagram.boundaries[c.index].label))
            .collect();
        Self {
            moved: moved.iter().map(|&i| (i, base.nodes[i].rect)).collect(),
            rects: base.nodes.iter().map(|n| n.rect).collect(),
            follow: follow(base, diagram, &moved_ids),
            layout: base.clone(),
            touching,
            changes,
            titles,
            effort: Effort::of(diagram),
            bounds: base.bounds,
            delta: p(0.0, 0.0),
            labelled: true,
        }
    }

    /// The layout with the moved boxes `delta` (canvas units) from where
    /// they were; `diagram` is the drawing before the drag, the one the
    /// drag was started with.
    pub fn update(&mut self, diagram: &Diagram, delta: P) -> &Layout {
        self.update_labelled(diagram, delta, true)
    }

    /// [`Drag::update`]; with `labels` false (the view is too far out to
    /// draw arrow labels) the touching arrows' labels are left out rather
    /// than placed again — a sixth of a drag frame with 10,000 boxes in
    /// view — and placed once they are asked for.
    pub fn update_labelled(&mut self, diagram: &Diagram, delta: P, labels: bool) -> &Layout {
        if delta == self.delta && (self.labelled || !labels) {
            return &self.layout;
        }
        self.delta = delta;
        self.labelled = labels;
        // Every old place out before any new one goes in: the cells then
        // hold the same items in the same order whatever the deltas before.
        let grid = &mut self.layout.node_grid;
        for &(i, _) in &self.moved {
            grid.remove_rect(i, node_cover(diagram.nodes[i].kind, self.rects[i]));
        }
        for &(i, start) in &self.moved {
            let rect = start.translate(delta);
            grid.insert_rect(i, node_cover(diagram.nodes[i].kind, rect));
            self.layout.nodes[i].rect = rect;
            self.rects[i] = rect;
        }
        for f in &self.follow {
            let containers = &self.layout.containers;
            let c = containers[f.at];
            let members = f.members.iter().map(|&i| self.rects[i]);
            let nested = f.nested.iter().map(|&k| containers[k].rect);
            let rect = boundaries::frame(members, nested, c.depth).unwrap_or(c.rect);
            self.layout.containers[f.at].rect = rect;
            self.titles[f.at] = title_band(rect, &diagram.boundaries[c.index].label);
        }
        let lines = self.lines(diagram);
        let labels = if labels {
            self.labels(diagram, &lines)
        } else {
            vec![None; lines.len()]
        };
        let mut bounds = self
            .moved
            .iter()
            .map(|&(i, _)| shapes::extent(diagram.nodes[i].kind, self.rects[i]))
            .chain(
                self.follow
                    .iter()
                    .map(|f| self.layout.containers[f.at].rect),
            )
            .fold(self.bounds, R::union);
        if self.layout.loose.is_empty() {
            // The redrawn arrows leave the spatial index for the rest of
            // the drag (it would take them out of their cells and put them
            // in again every frame): they are few, and looked at one by
            // one.
            let grid = &mut self.layout.edge_grid;
            for t in &self.touching {
                if let Some(old) = &self.layout.edges[t.edge] {
                    old.index(grid, t.edge, false);
                }
            }
            self.layout.loose = self.touching.iter().map(|t| t.edge).collect();
        }
        for ((t, line), label) in self.touching.iter().zip(lines).zip(labels) {
            let text = &diagram.edges[t.edge].label;
            let laid = EdgeLayout::new(line.points, line.self_loop, label, text);
            bounds = bounds.union(laid.bounds);
            self.layout.edges[t.edge] = Some(laid);
        }
        self.layout.bounds = bounds;
        &self.layout
    }

    /// The layout at the current delta.
    #[must_use]
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The lines of the touching arrows, in their order: elbows routed
    /// together among the boxes and titles near them.
    fn lines(&self, diagram: &Diagram) -> Vec<Drawn> {
        let elbows: Vec<&Touching> = self.touching.iter().filter(|t| t.elbow).collect();
        let mut routes: BTreeMap<usize, Vec<P>> = BTreeMap::new();
        if !elbows.is_empty() {
            let mut near: Vec<usize> = elbows.iter().flat_map(|t| [t.ends.0, t.ends.1]).collect();
            let mut regions: Vec<R> = Vec::new();
            // Boxes per unit of area, to skip asking for thousands.
            #[expect(clippy::cast_precision_loss, reason = "box counts")]
            let density = self.rects.len() as f32 / (self.bounds.w() * self.bounds.h()).max(1.0);
            for t in &elbows {
                let (a, b) = (self.rects[t.ends.0], self.rects[t.ends.1]);
                let between = a.union(b).expand2(ROOM, ROOM);
                #[expect(clippy::cast_precision_loss, reason = "box counts")]
                let crowded = between.w() * between.h() * density > 4.0 * NEAR_BOXES as f32;
                match (!crowded)
                    .then(|| self.layout.node_grid.query(between))
                    .flatten()
                {
                    Some(found) if found.len() <= NEAR_BOXES => {
                        near.extend(found);
                        regions.push(between);
                    }
                    // A long arrow across a crowded drawing sees the
                    // boxes round its ends only.
                    _ => {
                        for end in [a, b] {
                            let around = end.expand2(ROOM, ROOM);
                            near.extend(self.layout.node_grid.query(around).unwrap_or_default());
                            regions.push(around);
                        }
                    }
                }
            }
            near.sort_unstable();
            near.dedup();
            let local = |i: usize| near.binary_search(&i).unwrap_or_default();
            let boxes: Vec<R> = near.iter().map(|&i| self.rects[i]).collect();
            let titles: Vec<R> = self
                .titles
                .iter()
                .filter(|band| regions.iter().any(|r| r.intersects(band)))
                .copied()
                .collect();
            let requests: Vec<route::Request> = elbows
                .iter()
                .map(|t| layout::request(diagram, t.edge, (local(t.ends.0), local(t.ends.1))))
                .collect();
            let found = route::route_within(&boxes, &titles, &requests, FRAME_BUDGET);
            for (t, r) in elbows.iter().zip(found) {
                if let Some(r) = r {
                    routes.insert(t.edge, r);
                }
            }
        }
        self.touching
            .iter()
            .map(|t| {
                layout::drawn(
                    diagram,
                    &self.rects,
                    t.ends,
                    routes.remove(&t.edge),
                    t.offset,
                )
            })
            .collect()
    }
}

impl Layout {
    /// The layout of `diagram` (whose layout this is) with the boxes
    /// `ids` moved by `delta`, derived from this one as a drag previews
    /// it (see [`Drag`]); a canvas keeps a [`Drag`] instead, which copies
    /// the layout once per drag rather than once per frame.
    #[must_use]
    pub fn moved<S: AsRef<str>>(&self, diagram: &Diagram, ids: &[S], delta: P) -> Self {
        let mut drag = Drag::new(self, diagram, ids);
        drag.update(diagram, delta);
        drag.layout
    }
}

/// The boundaries holding one of the boxes `moved` (directly or through
/// a nested boundary), deepest first, each with its members and nested
/// containers.
fn follow(base: &Layout, diagram: &Diagram, moved: &BTreeSet<&str>) -> Vec<Follow> {
    let parents = boundaries::parents(diagram);
    let mut at: Vec<Option<usize>> = vec![None; diagram.boundaries.len()];
    for (k, c) in base.containers.iter().enumerate() {
        at[c.index] = Some(k);
    }
    let mut holding = vec![false; diagram.boundaries.len()];
    for (i, b) in diagram.boundaries.iter().enumerate() {
        if !b.nodes.iter().any(|id| moved.contains(id.as_str())) {
            continue;
        }
        // Up through the parents, once each (a parent cycle ends it).
        let mut up = Some(i);
        while let Some(j) = up {
            if holding[j] {
                break;
            }
            holding[j] = true;
            up = parents[j];
        }
    }
    let mut nested: Vec<Vec<usize>> = vec![Vec::new(); diagram.boundaries.len()];
    for (j, parent) in parents.iter().enumerate() {
        if let (Some(i), Some(k)) = (*parent, at[j]) {
            nested[i].push(k);
        }
    }
    let mut out: Vec<Follow> = (0..diagram.boundaries.len())
        .filter(|&i| holding[i])
        .filter_map(|i| {
            Some(Follow {
                at: at[i]?,
                members: diagram.boundaries[i]
                    .nodes
                    .iter()
                    .filter_map(|id| base.node_index(id.as_str()))
                    .collect(),
                nested: std::mem::take(&mut nested[i]),
            })
        })
        .collect();
    out.sort_by_key(|f| (std::cmp::Reverse(base.containers[f.at].depth), f.at));
    out
}
