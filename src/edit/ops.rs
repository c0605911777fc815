//! Invertible low-level edits of a [`Diagram`]. Applying an [`Op`] returns
//! the op that undoes it, so every user command becomes a transaction that
//! can be reverted exactly (helix keeps invertible transactions the same way).

use crate::model::{ArrowStyle, Boundary, CheckSpec, Diagram, Edge, Node, Step};

/// One invertible edit, addressed by position in the document's lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Op {
    /// Insert a node at an index.
    InsertNode(usize, Node),
    /// Remove the node at an index.
    RemoveNode(usize),
    /// Replace the node at an index.
    SetNode(usize, Node),
    /// Insert an edge at an index.
    InsertEdge(usize, Edge),
    /// Remove the edge at an index.
    RemoveEdge(usize),
    /// Replace the edge at an index.
    SetEdge(usize, Edge),
    /// Insert a boundary at an index.
    InsertBoundary(usize, Boundary),
    /// Remove the boundary at an index.
    RemoveBoundary(usize),
    /// Replace the boundary at an index.
    SetBoundary(usize, Boundary),
    /// Replace the walkthrough steps.
    SetWalkthrough(Vec<Step>),
    /// Replace the check spec (references carry one).
    SetCheck(Option<CheckSpec>),
    /// Replace the drawing's arrow style.
    SetArrows(ArrowStyle),
}

/// Why an op could not be applied (an index out of range: a bug in the
/// command that produced it, reported instead of panicking).
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("edit out of range: {0}")]
pub struct OpError(pub String);

fn check(index: usize, len: usize, what: &str) -> Result<(), OpError> {
    if index < len {
        Ok(())
    } else {
        Err(OpError(format!("{what} {index} of {len}")))
    }
}

impl Op {
    /// Applies the op and returns its inverse.
    ///
    /// # Errors
    /// [`OpError`] when an index is out of range; the diagram is unchanged.
    pub fn apply(self, d: &mut Diagram) -> Result<Self, OpError> {
        Ok(match self {
            Self::InsertNode(i, node) => {
                check(i, d.nodes.len() + 1, "node insert")?;
                d.nodes.insert(i, node);
                Self::RemoveNode(i)
            }
            Self::RemoveNode(i) => {
                check(i, d.nodes.len(), "node")?;
                Self::InsertNode(i, d.nodes.remove(i))
            }
            Self::SetNode(i, node) => {
                check(i, d.nodes.len(), "node")?;
                Self::SetNode(i, std::mem::replace(&mut d.nodes[i], node))
            }
            Self::InsertEdge(i, edge) => {
                check(i, d.edges.len() + 1, "edge insert")?;
                d.edges.insert(i, edge);
                Self::RemoveEdge(i)
            }
            Self::RemoveEdge(i) => {
                check(i, d.edges.len(), "edge")?;
                Self::InsertEdge(i, d.edges.remove(i))
            }
            Self::SetEdge(i, edge) => {
                check(i, d.edges.len(), "edge")?;
                Self::SetEdge(i, std::mem::replace(&mut d.edges[i], edge))
            }
            Self::InsertBoundary(i, b) => {
                check(i, d.boundaries.len() + 1, "boundary insert")?;
                d.boundaries.insert(i, b);
                Self::RemoveBoundary(i)
            }
            Self::RemoveBoundary(i) => {
                check(i, d.boundaries.len(), "boundary")?;
                Self::InsertBoundary(i, d.boundaries.remove(i))
            }
            Self::SetBoundary(i, b) => {
                check(i, d.boundaries.len(), "boundary")?;
                Self::SetBoundary(i, std::mem::replace(&mut d.boundaries[i], b))
            }
            Self::SetWalkthrough(steps) => {
                Self::SetWalkthrough(std::mem::replace(&mut d.walkthrough, steps))
            }
            Self::SetCheck(spec) => Self::SetCheck(std::mem::replace(&mut d.check, spec)),
            Self::SetArrows(style) => Self::SetArrows(std::mem::replace(&mut d.arrows, style)),
        })
    }
}

/// Applies ops in order; returns the inverse transaction (to apply in the
/// order given). On failure, rolls back what was applied.
///
/// # Errors
/// The first [`OpError`]; the diagram is as before.
pub fn apply_all(d: &mut Diagram, ops: Vec<Op>) -> Result<Vec<Op>, OpError> {
    let mut inverse = Vec::with_capacity(ops.len());
    for op in ops {
        match op.apply(d) {
            Ok(inv) => inverse.push(inv),
            Err(e) => {
                for inv in inverse.into_iter().rev() {
                    // Inverses of ops that just succeeded cannot fail.
                    let _ignored = inv.apply(d);
                }
                return Err(e);
            }
        }
    }
    inverse.reverse();
    Ok(inverse)
}
