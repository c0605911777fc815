//! Copy, paste, duplicate, group, ungroup and Tidy: edits of several boxes
//! at once, each one command and one undo step.

use egui::Ui;

use super::ArchdrillApp;
use super::commands::UiCommand as C;
use super::editing::PASTE_STEP;
use crate::edit::{Command, clipboard};
use crate::model::{BoundaryId, Diagram};

impl ArchdrillApp {
    /// Cuts the selection: copies it, then deletes it.
    pub fn cut_selection(&mut self, ui: &Ui) {
        self.copy_selection(ui);
        self.delete_selection();
    }

    /// Pastes the in-app clipboard.
    pub fn paste_clipboard(&mut self) {
        if let Some(fragment) = self.edit_prefs.clipboard.clone() {
            self.paste(fragment, true);
        }
    }

    /// The selected nodes as a fragment (with the edges and boundaries
    /// among them), or `None` when no node is selected.
    fn selected_fragment(&self) -> Option<Diagram> {
        let entry = self.docs.current()?;
        let ids: Vec<&str> = entry
            .canvas
            .selection
            .nodes
            .iter()
            .map(String::as_str)
            .collect();
        (!ids.is_empty()).then(|| clipboard::fragment(entry.editor.doc(), &ids))
    }

    /// Copies the selected boxes to the in-app and the system clipboard.
    pub fn copy_selection(&mut self, ui: &Ui) {
        let Some(fragment) = self.selected_fragment() else {
            return;
        };
        if let Some(text) = clipboard::to_text(&fragment) {
            ui.ctx().copy_text(text);
        }
        self.edit_prefs.clipboard = Some(fragment);
        self.edit_prefs.pastes = 0;
    }

    /// Pastes a fragment one step further than the last paste (or at the
    /// next step from the original) and selects what was pasted.
    pub fn paste(&mut self, fragment: Diagram, from_clipboard: bool) {
        let steps = if from_clipboard {
            self.edit_prefs.pastes = self.edit_prefs.pastes.saturating_add(1);
            f32::from(self.edit_prefs.pastes)
        } else {
            1.0
        };
        self.paste_at(fragment, PASTE_STEP * steps, PASTE_STEP * steps);
    }

    /// Pastes `fragment` moved by `(dx, dy)` under fresh ids, as one undo
    /// step, and selects what was pasted.
    pub fn paste_at(&mut self, fragment: Diagram, dx: f32, dy: f32) {
        let Some(before) = self.docs.current().map(|e| e.editor.doc().clone()) else {
            return;
        };
        self.apply(&Command::Paste {
            fragment: Box::new(fragment),
            dx,
            dy,
        });
        if let Some(entry) = self.docs.current_mut() {
            let doc = entry.editor.doc();
            if doc.nodes.len() > before.nodes.len() {
                entry.canvas.selection = crate::ui::interact::Selection {
                    nodes: doc.nodes[before.nodes.len()..]
                        .iter()
                        .map(|n| n.id.to_string())
                        .collect(),
                    edges: doc.edges[before.edges.len()..]
                        .iter()
                        .map(|e| e.id.to_string())
                        .collect(),
                    boundaries: std::collections::BTreeSet::new(),
                };
            }
        }
    }

    /// Duplicates the selected boxes next to themselves.
    pub fn duplicate_selection(&mut self) {
        if let Some(fragment) = self.selected_fragment() {
            self.paste(fragment, false);
        }
    }

    /// Groups the selected boxes into a new boundary and selects it.
    pub fn group_selection(&mut self) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        let ids = entry.canvas.selection.node_ids();
        if ids.is_empty() {
            return;
        }
        let count = entry.editor.doc().boundaries.len();
        self.apply(&Command::Group {
            ids,
            label: "Service boundary".to_owned(),
        });
        if let Some(entry) = self.docs.current_mut()
            && entry.editor.doc().boundaries.len() > count
            && let Some(b) = entry.editor.doc().boundaries.last()
        {
            let id = b.id.to_string();
            entry
                .canvas
                .selection
                .only_boundary(entry.editor.doc(), &id);
            // Name it right away: the field takes focus, empty = keep.
            self.drafts.boundary_label = Some(String::new());
            self.drafts.focus_boundary_name = true;
        }
    }

    /// Dissolves the selected boundaries; their boxes stay selected.
    pub fn ungroup_selection(&mut self) {
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let ids = std::mem::take(&mut entry.canvas.selection.boundaries);
        let ungroup: Vec<Command> = ids
            .into_iter()
            .map(|id| Command::Ungroup { id: BoundaryId(id) })
            .collect();
        self.apply_many(&ungroup);
    }

    /// Lays the drawing out with the layered engine, as one undo step.
    pub fn tidy(&mut self) {
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let (positions, report) = crate::layout::tidy_with_report(entry.editor.doc());
        entry.canvas.request_fit();
        self.errors.extend(report.message());
        self.apply(&Command::Tidy { positions });
    }

    /// The canvas' right-click menu: the selection's actions, paste, Tidy.
    pub fn canvas_menu_ui(&mut self, ui: &mut Ui) {
        let groups: [&[C]; 3] = [
            &[C::Copy, C::Cut, C::Paste, C::Duplicate],
            &[C::Group, C::Ungroup, C::Delete],
            &[C::Tidy],
        ];
        let mut chosen = None;
        for (k, group) in groups.into_iter().enumerate() {
            if k > 0 {
                ui.separator();
            }
            for &command in group {
                let shortcut = command.shortcut_text(ui.ctx());
                if menu_item(
                    ui,
                    self.command_enabled(command),
                    command.label(),
                    &shortcut,
                ) {
                    chosen = Some(command);
                }
            }
        }
        if let Some(command) = chosen {
            self.run_command(ui, command);
        }
    }
}

/// One entry of a menu with its shortcut shown; a click closes the menu.
fn menu_item(ui: &mut Ui, enabled: bool, label: &str, shortcut: &str) -> bool {
    let clicked = ui
        .add_enabled(enabled, egui::Button::new(label).shortcut_text(shortcut))
        .clicked();
    if clicked {
        ui.close();
    }
    clicked
}
