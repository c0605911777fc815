//! Rails: boxes drawn long along the reading direction (a message bus as a
//! bar under a row of services, a telemetry collector). In a column such a
//! box would push its neighbours a whole bar-length apart, so rails are
//! taken out of the layering: the rest is laid out without them, events
//! passing through a rail still order its producers before its consumers
//! (an event published as `OrderCreated` leads to whoever consumes
//! `OrderCreated`), the rail's neighbours are put last in their ranks, and
//! the rail runs under the columns it serves, where its edges drop onto it
//! square.

use std::collections::BTreeMap;

use super::groups::Groups;
use super::{Link, Report};
use crate::model::{Diagram, EdgeKind};

/// A box at least this many times longer than it is thick...
const ELONGATION: f32 = 2.5;
/// ...and this many rank gaps long is a rail.
const RANK_GAPS: f32 = 2.0;
/// Free space between a rail and the boxes or containers above it.
const RAIL_GAP: f32 = 80.0;

/// The diagram without its rails, and how to put them back.
pub(super) struct Reduced {
    /// The diagram without rails, their edges, or their boundary places.
    pub(super) diagram: Diagram,
    /// Node index in `diagram` of each original node (`None` for rails).
    pub(super) index: Vec<Option<usize>>,
    /// Extra ranking links (reduced indices): producer → consumer through
    /// a rail.
    pub(super) flows: Vec<Link>,
    /// Per reduced node: whether it has an edge to or from a rail.
    pub(super) sinks: Vec<bool>,
    /// Per rail (original index): its neighbours (reduced indices).
    pub(super) rails: Vec<(usize, Vec<usize>)>,
}

/// Which nodes are rails, given each node's (along, cross) size and the
/// usual distance between ranks. A boundary's member is never one: its
/// container must hold it where the members are.
pub(super) fn find(diagram: &Diagram, sizes: &[(f32, f32)], rank_gap: f32) -> Vec<bool> {
    diagram
        .nodes
        .iter()
        .zip(sizes)
        .map(|(node, &(along, cross))| {
            along > ELONGATION * cross
                && along >= RANK_GAPS * rank_gap
                && !diagram
                    .boundaries
                    .iter()
                    .any(|b| b.nodes.contains(&node.id))
        })
        .collect()
}

/// What an event edge carries, for matching publishes with consumes: the
/// label up to a colon (`OrderCancelled: release` is `OrderCancelled`).
fn event(label: &str) -> Option<String> {
    let key = label.split(':').next().unwrap_or("").trim().to_lowercase();
    (!key.is_empty()).then_some(key)
}

/// Takes the rails out of `diagram`.
pub(super) fn reduce(diagram: &Diagram, rail: &[bool]) -> Reduced {
    let mut index = vec![None; diagram.nodes.len()];
    let mut reduced = Diagram {
        boundaries: diagram.boundaries.clone(),
        ..Diagram::default()
    };
    for (i, node) in diagram.nodes.iter().enumerate() {
        if !rail[i] {
            index[i] = Some(reduced.nodes.len());
            reduced.nodes.push(node.clone());
        }
    }
    let position: BTreeMap<&str, usize> = diagram.node_positions();
    let is_rail = |id: &str| position.get(id).is_some_and(|&i| rail[i]);
    for boundary in &mut reduced.boundaries {
        boundary.nodes.retain(|id| !is_rail(id.as_str()));
    }
    let mut sinks = vec![false; reduced.nodes.len()];
    let mut rails: Vec<(usize, Vec<usize>)> = Vec::new();
    let mut inbound: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    let mut outbound: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    for edge in &diagram.edges {
        let (Some(&from), Some(&to)) = (
            position.get(edge.from.as_str()),
            position.get(edge.to.as_str()),
        ) else {
            continue;
        };
        match (index[from], index[to]) {
            (Some(_), Some(_)) => reduced.edges.push(edge.clone()),
            (Some(a), None) => {
                sinks[a] = true;
                if let Some(key) = event(&edge.label) {
                    inbound.entry(to).or_default().push((a, key));
                }
                neighbour(&mut rails, to, a);
            }
            (None, Some(b)) => {
                sinks[b] = true;
                if let Some(key) = event(&edge.label) {
                    outbound.entry(from).or_default().push((b, key));
                }
                neighbour(&mut rails, from, b);
            }
            (None, None) => {}
        }
    }
    for (r, _) in diagram.nodes.iter().enumerate().filter(|&(i, _)| rail[i]) {
        if !rails.iter().any(|(x, _)| *x == r) {
            rails.push((r, Vec::new()));
        }
    }
    rails.sort_by_key(|(r, _)| *r);
    let mut flows = Vec::new();
    for (rail_index, published) in &inbound {
        let Some(consumed) = outbound.get(rail_index) else {
            continue;
        };
        for (from, key) in published {
            for (to, wanted) in consumed {
                if key == wanted && from != to {
                    flows.push(Link {
                        from: *from,
                        to: *to,
                        kind: EdgeKind::Async,
                    });
                }
            }
        }
    }
    Reduced {
        diagram: reduced,
        index,
        flows,
        sinks,
        rails,
    }
}

fn neighbour(rails: &mut Vec<(usize, Vec<usize>)>, rail: usize, node: usize) {
    match rails.iter_mut().find(|(r, _)| *r == rail) {
        Some((_, list)) => {
            if !list.contains(&node) {
                list.push(node);
            }
        }
        None => rails.push((rail, vec![node])),
    }
}

/// A box in the (along, cross) frame: centre and size.
#[derive(Clone, Copy, Debug)]
pub(super) struct Placed {
    pub(super) along: f32,
    pub(super) cross: f32,
    pub(super) along_size: f32,
    pub(super) cross_size: f32,
}

/// Centres for the rails: each under the columns of its neighbours (or of
/// everything, without neighbours), past every box and container whose
/// span along the reading direction it shares; later rails under earlier
/// ones. `obstacles` are the laid-out boxes and containers.
pub(super) fn place(
    rails: &[(Placed, Vec<usize>)],
    boxes: &[Placed],
    obstacles: &[Placed],
) -> Vec<(f32, f32)> {
    let span = |p: &Placed| (p.along - p.along_size * 0.5, p.along + p.along_size * 0.5);
    let whole = boxes
        .iter()
        .map(span)
        .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        .unwrap_or((0.0, 0.0));
    let mut taken: Vec<Placed> = obstacles.to_vec();
    let mut out = Vec::with_capacity(rails.len());
    for (rail, neighbours) in rails {
        let (lo, hi) = neighbours
            .iter()
            .filter_map(|&n| boxes.get(n))
            .map(span)
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
            .unwrap_or(whole);
        let along = (lo + hi) * 0.5;
        let (a0, a1) = (along - rail.along_size * 0.5, along + rail.along_size * 0.5);
        let floor = taken
            .iter()
            .filter(|o| {
                let (o0, o1) = span(o);
                o0 < a1 && o1 > a0
            })
            .map(|o| o.cross + o.cross_size * 0.5)
            .fold(f32::NEG_INFINITY, f32::max);
        let floor = if floor.is_finite() { floor } else { 0.0 };
        let cross = floor + RAIL_GAP + rail.cross_size * 0.5;
        let placed = Placed {
            along,
            cross,
            ..*rail
        };
        taken.push(placed);
        out.push((along, cross));
    }
    out
}

/// Lays out everything but the rails, then runs each rail under the
/// columns it serves.
pub(super) fn with_rails(
    diagram: &Diagram,
    sizes: &[(f32, f32)],
    rail: &[bool],
    horizontal: bool,
    report: &mut Report,
) -> Vec<(f32, f32)> {
    let reduced = reduce(diagram, rail);
    let inner_sizes: Vec<(f32, f32)> = (0..sizes.len())
        .filter(|&i| !rail[i])
        .map(|i| sizes[i])
        .collect();
    let inner = super::core(
        &reduced.diagram,
        &inner_sizes,
        horizontal,
        &reduced.flows,
        &reduced.sinks,
        report,
    );
    let boxes: Vec<Placed> = inner
        .iter()
        .zip(&inner_sizes)
        .map(|(&(along, cross), &(along_size, cross_size))| Placed {
            along,
            cross,
            along_size,
            cross_size,
        })
        .collect();
    // Containers, roughly as drawn: their members' boxes and some room.
    let mut obstacles = boxes.clone();
    let groups = Groups::new(&reduced.diagram);
    for g in 0..groups.root() {
        let members: Vec<&Placed> = groups
            .owner
            .iter()
            .enumerate()
            .filter(|&(_, &o)| groups.within(o, g))
            .map(|(v, _)| &boxes[v])
            .collect();
        let extent = |f: &dyn Fn(&Placed) -> (f32, f32)| {
            members
                .iter()
                .map(|p| f(p))
                .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
        };
        let along = extent(&|p| (p.along - p.along_size * 0.5, p.along + p.along_size * 0.5));
        let cross = extent(&|p| (p.cross - p.cross_size * 0.5, p.cross + p.cross_size * 0.5));
        if let (Some(a), Some(c)) = (along, cross) {
            let room = 2.0 * super::place::BOUNDARY_PAD;
            obstacles.push(Placed {
                along: (a.0 + a.1) * 0.5,
                cross: (c.0 + c.1) * 0.5,
                along_size: a.1 - a.0 + 2.0 * room,
                cross_size: c.1 - c.0 + 2.0 * room,
            });
        }
    }
    let wanted: Vec<(Placed, Vec<usize>)> = reduced
        .rails
        .iter()
        .map(|(r, neighbours)| {
            let (along_size, cross_size) = sizes[*r];
            let placed = Placed {
                along: 0.0,
                cross: 0.0,
                along_size,
                cross_size,
            };
            (placed, neighbours.clone())
        })
        .collect();
    let placed = place(&wanted, &boxes, &obstacles);
    let mut out = vec![(0.0, 0.0); sizes.len()];
    for (i, slot) in reduced.index.iter().enumerate() {
        if let Some(k) = *slot {
            out[i] = inner[k];
        }
    }
    for ((r, _), p) in reduced.rails.iter().zip(placed) {
        out[*r] = p;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Node, NodeKind, Point, Size};

    #[test]
    fn events_through_a_rail_order_producers_before_consumers() {
        let mut d = Diagram::default();
        for id in ["order", "bus", "stock", "mail"] {
            d.nodes
                .push(Node::new(id, id, NodeKind::Service, Point::default()));
        }
        d.nodes[1].kind = NodeKind::Bus;
        d.nodes[1].size = Some(Size { w: 900.0, h: 56.0 });
        let mut edge = |id: &str, from: &str, to: &str, label: &str| {
            let mut e = Edge::new(id, from, to, EdgeKind::Async);
            label.clone_into(&mut e.label);
            d.edges.push(e);
        };
        edge("a", "order", "bus", "OrderCreated");
        edge("b", "bus", "stock", "OrderCreated: reserve");
        edge("c", "bus", "mail", "Other");
        edge("d", "order", "stock", "");
        let sizes: Vec<(f32, f32)> = d.nodes.iter().map(|n| (n.size().w, n.size().h)).collect();
        let rail = find(&d, &sizes, 230.0);
        assert_eq!(rail, vec![false, true, false, false]);
        let reduced = reduce(&d, &rail);
        assert_eq!(reduced.diagram.nodes.len(), 3);
        assert_eq!(reduced.diagram.edges.len(), 1);
        assert_eq!(reduced.index, vec![Some(0), None, Some(1), Some(2)]);
        assert_eq!(
            reduced
                .flows
                .iter()
                .map(|l| (l.from, l.to))
                .collect::<Vec<_>>(),
            vec![(0, 1)]
        );
        assert_eq!(reduced.sinks, vec![true, true, true]);
        assert_eq!(reduced.rails, vec![(1, vec![0, 1, 2])]);
    }

    #[test]
    fn a_rail_runs_under_what_it_spans() {
        let at = |along, cross| Placed {
            along,
            cross,
            along_size: 160.0,
            cross_size: 60.0,
        };
        let boxes = [at(0.0, 0.0), at(230.0, 100.0), at(2000.0, 900.0)];
        let rail = Placed {
            along: 0.0,
            cross: 0.0,
            along_size: 600.0,
            cross_size: 56.0,
        };
        let out = place(&[(rail, vec![0, 1])], &boxes, &boxes);
        // Centred on its neighbours' columns; under the lower of them, not
        // under the far box it does not reach.
        assert!((out[0].0 - 115.0).abs() < 1e-3);
        assert!((out[0].1 - (130.0 + RAIL_GAP + 28.0)).abs() < 1e-3);
    }
}
