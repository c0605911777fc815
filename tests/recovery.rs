//! Never losing work, driven through AccessKit labels with `egui_kittest`:
//! recovery copies after idle time, the restore window, the recent files
//! list, and a failed save that leaves the old file as it was. Every test
//! gets its own data dir through `with_data_dir` (no environment variables:
//! the tests run in parallel threads of one process).

use std::path::{Path, PathBuf};

mod common;

use archdrill::app::ArchdrillApp;
use archdrill::model::{Diagram, Node, NodeKind, Point, file};
use archdrill::store::recovery::{self, Recovery, RecoveryOrigin};
use common::harness;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// Frames of the default 0.25 s step that make `secs` of simulated time.
fn idle(h: &mut Harness<'static, ArchdrillApp>, secs: f32) {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a few seconds"
    )]
    h.run_steps((secs / 0.25).ceil() as usize);
}

fn app_with(data: &Path, file: Option<PathBuf>) -> ArchdrillApp {
    ArchdrillApp::new(file).with_data_dir(Some(data.to_owned()))
}

/// The recovery copies on disk.
/// An app on `data` with a new drawing holding one service, idle long
/// enough that its one recovery copy is written.
fn backed_up_new_drawing(data: &Path) -> Harness<'static, ArchdrillApp> {
    let mut h = harness(app_with(data, None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    idle(&mut h, 4.0);
    assert_eq!(copies(data).len(), 1);
    h
}

fn copies(data: &Path) -> Vec<PathBuf> {
    recovery::list(&data.join("recovery")).unwrap_or_else(|e| panic!("{e}"))
}

fn drawing(title: &str, labels: &[&str]) -> Diagram {
    let mut diagram = Diagram {
        title: title.to_owned(),
        ..Diagram::default()
    };
    for (i, label) in labels.iter().enumerate() {
        #[expect(clippy::cast_precision_loss, reason = "a handful of boxes")]
        let x = i as f32 * 200.0;
        diagram.nodes.push(Node::new(
            &format!("n{i}"),
            label,
            NodeKind::Service,
            Point::new(x, 0.0),
        ));
    }
    diagram
}

/// Types `path` into the open/save window's Path field and confirms.
fn enter_path(h: &mut Harness<'static, ArchdrillApp>, path: &Path) {
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(&path.display().to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
}

#[test]
fn an_idle_unsaved_drawing_is_backed_up_until_it_is_saved() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let mut h = harness(app_with(data.path(), None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    assert!(h.state().is_dirty());
    assert_eq!(
        copies(data.path()),
        Vec::<PathBuf>::new(),
        "not before 3 s idle"
    );
    idle(&mut h, 4.0);
    let written = copies(data.path());
    assert_eq!(written.len(), 1, "one copy per unsaved drawing");
    let copy = recovery::read(&written[0]).expect("the copy reads back");
    assert_eq!(Some(&copy.diagram), h.state().current());
    assert_eq!(copy.diagram.nodes.len(), 1);
    assert_eq!(copy.origin, RecoveryOrigin::Untitled);
    assert_eq!(copy.title, "Untitled 1");
    // A further edit rewrites the same copy once idle again.
    h.get_by_label("+ Service").click();
    h.run();
    idle(&mut h, 4.0);
    assert_eq!(copies(data.path()), written);
    let copy = recovery::read(&written[0]).expect("the copy reads back");
    assert_eq!(copy.diagram.nodes.len(), 2);
    assert_eq!(Some(&copy.diagram), h.state().current());
    // Saving removes the copy and puts the file in Recent.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let saved = docs.path().join("mine.ron");
    enter_path(&mut h, &saved);
    assert!(!h.state().is_dirty());
    assert_eq!(
        copies(data.path()),
        Vec::<PathBuf>::new(),
        "saved: copy gone"
    );
    assert_eq!(h.state().recent_files(), std::slice::from_ref(&saved));
    let recent = archdrill::store::RecentFiles::load(&data.path().join("recent.ron"))
        .expect("recent.ron reads");
    assert_eq!(recent.paths(), [saved]);
}

#[test]
fn undoing_back_to_the_saved_state_removes_the_copy() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut h = backed_up_new_drawing(data.path());
    h.get_by_label("Undo").click();
    h.run();
    assert!(!h.state().is_dirty());
    assert_eq!(copies(data.path()), Vec::<PathBuf>::new());
}

#[test]
fn restore_brings_the_drawing_back_unsaved_and_bound_to_its_file() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let target = docs.path().join("orders.ron");
    file::save(&drawing("Orders", &["Old service"]), &target).expect("save");
    let unsaved = drawing("Orders", &["Order service", "Payment service"]);
    let copy_path = data.path().join("recovery").join("crashed-1.ron");
    std::fs::create_dir_all(copy_path.parent().expect("parent")).expect("mkdir");
    recovery::write(
        &copy_path,
        &Recovery::new(
            "Orders".to_owned(),
            RecoveryOrigin::File(target.clone()),
            1_748_786_580,
            unsaved.clone(),
        ),
    )
    .expect("write the copy");
    let mut h = harness(app_with(data.path(), None));
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    assert!(
        h.query_by_label(&target.display().to_string()).is_some(),
        "the original path is listed"
    );
    assert!(h.query_by_label_contains("2025-06-01 14:03 UTC").is_some());
    h.get_by_label("Restore Orders").click();
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    assert_eq!(h.state().current(), Some(&unsaved));
    assert!(h.state().is_dirty(), "restored work is unsaved");
    assert!(copy_path.exists(), "nothing removed before it is saved");
    idle(&mut h, 4.0);
    assert_eq!(copies(data.path()), vec![copy_path.clone()]);
    // Save writes the original file directly, and only then drops the copy.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(h.query_by_label("Save diagram as").is_none());
    assert!(!h.state().is_dirty());
    assert_eq!(file::load(&target).ok(), Some(unsaved));
    assert!(!copy_path.exists());
}

#[test]
fn a_restored_mermaid_drawing_is_saved_through_save_as() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let mmd = docs.path().join("notes.mmd");
    let original = "flowchart LR\n  A[Web client] --> B[API Gateway]\n";
    std::fs::write(&mmd, original).expect("write");
    let copy_path = data.path().join("recovery").join("crashed-1.ron");
    std::fs::create_dir_all(copy_path.parent().expect("parent")).expect("mkdir");
    let unsaved = drawing("", &["Web client", "API Gateway", "Order service"]);
    recovery::write(
        &copy_path,
        &Recovery::new(
            "notes.mmd".to_owned(),
            RecoveryOrigin::File(mmd.clone()),
            1_748_786_580,
            unsaved.clone(),
        ),
    )
    .expect("write the copy");
    let mut h = harness(app_with(data.path(), None));
    h.run();
    h.get_by_label("Restore notes.mmd").click();
    h.run();
    assert_eq!(h.state().current(), Some(&unsaved));
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(h.query_by_label("Save diagram as").is_some());
    let ron = docs.path().join("notes.ron");
    enter_path(&mut h, &ron);
    assert_eq!(
        std::fs::read_to_string(&mmd).expect("still there"),
        original
    );
    assert_eq!(file::load(&ron).ok(), Some(unsaved));
    assert!(!copy_path.exists());
    assert!(!h.state().is_dirty());
}

#[test]
fn discard_deletes_one_copy_and_leaves_the_others() {
    let data = tempfile::tempdir().expect("tempdir");
    let dir = data.path().join("recovery");
    std::fs::create_dir_all(&dir).expect("mkdir");
    for (name, title, at) in [("a.ron", "First", 10), ("b.ron", "Second", 20)] {
        recovery::write(
            &dir.join(name),
            &Recovery::new(
                title.to_owned(),
                RecoveryOrigin::Untitled,
                at,
                drawing(title, &["x"]),
            ),
        )
        .expect("write");
    }
    let mut h = harness(app_with(data.path(), None));
    h.run();
    assert_eq!(h.state().offered_recovery().len(), 2);
    h.get_by_label("Discard First").click();
    h.run();
    assert_eq!(copies(data.path()), vec![dir.join("b.ron")]);
    assert!(h.query_by_label("Restore unsaved work?").is_some());
    h.get_by_label("Restore all").click();
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Second")
    );
    assert!(h.state().is_dirty());
    assert_eq!(copies(data.path()), vec![dir.join("b.ron")]);
}

#[test]
fn a_broken_copy_is_reported_with_its_position_and_kept() {
    let data = tempfile::tempdir().expect("tempdir");
    let dir = data.path().join("recovery");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let broken = dir.join("broken.ron");
    let text = "(\n    version: 1,\n    title: \"x\"\n    origin: untitled,\n)\n";
    std::fs::write(&broken, text).expect("write");
    let mut h = harness(app_with(data.path(), None));
    h.run();
    let message = format!("{}:4:", broken.display());
    assert!(
        h.query_by_label_contains(&message).is_some(),
        "no error naming {message}"
    );
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    h.get_by_label("Dismiss").click();
    h.run();
    assert_eq!(std::fs::read_to_string(&broken).ok().as_deref(), Some(text));
}

#[test]
fn discard_and_quit_leaves_no_copies() {
    let data = tempfile::tempdir().expect("tempdir");
    let mut h = backed_up_new_drawing(data.path());
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run();
    h.get_by_label("Discard and quit").click();
    h.run();
    idle(&mut h, 4.0);
    assert_eq!(copies(data.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_failed_save_leaves_the_old_file_and_the_drawing_unsaved() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let target = docs.path().join("keep.ron");
    file::save(&drawing("Keep", &["Old service"]), &target).expect("save");
    let before = std::fs::read(&target).expect("read");
    let mut h = harness(app_with(data.path(), Some(target.clone())));
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    assert!(h.state().is_dirty());
    // Make the save fail: the file moved aside and a directory in its place
    // (archdrill writes only ordinary files; a read-only directory would
    // not stop root, which CI may run as). That the old bytes survive a
    // failure mid-write is held by `disk`'s own tests.
    let aside = docs.path().join("keep.ron.aside");
    std::fs::rename(&target, &aside).expect("move aside");
    std::fs::create_dir(&target).expect("mkdir");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let message = format!("{}: cannot save", target.display());
    assert!(
        h.query_by_label_contains(&message).is_some(),
        "no error saying {message}"
    );
    assert!(target.is_dir(), "nothing written over it");
    assert_eq!(std::fs::read(&aside).expect("read"), before, "old bytes");
    assert!(h.state().is_dirty(), "still unsaved");
    // The unsaved work is still backed up.
    idle(&mut h, 4.0);
    let written = copies(data.path());
    assert_eq!(written.len(), 1);
    let copy = recovery::read(&written[0]).expect("reads");
    assert_eq!(copy.origin, RecoveryOrigin::File(target.clone()));
    // Once the obstacle is gone, saving works.
    std::fs::remove_dir(&target).expect("rmdir");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(!h.state().is_dirty());
    assert_eq!(file::load(&target).ok().as_ref(), h.state().current());
    assert_eq!(copies(data.path()), Vec::<PathBuf>::new());
}

#[test]
fn recent_lists_opened_files_and_drops_missing_ones() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let first = docs.path().join("first.ron");
    let second = docs.path().join("second.ron");
    file::save(&drawing("First", &["a"]), &first).expect("save");
    file::save(&drawing("Second", &["b"]), &second).expect("save");
    let mut h = harness(app_with(data.path(), None));
    h.run();
    for path in [&first, &second, &first] {
        h.get_by_label("Open…").click();
        h.run();
        enter_path(&mut h, path);
    }
    assert_eq!(h.state().recent_files(), [first.clone(), second.clone()]);
    let on_disk = archdrill::store::RecentFiles::load(&data.path().join("recent.ron"))
        .expect("recent.ron reads");
    assert_eq!(on_disk.paths(), [first.clone(), second.clone()]);
    // Opening from the menu selects the file.
    h.get_by_label("Recent").click();
    h.run();
    h.get_by_label_contains("second.ron —").click();
    h.run();
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Second")
    );
    assert_eq!(h.state().recent_files()[0], second);
    // A file gone from disk is reported and dropped.
    std::fs::remove_file(&first).expect("rm");
    h.get_by_label("Recent").click();
    h.run();
    h.get_by_label_contains("first.ron —").click();
    h.run();
    let message = format!("{}: the file no longer exists", first.display());
    assert!(h.query_by_label_contains(&message).is_some());
    assert_eq!(h.state().recent_files(), std::slice::from_ref(&second));
    let on_disk = archdrill::store::RecentFiles::load(&data.path().join("recent.ron"))
        .expect("recent.ron reads");
    assert_eq!(on_disk.paths(), [second]);
}

#[test]
fn a_broken_recent_list_is_kept_until_the_list_changes() {
    let data = tempfile::tempdir().expect("tempdir");
    let docs = tempfile::tempdir().expect("tempdir");
    let recent = data.path().join("recent.ron");
    let text = "(\n    paths: [\"/a\" \"/b\"],\n)\n";
    std::fs::write(&recent, text).expect("write");
    let opened = docs.path().join("opened.ron");
    file::save(&drawing("Opened", &["a"]), &opened).expect("save");
    let mut h = harness(app_with(data.path(), None));
    h.run();
    let message = format!("{}:2:", recent.display());
    assert!(h.query_by_label_contains(&message).is_some());
    assert!(h.state().recent_files().is_empty());
    idle(&mut h, 4.0);
    assert_eq!(std::fs::read_to_string(&recent).ok().as_deref(), Some(text));
    h.get_by_label("Open…").click();
    h.run();
    enter_path(&mut h, &opened);
    assert_eq!(
        std::fs::read_to_string(data.path().join("recent.ron.broken"))
            .ok()
            .as_deref(),
        Some(text),
        "the broken list is moved aside, not lost"
    );
    let on_disk = archdrill::store::RecentFiles::load(&recent).expect("reads");
    assert_eq!(on_disk.paths(), [opened]);
}

#[test]
fn without_a_data_dir_the_app_says_so_once_and_keeps_working() {
    let mut h = harness(ArchdrillApp::new(None).with_data_dir(None));
    h.run();
    idle(&mut h, 4.0);
    assert_eq!(
        h.query_all_by_label_contains("No data directory").count(),
        1
    );
    assert!(h.get_by_label("Recent").accesskit_node().is_disabled());
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    idle(&mut h, 4.0);
    assert!(h.state().is_dirty());
    assert!(h.state().recent_files().is_empty());
}
