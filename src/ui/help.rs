//! The shortcuts window (F1): every key the app answers to, in one table.

use egui::{Context, RichText};

/// (keys, what they do), grouped by heading (keys empty).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("", "Canvas"),
    ("Drag background / scroll", "Pan"),
    ("Ctrl+scroll, pinch", "Zoom"),
    ("F", "Zoom to fit"),
    ("", "Drawing (your drawings)"),
    (
        "C E L G S D R B J X O",
        "Add client, edge, load balancer, gateway, service, database, cache (Redis), bus, worker (job), external, outbox",
    ),
    (
        "Quick add + Enter",
        "Add a box; its kind is inferred from the label",
    ),
    ("Click, Shift+click", "Select, add to the selection"),
    ("Drag a box", "Move the selection"),
    ("Drag from the ○ handle", "Draw an arrow to another box"),
    (
        "1 2 3 4",
        "Arrow kind: sync, async, data, compensation (also retypes selected arrows)",
    ),
    ("Double-click a box", "Rename"),
    ("Delete, Backspace", "Delete the selection"),
    ("Ctrl+A", "Select all"),
    ("Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y", "Undo, redo"),
    ("", "Files"),
    ("Ctrl+N, Ctrl+O", "New drawing, open"),
    ("Ctrl+S, Ctrl+Shift+S", "Save, save as"),
    ("", "Check and walkthrough"),
    ("Ctrl+K", "Check against the chosen reference"),
    ("W", "Start the walkthrough of a reference"),
    ("← →, Space", "Previous / next step, autoplay"),
    ("F1", "This window"),
];

/// Shows the shortcuts window while `open`.
pub fn help_ui(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .spacing([16.0, 4.0])
                .striped(true)
                .show(ui, |ui| {
                    for (keys, action) in SHORTCUTS {
                        if keys.is_empty() {
                            ui.label(RichText::new(*action).strong());
                            ui.end_row();
                        } else {
                            ui.label(RichText::new(*keys).monospace());
                            ui.label(*action);
                            ui.end_row();
                        }
                    }
                });
        });
}
