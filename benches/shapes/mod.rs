//! Big generated drawings for the scale benches and tests (issue #16): the
//! "chain" shape that made the import layout quadratic (services calling
//! each other in a line, each also called by the gateway) and a seeded
//! random platform. Shared by `benches/open.rs` and `tests/scale.rs`.
#![expect(dead_code, reason = "each user takes a different subset")]

use archdrill::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind, Point,
};

/// A small deterministic generator (64-bit LCG, high bits).
pub struct Lcg(pub u64);

impl Lcg {
    /// The next 31 random bits.
    pub fn next(&mut self) -> u32 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        u32::try_from(self.0 >> 33).unwrap_or(0)
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next()).unwrap_or(0) % n.max(1)
    }
}

fn push_edge(d: &mut Diagram, from: &str, to: &str, kind: EdgeKind, label: &str) {
    let id = format!("e{}", d.edges.len());
    d.edges.push(Edge {
        label: label.to_owned(),
        ..Edge::new(&id, from, to, kind)
    });
}

/// The five-tier platform with its services in a chain: web app → CDN →
/// load balancer → gateway; the gateway calls every service `s0 … sN`, and
/// each service calls the next, owns a database and a cache, also writes
/// the next one's database and publishes to one bus. About `nodes` boxes
/// and twice as many arrows.
#[must_use]
pub fn chain(nodes: usize) -> Diagram {
    let services = nodes.saturating_sub(5).div_ceil(3).max(1);
    let mut d = Diagram {
        title: "Chained services".to_owned(),
        ..Diagram::default()
    };
    let fixed = [
        ("web", "Web app", NodeKind::Client),
        ("cdn", "CDN", NodeKind::Edge),
        ("lb", "Load balancer", NodeKind::LoadBalancer),
        ("gw", "API gateway", NodeKind::Gateway),
        ("bus", "Kafka events", NodeKind::Bus),
    ];
    for (id, label, kind) in fixed {
        d.nodes.push(Node::new(id, label, kind, Point::default()));
    }
    for i in 0..services {
        d.nodes.push(Node::new(
            &format!("s{i}"),
            &format!("Service {i}"),
            NodeKind::Service,
            Point::default(),
        ));
        d.nodes.push(Node::new(
            &format!("db{i}"),
            &format!("Database {i}"),
            NodeKind::Database,
            Point::default(),
        ));
        d.nodes.push(Node::new(
            &format!("c{i}"),
            &format!("Redis cache {i}"),
            NodeKind::Cache,
            Point::default(),
        ));
    }
    push_edge(&mut d, "web", "cdn", EdgeKind::Sync, "");
    push_edge(&mut d, "cdn", "lb", EdgeKind::Sync, "");
    push_edge(&mut d, "lb", "gw", EdgeKind::Sync, "");
    for i in 0..services {
        let s = format!("s{i}");
        push_edge(&mut d, "gw", &s, EdgeKind::Sync, "");
        if i + 1 < services {
            push_edge(&mut d, &s, &format!("s{}", i + 1), EdgeKind::Sync, "");
        }
        push_edge(&mut d, &s, &format!("db{i}"), EdgeKind::Data, "");
        push_edge(&mut d, &s, &format!("c{i}"), EdgeKind::Data, "");
        push_edge(
            &mut d,
            &s,
            &format!("db{}", (i + 1) % services),
            EdgeKind::Data,
            "",
        );
        push_edge(&mut d, &s, "bus", EdgeKind::Async, "Changed");
    }
    d
}

/// Kinds in the proportions of a big real drawing.
const KINDS: [(NodeKind, usize); 10] = [
    (NodeKind::Client, 4),
    (NodeKind::Edge, 2),
    (NodeKind::LoadBalancer, 2),
    (NodeKind::Gateway, 3),
    (NodeKind::Service, 36),
    (NodeKind::Database, 20),
    (NodeKind::Cache, 8),
    (NodeKind::Bus, 5),
    (NodeKind::Worker, 12),
    (NodeKind::External, 8),
];

/// A seeded random platform: `nodes` boxes of mixed kinds, `edges` arrows
/// (mostly along the tiers, a fifth against them), a boundary around every
/// tenth service and the first stores it writes.
#[must_use]
pub fn random(nodes: usize, edges: usize, seed: u64) -> Diagram {
    let mut rng = Lcg(seed);
    let total: usize = KINDS.iter().map(|(_, w)| w).sum();
    let mut d = Diagram {
        title: "Random platform".to_owned(),
        ..Diagram::default()
    };
    for i in 0..nodes {
        let mut pick = rng.below(total);
        let kind = KINDS
            .iter()
            .find(|(_, w)| {
                let hit = pick < *w;
                pick = pick.saturating_sub(*w);
                hit
            })
            .map_or(NodeKind::Service, |(k, _)| *k);
        d.nodes.push(Node::new(
            &format!("n{i}"),
            &format!("{} {i}", kind.title()),
            kind,
            Point::default(),
        ));
    }
    let tier = |k: NodeKind| NodeKind::ALL.iter().position(|&x| x == k).unwrap_or(0);
    while d.edges.len() < edges && nodes > 1 {
        let (a, b) = (rng.below(nodes), rng.below(nodes));
        if a == b {
            continue;
        }
        let (ka, kb) = (d.nodes[a].kind, d.nodes[b].kind);
        let (from, to) = if (tier(ka) <= tier(kb)) == (rng.below(5) != 0) {
            (a, b)
        } else {
            (b, a)
        };
        let kind = match d.nodes[to].kind {
            NodeKind::Database | NodeKind::Cache | NodeKind::Storage | NodeKind::Search => {
                EdgeKind::Data
            }
            NodeKind::Bus | NodeKind::Worker => EdgeKind::Async,
            _ if d.nodes[from].kind == NodeKind::Bus => EdgeKind::Async,
            _ => EdgeKind::Sync,
        };
        let (f, t) = (d.nodes[from].id.0.clone(), d.nodes[to].id.0.clone());
        push_edge(&mut d, &f, &t, kind, "");
    }
    let mut taken = vec![false; nodes];
    let mut out_data: Vec<Vec<usize>> = vec![Vec::new(); nodes];
    let index = |id: &str| id.strip_prefix('n').and_then(|n| n.parse::<usize>().ok());
    for edge in &d.edges {
        if edge.kind == EdgeKind::Data
            && let (Some(a), Some(b)) = (index(edge.from.as_str()), index(edge.to.as_str()))
        {
            out_data[a].push(b);
        }
    }
    let services: Vec<usize> = (0..nodes)
        .filter(|&i| d.nodes[i].kind == NodeKind::Service)
        .collect();
    for (k, &s) in services.iter().enumerate().filter(|(k, _)| k % 10 == 0) {
        if taken[s] {
            continue;
        }
        taken[s] = true;
        let mut members = vec![d.nodes[s].id.clone()];
        for &t in &out_data[s] {
            if !taken[t] && members.len() < 3 {
                taken[t] = true;
                members.push(d.nodes[t].id.clone());
            }
        }
        d.boundaries.push(Boundary {
            id: BoundaryId::from(format!("b{k}").as_str()),
            label: format!("Context {k}"),
            parent: None,
            nodes: members,
        });
    }
    d
}

/// `depth` boundaries, each inside the previous, each holding one node.
#[must_use]
pub fn nested(depth: usize) -> Diagram {
    let mut d = Diagram {
        title: "Nested".to_owned(),
        ..Diagram::default()
    };
    for i in 0..depth {
        #[expect(clippy::cast_precision_loss, reason = "test coordinates")]
        let pos = Point::new(i as f32 * 10.0, i as f32 * 10.0);
        d.nodes.push(Node::new(
            &format!("n{i}"),
            &format!("Service {i}"),
            NodeKind::Service,
            pos,
        ));
        d.boundaries.push(Boundary {
            id: BoundaryId(format!("b{i}")),
            label: format!("Level {i}"),
            parent: (i > 0).then(|| BoundaryId(format!("b{}", i - 1))),
            nodes: vec![NodeId(format!("n{i}"))],
        });
        if i > 0 {
            push_edge(
                &mut d,
                &format!("n{}", i - 1),
                &format!("n{i}"),
                EdgeKind::Sync,
                "",
            );
        }
    }
    d
}

/// `nodes` boxes on a grid, each calling its right and lower neighbour:
/// a big drawing with positions already set (export and save benches).
#[must_use]
pub fn grid(nodes: usize) -> Diagram {
    let side = nodes.isqrt() + usize::from(nodes.isqrt() * nodes.isqrt() < nodes);
    let side = side.max(1);
    let mut d = Diagram {
        title: "Grid".to_owned(),
        ..Diagram::default()
    };
    let kinds = [
        NodeKind::Service,
        NodeKind::Database,
        NodeKind::Cache,
        NodeKind::Worker,
        NodeKind::Bus,
    ];
    for i in 0..nodes {
        let (row, col) = (i / side, i % side);
        #[expect(clippy::cast_precision_loss, reason = "grid coordinates")]
        let pos = Point::new(col as f32 * 240.0, row as f32 * 140.0);
        let kind = kinds[i % kinds.len()];
        d.nodes.push(Node::new(
            &format!("n{i}"),
            &format!("{} {i}", kind.title()),
            kind,
            pos,
        ));
    }
    for i in 0..nodes {
        if (i + 1) % side != 0 && i + 1 < nodes {
            push_edge(
                &mut d,
                &format!("n{i}"),
                &format!("n{}", i + 1),
                EdgeKind::Sync,
                "",
            );
        }
        if i + side < nodes {
            let label = if i % 7 == 0 { "OrderPlaced" } else { "" };
            push_edge(
                &mut d,
                &format!("n{i}"),
                &format!("n{}", i + side),
                EdgeKind::Async,
                label,
            );
        }
    }
    d
}

/// A platform cut into bounded contexts: a web app and a gateway calling
/// the first service of every context; each context a boundary of 20
/// boxes, four times a service with its database, cache and topic, and the
/// worker the topic feeds (which writes the database). Across contexts,
/// seeded at random, each service calls three others, each worker also
/// writes another context's database and each topic also feeds another
/// context's worker: about `nodes` boxes and twice as many arrows, every
/// boundary spanning every tier (issue #16: such imports laid out millions
/// of units across).
#[must_use]
pub fn contexts(nodes: usize, seed: u64) -> Diagram {
    const PER: usize = 20;
    let mut rng = Lcg(seed);
    let count = nodes.saturating_sub(2).div_ceil(PER).max(1);
    let mut d = Diagram {
        title: "Bounded contexts".to_owned(),
        ..Diagram::default()
    };
    d.nodes.push(Node::new(
        "web",
        "Web app",
        NodeKind::Client,
        Point::default(),
    ));
    d.nodes.push(Node::new(
        "gw",
        "API gateway",
        NodeKind::Gateway,
        Point::default(),
    ));
    push_edge(&mut d, "web", "gw", EdgeKind::Sync, "");
    let parts = [
        ("svc", "Service", NodeKind::Service),
        ("db", "Orders DB", NodeKind::Database),
        ("cache", "Redis cache", NodeKind::Cache),
        ("topic", "Kafka topic", NodeKind::Bus),
        ("worker", "Worker", NodeKind::Worker),
    ];
    let quads = PER / parts.len();
    let id = |part: &str, c: usize, q: usize| format!("{part}{c}_{q}");
    for c in 0..count {
        let mut members = Vec::new();
        for q in 0..quads {
            for (part, label, kind) in parts {
                let node = id(part, c, q);
                d.nodes.push(Node::new(
                    &node,
                    &format!("{label} {c}.{q}"),
                    kind,
                    Point::default(),
                ));
                members.push(NodeId(node));
            }
            let (svc, db, worker) = (id("svc", c, q), id("db", c, q), id("worker", c, q));
            push_edge(&mut d, &svc, &db, EdgeKind::Data, "");
            push_edge(&mut d, &svc, &id("cache", c, q), EdgeKind::Data, "");
            push_edge(&mut d, &svc, &id("topic", c, q), EdgeKind::Async, "");
            push_edge(&mut d, &id("topic", c, q), &worker, EdgeKind::Async, "");
            push_edge(&mut d, &worker, &db, EdgeKind::Data, "");
        }
        push_edge(&mut d, "gw", &id("svc", c, 0), EdgeKind::Sync, "");
        d.boundaries.push(Boundary {
            id: BoundaryId(format!("ctx{c}")),
            label: format!("Context {c}"),
            parent: None,
            nodes: members,
        });
    }
    let mut other = |c: usize| (c + 1 + rng.below(count.saturating_sub(1).max(1))) % count;
    for c in 0..count {
        for q in 0..quads {
            for _ in 0..3 {
                let (o, oq) = (other(c), q);
                push_edge(
                    &mut d,
                    &id("svc", c, q),
                    &id("svc", o, oq),
                    EdgeKind::Sync,
                    "",
                );
            }
            let o = other(c);
            push_edge(
                &mut d,
                &id("worker", c, q),
                &id("db", o, q),
                EdgeKind::Data,
                "",
            );
            let o = other(c);
            push_edge(
                &mut d,
                &id("topic", c, q),
                &id("worker", o, q),
                EdgeKind::Async,
                "",
            );
        }
    }
    d
}
