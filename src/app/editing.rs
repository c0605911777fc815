//! Editing in the app: palette, quick add, properties, inline rename,
//! shortcuts. Everything becomes an [`edit::Command`] applied through the
//! entry's [`crate::edit::Editor`] — one place, one undo step each.

use egui::{Key, Modifiers, RichText, Ui};

use super::ArchdrillApp;
use crate::edit::Command;
use crate::model::{EdgeId, EdgeKind, NodeId, NodeKind, Point, infer_kind};
use crate::ui::interact::{CanvasEvent, placement};

/// Palette order and the key that places each kind.
pub const PALETTE: [(NodeKind, Key); 11] = [
    (NodeKind::Client, Key::C),
    (NodeKind::Edge, Key::E),
    (NodeKind::LoadBalancer, Key::L),
    (NodeKind::Gateway, Key::G),
    (NodeKind::Service, Key::S),
    (NodeKind::Database, Key::D),
    (NodeKind::Cache, Key::R),
    (NodeKind::Bus, Key::B),
    (NodeKind::Worker, Key::J),
    (NodeKind::External, Key::X),
    (NodeKind::Outbox, Key::O),
];

/// An inline rename in progress.
pub struct Rename {
    pub node: String,
    pub text: String,
    pub focused: bool,
}

impl ArchdrillApp {
    /// Applies a command to the current (editable) document.
    pub fn apply(&mut self, command: &Command) {
        let Some(entry) = self.entries.get_mut(self.selected) else {
            return;
        };
        if !entry.editable() {
            return;
        }
        match entry.editor.apply(command) {
            Ok(()) => entry.check = None,
            Err(e) => self.errors.push(format!("Cannot do that: {e}")),
        }
    }

    /// Places a node of `kind` in the middle of the view and selects it.
    pub fn add_node(&mut self, kind: NodeKind, label: &str) {
        let Some(entry) = self.entries.get(self.selected) else {
            return;
        };
        let p = placement(
            entry.editor.doc(),
            kind,
            entry.canvas.viewport,
            entry.canvas.view_size,
        );
        self.apply(&Command::AddNode {
            kind,
            label: label.to_owned(),
            pos: Point::new(p.x, p.y),
        });
        if let Some(entry) = self.entries.get_mut(self.selected)
            && let Some(node) = entry.editor.doc().nodes.last()
        {
            entry.canvas.selection.only_node(node.id.as_str());
        }
    }

    /// Turns finished canvas gestures into commands.
    pub fn canvas_events(&mut self, events: Vec<CanvasEvent>) {
        for event in events {
            match event {
                CanvasEvent::Moved { ids, delta } => self.apply(&Command::Move {
                    ids: ids.into_iter().map(NodeId).collect(),
                    dx: delta.x,
                    dy: delta.y,
                }),
                CanvasEvent::Connect { from, to } => {
                    let kind = self.edge_kind;
                    self.apply(&Command::Connect {
                        from: NodeId(from),
                        to: NodeId(to),
                        kind,
                    });
                }
                CanvasEvent::Rename(node) => {
                    let text = self
                        .entries
                        .get(self.selected)
                        .and_then(|e| e.editor.doc().node(&node))
                        .map(|n| n.label.clone())
                        .unwrap_or_default();
                    self.rename = Some(Rename {
                        node,
                        text,
                        focused: false,
                    });
                }
            }
        }
    }

    /// Editing shortcuts; ignored while typing in a text field.
    pub fn edit_keys(&mut self, ui: &Ui) {
        let editable = self
            .entries
            .get(self.selected)
            .is_some_and(super::Entry::editable);
        if !editable || ui.ctx().text_edit_focused() || self.rename.is_some() {
            return;
        }
        let (undo, redo, delete, select_all) = ui.input_mut(|i| {
            let undo = i.consume_key(Modifiers::COMMAND, Key::Z);
            let redo = i.consume_key(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z)
                || i.consume_key(Modifiers::COMMAND, Key::Y);
            let delete = i.consume_key(Modifiers::NONE, Key::Delete)
                || i.consume_key(Modifiers::NONE, Key::Backspace);
            let select_all = i.consume_key(Modifiers::COMMAND, Key::A);
            (undo, redo, delete, select_all)
        });
        if undo {
            self.undo();
        }
        if redo {
            self.redo();
        }
        if delete {
            self.delete_selection();
        }
        if select_all && let Some(entry) = self.entries.get_mut(self.selected) {
            entry.canvas.selection.nodes = entry
                .editor
                .doc()
                .nodes
                .iter()
                .map(|n| n.id.to_string())
                .collect();
        }
        for (kind, key) in PALETTE {
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                self.add_node(kind, kind.title());
            }
        }
        for (n, key) in [Key::Num1, Key::Num2, Key::Num3, Key::Num4]
            .into_iter()
            .enumerate()
        {
            if ui.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
                self.set_edge_kind(EdgeKind::ALL[n]);
            }
        }
    }

    /// Undoes the last change of the current document.
    pub fn undo(&mut self) {
        if let Some(entry) = self.entries.get_mut(self.selected) {
            entry.editor.undo();
            entry.check = None;
        }
    }

    /// Redoes the last undone change.
    pub fn redo(&mut self) {
        if let Some(entry) = self.entries.get_mut(self.selected) {
            entry.editor.redo();
            entry.check = None;
        }
    }

    /// Deletes the selected nodes and edges.
    pub fn delete_selection(&mut self) {
        let Some(entry) = self.entries.get_mut(self.selected) else {
            return;
        };
        let selection = std::mem::take(&mut entry.canvas.selection);
        if selection.is_empty() {
            return;
        }
        self.apply(&Command::Delete {
            nodes: selection.nodes.into_iter().map(NodeId).collect(),
            edges: selection.edges.into_iter().map(EdgeId).collect(),
        });
    }

    /// The kind for new edges; also applied to selected edges.
    fn set_edge_kind(&mut self, kind: EdgeKind) {
        self.edge_kind = kind;
        let selected: Vec<String> = self
            .entries
            .get(self.selected)
            .map(|e| e.canvas.selection.edges.iter().cloned().collect())
            .unwrap_or_default();
        for id in selected {
            self.apply(&Command::SetEdgeKind {
                id: EdgeId(id),
                kind,
            });
        }
    }

    /// The palette row: one button per kind, quick add, edge kind, undo/redo.
    pub fn palette_ui(&mut self, ui: &mut Ui) {
        ui.horizontal_wrapped(|ui| {
            for (kind, key) in PALETTE {
                if ui
                    .small_button(format!("+ {}", kind.title()))
                    .on_hover_text(format!("Place a {} ({})", kind.noun(), key.name()))
                    .clicked()
                {
                    self.add_node(kind, kind.title());
                }
            }
            ui.separator();
            let label = ui.label("Quick add");
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.quick_add)
                        .hint_text("e.g. Redis cache")
                        .desired_width(130.0),
                )
                .labelled_by(label.id)
                .on_hover_text("Type a label and press Enter: the kind is inferred from it");
            if response.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)) {
                let text = std::mem::take(&mut self.quick_add);
                if !text.trim().is_empty() {
                    self.add_node(infer_kind(&text), text.trim());
                }
            }
            ui.separator();
            ui.label("New arrows");
            for (n, kind) in EdgeKind::ALL.into_iter().enumerate() {
                if ui
                    .selectable_label(self.edge_kind == kind, kind.title())
                    .on_hover_text(format!(
                        "Drag from a box's handle to connect; {} sets selected arrows",
                        n + 1
                    ))
                    .clicked()
                {
                    self.set_edge_kind(kind);
                }
            }
            ui.separator();
            let (can_undo, can_redo) =
                self.entries.get(self.selected).map_or((false, false), |e| {
                    (e.editor.can_undo(), e.editor.can_redo())
                });
            if ui
                .add_enabled(can_undo, egui::Button::new("Undo"))
                .on_hover_text("Ctrl+Z")
                .clicked()
            {
                self.undo();
            }
            if ui
                .add_enabled(can_redo, egui::Button::new("Redo"))
                .on_hover_text("Ctrl+Shift+Z")
                .clicked()
            {
                self.redo();
            }
        });
    }

    /// Properties of the selected node or edge (right panel).
    pub fn properties_ui(&mut self, ui: &mut Ui) {
        let Some(entry) = self.entries.get(self.selected) else {
            return;
        };
        let doc = entry.editor.doc();
        let selection = &entry.canvas.selection;
        let mut command = None;
        ui.heading("Selection");
        if let (1, Some(node)) = (
            selection.nodes.len(),
            selection.nodes.first().and_then(|id| doc.node(id)),
        ) {
            ui.label(RichText::new(format!("Node `{}`", node.id)).weak());
            let mut kind = node.kind;
            let caption = ui.label("Kind");
            egui::ComboBox::from_id_salt("node-kind")
                .selected_text(kind.title())
                .show_ui(ui, |ui| {
                    for k in NodeKind::ALL {
                        ui.selectable_value(&mut kind, k, k.title());
                    }
                })
                .response
                .labelled_by(caption.id);
            if kind != node.kind {
                command = Some(Command::SetKind {
                    id: node.id.clone(),
                    kind,
                });
            }
            if ui
                .button("Rename…")
                .on_hover_text("Or double-click the box")
                .clicked()
            {
                self.rename = Some(Rename {
                    node: node.id.to_string(),
                    text: node.label.clone(),
                    focused: false,
                });
            }
        } else if let (1, Some(edge)) = (
            selection.edges.len(),
            selection.edges.first().and_then(|id| doc.edge(id)),
        ) {
            ui.label(
                RichText::new(format!("Arrow `{}`: {} → {}", edge.id, edge.from, edge.to)).weak(),
            );
            for kind in EdgeKind::ALL {
                if ui.radio(edge.kind == kind, kind.title()).clicked() && edge.kind != kind {
                    command = Some(Command::SetEdgeKind {
                        id: edge.id.clone(),
                        kind,
                    });
                }
            }
            let mut label = self
                .edge_label_draft
                .clone()
                .unwrap_or_else(|| edge.label.clone());
            let caption = ui.label("Label (event name)");
            let response = ui.text_edit_singleline(&mut label).labelled_by(caption.id);
            if response.changed() {
                self.edge_label_draft = Some(label.clone());
            }
            if response.lost_focus() {
                self.edge_label_draft = None;
                command = Some(Command::SetEdgeLabel {
                    id: edge.id.clone(),
                    label,
                });
            }
        } else {
            ui.label(format!(
                "{} boxes, {} arrows selected",
                selection.nodes.len(),
                selection.edges.len()
            ));
            if selection.nodes.len() > 1 && ui.button("Group into a boundary").clicked() {
                command = Some(Command::Group {
                    ids: selection.nodes.iter().cloned().map(NodeId).collect(),
                    label: "Service boundary".to_owned(),
                });
            }
        }
        ui.add_space(8.0);
        if ui
            .button("Delete")
            .on_hover_text("Delete or Backspace")
            .clicked()
        {
            self.delete_selection();
        }
        if let Some(command) = command {
            self.apply(&command);
        }
    }

    /// The inline rename box, near the top of the canvas.
    pub fn rename_ui(&mut self, ui: &mut Ui) {
        let Some(rename) = &mut self.rename else {
            return;
        };
        let mut done = None;
        egui::Window::new("Rename")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, [0.0, 80.0])
            .show(ui.ctx(), |ui| {
                let caption = ui.label("New name");
                let response = ui
                    .text_edit_singleline(&mut rename.text)
                    .labelled_by(caption.id);
                if !rename.focused {
                    response.request_focus();
                    rename.focused = true;
                }
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    done = Some(false);
                } else if response.lost_focus() || ui.input(|i| i.key_pressed(Key::Enter)) {
                    done = Some(true);
                }
                ui.label(RichText::new("Enter to apply, Esc to cancel").weak());
            });
        if let Some(apply) = done
            && let Some(rename) = self.rename.take()
            && apply
        {
            self.apply(&Command::Rename {
                id: NodeId(rename.node),
                label: rename.text,
            });
        }
    }
}
