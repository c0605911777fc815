//! One canvas frame without a GPU: egui lays out and paints the canvas
//! widget, then tessellates its shapes into meshes — everything a real
//! frame does short of uploading to the GPU. Bars: ≤ 4 ms for 1,000 nodes
//! and 1,500 edges (issue #3), ≤ 16 ms for 10,000 nodes and 15,000 edges
//! at fit and at 100 % (issue #16).

use std::hint::black_box;

use archdrill::model::{
    Boundary, BoundaryId, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind, Point,
};
use archdrill::ui::canvas::{CanvasState, Decor, canvas_ui};
use criterion::{Criterion, criterion_group, criterion_main};

/// `nodes` nodes of every kind on a grid 40 (or 100) wide, 1.5 edges per
/// node of every kind between near and far nodes (some parallel, some
/// crossing), a boundary per ten nodes.
fn big_drawing(nodes: usize) -> Diagram {
    let edges = nodes * 3 / 2;
    let columns = if nodes > 2_000 { 100 } else { 40 };
    let mut d = Diagram::default();
    for i in 0..nodes {
        let kind = NodeKind::ALL[i % NodeKind::ALL.len()];
        #[expect(clippy::cast_precision_loss, reason = "a thousand nodes")]
        let pos = Point::new((i % columns) as f32 * 230.0, (i / columns) as f32 * 150.0);
        d.nodes.push(Node::new(
            &format!("n{i}"),
            &format!("{} {i}", kind.title()),
            kind,
            pos,
        ));
    }
    for k in 0..edges {
        let from = k % nodes;
        let to = match k % 3 {
            0 => (from + 1) % nodes,
            1 => (from + columns) % nodes,
            _ => (from * 7 + 13) % nodes,
        };
        let mut e = Edge::new(
            &format!("e{k}"),
            &format!("n{from}"),
            &format!("n{to}"),
            EdgeKind::ALL[k % EdgeKind::ALL.len()],
        );
        if k % 4 == 0 {
            e.label = format!("Event{k}");
        }
        d.edges.push(e);
    }
    for b in 0..nodes / 10 {
        d.boundaries.push(Boundary {
            id: BoundaryId(format!("b{b}")),
            label: format!("Context {b}"),
            parent: None,
            nodes: (0..3).map(|m| NodeId(format!("n{}", b * 10 + m))).collect(),
        });
    }
    d
}

/// Runs one frame of the canvas at 1920×1080 and tessellates it; returns
/// the number of meshes so the work cannot be skipped.
fn frame(ctx: &egui::Context, d: &Diagram, state: &mut CanvasState) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1920.0, 1080.0),
        )),
        ..egui::RawInput::default()
    };
    let output = ctx.run_ui(input, |ui| {
        egui::CentralPanel::default().show(ui, |ui| {
            canvas_ui(
                ui,
                d,
                state,
                Decor {
                    editable: true,
                    ..Decor::default()
                },
            );
        });
    });
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn benches(c: &mut Criterion) {
    let ctx = egui::Context::default();
    archdrill::ui::fonts::install(&ctx);
    for (nodes, name) in [
        (1_000, "1000 nodes 1500 edges"),
        (10_000, "10000 nodes 15000 edges"),
    ] {
        let d = big_drawing(nodes);
        assert_eq!((d.nodes.len(), d.edges.len()), (nodes, nodes * 3 / 2));

        // Zoomed to fit: every node and edge on screen (the worst case).
        let mut fit = CanvasState::default();
        frame(&ctx, &d, &mut fit);
        frame(&ctx, &d, &mut fit);
        c.bench_function(&format!("canvas frame/{name}, all visible"), |b| {
            b.iter(|| frame(&ctx, black_box(&d), &mut fit));
        });

        // At 100 %: a working view of part of the drawing.
        let mut close = CanvasState::default();
        frame(&ctx, &d, &mut close);
        close.viewport.zoom = 1.0;
        close.viewport.offset = egui::Vec2::ZERO;
        frame(&ctx, &d, &mut close);
        c.bench_function(&format!("canvas frame/{name}, at 100 %"), |b| {
            b.iter(|| frame(&ctx, black_box(&d), &mut close));
        });
    }
}

criterion_group! {
    name = canvas;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(canvas);
