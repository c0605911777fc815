//! The structural rules: each looks at the drawing (and the reference's
//! spec) and returns findings. Pure functions over the model.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use petgraph::Direction;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef as _, IntoEdgeReferences};

use super::report::{Finding, Severity};
use crate::model::{Diagram, DiagramGraph, EdgeKind, EdgeRef, Node, NodeKind};

pub(super) const fn finding(
    code: &'static str,
    severity: Severity,
    message: String,
    nodes: Vec<String>,
) -> Finding {
    Finding::new(code, severity, message, nodes)
}

pub(super) fn name(node: &Node) -> String {
    format!("\u{201c}{}\u{201d}", node.label)
}

/// A drawing (or reference) as a petgraph graph, with its nodes by id.
pub struct Index<'a> {
    pub(super) diagram: &'a Diagram,
    pub(super) graph: DiagramGraph<'a>,
    /// Graph index → position in `diagram.nodes` (a duplicated id keeps
    /// its first node only).
    positions: Vec<usize>,
}

impl<'a> Index<'a> {
    /// Indexes a diagram's nodes and edges.
    #[must_use]
    pub fn new(diagram: &'a Diagram) -> Self {
        let graph = DiagramGraph::new(diagram);
        let mut positions = vec![0; graph.graph.node_count()];
        for (pos, node) in diagram.nodes.iter().enumerate().rev() {
            if let Some(n) = graph.node_index(node.id.as_str()) {
                positions[n.index()] = pos;
            }
        }
        Self {
            diagram,
            graph,
            positions,
        }
    }

    /// The position in `diagram.nodes` of a graph node.
    pub(super) fn position(&self, n: NodeIndex) -> usize {
        self.positions.get(n.index()).copied().unwrap_or(0)
    }

    /// The graph node of the node at a position (`None` for a duplicated id).
    pub(super) fn graph_index(&self, position: usize) -> Option<NodeIndex> {
        let n = self
            .graph
            .node_index(self.diagram.nodes.get(position)?.id.as_str())?;
        (self.position(n) == position).then_some(n)
    }

    pub(super) fn node(&self, id: &str) -> Option<&'a Node> {
        self.graph.node_index(id).map(|i| self.graph.node(i))
    }

    /// Edges with both ends resolved, in document order: (edge index, from, to).
    pub(super) fn edges(&self) -> impl Iterator<Item = (usize, &'a Node, &'a Node)> + '_ {
        self.graph.graph.edge_references().map(|e| {
            (
                e.weight().index,
                self.graph.node(e.source()),
                self.graph.node(e.target()),
            )
        })
    }

    /// Edges leaving a node, in document order: (edge, the node it goes to).
    pub(super) fn outgoing(&self, id: &str) -> Vec<(EdgeRef<'a>, &'a Node)> {
        self.adjacent(id, Direction::Outgoing)
    }

    /// Edges into a node, in document order: (edge, the node it comes from).
    pub(super) fn incoming(&self, id: &str) -> Vec<(EdgeRef<'a>, &'a Node)> {
        self.adjacent(id, Direction::Incoming)
    }

    fn adjacent(&self, id: &str, direction: Direction) -> Vec<(EdgeRef<'a>, &'a Node)> {
        self.graph.node_index(id).map_or_else(Vec::new, |n| {
            let mut out: Vec<(EdgeRef<'a>, &'a Node)> = self
                .graph
                .graph
                .edges_directed(n, direction)
                .map(|e| {
                    let other = match direction {
                        Direction::Outgoing => e.target(),
                        Direction::Incoming => e.source(),
                    };
                    (*e.weight(), self.graph.node(other))
                })
                .collect();
            out.sort_by_key(|(e, _)| e.index);
            out
        })
    }
}

/// `gateway-bypassed`: a client or edge node reaches a service along a path
/// that passes no gateway. Only when the drawing has a gateway to pass.
pub fn gateway_bypassed(d: &Diagram, ix: &Index<'_>) -> Vec<Finding> {
    if !d.nodes.iter().any(|n| n.kind == NodeKind::Gateway) {
        return Vec::new();
    }
    let front = |k: NodeKind| {
        matches!(
            k,
            NodeKind::Client | NodeKind::Edge | NodeKind::LoadBalancer | NodeKind::Other
        )
    };
    // Breadth-first from every client and edge node through front-tier
    // nodes; each node reached keeps the node and arrow it was reached by.
    let mut parent: BTreeMap<&str, Option<(&str, usize)>> = BTreeMap::new();
    let mut queue = VecDeque::new();
    for n in d
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Client | NodeKind::Edge))
    {
        if parent.insert(n.id.as_str(), None).is_none() {
            queue.push_back(n);
        }
    }
    // service → (front node before it, the arrow between them)
    let mut reached: BTreeMap<&str, (&str, usize)> = BTreeMap::new();
    while let Some(n) = queue.pop_front() {
        for (edge, next) in ix.outgoing(n.id.as_str()) {
            if matches!(next.kind, NodeKind::Service | NodeKind::Worker) {
                reached
                    .entry(next.id.as_str())
                    .or_insert((n.id.as_str(), edge.index));
            } else if front(next.kind) && !parent.contains_key(next.id.as_str()) {
                parent.insert(next.id.as_str(), Some((n.id.as_str(), edge.index)));
                queue.push_back(next);
            }
        }
    }
    reached
        .into_iter()
        .map(|(service, (before, last_edge))| {
            let mut path = vec![service.to_owned()];
            let mut edges = vec![d.edges[last_edge].id.to_string()];
            let mut at = Some(before);
            while let Some(id) = at {
                path.push(id.to_owned());
                let step = parent.get(id).copied().flatten();
                if let Some((_, edge)) = step {
                    edges.push(d.edges[edge].id.to_string());
                }
                at = step.map(|(from, _)| from);
            }
            path.reverse();
            edges.reverse();
            let start = ix.node(&path[0]).map_or_else(String::new, name);
            let target = ix.node(service).map_or_else(String::new, name);
            finding(
                "gateway-bypassed",
                Severity::Error,
                format!(
                    "{start} reaches {target} without passing the API gateway. That path skips auth, rate limits and trace ids, and turns the service into a public endpoint you now have to secure on its own. Route it through the gateway."
                ),
                path,
            )
            .with_edges(edges)
        })
        .collect()
}

/// `client-to-data`: a client or edge node talks directly to a database,
/// cache or bus (either direction).
pub fn client_to_data(ix: &Index<'_>) -> Vec<Finding> {
    let outside = |k: NodeKind| matches!(k, NodeKind::Client | NodeKind::Edge);
    let store = |k: NodeKind| matches!(k, NodeKind::Database | NodeKind::Cache | NodeKind::Bus);
    // (client, store) → the arrows between them, in document order.
    let mut pairs: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    let mut out: Vec<Finding> = Vec::new();
    for (i, a, b) in ix.edges() {
        let (client, data) = if outside(a.kind) && store(b.kind) {
            (a, b)
        } else if outside(b.kind) && store(a.kind) {
            (b, a)
        } else {
            continue;
        };
        let edge = ix.diagram.edges[i].id.to_string();
        if let Some(&at) = pairs.get(&(client.id.as_str(), data.id.as_str())) {
            out[at].edges.push(edge);
            continue;
        }
        pairs.insert((client.id.as_str(), data.id.as_str()), out.len());
        out.push(finding(
            "client-to-data",
            Severity::Error,
            format!(
                "{} talks directly to {} ({}). Clients go through the API: a store exposed to them leaks schema, credentials and capacity to the internet and breaks every service boundary.",
                name(client),
                name(data),
                data.kind.noun()
            ),
            vec![client.id.to_string(), data.id.to_string()],
        ).with_edges(vec![edge]));
    }
    out
}

/// `shared-database`: one database written by two or more services.
pub fn shared_database(ix: &Index<'_>) -> Vec<Finding> {
    let mut writers: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for (i, a, b) in ix.edges() {
        let kind = ix.diagram.edges[i].kind;
        let (service, db) = match (a.kind, b.kind) {
            (NodeKind::Service, NodeKind::Database) if kind != EdgeKind::Async => (a, b),
            (NodeKind::Database, NodeKind::Service) if kind == EdgeKind::Data => (b, a),
            _ => continue,
        };
        writers
            .entry(db.id.as_str())
            .or_default()
            .insert(service.id.as_str());
    }
    writers
        .into_iter()
        .filter(|(_, services)| services.len() >= 2)
        .map(|(db, services)| {
            let names: Vec<String> = services.iter().filter_map(|s| ix.node(s)).map(name).collect();
            let db_name = ix.node(db).map_or_else(String::new, name);
            let mut nodes = vec![db.to_owned()];
            nodes.extend(services.iter().map(|s| (*s).to_owned()));
            finding(
                "shared-database",
                Severity::Error,
                format!(
                    "{db_name} is written by {} services ({}). A store written by two services is a hidden coupling: neither can change its schema or scale alone. Give each service its own store and share data through its API or events.",
                    services.len(),
                    names.join(", ")
                ),
                nodes,
            )
        })
        .collect()
}

/// Deduplicated synchronous service → service adjacency.
pub(super) fn sync_service_edges<'a>(ix: &Index<'a>) -> BTreeSet<(&'a str, &'a str)> {
    ix.edges()
        .filter(|&(i, a, b)| {
            ix.diagram.edges[i].kind == EdgeKind::Sync
                && a.kind == NodeKind::Service
                && b.kind == NodeKind::Service
                && a.id != b.id
        })
        .map(|(_, a, b)| (a.id.as_str(), b.id.as_str()))
        .collect()
}

/// `sync-chain` (warning): three or more synchronous service-to-service hops
/// in a row (a → b → c → d, all distinct). Linear in edges × degree.
pub fn sync_chain(ix: &Index<'_>) -> Vec<Finding> {
    let edges = sync_service_edges(ix);
    let mut preds: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    let mut succs: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for &(a, b) in &edges {
        succs.entry(a).or_default().push(b);
        preds.entry(b).or_default().push(a);
    }
    let mut chains: Vec<[&str; 4]> = Vec::new();
    for &(b, c) in &edges {
        let before: Vec<&str> = preds
            .get(b)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&a| a != c)
            .take(3)
            .collect();
        let after: Vec<&str> = succs
            .get(c)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .copied()
            .filter(|&x| x != b)
            .take(3)
            .collect();
        if let Some(chain) = before
            .iter()
            .flat_map(|&a| after.iter().map(move |&x| [a, b, c, x]))
            .find(|[a, _, _, x]| a != x)
        {
            chains.push(chain);
        }
    }
    if chains.is_empty() {
        return Vec::new();
    }
    let example = chains[0]
        .iter()
        .filter_map(|id| ix.node(id))
        .map(|n| n.label.clone())
        .collect::<Vec<_>>()
        .join(" → ");
    let nodes: BTreeSet<String> = chains.iter().flatten().map(|s| (*s).to_owned()).collect();
    vec![finding(
        "sync-chain",
        Severity::Warning,
        format!(
            "Synchronous chain of three or more hops: {example}. Nested calls stack their failure modes and their latencies; move what the user is not waiting for onto events."
        ),
        nodes.into_iter().collect(),
    )]
}

/// `unconnected-node` (warning): a drawn node with no edges, unless
/// `named(id)`: another finding already says what to draw for it (a
/// missing connection naming the arrows the reference has).
pub fn unconnected(d: &Diagram, named: &dyn Fn(&str) -> bool) -> Vec<Finding> {
    let connected: BTreeSet<&str> = d
        .edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect();
    d.nodes
        .iter()
        .filter(|n| !connected.contains(n.id.as_str()) && !named(n.id.as_str()))
        .map(|n| {
            finding(
                "unconnected-node",
                Severity::Warning,
                format!(
                    "{} has no connections. Draw who calls it and what it calls or feeds, or leave it out: a box connected to nothing tells the interviewer nothing.",
                    name(n)
                ),
                vec![n.id.to_string()],
            )
        })
        .collect()
}

/// `unwired-drawing` (warning): more than half of the drawing's boxes (and
/// at least two) have no arrow at all — a list of boxes, not an
/// architecture. One finding naming those boxes.
pub fn unwired(d: &Diagram) -> Vec<Finding> {
    let connected: BTreeSet<&str> = d
        .edges
        .iter()
        .flat_map(|e| [e.from.as_str(), e.to.as_str()])
        .collect();
    let bare: Vec<String> = d
        .nodes
        .iter()
        .filter(|n| !connected.contains(n.id.as_str()))
        .map(|n| n.id.to_string())
        .collect();
    if d.nodes.len() < 2 || bare.len() * 2 <= d.nodes.len() {
        return Vec::new();
    }
    let of = if bare.len() == d.nodes.len() {
        format!("None of your {} boxes has an arrow", d.nodes.len())
    } else {
        format!(
            "{} of your {} boxes have no arrow",
            bare.len(),
            d.nodes.len()
        )
    };
    vec![finding(
        "unwired-drawing",
        Severity::Warning,
        format!(
            "{of}. An architecture is its arrows as much as its boxes: draw how a request flows from the client to the data, and where each event goes."
        ),
        bare,
    )]
}
