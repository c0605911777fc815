//! The app shell driven through AccessKit labels with `egui_kittest`: no
//! display, no GPU.

mod common;

use archdrill::app::ArchdrillApp;
use common::{chord, click_at, drag, harness};
use egui_kittest::kittest::Queryable as _;

#[test]
fn lists_the_references_and_switches_between_them() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Five-tier web architecture")
    );
    h.get_by_label("Order saga (choreography)").click();
    h.run();
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Order saga (choreography)")
    );
    h.get_by_label("Checkout request path").click();
    h.run();
    assert_eq!(h.state().current().map(|d| d.nodes.len()), Some(12));
}

#[test]
fn opens_a_file_from_the_command_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("mine.ron");
    std::fs::write(
        &path,
        r#"(version: 1, title: "My project", nodes: [(id: "a", label: "App", kind: client, pos: (x: 0.0, y: 0.0))], edges: [])"#,
    )
    .expect("write");
    let mut h = harness(ArchdrillApp::new(Some(path)));
    h.run();
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("My project")
    );
    assert!(h.query_by_label("Your drawings").is_some());
}

#[test]
fn a_broken_file_shows_an_error_instead_of_crashing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(version: 1, nodes: [").expect("write");
    let mut h = harness(ArchdrillApp::new(Some(path.clone())));
    h.run();
    let message = format!("{}:1:", path.display());
    assert!(
        h.query_by_label_contains(&message).is_some(),
        "no error naming {message}"
    );
    // The references are still there to look at.
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Five-tier web architecture")
    );
    h.get_by_label("Dismiss").click();
    h.run();
    assert!(h.query_by_label_contains(&message).is_none());
}

#[test]
fn zoom_to_fit_button_refits_after_panning() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    let fitted = h.state().viewport();
    h.hover_at(egui::pos2(800.0, 400.0));
    h.drag_at(egui::pos2(800.0, 400.0));
    h.run();
    h.hover_at(egui::pos2(900.0, 460.0));
    h.run();
    h.drop_at(egui::pos2(900.0, 460.0));
    h.run();
    assert_ne!(h.state().viewport(), fitted, "dragging the background pans");
    h.get_by_label("Zoom to fit").click();
    h.run();
    h.run();
    assert_eq!(h.state().viewport(), fitted);
}

#[test]
fn check_shows_findings_and_highlights_their_nodes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("shop.ron");
    std::fs::write(
        &path,
        r#"(version: 1, title: "Shop", nodes: [
            (id: "spa", label: "Storefront", kind: client, pos: (x: 0.0, y: 0.0)),
            (id: "kong", label: "Kong", kind: gateway, pos: (x: 200.0, y: 0.0)),
            (id: "svc", label: "Checkout svc", kind: service, pos: (x: 400.0, y: 0.0)),
            (id: "pg", label: "pg", kind: database, pos: (x: 600.0, y: 0.0)),
            (id: "mq", label: "RabbitMQ", kind: bus, pos: (x: 600.0, y: 150.0)),
        ], edges: [
            (id: "a", from: "spa", to: "kong", kind: sync),
            (id: "b", from: "kong", to: "svc", kind: sync),
            (id: "c", from: "svc", to: "pg", kind: data),
            (id: "d", from: "svc", to: "mq", kind: async),
            (id: "e", from: "spa", to: "pg", kind: sync),
        ])"#,
    )
    .expect("write");
    let mut h = harness(ArchdrillApp::new(Some(path)));
    h.run();
    assert!(h.state().report().is_none());
    h.get_by_label("Check").click();
    h.run();
    let codes: Vec<&str> = h
        .state()
        .report()
        .expect("a report")
        .findings
        .iter()
        .map(|f| f.code.as_ref())
        .collect();
    assert!(codes.contains(&"missing-cache"), "{codes:?}");
    assert!(codes.contains(&"missing-edge"), "{codes:?}");
    assert!(codes.contains(&"client-to-data"), "{codes:?}");
    let report = h.state().report().expect("a report");
    let score = report.score;
    assert!(h.query_by_label(&format!("Score {score}/100")).is_some());
    // The score is explained: 100 minus the points shown on the findings.
    let lost = report.points_lost();
    assert_eq!(u32::from(score), 100 - lost);
    assert!(score <= 70, "three errors cost points: {score}");
    assert!(
        h.query_by_label_contains(&format!("100 \u{2212} {lost} points"))
            .is_some()
    );
    assert!(
        h.query_by_label("\u{2212}12").is_some(),
        "client-to-data costs 12"
    );
    h.get_by_label("client-to-data").click();
    h.run();
    assert_eq!(
        h.state().highlighted_nodes(),
        vec!["spa".to_owned(), "pg".to_owned()]
    );
    // Clicking it again clears the highlight.
    h.get_by_label("client-to-data").click();
    h.run();
    assert!(h.state().highlighted_nodes().is_empty());
    // Ctrl/Cmd+K re-runs the check after closing it.
    h.get_by_label("✕").click();
    h.run();
    assert!(h.state().report().is_none());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    assert!(h.state().report().is_some());
}

#[test]
fn walkthrough_steps_with_buttons_and_keys() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    assert_eq!(h.state().walkthrough_step(), None);
    h.get_by_label("▶ Start walkthrough").click();
    h.run();
    assert_eq!(h.state().walkthrough_step(), Some(0));
    assert!(h.query_by_label("Step 1 of 10").is_some());
    h.get_by_label("Next ▶").click();
    h.run();
    assert_eq!(h.state().walkthrough_step(), Some(1));
    assert!(h.query_by_label("Edge: CDN and WAF").is_some());
    h.key_press(egui::Key::ArrowRight);
    h.run();
    h.key_press(egui::Key::ArrowRight);
    h.run();
    assert_eq!(h.state().walkthrough_step(), Some(3));
    h.key_press(egui::Key::ArrowLeft);
    h.run();
    assert_eq!(h.state().walkthrough_step(), Some(2));
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert!(h.query_by_label("Pause").is_some(), "space starts autoplay");
    h.key_press(egui::Key::Space);
    h.run_steps(2);
    assert!(h.query_by_label("▶ Play").is_some(), "space pauses");
    h.get_by_label("Close walkthrough").click();
    h.run();
    assert_eq!(h.state().walkthrough_step(), None);
}

#[test]
fn checkout_replay_shows_hop_latency() {
    let mut h = harness(ArchdrillApp::new(None));
    h.state_mut().open_walkthrough("checkout-request");
    h.run();
    assert!(h.query_by_label_contains("+60 ms").is_some());
    for _ in 0..6 {
        h.get_by_label("Next ▶").click();
        h.run();
    }
    assert!(
        h.query_by_label_contains("+600 ms").is_some(),
        "the payment hop"
    );
}

#[test]
fn card_browser_searches_rehearses_and_opens_a_walkthrough() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("Q&A cards").click();
    h.run();
    assert_eq!(h.state().mode(), archdrill::app::Mode::Cards);
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search")
        .type_text("choreography orchestration");
    h.run();
    assert!(
        h.query_by_label_contains("Walk me through the phases")
            .is_none(),
        "the search filters the list"
    );
    h.get_by_label("Choreography or orchestration — how would you wire up a saga?")
        .click();
    h.run();
    h.get_by_label("Rehearse out loud (60–90 s)").click();
    h.run();
    h.get_by_label("Stop").click();
    h.run();
    assert!(
        h.query_by_label_contains("short — add the story").is_some(),
        "a rehearsal of a moment is short"
    );
    assert!(
        h.query_by_label("Hide answer").is_some(),
        "stopping reveals the answer"
    );
    h.get_by_label("Hide answer").click();
    h.run();
    h.get_by_label("Show answer").click();
    h.run();
    assert!(h.query_by_label("Hide answer").is_some());
    assert!(
        h.query_by_label_contains("Key points — did you hit them? 0/")
            .is_some()
    );
    h.get_by_label("▶ Walk through the `saga` diagram").click();
    h.run();
    assert_eq!(h.state().mode(), archdrill::app::Mode::Diagrams);
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Order saga (choreography)")
    );
    assert_eq!(h.state().walkthrough_step(), Some(0));
}

#[test]
fn a_revealed_card_shows_its_markdown_table_and_make_it_yours_note() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("Q&A cards").click();
    h.run();
    h.get_by_label("Search").click();
    h.run();
    h.get_by_label("Search")
        .type_text("synchronous asynchronous messaging");
    h.run();
    h.get_by_label(
        "When do you use synchronous calls and when asynchronous messaging between services?",
    )
    .click();
    h.run();
    assert!(
        h.query_by_label_contains("Make it yours").is_none(),
        "hidden before the reveal"
    );
    h.get_by_label("Show answer").click();
    h.run();
    // The answer's bold run and the table's cells come through egui_commonmark.
    assert!(h.query_by_label_contains("The short rule I use").is_some());
    assert!(
        h.query_by_label("Every hop adds up").is_some(),
        "a table cell"
    );
    assert!(
        h.query_by_label("Asynchronous").is_some(),
        "a table heading"
    );
    assert!(h.query_by_label("✎ Make it yours").is_some());
    assert!(
        h.query_by_label_contains("Replace the confirmation-email story")
            .is_some()
    );
}

#[test]
fn draw_connect_rename_undo_redo_and_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    assert_eq!(h.state().current().map(|d| d.nodes.len()), Some(0));
    // Place a gateway from the palette, and a service by typing its label.
    h.get_by_label("+ API gateway").click();
    h.run();
    h.get_by_label("Quick add").click();
    h.run();
    h.get_by_label("Quick add").type_text("Order service");
    h.key_press(egui::Key::Enter);
    h.run();
    let doc = h.state().current().expect("a drawing").clone();
    assert_eq!(doc.nodes.len(), 2);
    assert_eq!(doc.nodes[0].kind, archdrill::model::NodeKind::Gateway);
    assert_eq!(
        doc.nodes[1].kind,
        archdrill::model::NodeKind::Service,
        "kind inferred from the label"
    );
    // Move the service away so the two boxes do not overlap, then connect
    // them by dragging from the gateway's handle onto the service.
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    drag(
        &mut h,
        service.center(),
        service.center() + egui::vec2(220.0, 0.0),
    );
    let moved = h.state().current().expect("doc").nodes[1].pos;
    assert!(
        moved.x > doc.nodes[1].pos.x + 50.0,
        "dragging moves the box: {moved:?}"
    );
    let gateway = h.state().node_screen_rect("gateway-1").expect("on screen");
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    drag(
        &mut h,
        archdrill::ui::interact::handle_pos(gateway),
        service.center(),
    );
    let edges = h.state().current().expect("doc").edges.clone();
    assert_eq!(edges.len(), 1, "one arrow drawn");
    assert_eq!(
        (edges[0].from.as_str(), edges[0].to.as_str()),
        ("gateway-1", "service-1")
    );
    // Select the service with a click, rename it from the properties panel.
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    click_at(&mut h, service.center());
    h.get_by_label("Rename…").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("New name").type_text("Order service v2");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(
        h.state().current().expect("doc").nodes[1].label,
        "Order service v2"
    );
    // Undo the rename, the arrow, the move; redo them.
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(
        h.state().current().expect("doc").nodes[1].label,
        "Order service"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert!(h.state().current().expect("doc").edges.is_empty());
    h.get_by_label("Redo").click();
    h.run();
    assert_eq!(h.state().current().expect("doc").edges.len(), 1);
    // Save through the path field; the title loses its dirty marker.
    assert!(h.state().is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    let path = dir.path().join("mine.ron");
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(path.to_str().expect("utf-8"));
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(!h.state().is_dirty());
    let saved = archdrill::model::file::load(&path).expect("saved file loads");
    assert_eq!(&saved, h.state().current().expect("doc"));
}

#[test]
fn shortcuts_window_opens_with_f1_and_the_button() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
    assert!(h.query_by_label("Ctrl+K").is_some());
    h.key_press(egui::Key::F1);
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_none());
    h.get_by_label("Shortcuts").click();
    h.run();
    assert!(h.query_by_label("Keyboard shortcuts").is_some());
}

#[test]
fn paste_mermaid_imports_a_drawing_and_export_writes_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("Paste Mermaid…").click();
    h.run();
    h.get_by_label("Paste a Mermaid flowchart").click();
    h.run();
    h.get_by_label("Paste a Mermaid flowchart").type_text("flowchart LR\n  U[Web client] --> G[API Gateway] --> S[Order service] --> D[(Orders DB)]\n  S -.->|OrderPlaced| K{{Kafka}}");
    h.run();
    assert!(
        h.query_by_label("Add to this drawing").is_none(),
        "a reference takes nothing in"
    );
    h.get_by_label("Import as a new drawing").click();
    h.run();
    let doc = h.state().current().expect("imported").clone();
    assert_eq!((doc.nodes.len(), doc.edges.len()), (5, 4));
    assert!(
        h.state().is_dirty(),
        "an imported drawing is unsaved work (close prompt, recovery copy)"
    );
    let kinds: Vec<&str> = doc.nodes.iter().map(|n| n.kind.id()).collect();
    for kind in ["client", "gateway", "service", "database", "bus"] {
        assert!(kinds.contains(&kind), "{kind} in {kinds:?}");
    }
    // Export it as SVG through the path field.
    h.get_by_label("Export…").click();
    h.run();
    let svg = dir.path().join("pasted.svg");
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(svg.to_str().expect("utf-8"));
    h.key_press(egui::Key::Enter);
    h.run();
    let text = std::fs::read_to_string(&svg).expect("the SVG was written");
    assert!(
        text.starts_with("<svg") && text.contains("Orders DB"),
        "{}",
        &text[..text.len().min(200)]
    );
}

#[test]
fn pasted_mermaid_goes_beside_the_drawing_in_one_step_and_long_text_scrolls() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    let before = h.state().current().expect("a drawing").clone();
    h.get_by_label("Paste Mermaid…").click();
    h.run();
    // Sixty lines: the buttons must stay inside the 800 px window.
    let text: String = std::iter::once("flowchart LR\n".to_owned())
        .chain((0..60).map(|i| format!("  s{i}[Service {i}] --> d{i}[(Store {i})]\n")))
        .collect();
    h.get_by_label("Paste a Mermaid flowchart").click();
    h.get_by_label("Paste a Mermaid flowchart").type_text(&text);
    h.run();
    let button = h.get_by_label("Add to this drawing").rect();
    assert!(button.max.y <= 800.0, "reachable: {button:?}");
    // Ctrl+Enter is the first button: into this drawing, beside the box.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Enter);
    h.run();
    assert!(h.query_by_label("Paste a Mermaid flowchart").is_none());
    let after = h.state().current().expect("a drawing").clone();
    assert_eq!(after.nodes.len(), before.nodes.len() + 120);
    assert_eq!(after.title, before.title, "the same drawing");
    let service = &before.nodes[0];
    assert!(
        after.nodes[1..]
            .iter()
            .all(|n| n.pos.x - n.size().w / 2.0 > service.pos.x + service.size().w / 2.0),
        "every pasted box lies right of what was there"
    );
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().current(), Some(&before), "one undo step");
}

#[test]
fn broken_pasted_mermaid_keeps_the_text_and_names_the_position() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("Paste Mermaid…").click();
    h.run();
    h.get_by_label("Paste a Mermaid flowchart").click();
    h.get_by_label("Paste a Mermaid flowchart")
        .type_text("flowchart LR\n  A[unclosed --> B");
    h.run();
    h.get_by_label("Import as a new drawing").click();
    h.run();
    assert!(
        h.query_by_label_contains("pasted Mermaid:").is_some(),
        "an error naming the source and position"
    );
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Five-tier web architecture"),
        "nothing replaced"
    );
}

#[test]
fn saving_an_opened_mermaid_file_never_overwrites_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mmd = dir.path().join("notes.mmd");
    let original = "flowchart LR\n  A[Web client] --> B[API Gateway]\n";
    std::fs::write(&mmd, original).expect("write");
    let mut h = harness(ArchdrillApp::new(Some(mmd.clone())));
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    assert!(h.state().is_dirty());
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    // Save asks where to put the diagram instead of writing RON into it.
    assert!(h.query_by_label("Save diagram as").is_some());
    assert!(h.state().is_dirty());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&mmd).expect("still there"),
        original
    );
}

/// The canvas stays editable while the findings are open, and the findings
/// follow each edit: deleting the bus brings `missing-bus`, undo takes it
/// away again; a finding singles out its own ghost.
#[test]
fn findings_follow_edits_while_the_panel_is_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("eleven.ron");
    std::fs::copy(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/drawings/eleven-boxes.ron"),
        &path,
    )
    .expect("copy");
    let mut h = harness(ArchdrillApp::new(Some(path)).with_data_dir(Some(dir.path().join("data"))));
    h.run();
    h.get_by_label("Check").click();
    h.run();
    h.run();
    assert_eq!(h.state().report().map(|r| r.score), Some(100));
    assert!(h.query_by_label("missing-bus").is_none());
    let kafka = h
        .state()
        .node_screen_rect("kafka")
        .expect("kafka on screen");
    click_at(&mut h, kafka.center());
    assert_eq!(
        h.state().selection().map(|s| s.nodes.len()),
        Some(1),
        "a click selects with the findings open"
    );
    h.key_press(egui::Key::Delete);
    h.run();
    h.run();
    assert!(
        h.state()
            .current()
            .is_some_and(|d| d.node("kafka").is_none())
    );
    let report = h.state().report().expect("still checked");
    assert!(
        report.with_code("missing-bus").next().is_some(),
        "{:?}",
        report.findings
    );
    // The bus (−15), and the payments service and email worker it fed,
    // now connected to nothing (−4 each).
    assert_eq!(report.score, 77, "{:#?}", report.findings);
    assert_eq!(report.with_code("unconnected-node").count(), 2);
    assert!(
        h.query_by_label("missing-bus").is_some(),
        "the list shows the new finding"
    );
    assert!(h.query_by_label("Score 77/100").is_some());
    // Selecting the finding singles out its ghost.
    h.get_by_label("missing-bus").click();
    h.run();
    assert_eq!(h.state().ghost_focus(), Some(vec!["kafka".to_owned()]));
    chord(&mut h, egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    let report = h.state().report().expect("still checked");
    assert!(report.with_code("missing-bus").next().is_none());
    assert_eq!(report.score, 100);
}

#[test]
fn the_simulation_panel_names_what_breaks_first_and_takes_boxes_down() {
    use archdrill::simulate::{Heat, PathStatus};
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    assert_eq!(
        h.state().current().map(|d| d.title.as_str()),
        Some("Five-tier web architecture")
    );
    // A walkthrough open on the reference gives way to the heat colours.
    h.key_press(egui::Key::W);
    h.run();
    assert_eq!(h.state().walkthrough_step(), Some(0));
    h.get_by_label("Simulate").click();
    h.run();
    assert_eq!(
        h.state().walkthrough_step(),
        None,
        "the step's dimming gone"
    );
    let sim = h
        .state()
        .simulation()
        .and_then(|r| r.as_ref().ok())
        .expect("simulated")
        .clone();
    assert!((sim.traffic - 10.0).abs() < f64::EPSILON, "opens at 10×");
    let first = sim.first_saturated.clone().expect("a bottleneck");
    assert_eq!(
        first.node.as_str(),
        "orders_db",
        "the write primary saturates first"
    );
    let behind = sim.first_behind.clone().expect("a consumer behind");
    assert_eq!(
        behind.node.as_str(),
        "payment",
        "payment falls behind first"
    );
    assert!(
        h.query_by_label(&sim.headline()).is_some(),
        "the sentence shown"
    );
    assert!(
        h.query_by_label("at or over capacity").is_some(),
        "the legend"
    );
    assert_eq!(
        sim.node("orders_db")
            .map(archdrill::simulate::NodeLoad::heat),
        Some(Heat::Saturated)
    );

    // Right-click the gateway → Take down: every path fails.
    let gateway = h
        .state()
        .current()
        .and_then(|d| {
            d.nodes
                .iter()
                .find(|n| n.kind == archdrill::model::NodeKind::Gateway)
        })
        .map(|n| n.id.to_string())
        .expect("a gateway");
    let rect = h.state().node_screen_rect(&gateway).expect("on screen");
    h.hover_at(rect.center());
    h.run();
    h.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Secondary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos: rect.center(),
        button: egui::PointerButton::Secondary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    h.get_by_label("Take down").click();
    h.run();
    let down = h
        .state()
        .simulation()
        .and_then(|r| r.as_ref().ok())
        .expect("simulated")
        .clone();
    assert_eq!(down.down.len(), 1);
    assert!(!down.paths.is_empty());
    assert!(
        down.paths.iter().all(|p| p.status == PathStatus::Failed),
        "a down gateway fails every client path"
    );

    // Back up from the panel, and at 1× nothing saturates.
    h.state_mut().toggle_down(&gateway);
    h.state_mut().set_traffic(1.0);
    h.run();
    let calm = h
        .state()
        .simulation()
        .and_then(|r| r.as_ref().ok())
        .expect("simulated")
        .clone();
    assert!(calm.down.is_empty());
    assert!(calm.nodes.iter().all(|n| n.utilisation < 1.0));
}

#[test]
fn a_fitted_view_fits_again_when_the_window_is_resized() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    let wide = h.state().viewport().expect("view").zoom;
    h.set_size(egui::vec2(1024.0, 700.0));
    h.run();
    let narrow = h.state().viewport().expect("view").zoom;
    assert!(narrow < wide, "refitted smaller: {wide} → {narrow}");
    // Once the user zooms, a resize leaves the view alone.
    h.get_by_label("Zoom in").click();
    h.run();
    let zoomed = h.state().viewport().expect("view").zoom;
    h.set_size(egui::vec2(1280.0, 800.0));
    h.run();
    let after = h.state().viewport().expect("view").zoom;
    assert!((after - zoomed).abs() < 1e-4, "{zoomed} → {after}");
}

#[test]
fn the_card_browser_keeps_the_key_points_until_the_answer_is_shown() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("Q&A cards").click();
    h.run();
    let card = archdrill::content::cards::all()
        .expect("cards")
        .into_iter()
        .next()
        .expect("a card");
    assert_eq!(
        h.query_all_by_label(&card.question).count(),
        2,
        "listed and shown"
    );
    assert!(
        h.query_by_label(&card.key_points[0]).is_none(),
        "hidden before the answer"
    );
    h.get_by_label("Show answer").click();
    h.run();
    assert!(h.query_by_label(&card.key_points[0]).is_some());
}

/// The Export window puts a title (the drawing's, editable) and a legend
/// on pictures when asked, and remembers the choice for the next export.
#[test]
fn export_window_adds_a_title_and_a_legend_to_pictures() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("Order saga (choreography)").click();
    h.run();
    let export = |h: &mut egui_kittest::Harness<'static, ArchdrillApp>, name: &str| {
        h.get_by_label("Export…").click();
        h.run();
        let path = dir.path().join(name);
        h.get_by_label("Path").click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.get_by_label("Path")
            .type_text(path.to_str().expect("utf-8"));
        h.run();
        path
    };
    let path = export(&mut h, "plain.svg");
    h.key_press(egui::Key::Enter);
    h.run();
    let plain = std::fs::read_to_string(&path).expect("written");
    assert!(!plain.contains("font-size=\"22\""), "no title by default");
    let path = export(&mut h, "framed.svg");
    h.get_by_label("Title").click();
    h.get_by_label("Legend of the kinds used").click();
    h.run();
    h.get_by_label("Path").click();
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let framed = std::fs::read_to_string(&path).expect("written");
    assert!(
        framed.contains(">Order saga (choreography)</text>") && framed.contains("font-size=\"22\""),
        "a title"
    );
    assert!(framed.contains(">Compensation</text>"), "a legend");
    let view = |svg: &str| -> f32 {
        svg.split("viewBox=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|v| v.split_whitespace().nth(3))
            .and_then(|h| h.parse().ok())
            .expect("a viewBox")
    };
    assert!(
        view(&framed) > view(&plain) + 60.0,
        "taller for title and legend"
    );
    // Remembered: the next export window has both ticked.
    let path = export(&mut h, "again.svg");
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(
        std::fs::read_to_string(&path)
            .expect("written")
            .contains(">Compensation</text>")
    );
}

#[test]
fn a_failed_export_keeps_the_window_with_what_was_typed_and_the_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    h.get_by_label("+ Service").click();
    h.run();
    h.get_by_label("Export…").click();
    h.run();
    h.get_by_label("Title").click();
    h.run();
    h.get_by_label("Picture title").click();
    h.run();
    h.get_by_label("Picture title").type_text("Checkout, drawn");
    h.run();
    let bad = dir.path().join("no-such-folder").join("pic.svg");
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(bad.to_str().expect("utf-8"));
    h.key_press(egui::Key::Enter);
    h.run();
    assert!(!bad.exists());
    assert!(
        h.query_by_label_contains("cannot export").is_some(),
        "the reason, in the window"
    );
    assert_eq!(
        h.get_by_label("Picture title").value().as_deref(),
        Some("Checkout, drawn"),
        "the typed title kept"
    );
    // Fixed path: the same window writes the titled picture.
    let good = dir.path().join("pic.svg");
    h.get_by_label("Path").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("Path")
        .type_text(good.to_str().expect("utf-8"));
    h.key_press(egui::Key::Enter);
    h.run();
    let svg = std::fs::read_to_string(&good).expect("written");
    assert!(svg.contains("Checkout, drawn"));
    assert!(h.query_by_label("Path").is_none(), "closed once written");
}
