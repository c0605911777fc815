//! Simulation speed (PRODUCT.md quality bar): ≤ 50 ms for a 2,000-node
//! drawing.
//!
//! The drawing is generated to look like a real one scaled up: clients →
//! CDN → gateway → many services, each with its own database, some with a
//! cache in front of it (cache-aside), events through two buses to other
//! services and workers (every consumer a breakpoint of the segment walk),
//! workers writing stores, a few synchronous service calls and an outbox
//! relay per ten services. Measured at 10× with nothing down, and with a
//! cache and a bus consumer down (paths classified, fallbacks computed).

mod common;

use std::hint::black_box;

use archdrill::model::{Diagram, EdgeKind, Node, NodeKind, Point};
use archdrill::simulate::{Scenario, simulate};
use common::{EVENTS, edge};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn node(d: &mut Diagram, id: &str, kind: NodeKind) {
    d.nodes.push(Node::new(id, id, kind, Point::default()));
}

/// A drawing of about `n` nodes (and about 1.7 arrows per node).
fn realistic(n: usize) -> Diagram {
    let mut d = Diagram::default();
    for (id, kind) in [
        ("spa", NodeKind::Client),
        ("ios", NodeKind::Client),
        ("cdn", NodeKind::Edge),
        ("kong", NodeKind::Gateway),
        ("bus", NodeKind::Bus),
        ("stream", NodeKind::Bus),
        ("psp", NodeKind::External),
    ] {
        node(&mut d, id, kind);
    }
    for (from, to) in [("spa", "cdn"), ("ios", "cdn"), ("cdn", "kong")] {
        edge(&mut d, from, to, EdgeKind::Sync, "HTTPS");
    }
    let mut i = 0;
    while d.nodes.len() < n {
        let svc = format!("svc{i}");
        let db = format!("db{i}");
        node(&mut d, &svc, NodeKind::Service);
        node(&mut d, &db, NodeKind::Database);
        edge(&mut d, &svc, &db, EdgeKind::Data, "");
        let bus = if i % 3 == 0 { "stream" } else { "bus" };
        if i % 2 == 0 {
            edge(&mut d, "kong", &svc, EdgeKind::Sync, "/api");
        } else {
            edge(
                &mut d,
                bus,
                &svc,
                EdgeKind::Async,
                EVENTS[(i + 1) % EVENTS.len()],
            );
        }
        if i % 5 == 0 {
            let cache = format!("cache{i}");
            node(&mut d, &cache, NodeKind::Cache);
            edge(&mut d, &svc, &cache, EdgeKind::Data, "cache-aside");
        }
        edge(&mut d, &svc, bus, EdgeKind::Async, EVENTS[i % EVENTS.len()]);
        if i % 4 == 3 {
            let worker = format!("worker{i}");
            node(&mut d, &worker, NodeKind::Worker);
            edge(
                &mut d,
                bus,
                &worker,
                EdgeKind::Async,
                EVENTS[i % EVENTS.len()],
            );
            edge(&mut d, &worker, &db, EdgeKind::Data, "write");
        }
        if i % 6 == 1 && i > 0 {
            edge(
                &mut d,
                &svc,
                &format!("svc{}", i - 1),
                EdgeKind::Sync,
                "GET",
            );
        }
        if i % 10 == 2 {
            edge(&mut d, &svc, "psp", EdgeKind::Sync, "charge");
            let outbox = format!("outbox{i}");
            let relay = format!("relay{i}");
            node(&mut d, &outbox, NodeKind::Outbox);
            node(&mut d, &relay, NodeKind::Worker);
            edge(&mut d, &svc, &outbox, EdgeKind::Data, "same tx");
            edge(&mut d, &relay, &outbox, EdgeKind::Data, "poll");
            edge(&mut d, &relay, "stream", EdgeKind::Async, "OrderCreated");
        }
        i += 1;
    }
    d
}

fn bench_simulate(c: &mut Criterion) {
    let mut group = c.benchmark_group("simulate");
    for n in [50, 500, 2000] {
        let drawing = realistic(n);
        let calm = Scenario::at(10.0);
        group.bench_with_input(BenchmarkId::new("10x", n), &drawing, |b, d| {
            b.iter(|| simulate(black_box(d), black_box(&calm)));
        });
        let broken = Scenario::at(10.0).with_down("cache0").with_down("svc1");
        group.bench_with_input(BenchmarkId::new("10x-down", n), &drawing, |b, d| {
            b.iter(|| simulate(black_box(d), black_box(&broken)));
        });
    }
    group.finish();
}

criterion_group!(benches, bench_simulate);
criterion_main!(benches);
