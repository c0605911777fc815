//! "What breaks first": capacity and failure simulation on any drawing.
//! Plain Rust over a [`Diagram`]; the CLI prints the result and the app
//! draws it.
//!
//! **Traffic.** Each client sends its `entry_rps` (the clients without one
//! share [`defaults::DEFAULT_ENTRY_RPS`], the seed's ~120 RPS) times the
//! multiplier X. It flows along sync, data and async arrows in topological
//! order: a front door (client, edge, load balancer, gateway) splits its
//! traffic evenly among its synchronous arrows, anything else sends every
//! request along each of its arrows (an arrow's `share` overrides either).
//! A CDN passes its misses, a cache answers its hits and passes its misses
//! on (read-through) or back to the store beside it (cache-aside: a box with
//! arrows to both a cache and a store), a store splits what it receives into
//! reads and writes. An arrow into a bus publishes; a consumer drains what
//! its subscriptions offer up to its capacity, and the bus buffers the rest
//! (queue growth = producers' rate − consumers' drain). Loops are cut (see
//! `flow`); compensation arrows carry nothing (they run on failure only).
//!
//! **Results** ([`Simulation`]): per node load, capacity and ρ, latency
//! `W / (1 − ρ)`, concurrency `L = λ·W`, the multiplier at which it
//! saturates or falls behind; the first box to saturate (push load, demand),
//! the first consumer to fall behind, and the first of the two, each with
//! its metric, and the sentences to say; growing queues; and, with nodes down,
//! every request path classified failed / degraded / unaffected, the stores
//! that take a down cache's reads, and the blast radius by depth.
//!
//! A consumer behind a bus falling behind is a limit of its own kind
//! ([`Limit::FallsBehind`]): a backlog delays work, it does not fail
//! requests (the seed: "if they fall behind or crash, checkout does not
//! notice"), so the headline says it beside the first synchronous
//! bottleneck ([`Simulation::first_saturated`]) rather than instead of it;
//! [`Simulation::first_bottleneck`] is whichever reaches ρ = 1 first, as
//! PRODUCT.md defines it.

pub mod defaults;
mod flow;
mod load;
mod paths;
mod report;

use std::fmt;

pub use report::{
    Bottleneck, Bound, Consumption, Fallback, Heat, Lag, Limit, NodeLoad, PathStatus, Queue,
    RequestPath, Simulation, rate, times,
};

use crate::model::{Diagram, NodeId, NodeKind};
use flow::{Flow, LinkKind};
use load::{Drain, Inputs};

/// What to simulate: the traffic multiplier and the nodes taken down.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Multiplier of the drawing's entry traffic (1.0 = today).
    pub traffic: f64,
    /// Nodes taken down, by id.
    pub down: Vec<NodeId>,
}

impl Scenario {
    /// `traffic`× with nothing down.
    #[must_use]
    pub fn at(traffic: f64) -> Self {
        Self {
            traffic,
            down: Vec::new(),
        }
    }

    /// The same with one more node down.
    #[must_use]
    pub fn with_down(mut self, id: &str) -> Self {
        self.down.push(NodeId::from(id));
        self
    }
}

/// Why a scenario cannot be simulated.
#[derive(Clone, Debug, PartialEq)]
pub enum SimError {
    /// The multiplier is negative or not a number.
    BadTraffic(f64),
    /// A down node names no node of the drawing.
    UnknownNode {
        /// The id asked for.
        id: String,
        /// Ids that look like it, closest first.
        close: Vec<String>,
    },
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadTraffic(x) => write!(
                f,
                "traffic multiplier {x} is not usable; give a number ≥ 0 (1 = today's traffic, 10 = ten times it)"
            ),
            Self::UnknownNode { id, close } if close.is_empty() => {
                write!(f, "no node `{id}` in this drawing")
            }
            Self::UnknownNode { id, close } => write!(
                f,
                "no node `{id}` in this drawing; did you mean {}?",
                close
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

impl std::error::Error for SimError {}

/// Simulates a drawing at `scenario.traffic`× with `scenario.down` down.
///
/// # Errors
/// [`SimError::BadTraffic`] for a negative or non-finite multiplier,
/// [`SimError::UnknownNode`] when a down id names no node.
pub fn simulate(diagram: &Diagram, scenario: &Scenario) -> Result<Simulation, SimError> {
    let x = scenario.traffic;
    if !x.is_finite() || x < 0.0 {
        return Err(SimError::BadTraffic(x));
    }
    let mut down = vec![false; diagram.nodes.len()];
    for id in &scenario.down {
        let Some(i) = diagram.nodes.iter().position(|n| n.id == *id) else {
            return Err(SimError::UnknownNode {
                id: id.to_string(),
                close: close_ids(diagram, id.as_str()),
            });
        };
        down[i] = true;
    }
    let flow = flow::build(diagram);
    let entry = entry_rates(&flow);
    let inputs = Inputs {
        flow: &flow,
        entry: &entry,
        down: &down,
    };
    let initial = initial_states(&flow, &down);
    let walk = load::walk(&inputs, initial, x);
    let nodes = node_loads(diagram, &inputs, &walk, x);
    let first_saturated = first_saturated(diagram, &flow, &nodes);
    let first_behind = first_behind(diagram, &flow, &nodes);
    let first_bottleneck = first_reaching_one(diagram, &flow, &nodes);
    let queues = queues(diagram, &flow, &walk, x);
    let fallbacks = fallbacks(diagram, &flow, &down, &nodes);
    let id = |i: usize| diagram.nodes[i].id.clone();
    let paths = paths::paths(&flow, &down)
        .into_iter()
        .map(|p| RequestPath {
            nodes: p.nodes.into_iter().map(id).collect(),
            status: p.status,
            cause: p.cause.map(id),
        })
        .collect();
    let blast_radius = paths::blast_radius(&flow, &down)
        .into_iter()
        .map(|level| level.into_iter().map(id).collect())
        .collect();
    let mut cut_edges: Vec<_> = flow
        .links
        .iter()
        .zip(&flow.cut)
        .filter(|(_, cut)| **cut)
        .map(|(link, _)| diagram.edges[link.edge].id.clone())
        .collect();
    cut_edges.dedup();
    Ok(Simulation {
        traffic: x,
        entry_rps: entry.iter().sum::<f64>().min(load::MAX_RATE),
        nodes,
        first_bottleneck,
        first_saturated,
        first_behind,
        queues,
        paths,
        blast_radius,
        fallbacks,
        down: diagram
            .nodes
            .iter()
            .zip(&down)
            .filter(|(_, d)| **d)
            .map(|(n, _)| n.id.clone())
            .collect(),
        cut_edges,
    })
}

/// Node ids that look like `wanted`: containing it, contained in it, or
/// within half its length in edits; closest first, at most five.
#[must_use]
pub fn close_ids(diagram: &Diagram, wanted: &str) -> Vec<String> {
    let wanted_lower = wanted.to_lowercase();
    let mut scored: Vec<(usize, &str)> = diagram
        .nodes
        .iter()
        .filter_map(|n| {
            let id = n.id.as_str();
            let lower = id.to_lowercase();
            let label = n.label.to_lowercase();
            let distance = edit_distance(&wanted_lower, &lower);
            let related = lower.contains(&wanted_lower)
                || wanted_lower.contains(&lower)
                || label.contains(&wanted_lower)
                || distance * 2 <= wanted_lower.chars().count().max(2);
            related.then_some((distance, id))
        })
        .collect();
    scored.sort_unstable();
    scored
        .into_iter()
        .take(5)
        .map(|(_, id)| id.to_owned())
        .collect()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let here = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(here + 1);
            prev = here;
        }
    }
    row[b.len()]
}

/// Entry rate at 1× per node: a client's own `entry_rps`, or an equal share
/// of the default among the clients without one.
fn entry_rates(flow: &Flow) -> Vec<f64> {
    let clients: Vec<usize> = (0..flow.nodes)
        .filter(|&v| flow.kinds[v] == NodeKind::Client)
        .collect();
    let unset = clients
        .iter()
        .filter(|&&c| flow.figures[c].entry_rps.is_none())
        .count();
    let mut entry = vec![0.0; flow.nodes];
    for c in clients {
        entry[c] = match flow.figures[c].entry_rps {
            Some(rps) if rps.is_finite() && rps >= 0.0 => rps.min(load::MAX_RATE),
            Some(_) => 0.0,
            #[expect(clippy::cast_precision_loss, reason = "client counts are small")]
            None => defaults::DEFAULT_ENTRY_RPS / unset as f64,
        };
    }
    entry
}

/// Consumers start free; a down one, or one whose synchronous dependency
/// is down (it cannot finish its work), drains nothing.
fn initial_states(flow: &Flow, down: &[bool]) -> Vec<Drain> {
    let mut states = vec![Drain::Free; flow.nodes];
    for (v, state) in states.iter_mut().enumerate() {
        let blocked = flow.out[v].iter().any(|&l| {
            let link = &flow.links[l];
            !link.is_async
                && link.kind != LinkKind::AsideLookup
                && !flow.is_channel(link.to)
                && down[link.to]
        });
        if down[v] || blocked {
            *state = Drain::Zero;
        }
    }
    states
}

/// Builds each node's row of the report.
fn node_loads(diagram: &Diagram, inputs: &Inputs<'_>, walk: &load::Walk, x: f64) -> Vec<NodeLoad> {
    let flow = inputs.flow;
    let acc = &walk.at_x;
    let pulls: Vec<bool> = {
        let mut p = vec![false; flow.nodes];
        for link in &flow.links {
            if matches!(link.kind, LinkKind::Subscribe | LinkKind::Relay)
                && !flow.is_channel(link.to)
            {
                p[link.to] = true;
            }
        }
        p
    };
    let calls_store: Vec<bool> = {
        let mut c = vec![false; flow.nodes];
        for link in &flow.links {
            if matches!(link.kind, LinkKind::Store { .. }) && !flow.is_channel(link.from) {
                c[flow.owner(link.from)] = true;
            }
        }
        c
    };
    diagram
        .nodes
        .iter()
        .enumerate()
        .map(|(v, node)| {
            let f = &flow.figures[v];
            let is_down = inputs.down[v];
            let store = defaults::is_store(node.kind);
            let (reads, writes) = if store && !is_down {
                (acc.reads[v].at(x), acc.writes[v].at(x))
            } else {
                (0.0, 0.0)
            };
            let load_rps = if is_down {
                0.0
            } else {
                acc.throughput[v].at(x)
            };
            let rho = if is_down {
                0.0
            } else {
                load::utilisation(flow, acc, v, false).at(x)
            };
            let bound = if store {
                let r = ratio(acc.reads[v].at(x.max(1.0)), f.reads_per_s);
                let w = ratio(acc.writes[v].at(x.max(1.0)), f.writes_per_s);
                if w >= r { Bound::Writes } else { Bound::Reads }
            } else {
                Bound::Requests
            };
            let capacity_rps = capacity(node.kind, f, store_mix(acc, v, reads, writes));
            let (p50, p99, concurrency) = if rho < 1.0 {
                let stretch = 1.0 / (1.0 - rho);
                let w50 = f.p50_ms * stretch;
                (
                    Some(w50.min(load::MAX_RATE)),
                    Some((f.p99_ms * stretch).min(load::MAX_RATE)),
                    Some((load_rps * w50 / 1000.0).min(load::MAX_RATE)),
                )
            } else {
                (None, None, None)
            };
            let consumed = (pulls[v] && !is_down).then(|| {
                let offered = acc.offered[v].at(x);
                let drained = match walk.states_at_x[v] {
                    Drain::Free => offered,
                    Drain::Capped => load::drain_capacity(flow, v).unwrap_or(0.0).min(offered),
                    Drain::Zero => 0.0,
                };
                Consumption {
                    offered_per_s: offered,
                    drained_per_s: drained,
                }
            });
            NodeLoad {
                id: node.id.clone(),
                kind: node.kind,
                label: node.label.clone(),
                load_rps,
                reads_per_s: reads,
                writes_per_s: writes,
                capacity_rps,
                // `+ 0.0` turns a -0.0 (an unbounded box) into 0.0 for output.
                utilisation: rho + 0.0,
                at_traffic: walk.at_traffic[v],
                behind_at: walk.behind_at[v],
                limit_at: walk.rho_one[v],
                bound,
                latency_p50_ms: p50,
                latency_p99_ms: p99,
                concurrency,
                consumed,
                metric: node_metric(node.kind, pulls[v], calls_store[v]),
                down: is_down,
            }
        })
        .collect()
}

fn ratio(load: f64, capacity: f64) -> f64 {
    if capacity.is_finite() && capacity > 0.0 {
        load / capacity
    } else {
        0.0
    }
}

/// A store's read/write mix: the one at X, or, when nothing flows at X (0×,
/// or down), the one traffic would bring (the slopes: rates per 1×), which
/// is the same below the first consumer breakpoint.
fn store_mix(acc: &load::Acc, v: usize, reads: f64, writes: f64) -> (f64, f64) {
    if reads + writes > 0.0 {
        (reads, writes)
    } else {
        (acc.reads[v].b.max(0.0), acc.writes[v].b.max(0.0))
    }
}

/// The metric to watch on a node; a service fed by a bus is watched as a
/// consumer.
fn node_metric(kind: NodeKind, pulls: bool, calls_store: bool) -> &'static str {
    if pulls && kind == NodeKind::Service {
        defaults::metric(NodeKind::Worker, false)
    } else {
        defaults::metric(kind, calls_store)
    }
}

/// Capacity in the unit of the load: a store's at the read/write `mix`
/// given (`reads + writes` over the utilisation they make; its write
/// capacity when no mix is known); `None` when unbounded.
fn capacity(kind: NodeKind, f: &defaults::Resolved, mix: (f64, f64)) -> Option<f64> {
    let value = if defaults::is_store(kind) {
        let (reads, writes) = mix;
        let rho = ratio(reads, f.reads_per_s) + ratio(writes, f.writes_per_s);
        if reads + writes > 0.0 && rho > 0.0 {
            (reads + writes) / rho
        } else if f.writes_per_s.is_finite() {
            f.writes_per_s
        } else {
            f.reads_per_s
        }
    } else {
        f.rps?
    };
    (value.is_finite() && kind != NodeKind::Client).then(|| value.min(load::MAX_RATE))
}

/// The node whose push load saturates at the lowest multiplier (document
/// order breaks ties).
fn first_saturated(diagram: &Diagram, flow: &Flow, nodes: &[NodeLoad]) -> Option<Bottleneck> {
    let (n, at) = lowest(nodes, |n| n.at_traffic)?;
    Some(bottleneck(diagram, flow, n, at, Limit::Saturates))
}

/// The consumer that falls behind at the lowest multiplier.
fn first_behind(diagram: &Diagram, flow: &Flow, nodes: &[NodeLoad]) -> Option<Bottleneck> {
    let (n, at) = lowest(nodes, |n| n.behind_at)?;
    Some(bottleneck(diagram, flow, n, at, Limit::FallsBehind))
}

/// PRODUCT.md's first bottleneck, "the node that first reaches utilisation
/// 1.0" (the reported ρ: push load plus what a consumer drains), at that
/// multiplier. A consumer that gets there through what it pulls falls
/// behind; anything else saturates.
fn first_reaching_one(diagram: &Diagram, flow: &Flow, nodes: &[NodeLoad]) -> Option<Bottleneck> {
    let (n, at) = lowest(nodes, |n| n.limit_at)?;
    let pushed_there = n.at_traffic.is_some_and(|a| a <= at * (1.0 + 1e-12));
    let limit = if n.behind_at.is_some() && !pushed_there {
        Limit::FallsBehind
    } else {
        Limit::Saturates
    };
    Some(bottleneck(diagram, flow, n, at, limit))
}

/// One node as a [`Bottleneck`] of `limit` at multiplier `at`; a consumer
/// falling behind names the queue that grows and what it publishes.
fn bottleneck(diagram: &Diagram, flow: &Flow, n: &NodeLoad, at: f64, limit: Limit) -> Bottleneck {
    let v = diagram.nodes.iter().position(|d| d.id == n.id);
    let mut queue = None;
    let mut publishes: Vec<String> = Vec::new();
    if let (Limit::FallsBehind, Some(v)) = (limit, v) {
        queue = flow
            .links
            .iter()
            .find(|l| l.to == v && matches!(l.kind, LinkKind::Subscribe | LinkKind::Relay))
            .map(|l| diagram.nodes[flow.owner(l.from)].label.clone());
        for &l in &flow.out[v] {
            let link = &flow.links[l];
            let label = diagram.edges[link.edge].label.trim();
            if link.kind == LinkKind::Publish
                && !label.is_empty()
                && !publishes.iter().any(|p| p == label)
            {
                publishes.push(label.to_owned());
            }
        }
    }
    Bottleneck {
        node: n.id.clone(),
        kind: n.kind,
        label: n.label.clone(),
        at_traffic: at,
        utilisation: n.utilisation,
        bound: if limit == Limit::FallsBehind {
            Bound::Requests
        } else {
            n.bound
        },
        metric: if limit == Limit::FallsBehind {
            defaults::metric(NodeKind::Bus, false)
        } else {
            n.metric
        },
        limit,
        queue,
        publishes,
    }
}

/// The node with the lowest multiplier `at` gives (document order breaks
/// ties).
fn lowest(nodes: &[NodeLoad], at: impl Fn(&NodeLoad) -> Option<f64>) -> Option<(&NodeLoad, f64)> {
    let mut best: Option<(&NodeLoad, f64)> = None;
    for n in nodes {
        let Some(x) = at(n) else { continue };
        if best.is_none_or(|(_, b)| x < b) {
            best = Some((n, x));
        }
    }
    best
}

/// Buses and relayed stores whose consumers fall behind.
fn queues(diagram: &Diagram, flow: &Flow, walk: &load::Walk, x: f64) -> Vec<Queue> {
    let acc = &walk.at_x;
    let mut by_owner: std::collections::BTreeMap<usize, Vec<Lag>> =
        std::collections::BTreeMap::new();
    for (l, link) in flow.links.iter().enumerate() {
        if !matches!(link.kind, LinkKind::Subscribe | LinkKind::Relay) || flow.is_channel(link.to) {
            continue;
        }
        let c = link.to;
        let offered_here = acc.pulled[l].at(x);
        let offered = acc.offered[c].at(x);
        if offered_here <= 0.0 || offered <= 0.0 {
            continue;
        }
        let drained_total = match walk.states_at_x[c] {
            Drain::Free => offered,
            Drain::Capped => load::drain_capacity(flow, c).unwrap_or(0.0).min(offered),
            Drain::Zero => 0.0,
        };
        let drained = offered_here * (drained_total / offered);
        if offered_here - drained <= offered_here * 1e-12 {
            continue;
        }
        let owner = flow.owner(link.from);
        let lags = by_owner.entry(owner).or_default();
        let node = &diagram.nodes[c];
        if let Some(existing) = lags.iter_mut().find(|lag| lag.node == node.id) {
            existing.offered_per_s += offered_here;
            existing.drained_per_s += drained;
        } else {
            lags.push(Lag {
                node: node.id.clone(),
                label: node.label.clone(),
                offered_per_s: offered_here,
                drained_per_s: drained,
            });
        }
    }
    let mut queues: Vec<Queue> = by_owner
        .into_iter()
        .map(|(owner, lagging)| Queue {
            node: diagram.nodes[owner].id.clone(),
            label: diagram.nodes[owner].label.clone(),
            kind: diagram.nodes[owner].kind,
            growth_per_s: lagging
                .iter()
                .map(|l| l.offered_per_s - l.drained_per_s)
                .sum::<f64>()
                .min(load::MAX_RATE),
            lagging,
        })
        .collect();
    queues.sort_by(|a, b| b.growth_per_s.total_cmp(&a.growth_per_s));
    queues
}

/// For each down cache, the stores its cache-aside users read instead.
fn fallbacks(diagram: &Diagram, flow: &Flow, down: &[bool], nodes: &[NodeLoad]) -> Vec<Fallback> {
    let mut out: Vec<Fallback> = Vec::new();
    for link in &flow.links {
        if flow.is_channel(link.from) || !matches!(link.kind, LinkKind::Store { .. }) {
            continue;
        }
        for &cache in &flow.aside[link.from] {
            if !down[cache] || down[link.to] {
                continue;
            }
            let store = &nodes[link.to];
            if out
                .iter()
                .any(|f| f.cache == diagram.nodes[cache].id && f.store == store.id)
            {
                continue;
            }
            out.push(Fallback {
                cache: diagram.nodes[cache].id.clone(),
                cache_label: diagram.nodes[cache].label.clone(),
                store: store.id.clone(),
                store_label: store.label.clone(),
                reads_per_s: store.reads_per_s,
                utilisation: store.utilisation,
            });
        }
    }
    out
}
