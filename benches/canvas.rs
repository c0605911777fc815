//! One canvas frame without a GPU: egui lays out and paints the canvas
//! widget, then tessellates its shapes into meshes — everything a real
//! frame does short of uploading to the GPU. Bars: ≤ 4 ms for 1,000 nodes
//! and 1,500 edges (issue #3), ≤ 16 ms for 10,000 nodes and 15,000 edges
//! at fit and at 100 % (issue #16) — also while boxes are being dragged
//! (the drag preview: one box, or 20 selected ones). Each drawing is
//! measured with straight arrows (as drawn) and with elbows (as Tidy
//! draws them).

use std::hint::black_box;

use archdrill::model::{ArrowStyle, Diagram};
use archdrill::ui::canvas::{CanvasState, Decor, canvas_ui};
use archdrill::ui::interact::Gesture;
use criterion::{Criterion, criterion_group, criterion_main};

#[path = "common/grid.rs"]
mod grid;
use grid::{SIZES, big_drawing, drag_step, dragged, styled};

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
                    // As the app passes its editor's state id: the drawing
                    // does not change between the frames benched.
                    revision: Some(1),
                    ..Decor::default()
                },
            );
        });
    });
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

/// Runs frames until the canvas shows the full layout of `d` (a big
/// drawing's draft is replaced by it shortly): the frames benched are
/// those of the drawing as it stays on screen.
fn settled(ctx: &egui::Context, d: &Diagram, state: &mut CanvasState) {
    frame(ctx, d, state);
    let until = std::time::Instant::now() + std::time::Duration::from_mins(2);
    while state.settling() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
        frame(ctx, d, state);
    }
    assert!(
        !state.settling(),
        "the full layout is made within two minutes"
    );
}

fn benches(c: &mut Criterion) {
    let ctx = egui::Context::default();
    archdrill::ui::fonts::install(&ctx);
    for (nodes, name) in SIZES {
        for (arrows, style) in styled() {
            let d = Diagram {
                arrows,
                ..big_drawing(nodes)
            };
            assert_eq!((d.nodes.len(), d.edges.len()), (nodes, nodes * 3 / 2));
            // The straight drawing's names as they always were.
            let name = if arrows == ArrowStyle::Straight {
                name.to_owned()
            } else {
                format!("{name}, {style}")
            };

            // Zoomed to fit: every node and edge on screen (the worst case).
            let mut fit = CanvasState::default();
            settled(&ctx, &d, &mut fit);
            frame(&ctx, &d, &mut fit);
            c.bench_function(&format!("canvas frame/{name}, all visible"), |b| {
                b.iter(|| frame(&ctx, black_box(&d), &mut fit));
            });

            // At 100 %: a working view of part of the drawing.
            let mut close = CanvasState::default();
            settled(&ctx, &d, &mut close);
            close.viewport.zoom = 1.0;
            close.viewport.offset = egui::Vec2::ZERO;
            frame(&ctx, &d, &mut close);
            c.bench_function(&format!("canvas frame/{name}, at 100 %"), |b| {
                b.iter(|| frame(&ctx, black_box(&d), &mut close));
            });
        }
    }
}

/// Frames of a drag in progress: each one a little further along, as
/// the pointer moves (the preview of the moved boxes, then the paint).
fn drag_benches(c: &mut Criterion, ctx: &egui::Context) {
    for (nodes, name) in SIZES {
        for (arrows, style) in styled() {
            let d = Diagram {
                arrows,
                ..big_drawing(nodes)
            };
            for (fit, view) in [(true, "all visible"), (false, "at 100 %")] {
                let mut state = CanvasState::default();
                settled(ctx, &d, &mut state);
                if !fit {
                    state.viewport.zoom = 1.0;
                    state.viewport.offset = egui::Vec2::ZERO;
                }
                frame(ctx, &d, &mut state);
                for (many, what) in [(false, "one box"), (true, "20 boxes")] {
                    let ids = dragged(nodes, many);
                    let mut step = 0_u16;
                    let mut drag = |state: &mut CanvasState| {
                        let delta = drag_step(&mut step);
                        let applied = egui::vec2(delta.x, delta.y);
                        state.gesture = Gesture::MoveNodes {
                            anchor: ids[0].clone(),
                            ids: ids.clone(),
                            offset: applied,
                            applied,
                            align: Box::default(),
                        };
                        frame(ctx, black_box(&d), state)
                    };
                    drag(&mut state);
                    c.bench_function(
                        &format!("drag frame/{name}, {style}, {what}, {view}"),
                        |b| b.iter(|| drag(&mut state)),
                    );
                    state.gesture = Gesture::Idle;
                }
            }
        }
    }
}

fn drags(c: &mut Criterion) {
    let ctx = egui::Context::default();
    archdrill::ui::fonts::install(&ctx);
    drag_benches(c, &ctx);
}

criterion_group! {
    name = canvas;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_group! {
    name = drag;
    config = Criterion::default().sample_size(10);
    targets = drags
}
criterion_main!(canvas, drag);
