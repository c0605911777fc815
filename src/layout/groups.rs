//! The boundary tree as the layout sees it: groups (boundaries, plus a root
//! for everything outside them), their direct members, nesting, and the
//! ranks each group spans once ranks are known.

use std::collections::BTreeMap;

use crate::model::Diagram;

/// The boundary tree. Group `i < root` is boundary `i` of the diagram; the
/// root holds every node outside all boundaries.
pub(super) struct Groups {
    /// Direct member nodes per group.
    pub(super) nodes: Vec<Vec<usize>>,
    /// Enclosing group per group (the root is its own parent).
    pub(super) parent: Vec<usize>,
    /// Nesting depth per group: 0 for the root, 1 for top-level boundaries.
    pub(super) depth: Vec<usize>,
    /// The group that holds each node directly.
    pub(super) owner: Vec<usize>,
}

impl Groups {
    /// The tree of `diagram`'s boundaries. A node listed by two boundaries
    /// belongs to the first; a parent cycle is cut by hanging the boundary
    /// off the root; unknown ids are ignored.
    pub(super) fn new(diagram: &Diagram) -> Self {
        let count = diagram.boundaries.len();
        let root = count;
        let node_index: BTreeMap<&str, usize> = diagram.node_positions();
        let boundary_index: BTreeMap<&str, usize> = diagram.boundary_positions();
        let mut owner = vec![root; diagram.nodes.len()];
        for (b, boundary) in diagram.boundaries.iter().enumerate() {
            for member in &boundary.nodes {
                if let Some(&i) = node_index.get(member.as_str())
                    && owner[i] == root
                {
                    owner[i] = b;
                }
            }
        }
        let mut nodes = vec![Vec::new(); count + 1];
        for (i, &o) in owner.iter().enumerate() {
            nodes[o].push(i);
        }
        let mut parent: Vec<usize> = diagram
            .boundaries
            .iter()
            .map(|b| {
                b.parent
                    .as_ref()
                    .and_then(|p| boundary_index.get(p.as_str()).copied())
                    .unwrap_or(root)
            })
            .collect();
        parent.push(root);
        // A walk up longer than `count` is a cycle.
        for b in 0..count {
            let mut steps = 0;
            let mut current = parent[b];
            while current != root && steps <= count {
                steps += 1;
                current = parent[current];
            }
            if steps > count {
                parent[b] = root;
            }
        }
        let depth: Vec<usize> = (0..=count)
            .map(|b| {
                let mut d = 0;
                let mut current = b;
                while current != root {
                    d += 1;
                    current = parent[current];
                }
                d
            })
            .collect();
        Self {
            nodes,
            parent,
            depth,
            owner,
        }
    }

    /// The root group's index.
    pub(super) fn root(&self) -> usize {
        self.nodes.len() - 1
    }

    /// `group` and its enclosing groups, innermost first, root last.
    pub(super) fn chain(&self, group: usize) -> impl Iterator<Item = usize> + '_ {
        let root = self.root();
        let mut next = Some(group);
        std::iter::from_fn(move || {
            let current = next?;
            next = (current != root).then(|| self.parent[current]);
            Some(current)
        })
    }

    /// Whether `group` is `ancestor` or nested (at any depth) inside it.
    pub(super) fn within(&self, group: usize, ancestor: usize) -> bool {
        self.chain(group).any(|g| g == ancestor)
    }

    /// The child of `ancestor` on the way down to `group` (`group` itself
    /// if it is a direct child); `None` if `group` is `ancestor` or not
    /// inside it.
    #[cfg(test)]
    pub(super) fn child_toward(&self, group: usize, ancestor: usize) -> Option<usize> {
        let mut previous = None;
        for g in self.chain(group) {
            if g == ancestor {
                return previous;
            }
            previous = Some(g);
        }
        None
    }

    /// Groups from the deepest to the root: children before their parents.
    pub(super) fn inside_out(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.nodes.len()).collect();
        order.sort_by_key(|&g| (std::cmp::Reverse(self.depth[g]), g));
        order
    }

    /// The ranks each group spans (its members' and nested members'), or
    /// `None` for an empty group. The root spans every rank.
    pub(super) fn spans(&self, rank: &[usize]) -> Vec<Option<(usize, usize)>> {
        let mut spans: Vec<Option<(usize, usize)>> = vec![None; self.nodes.len()];
        for (node, &o) in self.owner.iter().enumerate() {
            for g in self.chain(o) {
                let r = rank[node];
                spans[g] = Some(spans[g].map_or((r, r), |(lo, hi)| (lo.min(r), hi.max(r))));
            }
        }
        spans
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Boundary, BoundaryId, Node, NodeId, NodeKind, Point};

    fn boundary(id: &str, parent: Option<&str>, nodes: &[&str]) -> Boundary {
        Boundary {
            id: BoundaryId::from(id),
            label: id.to_owned(),
            parent: parent.map(BoundaryId::from),
            nodes: nodes.iter().map(|n| NodeId::from(*n)).collect(),
        }
    }

    #[test]
    fn nesting_chains_and_spans() {
        let d = Diagram {
            nodes: ["a", "b", "c", "d"]
                .iter()
                .map(|id| Node::new(id, id, NodeKind::Service, Point::default()))
                .collect(),
            boundaries: vec![
                boundary("outer", None, &["a"]),
                boundary("inner", Some("outer"), &["b", "a"]),
                // A parent cycle is cut at the root.
                boundary("x", Some("y"), &["c"]),
                boundary("y", Some("x"), &[]),
            ],
            ..Diagram::default()
        };
        let g = Groups::new(&d);
        assert_eq!(g.root(), 4);
        assert_eq!(g.owner, vec![0, 1, 2, 4]);
        assert_eq!(g.chain(1).collect::<Vec<_>>(), vec![1, 0, 4]);
        assert_eq!(g.child_toward(1, 4), Some(0));
        assert_eq!(g.child_toward(1, 0), Some(1));
        assert_eq!(g.child_toward(0, 1), None);
        assert!(g.within(1, 0) && !g.within(0, 1));
        assert_eq!(g.depth[1], 2);
        let spans = g.spans(&[3, 5, 0, 7]);
        assert_eq!(spans[0], Some((3, 5)));
        assert_eq!(spans[1], Some((5, 5)));
        assert_eq!(spans[4], Some((0, 7)));
        assert_eq!(g.inside_out().last(), Some(&4));
        assert_eq!(g.inside_out().first(), Some(&1));
    }
}
