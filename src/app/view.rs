//! What the app keeps true about the view of the canvas around the
//! canvas widget itself: the selection stays in sight when a panel opens,
//! a fitted view stays fitted across window resizes, and every box and
//! arrow is named in the accessibility tree.

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
pub(super) fn describe_for_screen_readers(ui: &Ui, canvas: &egui::Response, entry: &Entry) {
    let doc = entry.editor.doc();
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
        let links = doc
            .edges
            .iter()
            .filter(|e| e.from == node.id || e.to == node.id)
            .count();
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
