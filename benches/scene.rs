//! The shared scene (issue #15): routing 1,000 orthogonal arrows of a
//! 500-node drawing (bar ≤ 50 ms), and the whole layout of that drawing —
//! routes, label placement, containers — as the canvas and the SVG build
//! it. And a drag preview's layout alone (issue #16; the frame with its
//! paint is in `canvas.rs`): one box or 20 dragged in the big canvas
//! drawings, each frame a little further, and what starting a drag costs.

use std::hint::black_box;

use archdrill::model::{ArrowStyle, Diagram};
use archdrill::scene::geometry::{node_rect, p};
use archdrill::scene::route::{Request, route};
use archdrill::scene::{Drag, Layout};
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/grid.rs"]
mod grid;
use grid::{SIZES, big_drawing, drag_step, dragged, styled};

const NODES: usize = 500;
const EDGES: usize = 1_000;
const COLUMNS: usize = 25;

/// 500 boxes of every kind on a grid, 1,000 arrows of every kind: to a
/// neighbour, to the box below, and across the drawing (most of those
/// must go round other boxes); a quarter labelled.
fn drawing() -> Diagram {
    Diagram {
        arrows: ArrowStyle::Orthogonal,
        ..grid::grid_drawing(NODES, EDGES, COLUMNS)
    }
}

fn benches(c: &mut Criterion) {
    let d = drawing();
    let rects: Vec<_> = d.nodes.iter().map(node_rect).collect();
    let index = |id: &str| d.nodes.iter().position(|n| n.id.as_str() == id);
    let requests: Vec<Request> = d
        .edges
        .iter()
        .filter_map(|e| {
            Some(Request {
                from: index(e.from.as_str())?,
                to: index(e.to.as_str())?,
                label: 0.0,
            })
        })
        .collect();
    assert_eq!(requests.len(), EDGES);
    c.bench_function("route/1000 orthogonal arrows, 500 boxes", |b| {
        b.iter(|| route(black_box(&rects), &[], black_box(&requests)));
    });
    c.bench_function(
        "scene layout/500 boxes, 1000 elbow arrows, 250 labels",
        |b| {
            b.iter(|| Layout::new(black_box(&d)));
        },
    );
}

/// A drag preview frame's layout: the layout before the drag kept up to
/// date with the moved boxes' delta.
fn drag_benches(c: &mut Criterion) {
    for (nodes, name) in SIZES {
        for (arrows, style) in styled() {
            let d = Diagram {
                arrows,
                ..big_drawing(nodes)
            };
            let base = Layout::new(&d);
            // Once per drag: the layout copied, the touching arrows found.
            let ids = dragged(nodes, true);
            c.bench_function(&format!("drag start/{name}, {style}, 20 boxes"), |b| {
                b.iter(|| Drag::new(black_box(&base), &d, &ids));
            });
            for (many, what) in [(false, "one box"), (true, "20 boxes")] {
                let mut drag = Drag::new(&base, &d, &dragged(nodes, many));
                let mut step = 0_u16;
                c.bench_function(&format!("drag preview/{name}, {style}, {what}"), |b| {
                    b.iter(|| {
                        let delta = drag_step(&mut step);
                        drag.update(black_box(&d), p(delta.x, delta.y)).bounds
                    });
                });
            }
        }
    }
}

criterion_group! {
    name = scene;
    config = Criterion::default().sample_size(20);
    targets = benches, drag_benches
}
criterion_main!(scene);
