//! The simulation result as a view-model: plain data the CLI prints and the
//! app draws (a tint per node from its utilisation, the bottleneck called
//! out with its metric, paths coloured by status), plus the sentences a
//! candidate can say out loud.

use crate::model::{EdgeId, NodeId, NodeKind};

pub use super::paths::PathStatus;

/// What fills up first in a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    /// Requests (or operations, messages).
    Requests,
    /// A store's reads.
    Reads,
    /// A store's writes.
    Writes,
}

impl Bound {
    /// "write " / "read " / "" — the word before "capacity" in a sentence.
    #[must_use]
    pub const fn adjective(self) -> &'static str {
        match self {
            Self::Requests => "",
            Self::Reads => "read ",
            Self::Writes => "write ",
        }
    }
}

/// How a node should look on the canvas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Heat {
    /// No traffic reaches it.
    Idle,
    /// Under 70 % of capacity.
    Cool,
    /// 70 % to 100 %: the queueing knee.
    Warm,
    /// At or over capacity.
    Saturated,
    /// A consumer draining at capacity while its bus buffers the rest.
    Buffering,
    /// Taken down.
    Down,
}

/// What a consumer is offered and drains, per second.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Consumption {
    /// Messages (or relayed rows) per second offered to it.
    pub offered_per_s: f64,
    /// What it drains per second.
    pub drained_per_s: f64,
}

/// One node's load at the simulated traffic.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeLoad {
    /// The node.
    pub id: NodeId,
    /// Its kind.
    pub kind: NodeKind,
    /// Its label.
    pub label: String,
    /// Requests (ops, messages) per second it handles; 0 when down.
    pub load_rps: f64,
    /// For a store: reads per second.
    pub reads_per_s: f64,
    /// For a store: writes per second.
    pub writes_per_s: f64,
    /// Capacity in the same unit as `load_rps` (a store's at its read/write
    /// mix); `None` when unbounded (clients, `other`).
    pub capacity_rps: Option<f64>,
    /// ρ = load ÷ capacity (a store: reads ÷ read capacity + writes ÷ write
    /// capacity); finite, ≥ 0.
    pub utilisation: f64,
    /// The traffic multiplier at which its push load reaches its capacity;
    /// `None` when it never does (unbounded, idle, or only fed through a
    /// consumer that caps first).
    pub at_traffic: Option<f64>,
    /// For a consumer behind a bus or a relay: the multiplier at which it is
    /// offered its capacity and falls behind (ρ reaches 1, its queue grows
    /// from there, nothing fails); `None` when it never does.
    pub behind_at: Option<f64>,
    /// The multiplier at which its utilisation, as reported (push load and
    /// what it drains), first reaches 1: the earlier of `at_traffic` and
    /// `behind_at`, give or take a box that is both called and fed.
    pub limit_at: Option<f64>,
    /// What fills up (a store's reads or writes).
    pub bound: Bound,
    /// Median latency at this load, `p50 / (1 − ρ)`; `None` at ρ ≥ 1.
    pub latency_p50_ms: Option<f64>,
    /// 99th percentile latency at this load, `p99 / (1 − ρ)`; `None` at ρ ≥ 1.
    pub latency_p99_ms: Option<f64>,
    /// Requests in flight by Little's law, `L = λ · W` (W the median latency
    /// at this load); `None` at ρ ≥ 1 (the queue grows without bound).
    pub concurrency: Option<f64>,
    /// For a consumer behind a bus or a relay: offered and drained rates.
    pub consumed: Option<Consumption>,
    /// The metric to watch for this node.
    pub metric: &'static str,
    /// Taken down in this scenario.
    pub down: bool,
}

impl NodeLoad {
    /// How to tint it.
    #[must_use]
    pub fn heat(&self) -> Heat {
        if self.down {
            return Heat::Down;
        }
        if let Some(c) = self.consumed
            && c.offered_per_s > c.drained_per_s + 1e-9
        {
            return Heat::Buffering;
        }
        if self.load_rps <= 0.0 {
            Heat::Idle
        } else if self.utilisation >= 1.0 {
            Heat::Saturated
        } else if self.utilisation >= 0.7 {
            Heat::Warm
        } else {
            Heat::Cool
        }
    }
}

/// The two ways a box reaches its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Its pushed load (calls, store reads and writes) reaches capacity:
    /// requests queue in it, time out and fail.
    Saturates,
    /// A consumer behind a bus (or a relay behind its store) is offered its
    /// capacity: it keeps draining at that rate, the backlog grows without
    /// bound and the work it does lags; no request fails.
    FallsBehind,
}

/// A node reaching its limit as traffic grows: the first to saturate, or
/// the first consumer to fall behind.
#[derive(Clone, Debug, PartialEq)]
pub struct Bottleneck {
    /// The node.
    pub node: NodeId,
    /// Its kind.
    pub kind: NodeKind,
    /// Its label.
    pub label: String,
    /// The multiplier at which it reaches ρ = 1.
    pub at_traffic: f64,
    /// Its utilisation at the simulated traffic.
    pub utilisation: f64,
    /// What fills up.
    pub bound: Bound,
    /// The metric to watch.
    pub metric: &'static str,
    /// Which kind of limit it is.
    pub limit: Limit,
    /// For a consumer falling behind: the label of the bus (or store) whose
    /// backlog grows.
    pub queue: Option<String>,
    /// For a consumer falling behind: what it publishes, which lags with
    /// it (event names, in arrow order).
    pub publishes: Vec<String>,
}

/// One consumer of a queue and how far behind it falls.
#[derive(Clone, Debug, PartialEq)]
pub struct Lag {
    /// The consumer.
    pub node: NodeId,
    /// Its label.
    pub label: String,
    /// What it is offered from this queue, per second.
    pub offered_per_s: f64,
    /// What it drains from this queue, per second.
    pub drained_per_s: f64,
}

/// A bus (or a relayed store) whose consumers fall behind.
#[derive(Clone, Debug, PartialEq)]
pub struct Queue {
    /// The bus (or store).
    pub node: NodeId,
    /// Its label.
    pub label: String,
    /// Its kind (a bus holds messages, a relayed store rows).
    pub kind: NodeKind,
    /// Backlog growth: producers' rate minus consumers' drain, per second
    /// (the consumer lag added each second). Always > 0 in a report.
    pub growth_per_s: f64,
    /// The consumers that fall behind.
    pub lagging: Vec<Lag>,
}

/// A store that takes a down cache's reads.
#[derive(Clone, Debug, PartialEq)]
pub struct Fallback {
    /// The cache that is down.
    pub cache: NodeId,
    /// Its label.
    pub cache_label: String,
    /// The store behind it.
    pub store: NodeId,
    /// Its label.
    pub store_label: String,
    /// The store's reads per second now.
    pub reads_per_s: f64,
    /// The store's utilisation now.
    pub utilisation: f64,
}

impl Fallback {
    /// Whether the store now saturates.
    #[must_use]
    pub fn saturates(&self) -> bool {
        self.utilisation >= 1.0
    }
}

/// One request path from a client.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestPath {
    /// Node ids from the client on.
    pub nodes: Vec<NodeId>,
    /// What the down nodes do to it.
    pub status: PathStatus,
    /// The down node that decided it.
    pub cause: Option<NodeId>,
}

/// Everything one simulation says.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulation {
    /// The traffic multiplier X.
    pub traffic: f64,
    /// Entry traffic of all clients at 1×, requests per second.
    pub entry_rps: f64,
    /// Every node, in document order.
    pub nodes: Vec<NodeLoad>,
    /// The first node whose utilisation reaches 1 as traffic grows, of
    /// either [`Limit`] (PRODUCT.md's `first_bottleneck`): the earlier of
    /// `first_saturated` and `first_behind`; `None` when none can.
    pub first_bottleneck: Option<Bottleneck>,
    /// The first node whose pushed load reaches capacity (the first
    /// synchronous bottleneck: requests fail there); `None` when none can.
    pub first_saturated: Option<Bottleneck>,
    /// The first consumer to fall behind its bus; `None` when none does.
    pub first_behind: Option<Bottleneck>,
    /// Buses (or relayed stores) whose backlog grows, by growth, largest first.
    pub queues: Vec<Queue>,
    /// Request paths from the clients, in walk order.
    pub paths: Vec<RequestPath>,
    /// Callers hurt by the down nodes, by depth (index 0 = depth 1).
    pub blast_radius: Vec<Vec<NodeId>>,
    /// Down caches and the stores that take their reads.
    pub fallbacks: Vec<Fallback>,
    /// The down nodes.
    pub down: Vec<NodeId>,
    /// Arrows cut to break loops (they carry no load).
    pub cut_edges: Vec<EdgeId>,
}

impl Simulation {
    /// The load of one node.
    #[must_use]
    pub fn node(&self, id: &str) -> Option<&NodeLoad> {
        self.nodes.iter().find(|n| n.id.as_str() == id)
    }

    /// The paths with one status.
    pub fn paths_with(&self, status: PathStatus) -> impl Iterator<Item = &RequestPath> {
        self.paths.iter().filter(move |p| p.status == status)
    }

    /// The sentence to say about what breaks first: the first consumer to
    /// fall behind (its backlog grows, nothing fails) and the first
    /// synchronous bottleneck (requests fail there), earliest first.
    #[must_use]
    pub fn headline(&self) -> String {
        let x = times(self.traffic);
        if self.entry_rps <= 0.0 {
            return "Nothing flows: no client sends traffic.".to_owned();
        }
        match (&self.first_saturated, &self.first_behind) {
            (None, None) => format!(
                "At {x} nothing on a request path can saturate: no box with traffic has a limit this load can reach."
            ),
            (Some(s), None) => self.saturated_alone(s),
            (None, Some(b)) => {
                if b.at_traffic <= self.traffic {
                    format!("At {x} {}", self.behind_clause(b, false))
                } else {
                    format!(
                        "At {x} nothing fails yet, and nothing on a request path can saturate. {}",
                        self.behind_clause(b, false)
                    )
                }
            }
            (Some(s), Some(b)) => {
                let behind_first = b.at_traffic < s.at_traffic;
                let parts = if behind_first {
                    [self.behind_clause(b, true), self.saturated_clause(s)]
                } else {
                    [self.saturated_clause(s), self.behind_clause(b, false)]
                };
                let earliest = s.at_traffic.min(b.at_traffic);
                if earliest <= self.traffic {
                    format!("At {x} {} {}", parts[0], parts[1])
                } else {
                    format!("At {x} nothing fails yet. {} {}", parts[0], parts[1])
                }
            }
        }
    }

    /// The headline when no consumer falls behind (the simulator's first
    /// wording, kept).
    fn saturated_alone(&self, b: &Bottleneck) -> String {
        let x = times(self.traffic);
        if b.at_traffic <= self.traffic {
            format!(
                "At {x} {} reaches {} its {}capacity first (it saturates at {}); watch {}.",
                b.label,
                times(b.utilisation),
                b.bound.adjective(),
                times(b.at_traffic),
                b.metric
            )
        } else {
            format!(
                "At {x} nothing saturates yet; the first to go is {}, at {} ({:.0} % of its {}capacity now); watch {}.",
                b.label,
                times(b.at_traffic),
                b.utilisation * 100.0,
                b.bound.adjective(),
                b.metric
            )
        }
    }

    /// The first synchronous bottleneck, as a sentence that follows
    /// another.
    fn saturated_clause(&self, b: &Bottleneck) -> String {
        if b.at_traffic <= self.traffic {
            format!(
                "{} is the first synchronous bottleneck: it reaches {} its {}capacity (it saturates at {}); watch {}.",
                b.label,
                times(b.utilisation),
                b.bound.adjective(),
                times(b.at_traffic),
                b.metric
            )
        } else {
            format!(
                "The first synchronous bottleneck is {}, at {} ({:.0} % of its {}capacity now); watch {}.",
                b.label,
                times(b.at_traffic),
                b.utilisation * 100.0,
                b.bound.adjective(),
                b.metric
            )
        }
    }

    /// The first consumer to fall behind: when, which backlog grows and
    /// what lags; `first` when it is the first limit of all.
    fn behind_clause(&self, b: &Bottleneck, first: bool) -> String {
        let queue = b.queue.as_deref().map_or_else(
            || "its backlog".to_owned(),
            |q| format!("its backlog in {q}"),
        );
        let lags = match b.publishes.as_slice() {
            [] => "its work lags".to_owned(),
            [one] => format!("{one} lags"),
            many => format!("{} lag", many.join(" and ")),
        };
        if b.at_traffic <= self.traffic {
            let mut unit = "messages";
            let mut growth = 0.0;
            for q in &self.queues {
                for l in q.lagging.iter().filter(|l| l.node == b.node) {
                    growth += l.offered_per_s - l.drained_per_s;
                    if q.kind != NodeKind::Bus {
                        unit = "rows";
                    }
                }
            }
            let grows = if growth > 0.0 {
                format!("grows by {} {unit}/s", rate(growth))
            } else {
                "grows".to_owned()
            };
            format!(
                "{} has fallen behind (from {}): {queue} {grows} and {lags}, though no request fails; watch {}.",
                b.label,
                times(b.at_traffic),
                b.metric
            )
        } else {
            format!(
                "{} falls behind{} at {} ({:.0} % of its capacity now): from there {queue} grows without bound and {lags}, though no request fails.",
                b.label,
                if first { " first," } else { "" },
                times(b.at_traffic),
                b.utilisation * 100.0
            )
        }
    }

    /// Every sentence: the headline, each growing queue, each down cache's
    /// store, and what the down nodes do to the paths.
    #[must_use]
    pub fn sentences(&self) -> Vec<String> {
        let mut out = vec![self.headline()];
        for q in &self.queues {
            let who: Vec<String> = q
                .lagging
                .iter()
                .map(|l| {
                    format!(
                        "{} drains {} of {}/s",
                        l.label,
                        rate(l.drained_per_s),
                        rate(l.offered_per_s)
                    )
                })
                .collect();
            out.push(format!(
                "{} buffers: its backlog grows by {} {}/s ({}).",
                q.label,
                rate(q.growth_per_s),
                if q.kind == NodeKind::Bus {
                    "messages"
                } else {
                    "rows"
                },
                who.join("; ")
            ));
        }
        for f in &self.fallbacks {
            let level = if f.saturates() {
                format!("{} its capacity: it saturates", times(f.utilisation))
            } else {
                format!(
                    "{} % of its capacity: it holds",
                    short(f.utilisation * 100.0)
                )
            };
            out.push(format!(
                "{} is down: its reads fall on {}, which now takes {} reads/s — {level}.",
                f.cache_label,
                f.store_label,
                rate(f.reads_per_s),
            ));
        }
        if !self.down.is_empty() {
            let count = |s| self.paths_with(s).count();
            // By the label the user sees; a down node the drawing lacks
            // keeps its id.
            let names: Vec<&str> = self
                .down
                .iter()
                .map(|id| {
                    self.node(id.as_str())
                        .map_or(id.as_str(), |n| n.label.as_str())
                })
                .collect();
            let total = self.paths.len();
            out.push(format!(
                "With {} down, of {total} request path{}: {} failed, {} degraded, {} unaffected.",
                names.join(", "),
                if total == 1 { "" } else { "s" },
                count(PathStatus::Failed),
                count(PathStatus::Degraded),
                count(PathStatus::Unaffected)
            ));
        }
        out
    }
}

/// A multiplier as said aloud: `10×`, `1.2×`, `8.3×`, `0.05×`.
#[must_use]
pub fn times(v: f64) -> String {
    format!("{}×", short(v))
}

/// A rate: `1,200`, `80`, `2.4`.
#[must_use]
pub fn rate(v: f64) -> String {
    short(v)
}

fn short(v: f64) -> String {
    if !v.is_finite() {
        return "∞".to_owned();
    }
    let text = if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 || (v.fract() == 0.0) {
        format!("{v:.1}")
    } else if v.abs() >= 0.1 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    };
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        text
    };
    group_thousands(&text)
}

fn group_thousands(text: &str) -> String {
    let (sign, rest) = text.strip_prefix('-').map_or(("", text), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    if int.len() <= 3 {
        return text.to_owned();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{out}.{f}"),
        None => format!("{sign}{out}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_aloud() {
        assert_eq!(times(10.0), "10×");
        assert_eq!(times(1.2), "1.2×");
        assert_eq!(times(8.333_333), "8.33×");
        assert_eq!(times(37.5), "37.5×");
        assert_eq!(rate(1200.0), "1,200");
        assert_eq!(rate(2.4), "2.4");
        assert_eq!(rate(0.05), "0.05");
        assert_eq!(rate(1_234_567.0), "1,234,567");
    }
}
