//! Opening big Mermaid flowcharts (issue #16, PRODUCT.md: a 2,000-node /
//! 4,000-edge file opens — parse, kinds, layout — in ≤ 1 s and ≤ 200 MB,
//! growing no faster than about n log n). Three shapes: the chain that made
//! the layout quadratic (services calling each other in a line, each also
//! called by the gateway), a seeded random platform, and bounded contexts
//! (a boundary of 20 boxes per context, every one spanning every tier: the
//! shape whose layout ran to millions of units across); 500 to 4,000
//! nodes, twice as many edges. Memory is measured outside criterion (see
//! ARCHITECTURE.md): `archdrill inspect` of the same files under
//! `/usr/bin/time -v`.

#[path = "shapes/mod.rs"]
mod shapes;

use std::hint::black_box;

use archdrill::mermaid;
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn open(c: &mut Criterion) {
    let mut group = c.benchmark_group("open mermaid");
    for nodes in [500, 1_000, 2_000, 4_000] {
        for (shape, diagram) in [
            ("chain", shapes::chain(nodes)),
            ("random", shapes::random(nodes, 2 * nodes, 0x0b16_f11e)),
            ("contexts", shapes::contexts(nodes, 7)),
        ] {
            let text = mermaid::export(&diagram);
            group.bench_with_input(BenchmarkId::new(shape, nodes), &text, |b, text| {
                b.iter(|| mermaid::import_with_report(black_box(text), "big.mmd"));
            });
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .measurement_time(std::time::Duration::from_secs(8));
    targets = open
}
criterion_main!(benches);
