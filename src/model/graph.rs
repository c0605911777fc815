//! The diagram as a petgraph [`StableDiGraph`], for the algorithms (checker,
//! layout, simulation) that need adjacency and reachability.

use std::collections::BTreeMap;

use petgraph::stable_graph::{NodeIndex, StableDiGraph};

use super::{Diagram, Edge, Node};

/// A borrowed graph view of a diagram.
#[derive(Debug)]
pub struct DiagramGraph<'a> {
    /// Nodes and edges borrowed from the diagram.
    pub graph: StableDiGraph<&'a Node, &'a Edge>,
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
        for edge in &diagram.edges {
            if let (Some(&a), Some(&b)) =
                (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
            {
                graph.add_edge(a, b, edge);
            }
        }
        Self { graph, index }
    }

    /// The graph index of a node id.
    #[must_use]
    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.index.get(id).copied()
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
            .map(|e| e.weight().id.as_str())
            .collect();
        assert_eq!(out, ["e2"]);
    }
}
