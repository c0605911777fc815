//! The canvas editor driven like a user would, through AccessKit labels
//! and pointer events: rubber-band selection, copy/paste/duplicate,
//! grouping, boundaries that move with their members, snapping, dragging
//! from the palette and Tidy.
#![expect(clippy::expect_used, reason = "test steps fail loudly")]

mod common;

use archdrill::app::ArchdrillApp;
use archdrill::model::{Diagram, EdgeKind, NodeKind};
use common::{chord, click_at, drag, harness};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;

type H = Harness<'static, ArchdrillApp>;

fn doc(h: &H) -> Diagram {
    h.state().current().expect("a drawing").clone()
}

/// A new drawing with a gateway, a service and a database placed from the
/// palette keys, and an arrow from the service to the database.
fn three_boxes() -> H {
    three_boxes_in(harness(ArchdrillApp::new(None)))
}

fn three_boxes_in(mut h: H) -> H {
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    for key in [Key::G, Key::S, Key::D] {
        h.key_press(key);
        h.run();
    }
    let d = doc(&h);
    assert_eq!(d.nodes.len(), 3);
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    let database = h.state().node_screen_rect("database-1").expect("on screen");
    drag(
        &mut h,
        archdrill::ui::interact::handle_pos(service),
        database.center(),
    );
    assert_eq!(doc(&h).edges.len(), 1, "service → database drawn");
    h
}

/// The screen rectangle around every node.
fn nodes_on_screen(h: &H) -> egui::Rect {
    doc(h)
        .nodes
        .iter()
        .filter_map(|n| h.state().node_screen_rect(n.id.as_str()))
        .reduce(egui::Rect::union)
        .expect("nodes on screen")
}

#[test]
fn rubber_band_copy_paste_duplicate_group_and_ungroup() {
    let mut h = three_boxes();
    // Drag a rectangle over all three boxes from the empty background.
    let all = nodes_on_screen(&h);
    drag(
        &mut h,
        all.min - egui::vec2(30.0, 30.0),
        all.max + egui::vec2(30.0, 30.0),
    );
    let selection = h.state().selection().expect("selection").clone();
    assert_eq!(
        selection.nodes.len(),
        3,
        "the rubber band selects every box"
    );
    assert_eq!(selection.edges.len(), 1, "and the arrow between them");
    assert_eq!(doc(&h).nodes.len(), 3, "selecting moves nothing");

    // Copy and paste: three new boxes with the arrow between them, selected.
    chord(&mut h, Modifiers::COMMAND, Key::C);
    chord(&mut h, Modifiers::COMMAND, Key::V);
    let d = doc(&h);
    assert_eq!((d.nodes.len(), d.edges.len()), (6, 2));
    let pasted = h.state().selection().expect("selection").clone();
    assert_eq!(pasted.nodes.len(), 3);
    assert!(pasted.nodes.iter().all(|id| !selection.nodes.contains(id)));
    let copy_of_gateway = d
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Gateway && n.id.as_str() != "gateway-1")
        .expect("a pasted gateway");
    let gateway = d.node("gateway-1").expect("original");
    assert!(copy_of_gateway.pos.x > gateway.pos.x && copy_of_gateway.pos.y > gateway.pos.y);

    // Duplicate the pasted boxes, then undo that in one step.
    chord(&mut h, Modifiers::COMMAND, Key::D);
    assert_eq!(doc(&h).nodes.len(), 9);
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h).nodes.len(), 6);

    // Undo dropped the duplicates from the selection; Shift+Ctrl+Z redoes,
    // then select everything and group it, name the boundary, ungroup.
    chord(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(doc(&h).nodes.len(), 9, "Ctrl+Shift+Z is redo, not undo");
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    chord(&mut h, Modifiers::COMMAND, Key::A);
    chord(&mut h, Modifiers::COMMAND, Key::G);
    let d = doc(&h);
    assert_eq!(d.boundaries.len(), 1);
    assert_eq!(d.boundaries[0].nodes.len(), 6);
    let boundary_id = d.boundaries[0].id.to_string();
    assert!(
        h.state()
            .selection()
            .expect("selection")
            .boundaries
            .contains(&boundary_id)
    );
    h.get_by_label("Boundary name").click();
    h.run();
    chord(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_label("Boundary name").type_text("Orders");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(doc(&h).boundaries[0].label, "Orders");
    h.get_by_label("Ungroup").click();
    h.run();
    assert!(doc(&h).boundaries.is_empty());
    assert_eq!(doc(&h).nodes.len(), 6, "ungrouping keeps the boxes");
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h).boundaries[0].label, "Orders");
}

#[test]
fn a_boundary_dragged_by_its_title_moves_its_boxes() {
    let mut h = three_boxes();
    chord(&mut h, Modifiers::COMMAND, Key::A);
    chord(&mut h, Modifiers::COMMAND, Key::G);
    let before = doc(&h);
    assert_eq!(before.boundaries.len(), 1);
    // Click empty space to clear the selection, then grab the title band
    // just above the boxes (inside the container's top padding).
    let all = nodes_on_screen(&h);
    click_at(&mut h, all.max + egui::vec2(150.0, 150.0));
    assert!(h.state().selection().expect("selection").is_empty());
    let title = egui::pos2(all.center().x, all.min.y - 25.0);
    drag(&mut h, title, title + egui::vec2(100.0, 60.0));
    let after = doc(&h);
    for (a, b) in before.nodes.iter().zip(&after.nodes) {
        assert!(b.pos.x - a.pos.x > 50.0, "{} moved right", a.id);
        assert!(b.pos.y - a.pos.y > 25.0, "{} moved down", a.id);
    }
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h), before, "one drag, one undo step");
}

#[test]
fn snapping_puts_moved_and_dropped_boxes_on_the_grid() {
    let mut h = three_boxes();
    assert!(!h.state().snapping());
    h.get_by_label("Snap").click();
    h.run();
    assert!(h.state().snapping());
    let gateway = h.state().node_screen_rect("gateway-1").expect("on screen");
    drag(
        &mut h,
        gateway.center(),
        gateway.center() + egui::vec2(37.0, 13.0),
    );
    let pos = doc(&h).node("gateway-1").expect("gateway").pos;
    let step = archdrill::ui::canvas::GRID / 2.0;
    assert!((pos.x / step).fract().abs() < 1e-3, "x on grid: {pos:?}");
    assert!((pos.y / step).fract().abs() < 1e-3, "y on grid: {pos:?}");
    chord(&mut h, Modifiers::COMMAND, Key::Quote);
    assert!(!h.state().snapping(), "Ctrl+' toggles snapping");

    // Dragging a palette button onto the canvas places the kind there.
    let button = h.get_by_label("+ Cache").rect().center();
    let drop = nodes_on_screen(&h).max + egui::vec2(120.0, 60.0);
    drag(&mut h, button, drop);
    let d = doc(&h);
    let cache = d
        .nodes
        .iter()
        .find(|n| n.kind == NodeKind::Cache)
        .expect("a cache was dropped");
    let at = h
        .state()
        .node_screen_rect(cache.id.as_str())
        .expect("on screen");
    assert!(at.center().distance(drop) < 2.0, "centred where dropped");
}

#[test]
fn tidy_lays_out_in_reading_order_and_undoes_in_one_step() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    // Typed in scrambled order, so placement alone does not give the order.
    for label in [
        "Orders DB",
        "Order service",
        "Web client",
        "API gateway",
        "CDN",
    ] {
        h.get_by_label("Quick add").click();
        h.run();
        h.get_by_label("Quick add").type_text(label);
        h.key_press(Key::Enter);
        h.run();
    }
    let before = doc(&h);
    assert_eq!(before.nodes.len(), 5);
    h.get_by_label("Tidy").click();
    h.run();
    let after = doc(&h);
    let x = |kind: NodeKind| {
        after
            .nodes
            .iter()
            .find(|n| n.kind == kind)
            .map(|n| n.pos.x)
            .expect("kind present")
    };
    assert!(x(NodeKind::Client) < x(NodeKind::Edge));
    assert!(x(NodeKind::Edge) < x(NodeKind::Gateway));
    assert!(x(NodeKind::Gateway) < x(NodeKind::Service));
    assert!(x(NodeKind::Service) < x(NodeKind::Database));
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h), before, "Tidy is one undo step");
}

#[test]
fn the_theme_follows_the_system_until_the_user_picks_one() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    // The app never sets a theme itself: egui's preference (System unless
    // the user picks one; the test harness starts in Dark) stays in charge.
    let start = h.ctx.options(|o| o.theme_preference);
    h.run();
    assert_eq!(h.ctx.options(|o| o.theme_preference), start);
    h.get_by_label("Theme").click();
    h.run();
    h.get_by_label("System").click();
    h.run();
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::System
    );
    h.get_by_label("Theme").click();
    h.run();
    h.get_by_label("Dark").click();
    h.run();
    assert_eq!(
        h.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Dark
    );
    assert!(h.ctx.global_style().visuals.dark_mode);
    h.get_by_label("Theme").click();
    h.run();
    h.get_by_label("Light").click();
    h.run();
    assert!(!h.ctx.global_style().visuals.dark_mode);
}

#[test]
fn double_click_renames_in_place_and_escape_cancels() {
    let mut h = three_boxes_in(common::harness_with_step(
        ArchdrillApp::new(None),
        1.0 / 60.0,
    ));
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    h.hover_at(service.center());
    h.step();
    for pressed in [true, false, true, false] {
        h.event(egui::Event::PointerButton {
            pos: service.center(),
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    let field = h.get_by_label("New name").rect();
    assert!(
        field.center().distance(service.center()) < service.width(),
        "the rename box sits on the node: {field:?} vs {service:?}"
    );
    chord(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_label("New name").type_text("Billing");
    h.key_press(Key::Escape);
    h.run();
    assert_eq!(
        doc(&h).node("service-1").map(|n| n.label.as_str()),
        Some("Service")
    );
}

/// Presses `kind_key` (1–4) to choose the arrow kind, then drags from the
/// handle of `from` onto `to`.
fn connect(h: &mut H, from: &str, to: &str, kind_key: Key) {
    h.key_press(kind_key);
    h.run();
    let a = h.state().node_screen_rect(from).expect("source on screen");
    let b = h.state().node_screen_rect(to).expect("target on screen");
    drag(h, archdrill::ui::interact::handle_pos(a), b.center());
}

/// The issue's "done when": the five-tier diagram drawn from scratch with
/// keys and drags passes the checker, saves, reopens identical, and undo
/// walks back to an empty page.
#[test]
fn draw_the_five_tier_from_scratch_check_save_reopen_and_undo_to_empty() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    h.get_by_label("New drawing").click();
    h.run();
    for key in [
        Key::C,
        Key::E,
        Key::G,
        Key::S,
        Key::D,
        Key::R,
        Key::B,
        Key::J,
    ] {
        h.key_press(key);
        h.run();
    }
    h.get_by_label("Tidy").click();
    h.run();
    connect(&mut h, "client-1", "edge-1", Key::Num1);
    connect(&mut h, "edge-1", "gateway-1", Key::Num1);
    connect(&mut h, "gateway-1", "service-1", Key::Num1);
    connect(&mut h, "service-1", "database-1", Key::Num3);
    connect(&mut h, "service-1", "cache-1", Key::Num3);
    connect(&mut h, "service-1", "bus-1", Key::Num2);
    connect(&mut h, "bus-1", "worker-1", Key::Num2);
    let drawn = doc(&h);
    assert_eq!((drawn.nodes.len(), drawn.edges.len()), (8, 7));
    let kinds: Vec<_> = drawn.edges.iter().map(|e| e.kind).collect();
    let (sync, data, event) = (EdgeKind::Sync, EdgeKind::Data, EdgeKind::Async);
    assert_eq!(kinds, [sync, sync, sync, data, data, event, event]);

    let reference = archdrill::content::references::find("five-tier")
        .expect("five-tier")
        .load()
        .expect("loads");
    let report = archdrill::check::check(&drawn, &reference, "five-tier");
    assert!(
        !report.has_errors(),
        "the drawing passes the checker: {:?}",
        report.findings
    );

    // Save through the path field, reopen in a fresh app: identical.
    chord(&mut h, Modifiers::COMMAND, Key::S);
    let path = dir.path().join("five.ron");
    h.get_by_label("Path").click();
    h.run();
    chord(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_label("Path")
        .type_text(path.to_str().expect("utf-8"));
    h.key_press(Key::Enter);
    h.run();
    assert!(!h.state().is_dirty());
    let mut reopened = harness(ArchdrillApp::new(Some(path)));
    reopened.run();
    assert_eq!(reopened.state().current(), Some(&drawn));

    // Undo walks every step back to the empty page.
    for _ in 0..40 {
        chord(&mut h, Modifiers::COMMAND, Key::Z);
    }
    assert!(doc(&h).nodes.is_empty() && doc(&h).edges.is_empty());
    assert!(h.state().is_dirty(), "empty differs from what was saved");
}

#[test]
fn right_click_selects_the_box_and_offers_its_actions() {
    let mut h = three_boxes();
    let gateway = h.state().node_screen_rect("gateway-1").expect("on screen");
    h.hover_at(gateway.center());
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos: gateway.center(),
            button: egui::PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.run();
    }
    let selection = h.state().selection().expect("selection").clone();
    assert_eq!(
        selection
            .nodes
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        ["gateway-1"]
    );
    // Menu items carry their shortcut in their accessible label.
    h.get_by_label_contains("Group into a boundary").click();
    h.run();
    let d = doc(&h);
    assert_eq!(d.boundaries.len(), 1);
    assert_eq!(d.boundaries[0].nodes.len(), 1);
    assert_eq!(d.boundaries[0].nodes[0].as_str(), "gateway-1");
}

#[test]
fn pasting_from_the_system_clipboard_takes_fragments_and_offers_mermaid() {
    let mut h = three_boxes();
    // What Ctrl+C put on the system clipboard comes back as a paste event.
    chord(&mut h, Modifiers::COMMAND, Key::A);
    let fragment = archdrill::edit::fragment(&doc(&h), &["service-1", "database-1"]);
    let text = archdrill::edit::clipboard::to_text(&fragment).expect("fragment text");
    h.event(egui::Event::Paste(text));
    h.run();
    let d = doc(&h);
    assert_eq!(
        (d.nodes.len(), d.edges.len()),
        (5, 2),
        "two boxes and their arrow pasted"
    );

    // Mermaid text opens the import window with the text in it.
    h.event(egui::Event::Paste(
        "flowchart LR\n  A[Web] --> B[API gateway]".to_owned(),
    ));
    h.run();
    assert!(h.query_by_label("Paste a Mermaid flowchart").is_some());
    assert_eq!(doc(&h).nodes.len(), 5, "nothing imported until confirmed");
}

/// Whether two boxes of the drawing overlap.
fn any_overlap(d: &Diagram) -> bool {
    use archdrill::model::placement::Box2;
    d.nodes.iter().enumerate().any(|(i, a)| {
        d.nodes[i + 1..]
            .iter()
            .any(|b| Box2::tight_of(a).overlaps(&Box2::tight_of(b)))
    })
}

#[test]
fn dropped_and_moved_boxes_never_land_on_another() {
    let mut h = three_boxes();
    assert!(!any_overlap(&doc(&h)));
    // A palette button dropped right onto the service.
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    let button = h.get_by_label("+ Cache").rect().center();
    drag(&mut h, button, service.center());
    let d = doc(&h);
    assert_eq!(d.nodes.len(), 4);
    assert!(!any_overlap(&d), "the dropped cache moved aside");
    let cache = h.state().node_screen_rect("cache-1").expect("on screen");
    assert!(
        cache.center().distance(service.center()) < 3.0 * service.height(),
        "and stays near where it was dropped"
    );
    // The gateway dragged onto the database: while it is held there the
    // canvas shows where it will land, and the drop puts it there.
    let gateway = h.state().node_screen_rect("gateway-1").expect("on screen");
    let database = h.state().node_screen_rect("database-1").expect("on screen");
    let was = doc(&h).node("gateway-1").expect("a gateway").pos;
    h.hover_at(gateway.center());
    h.run();
    h.drag_at(gateway.center());
    h.run();
    h.hover_at(database.center());
    h.run();
    let landing = h.state().drag_landing().expect("a move in progress");
    h.drop_at(database.center());
    h.run();
    assert_eq!(h.state().drag_landing(), None, "the drop ends it");
    let now = doc(&h).node("gateway-1").expect("a gateway").pos;
    assert_eq!(
        (now.x - was.x, now.y - was.y),
        (landing.x, landing.y),
        "the drop lands where the preview showed"
    );
    let travel =
        (database.center() - gateway.center()) / h.state().viewport().expect("a canvas").zoom;
    assert!(
        (landing - travel).length() >= 10.0,
        "the landing is beside the database, not under the pointer: {landing:?} vs {travel:?}"
    );
    let d = doc(&h);
    assert!(!any_overlap(&d), "the moved gateway moved aside");
    let gateway = h.state().node_screen_rect("gateway-1").expect("on screen");
    assert!(gateway.center().distance(database.center()) < 3.0 * database.height());
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!any_overlap(&doc(&h)), "one drop, one undo step");
}

#[test]
fn zoom_buttons_step_ten_percent_through_100() {
    let mut h = harness(ArchdrillApp::new(None));
    h.run();
    let zoom = |h: &H| h.state().viewport().expect("a canvas").zoom;
    let fitted = zoom(&h);
    assert!(fitted < 0.95, "five-tier is fitted below 100 %: {fitted}");
    h.get_by_label("Zoom in").click();
    h.run();
    let one_up = zoom(&h);
    assert!(
        one_up > fitted && one_up < fitted * 1.15,
        "{fitted} → {one_up}"
    );
    let percent = format!("Zoom {:.0}%", one_up * 100.0);
    h.get_by_label(&percent).click();
    h.run();
    assert!(
        (zoom(&h) - 1.0).abs() < 1e-4,
        "the percentage resets to 100 %"
    );
    h.get_by_label("Zoom out").click();
    h.run();
    assert_eq!(format!("{:.0}", zoom(&h) * 100.0), "91");
    h.get_by_label("Fit").click();
    h.run();
    assert!((zoom(&h) - fitted).abs() < 1e-4);
}

/// Nested boundaries: the inner one's title band lies inside the outer
/// one's, and the inner one is listed first in the file (so neither
/// document order nor "first match" picks it by luck). A click on each
/// title selects that boundary; the inner one is painted over the outer.
#[test]
fn a_click_on_a_nested_boundary_title_selects_the_inner_boundary() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("nested.ron");
    std::fs::write(
        &path,
        r#"(version: 1, nodes: [
            (id: "svc", label: "Orders", kind: service, pos: (x: 0.0, y: 0.0)),
            (id: "db", label: "Orders DB", kind: database, pos: (x: 0.0, y: 160.0)),
            (id: "gw", label: "Gateway", kind: gateway, pos: (x: 260.0, y: 80.0)),
        ], edges: [], boundaries: [
            (id: "inner", label: "Orders context", parent: Some("outer"), nodes: ["svc", "db"]),
            (id: "outer", label: "Shop", nodes: ["gw"]),
        ])"#,
    )
    .expect("write");
    let mut h = harness(ArchdrillApp::new(Some(path)));
    h.run();
    h.run();
    let d = doc(&h);
    let layout = archdrill::scene::Layout::new(&d);
    let order: Vec<&str> = layout
        .containers
        .iter()
        .map(|c| d.boundaries[c.index].id.as_str())
        .collect();
    assert_eq!(order, ["outer", "inner"], "painting order: parents first");
    // Canvas → screen from a box's known place.
    let vp = h.state().viewport().expect("a canvas");
    let svc = h.state().node_screen_rect("svc").expect("on screen");
    let svc_canvas = layout.nodes[0].rect;
    let to_screen = |q: archdrill::scene::geometry::P| {
        egui::pos2(
            svc.min.x + (q.x - svc_canvas.min.x) * vp.zoom,
            svc.min.y + (q.y - svc_canvas.min.y) * vp.zoom,
        )
    };
    let title = |id: &str| {
        let c = layout
            .containers
            .iter()
            .find(|c| d.boundaries[c.index].id.as_str() == id)
            .expect("container");
        // Inside the title band, near its top: where a nested title band
        // overlaps its parent's.
        let band = archdrill::scene::boundaries::title_band(c.rect, &d.boundaries[c.index].label);
        to_screen(archdrill::scene::geometry::p(
            band.min.x + 20.0,
            band.min.y + 3.0,
        ))
    };
    let (inner, outer) = (layout.containers[1].rect, layout.containers[0].rect);
    let clicked_inner = inner.min.y + 3.0;
    assert!(
        clicked_inner - outer.min.y < 28.0 && outer.min.x + 20.0 < inner.min.x + 20.0,
        "the click on the inner title lies in the outer title band: {inner:?} in {outer:?}"
    );
    for id in ["inner", "outer", "inner"] {
        click_at(&mut h, title(id));
        let selected = &h.state().selection().expect("selection").boundaries;
        assert_eq!(
            selected.iter().map(String::as_str).collect::<Vec<_>>(),
            [id],
            "clicked the title of {id}"
        );
    }
}

/// New drawings draw elbows; the palette switches the drawing to straight
/// arrows (one undo step), and an arrow's properties give it a style of
/// its own.
#[test]
fn arrows_switch_between_elbows_and_straight_lines() {
    use archdrill::model::ArrowStyle;
    let mut h = three_boxes();
    assert_eq!(doc(&h).arrows, ArrowStyle::Orthogonal, "new drawings");
    h.get_by_label("Straight arrows").click();
    h.run();
    assert_eq!(doc(&h).arrows, ArrowStyle::Straight);
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h).arrows, ArrowStyle::Orthogonal, "undone");
    // Select the arrow by clicking its line, then make it straight alone.
    let d = doc(&h);
    let layout = archdrill::scene::Layout::new(&d);
    let line = &layout.edges[0].as_ref().expect("drawn").points;
    let mid = archdrill::scene::labels::point_along(line, 0.3);
    let vp = h.state().viewport().expect("a canvas");
    let first = h
        .state()
        .node_screen_rect(d.nodes[0].id.as_str())
        .expect("on screen");
    let r0 = layout.nodes[0].rect;
    let at = egui::pos2(
        first.min.x + (mid.x - r0.min.x) * vp.zoom,
        first.min.y + (mid.y - r0.min.y) * vp.zoom,
    );
    click_at(&mut h, at);
    assert_eq!(
        h.state().selection().expect("selection").edges.len(),
        1,
        "the arrow is selected"
    );
    h.get_by_label("Straight").click();
    h.run();
    let d = doc(&h);
    assert_eq!(d.edges[0].style, Some(ArrowStyle::Straight));
    assert_eq!(d.arrow_style(&d.edges[0]), ArrowStyle::Straight);
}

/// Drags the gateway to `to`, with `modifiers` held through the drag.
fn drag_gateway(h: &mut H, to: egui::Pos2, modifiers: Modifiers) {
    let from = h
        .state()
        .node_screen_rect("gateway-1")
        .expect("on screen")
        .center();
    h.event(egui::Event::ModifiersChanged(modifiers));
    drag(h, from, to);
    h.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    h.run();
}

#[test]
fn a_dragged_box_lines_up_with_another_unless_alt_is_held() {
    let mut h = three_boxes();
    let service = h.state().node_screen_rect("service-1").expect("on screen");
    let zoom = h.state().viewport().expect("a view").zoom;
    // Dropped 4 px right of the service's centre line, well below it.
    let near = egui::pos2(service.center().x + 4.0, service.max.y + 120.0);
    drag_gateway(&mut h, near, Modifiers::NONE);
    let d = doc(&h);
    let (gateway, service_pos) = (
        d.node("gateway-1").expect("gateway").pos,
        d.node("service-1").expect("service").pos,
    );
    assert!(
        (gateway.x - service_pos.x).abs() < 1e-3,
        "centres line up: gateway x {} vs service x {}",
        gateway.x,
        service_pos.x
    );
    chord(&mut h, Modifiers::COMMAND, Key::Z);

    // With Alt held the box goes exactly where it was dropped.
    drag_gateway(&mut h, near, Modifiers::ALT);
    let d = doc(&h);
    let gateway = d.node("gateway-1").expect("gateway").pos;
    let off = (gateway.x - service_pos.x) * zoom;
    assert!(
        (off - 4.0).abs() < 0.5,
        "4 px off the line, as dropped: {off} px"
    );

    // Far from every line (20 px) nothing snaps either.
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    let far = egui::pos2(service.center().x + 20.0, service.max.y + 200.0);
    drag_gateway(&mut h, far, Modifiers::NONE);
    let gateway = doc(&h).node("gateway-1").expect("gateway").pos;
    assert!(((gateway.x - service_pos.x) * zoom - 20.0).abs() < 0.5);
}

#[test]
fn retyping_several_selected_arrows_is_one_undo_step() {
    let mut h = three_boxes();
    connect(&mut h, "gateway-1", "service-1", Key::Num1);
    let before = doc(&h);
    assert_eq!(before.edges.len(), 2);
    assert!(before.edges.iter().all(|e| e.kind == EdgeKind::Sync));
    // Both arrows (and the boxes) in a rubber band, then 2: async event.
    let all = nodes_on_screen(&h);
    drag(
        &mut h,
        all.min - egui::vec2(30.0, 30.0),
        all.max + egui::vec2(30.0, 30.0),
    );
    assert_eq!(h.state().selection().expect("selection").edges.len(), 2);
    h.key_press(Key::Num2);
    h.run();
    assert!(
        doc(&h).edges.iter().all(|e| e.kind == EdgeKind::Async),
        "both retyped"
    );
    chord(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(doc(&h), before, "one Ctrl+Z puts both back");
}
