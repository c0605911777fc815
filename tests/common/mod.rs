//! Helpers shared by the kittest suites: build the app harness, click and
//! drag at screen points.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use archdrill::app::ArchdrillApp;
use egui_kittest::Harness;

/// The app at 1280×800 with its fonts, driven through `ArchdrillApp::ui`.
pub fn harness(app: ArchdrillApp) -> Harness<'static, ArchdrillApp> {
    harness_with_step(app, 0.25)
}

/// The same with frames `step` seconds apart (kittest's default is 0.25 s;
/// a double click needs frames closer than egui's 0.3 s).
pub fn harness_with_step(app: ArchdrillApp, step: f32) -> Harness<'static, ArchdrillApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_step_dt(step)
        .with_context_setup(archdrill::ui::fonts::install)
        .build_ui_state(|ui, app: &mut ArchdrillApp| app.ui(ui), app)
}

/// Presses and releases the primary button at `pos` (a click), with
/// `modifiers` held.
pub fn click_with(
    h: &mut Harness<'static, ArchdrillApp>,
    pos: egui::Pos2,
    modifiers: egui::Modifiers,
) {
    h.hover_at(pos);
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
        h.run();
    }
}

/// Presses and releases the primary button at `pos` (a click).
pub fn click_at(h: &mut Harness<'static, ArchdrillApp>, pos: egui::Pos2) {
    click_with(h, pos, egui::Modifiers::NONE);
}

/// Drags with the primary button from `from` to `to`, in a few steps.
pub fn drag(h: &mut Harness<'static, ArchdrillApp>, from: egui::Pos2, to: egui::Pos2) {
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    h.hover_at(from + (to - from) * 0.5);
    h.run();
    h.hover_at(to);
    h.run();
    h.drop_at(to);
    h.run();
}

/// Presses a key with modifiers and runs a frame.
pub fn chord(h: &mut Harness<'static, ArchdrillApp>, modifiers: egui::Modifiers, key: egui::Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Runs the real `archdrill` binary with `args` from the crate root.
#[expect(
    clippy::expect_used,
    reason = "a test fails loudly when the binary cannot run"
)]
pub fn archdrill(args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// Runs the real `archdrill` binary with `args` and its data dir (progress,
/// recovery copies) set to `data`.
#[expect(
    clippy::expect_used,
    reason = "a test fails loudly when the binary cannot run"
)]
pub fn archdrill_with_data(data: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_archdrill"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env(archdrill::store::DATA_DIR_ENV, data)
        .output()
        .expect("the binary runs")
}

/// Standard output as text.
pub fn stdout(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Standard error as text.
pub fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Gateway → service → database, 320 units apart, saved as `name` in
/// `dir`: the drawing several app tests open.
#[expect(clippy::expect_used, reason = "test helpers fail loudly")]
pub fn three_box_file(
    dir: &std::path::Path,
    title: &str,
    name: &str,
) -> (archdrill::model::Diagram, std::path::PathBuf) {
    use archdrill::model::{Diagram, Edge, EdgeKind, Node, NodeKind, Point, file};
    let mut d = Diagram {
        title: title.to_owned(),
        ..Diagram::default()
    };
    for (i, (id, kind)) in [
        ("gateway-1", NodeKind::Gateway),
        ("service-1", NodeKind::Service),
        ("database-1", NodeKind::Database),
    ]
    .into_iter()
    .enumerate()
    {
        #[expect(clippy::cast_precision_loss, reason = "three boxes")]
        let x = 320.0 * i as f32;
        d.nodes
            .push(Node::new(id, kind.title(), kind, Point::new(x, 0.0)));
    }
    d.edges
        .push(Edge::new("e-1", "gateway-1", "service-1", EdgeKind::Sync));
    d.edges
        .push(Edge::new("e-2", "service-1", "database-1", EdgeKind::Data));
    let path = dir.join(name);
    file::save(&d, &path).expect("save");
    (d, path)
}
