//! Checker speed (PRODUCT.md quality bars): ≤ 1 ms for a 50-node drawing,
//! ≤ 100 ms for 2,000 nodes, against `five-tier` and `saga`.
//!
//! The drawings are generated to look like real ones scaled up: clients →
//! CDN → gateway → many services, each with its own database, some with a
//! cache, events through one bus to other services and workers, a few
//! synchronous service calls, saga failure and compensation events.

mod common;

use std::hint::black_box;

use archdrill::check::check;
use archdrill::content::references;
use archdrill::model::{Diagram, EdgeKind, Node, NodeKind, Point};
use common::{EVENTS, edge};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const DOMAINS: &[&str] = &[
    "Checkout",
    "Stock",
    "Billing",
    "Deliveries",
    "Accounts",
    "Products",
    "Basket",
    "Reviews",
    "Search",
    "Pricing",
    "Loyalty",
    "Fraud",
    "Returns",
    "Invoices",
    "Ratings",
    "Coupons",
];

fn node(d: &mut Diagram, id: &str, label: &str, kind: NodeKind, x: f32, y: f32) {
    d.nodes.push(Node::new(id, label, kind, Point::new(x, y)));
}

/// A drawing of about `n` nodes (and about 1.6 edges per node).
fn realistic(n: usize) -> Diagram {
    let mut d = Diagram::default();
    node(&mut d, "spa", "Storefront SPA", NodeKind::Client, 0.0, 0.0);
    node(&mut d, "ios", "iOS app", NodeKind::Client, 0.0, 120.0);
    node(&mut d, "cdn", "Akamai", NodeKind::Edge, 200.0, 60.0);
    node(&mut d, "kong", "Kong", NodeKind::Gateway, 400.0, 60.0);
    node(&mut d, "bus", "RabbitMQ", NodeKind::Bus, 900.0, 60.0);
    node(&mut d, "psp", "Adyen", NodeKind::External, 1100.0, 60.0);
    for (from, to) in [("spa", "cdn"), ("ios", "cdn"), ("cdn", "kong")] {
        edge(&mut d, from, to, EdgeKind::Sync, "HTTPS");
    }
    let mut i = 0;
    while d.nodes.len() < n {
        #[expect(clippy::cast_precision_loss, reason = "small layout coordinates")]
        let y = 200.0 + 80.0 * i as f32;
        let domain = DOMAINS[i % DOMAINS.len()];
        let svc = format!("svc{i}");
        node(
            &mut d,
            &svc,
            &format!("{domain} svc {i}"),
            NodeKind::Service,
            600.0,
            y,
        );
        let db = format!("db{i}");
        node(
            &mut d,
            &db,
            &format!("{domain} {i} Postgres"),
            NodeKind::Database,
            800.0,
            y,
        );
        edge(&mut d, &svc, &db, EdgeKind::Data, "");
        if i % 2 == 0 {
            edge(&mut d, "kong", &svc, EdgeKind::Sync, "/api");
        }
        if i % 5 == 0 {
            let cache = format!("cache{i}");
            node(
                &mut d,
                &cache,
                &format!("{domain} {i} Memcached"),
                NodeKind::Cache,
                1000.0,
                y,
            );
            edge(&mut d, &svc, &cache, EdgeKind::Data, "cache-aside");
        }
        let event = EVENTS[i % EVENTS.len()];
        edge(&mut d, &svc, "bus", EdgeKind::Async, event);
        if i % 2 == 1 {
            edge(
                &mut d,
                "bus",
                &svc,
                EdgeKind::Async,
                EVENTS[(i + 1) % EVENTS.len()],
            );
        }
        if i % 4 == 3 {
            let worker = format!("worker{i}");
            node(
                &mut d,
                &worker,
                &format!("{domain} {i} worker"),
                NodeKind::Worker,
                1200.0,
                y,
            );
            edge(&mut d, "bus", &worker, EdgeKind::Async, event);
        }
        if i % 6 == 1 && i > 0 {
            // A short synchronous call to the previous service.
            edge(
                &mut d,
                &svc,
                &format!("svc{}", i - 1),
                EdgeKind::Sync,
                "GET",
            );
        }
        if i % 9 == 0 {
            edge(
                &mut d,
                &svc,
                "bus",
                EdgeKind::Compensation,
                "OrderCancelled: release",
            );
        }
        if i % 10 == 2 {
            edge(&mut d, &svc, "psp", EdgeKind::Sync, "charge");
        }
        i += 1;
    }
    d
}

fn bench_check(c: &mut Criterion) {
    for id in ["five-tier", "saga"] {
        let reference = references::find(id)
            .and_then(|r| r.load().ok())
            .unwrap_or_else(|| panic!("reference {id} loads"));
        let mut group = c.benchmark_group(format!("check/{id}"));
        for n in [50, 500, 1000, 2000] {
            let drawing = realistic(n);
            group.bench_with_input(BenchmarkId::from_parameter(n), &drawing, |b, drawing| {
                b.iter(|| check(black_box(drawing), black_box(&reference), id));
            });
        }
        group.finish();
    }
}

criterion_group!(benches, bench_check);
criterion_main!(benches);
