//! The shortcuts window (F1): every key the app answers to, in one table.

use egui::{Context, RichText};

/// (keys, what they do), grouped by heading (keys empty).
pub const SHORTCUTS: &[(&str, &str)] = &[
    ("", "Canvas"),
    (
        "Scroll, middle/right drag, Space+drag",
        "Pan (on references also drag the background)",
    ),
    (
        "Ctrl+scroll, pinch; − % + in the status bar",
        "Zoom (10 % steps; click the percentage for 100 %)",
    ),
    ("F", "Zoom to fit"),
    ("", "Drawing (your drawings)"),
    (
        "C E L G S D R B J X O",
        "Add client, edge, load balancer, gateway, service, database, cache (Redis), bus, worker (job), external, outbox",
    ),
    (
        "Quick add + Enter",
        "Add a box; its kind is inferred from the label (the field stays for the next; Esc leaves)",
    ),
    ("Drag a palette button", "Place that kind where you drop it"),
    ("Click, Shift+click", "Select, add to the selection"),
    (
        "Drag the background",
        "Select with a rectangle (Shift adds to the selection)",
    ),
    ("Drag a box", "Move the selection"),
    (
        "Click / drag a boundary's title",
        "Select it with its boxes / move it with them",
    ),
    ("Arrows, Shift+arrows", "Nudge the selection by 5 / 20"),
    ("Drag from the ○ handle", "Draw an arrow to another box"),
    (
        "1 2 3 4",
        "Arrow kind: sync, async, data, compensation (also retypes selected arrows)",
    ),
    (
        "Double-click a box",
        "Rename (typing replaces the label; Shift+Enter new line, Enter done, Esc cancel)",
    ),
    ("Right click", "Menu: copy, paste, group, delete, Tidy…"),
    ("Delete, Backspace", "Delete the selection"),
    ("Ctrl+A, Esc", "Select all, select nothing"),
    (
        "Ctrl+C, Ctrl+X, Ctrl+V",
        "Copy, cut, paste boxes (with the arrows between them)",
    ),
    ("Ctrl+D", "Duplicate the selection"),
    ("Ctrl+G, Ctrl+Shift+G", "Group into a boundary, ungroup"),
    ("Ctrl+'", "Snap to grid on/off"),
    ("Tidy (button)", "Lay out in reading order (undoable)"),
    ("Ctrl+Z, Ctrl+Shift+Z / Ctrl+Y", "Undo, redo"),
    ("", "Files"),
    ("Ctrl+N, Ctrl+O", "New drawing, open"),
    ("Ctrl+S, Ctrl+Shift+S", "Save, save as"),
    ("", "Check and walkthrough"),
    ("Ctrl+K", "Check against the chosen reference"),
    ("W", "Start the walkthrough of a reference"),
    ("← →, Space", "Previous / next step, autoplay"),
    ("F1", "This window"),
    ("Esc", "Close this, the file or the paste-Mermaid window"),
];

/// Shows the shortcuts window while `open`.
pub fn help_ui(ctx: &Context, open: &mut bool) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            // Scrolls on short screens instead of running off the window.
            egui::ScrollArea::vertical()
                .max_height(560.0)
                .show(ui, shortcuts_grid);
        });
}

fn shortcuts_grid(ui: &mut egui::Ui) {
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
}
