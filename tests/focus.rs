//! Focus discipline: a key typed for a text field never reaches the canvas —
//! not before the field has focus (windows focus their field when they
//! open), not while it has it, not in the frame it loses it. For every text
//! field of the diagram mode (and the card search) the test focuses it,
//! types, ends the edit the way a user would, keeps typing a sentence that
//! holds every canvas shortcut, and checks the document changed only as
//! intended.
//!
//! Keys are typed like a real keyboard: a key press, its text, a key
//! release. "Slowly" gives each of those events its own frame (kittest's
//! queue); "fast" puts a whole run of keystrokes into one frame, as when a
//! typist outruns the frame rate.
#![expect(clippy::expect_used, reason = "test steps fail loudly")]

mod common;

use archdrill::app::ArchdrillApp;
use archdrill::model::{Diagram, EdgeKind, NodeKind, file};
use common::{chord, click_at, harness, harness_with_step};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, ArchdrillApp>;

/// Every canvas shortcut letter (C E L G S D R B J X O, F fit, W
/// walkthrough), the arrow-kind digits 1–4, Space, and a Backspace (`\u{8}`)
/// that would delete the selection.
const SENTENCE: &str = "Jack drove 12 big oxen, 34 sheep & a lazy wolff\u{8}.";

fn doc(h: &H) -> Diagram {
    h.state().current().expect("a drawing").clone()
}

/// The key a character is typed with (and whether Shift is held).
fn key_of(ch: char) -> Option<(Key, bool)> {
    match ch {
        '\n' => Some((Key::Enter, false)),
        '\u{8}' => Some((Key::Backspace, false)),
        ' ' => Some((Key::Space, false)),
        _ => Key::from_name(&ch.to_ascii_uppercase().to_string())
            .map(|k| (k, ch.is_ascii_uppercase())),
    }
}

/// The events a keyboard sends for `text`: per character a key press (with
/// Shift for capitals), its text (none for Enter and Backspace), a release.
fn keystrokes(text: &str) -> Vec<Event> {
    let mut events = Vec::new();
    for ch in text.chars() {
        let key = key_of(ch);
        let modifiers = if key.is_some_and(|(_, shift)| shift) {
            Modifiers::SHIFT
        } else {
            Modifiers::NONE
        };
        if let Some((key, _)) = key {
            events.push(Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            });
        }
        if !matches!(ch, '\n' | '\u{8}') {
            events.push(Event::Text(ch.to_string()));
        }
        if let Some((key, _)) = key {
            events.push(Event::Key {
                key,
                physical_key: None,
                pressed: false,
                repeat: false,
                modifiers,
            });
        }
    }
    events
}

/// Types `text`, one event per frame.
fn type_slowly(h: &mut H, text: &str) {
    for event in keystrokes(text) {
        h.event(event);
    }
    h.run();
}

/// Types `text` within a single frame.
fn type_fast(h: &mut H, text: &str) {
    h.input_mut().events.extend(keystrokes(text));
    h.step();
    h.run();
}

/// Shift+Enter, as a keyboard sends it.
fn shift_enter(h: &mut H) {
    chord(h, Modifiers::SHIFT, Key::Enter);
}

/// A saved drawing — gateway → service → database, far apart — opened in
/// the app; returns the harness and the drawing as saved.
fn opened_drawing(dir: &std::path::Path, step: f32) -> (H, Diagram) {
    let (d, path) = common::three_box_file(dir, "Focus", "focus.ron");
    let mut h = harness_with_step(ArchdrillApp::new(Some(path)), step);
    h.run();
    let opened = doc(&h);
    assert_eq!(opened, d);
    (h, opened)
}

fn select_node(h: &mut H, id: &str) {
    let rect = h.state().node_screen_rect(id).expect("on screen");
    click_at(h, rect.center());
    assert_eq!(
        h.state().selection().map(|s| s.nodes.len()),
        Some(1),
        "{id} selected"
    );
}

/// Selects the arrow between two boxes by clicking its middle.
fn select_edge(h: &mut H, from: &str, to: &str) {
    let a = h.state().node_screen_rect(from).expect("on screen");
    let b = h.state().node_screen_rect(to).expect("on screen");
    click_at(h, a.center() + (b.center() - a.center()) * 0.5);
    assert_eq!(h.state().selection().map(|s| s.edges.len()), Some(1));
}

fn label_of(d: &Diagram, id: &str) -> String {
    d.node(id).map(|n| n.label.clone()).unwrap_or_default()
}

#[test]
fn quick_add_keeps_focus_after_enter_and_typing_never_adds_boxes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    h.get_by_label("Quick add").click();
    h.run();
    // Two boxes in a row, each ended with Enter; then a sentence typed on.
    type_slowly(&mut h, "Payments service\n");
    type_slowly(&mut h, "Redis cache\n");
    type_slowly(&mut h, SENTENCE);
    let d = doc(&h);
    let added: Vec<(&str, NodeKind)> = d.nodes[before.nodes.len()..]
        .iter()
        .map(|n| (n.label.as_str(), n.kind))
        .collect();
    assert_eq!(
        added,
        [
            ("Payments service", NodeKind::Service),
            ("Redis cache", NodeKind::Cache)
        ],
        "only the two boxes asked for"
    );
    assert_eq!(d.edges, before.edges);
    let typed = h.get_by_label("Quick add").value().unwrap_or_default();
    assert_eq!(
        typed,
        SENTENCE.replace("ff\u{8}", "f"),
        "the sentence is in the field"
    );

    // Fast typing: what follows the Enter in the same frame is the next
    // label, not a run of shortcuts.
    chord(&mut h, Modifiers::COMMAND, Key::A);
    type_fast(&mut h, &format!("Order worker\n{SENTENCE}"));
    let d = doc(&h);
    assert_eq!(d.nodes.len(), before.nodes.len() + 3);
    assert_eq!(label_of(&d, "worker-1"), "Order worker");
    let typed = h.get_by_label("Quick add").value().unwrap_or_default();
    assert_eq!(typed, SENTENCE.replace("ff\u{8}", "f"));

    // Esc leaves the field and nothing else: the new box stays selected.
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.get_by_label("Quick add").is_focused());
    assert_eq!(
        h.get_by_label("Quick add").value().as_deref(),
        Some(""),
        "Esc takes the unfinished label along"
    );
    assert_eq!(
        h.state()
            .selection()
            .map(|s| s.nodes.iter().cloned().collect::<Vec<_>>()),
        Some(vec!["worker-1".to_owned()]),
        "the Esc that left the field did not clear the selection"
    );
    assert_eq!(doc(&h).nodes.len(), before.nodes.len() + 3);
}

#[test]
fn rename_selects_the_label_shift_enter_breaks_the_line_and_enter_commits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 1.0 / 60.0);
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    h.hover_at(service.center());
    h.step();
    for pressed in [true, false, true, false] {
        h.event(Event::PointerButton {
            pos: service.center(),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    assert!(h.get_by_label("New name").is_focused());
    // The whole label is selected: typing replaces it.
    type_slowly(&mut h, "Payments");
    shift_enter(&mut h);
    type_slowly(&mut h, SENTENCE);
    assert_eq!(doc(&h), before, "nothing changes before the commit");
    // Enter commits; keys typed in the same frame after it go nowhere.
    type_fast(&mut h, &format!("\n{SENTENCE}"));
    let d = doc(&h);
    let label = format!("Payments\n{}", SENTENCE.replace("ff\u{8}", "f"));
    assert_eq!(label_of(&d, "service-1"), label);
    let mut expected = before;
    expected.nodes[1].label = label;
    assert_eq!(d, expected, "the rename and nothing else");
    assert!(h.query_by_label("New name").is_none(), "the box closed");
    // Typing on right after the Enter (a typist who meant Shift+Enter)
    // makes no boxes; a key pressed after a pause is a shortcut again.
    type_slowly(&mut h, "edge");
    assert_eq!(doc(&h), expected, "no boxes from typing run on");
    h.run_steps(60);
    type_slowly(&mut h, "s");
    assert_eq!(
        doc(&h).nodes.len(),
        expected.nodes.len() + 1,
        "S adds a service"
    );
}

#[test]
fn node_label_and_notes_fields_keep_their_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    select_node(&mut h, "service-1");
    h.get_by_label("Label").click();
    h.run();
    chord(&mut h, Modifiers::COMMAND, Key::A);
    type_slowly(&mut h, "Order");
    shift_enter(&mut h);
    type_slowly(&mut h, "service");
    type_fast(&mut h, &format!("\n{SENTENCE}"));
    let mut expected = before;
    expected.nodes[1].label = "Order\nservice".to_owned();
    assert_eq!(
        doc(&h),
        expected,
        "Shift+Enter broke the line, Enter committed"
    );

    h.get_by_label("Notes").click();
    h.run();
    type_slowly(&mut h, &format!("{SENTENCE}\n{SENTENCE}"));
    h.key_press(Key::Escape);
    h.run();
    let typed = SENTENCE.replace("ff\u{8}", "f");
    expected.nodes[1].notes = format!("{typed}\n{typed}");
    assert_eq!(
        doc(&h),
        expected,
        "Enter is a new line in notes; Esc keeps them"
    );
    assert_eq!(
        h.state().selection().map(|s| s.nodes.len()),
        Some(1),
        "the Esc that left the field kept the selection"
    );
}

#[test]
fn capacity_figures_take_typed_numbers_and_keep_the_typing_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    select_node(&mut h, "service-1");
    h.get_by_label("Capacity (simulator)").click();
    h.run();
    // A click on a figure turns it into a text field.
    h.get_by_label("Requests/s per instance").click();
    h.run();
    chord(&mut h, Modifiers::COMMAND, Key::A);
    type_slowly(&mut h, "400");
    type_fast(&mut h, &format!("\n{SENTENCE}"));
    for _ in 0..3 {
        h.step();
    }
    h.run();
    let mut expected = before;
    expected.nodes[1].capacity.rps = Some(400.0);
    assert_eq!(
        doc(&h),
        expected,
        "the figure landed; the sentence typed on drew nothing"
    );
    // One undo step takes the figure back.
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h).nodes[1].capacity.rps, None);
}

#[test]
fn arrow_label_and_boundary_name_keep_their_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    select_edge(&mut h, "service-1", "database-1");
    h.get_by_label_contains("Label (").click();
    h.run();
    type_slowly(&mut h, "OrderPlaced");
    type_fast(&mut h, &format!("\n{SENTENCE}"));
    let mut expected = before;
    expected.edges[1].label = "OrderPlaced".to_owned();
    assert_eq!(doc(&h), expected, "Enter committed the label, nothing else");

    // Esc in the field keeps what was typed and the selection.
    h.get_by_label_contains("Label (").click();
    h.run();
    chord(&mut h, Modifiers::COMMAND, Key::A);
    type_slowly(&mut h, "OrderShipped");
    h.key_press(Key::Escape);
    h.run();
    expected.edges[1].label = "OrderShipped".to_owned();
    assert_eq!(doc(&h), expected, "Esc left the field with the label kept");
    assert_eq!(h.state().selection().map(|s| s.edges.len()), Some(1));

    // Group the service: the boundary name field takes the keys at once.
    select_node(&mut h, "service-1");
    chord(&mut h, Modifiers::COMMAND, Key::G);
    let grouped = doc(&h);
    assert_eq!(grouped.boundaries.len(), 1);
    type_slowly(&mut h, "Checkout");
    type_fast(&mut h, &format!("\n{SENTENCE}"));
    let mut expected = grouped;
    expected.boundaries[0].label = "Checkout".to_owned();
    assert_eq!(
        doc(&h),
        expected,
        "the name replaced the default, nothing else"
    );
}

#[test]
fn file_and_export_windows_focus_their_path_and_esc_closes_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    select_node(&mut h, "gateway-1");
    for open in ["Save as…", "Export…", "Open…"] {
        h.get_by_label(open).click();
        h.run();
        // Typed at once, without clicking into the field.
        type_slowly(&mut h, SENTENCE);
        type_fast(&mut h, SENTENCE);
        assert_eq!(doc(&h), before, "{open}: every key went to the path");
        assert!(h.get_by_label("Path").is_focused(), "{open}: path focused");
        let path = h.get_by_label("Path").value().unwrap_or_default();
        assert!(path.contains("Jack drove"), "{open}: {path}");
        h.key_press(Key::Escape);
        h.run();
        assert!(h.query_by_label("Path").is_none(), "{open}: Esc closed it");
        assert_eq!(
            h.state().selection().map(|s| s.nodes.len()),
            Some(1),
            "{open}: the Esc did not clear the selection too"
        );
    }
    // Enter saves, and what is typed on in that frame goes nowhere.
    h.get_by_label("Save as…").click();
    h.run();
    let target = dir.path().join("saved.ron");
    chord(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(target.to_str().expect("utf-8"));
    h.run();
    type_fast(&mut h, &format!("\n{SENTENCE}"));
    assert_eq!(file::load(&target).ok().as_ref(), Some(&before));
    assert_eq!(doc(&h), before);
}

#[test]
fn paste_mermaid_takes_every_key_and_esc_closes_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    select_node(&mut h, "gateway-1");
    h.get_by_label("Paste Mermaid…").click();
    h.run();
    type_slowly(&mut h, &format!("{SENTENCE}\n"));
    type_fast(&mut h, &format!("{SENTENCE}\n{SENTENCE}"));
    assert_eq!(doc(&h), before, "every key went to the text");
    assert!(h.get_by_label("Paste a Mermaid flowchart").is_focused());
    let typed = h
        .get_by_label("Paste a Mermaid flowchart")
        .value()
        .unwrap_or_default();
    assert_eq!(typed.lines().count(), 3, "{typed}");
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Paste a Mermaid flowchart").is_none());
    assert_eq!(h.state().selection().map(|s| s.nodes.len()), Some(1));
    assert_eq!(doc(&h), before);
}

#[test]
fn card_search_keeps_its_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    h.get_by_label("Q&A cards").click();
    h.run();
    h.get_by_label("Search").click();
    h.run();
    type_slowly(&mut h, &format!("{SENTENCE}\n"));
    type_fast(&mut h, &format!("{SENTENCE}\n{SENTENCE}"));
    h.get_by_label("Diagrams").click();
    h.run();
    assert_eq!(doc(&h), before);
    assert_eq!(h.state().walkthrough_step(), None);
}

#[test]
fn the_shortcuts_window_closes_with_esc_without_clearing_the_selection() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = opened_drawing(dir.path(), 0.25);
    select_node(&mut h, "gateway-1");
    h.key_press(Key::F1);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    assert_eq!(h.state().selection().map(|s| s.nodes.len()), Some(1));
    // With no window open, Esc clears the selection.
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(h.state().selection().map(|s| s.nodes.len()), Some(0));
}

#[test]
fn typing_on_the_canvas_still_works() {
    // The guard must not swallow the canvas' own keys.
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    type_slowly(&mut h, "gsd");
    let kinds: Vec<NodeKind> = doc(&h).nodes.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [NodeKind::Gateway, NodeKind::Service, NodeKind::Database]
    );
    // Keys faster than the frame rate: every press counts.
    type_fast(&mut h, "cc");
    assert_eq!(doc(&h).nodes.len(), 5);
    let undo = |pressed| Event::Key {
        key: Key::Z,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::COMMAND,
    };
    h.input_mut()
        .events
        .extend([undo(true), undo(false), undo(true), undo(false)]);
    h.step();
    h.run();
    assert_eq!(
        doc(&h).nodes.len(),
        3,
        "two undos in one frame are two steps"
    );
}

#[test]
fn the_command_palette_runs_what_is_typed_and_keeps_every_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    chord(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    assert!(h.state().palette_open(), "open");
    assert!(
        h.query_by_label("Find a command, a reference or a file")
            .is_some()
    );
    // Every letter goes into the field, none to the canvas.
    type_slowly(&mut h, "simlate");
    assert_eq!(doc(&h), before, "typing in the palette drew nothing");
    assert_eq!(
        h.state().palette_matches("simlate").first(),
        Some(&archdrill::app::PaletteItem::Command(
            archdrill::app::UiCommand::Simulate
        )),
        "the fuzzy match puts Simulate first"
    );
    type_fast(&mut h, &format!("\n{SENTENCE}"));
    assert!(!h.state().palette_open(), "Enter ran it");
    assert!(h.state().simulation().is_some(), "Simulate ran");
    assert_eq!(doc(&h), before, "typing on past the Enter drew nothing");

    // Ctrl+P opens it too; a reference by a few letters; Esc closes.
    chord(&mut h, Modifiers::COMMAND, Key::P);
    type_slowly(&mut h, "saga");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().palette_open());
    assert_eq!(doc(&h), before);
    chord(&mut h, Modifiers::COMMAND, Key::P);
    type_slowly(&mut h, "ref saga");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Order saga (choreography)")
    );
}

#[test]
fn an_arrow_is_drawn_by_keyboard_and_tab_walks_the_boxes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, before) = opened_drawing(dir.path(), 0.25);
    select_node(&mut h, "gateway-1");
    // Tab walks on to the service, Shift+Tab back.
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(
        h.state()
            .selection()
            .map(|s| s.nodes.iter().cloned().collect::<Vec<_>>()),
        Some(vec!["service-1".to_owned()])
    );
    h.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    h.run();
    assert_eq!(
        h.state()
            .selection()
            .map(|s| s.nodes.iter().cloned().collect::<Vec<_>>()),
        Some(vec!["gateway-1".to_owned()])
    );
    // A, then the target's name: letters are the field's, not shortcuts.
    h.key_press(Key::A);
    h.run();
    assert!(h.state().connecting());
    type_slowly(&mut h, "datab");
    assert_eq!(doc(&h), before, "no box from the typed letters");
    h.key_press(Key::Enter);
    h.run();
    assert!(
        h.query_by_label_contains("1 Sync call").is_some(),
        "the kinds"
    );
    h.key_press(Key::Num2);
    h.run();
    assert!(!h.state().connecting());
    let after = doc(&h);
    assert_eq!(after.edges.len(), before.edges.len() + 1);
    let edge = after.edges.last().expect("the new arrow");
    assert_eq!(
        (edge.from.as_str(), edge.to.as_str(), edge.kind),
        ("gateway-1", "database-1", EdgeKind::Async)
    );
    // One undo step takes it away.
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h), before);
    // Esc leaves without drawing.
    h.key_press(Key::A);
    h.run();
    type_slowly(&mut h, "serv");
    h.key_press(Key::Escape);
    h.run();
    assert!(!h.state().connecting());
    assert_eq!(doc(&h), before);
}

#[test]
fn canvas_boxes_and_arrows_are_in_the_accessibility_tree() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = opened_drawing(dir.path(), 0.25);
    let service = h
        .get_by_label("Service: Service, 2 connections")
        .rect()
        .center();
    assert!(
        h.query_by_label("API gateway: API gateway, 1 connection")
            .is_some()
    );
    assert!(
        h.query_by_label("Data access arrow from Service to Database")
            .is_some()
    );
    // Found by its name, clicked where the tree says it is: selected.
    click_at(&mut h, service);
    assert_eq!(
        h.state()
            .selection()
            .map(|s| s.nodes.iter().cloned().collect::<Vec<_>>()),
        Some(vec!["service-1".to_owned()])
    );
    assert!(
        h.query_by_label("Service: Service, 2 connections, selected")
            .is_some()
    );
}

#[test]
fn the_properties_panel_never_hides_the_box_it_describes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (mut h, _) = opened_drawing(dir.path(), 0.25);
    let canvas = h.state().canvas_screen_rect().expect("canvas");
    let db = h.state().node_screen_rect("database-1").expect("on screen");
    assert!(
        db.right() > canvas.right() - 240.0,
        "the box starts where the panel will open"
    );
    select_node(&mut h, "database-1");
    let canvas = h.state().canvas_screen_rect().expect("canvas");
    let db = h.state().node_screen_rect("database-1").expect("on screen");
    assert!(canvas.contains_rect(db), "{db:?} inside {canvas:?}");
}

/// Presses `key` `times` times, a frame each, after the pause a user
/// takes between leaving a text field and a canvas shortcut (keys within
/// half a second of typing are text, see `AFTER_TEXT_SECS`).
fn press(h: &mut H, key: Key, times: usize) {
    for _ in 0..3 {
        h.step();
    }
    for _ in 0..times {
        h.key_press(key);
        h.run();
    }
}

/// The selected box, while exactly one is.
fn selected_box(h: &H) -> Option<String> {
    let nodes = &h.state().selection()?.nodes;
    (nodes.len() == 1).then(|| nodes.first().cloned()).flatten()
}

/// With the source box selected: A, the target's name, Enter, the kind.
fn arrow_by_keyboard(h: &mut H, target: &str, kind_key: Key) {
    h.key_press(Key::A);
    h.run();
    assert!(h.state().connecting(), "A starts an arrow");
    type_slowly(h, target);
    h.key_press(Key::Enter);
    h.run();
    h.key_press(kind_key);
    h.run();
    assert!(!h.state().connecting());
}

/// The "done when": from New drawing to a five-tier drawing that
/// checks clean with the keyboard alone — Q into Quick add, the labels,
/// Esc, Tidy from the command palette, Tab and A for the arrows, Ctrl+K —
/// and no key typed for a field ever adds a box.
#[test]
fn the_five_tier_is_drawn_by_keyboard_alone_and_checks_clean() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    chord(&mut h, Modifiers::COMMAND, Key::N);
    press(&mut h, Key::Q, 1);
    assert!(
        h.get_by_label("Quick add").is_focused(),
        "Q goes to Quick add"
    );
    type_slowly(
        &mut h,
        "Browser\nCDN\nAPI gateway\nOrder service\nOrders Postgres\nRedis cache\nKafka\nEmail worker\n",
    );
    h.key_press(Key::Escape);
    h.run();
    let d = doc(&h);
    let kinds: Vec<NodeKind> = d.nodes.iter().map(|n| n.kind).collect();
    assert_eq!(
        kinds,
        [
            NodeKind::Client,
            NodeKind::Edge,
            NodeKind::Gateway,
            NodeKind::Service,
            NodeKind::Database,
            NodeKind::Cache,
            NodeKind::Bus,
            NodeKind::Worker
        ],
        "one box per label, kinds inferred, nothing else"
    );
    assert!(
        d.nodes
            .windows(2)
            .all(|w| w[1].pos.x > w[0].pos.x && (w[1].pos.y - w[0].pos.y).abs() < 0.5),
        "typed in a row, they stand in a row, left to right: {:?}",
        d.nodes
            .iter()
            .map(|n| (n.pos.x, n.pos.y))
            .collect::<Vec<_>>()
    );

    // Tidy through the palette.
    chord(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    type_slowly(&mut h, "tidy");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        doc(&h).nodes.len(),
        8,
        "typing in the palette added nothing"
    );

    // The arrows: Tab from the last box added wraps to the browser.
    press(&mut h, Key::Tab, 1);
    assert_eq!(selected_box(&h).as_deref(), Some("client-1"));
    arrow_by_keyboard(&mut h, "CDN", Key::Num1);
    press(&mut h, Key::Tab, 1);
    arrow_by_keyboard(&mut h, "API gat", Key::Num1);
    press(&mut h, Key::Tab, 1);
    arrow_by_keyboard(&mut h, "Order serv", Key::Num1);
    press(&mut h, Key::Tab, 1);
    assert_eq!(selected_box(&h).as_deref(), Some("service-1"));
    arrow_by_keyboard(&mut h, "Postgres", Key::Num3);
    arrow_by_keyboard(&mut h, "Redis", Key::Num3);
    arrow_by_keyboard(&mut h, "Kafka", Key::Num2);
    // Three Tabs within one frame are three steps.
    for _ in 0..3 {
        h.step();
    }
    for pressed in [true, false].repeat(3) {
        h.input_mut().events.push(Event::Key {
            key: Key::Tab,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: Modifiers::NONE,
        });
    }
    h.step();
    h.run();
    assert_eq!(selected_box(&h).as_deref(), Some("bus-1"));
    arrow_by_keyboard(&mut h, "Email", Key::Num2);

    chord(&mut h, Modifiers::COMMAND, Key::K);
    let d = doc(&h);
    assert_eq!((d.nodes.len(), d.edges.len()), (8, 7));
    let report = h.state().report().expect("checked");
    assert!(
        !report.has_errors(),
        "the drawing checks clean: {:?}",
        report.findings
    );

    tab_stays_on_the_canvas_and_f6_moves_on(&mut h);
}

/// Esc clears the selection; Tab selects the first box again and keeps the
/// keyboard on the canvas; F6 moves it on to the panels, where Tab is
/// egui's again; Esc brings it back.
fn tab_stays_on_the_canvas_and_f6_moves_on(h: &mut H) {
    // Esc clears the selection; Tab selects the first box again; F6 moves
    // the keyboard on to the panels, where Tab is egui's again.
    press(h, Key::Escape, 1);
    assert!(
        h.state()
            .selection()
            .is_some_and(archdrill::ui::interact::Selection::is_empty)
    );
    let canvas = h.ctx.memory(egui::Memory::focused);
    assert!(canvas.is_some(), "the canvas has the keyboard");
    press(h, Key::Tab, 1);
    assert_eq!(selected_box(h).as_deref(), Some("client-1"));
    assert_eq!(
        h.ctx.memory(egui::Memory::focused),
        canvas,
        "Tab stays on the canvas"
    );
    press(h, Key::F6, 1);
    let panels = h.ctx.memory(egui::Memory::focused);
    assert!(
        panels.is_some() && panels != canvas,
        "F6 moved on to a button"
    );
    press(h, Key::Tab, 1);
    assert_ne!(
        h.ctx.memory(egui::Memory::focused),
        panels,
        "Tab walks the panels"
    );
    assert_eq!(
        selected_box(h).as_deref(),
        Some("client-1"),
        "not the boxes"
    );
    press(h, Key::Escape, 1);
    assert_eq!(
        h.ctx.memory(egui::Memory::focused),
        canvas,
        "Esc comes back"
    );
}
