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

/// The gaps of one request path: the arrows that would complete it.
struct PathGaps {
    /// The cheapest completion's added arrows, in path order: (from, to,
    /// the step of `from`), positions in `diagram.nodes`.
    hops: Vec<(usize, usize, usize)>,
}

/// Successors along the drawing's arrows, by position in `diagram.nodes`
/// (a duplicated id keeps its first node).
fn successors(ix: &Index<'_>) -> Vec<Vec<usize>> {
    let d = ix.diagram;
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); d.nodes.len()];
    for (i, node) in d.nodes.iter().enumerate() {
        if ix.graph_index(i).is_none() {
            continue;
        }
        for (_, to) in ix.outgoing(node.id.as_str()) {
            if let Some(j) = ix.graph.node_index(to.id.as_str()).map(|g| ix.position(g)) {
                next[i].push(j);
            }
        }
    }
    next
}

/// The fewest arrows that complete `path` (kinds in order) in the drawing
/// (`arrows`: its [`successors`]), with `extra` arrows counted as drawn
/// (both ways): a 0-1 breadth-first
/// search over (box, step) states. Along a drawn arrow a state moves to
/// the path's next kind for free, and stays on its step through a box of
/// the same kind (a service calling a service) or a pass-through box (a
/// load balancer); an added arrow from any state to any box of the next
/// kind costs 1. `None` when the path cannot start (no box of its first
/// kind).
fn path_gaps(
    ix: &Index<'_>,
    arrows: &[Vec<usize>],
    path: &[NodeKind],
    extra: &[(usize, usize)],
    pass_through: &dyn Fn(NodeKind) -> bool,
) -> Option<PathGaps> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Via {
        Start,
        /// Along a drawn (or extra) arrow from this state.
        Arrow(usize),
        /// From the hub of the previous step.
        Hub,
        /// Into a step's hub from this state.
        ToHub(usize),
    }
    let d = ix.diagram;
    let n = d.nodes.len();
    let steps = path.len();
    // States: box × step, then one hub per step (index n × steps + step).
    let state = |node: usize, step: usize| step * n + node;
    let hub = |step: usize| n * steps + step;
    let total = n * steps + steps;
    let mut dist = vec![u32::MAX; total];
    let mut via = vec![Via::Start; total];
    let mut queue: VecDeque<usize> = VecDeque::new();
    // The extra arrows, both ways.
    let added = |node: usize| {
        extra.iter().filter_map(move |&(a, b)| {
            if a == node {
                Some(b)
            } else if b == node {
                Some(a)
            } else {
                None
            }
        })
    };
    for (i, node) in d.nodes.iter().enumerate() {
        if node.kind == path[0] && ix.graph_index(i).is_some() {
            dist[state(i, 0)] = 0;
            queue.push_back(state(i, 0));
        }
    }
    if queue.is_empty() {
        return None;
    }
    let last = steps - 1;
    let mut goal = None;
    while let Some(s) = queue.pop_front() {
        let cost = dist[s];
        if s >= n * steps {
            // A hub: every box of the next kind, for free.
            let step = s - n * steps + 1;
            for (j, node) in d.nodes.iter().enumerate().rev() {
                let t = state(j, step);
                if node.kind == path[step] && ix.graph_index(j).is_some() && cost < dist[t] {
                    dist[t] = cost;
                    via[t] = Via::Hub;
                    queue.push_front(t);
                }
            }
            continue;
        }
        let (step, node) = (s / n, s % n);
        if step == last && d.nodes[node].kind == path[last] {
            goal = Some(s);
            break;
        }
        for j in arrows[node].iter().rev().copied().chain(added(node)) {
            let kind = d.nodes[j].kind;
            let t = if step < last && kind == path[step + 1] {
                state(j, step + 1)
            } else if kind == path[step] || pass_through(kind) {
                state(j, step)
            } else {
                continue;
            };
            if cost < dist[t] {
                dist[t] = cost;
                via[t] = Via::Arrow(s);
                queue.push_front(t);
            }
        }
        if step < last && cost + 1 < dist[hub(step)] {
            dist[hub(step)] = cost + 1;
            via[hub(step)] = Via::ToHub(s);
            queue.push_back(hub(step));
        }
    }
    let mut hops = Vec::new();
    let mut at = goal?;
    loop {
        match via[at] {
            Via::Start => break,
            Via::Arrow(from) | Via::ToHub(from) => at = from,
            Via::Hub => {
                let step = at / n - 1;
                let Via::ToHub(from) = via[hub(step)] else {
                    break;
                };
                hops.push((from % n, at % n, step));
                at = from;
            }
        }
    }
    hops.reverse();
    Some(PathGaps { hops })
}

/// Any box of a step may start its gap's arrow and any of the next kind
/// end it: names the arrow where the drawn chain stops — the furthest box
/// the drawing reaches on that step, and the first box of the drawn chain
/// that goes on. `arrows` are the drawing's [`successors`], `extra` the
/// arrows the completion counted as drawn.
fn slide_gaps(
    d: &Diagram,
    arrows: &[Vec<usize>],
    extra: &[(usize, usize)],
    path: &[NodeKind],
    gaps: &PathGaps,
    pass_through: &dyn Fn(NodeKind) -> bool,
) -> Vec<(usize, usize)> {
    let mut next: Vec<Vec<usize>> = arrows.to_vec();
    let mut prev: Vec<Vec<usize>> = vec![Vec::new(); next.len()];
    for &(a, b) in extra {
        next[a].push(b);
        next[b].push(a);
    }
    for (i, targets) in next.iter().enumerate() {
        for &j in targets {
            prev[j].push(i);
        }
    }
    gaps.hops
        .iter()
        .map(|&(from, to, step)| {
            let on_step = |k: NodeKind| k == path[step] || pass_through(k);
            let from = furthest(&next, from, &|j| on_step(d.nodes[j].kind));
            let to = furthest(&prev, to, &|j| d.nodes[j].kind == path[step + 1]);
            (from, to)
        })
        .collect()
}

/// The box furthest from `start` along `links` through boxes that `keep`
/// (breadth-first: the deepest level, document order among equals).
fn furthest(links: &[Vec<usize>], start: usize, keep: &dyn Fn(usize) -> bool) -> usize {
    let mut seen = BTreeSet::from([start]);
    let mut level = vec![start];
    loop {
        let mut next_level: Vec<usize> = Vec::new();
        for &v in &level {
            for &w in &links[v] {
                if keep(w) && seen.insert(w) {
                    next_level.push(w);
                }
            }
        }
        if next_level.is_empty() {
            return level.into_iter().min().unwrap_or(start);
        }
        level = next_level;
    }
}

/// `broken-path` (warning): the drawing has every kind of a path the
/// reference expects (client → edge → gateway → service → database), but
/// cannot be followed along it. One finding per arrow of the cheapest
/// completion, naming its two ends and what to draw. When that arrow is
/// already a costing `missing-connection` (`gaps` lists their pairs), the
/// first such one is a note instead (the missing connection carries its
/// points), so a path one arrow short costs only that arrow; each further
/// gap costs the path's price.
pub fn broken_paths(
    d: &Diagram,
    ix: &Index<'_>,
    paths: &[Vec<NodeKind>],
    gaps: &[(usize, usize)],
) -> Vec<Finding> {
    let pass_through = |k: NodeKind| matches!(k, NodeKind::LoadBalancer | NodeKind::Other);
    let mut findings = Vec::new();
    let mut named: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut arrows: Option<Vec<Vec<usize>>> = None;
    let has = |k: NodeKind| d.nodes.iter().any(|n| n.kind == k);
    // A front tier the drawing lacks (its `missing-*` finding says so) is
    // left out of the path: the request goes to the next tier drawn.
    let front = |k: NodeKind| {
        matches!(
            k,
            NodeKind::Edge | NodeKind::LoadBalancer | NodeKind::Gateway | NodeKind::Other
        )
    };
    for path in paths {
        let path: Vec<NodeKind> = path
            .iter()
            .copied()
            .filter(|&k| has(k) || !front(k))
            .collect();
        let path = path.as_slice();
        if path.len() < 2 || path.iter().any(|&k| !has(k)) {
            continue;
        }
        let arrows = arrows.get_or_insert_with(|| successors(ix));
        let Some(found) = path_gaps(ix, arrows, path, &[], &pass_through) else {
            continue;
        };
        if found.hops.is_empty() {
            continue;
        }
        let shown: Vec<&str> = path.iter().map(|k| k.id()).collect();
        let shown = format!(
            "{} {}",
            if path[0] == NodeKind::Client {
                "request path"
            } else {
                "flow"
            },
            shown.join(" → ")
        );
        // The first missing connection that shortens the path by one arrow.
        let forgiven = gaps.iter().find_map(|&pair| {
            let rest = path_gaps(ix, arrows, path, &[pair], &pass_through)?;
            (rest.hops.len() + 1 == found.hops.len()).then_some((pair, rest))
        });
        let hops = match forgiven {
            Some(((a, b), rest)) => {
                let hops = slide_gaps(d, arrows, &[(a, b)], path, &rest, &pass_through);
                let (a, b) = (&d.nodes[a], &d.nodes[b]);
                findings.push(finding(
                    "broken-path",
                    Severity::Info,
                    format!(
                        "The {shown} breaks between {} and {}: draw that arrow (the missing connection above) and the request goes on.",
                        name(a),
                        name(b)
                    ),
                    vec![a.id.to_string(), b.id.to_string()],
                ));
                hops
            }
            None => slide_gaps(d, arrows, &[], path, &found, &pass_through),
        };
        for (from, to) in hops {
            if !named.insert((from, to)) {
                continue;
            }
            let (a, b) = (&d.nodes[from], &d.nodes[to]);
            findings.push(finding(
                "broken-path",
                Severity::Warning,
                format!(
                    "The {shown} is not drawn end to end: no arrow takes it from {} ({}) to {} ({}). Draw {} → {}: an interviewer follows the request from box to box.",
                    name(a),
                    a.kind.noun(),
                    name(b),
                    b.kind.noun(),
                    name(a),
                    name(b)
                ),
                vec![a.id.to_string(), b.id.to_string()],
            ));
        }
    }
    findings
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Edge, Point};

    /// Browser → LB → gateway → BFF → orders → DB: the request path passes
    /// the load balancer and a service calling a service.
    fn chain(skip: &str) -> Diagram {
        let kinds = [
            ("browser", NodeKind::Client),
            ("lb", NodeKind::LoadBalancer),
            ("gw", NodeKind::Gateway),
            ("bff", NodeKind::Service),
            ("orders", NodeKind::Service),
            ("db", NodeKind::Database),
        ];
        let mut d = Diagram::default();
        for (i, (id, kind)) in kinds.iter().enumerate() {
            #[expect(clippy::cast_precision_loss, reason = "six boxes")]
            let x = 200.0 * i as f32;
            d.nodes.push(Node::new(id, id, *kind, Point::new(x, 0.0)));
        }
        for pair in kinds.windows(2) {
            let id = format!("{}-{}", pair[0].0, pair[1].0);
            if id != skip {
                d.edges
                    .push(Edge::new(&id, pair[0].0, pair[1].0, EdgeKind::Sync));
            }
        }
        d
    }

    const PATH: [NodeKind; 4] = [
        NodeKind::Client,
        NodeKind::Gateway,
        NodeKind::Service,
        NodeKind::Database,
    ];

    fn gaps(d: &Diagram, known: &[(usize, usize)]) -> Vec<(Severity, Vec<String>)> {
        broken_paths(d, &Index::new(d), &[PATH.to_vec()], known)
            .into_iter()
            .map(|f| (f.severity, f.nodes))
            .collect()
    }

    #[test]
    fn the_request_path_passes_load_balancers_and_service_calls() {
        assert_eq!(gaps(&chain(""), &[]), []);
    }

    #[test]
    fn each_gap_names_the_arrow_to_draw() {
        let d = chain("lb-gw");
        assert_eq!(
            gaps(&d, &[]),
            [(Severity::Warning, vec!["lb".to_owned(), "gw".to_owned()])]
        );
        // Two gaps: two arrows to draw.
        let mut d = chain("gw-bff");
        d.edges.retain(|e| e.id.as_str() != "orders-db");
        let found = gaps(&d, &[]);
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found.iter().all(|(s, _)| *s == Severity::Warning));
    }

    #[test]
    fn a_gap_a_missing_connection_prices_is_a_note_once() {
        let mut d = chain("gw-bff");
        d.edges.retain(|e| e.id.as_str() != "orders-db");
        // gw (2) ↔ bff (3) is a known missing connection: that gap is a
        // note, the other still costs.
        let found = gaps(&d, &[(2, 3)]);
        assert_eq!(
            found,
            [
                (Severity::Info, vec!["gw".to_owned(), "bff".to_owned()]),
                (
                    Severity::Warning,
                    vec!["orders".to_owned(), "db".to_owned()]
                ),
            ]
        );
    }
}
