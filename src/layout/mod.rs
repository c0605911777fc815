//! Layered layout: places every node of a diagram in ranks along a reading
//! direction. Longest-path ranks (cycles broken by dropping DFS back edges;
//! events into a node that is also called are left out of the ranking),
//! then, rank by rank, each node placed as close as possible to the mean of
//! its already-placed predecessors. Boundaries are laid out inside-out as
//! solid blocks, so a boundary's container never overlaps a node outside
//! it. Plain Rust over the model; no egui.

mod groups;
mod place;
mod rank;

use std::collections::BTreeMap;

use crate::model::{Diagram, EdgeKind, NodeId, Point};
use groups::Groups;
use place::Layout;
use rank::{drop_back_edges, longest_path_ranks};

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

    pub(crate) const fn horizontal(self) -> bool {
        matches!(self, Self::LeftRight | Self::RightLeft)
    }
}

/// The "Tidy" layout: each node's new centre, left to right, in document
/// order. The diagram itself is not changed (the caller applies the
/// positions as one undoable step).
#[must_use]
pub fn tidy(diagram: &Diagram) -> Vec<(NodeId, Point)> {
    let mut laid = diagram.clone();
    layered(&mut laid, Direction::LeftRight);
    laid.nodes.into_iter().map(|n| (n.id, n.pos)).collect()
}

/// Positions every node of `diagram` in layers along `direction`. Sizes
/// come from the node kinds; boundaries are respected.
pub fn layered(diagram: &mut Diagram, direction: Direction) {
    let n = diagram.nodes.len();
    if n == 0 {
        return;
    }
    let index: BTreeMap<&str, usize> = diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let ends: Vec<Option<(usize, usize, bool)>> = diagram
        .edges
        .iter()
        .map(|edge| {
            let (&a, &b) = (index.get(edge.from.as_str())?, index.get(edge.to.as_str())?);
            let weak = matches!(edge.kind, EdgeKind::Async | EdgeKind::Compensation);
            (a != b).then_some((a, b, weak))
        })
        .collect();
    // A node reached by a call or a data access is ranked by those; events
    // into it (a service consuming from the bus it published to) would
    // otherwise push it far down the line.
    let mut strong_in = vec![false; n];
    for &(_, b, weak) in ends.iter().flatten() {
        strong_in[b] |= !weak;
    }
    let mut succs = vec![Vec::new(); n];
    let mut first_in = vec![usize::MAX; n];
    for (i, &(a, b, weak)) in ends
        .iter()
        .enumerate()
        .filter_map(|(i, e)| e.as_ref().map(|e| (i, e)))
    {
        first_in[b] = first_in[b].min(i);
        if !(weak && strong_in[b]) {
            succs[a].push(b);
        }
    }
    let forward = drop_back_edges(&succs);
    let rank = longest_path_ranks(&forward);
    let mut preds = vec![Vec::new(); n];
    for (a, targets) in forward.iter().enumerate() {
        for &b in targets {
            preds[b].push(a);
        }
    }
    let (cross, rank_pos) = {
        let mut layout = Layout {
            diagram,
            direction,
            rank,
            preds,
            first_in,
        };
        let groups = Groups::new(layout.diagram);
        let root = layout.group_block(&groups, None, 0);
        let mut cross = vec![0.0; n];
        for (node, c) in root.members {
            cross[node] = c;
        }
        let rank_pos = layout.rank_positions(&groups);
        (
            cross,
            layout
                .rank
                .iter()
                .map(|r| rank_pos[*r])
                .collect::<Vec<f32>>(),
        )
    };
    for (i, node) in diagram.nodes.iter_mut().enumerate() {
        let (along, across) = (rank_pos[i], cross[i]);
        node.pos = match direction {
            Direction::LeftRight => Point::new(along, across),
            Direction::RightLeft => Point::new(-along, across),
            Direction::TopBottom => Point::new(across, along),
            Direction::BottomTop => Point::new(across, -along),
        };
    }
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
