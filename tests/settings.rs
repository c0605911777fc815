//! Settings survive a restart: snap, the kind of new arrows, the "check
//! against" reference, the theme and the last mode, changed in the app, come
//! back in a new app on the same data dir; a broken settings file is
//! reported and set aside, never fatal.
#![expect(clippy::expect_used, reason = "test steps fail loudly")]

mod common;

use std::path::Path;

use archdrill::app::{ArchdrillApp, Mode};
use archdrill::model::EdgeKind;
use archdrill::store::Settings;
use common::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, ArchdrillApp>;

/// Frames 1/60 s apart, so that clicking through a few changes takes less
/// than the second settings need to settle.
const STEP: f32 = 1.0 / 60.0;

fn app_on(data: &Path) -> H {
    let app = ArchdrillApp::new(None).with_data_dir(Some(data.to_owned()));
    let mut h = common::harness_with_step(app, STEP);
    h.run();
    h
}

/// Lets two seconds of frames pass.
fn idle(h: &mut H) {
    h.run_steps(120);
}

fn settings_file(data: &Path) -> Settings {
    Settings::load(&data.join("settings.ron")).expect("settings load")
}

#[test]
fn changed_settings_come_back_in_a_new_app() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut h = app_on(data.path());
    assert!(!h.state().snapping());
    assert_eq!(h.state().arrow_kind(), EdgeKind::Sync);
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("Snap").click();
    h.run();
    h.key_press(egui::Key::Num2);
    h.run();
    h.get_by_label("Check against").click();
    h.run();
    h.get_by_label("outbox-relay").click();
    h.run();
    h.get_by_label("Theme").click();
    h.run();
    h.get_by_label("Light").click();
    h.run();
    h.get_by_label("Q&A cards").click();
    h.run();
    assert!(
        !data.path().join("settings.ron").exists(),
        "written once the changes settle, not on every click"
    );
    idle(&mut h);
    let stored = settings_file(data.path());
    assert!(stored.snap);
    assert_eq!(stored.arrow_kind, EdgeKind::Async);
    assert_eq!(stored.check_against, "outbox-relay");

    let mut again = app_on(data.path());
    let app = again.state();
    assert!(app.snapping());
    assert_eq!(app.arrow_kind(), EdgeKind::Async);
    assert_eq!(app.check_against(), "outbox-relay");
    assert_eq!(app.mode(), Mode::Cards);
    again.run();
    assert_eq!(
        again.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
    assert!(!again.ctx.global_style().visuals.dark_mode);
    assert!(again.query_by_label("Dismiss").is_none(), "no error shown");
}

#[test]
fn settings_are_written_on_exit_without_waiting() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut h = app_on(data.path());
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("Snap").click();
    h.run();
    h.state_mut().save_settings();
    assert!(settings_file(data.path()).snap);
}

#[test]
fn a_broken_settings_file_is_reported_and_set_aside() {
    let data = tempfile::tempdir().expect("tempdir");
    let path = data.path().join("settings.ron");
    std::fs::write(&path, "(\n    snap: maybe,\n)").expect("write");
    let mut h = app_on(data.path());
    let message = format!("{}:2:", path.display());
    assert!(
        h.query_by_label_contains(&message).is_some(),
        "an error naming the file and line"
    );
    assert!(!h.state().snapping(), "the defaults");
    assert_eq!(
        std::fs::read_to_string(data.path().join("settings.ron.broken"))
            .ok()
            .as_deref(),
        Some("(\n    snap: maybe,\n)"),
        "the broken file is kept aside"
    );
    // New settings are written in its place.
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("Snap").click();
    h.run();
    idle(&mut h);
    assert!(settings_file(data.path()).snap);
}

#[test]
fn a_settings_file_from_a_newer_build_is_left_alone() {
    let data = tempfile::tempdir().expect("tempdir");
    let path = data.path().join("settings.ron");
    std::fs::write(&path, "(version: 99, snap: true)").expect("write");
    let mut h = app_on(data.path());
    assert!(h.query_by_label_contains("newer archdrill").is_some());
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("Snap").click();
    h.run();
    idle(&mut h);
    h.state_mut().save_settings();
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("(version: 99, snap: true)"),
        "never overwritten"
    );
}

#[test]
fn a_file_on_the_command_line_opens_in_diagrams_mode() {
    let data = tempfile::tempdir().expect("tempdir");
    Settings {
        view: archdrill::store::settings::View::Cards,
        ..Settings::default()
    }
    .save(&data.path().join("settings.ron"))
    .expect("save");
    let h = app_on(data.path());
    assert_eq!(h.state().mode(), Mode::Cards, "the last mode comes back");
    let file = data.path().join("mine.ron");
    archdrill::model::file::save(&archdrill::model::Diagram::default(), &file).expect("save");
    let h = harness(ArchdrillApp::new(Some(file)).with_data_dir(Some(data.path().to_owned())));
    assert_eq!(h.state().mode(), Mode::Diagrams);
}

#[test]
fn the_side_panel_hides_for_a_wider_canvas_and_stays_hidden() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut h = app_on(data.path());
    let wide_open = h.state().canvas_screen_rect().expect("a canvas").width();
    assert!(h.query_by_label("Reference diagrams").is_some());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::B);
    idle(&mut h);
    let canvas = h.state().canvas_screen_rect().expect("a canvas").width();
    assert!(
        canvas > wide_open + 200.0,
        "the canvas takes the panel's room: {wide_open} → {canvas}"
    );
    assert!(h.query_by_label("Reference diagrams").is_none());
    assert!(!settings_file(data.path()).side_panel);

    // Hidden in the next run too; the status bar's toggle brings it back.
    let mut again = app_on(data.path());
    idle(&mut again);
    assert!(again.query_by_label("Reference diagrams").is_none());
    again.get_by_label("Side panel").click();
    idle(&mut again);
    assert!(again.query_by_label("Reference diagrams").is_some());
    assert!(settings_file(data.path()).side_panel);
}
