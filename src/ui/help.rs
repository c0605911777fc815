//! The shortcuts window (F1): the gestures and single keys of the canvas,
//! then every command with a shortcut, from the app's command table.

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
        "Alt while dragging",
        "Move freely: no lining up with other boxes' edges and centres",
    ),
    (
        "Click / drag a boundary's title",
        "Select it with its boxes / move it with them",
    ),
    ("Arrows, Shift+arrows", "Nudge the selection by 5 / 20"),
    ("Drag from the ○ handle", "Draw an arrow to another box"),
    (
        "Tab, Shift+Tab",
        "Select the next / previous box (F6 moves the keyboard on to the panels, Esc brings it back)",
    ),
    (
        "1 2 3 4",
        "Arrow kind: sync, async, data, compensation (also retypes selected arrows)",
    ),
    (
        "Double-click a box",
        "Rename (typing replaces the label; Shift+Enter new line, Enter done, Esc cancel)",
    ),
    ("Right click", "Menu: copy, paste, group, delete, Tidy…"),
    (
        "Backspace, Ctrl+Y, Esc",
        "Delete too, redo too, select nothing",
    ),
    ("", "Walkthrough"),
    ("← →, Space", "Previous / next step, autoplay"),
    (
        "Esc",
        "Close this, the palette, the file, Narration or paste-Mermaid window",
    ),
];

/// Shows the shortcuts window while `open`: the gestures above, then
/// `commands` (shortcut, label — from the app's command table).
pub fn help_ui(ctx: &Context, open: &mut bool, commands: &[(String, &str)]) {
    egui::Window::new("Keyboard shortcuts")
        .open(open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            // Scrolls on short screens instead of running off the window.
            egui::ScrollArea::vertical()
                .max_height(560.0)
                .show(ui, |ui| shortcuts_grid(ui, commands));
        });
}

fn shortcuts_grid(ui: &mut egui::Ui, commands: &[(String, &str)]) {
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
            ui.label(RichText::new("Commands (also in the palette)").strong());
            ui.end_row();
            for (keys, label) in commands {
                ui.label(RichText::new(keys).monospace());
                ui.label(*label);
                ui.end_row();
            }
        });
}
