//! What the app keeps true about the view of the canvas around the
//! canvas widget itself: the selection stays in sight when a panel opens,
//! a fitted view stays fitted across window resizes, and every box and
//! arrow is named in the accessibility tree.

use std::collections::HashMap;

use egui::Ui;

use super::entry::Entry;

/// When the canvas changed its place on screen (the properties panel
/// opened beside it on a selection), pans just enough that the selected
/// boxes are not left under the panel. True when it panned.
pub(super) fn keep_selection_in_view(entry: &mut Entry) -> bool {
    let canvas = &mut entry.canvas;
    let now = canvas.screen_rect;
    let moved = entry.canvas_rect != now && entry.canvas_rect.is_positive();
    entry.canvas_rect = now;
    if !moved || canvas.selection.nodes.is_empty() {
        return false;
    }
    let doc = entry.editor.doc();
    let Some(selected) = canvas
        .selection
        .nodes
        .iter()
        .filter_map(|id| canvas.node_screen_rect(doc, id))
        .reduce(egui::Rect::union)
    else {
        return false;
    };
    let room = now.shrink(12.0);
    if room.contains_rect(selected) || selected.width() > room.width() {
        return false;
    }
    let dx = (room.right() - selected.right()).min(0.0) + (room.left() - selected.left()).max(0.0);
    let dy = (room.bottom() - selected.bottom()).min(0.0) + (room.top() - selected.top()).max(0.0);
    canvas.viewport.offset += egui::vec2(dx, dy);
    dx != 0.0 || dy != 0.0
}

/// Keeps a fitted view fitted: after a zoom-to-fit the window size and
/// the view are noted; a later frame with a resized window and the same
/// view fits again (a panel opening on a selection does not: the drawing
/// would jump at every click); a pan or zoom ends it. True when
/// a fit is asked for (the next frame draws it).
pub(super) fn follow_fit(entry: &mut Entry, fitted_this_frame: bool, window: egui::Vec2) -> bool {
    let canvas = &mut entry.canvas;
    if fitted_this_frame && !canvas.fit_pending {
        entry.fitted = Some((window, canvas.viewport));
        return false;
    }
    match entry.fitted {
        Some((_, view)) if view != canvas.viewport => entry.fitted = None,
        Some((size, _)) if (size - window).length() > 0.5 => {
            canvas.request_fit();
            return true;
        }
        _ => {}
    }
    false
}

/// Puts every box and arrow of the drawing into the accessibility tree,
/// named the way a screen reader should say them ("Service: Order service,
/// 3 connections, selected"), with its place on screen; tests find canvas
/// boxes by these names too. Hover-only, so the canvas keeps its gestures.
///
/// Only while egui builds an AccessKit tree (a screen reader or a test
/// asked for one): otherwise nobody reads these names, and the hover
/// widgets, one per box and arrow, cost each frame 2,500 widget rectangles
/// (1.3 MB kept, for a 1,000-box drawing) and their names.
pub(super) fn describe_for_screen_readers(ui: &Ui, canvas: &egui::Response, entry: &Entry) {
    if !accessibility_tree_built(ui) {
        return;
    }
    let doc = entry.editor.doc();
    let mut links: HashMap<&str, usize> = HashMap::new();
    for edge in &doc.edges {
        *links.entry(edge.from.as_str()).or_default() += 1;
        *links.entry(edge.to.as_str()).or_default() += 1;
    }
    let selection = &entry.canvas.selection;
    let label = |id: &str| {
        doc.node(id)
            .map_or_else(|| id.to_owned(), |n| n.label.replace('\n', " "))
    };
    for node in &doc.nodes {
        let Some(rect) = entry.canvas.node_screen_rect(doc, node.id.as_str()) else {
            continue;
        };
        let rect = rect.intersect(canvas.rect);
        if !rect.is_positive() {
            continue;
        }
        let links = links.get(node.id.as_str()).copied().unwrap_or(0);
        let mut name = format!(
            "{}: {}, {links} connection{}",
            node.kind.title(),
            node.label.replace('\n', " "),
            if links == 1 { "" } else { "s" }
        );
        if selection.nodes.contains(node.id.as_str()) {
            name.push_str(", selected");
        }
        let response = ui.interact(
            rect,
            canvas.id.with(("node", node.id.as_str())),
            egui::Sense::hover(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::GraphicsObject, true, &name));
    }
    for edge in &doc.edges {
        let (Some(a), Some(b)) = (
            entry.canvas.node_screen_rect(doc, edge.from.as_str()),
            entry.canvas.node_screen_rect(doc, edge.to.as_str()),
        ) else {
            continue;
        };
        let mid = a.center() + (b.center() - a.center()) * 0.5;
        let rect = egui::Rect::from_center_size(mid, egui::vec2(8.0, 8.0)).intersect(canvas.rect);
        if !rect.is_positive() {
            continue;
        }
        let event = if edge.label.is_empty() {
            String::new()
        } else {
            format!(" ({})", edge.label)
        };
        let name = format!(
            "{} arrow from {} to {}{event}",
            edge.kind.title(),
            label(edge.from.as_str()),
            label(edge.to.as_str())
        );
        let response = ui.interact(
            rect,
            canvas.id.with(("edge", edge.id.as_str())),
            egui::Sense::hover(),
        );
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::GraphicsObject, true, &name));
    }
}

/// Whether egui builds an AccessKit tree this pass: every `Ui` has a node
/// in it then, and only then.
fn accessibility_tree_built(ui: &Ui) -> bool {
    ui.ctx().has_accesskit_node(ui.unique_id())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::entry::Source;
    use crate::model::{Diagram, Edge, EdgeKind, Node, NodeKind, Point};

    /// Two boxes and an arrow on a canvas filling an 800×600 window: do the
    /// boxes get their hover widgets, with AccessKit on or off? Returns the
    /// names of the boxes when it is on.
    fn describe(accesskit: bool) -> (bool, Vec<String>) {
        let mut d = Diagram::default();
        d.nodes.push(Node::new(
            "a",
            "Web app",
            NodeKind::Client,
            Point::new(100.0, 100.0),
        ));
        d.nodes.push(Node::new(
            "b",
            "Orders",
            NodeKind::Service,
            Point::new(400.0, 100.0),
        ));
        d.edges.push(Edge::new("e", "a", "b", EdgeKind::Sync));
        let mut entry = Entry::new(Source::Untitled(1), d);
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
        entry.canvas.screen_rect = screen;
        let ctx = egui::Context::default();
        if accesskit {
            ctx.enable_accesskit();
        }
        let raw = egui::RawInput {
            screen_rect: Some(screen),
            ..Default::default()
        };
        let mut canvas_id = egui::Id::NULL;
        let mut names = Vec::new();
        for _ in 0..2 {
            let mut output = ctx.run_ui(raw.clone(), |ui| {
                let canvas = ui.allocate_rect(ui.max_rect(), egui::Sense::click_and_drag());
                canvas_id = canvas.id;
                describe_for_screen_readers(ui, &canvas, &entry);
            });
            names = output
                .platform_output
                .accesskit_update
                .iter()
                .flat_map(|u| u.nodes.iter())
                .filter_map(|(_, node)| node.label().map(str::to_owned))
                .filter(|label| label.contains(':') || label.contains("arrow"))
                .collect();
            output.textures_delta.clear();
        }
        let widget = ctx.read_response(canvas_id.with(("node", "a"))).is_some();
        (widget, names)
    }

    #[test]
    fn boxes_and_arrows_are_named_for_a_screen_reader() {
        let (widget, mut names) = describe(true);
        names.sort();
        assert!(widget);
        assert_eq!(
            names,
            [
                "Client: Web app, 1 connection",
                "Service: Orders, 1 connection",
                "Sync call arrow from Web app to Orders",
            ]
        );
    }

    #[test]
    fn no_hover_widgets_are_made_while_nobody_reads_them() {
        let (widget, names) = describe(false);
        assert!(!widget, "a hover widget per box without AccessKit");
        assert!(names.is_empty());
    }
}
