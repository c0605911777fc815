//! What the user can do to a document, as data. The UI emits [`Command`]s;
//! [`super::Editor`] turns each into invertible ops and applies it once.

use std::collections::BTreeSet;

use super::ops::Op;
use crate::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, Point,
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
    /// Insert a copied fragment (nodes, the edges among them, boundaries
    /// wholly inside it), shifted by a delta, under fresh ids.
    Paste {
        /// The fragment; ids are replaced on insertion.
        fragment: Diagram,
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
    let used: BTreeSet<&str> = d
        .nodes
        .iter()
        .map(|n| n.id.as_str())
        .chain(d.edges.iter().map(|e| e.id.as_str()))
        .chain(d.boundaries.iter().map(|b| b.id.as_str()))
        .collect();
    // Among len + 1 candidates at least one is free.
    (1..=used.len() + 1)
        .map(|n| format!("{prefix}-{n}"))
        .find(|id| !used.contains(id.as_str()))
        .unwrap_or_default()
}

fn node_index(d: &Diagram, id: &NodeId) -> Result<usize, EditError> {
    d.nodes
        .iter()
        .position(|n| n.id == *id)
        .ok_or_else(|| EditError::UnknownNode(id.to_string()))
}

fn edge_index(d: &Diagram, id: &EdgeId) -> Result<usize, EditError> {
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
            Self::Move { ids, dx, dy } => {
                if !dx.is_finite() || !dy.is_finite() {
                    return Err(EditError::BadMove);
                }
                if *dx == 0.0 && *dy == 0.0 {
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
            Self::Rename { id, label } => {
                let label = label.trim();
                if label.is_empty() {
                    return Err(EditError::EmptyLabel);
                }
                let i = node_index(d, id)?;
                if d.nodes[i].label == label {
                    return Ok(Vec::new());
                }
                Ok(vec![Op::SetNode(
                    i,
                    Node {
                        label: label.to_owned(),
                        ..d.nodes[i].clone()
                    },
                )])
            }
            Self::SetKind { id, kind } => {
                let i = node_index(d, id)?;
                if d.nodes[i].kind == *kind {
                    return Ok(Vec::new());
                }
                Ok(vec![Op::SetNode(
                    i,
                    Node {
                        kind: *kind,
                        ..d.nodes[i].clone()
                    },
                )])
            }
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
            Self::Delete { nodes, edges } => delete_ops(d, nodes, edges),
            Self::Group { ids, label } => group_ops(d, ids, label),
            Self::Ungroup { id } => ungroup_ops(d, id),
            Self::RenameBoundary { id, label } => {
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
            Self::Place { positions } => place_ops(d, positions),
            Self::Paste { fragment, dx, dy } => paste_ops(d, fragment, *dx, *dy),
        }
    }
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

/// Inserts a fragment under fresh ids. Edges whose ends are not both in
/// the fragment, and boundaries with no member in it, are dropped.
fn paste_ops(d: &Diagram, fragment: &Diagram, dx: f32, dy: f32) -> Result<Vec<Op>, EditError> {
    if !dx.is_finite() || !dy.is_finite() {
        return Err(EditError::BadMove);
    }
    // Grow a scratch copy so each fresh id also avoids the ones just made.
    let mut scratch = Diagram {
        nodes: d.nodes.clone(),
        edges: d.edges.clone(),
        boundaries: d.boundaries.clone(),
        ..Diagram::default()
    };
    let mut ops = Vec::new();
    let mut node_ids: std::collections::BTreeMap<&NodeId, NodeId> =
        std::collections::BTreeMap::new();
    for node in &fragment.nodes {
        let id = NodeId(fresh_id(&scratch, node.kind.id()));
        let new = Node {
            id: id.clone(),
            pos: Point::new(node.pos.x + dx, node.pos.y + dy),
            ..node.clone()
        };
        ops.push(Op::InsertNode(scratch.nodes.len(), new.clone()));
        scratch.nodes.push(new);
        node_ids.insert(&node.id, id);
    }
    for edge in &fragment.edges {
        let (Some(from), Some(to)) = (node_ids.get(&edge.from), node_ids.get(&edge.to)) else {
            continue;
        };
        let new = Edge {
            id: EdgeId(fresh_id(&scratch, "e")),
            from: from.clone(),
            to: to.clone(),
            ..edge.clone()
        };
        ops.push(Op::InsertEdge(scratch.edges.len(), new.clone()));
        scratch.edges.push(new);
    }
    let mut boundary_ids: std::collections::BTreeMap<&BoundaryId, BoundaryId> =
        std::collections::BTreeMap::new();
    for b in &fragment.boundaries {
        let nodes: Vec<NodeId> = b
            .nodes
            .iter()
            .filter_map(|n| node_ids.get(n).cloned())
            .collect();
        let has_child = fragment
            .boundaries
            .iter()
            .any(|c| c.parent.as_ref() == Some(&b.id));
        if nodes.is_empty() && !has_child {
            continue;
        }
        let id = BoundaryId(fresh_id(&scratch, "group"));
        boundary_ids.insert(&b.id, id.clone());
        let new = Boundary {
            id,
            label: b.label.clone(),
            parent: None,
            nodes,
        };
        scratch.boundaries.push(new);
    }
    // Parents are set once every pasted boundary has its new id; a parent
    // outside the fragment is dropped.
    let first = d.boundaries.len();
    let mut pasted = scratch.boundaries.split_off(first);
    for (new, old) in pasted.iter_mut().zip(
        fragment
            .boundaries
            .iter()
            .filter(|b| boundary_ids.contains_key(&b.id)),
    ) {
        new.parent = old
            .parent
            .as_ref()
            .and_then(|p| boundary_ids.get(p).cloned());
    }
    for (k, b) in pasted.into_iter().enumerate() {
        ops.push(Op::InsertBoundary(first + k, b));
    }
    Ok(ops)
}

/// Ops taking `members` out of every boundary that lists them.
fn leave_boundaries(d: &Diagram, members: &BTreeSet<&NodeId>) -> Vec<Op> {
    d.boundaries
        .iter()
        .enumerate()
        .filter(|(_, b)| b.nodes.iter().any(|n| members.contains(n)))
        .map(|(i, b)| {
            let kept = b
                .nodes
                .iter()
                .filter(|n| !members.contains(n))
                .cloned()
                .collect();
            Op::SetBoundary(
                i,
                Boundary {
                    nodes: kept,
                    ..b.clone()
                },
            )
        })
        .collect()
}

/// Puts nodes into a new boundary, taking them out of any other.
fn group_ops(d: &Diagram, ids: &[NodeId], label: &str) -> Result<Vec<Op>, EditError> {
    let label = label.trim();
    if label.is_empty() {
        return Err(EditError::EmptyLabel);
    }
    let members: BTreeSet<&NodeId> = ids.iter().collect();
    for id in &members {
        node_index(d, id)?;
    }
    // A node belongs to one boundary: take members out of others.
    let mut ops = leave_boundaries(d, &members);
    let id = fresh_id(d, "group");
    let boundary = Boundary {
        id: BoundaryId(id),
        label: label.to_owned(),
        parent: None,
        nodes: d
            .nodes
            .iter()
            .filter(|n| members.contains(&n.id))
            .map(|n| n.id.clone())
            .collect(),
    };
    ops.push(Op::InsertBoundary(d.boundaries.len(), boundary));
    Ok(ops)
}

/// Removes a boundary; its children move up to its parent.
fn ungroup_ops(d: &Diagram, id: &BoundaryId) -> Result<Vec<Op>, EditError> {
    let i = d
        .boundaries
        .iter()
        .position(|b| b.id == *id)
        .ok_or_else(|| EditError::UnknownBoundary(id.to_string()))?;
    let mut ops = Vec::new();
    // Children move up to this boundary's parent.
    for (j, child) in d.boundaries.iter().enumerate() {
        if child.parent.as_ref() == Some(id) {
            ops.push(Op::SetBoundary(
                j,
                Boundary {
                    parent: d.boundaries[i].parent.clone(),
                    ..child.clone()
                },
            ));
        }
    }
    ops.push(Op::RemoveBoundary(i));
    Ok(ops)
}

/// Removes edges (named, and those touching deleted nodes), memberships,
/// walkthrough references, then nodes — highest index first so earlier
/// indices stay put.
fn delete_ops(d: &Diagram, nodes: &[NodeId], edges: &[EdgeId]) -> Result<Vec<Op>, EditError> {
    let node_set: BTreeSet<&NodeId> = nodes.iter().collect();
    for id in &node_set {
        node_index(d, id)?;
    }
    let mut edge_set: BTreeSet<usize> = BTreeSet::new();
    for id in edges {
        edge_set.insert(edge_index(d, id)?);
    }
    for (i, e) in d.edges.iter().enumerate() {
        if node_set.contains(&e.from) || node_set.contains(&e.to) {
            edge_set.insert(i);
        }
    }
    let mut ops: Vec<Op> = edge_set.iter().rev().map(|&i| Op::RemoveEdge(i)).collect();
    ops.extend(leave_boundaries(d, &node_set));
    // Walkthrough steps forget what no longer exists.
    let gone_edges: BTreeSet<&str> = edge_set.iter().map(|&i| d.edges[i].id.as_str()).collect();
    let touches = |s: &crate::model::Step| {
        s.nodes.iter().any(|n| node_set.contains(n))
            || s.edges.iter().any(|e| gone_edges.contains(e.as_str()))
    };
    if d.walkthrough.iter().any(touches) {
        let steps = d
            .walkthrough
            .iter()
            .map(|s| crate::model::Step {
                nodes: s
                    .nodes
                    .iter()
                    .filter(|n| !node_set.contains(n))
                    .cloned()
                    .collect(),
                edges: s
                    .edges
                    .iter()
                    .filter(|e| !gone_edges.contains(e.as_str()))
                    .cloned()
                    .collect(),
                ..s.clone()
            })
            .collect();
        ops.push(Op::SetWalkthrough(steps));
    }
    // A reference's roles forget deleted nodes too.
    if let Some(spec) = &d.check
        && spec.roles.iter().any(|r| node_set.contains(&r.node))
    {
        let mut spec = spec.clone();
        spec.roles.retain(|r| !node_set.contains(&r.node));
        ops.push(Op::SetCheck(Some(spec)));
    }
    let mut node_indices: Vec<usize> = node_set
        .iter()
        .map(|id| node_index(d, id))
        .collect::<Result<_, _>>()?;
    node_indices.sort_unstable();
    ops.extend(node_indices.into_iter().rev().map(Op::RemoveNode));
    Ok(ops)
}
