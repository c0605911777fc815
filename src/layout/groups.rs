//! The boundary tree as the layout sees it: direct members and nesting.

use std::collections::BTreeMap;

use crate::model::Diagram;

/// The boundary tree: which nodes and boundaries each group holds directly.
pub(super) struct Groups {
    /// Direct member nodes per boundary; index `len` is the root.
    pub(super) nodes: Vec<Vec<usize>>,
    /// Child boundaries per boundary; index `len` is the root.
    pub(super) children: Vec<Vec<usize>>,
    /// Nesting depth per boundary (0 for top-level ones).
    pub(super) depth: Vec<usize>,
}

impl Groups {
    pub(super) fn new(diagram: &Diagram) -> Self {
        let count = diagram.boundaries.len();
        let root = count;
        let node_index: BTreeMap<&str, usize> = diagram
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let boundary_index: BTreeMap<&str, usize> = diagram
            .boundaries
            .iter()
            .enumerate()
            .map(|(i, b)| (b.id.as_str(), i))
            .collect();
        let mut nodes = vec![Vec::new(); count + 1];
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
        for (i, &o) in owner.iter().enumerate() {
            nodes[o].push(i);
        }
        let parent: Vec<usize> = diagram
            .boundaries
            .iter()
            .map(|b| {
                b.parent
                    .as_ref()
                    .and_then(|p| boundary_index.get(p.as_str()).copied())
                    .unwrap_or(root)
            })
            .collect();
        // Depth by walking up; a walk longer than `count` is a cycle, which
        // is cut by hanging the boundary off the root.
        let mut depth = vec![0; count];
        let mut children = vec![Vec::new(); count + 1];
        for b in 0..count {
            let mut d = 0;
            let mut current = parent[b];
            while current != root && d <= count {
                d += 1;
                current = parent[current];
            }
            if d > count {
                children[root].push(b);
            } else {
                depth[b] = d;
                children[parent[b]].push(b);
            }
        }
        Self {
            nodes,
            children,
            depth,
        }
    }
}

impl Groups {
    /// Every node inside boundary `b`, nested boundaries included.
    pub(super) fn members(&self, b: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![b];
        let mut steps = 0;
        while let Some(g) = stack.pop() {
            steps += 1;
            if steps > self.children.len() {
                break; // a parent cycle
            }
            out.extend(&self.nodes[g]);
            stack.extend(&self.children[g]);
        }
        out
    }
}
