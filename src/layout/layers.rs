//! The layered graph the ordering and placement work on: the nodes, a
//! dummy vertex wherever an edge crosses a rank without a box (so the line
//! gets a free corridor there), and a placeholder wherever a boundary spans
//! a rank it has nothing in (so its container stays one solid block).

use std::collections::BTreeMap;

use super::Link;
use super::groups::Groups;

/// What a vertex stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Vertex {
    /// A diagram node (vertex index = node index).
    Node,
    /// A point of an edge passing through a rank.
    Dummy,
    /// An empty rank of a boundary.
    Placeholder,
}

/// Vertices by rank, with their links to the neighbouring ranks.
pub(super) struct Layers {
    /// Kind of each vertex; the first `nodes` are the diagram's nodes.
    pub(super) vertex: Vec<Vertex>,
    /// Rank of each vertex.
    pub(super) rank: Vec<usize>,
    /// Innermost group holding each vertex.
    pub(super) group: Vec<usize>,
    /// Size along the cross axis (corridor width for dummies).
    pub(super) size: Vec<f32>,
    /// Neighbours one rank before, with edge multiplicity.
    pub(super) up: Vec<Vec<(usize, f32)>>,
    /// Neighbours one rank after, with edge multiplicity.
    pub(super) down: Vec<Vec<(usize, f32)>>,
    /// Every edge spanning two or more ranks: its vertices from the lower
    /// rank to the higher, real ends included.
    pub(super) chains: Vec<Vec<usize>>,
    /// Number of ranks.
    pub(super) ranks: usize,
    /// Long edges left without dummies (over the budget): drawn straight
    /// like the others, but with no corridor kept free for them.
    pub(super) uncorridored: usize,
}

/// Corridor kept free for one edge through a rank, and the extra room per
/// parallel edge (the drawing's spacing between parallel edges).
const CORRIDOR: f32 = 14.0;
const PARALLEL: f32 = crate::scene::geometry::PARALLEL_SPACING;

impl Layers {
    /// Builds the layered graph from ranked nodes (`size` is each node's
    /// cross-axis size) and the diagram's links. At most `max_dummies`
    /// dummies are made: past that, the shortest long edges get theirs
    /// first and the longest none (a chain of calls inside one tier would
    /// otherwise need dummies quadratic in its length).
    pub(super) fn new(
        rank: &[usize],
        size: &[f32],
        links: &[Link],
        groups: &Groups,
        max_dummies: usize,
    ) -> Self {
        let n = rank.len();
        let ranks = rank.iter().copied().max().map_or(0, |r| r + 1);
        let mut layers = Self {
            vertex: vec![Vertex::Node; n],
            rank: rank.to_vec(),
            group: groups.owner.clone(),
            size: size.to_vec(),
            up: vec![Vec::new(); n],
            down: vec![Vec::new(); n],
            chains: Vec::new(),
            ranks,
            uncorridored: 0,
        };
        // Parallel edges share one chain, with a wider corridor.
        let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        for link in links {
            let (a, b) = if rank[link.from] <= rank[link.to] {
                (link.from, link.to)
            } else {
                (link.to, link.from)
            };
            if rank[a] < rank[b] {
                *pairs.entry((a, b)).or_insert(0) += 1;
            }
        }
        let mut pairs: Vec<((usize, usize), usize)> = pairs.into_iter().collect();
        let needed: usize = pairs.iter().map(|&((a, b), _)| rank[b] - rank[a] - 1).sum();
        if needed > max_dummies {
            // Shortest first; what does not fit goes without dummies.
            pairs.sort_by_key(|&((a, b), _)| (rank[b] - rank[a], a, b));
            let mut left = max_dummies;
            pairs.retain(|&((a, b), count)| {
                let want = rank[b] - rank[a] - 1;
                if want <= left {
                    left -= want;
                    true
                } else {
                    layers.uncorridored += count;
                    false
                }
            });
            pairs.sort_unstable_by_key(|&(pair, _)| pair);
        }
        let spans = groups.spans(rank);
        for ((a, b), count) in pairs {
            #[expect(clippy::cast_precision_loss, reason = "a handful of parallel edges")]
            let weight = count as f32;
            let mut chain = vec![a];
            for r in rank[a] + 1..rank[b] {
                // The line runs inside every boundary of an end that spans
                // this rank (entering or leaving by the container's side);
                // of two unrelated ones, inside the nearer end's.
                let spanning = |node: usize| {
                    groups
                        .chain(groups.owner[node])
                        .find(|&g| spans[g].is_some_and(|(lo, hi)| lo <= r && r <= hi))
                        .unwrap_or(groups.root())
                };
                let (ga, gb) = (spanning(a), spanning(b));
                let group = if groups.within(ga, gb) {
                    ga
                } else if groups.within(gb, ga) || r - rank[a] > rank[b] - r {
                    gb
                } else {
                    ga
                };
                let corridor = CORRIDOR + PARALLEL * (weight - 1.0);
                chain.push(layers.push(Vertex::Dummy, r, group, corridor));
            }
            chain.push(b);
            for pair in chain.windows(2) {
                layers.down[pair[0]].push((pair[1], weight));
                layers.up[pair[1]].push((pair[0], weight));
            }
            if chain.len() > 2 {
                layers.chains.push(chain);
            }
        }
        // A boundary holds something in every rank it spans.
        let mut present = vec![vec![false; ranks]; spans.len()];
        for v in 0..layers.rank.len() {
            for g in groups.chain(layers.group[v]) {
                present[g][layers.rank[v]] = true;
            }
        }
        for (g, span) in spans.iter().enumerate() {
            let Some((lo, hi)) = *span else { continue };
            for r in lo..=hi {
                if present[g][r] {
                    continue;
                }
                for enclosing in groups.chain(g) {
                    if let Some(row) = present.get_mut(enclosing) {
                        row[r] = true;
                    }
                }
                layers.push(Vertex::Placeholder, r, g, 0.0);
            }
        }
        layers
    }

    fn push(&mut self, vertex: Vertex, rank: usize, group: usize, size: f32) -> usize {
        self.vertex.push(vertex);
        self.rank.push(rank);
        self.group.push(group);
        self.size.push(size);
        self.up.push(Vec::new());
        self.down.push(Vec::new());
        self.vertex.len() - 1
    }

    /// Number of vertices.
    pub(super) fn len(&self) -> usize {
        self.vertex.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Boundary, BoundaryId, Diagram, EdgeKind, Node, NodeId, NodeKind, Point};

    #[test]
    fn long_edges_get_dummies_and_boundaries_placeholders() {
        let mut d = Diagram {
            nodes: ["a", "b", "c", "x"]
                .iter()
                .map(|id| Node::new(id, id, NodeKind::Service, Point::default()))
                .collect(),
            ..Diagram::default()
        };
        d.boundaries.push(Boundary {
            id: BoundaryId::from("box"),
            label: String::new(),
            parent: None,
            nodes: vec![NodeId::from("a"), NodeId::from("c")],
        });
        let groups = Groups::new(&d);
        let link = |from, to| Link {
            from,
            to,
            kind: EdgeKind::Sync,
        };
        // a(0) → b(1) twice, a(0) → x(3), c at rank 2 in a's boundary.
        let links = [link(0, 1), link(1, 0), link(0, 3)];
        let layers = Layers::new(&[0, 1, 2, 3], &[60.0; 4], &links, &groups, usize::MAX);
        assert_eq!(layers.down[0], vec![(1, 2.0), (4, 1.0)]);
        assert_eq!(layers.chains, vec![vec![0, 4, 5, 3]]);
        // The boundary spans ranks 0..=2: the line stays inside it.
        assert_eq!(layers.group[4], 0);
        assert_eq!(layers.group[5], 0);
        assert_eq!(layers.vertex[5], Vertex::Dummy);
        // The boundary spans ranks 0..=2 and now has a dummy at rank 1: no
        // placeholder is needed.
        assert_eq!(layers.len(), 6);
    }
}
