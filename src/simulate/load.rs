//! Loads: traffic propagated through the flow graph in topological order.
//!
//! Every quantity is affine in the traffic multiplier X between two
//! *breakpoints* — the multipliers at which a consumer behind a bus reaches
//! its capacity and starts to drain at that rate instead of at the rate it
//! is offered. Push load (calls, store reads and writes) is demand: it is
//! never capped, and a box under it may exceed ρ = 1. Pull load (what a
//! consumer takes from a bus or a relay from its store) is what it drains:
//! `min(offered, capacity)`, the excess waiting in the bus. All loads are
//! non-decreasing in X, so each consumer caps at most once; walking the
//! segments between breakpoints gives every node's load at X and the exact
//! multiplier at which its push load first reaches its capacity (its
//! `at_traffic`; `X / ρ(X)` when nothing upstream caps).

use super::flow::{Flow, LinkKind};
use crate::model::NodeKind;

/// Rates saturate here, so no number overflows to infinity.
pub(super) const MAX_RATE: f64 = 1e15;

/// Internal saturation of the affine coefficients.
const MAX_COEF: f64 = 1e200;

/// `a + b·X`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Lin {
    pub a: f64,
    pub b: f64,
}

impl Lin {
    const ZERO: Self = Self { a: 0.0, b: 0.0 };

    const fn constant(a: f64) -> Self {
        Self { a, b: 0.0 }
    }

    fn add(&mut self, other: Self) {
        self.a = (self.a + other.a).min(MAX_COEF);
        self.b = (self.b + other.b).min(MAX_COEF);
    }

    fn scale(self, k: f64) -> Self {
        Self {
            a: (self.a * k).min(MAX_COEF),
            b: (self.b * k).min(MAX_COEF),
        }
    }

    fn plus(mut self, other: Self) -> Self {
        self.add(other);
        self
    }

    /// The value at `x`, finite and within `0..=MAX_RATE`.
    pub fn at(self, x: f64) -> f64 {
        let v = self.a + self.b * x;
        if v.is_nan() {
            0.0
        } else {
            v.clamp(0.0, MAX_RATE)
        }
    }
}

/// How a consumer drains in one segment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Drain {
    /// Keeps up: drains what it is offered.
    Free,
    /// At capacity: drains its capacity.
    Capped,
    /// Down, or blocked by a dependency that is down: drains nothing.
    Zero,
}

/// Everything one propagation computes, per vertex or per link.
#[derive(Clone, Debug)]
pub(super) struct Acc {
    /// Requests pushed at each node.
    pub push: Vec<Lin>,
    /// Requests offered to each consumer by its subscriptions / relays.
    pub offered: Vec<Lin>,
    /// What each node processes (push + drained; lookups; reads + writes).
    pub throughput: Vec<Lin>,
    /// Store reads and writes.
    pub reads: Vec<Lin>,
    pub writes: Vec<Lin>,
    /// Cache lookups from boxes using it as their store / through cache-aside.
    pub lookups_direct: Vec<Lin>,
    pub lookups_aside: Vec<Lin>,
    /// Rate into each channel vertex (indexed by vertex).
    pub channel_in: Vec<Lin>,
    /// Rate on each subscription or relay link (indexed by link).
    pub pulled: Vec<Lin>,
}

impl Acc {
    fn new(vertices: usize, nodes: usize, links: usize) -> Self {
        Self {
            push: vec![Lin::ZERO; nodes],
            offered: vec![Lin::ZERO; nodes],
            throughput: vec![Lin::ZERO; nodes],
            reads: vec![Lin::ZERO; nodes],
            writes: vec![Lin::ZERO; nodes],
            lookups_direct: vec![Lin::ZERO; nodes],
            lookups_aside: vec![Lin::ZERO; nodes],
            channel_in: vec![Lin::ZERO; vertices],
            pulled: vec![Lin::ZERO; links],
        }
    }
}

/// The inputs of a run that do not change between segments.
pub(super) struct Inputs<'a> {
    pub flow: &'a Flow,
    /// Entry rate at 1× per node (zero but for clients).
    pub entry: &'a [f64],
    pub down: &'a [bool],
}

/// A node's drain capacity: its request capacity (unbounded → none).
pub(super) fn drain_capacity(flow: &Flow, node: usize) -> Option<f64> {
    flow.figures[node].rps.filter(|c| c.is_finite())
}

/// One propagation with the consumers' drain states fixed.
pub(super) fn propagate(inputs: &Inputs<'_>, states: &[Drain]) -> Acc {
    let flow = inputs.flow;
    let mut acc = Acc::new(flow.vertices.len(), flow.nodes, flow.links.len());
    for &v in &flow.order {
        let node = flow.owner(v);
        if inputs.down[node] {
            continue;
        }
        let output = if flow.is_channel(v) {
            acc.channel_in[v]
        } else {
            let t = throughput(inputs, states, &acc, v);
            acc.throughput[v] = t;
            emitted(flow, &acc, v, t)
        };
        for &l in &flow.out[v] {
            if flow.cut[l] {
                continue;
            }
            let link = &flow.links[l];
            let amount = output.scale(link.share);
            land(inputs, &mut acc, l, amount);
        }
    }
    // A bus's load is what is published onto its channels.
    for v in flow.nodes..flow.vertices.len() {
        let bus = flow.owner(v);
        if !inputs.down[bus] {
            let rate = acc.channel_in[v];
            acc.throughput[bus].add(rate);
        }
    }
    acc
}

/// What a node processes, once all its inputs have arrived.
fn throughput(inputs: &Inputs<'_>, states: &[Drain], acc: &Acc, v: usize) -> Lin {
    let flow = inputs.flow;
    match flow.kinds[v] {
        NodeKind::Client => Lin {
            a: 0.0,
            b: inputs.entry[v],
        },
        NodeKind::Cache => acc.lookups_direct[v].plus(acc.lookups_aside[v]),
        NodeKind::Bus => Lin::ZERO,
        kind if super::defaults::is_store(kind) => acc.reads[v].plus(acc.writes[v]),
        _ => {
            let drained = match states[v] {
                Drain::Free => acc.offered[v],
                Drain::Capped => Lin::constant(drain_capacity(flow, v).unwrap_or(0.0)),
                Drain::Zero => Lin::ZERO,
            };
            acc.push[v].plus(drained)
        }
    }
}

/// What a node sends on (before each link's share): a cache passes its
/// misses, an edge/CDN its misses, a store its writes (replication, relays),
/// anything else all it processes.
fn emitted(flow: &Flow, acc: &Acc, v: usize, t: Lin) -> Lin {
    let hit = flow.figures[v].hit_ratio;
    match flow.kinds[v] {
        NodeKind::Cache => acc.lookups_direct[v].scale(1.0 - hit),
        NodeKind::Edge => t.scale(1.0 - hit),
        kind if super::defaults::is_store(kind) => acc.writes[v],
        _ => t,
    }
}

/// Adds a link's traffic to its target.
fn land(inputs: &Inputs<'_>, acc: &mut Acc, l: usize, amount: Lin) {
    let flow = inputs.flow;
    let link = &flow.links[l];
    let to = link.to;
    if flow.is_channel(to) {
        acc.channel_in[to].add(amount);
        return;
    }
    match link.kind {
        LinkKind::Call | LinkKind::Publish => acc.push[to].add(amount),
        LinkKind::Store { writes } => {
            let reads = amount.scale(1.0 - writes);
            acc.writes[to].add(amount.scale(writes));
            let caches = &flow.aside[flow.owner(link.from)];
            if caches.is_empty() {
                acc.reads[to].add(reads);
                return;
            }
            #[expect(clippy::cast_precision_loss, reason = "a handful of caches")]
            let each = reads.scale(1.0 / caches.len() as f64);
            for &cache in caches {
                if inputs.down[cache] {
                    acc.reads[to].add(each);
                } else {
                    acc.lookups_aside[cache].add(each);
                    acc.reads[to].add(each.scale(1.0 - flow.figures[cache].hit_ratio));
                }
            }
        }
        LinkKind::Lookup => acc.lookups_direct[to].add(amount),
        LinkKind::AsideLookup => {}
        LinkKind::Subscribe | LinkKind::Relay => {
            acc.offered[to].add(amount);
            acc.pulled[l] = amount;
        }
    }
}

/// A node's utilisation as a sum of `load ÷ capacity` terms (a store has
/// one for reads and one for writes); kept apart so that ρ and the
/// saturating multiplier are computed with the division last, exactly for
/// hand-computed figures.
#[derive(Clone, Copy, Debug)]
pub(super) struct Util {
    terms: [(Lin, f64); 2],
}

impl Util {
    const NONE: Self = Self {
        terms: [(Lin::ZERO, f64::INFINITY), (Lin::ZERO, f64::INFINITY)],
    };

    fn one(load: Lin, capacity: f64) -> Self {
        Self {
            terms: [(load, capacity), (Lin::ZERO, f64::INFINITY)],
        }
    }

    fn active(&self) -> impl Iterator<Item = &(Lin, f64)> {
        self.terms
            .iter()
            .filter(|(load, c)| c.is_finite() && *c > 0.0 && (load.a > 0.0 || load.b > 0.0))
    }

    /// ρ at `x`, finite.
    pub fn at(&self, x: f64) -> f64 {
        let rho: f64 = self.active().map(|(load, c)| load.at(x) / c).sum();
        if rho.is_finite() {
            rho.clamp(0.0, MAX_RATE)
        } else {
            MAX_RATE
        }
    }

    /// The first multiplier ≥ `x0` at which ρ reaches 1 on this segment's
    /// line, if it ever does.
    fn reaches_one(&self, x0: f64) -> Option<f64> {
        let active: Vec<&(Lin, f64)> = self.active().collect();
        let x = match active.as_slice() {
            [] => return None,
            [(load, c)] => {
                if load.a >= *c {
                    x0
                } else if load.b > 0.0 {
                    (c - load.a) / load.b
                } else {
                    return None;
                }
            }
            _ => {
                let ra: f64 = active.iter().map(|(load, c)| load.a / c).sum();
                let rb: f64 = active.iter().map(|(load, c)| load.b / c).sum();
                if ra >= 1.0 {
                    x0
                } else if rb > 0.0 {
                    (1.0 - ra) / rb
                } else {
                    return None;
                }
            }
        };
        x.is_finite().then_some(x.max(x0))
    }
}

/// Utilisation of a node, from push load only (`push_only`) or from
/// everything it processes.
pub(super) fn utilisation(flow: &Flow, acc: &Acc, node: usize, push_only: bool) -> Util {
    let f = &flow.figures[node];
    match flow.kinds[node] {
        NodeKind::Client => Util::NONE,
        kind if super::defaults::is_store(kind) => Util {
            terms: [
                (acc.reads[node], f.reads_per_s),
                (acc.writes[node], f.writes_per_s),
            ],
        },
        NodeKind::Cache | NodeKind::Bus => {
            Util::one(acc.throughput[node], f.rps.unwrap_or(f64::INFINITY))
        }
        _ => {
            let load = if push_only {
                acc.push[node]
            } else {
                acc.throughput[node]
            };
            Util::one(load, f.rps.unwrap_or(f64::INFINITY))
        }
    }
}

/// The outcome of the segment walk.
pub(super) struct Walk {
    /// Accumulators of the segment holding the asked multiplier.
    pub at_x: Acc,
    /// Drain states in that segment.
    pub states_at_x: Vec<Drain>,
    /// Per node: the multiplier at which its push load reaches capacity.
    pub at_traffic: Vec<Option<f64>>,
    /// Per node: the multiplier at which everything it processes (push load
    /// and what it drains) reaches capacity: where its ρ first reaches 1.
    pub rho_one: Vec<Option<f64>>,
    /// Per consumer: the multiplier at which it is offered its capacity and
    /// starts to fall behind (its queue grows from there).
    pub behind_at: Vec<Option<f64>>,
}

/// Walks the segments between consumer breakpoints from X = 0 upwards.
pub(super) fn walk(inputs: &Inputs<'_>, initial: Vec<Drain>, x: f64) -> Walk {
    let flow = inputs.flow;
    let mut pulls = vec![false; flow.nodes];
    for link in &flow.links {
        if matches!(link.kind, LinkKind::Subscribe | LinkKind::Relay) && !flow.is_channel(link.to) {
            pulls[link.to] = true;
        }
    }
    let consumers: Vec<usize> = (0..flow.nodes)
        .filter(|&v| pulls[v] && initial[v] == Drain::Free && drain_capacity(flow, v).is_some())
        .collect();
    let candidates: Vec<usize> = (0..flow.nodes)
        .filter(|&v| !inputs.down[v] && flow.kinds[v] != NodeKind::Client)
        .collect();
    let mut states = initial;
    let mut at_traffic: Vec<Option<f64>> = vec![None; flow.nodes];
    let mut rho_one: Vec<Option<f64>> = vec![None; flow.nodes];
    let mut behind_at: Vec<Option<f64>> = vec![None; flow.nodes];
    let mut x0 = 0.0_f64;
    let mut at_x: Option<(Acc, Vec<Drain>)> = None;
    loop {
        let acc = propagate(inputs, &states);
        // The next consumer to reach its capacity.
        let mut x1 = f64::INFINITY;
        let mut hitting: Vec<usize> = Vec::new();
        for &c in &consumers {
            if states[c] != Drain::Free {
                continue;
            }
            let Some(capacity) = drain_capacity(flow, c) else {
                continue;
            };
            let offered = acc.offered[c];
            let xc = if offered.a >= capacity {
                x0
            } else if offered.b > 0.0 {
                ((capacity - offered.a) / offered.b).max(x0)
            } else {
                continue;
            };
            if !xc.is_finite() {
                continue;
            }
            if xc < x1 {
                x1 = xc;
                hitting.clear();
                hitting.push(c);
            } else if (xc - x1).abs() <= f64::EPSILON * x1.max(1.0) {
                hitting.push(c);
            }
        }
        for &v in &candidates {
            if at_traffic[v].is_none()
                && let Some(xv) = utilisation(flow, &acc, v, true).reaches_one(x0)
                && xv <= x1
            {
                at_traffic[v] = Some(xv);
            }
            if rho_one[v].is_none()
                && let Some(xv) = utilisation(flow, &acc, v, false).reaches_one(x0)
                && xv <= x1
            {
                rho_one[v] = Some(xv);
            }
        }
        if at_x.is_none() && x <= x1 {
            at_x = Some((acc, states.clone()));
        }
        if hitting.is_empty() {
            break;
        }
        for c in hitting {
            states[c] = Drain::Capped;
            behind_at[c] = Some(x1);
        }
        x0 = x1;
    }
    let (at_x, states_at_x) = at_x.unwrap_or_else(|| {
        let acc = propagate(inputs, &states);
        (acc, states)
    });
    Walk {
        at_x,
        states_at_x,
        at_traffic,
        rho_one,
        behind_at,
    }
}
