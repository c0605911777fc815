//! The flow graph the simulator propagates traffic through, built once from
//! a drawing: one vertex per node plus one per *channel* of a bus (the
//! events published under one label), and one link per way traffic moves.
//!
//! - A bus is split into channels so that an event chain through one bus
//!   (`OrderPlaced` → inventory → `InventoryReserved` → payment) is a chain,
//!   not a loop: an arrow into a bus publishes on the channel of its label;
//!   an arrow out of a bus subscribes to the channels its label names (all
//!   of them when the label is empty, says "all", or names no published
//!   event). Labels may list several events (`A, B` / `A | B`).
//! - Cache-aside comes from the drawing's shape: a box with arrows to both a
//!   cache and a store reads through the cache, and only the misses reach
//!   the store.
//! - An outbox relay is a worker fed by nothing that reads a store: it is
//!   driven by the writes into that store.
//! - Loops are cut deterministically: a depth-first walk from the clients
//!   (then every other vertex, in document order, arrows in document order)
//!   cuts each link that closes a cycle. A cut link carries no load.

use std::collections::BTreeSet;

use super::defaults::{self, Resolved, is_store, routes};
use crate::model::{Diagram, EdgeKind, NodeKind};

/// How a link moves traffic.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum LinkKind {
    /// A request pushed at the target (a call, or an async arrow straight
    /// into a box with no bus drawn).
    Call,
    /// Reads and writes into a store; `writes` is the fraction that writes.
    Store {
        /// Fraction of the requests that write.
        writes: f64,
    },
    /// Lookups into a cache used as the store itself.
    Lookup,
    /// The cache of a cache-aside pair: its load comes with the store links.
    AsideLookup,
    /// A publish onto a bus channel.
    Publish,
    /// A subscription: the target pulls from a bus channel.
    Subscribe,
    /// A relay pulling the writes of a store (outbox poller, CDC).
    Relay,
}

/// One way traffic moves between two vertices.
#[derive(Clone, Debug)]
pub(super) struct Link {
    pub from: usize,
    pub to: usize,
    /// The drawing's edge this link comes from.
    pub edge: usize,
    pub kind: LinkKind,
    /// Requests on this link per unit of the source's output.
    pub share: f64,
    /// Whether the caller does not wait (an async hop).
    pub is_async: bool,
}

/// A vertex: a node, or a channel of a bus.
#[derive(Clone, Debug)]
pub(super) struct Vertex {
    /// Index of the node (the bus, for a channel).
    pub owner: usize,
    /// Event names of a channel (normalised); `None` for a node.
    pub events: Option<BTreeSet<String>>,
}

/// The flow graph of a drawing.
#[derive(Clone, Debug)]
pub(super) struct Flow {
    /// Number of nodes; vertices `0..nodes` are the nodes, in document order.
    pub nodes: usize,
    pub vertices: Vec<Vertex>,
    pub links: Vec<Link>,
    /// Outgoing links per vertex, in document order.
    pub out: Vec<Vec<usize>>,
    /// Links closing a cycle; they carry no load.
    pub cut: Vec<bool>,
    /// Vertices in topological order of the uncut links.
    pub order: Vec<usize>,
    /// Per node: the caches it reads through (cache-aside).
    pub aside: Vec<Vec<usize>>,
    /// Per node: its figures after overrides.
    pub figures: Vec<Resolved>,
    /// Per node: its kind.
    pub kinds: Vec<NodeKind>,
}

impl Flow {
    /// The node a vertex stands for.
    pub fn owner(&self, v: usize) -> usize {
        self.vertices[v].owner
    }

    /// True for a channel vertex.
    pub fn is_channel(&self, v: usize) -> bool {
        v >= self.nodes
    }
}

/// Lower-case alphanumerics only: "Order placed" and `OrderPlaced` agree.
fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The event names a label lists.
fn event_names(label: &str) -> BTreeSet<String> {
    label
        .split([',', '|', '+', '/', ';'])
        .map(normalise)
        .filter(|n| !n.is_empty())
        .collect()
}

/// True when a subscription label means every event on the bus.
fn means_all(names: &BTreeSet<String>) -> bool {
    names.is_empty()
        || names
            .iter()
            .any(|n| matches!(n.as_str(), "all" | "allevents" | "everything" | "events"))
}

/// Builds the flow graph of a drawing.
#[expect(
    clippy::too_many_lines,
    reason = "one pass over the arrows, each case a few lines; split it and the cases lose their order"
)]
pub(super) fn build(diagram: &Diagram) -> Flow {
    let n = diagram.nodes.len();
    let index: std::collections::BTreeMap<&str, usize> = diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let kinds: Vec<NodeKind> = diagram.nodes.iter().map(|node| node.kind).collect();
    let figures: Vec<Resolved> = diagram.nodes.iter().map(defaults::resolve).collect();
    let mut vertices: Vec<Vertex> = (0..n)
        .map(|owner| Vertex {
            owner,
            events: None,
        })
        .collect();

    // Arrows that move traffic (compensation only runs on failure), with
    // both ends resolved.
    let mut arrows: Vec<(usize, usize, usize)> = Vec::new();
    for (e, edge) in diagram.edges.iter().enumerate() {
        let (Some(&a), Some(&b)) = (index.get(edge.from.as_str()), index.get(edge.to.as_str()))
        else {
            continue;
        };
        if edge.kind != EdgeKind::Compensation {
            arrows.push((e, a, b));
        }
    }

    // Channels: one per distinct label published into each bus (failure
    // events published by compensation arrows included, at zero rate, so a
    // subscription to them does not fall back to "everything").
    let mut channel_of: std::collections::BTreeMap<(usize, String), usize> =
        std::collections::BTreeMap::new();
    let mut channels_of_bus: Vec<Vec<usize>> = vec![Vec::new(); n];
    for edge in &diagram.edges {
        let Some(&b) = index.get(edge.to.as_str()) else {
            continue;
        };
        if kinds[b] != NodeKind::Bus {
            continue;
        }
        let key = normalise(&edge.label);
        if !channel_of.contains_key(&(b, key.clone())) {
            let v = vertices.len();
            vertices.push(Vertex {
                owner: b,
                events: Some(event_names(&edge.label)),
            });
            channel_of.insert((b, key), v);
            channels_of_bus[b].push(v);
        }
    }
    for (_, a, _) in &arrows {
        // A bus that only has subscribers still gets one (silent) channel.
        if kinds[*a] == NodeKind::Bus && channels_of_bus[*a].is_empty() {
            let v = vertices.len();
            vertices.push(Vertex {
                owner: *a,
                events: Some(BTreeSet::new()),
            });
            channel_of.insert((*a, String::new()), v);
            channels_of_bus[*a].push(v);
        }
    }

    // Which nodes read through a cache, and which workers are relays.
    let mut aside: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut has_store: Vec<bool> = vec![false; n];
    let mut fed: Vec<bool> = vec![false; n];
    for &(_, a, b) in &arrows {
        fed[b] = true;
        if kinds[a] != NodeKind::Bus && is_store(kinds[b]) {
            has_store[a] = true;
        }
    }
    for &(_, a, b) in &arrows {
        if kinds[b] == NodeKind::Cache
            && kinds[a] != NodeKind::Bus
            && has_store[a]
            && !aside[a].contains(&b)
        {
            aside[a].push(b);
        }
    }
    // A relay reads its store: an outbox, or an arrow that says it reads.
    let relay = |a: usize, b: usize, e: usize| {
        let edge = &diagram.edges[e];
        let reads = edge.traffic.writes.map_or_else(
            || defaults::write_share(&edge.label, kinds[b]) == 0.0,
            |w| w == 0.0,
        );
        kinds[a] == NodeKind::Worker && !fed[a] && (kinds[b] == NodeKind::Outbox || reads)
    };

    // Front doors split their unset synchronous shares evenly.
    let mut split: Vec<f64> = vec![1.0; n];
    for (a, slot) in split.iter_mut().enumerate() {
        if !routes(kinds[a]) {
            continue;
        }
        let mut explicit = 0.0;
        let mut unset = 0usize;
        for &(e, from, to) in &arrows {
            let edge = &diagram.edges[e];
            if from == a && edge.kind == EdgeKind::Sync && kinds[to] != NodeKind::Bus {
                match edge.traffic.share {
                    Some(s) => explicit += s,
                    None => unset += 1,
                }
            }
        }
        if unset > 0 {
            #[expect(clippy::cast_precision_loss, reason = "arrow counts are small")]
            let each = (1.0_f64 - explicit).max(0.0) / unset as f64;
            *slot = each;
        }
    }

    let mut links: Vec<Link> = Vec::new();
    for &(e, a, b) in &arrows {
        let edge = &diagram.edges[e];
        let is_async = edge.kind == EdgeKind::Async;
        let default_share =
            if routes(kinds[a]) && edge.kind == EdgeKind::Sync && kinds[b] != NodeKind::Bus {
                split[a]
            } else {
                1.0
            };
        let share = sanitize_share(edge.traffic.share.unwrap_or(default_share));
        if kinds[a] == NodeKind::Bus {
            // Subscriptions: from each channel the label names.
            let wanted = event_names(&edge.label);
            let named: Vec<usize> = channels_of_bus[a]
                .iter()
                .copied()
                .filter(|&c| {
                    vertices[c]
                        .events
                        .as_ref()
                        .is_some_and(|ev| !ev.is_disjoint(&wanted))
                })
                .collect();
            let sources = if means_all(&wanted) || named.is_empty() {
                channels_of_bus[a].clone()
            } else {
                named
            };
            for c in sources {
                let to = if kinds[b] == NodeKind::Bus {
                    channel_of
                        .get(&(b, normalise(&edge.label)))
                        .copied()
                        .unwrap_or(b)
                } else {
                    b
                };
                links.push(Link {
                    from: c,
                    to,
                    edge: e,
                    kind: LinkKind::Subscribe,
                    share,
                    is_async: true,
                });
            }
            continue;
        }
        if kinds[b] == NodeKind::Bus {
            let to = channel_of
                .get(&(b, normalise(&edge.label)))
                .copied()
                .unwrap_or(b);
            links.push(Link {
                from: a,
                to,
                edge: e,
                kind: LinkKind::Publish,
                share,
                is_async: true,
            });
            continue;
        }
        if is_store(kinds[b]) && relay(a, b, e) {
            // The relay's own polling reads are batched and not counted;
            // what moves is the store's writes, pulled by the relay.
            links.push(Link {
                from: b,
                to: a,
                edge: e,
                kind: LinkKind::Relay,
                share,
                is_async: true,
            });
            continue;
        }
        let kind = if is_store(kinds[b]) {
            // A cache in front of a store (read-through) passes on misses:
            // reads, unless the arrow says otherwise.
            let writes = edge
                .traffic
                .writes
                .filter(|w| (0.0..=1.0).contains(w))
                .unwrap_or_else(|| {
                    if kinds[a] == NodeKind::Cache {
                        0.0
                    } else {
                        defaults::write_share(&edge.label, kinds[b])
                    }
                });
            LinkKind::Store { writes }
        } else if kinds[b] == NodeKind::Cache {
            if aside[a].contains(&b) {
                LinkKind::AsideLookup
            } else {
                LinkKind::Lookup
            }
        } else {
            LinkKind::Call
        };
        links.push(Link {
            from: a,
            to: b,
            edge: e,
            kind,
            share,
            is_async: is_async && kind == LinkKind::Call,
        });
    }

    let mut out: Vec<Vec<usize>> = vec![Vec::new(); vertices.len()];
    for (l, link) in links.iter().enumerate() {
        out[link.from].push(l);
    }
    let (cut, order) = cut_cycles(&vertices, &links, &out, &kinds);
    Flow {
        nodes: n,
        vertices,
        links,
        out,
        cut,
        order,
        aside,
        figures,
        kinds,
    }
}

/// A share outside `0..=MAX_SHARE` (or not a number) is clamped.
fn sanitize_share(share: f64) -> f64 {
    if share.is_finite() {
        share.clamp(0.0, crate::model::validate::MAX_SHARE)
    } else {
        0.0
    }
}

/// Depth-first from the clients, then from every other vertex: links to a
/// vertex still on the stack close a cycle and are cut. Returns the cut
/// flags and a topological order of the rest.
fn cut_cycles(
    vertices: &[Vertex],
    links: &[Link],
    out: &[Vec<usize>],
    kinds: &[NodeKind],
) -> (Vec<bool>, Vec<usize>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; vertices.len()];
    let mut cut = vec![false; links.len()];
    let mut post = Vec::with_capacity(vertices.len());
    let starts = (0..kinds.len())
        .filter(|&v| kinds[v] == NodeKind::Client)
        .chain(0..vertices.len());
    for start in starts {
        if mark[start] != Mark::New {
            continue;
        }
        mark[start] = Mark::Open;
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(top) = stack.last_mut() {
            let (v, next) = *top;
            if let Some(&l) = out[v].get(next) {
                top.1 += 1;
                let w = links[l].to;
                match mark[w] {
                    Mark::Open => cut[l] = true,
                    Mark::Done => {}
                    Mark::New => {
                        mark[w] = Mark::Open;
                        stack.push((w, 0));
                    }
                }
            } else {
                mark[v] = Mark::Done;
                post.push(v);
                stack.pop();
            }
        }
    }
    post.reverse();
    (cut, post)
}
