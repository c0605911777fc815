//! What the user can do to a document, as data. The UI emits [`Command`]s;
//! [`super::Editor`] turns each into invertible ops and applies it once.

use std::collections::BTreeSet;

use super::ops::Op;
use super::structure;
use crate::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeId, EdgeKind, EdgeTraffic, Node, NodeCapacity, NodeId,
    NodeKind, Point, Step,
};

/// A user intent on the document.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Place a new node (its id is generated).
    AddNode {
        /// Kind of the new node.
        kind: NodeKind,
        /// Its label.
        label: String,
        /// Its centre.
        pos: Point,
    },
    /// Move nodes by a delta (one drag = one command).
    Move {
        /// Nodes to move.
        ids: Vec<NodeId>,
        /// Horizontal delta.
        dx: f32,
        /// Vertical delta.
        dy: f32,
    },
    /// Change a node's label.
    Rename {
        /// The node.
        id: NodeId,
        /// New label.
        label: String,
    },
    /// Change a node's notes.
    SetNotes {
        /// The node.
        id: NodeId,
        /// New notes (trimmed; may be empty).
        notes: String,
    },
    /// Change a node's kind.
    SetKind {
        /// The node.
        id: NodeId,
        /// New kind.
        kind: NodeKind,
    },
    /// Draw an edge.
    Connect {
        /// Source node.
        from: NodeId,
        /// Target node.
        to: NodeId,
        /// What the arrow means.
        kind: EdgeKind,
    },
    /// Change an edge's kind.
    SetEdgeKind {
        /// The edge.
        id: EdgeId,
        /// New kind.
        kind: EdgeKind,
    },
    /// Change an edge's label (event name).
    SetEdgeLabel {
        /// The edge.
        id: EdgeId,
        /// New label.
        label: String,
    },
    /// Delete nodes (with their edges) and edges.
    Delete {
        /// Nodes to delete.
        nodes: Vec<NodeId>,
        /// Edges to delete.
        edges: Vec<EdgeId>,
    },
    /// Put nodes into a new named boundary.
    Group {
        /// Members.
        ids: Vec<NodeId>,
        /// Boundary name.
        label: String,
    },
    /// Dissolve a boundary (its members stay).
    Ungroup {
        /// The boundary.
        id: BoundaryId,
    },
    /// Rename a boundary.
    RenameBoundary {
        /// The boundary.
        id: BoundaryId,
        /// New name.
        label: String,
    },
    /// Put nodes at absolute positions (Tidy, snap to grid): one step.
    Place {
        /// Each node's new centre.
        positions: Vec<(NodeId, Point)>,
    },
    /// Set a node's capacity figures for the simulator (empty: its kind's
    /// defaults).
    SetCapacity {
        /// The node.
        id: NodeId,
        /// The figures.
        capacity: NodeCapacity,
    },
    /// Set how traffic takes an arrow (share, write fraction).
    SetEdgeTraffic {
        /// The edge.
        id: EdgeId,
        /// The figures.
        traffic: EdgeTraffic,
    },
    /// Replace the narrated walkthrough (the user's own narration steps):
    /// one step however many steps changed.
    SetWalkthrough {
        /// The new steps.
        steps: Vec<Step>,
    },
    /// Insert a copied fragment (nodes, the edges among them, boundaries
    /// wholly inside it), shifted by a delta, under fresh ids.
    Paste {
        /// The fragment; ids are replaced on insertion.
        fragment: Box<Diagram>,
        /// Horizontal shift.
        dx: f32,
        /// Vertical shift.
        dy: f32,
    },
}

/// Why a command cannot be applied.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum EditError {
    /// A node id the document does not have.
    #[error("no node `{0}`")]
    UnknownNode(String),
    /// An edge id the document does not have.
    #[error("no edge `{0}`")]
    UnknownEdge(String),
    /// A boundary id the document does not have.
    #[error("no boundary `{0}`")]
    UnknownBoundary(String),
    /// Labels may not be empty.
    #[error("a label cannot be empty")]
    EmptyLabel,
    /// A move by a non-finite amount.
    #[error("a move must be by a finite amount")]
    BadMove,
    /// An op was out of range (a bug; nothing was changed).
    #[error(transparent)]
    Op(#[from] super::ops::OpError),
}

/// A fresh id `prefix-N` not used by any node, edge or boundary.
#[must_use]
pub fn fresh_id(d: &Diagram, prefix: &str) -> String {
    FreshIds::of(d).next(prefix)
}

/// Hands out `prefix-N` ids used by no node, edge or boundary of a diagram
/// nor by any id handed out before (for commands that add several things).
pub(super) struct FreshIds {
    used: BTreeSet<String>,
}

impl FreshIds {
    pub(super) fn of(d: &Diagram) -> Self {
        let used = d
            .nodes
            .iter()
            .map(|n| n.id.to_string())
            .chain(d.edges.iter().map(|e| e.id.to_string()))
            .chain(d.boundaries.iter().map(|b| b.id.to_string()))
            .collect();
        Self { used }
    }

    pub(super) fn next(&mut self, prefix: &str) -> String {
        // Among len + 1 candidates at least one is free.
        let id = (1..=self.used.len() + 1)
            .map(|n| format!("{prefix}-{n}"))
            .find(|id| !self.used.contains(id))
            .unwrap_or_default();
        self.used.insert(id.clone());
        id
    }
}

pub(super) fn node_index(d: &Diagram, id: &NodeId) -> Result<usize, EditError> {
    d.nodes
        .iter()
        .position(|n| n.id == *id)
        .ok_or_else(|| EditError::UnknownNode(id.to_string()))
}

pub(super) fn edge_index(d: &Diagram, id: &EdgeId) -> Result<usize, EditError> {
    d.edges
        .iter()
        .position(|e| e.id == *id)
        .ok_or_else(|| EditError::UnknownEdge(id.to_string()))
}

impl Command {
    /// The ops that perform this command on `d` (empty when it changes
    /// nothing).
    ///
    /// # Errors
    /// [`EditError`] when the command names things `d` lacks or is invalid.
    pub fn to_ops(&self, d: &Diagram) -> Result<Vec<Op>, EditError> {
        match self {
            Self::AddNode { kind, label, pos } => {
                let label = label.trim();
                if label.is_empty() {
                    return Err(EditError::EmptyLabel);
                }
                let id = fresh_id(d, kind.id());
                Ok(vec![Op::InsertNode(
                    d.nodes.len(),
                    Node::new(&id, label, *kind, *pos),
                )])
            }
            Self::Move { ids, dx, dy } => move_ops(d, ids, *dx, *dy),
            Self::Rename { id, label } => {
                let label = label.trim();
                if label.is_empty() {
                    return Err(EditError::EmptyLabel);
                }
                set_node(d, id, |n| label.clone_into(&mut n.label))
            }
            Self::SetNotes { id, notes } => {
                set_node(d, id, |n| notes.trim().clone_into(&mut n.notes))
            }
            Self::SetKind { id, kind } => set_node(d, id, |n| n.kind = *kind),
            Self::Connect { from, to, kind } => {
                node_index(d, from)?;
                node_index(d, to)?;
                let id = fresh_id(d, "e");
                Ok(vec![Op::InsertEdge(
                    d.edges.len(),
                    Edge::new(&id, from.as_str(), to.as_str(), *kind),
                )])
            }
            Self::SetEdgeKind { id, kind } => {
                let i = edge_index(d, id)?;
                if d.edges[i].kind == *kind {
                    return Ok(Vec::new());
                }
                Ok(vec![Op::SetEdge(
                    i,
                    Edge {
                        kind: *kind,
                        ..d.edges[i].clone()
                    },
                )])
            }
            Self::SetEdgeLabel { id, label } => {
                let i = edge_index(d, id)?;
                let label = label.trim();
                if d.edges[i].label == label {
                    return Ok(Vec::new());
                }
                Ok(vec![Op::SetEdge(
                    i,
                    Edge {
                        label: label.to_owned(),
                        ..d.edges[i].clone()
                    },
                )])
            }
            Self::SetCapacity { id, capacity } => set_node(d, id, |n| n.capacity = *capacity),
            Self::SetEdgeTraffic { id, traffic } => {
                let i = edge_index(d, id)?;
                if d.edges[i].traffic == *traffic {
                    return Ok(Vec::new());
                }
                Ok(vec![Op::SetEdge(
                    i,
                    Edge {
                        traffic: *traffic,
                        ..d.edges[i].clone()
                    },
                )])
            }
            Self::Delete { nodes, edges } => structure::delete_ops(d, nodes, edges),
            Self::Group { ids, label } => structure::group_ops(d, ids, label),
            Self::Ungroup { id } => structure::ungroup_ops(d, id),
            Self::RenameBoundary { id, label } => rename_boundary_ops(d, id, label),
            Self::Place { positions } => place_ops(d, positions),
            Self::Paste { fragment, dx, dy } => structure::paste_ops(d, fragment, *dx, *dy),
            Self::SetWalkthrough { steps } => walkthrough_ops(d, steps),
        }
    }
}

fn move_ops(d: &Diagram, ids: &[NodeId], dx: f32, dy: f32) -> Result<Vec<Op>, EditError> {
    if !dx.is_finite() || !dy.is_finite() {
        return Err(EditError::BadMove);
    }
    if dx == 0.0 && dy == 0.0 {
        return Ok(Vec::new());
    }
    let mut ops = Vec::new();
    let unique: BTreeSet<&NodeId> = ids.iter().collect();
    for id in unique {
        let i = node_index(d, id)?;
        let mut node = d.nodes[i].clone();
        node.pos = Point::new(node.pos.x + dx, node.pos.y + dy);
        ops.push(Op::SetNode(i, node));
    }
    Ok(ops)
}

fn rename_boundary_ops(d: &Diagram, id: &BoundaryId, label: &str) -> Result<Vec<Op>, EditError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(EditError::EmptyLabel);
    }
    let i = d
        .boundaries
        .iter()
        .position(|b| b.id == *id)
        .ok_or_else(|| EditError::UnknownBoundary(id.to_string()))?;
    if d.boundaries[i].label == label {
        return Ok(Vec::new());
    }
    Ok(vec![Op::SetBoundary(
        i,
        Boundary {
            label: label.to_owned(),
            ..d.boundaries[i].clone()
        },
    )])
}

/// Sets absolute node positions; unchanged nodes produce no op.
fn place_ops(d: &Diagram, positions: &[(NodeId, Point)]) -> Result<Vec<Op>, EditError> {
    let mut wanted: std::collections::BTreeMap<usize, Point> = std::collections::BTreeMap::new();
    for (id, pos) in positions {
        if !pos.x.is_finite() || !pos.y.is_finite() {
            return Err(EditError::BadMove);
        }
        wanted.insert(node_index(d, id)?, *pos);
    }
    Ok(wanted
        .into_iter()
        .filter(|(i, pos)| d.nodes[*i].pos != *pos)
        .map(|(i, pos)| {
            Op::SetNode(
                i,
                Node {
                    pos,
                    ..d.nodes[i].clone()
                },
            )
        })
        .collect())
}

/// The op replacing the walkthrough; highlights must name existing nodes
/// and edges; nothing when the steps are unchanged.
fn walkthrough_ops(d: &Diagram, steps: &[Step]) -> Result<Vec<Op>, EditError> {
    for step in steps {
        if let Some(missing) = step.nodes.iter().find(|id| d.node(id.as_str()).is_none()) {
            return Err(EditError::UnknownNode(missing.to_string()));
        }
        if let Some(missing) = step
            .edges
            .iter()
            .find(|id| !d.edges.iter().any(|e| &e.id == *id))
        {
            return Err(EditError::UnknownEdge(missing.to_string()));
        }
    }
    if d.walkthrough == steps {
        return Ok(Vec::new());
    }
    Ok(vec![Op::SetWalkthrough(steps.to_vec())])
}

/// The op changing node `id` as `change` does; nothing when it changes
/// nothing.
fn set_node(
    d: &Diagram,
    id: &NodeId,
    change: impl FnOnce(&mut Node),
) -> Result<Vec<Op>, EditError> {
    let i = node_index(d, id)?;
    let mut node = d.nodes[i].clone();
    change(&mut node);
    if node == d.nodes[i] {
        return Ok(Vec::new());
    }
    Ok(vec![Op::SetNode(i, node)])
}
