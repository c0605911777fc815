//! The layered layout ("Tidy", and the placement of Mermaid imports).
//!
//! Sugiyama-style, in four steps, each in its own file:
//!
//! 1. ranks (`rank.rs`): kinds in reading-order tiers — client, edge, load
//!    balancer, gateway, services, data and buses, workers — with calls
//!    inside a tier adding sub-ranks; untiered kinds ranked by edges alone;
//! 2. the layered graph (`layers.rs`): a dummy vertex wherever an edge
//!    passes a rank, so straight edges get free corridors;
//! 3. the order within each rank (`order.rs`): barycenter sweeps and
//!    adjacent swaps for few crossings, boundaries kept contiguous;
//! 4. coordinates (`place.rs`): ranks spaced for their largest boxes,
//!    positions across them solved inside-out so a boundary is one solid
//!    block that no outside box overlaps.
//!
//! Deterministic (no hashing, no randomness) and plain Rust over the model:
//! no egui. `metrics.rs` measures the result (overlaps, edges through
//! boxes, crossings) for tests and benchmarks.

mod clear;
mod groups;
mod layers;
pub mod metrics;
mod order;
mod place;
mod rails;
mod rank;
mod rounds;
mod saga;
mod simple;
mod solve;
mod tree;

use std::collections::BTreeMap;

use crate::model::{Diagram, EdgeKind, NodeId, Point};
use groups::Groups;
use layers::{Layers, Vertex};

/// The reading direction of a flowchart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Direction {
    /// Left to right (`LR`, `>`).
    #[default]
    LeftRight,
    /// Right to left (`RL`, `<`).
    RightLeft,
    /// Top to bottom (`TB`, `TD`, `v`).
    TopBottom,
    /// Bottom to top (`BT`, `^`).
    BottomTop,
}

impl Direction {
    /// Parses a Mermaid direction keyword; `None` if unknown.
    #[must_use]
    pub fn from_mermaid(text: &str) -> Option<Self> {
        match text.trim() {
            "LR" | ">" => Some(Self::LeftRight),
            "RL" | "<" => Some(Self::RightLeft),
            "TB" | "TD" | "v" => Some(Self::TopBottom),
            "BT" | "^" => Some(Self::BottomTop),
            _ => None,
        }
    }

    const fn horizontal(self) -> bool {
        matches!(self, Self::LeftRight | Self::RightLeft)
    }
}

/// Dummy vertices allowed per node and link, and at least (see
/// `Layers::new`): the layered graph stays linear in the drawing.
const DUMMIES_PER_ELEMENT: usize = 8;
const DUMMY_FLOOR: usize = 20_000;
/// Past any of these the layered layout would be too slow or too big, and
/// the simple placement (`simple.rs`) is used: nodes, cells of the
/// rank × boundary table the ordering keeps, and the summed nesting depth
/// of the nodes (the inside-out placement visits a node once per
/// enclosing boundary).
const MAX_LAYERED_NODES: usize = 12_000;
const MAX_RANK_GROUP_CELLS: usize = 2_000_000;
const MAX_NESTING_WORK: usize = 400_000;

/// What the layout gave up on a big drawing, for a message to the user.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// Why the simple placement was used instead of the layered layout.
    pub simplified: Option<String>,
    /// Long arrows left without a free corridor of their own.
    pub uncorridored: usize,
}

impl Report {
    /// A sentence for the user, when anything was given up.
    #[must_use]
    pub fn message(&self) -> Option<String> {
        if let Some(reason) = &self.simplified {
            Some(format!(
                "This drawing is too big for the full layout ({reason}); its boxes were placed in plain ranks instead, so arrows may cross boxes and boundaries may overlap."
            ))
        } else if self.uncorridored > 0 {
            Some(format!(
                "This drawing is big: {} long arrows got no free corridor of their own and may cross boxes.",
                self.uncorridored
            ))
        } else {
            None
        }
    }
}

/// An edge between two distinct nodes, by node index, in document order.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Link {
    pub(crate) from: usize,
    pub(crate) to: usize,
    pub(crate) kind: EdgeKind,
}

/// The "Tidy" layout: every node's new centre, left to right, in document
/// order. The layout's top-left corner stays where the drawing's was, and
/// the drawing's current order within each rank is the starting point of
/// the crossing reduction. The diagram itself is not changed: the caller
/// applies the positions (as one undoable step).
#[must_use]
pub fn tidy(diagram: &Diagram) -> Vec<(NodeId, Point)> {
    tidy_with_report(diagram).0
}

/// [`tidy`], and what it gave up on a big drawing.
#[must_use]
pub fn tidy_with_report(diagram: &Diagram) -> (Vec<(NodeId, Point)>, Report) {
    let mut report = Report::default();
    let centres = solve(diagram, Direction::LeftRight, &mut report);
    let corner = |points: &mut dyn Iterator<Item = (Point, f32, f32)>| {
        points
            .map(|(p, w, h)| (p.x - w * 0.5, p.y - h * 0.5))
            .reduce(|a, b| (a.0.min(b.0), a.1.min(b.1)))
    };
    let sizes: Vec<(f32, f32)> = diagram
        .nodes
        .iter()
        .map(|n| (n.size().w, n.size().h))
        .collect();
    let before = corner(
        &mut diagram
            .nodes
            .iter()
            .zip(&sizes)
            .map(|(n, s)| (n.pos, s.0, s.1)),
    );
    let after = corner(&mut centres.iter().zip(&sizes).map(|(p, s)| (*p, s.0, s.1)));
    let shift = match (before, after) {
        (Some(b), Some(a)) if b.0.is_finite() && b.1.is_finite() => (b.0 - a.0, b.1 - a.1),
        (_, Some(a)) => (-a.0, -a.1),
        _ => (0.0, 0.0),
    };
    let positions = diagram
        .nodes
        .iter()
        .zip(centres)
        .map(|(node, p)| {
            let at = Point::new((p.x + shift.0).round(), (p.y + shift.1).round());
            (node.id.clone(), at)
        })
        .collect();
    (positions, report)
}

/// Positions every node of `diagram` in layers along `direction` (Mermaid
/// imports). Sizes come from the nodes; boundaries are respected.
pub fn layered(diagram: &mut Diagram, direction: Direction) {
    let _report = layered_with_report(diagram, direction);
}

/// [`layered`], and what it gave up on a big drawing.
pub fn layered_with_report(diagram: &mut Diagram, direction: Direction) -> Report {
    let mut report = Report::default();
    let centres = solve(diagram, direction, &mut report);
    for (node, p) in diagram.nodes.iter_mut().zip(centres) {
        node.pos = p;
    }
    report
}

/// Every node's centre, in document order.
fn solve(diagram: &Diagram, direction: Direction, report: &mut Report) -> Vec<Point> {
    let horizontal = direction.horizontal();
    let sizes: Vec<(f32, f32)> = diagram
        .nodes
        .iter()
        .map(|node| {
            let size = node.size();
            let (w, h) = (
                finite_or(size.w, 0.0).max(0.0),
                finite_or(size.h, 0.0).max(0.0),
            );
            if horizontal { (w, h) } else { (h, w) }
        })
        .collect();
    let rail = rails::find(diagram, &sizes, place::rank_gap(horizontal));
    let frame: Vec<(f32, f32)> = if rail.contains(&true) {
        rails::with_rails(diagram, &sizes, &rail, horizontal, report)
    } else {
        let sinks = vec![false; diagram.nodes.len()];
        core(diagram, &sizes, horizontal, &[], &sinks, report)
    };
    frame
        .into_iter()
        .map(|(a, c)| match direction {
            Direction::LeftRight => Point::new(a, c),
            Direction::RightLeft => Point::new(-a, c),
            Direction::TopBottom => Point::new(c, a),
            Direction::BottomTop => Point::new(c, -a),
        })
        .collect()
}

/// The layered layout proper: every node's (along, cross) centre.
/// `flows` are extra links for ranking only; `sinks` are nodes to put
/// last in their ranks.
pub(super) fn core(
    diagram: &Diagram,
    sizes: &[(f32, f32)],
    horizontal: bool,
    flows: &[Link],
    sinks: &[bool],
    report: &mut Report,
) -> Vec<(f32, f32)> {
    let n = diagram.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let index: BTreeMap<&str, usize> = diagram.node_positions();
    let events = saga::labelled(diagram, &index);
    let links: Vec<Link> = events.iter().map(|l| l.link).collect();
    let (along_size, cross_size): (Vec<f32>, Vec<f32>) = sizes.iter().copied().unzip();
    let kinds: Vec<_> = diagram.nodes.iter().map(|node| node.kind).collect();
    // An event hub is ranked by its services (see `saga.rs`).
    let (rank_kinds, rank_links) = saga::ranking(&kinds, &events).map_or_else(
        || (kinds.clone(), links.clone()),
        |hub| (hub.kinds, hub.links),
    );
    let ranking: Vec<Link> = rank_links.iter().chain(flows).copied().collect();
    let rank = rank::ranks(&rank_kinds, &ranking);
    let groups = Groups::new(diagram);
    if let Some(reason) = over_budget(&rank, &groups) {
        report.simplified = Some(reason);
        let hint: Vec<f32> = diagram
            .nodes
            .iter()
            .map(|node| finite_or(if horizontal { node.pos.y } else { node.pos.x }, 0.0))
            .collect();
        return simple::place(&rank, sizes, &links, &groups, &hint, horizontal);
    }
    let max_dummies = (DUMMIES_PER_ELEMENT * (n + links.len())).max(DUMMY_FLOOR);
    let layers = Layers::new(&rank, &cross_size, &links, &groups, max_dummies);
    report.uncorridored += layers.uncorridored;
    let hint = hints(diagram, &links, &layers, horizontal);
    let mut marked = sinks.to_vec();
    marked.resize(layers.len(), false);
    let order = order::order(&layers, &groups, &hint, &marked);
    let boxes = clear::Boxes {
        along: &along_size,
        cross: &cross_size,
    };
    let labelled: Vec<(usize, usize, f32)> = diagram
        .edges
        .iter()
        .filter_map(|edge| {
            let (&a, &b) = (index.get(edge.from.as_str())?, index.get(edge.to.as_str())?);
            Some((a, b, clear::label_room(&edge.label, horizontal)))
        })
        .filter(|&(a, b, room)| a != b && room > 0.0)
        .collect();
    let labels = clear::label_gaps(&layers, &boxes, &labelled);
    let (along, cross) = rounds::Rounds {
        layers: &layers,
        groups: &groups,
        order: &order,
        along_size: &along_size,
        boxes,
        horizontal,
        labels: &labels,
    }
    .place();
    (0..n).map(|v| (along[layers.rank[v]], cross[v])).collect()
}

/// Why the layered layout would cost too much for this drawing, if it
/// would (see [`MAX_LAYERED_NODES`] and the limits beside it).
fn over_budget(rank: &[usize], groups: &Groups) -> Option<String> {
    let n = rank.len();
    if n > MAX_LAYERED_NODES {
        return Some(format!(
            "{n} boxes; the full layout handles up to {MAX_LAYERED_NODES}"
        ));
    }
    let ranks = rank.iter().copied().max().map_or(0, |r| r + 1);
    let boundaries = groups.root();
    if ranks.saturating_mul(boundaries + 1) > MAX_RANK_GROUP_CELLS {
        return Some(format!("{boundaries} boundaries over {ranks} ranks"));
    }
    let nesting: usize = groups.owner.iter().map(|&g| groups.depth[g]).sum();
    if nesting > MAX_NESTING_WORK {
        let deepest = groups.depth.iter().copied().max().unwrap_or(0);
        return Some(format!("boundaries nested {deepest} deep"));
    }
    None
}

fn finite_or(value: f32, fallback: f32) -> f32 {
    if value.is_finite() { value } else { fallback }
}

/// Where the crossing reduction starts: each node's current cross position
/// (the drawing's own order), ties broken by the first edge into it (so an
/// imported fan-out keeps the order its edges were written in); dummies
/// between their ends, placeholders at their boundary's mean.
fn hints(
    diagram: &Diagram,
    links: &[Link],
    layers: &Layers,
    horizontal: bool,
) -> Vec<(f32, usize)> {
    let n = diagram.nodes.len();
    let mut first_in = vec![usize::MAX; n];
    for (i, link) in links.iter().enumerate() {
        first_in[link.to] = first_in[link.to].min(i);
    }
    let mut hint: Vec<(f32, usize)> = diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| {
            let c = if horizontal { node.pos.y } else { node.pos.x };
            (finite_or(c, 0.0), first_in[i])
        })
        .collect();
    hint.resize(layers.len(), (0.0, usize::MAX));
    for chain in &layers.chains {
        let (a, b) = (chain[0], chain[chain.len() - 1]);
        let (ha, hb) = (hint[a].0, hint[b].0);
        #[expect(clippy::cast_precision_loss, reason = "short chains")]
        let steps = (chain.len() - 1) as f32;
        for (k, &d) in chain.iter().enumerate().take(chain.len() - 1).skip(1) {
            #[expect(clippy::cast_precision_loss, reason = "short chains")]
            let t = k as f32 / steps;
            hint[d] = (ha + (hb - ha) * t, hint[a].1.min(hint[b].1));
        }
    }
    let mut sum: BTreeMap<usize, (f32, f32)> = BTreeMap::new();
    for (v, h) in hint.iter().enumerate().take(n) {
        let entry = sum.entry(layers.group[v]).or_insert((0.0, 0.0));
        entry.0 += h.0;
        entry.1 += 1.0;
    }
    for ((h, vertex), group) in hint
        .iter_mut()
        .zip(&layers.vertex)
        .zip(&layers.group)
        .skip(n)
    {
        if *vertex == Vertex::Placeholder
            && let Some(&(s, count)) = sum.get(group)
        {
            h.0 = s / count.max(1.0);
        }
    }
    hint
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Boundary, BoundaryId, Edge, EdgeKind, Node, NodeId, NodeKind};

    fn diagram(nodes: &[&str], edges: &[(&str, &str)]) -> Diagram {
        Diagram {
            nodes: nodes
                .iter()
                .map(|id| Node::new(id, id, NodeKind::Service, Point::default()))
                .collect(),
            edges: edges
                .iter()
                .enumerate()
                .map(|(i, (a, b))| Edge::new(&format!("e{i}"), a, b, EdgeKind::Sync))
                .collect(),
            ..Diagram::default()
        }
    }

    fn pos(d: &Diagram, id: &str) -> Point {
        d.node(id).map(|n| n.pos).unwrap_or_default()
    }

    #[test]
    fn chains_run_along_the_direction() {
        let mut d = diagram(&["a", "b", "c"], &[("a", "b"), ("b", "c")]);
        layered(&mut d, Direction::LeftRight);
        assert!(pos(&d, "a").x < pos(&d, "b").x && pos(&d, "b").x < pos(&d, "c").x);
        assert!((pos(&d, "a").y - pos(&d, "c").y).abs() < 1e-3);
        layered(&mut d, Direction::BottomTop);
        assert!(pos(&d, "a").y > pos(&d, "b").y && pos(&d, "b").y > pos(&d, "c").y);
    }

    #[test]
    fn events_back_into_a_called_service_do_not_rank_it() {
        let mut d = diagram(
            &["gw", "orders", "users", "bus", "mailer"],
            &[
                ("gw", "orders"),
                ("gw", "users"),
                ("orders", "bus"),
                ("bus", "users"),
                ("bus", "mailer"),
            ],
        );
        for edge in &mut d.edges {
            if edge.from.as_str() == "bus" || edge.to.as_str() == "bus" {
                edge.kind = EdgeKind::Async;
            }
        }
        layered(&mut d, Direction::LeftRight);
        assert!((pos(&d, "users").x - pos(&d, "orders").x).abs() < 1e-3);
        assert!(pos(&d, "mailer").x > pos(&d, "bus").x);
    }

    #[test]
    fn cycles_do_not_hang_and_fan_out_spreads() {
        let mut d = diagram(
            &["a", "b", "c", "d"],
            &[("a", "b"), ("a", "c"), ("a", "d"), ("d", "a")],
        );
        layered(&mut d, Direction::TopBottom);
        let ys: Vec<f32> = ["b", "c", "d"].iter().map(|id| pos(&d, id).y).collect();
        assert!(ys.iter().all(|y| (*y - ys[0]).abs() < 1e-3));
        assert!(pos(&d, "a").y < ys[0]);
        let mut xs: Vec<f32> = ["b", "c", "d"].iter().map(|id| pos(&d, id).x).collect();
        xs.sort_by(f32::total_cmp);
        assert!(xs[1] - xs[0] >= 200.0 && xs[2] - xs[1] >= 200.0, "{xs:?}");
    }

    #[test]
    fn boundaries_do_not_overlap_outside_nodes() {
        let mut d = diagram(
            &["src", "in1", "in2", "out1", "out2"],
            &[
                ("src", "in1"),
                ("in1", "in2"),
                ("src", "out1"),
                ("out1", "out2"),
            ],
        );
        d.boundaries.push(Boundary {
            id: BoundaryId::from("b"),
            label: "B".to_owned(),
            parent: None,
            nodes: vec![NodeId::from("in1"), NodeId::from("in2")],
        });
        layered(&mut d, Direction::LeftRight);
        let inside = [pos(&d, "in1").y, pos(&d, "in2").y];
        for outside in ["out1", "out2"] {
            let y = pos(&d, outside).y;
            assert!(
                inside.iter().all(|i| (i - y).abs() >= 100.0),
                "{outside} at {y}, boundary members at {inside:?}"
            );
        }
    }
}
