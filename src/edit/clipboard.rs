//! Copy and paste of diagram fragments. A fragment is a small [`Diagram`]:
//! the copied nodes, the edges among them and the boundaries wholly inside
//! them. On the system clipboard it travels as RON behind a marker line, so
//! pasting text that is not a fragment is recognised and left alone.

use std::collections::BTreeSet;

use crate::model::Diagram;
use crate::model::file::{from_ron, to_ron};

/// First line of a fragment on the clipboard.
const MARKER: &str = "// archdrill fragment";

/// The part of `d` made of the nodes `ids`: those nodes (in document
/// order), the edges with both ends among them, and the boundaries whose
/// every member is among them (a nested boundary keeps its parent only if
/// that parent is copied too).
#[must_use]
pub fn fragment(d: &Diagram, ids: &[&str]) -> Diagram {
    let wanted: BTreeSet<&str> = ids.iter().copied().collect();
    let nodes: Vec<_> = d
        .nodes
        .iter()
        .filter(|n| wanted.contains(n.id.as_str()))
        .cloned()
        .collect();
    let edges = d
        .edges
        .iter()
        .filter(|e| wanted.contains(e.from.as_str()) && wanted.contains(e.to.as_str()))
        .cloned()
        .collect();
    let inside: BTreeSet<&str> = d
        .boundaries
        .iter()
        .filter(|b| {
            let members = d.boundary_members(b.id.as_str());
            !members.is_empty() && members.iter().all(|m| wanted.contains(m.as_str()))
        })
        .map(|b| b.id.as_str())
        .collect();
    let boundaries = d
        .boundaries
        .iter()
        .filter(|b| inside.contains(b.id.as_str()))
        .map(|b| {
            let mut b = b.clone();
            b.parent = b.parent.filter(|p| inside.contains(p.as_str()));
            b
        })
        .collect();
    Diagram {
        nodes,
        edges,
        boundaries,
        ..Diagram::default()
    }
}

/// The clipboard text of a fragment (`None` if it cannot be written).
#[must_use]
pub fn to_text(fragment: &Diagram) -> Option<String> {
    to_ron(fragment).ok().map(|ron| format!("{MARKER}\n{ron}"))
}

/// The fragment in clipboard text, if the text is one and it is valid.
#[must_use]
pub fn from_text(text: &str) -> Option<Diagram> {
    let body = text.trim_start().strip_prefix(MARKER)?;
    from_ron(body, "clipboard").ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Boundary, BoundaryId, Edge, EdgeKind, Node, NodeId, NodeKind, Point};

    fn sample() -> Diagram {
        Diagram {
            nodes: vec![
                Node::new("a", "A", NodeKind::Service, Point::new(0.0, 0.0)),
                Node::new("b", "B", NodeKind::Database, Point::new(100.0, 0.0)),
                Node::new("c", "C", NodeKind::Cache, Point::new(200.0, 0.0)),
            ],
            edges: vec![
                Edge::new("e1", "a", "b", EdgeKind::Data),
                Edge::new("e2", "b", "c", EdgeKind::Data),
            ],
            boundaries: vec![
                Boundary {
                    id: BoundaryId("outer".into()),
                    label: "Outer".into(),
                    parent: None,
                    nodes: vec![NodeId("c".into())],
                },
                Boundary {
                    id: BoundaryId("inner".into()),
                    label: "Inner".into(),
                    parent: Some(BoundaryId("outer".into())),
                    nodes: vec![NodeId("a".into()), NodeId("b".into())],
                },
            ],
            ..Diagram::default()
        }
    }

    #[test]
    fn fragment_keeps_inner_edges_and_whole_boundaries() {
        let f = fragment(&sample(), &["a", "b"]);
        assert_eq!(f.nodes.len(), 2);
        assert_eq!(f.edges.len(), 1);
        assert_eq!(f.edges[0].id.as_str(), "e1");
        assert_eq!(f.boundaries.len(), 1, "outer also holds c: not copied");
        assert_eq!(f.boundaries[0].id.as_str(), "inner");
        assert_eq!(f.boundaries[0].parent, None, "its parent stayed behind");
        let all = fragment(&sample(), &["a", "b", "c"]);
        assert_eq!(all.boundaries.len(), 2);
        assert_eq!(all.boundaries[1].parent, Some(BoundaryId("outer".into())));
    }

    #[test]
    fn text_round_trips_and_rejects_other_text() {
        let f = fragment(&sample(), &["a", "b"]);
        let text = to_text(&f).unwrap_or_default();
        assert!(text.starts_with(MARKER));
        assert_eq!(from_text(&text), Some(f));
        assert_eq!(from_text("flowchart LR\n a --> b"), None);
        assert_eq!(from_text(&format!("{MARKER}\n(broken")), None);
    }
}
