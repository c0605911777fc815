//! Per-kind defaults: what one box of each kind can take when the drawing
//! says nothing, how fast it answers, and the metric to watch when it is the
//! bottleneck. A node's own `capacity` figures override them field by field.
//!
//! | kind | capacity per instance | p50 / p99 ms | notes |
//! |---|---|---|---|
//! | client | sends traffic: the clients without `entry_rps` share 120 RPS | — | the seed's "~120 RPS" |
//! | edge (CDN) | 10,000,000 rps (effectively unbounded), hit ratio 0 | 10 / 40 | entry traffic counts API calls, which the CDN passes to the origin |
//! | load_balancer | 50,000 rps | 1 / 5 | nginx / HAProxy / a cloud LB: tens of thousands |
//! | gateway | 20,000 rps | 3 / 15 | Kong-class gateways: tens of thousands per node |
//! | service | 300 rps | 20 / 100 | one Node.js event loop at ~3 ms CPU per request |
//! | database | 20,000 reads/s, 3,000 writes/s | 2 / 20 | Postgres primary: a few thousand committed writes/s; replicas (`instances`) add reads only |
//! | cache | 100,000 ops/s, hit ratio 0.9 | 0.5 / 2 | one Redis node (redis-benchmark: ~100k GET/SET per second) |
//! | bus | 100,000 msgs/s | 5 / 20 | Kafka: LinkedIn's benchmark did ~800k small records/s per producer |
//! | worker | 200 msgs/s | 5 / 50 | one consumer doing a few ms of work per message |
//! | external | 100 rps | 300 / 600 | Stripe's live-mode limit is 100 operations/s; the seed's payment hop is 600 ms p99 |
//! | outbox | 20,000 reads/s, 3,000 writes/s | 2 / 20 | a table in the service's database |
//! | storage | 5,500 reads/s, 3,500 writes/s | 20 / 100 | S3 per partitioned prefix (GET/HEAD vs PUT/POST/DELETE) |
//! | search | 1,000 reads/s, 1,000 writes/s | 10 / 50 | one Elasticsearch node, order of magnitude |
//! | other | unbounded | 0 / 0 | unknown boxes pass traffic through |

use crate::model::{Node, NodeKind};

/// Total entry traffic of a drawing at 1× when no client sets `entry_rps`:
/// the seed's "we serve ~120 RPS".
pub const DEFAULT_ENTRY_RPS: f64 = 120.0;

/// Fraction of an unlabelled store arrow's requests that write: the seed's
/// "a typical web app has 80 %+ reads".
pub const DEFAULT_WRITE_SHARE: f64 = 0.2;

/// What a kind can take when the drawing says nothing.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Profile {
    /// Requests per second per instance; `None` is unbounded (clients, `other`).
    pub rps: Option<f64>,
    /// For stores: reads per second per instance.
    pub reads_per_s: Option<f64>,
    /// For stores: writes per second.
    pub writes_per_s: Option<f64>,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Fraction of lookups answered (caches; edges).
    pub hit_ratio: f64,
}

const fn plain(rps: Option<f64>, p50_ms: f64, p99_ms: f64) -> Profile {
    Profile {
        rps,
        reads_per_s: None,
        writes_per_s: None,
        p50_ms,
        p99_ms,
        hit_ratio: 0.0,
    }
}

const fn store(reads: f64, writes: f64, p50_ms: f64, p99_ms: f64) -> Profile {
    Profile {
        rps: None,
        reads_per_s: Some(reads),
        writes_per_s: Some(writes),
        p50_ms,
        p99_ms,
        hit_ratio: 0.0,
    }
}

/// The defaults of one kind (the table in this module's docs).
#[must_use]
pub const fn profile(kind: NodeKind) -> Profile {
    match kind {
        NodeKind::Client | NodeKind::Other => plain(None, 0.0, 0.0),
        NodeKind::Edge => plain(Some(10_000_000.0), 10.0, 40.0),
        NodeKind::LoadBalancer => plain(Some(50_000.0), 1.0, 5.0),
        NodeKind::Gateway => plain(Some(20_000.0), 3.0, 15.0),
        NodeKind::Service => plain(Some(300.0), 20.0, 100.0),
        NodeKind::Database | NodeKind::Outbox => store(20_000.0, 3_000.0, 2.0, 20.0),
        NodeKind::Cache => Profile {
            hit_ratio: 0.9,
            ..plain(Some(100_000.0), 0.5, 2.0)
        },
        NodeKind::Bus => plain(Some(100_000.0), 5.0, 20.0),
        NodeKind::Worker => plain(Some(200.0), 5.0, 50.0),
        NodeKind::External => plain(Some(100.0), 300.0, 600.0),
        NodeKind::Storage => store(5_500.0, 3_500.0, 20.0, 100.0),
        NodeKind::Search => store(1_000.0, 1_000.0, 10.0, 50.0),
    }
}

/// True for the kinds whose load splits into reads and writes.
#[must_use]
pub const fn is_store(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Database | NodeKind::Outbox | NodeKind::Storage | NodeKind::Search
    )
}

/// True for the kinds that route a request to one of their arrows rather
/// than calling every one: the front door splits, a service calls.
#[must_use]
pub const fn routes(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Client | NodeKind::Edge | NodeKind::LoadBalancer | NodeKind::Gateway
    )
}

/// The metric to watch when a node of this kind is the bottleneck.
/// `calls_store` says whether a service reads or writes a store (then its
/// connection pool goes first, not its CPU).
#[must_use]
pub const fn metric(kind: NodeKind, calls_store: bool) -> &'static str {
    match kind {
        NodeKind::Client => "request rate",
        NodeKind::Edge => "origin requests and cache hit ratio",
        NodeKind::LoadBalancer => "active connections and surge queue",
        NodeKind::Gateway => "CPU and rate-limited (429) responses",
        NodeKind::Service if calls_store => "connection pool",
        NodeKind::Service => "CPU and event-loop lag",
        NodeKind::Database => "IOPS and connections",
        NodeKind::Cache => "memory and evictions",
        NodeKind::Bus => "consumer lag",
        NodeKind::Worker => "consumer lag and processing time",
        NodeKind::External => "rate limits (429s) and timeouts",
        NodeKind::Outbox => "unpublished rows (relay lag)",
        NodeKind::Storage => "requests per prefix (503 Slow Down)",
        NodeKind::Search => "query latency and indexing backlog",
        NodeKind::Other => "throughput",
    }
}

/// One node's figures after its overrides are applied: totals over its
/// instances.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Resolved {
    /// Requests per second in all (`None`: unbounded). Unused for stores.
    pub rps: Option<f64>,
    /// Store reads per second in all.
    pub reads_per_s: f64,
    /// Store writes per second in all.
    pub writes_per_s: f64,
    /// Median latency, ms.
    pub p50_ms: f64,
    /// 99th percentile latency, ms.
    pub p99_ms: f64,
    /// Fraction of lookups answered.
    pub hit_ratio: f64,
    /// Entry traffic at 1× for a client that sets it.
    pub entry_rps: Option<f64>,
}

/// A node's figures: its overrides over its kind's defaults, multiplied by
/// its instances (a database's replicas multiply reads only). A store given
/// only `rps` uses it for both reads and writes.
#[must_use]
pub fn resolve(node: &Node) -> Resolved {
    let base = profile(node.kind);
    let c = &node.capacity;
    let n = f64::from(c.instances.unwrap_or(1).max(1));
    let rps = c.rps.or(base.rps);
    let reads = c
        .reads_per_s
        .or(c.rps)
        .or(base.reads_per_s)
        .unwrap_or(f64::INFINITY);
    let writes = c
        .writes_per_s
        .or(c.rps)
        .or(base.writes_per_s)
        .unwrap_or(f64::INFINITY);
    let write_instances = if node.kind == NodeKind::Database {
        1.0
    } else {
        n
    };
    Resolved {
        rps: rps.map(|r| r * n),
        reads_per_s: reads * n,
        writes_per_s: writes * write_instances,
        p50_ms: c.p50_ms.unwrap_or(base.p50_ms),
        p99_ms: c.p99_ms.unwrap_or(base.p99_ms),
        hit_ratio: c.hit_ratio.unwrap_or(base.hit_ratio).clamp(0.0, 1.0),
        entry_rps: c.entry_rps,
    }
}

/// The fraction of an arrow's requests that write, from its label when the
/// `writes` field is unset: write words (write, insert, update, upsert,
/// delete, save, persist, commit, POST, PUT, PATCH) → 1, read words (read,
/// select, query, get, fetch, lookup, load, list, find, search, poll) → 0,
/// both or neither → the default (1 into an outbox, which is only
/// appended to; else [`DEFAULT_WRITE_SHARE`]).
#[must_use]
pub fn write_share(label: &str, into: NodeKind) -> f64 {
    const WRITES: &[&str] = &[
        "write", "writes", "insert", "inserts", "update", "updates", "upsert", "delete", "save",
        "saves", "persist", "commit", "post", "put", "patch", "append",
    ];
    const READS: &[&str] = &[
        "read", "reads", "select", "query", "queries", "get", "fetch", "lookup", "lookups", "load",
        "list", "find", "search", "poll",
    ];
    let words: Vec<String> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let has = |list: &[&str]| words.iter().any(|w| list.contains(&w.as_str()));
    match (has(WRITES), has(READS)) {
        (true, false) => 1.0,
        (false, true) => 0.0,
        _ if into == NodeKind::Outbox => 1.0,
        _ => DEFAULT_WRITE_SHARE,
    }
}

#[cfg(test)]
#[expect(clippy::float_cmp, reason = "the figures are exact in binary")]
mod tests {
    use super::*;
    use crate::model::Point;

    #[test]
    fn overrides_win_and_instances_multiply() {
        let mut db = Node::new("db", "Orders DB", NodeKind::Database, Point::default());
        db.capacity.writes_per_s = Some(250.0);
        db.capacity.instances = Some(3);
        let r = resolve(&db);
        assert_eq!(r.writes_per_s, 250.0, "replicas do not add write capacity");
        assert_eq!(r.reads_per_s, 60_000.0);
        let mut svc = Node::new("s", "Orders API", NodeKind::Service, Point::default());
        svc.capacity.instances = Some(3);
        assert_eq!(resolve(&svc).rps, Some(900.0));
        let client = Node::new("c", "Browser", NodeKind::Client, Point::default());
        assert_eq!(resolve(&client).rps, None);
    }

    #[test]
    fn labels_say_read_or_write() {
        assert_eq!(write_share("INSERT order", NodeKind::Database), 1.0);
        assert_eq!(write_share("POST /orders", NodeKind::Database), 1.0);
        assert_eq!(write_share("read on miss", NodeKind::Database), 0.0);
        assert_eq!(write_share("poll", NodeKind::Outbox), 0.0);
        assert_eq!(write_share("", NodeKind::Database), DEFAULT_WRITE_SHARE);
        assert_eq!(write_share("OrderCreated, same tx", NodeKind::Outbox), 1.0);
        assert_eq!(
            write_share("read/write", NodeKind::Database),
            DEFAULT_WRITE_SHARE
        );
    }
}
