//! Request paths from the clients and what a set of down nodes does to them.
//!
//! Enumerating every path is exponential, so the paths are bounded by the
//! arrows: from each client a breadth-first walk (arrows in document order)
//! gives each reachable box its shortest route, and every arrow the walk
//! reaches yields one path — the route to the arrow's source plus the
//! arrow. Paths that are a prefix of another are dropped. So every hop
//! appears in at least one path, each box is reached the shortest way, and
//! there are at most (clients × arrows) paths of at most the walk's depth.
//!
//! A path **fails** when it reaches a down box through synchronous hops
//! only (the client is waiting on it); it is **degraded** when the down box
//! is behind an async hop (the work waits in the bus until it is back), or
//! is a cache with a store behind it (its reads fall through to the store);
//! otherwise it is **unaffected**.

use std::collections::{BTreeSet, VecDeque};

use super::flow::{Flow, LinkKind};
use crate::model::NodeKind;

/// What the down nodes do to one path.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathStatus {
    /// A synchronous hop reaches a down box: the request fails.
    Failed,
    /// Alive but not whole: a down box behind an async hop (the work
    /// waits), or a down cache whose reads shift to its store.
    Degraded,
    /// No down box on the path.
    Unaffected,
}

impl PathStatus {
    /// The lower-case name used in JSON (`failed`, `degraded`, `unaffected`).
    #[must_use]
    pub const fn id(self) -> &'static str {
        match self {
            Self::Failed => "failed",
            Self::Degraded => "degraded",
            Self::Unaffected => "unaffected",
        }
    }
}

/// One request path as node indices, with the links between them.
pub(super) struct RawPath {
    pub nodes: Vec<usize>,
    pub status: PathStatus,
    /// The first down node that decided the status.
    pub cause: Option<usize>,
}

/// Every path from every client, classified.
pub(super) fn paths(flow: &Flow, down: &[bool]) -> Vec<RawPath> {
    let mut out = Vec::new();
    let mut seen: BTreeSet<Vec<usize>> = BTreeSet::new();
    let vertices = flow.vertices.len();
    for client in (0..flow.nodes).filter(|&v| flow.kinds[v] == NodeKind::Client) {
        // Breadth-first tree: the link each vertex was first reached by.
        let mut parent: Vec<Option<usize>> = vec![None; vertices];
        let mut reached = vec![false; vertices];
        let mut queue = VecDeque::from([client]);
        reached[client] = true;
        let mut walked: Vec<usize> = Vec::new();
        while let Some(v) = queue.pop_front() {
            for &l in &flow.out[v] {
                walked.push(l);
                let w = flow.links[l].to;
                if !reached[w] {
                    reached[w] = true;
                    parent[w] = Some(l);
                    queue.push_back(w);
                }
            }
        }
        for l in walked {
            let to = flow.links[l].to;
            let is_tree = parent[to] == Some(l);
            if is_tree && !flow.out[to].is_empty() {
                continue; // a longer path continues from here
            }
            let mut hops = vec![l];
            let mut v = flow.links[l].from;
            while let Some(p) = parent[v] {
                hops.push(p);
                v = flow.links[p].from;
            }
            hops.reverse();
            let mut nodes = vec![client];
            nodes.extend(hops.iter().map(|&h| flow.owner(flow.links[h].to)));
            if !seen.insert(nodes.clone()) {
                continue;
            }
            let (status, cause) = classify(flow, down, client, &hops);
            out.push(RawPath {
                nodes,
                status,
                cause,
            });
        }
    }
    out
}

/// Walks a path's hops with the down set.
fn classify(
    flow: &Flow,
    down: &[bool],
    client: usize,
    hops: &[usize],
) -> (PathStatus, Option<usize>) {
    if down[client] {
        return (PathStatus::Failed, Some(client));
    }
    let mut waited = false;
    let mut degraded: Option<usize> = None;
    for &h in hops {
        let link = &flow.links[h];
        waited |= link.is_async;
        let node = flow.owner(link.to);
        if !down[node] {
            continue;
        }
        if waited {
            return (PathStatus::Degraded, Some(node));
        }
        if link.kind == LinkKind::AsideLookup {
            degraded.get_or_insert(node);
            continue;
        }
        return (PathStatus::Failed, Some(node));
    }
    match degraded {
        Some(node) => (PathStatus::Degraded, Some(node)),
        None => (PathStatus::Unaffected, None),
    }
}

/// The callers a down set hurts, by depth: depth 1 are the boxes calling a
/// down box synchronously, depth 2 their callers, and so on (async hops
/// buffer, so they stop the spread). Down boxes themselves are left out.
pub(super) fn blast_radius(flow: &Flow, down: &[bool]) -> Vec<Vec<usize>> {
    let mut callers: Vec<Vec<usize>> = vec![Vec::new(); flow.nodes];
    for link in &flow.links {
        if link.is_async || flow.is_channel(link.from) || flow.is_channel(link.to) {
            continue;
        }
        callers[link.to].push(link.from);
    }
    let mut depth: Vec<Option<usize>> = vec![None; flow.nodes];
    let mut frontier: Vec<usize> = (0..flow.nodes).filter(|&v| down[v]).collect();
    for &v in &frontier {
        depth[v] = Some(0);
    }
    let mut levels = Vec::new();
    let mut d = 0;
    while !frontier.is_empty() {
        d += 1;
        let mut next: Vec<usize> = Vec::new();
        for &v in &frontier {
            for &c in &callers[v] {
                if depth[c].is_none() {
                    depth[c] = Some(d);
                    next.push(c);
                }
            }
        }
        next.sort_unstable();
        next.dedup();
        if !next.is_empty() {
            levels.push(next.clone());
        }
        frontier = next;
    }
    levels
}
