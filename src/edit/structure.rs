//! Ops that change the document's structure: paste a fragment, group and
//! ungroup boundaries, delete nodes and edges with everything that refers
//! to them.

use std::collections::{BTreeMap, BTreeSet};

use super::command::{EditError, FreshIds, edge_index, fresh_id, node_index};
use super::ops::Op;
use crate::model::{Boundary, BoundaryId, Diagram, Edge, EdgeId, Node, NodeId, Point};

/// Inserts a fragment under fresh ids. Edges whose ends are not both in
/// the fragment, and boundaries with no member in it, are dropped.
pub(super) fn paste_ops(
    d: &Diagram,
    fragment: &Diagram,
    dx: f32,
    dy: f32,
) -> Result<Vec<Op>, EditError> {
    if !dx.is_finite() || !dy.is_finite() {
        return Err(EditError::BadMove);
    }
    let mut ids = FreshIds::of(d);
    let mut ops = Vec::new();
    let mut node_ids: BTreeMap<&NodeId, NodeId> = BTreeMap::new();
    for (k, node) in fragment.nodes.iter().enumerate() {
        let id = NodeId(ids.next(node.kind.id()));
        node_ids.insert(&node.id, id.clone());
        let new = Node {
            id,
            pos: Point::new(node.pos.x + dx, node.pos.y + dy),
            ..node.clone()
        };
        ops.push(Op::InsertNode(d.nodes.len() + k, new));
    }
    let edges: Vec<Edge> = fragment
        .edges
        .iter()
        .filter_map(|edge| {
            let (from, to) = (node_ids.get(&edge.from)?, node_ids.get(&edge.to)?);
            Some(Edge {
                id: EdgeId(ids.next("e")),
                from: from.clone(),
                to: to.clone(),
                ..edge.clone()
            })
        })
        .collect();
    for (k, edge) in edges.into_iter().enumerate() {
        ops.push(Op::InsertEdge(d.edges.len() + k, edge));
    }
    // Boundaries keeping a member or a nested boundary, with new ids first
    // so parents can be mapped; a parent outside the fragment is dropped.
    let kept: Vec<(&Boundary, BoundaryId, Vec<NodeId>)> = fragment
        .boundaries
        .iter()
        .filter_map(|b| {
            let nodes: Vec<NodeId> = b
                .nodes
                .iter()
                .filter_map(|n| node_ids.get(n).cloned())
                .collect();
            let has_child = fragment
                .boundaries
                .iter()
                .any(|c| c.parent.as_ref() == Some(&b.id));
            (!nodes.is_empty() || has_child).then(|| (b, BoundaryId(ids.next("group")), nodes))
        })
        .collect();
    let boundary_ids: BTreeMap<&BoundaryId, &BoundaryId> =
        kept.iter().map(|(b, id, _)| (&b.id, id)).collect();
    for (k, (b, id, nodes)) in kept.iter().enumerate() {
        let parent = b
            .parent
            .as_ref()
            .and_then(|p| boundary_ids.get(p))
            .map(|p| (*p).clone());
        ops.push(Op::InsertBoundary(
            d.boundaries.len() + k,
            Boundary {
                id: id.clone(),
                label: b.label.clone(),
                parent,
                nodes: nodes.clone(),
            },
        ));
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
pub(super) fn group_ops(d: &Diagram, ids: &[NodeId], label: &str) -> Result<Vec<Op>, EditError> {
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
pub(super) fn ungroup_ops(d: &Diagram, id: &BoundaryId) -> Result<Vec<Op>, EditError> {
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

/// Indices of the boundaries left with no member when `deleted` go: those
/// that lose a member (directly or in a nested boundary) and keep none.
fn emptied_boundaries(d: &Diagram, deleted: &BTreeSet<&NodeId>) -> BTreeSet<usize> {
    d.boundaries
        .iter()
        .enumerate()
        .filter(|(_, b)| {
            let members = d.boundary_members(b.id.as_str());
            !members.is_empty() && members.iter().all(|m| deleted.contains(m))
        })
        .map(|(i, _)| i)
        .collect()
}

/// Removes edges (named, and those touching deleted nodes), memberships,
/// walkthrough references, then nodes — highest index first so earlier
/// indices stay put.
pub(super) fn delete_ops(
    d: &Diagram,
    nodes: &[NodeId],
    edges: &[EdgeId],
) -> Result<Vec<Op>, EditError> {
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
    // Boundaries the deletion empties go too (highest index first).
    ops.extend(
        emptied_boundaries(d, &node_set)
            .into_iter()
            .rev()
            .map(Op::RemoveBoundary),
    );
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
