//! Closing the window with unsaved drawings: Save and quit saves every
//! drawing (asking where to put the untitled ones) and quits, or stays open
//! with the error when a save fails; Keep editing and Esc go back to work.
#![expect(clippy::expect_used, reason = "test steps fail loudly")]

mod common;

use std::path::{Path, PathBuf};

use archdrill::app::ArchdrillApp;
use archdrill::model::{Diagram, NodeKind, Point, file};
use common::{chord, harness};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, ArchdrillApp>;

/// Asks the window to close, as the title bar's × does.
fn request_close(h: &mut H) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
}

/// A saved one-box drawing at `path`.
fn saved_drawing(path: &Path) {
    let mut d = Diagram::default();
    d.nodes.push(archdrill::model::Node::new(
        "gateway-1",
        "API gateway",
        NodeKind::Gateway,
        Point::new(0.0, 0.0),
    ));
    file::save(&d, path).expect("save");
}

/// The app on `data` with `file` opened and a service added to it.
fn edited_file(data: &Path, file: &Path) -> H {
    saved_drawing(file);
    let app = ArchdrillApp::new(Some(file.to_owned())).with_data_dir(Some(data.to_owned()));
    let mut h = harness(app);
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    assert!(h.state().is_dirty());
    h
}

fn nodes_in(path: &Path) -> usize {
    file::load(path).map(|d| d.nodes.len()).unwrap_or_default()
}

fn recovery_copies(data: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(data.join("recovery"))
        .map(|dir| dir.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default()
}

#[test]
fn save_and_quit_saves_files_asks_for_new_ones_and_quits() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let mine = docs.path().join("mine.ron");
    let mut h = edited_file(data.path(), &mine);
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("+ Database").click();
    h.run();
    h.run_steps(16); // recovery copies written
    assert_eq!(recovery_copies(data.path()).len(), 2);

    request_close(&mut h);
    assert!(h.query_by_label("Unsaved changes").is_some());
    assert!(
        h.query_by_label_contains("Untitled 1 (asks for a file name)")
            .is_some()
    );
    h.get_by_label("Save and quit").click();
    h.run();
    assert_eq!(nodes_in(&mine), 2, "the opened file was saved in place");
    assert!(
        !h.state().is_quitting(),
        "the new drawing needs a name first"
    );
    assert!(h.query_by_label("Save diagram as").is_some());
    let new = docs.path().join("new.ron");
    chord(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(new.to_str().expect("utf-8"));
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(nodes_in(&new), 1, "the new drawing was saved where asked");
    assert!(h.state().is_quitting());
    assert!(h.query_by_label("Unsaved changes").is_none());
    assert_eq!(recovery_copies(data.path()), Vec::<PathBuf>::new());
    // Now the window may close.
    request_close(&mut h);
    assert!(h.query_by_label("Unsaved changes").is_none());
}

#[test]
fn a_failed_save_keeps_the_window_open_with_the_error() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let target = docs.path().join("keep.ron");
    let mut h = edited_file(data.path(), &target);
    // A directory where the file was makes the save fail (archdrill writes
    // only ordinary files).
    std::fs::remove_file(&target).expect("rm");
    std::fs::create_dir(&target).expect("mkdir");
    request_close(&mut h);
    h.get_by_label("Save and quit").click();
    h.run();
    assert!(!h.state().is_quitting());
    assert!(
        h.query_by_label("Unsaved changes").is_some(),
        "still asking"
    );
    let message = format!("{}: cannot save", target.display());
    assert!(
        !h.query_all_by_label_contains(&message)
            .collect::<Vec<_>>()
            .is_empty(),
        "the prompt says why"
    );
    assert!(target.is_dir(), "nothing was written over it");
    assert!(h.state().is_dirty());

    std::fs::remove_dir(&target).expect("rmdir");
    h.get_by_label("Save and quit").click();
    h.run();
    assert!(h.state().is_quitting());
    assert_eq!(nodes_in(&target), 2);
}

#[test]
fn keep_editing_esc_and_a_cancelled_name_go_back_to_work() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut h = harness(ArchdrillApp::new(None).with_data_dir(Some(data.path().to_owned())));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    request_close(&mut h);
    h.get_by_label("Keep editing").click();
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_none());
    request_close(&mut h);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_by_label("Unsaved changes").is_none(),
        "Esc keeps editing"
    );
    assert!(!h.state().is_quitting());
    assert_eq!(
        h.state().selection().map(|s| s.nodes.len()),
        Some(1),
        "the Esc did not clear the selection"
    );
    // Save and quit, then Esc in the name window: back to the prompt.
    request_close(&mut h);
    h.get_by_label("Save and quit").click();
    h.run();
    assert!(h.query_by_label("Save diagram as").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Save diagram as").is_none());
    assert!(h.query_by_label("Unsaved changes").is_some());
    assert!(h.query_by_label_contains("is not saved yet").is_some());
    assert!(!h.state().is_quitting());
    assert!(h.state().is_dirty());
}
