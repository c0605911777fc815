//! Export speed (PRODUCT.md quality bars): SVG of a 500-node diagram
//! ≤ 20 ms; a 1920×1080 PNG ≤ 150 ms. Also Mermaid export and import of the
//! same drawing, for reference; and the big ones of issue #16: a
//! 100,000-node SVG (≤ 2 s), boundaries nested 10,000 deep (SVG and
//! Mermaid), a PNG refused on its size, and saving and reopening the
//! 100,000-node drawing as RON.

#[path = "shapes/mod.rs"]
mod shapes;

use std::hint::black_box;

use archdrill::content::references;
use archdrill::export::{png, rasterize, svg};
use archdrill::mermaid;
use archdrill::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind, Point,
};
use criterion::{Criterion, criterion_group, criterion_main};

/// A 500-node drawing shaped like a real one: 100 bounded contexts, each a
/// service with its database, cache, worker and an outbox, wired by sync
/// calls, data access and events through a bus.
fn big_diagram(contexts: usize) -> Diagram {
    let mut d = Diagram {
        title: "Scaled-up platform".to_owned(),
        ..Diagram::default()
    };
    let mut edge = 0;
    let mut connect = |d: &mut Diagram, from: &str, to: &str, kind: EdgeKind, label: &str| {
        let mut e = Edge::new(&format!("e{edge}"), from, to, kind);
        label.clone_into(&mut e.label);
        d.edges.push(e);
        edge += 1;
    };
    for c in 0..contexts {
        #[expect(clippy::cast_precision_loss, reason = "a few hundred nodes")]
        let (x, y) = ((c % 10) as f32 * 900.0, (c / 10) as f32 * 420.0);
        let ids = [
            (
                format!("svc{c}"),
                format!("Service {c}"),
                NodeKind::Service,
                0.0,
                0.0,
            ),
            (
                format!("db{c}"),
                format!("Database {c}"),
                NodeKind::Database,
                260.0,
                -90.0,
            ),
            (
                format!("cache{c}"),
                format!("Redis cache {c}"),
                NodeKind::Cache,
                260.0,
                90.0,
            ),
            (
                format!("worker{c}"),
                format!("Worker {c}"),
                NodeKind::Worker,
                520.0,
                0.0,
            ),
            (
                format!("outbox{c}"),
                format!("Outbox {c}"),
                NodeKind::Outbox,
                0.0,
                160.0,
            ),
        ];
        for (id, label, kind, dx, dy) in &ids {
            d.nodes
                .push(Node::new(id, label, *kind, Point::new(x + dx, y + dy)));
        }
        connect(&mut d, &ids[0].0, &ids[1].0, EdgeKind::Data, "read/write");
        connect(&mut d, &ids[0].0, &ids[2].0, EdgeKind::Data, "");
        connect(&mut d, &ids[0].0, &ids[4].0, EdgeKind::Data, "same tx");
        connect(&mut d, &ids[4].0, &ids[3].0, EdgeKind::Async, "OrderPlaced");
        if c > 0 {
            connect(
                &mut d,
                &format!("svc{}", c - 1),
                &ids[0].0,
                EdgeKind::Sync,
                "GET /x",
            );
        }
        if c % 3 == 0 {
            connect(&mut d, &ids[3].0, &ids[0].0, EdgeKind::Compensation, "undo");
        }
        d.boundaries.push(Boundary {
            id: BoundaryId(format!("ctx{c}")),
            label: format!("Context {c}"),
            parent: None,
            nodes: vec![NodeId(ids[0].0.clone()), NodeId(ids[1].0.clone())],
        });
    }
    d
}

fn benches(c: &mut Criterion) {
    let big = big_diagram(100);
    assert_eq!(big.nodes.len(), 500);
    c.bench_function("svg/500 nodes", |b| b.iter(|| svg(black_box(&big))));

    // A real reference at the scale that makes it 1920 px wide.
    let Some(reference) = references::find("five-tier") else {
        return;
    };
    let Ok(five_tier) = reference.load() else {
        return;
    };
    let text = svg(&five_tier);
    let width = text
        .split("width=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .and_then(|w| w.parse::<f32>().ok())
        .unwrap_or(1440.0);
    let scale = 1920.0 / width;
    c.bench_function("png/five-tier at 1920 px wide", |b| {
        b.iter(|| png(black_box(&five_tier), scale));
    });
    c.bench_function("png/rasterise only, 1920 px wide", |b| {
        b.iter(|| rasterize(black_box(&text), scale));
    });

    c.bench_function("mermaid/export 500 nodes", |b| {
        b.iter(|| mermaid::export(black_box(&big)));
    });
    let text = mermaid::export(&big);
    c.bench_function("mermaid/import 500 nodes", |b| {
        b.iter(|| mermaid::import(black_box(&text), "big.mmd"));
    });
}

fn big(c: &mut Criterion) {
    let mut group = c.benchmark_group("big");
    group.sample_size(10);
    let grid = shapes::grid(100_000);
    group.bench_function("svg/100k nodes", |b| b.iter(|| svg(black_box(&grid))));
    group.bench_function("png/100k nodes, refused", |b| {
        b.iter(|| png(black_box(&grid), 1.0).is_err());
    });
    let nested = shapes::nested(10_000);
    group.bench_function("svg/nested 10k deep", |b| {
        b.iter(|| svg(black_box(&nested)));
    });
    group.bench_function("mermaid/export nested 10k deep", |b| {
        b.iter(|| mermaid::export(black_box(&nested)));
    });
    let dir = std::env::temp_dir().join(format!("archdrill-bench-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_ok() {
        let path = dir.join("grid.ron");
        group.bench_function("ron/save 100k nodes", |b| {
            b.iter(|| archdrill::model::file::save(black_box(&grid), &path));
        });
        group.bench_function("ron/load 100k nodes", |b| {
            b.iter(|| archdrill::model::file::load(black_box(&path)));
        });
        let _ = std::fs::remove_dir_all(&dir);
    }
    group.finish();
}

criterion_group! {
    name = export;
    config = Criterion::default().sample_size(20);
    targets = benches, big
}
criterion_main!(export);
