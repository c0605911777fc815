//! The diagram as a petgraph [`StableDiGraph`], for the algorithms that need
//! adjacency and reachability: the checker's rules (tiers reached from the
//! clients, synchronous chains, failure events followed to a compensation,
//! consumers of an event) and its comparison of drawn and reference edges.

use std::collections::BTreeMap;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use super::{Diagram, Edge, Node};

/// An edge of the graph: the diagram's edge and its position in
/// `Diagram::edges`.
#[derive(Clone, Copy, Debug)]
pub struct EdgeRef<'a> {
    /// Index into the diagram's edge list.
    pub index: usize,
    /// The edge itself.
    pub edge: &'a Edge,
}

/// A borrowed graph view of a diagram.
#[derive(Debug)]
pub struct DiagramGraph<'a> {
    /// Nodes and edges borrowed from the diagram.
    pub graph: StableDiGraph<&'a Node, EdgeRef<'a>>,
    /// Node id → graph index.
    pub index: BTreeMap<&'a str, NodeIndex>,
}

impl<'a> DiagramGraph<'a> {
    /// Builds the graph. Edges whose ends do not exist (an invalid diagram)
    /// are left out rather than failing.
    #[must_use]
    pub fn new(diagram: &'a Diagram) -> Self {
        let mut graph = StableDiGraph::with_capacity(diagram.nodes.len(), diagram.edges.len());
        let mut index = BTreeMap::new();
        for node in &diagram.nodes {
            index
                .entry(node.id.as_str())
                .or_insert_with(|| graph.add_node(node));
        }
        for (i, edge) in diagram.edges.iter().enumerate() {
            if let (Some(&a), Some(&b)) =
                (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
            {
                graph.add_edge(a, b, EdgeRef { index: i, edge });
            }
        }
        Self { graph, index }
    }

    /// The graph index of a node id.
    #[must_use]
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
    }

    /// The node at a graph index.
    #[must_use]
    pub fn node(&self, index: NodeIndex) -> &'a Node {
        self.graph[index]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EdgeKind, NodeKind, Point};
    use petgraph::visit::Dfs;

    #[test]
    fn mirrors_the_diagram() {
        let d = Diagram {
            nodes: vec![
                Node::new("a", "App", NodeKind::Client, Point::default()),
                Node::new("g", "Gateway", NodeKind::Gateway, Point::default()),
                Node::new("s", "Order service", NodeKind::Service, Point::default()),
                Node::new("x", "Lonely", NodeKind::Other, Point::default()),
            ],
            edges: vec![
                Edge::new("e1", "a", "g", EdgeKind::Sync),
                Edge::new("e2", "g", "s", EdgeKind::Sync),
                Edge::new("bad", "g", "missing", EdgeKind::Sync),
            ],
            ..Diagram::default()
        };
        let g = DiagramGraph::new(&d);
        assert_eq!(g.graph.node_count(), 4);
        assert_eq!(g.graph.edge_count(), 2);
        let a = g.node_index("a").unwrap();
        let mut dfs = Dfs::new(&g.graph, a);
        let mut reached = Vec::new();
        while let Some(n) = dfs.next(&g.graph) {
            reached.push(g.graph[n].id.as_str());
        }
        reached.sort_unstable();
        assert_eq!(reached, ["a", "g", "s"]);
        let out: Vec<&str> = g
            .graph
            .edges(g.node_index("g").unwrap())
            .map(|e| e.weight().edge.id.as_str())
            .collect();
        assert_eq!(out, ["e2"]);
    }
}
