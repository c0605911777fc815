//! The properties panel of the selection (node, arrow, boundary or
//! several boxes) and the inline rename box over a node.

use egui::{Key, RichText, Ui};

use super::ArchdrillApp;
use super::arrange::SelectionAction;
use super::editing::Rename;
use crate::edit::Command;
use crate::model::{Boundary, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind};

/// What the user asked for in the properties panel this frame.
#[derive(Debug, Default)]
struct PanelActions {
    command: Option<Command>,
    rename: Option<Rename>,
    action: Option<SelectionAction>,
}

/// Text being typed into the panel's fields, kept until the field loses
/// focus so every keystroke is not an undo step.
#[derive(Debug, Default)]
pub struct Drafts {
    /// The selected arrow's label.
    pub edge_label: Option<String>,
    /// The selected boundary's name.
    pub boundary_label: Option<String>,
    /// Focus the boundary name field on the next frame (after grouping).
    pub focus_boundary_name: bool,
}

impl ArchdrillApp {
    /// Properties of the selection (right panel).
    pub fn properties_ui(&mut self, ui: &mut Ui) {
        let Some(entry) = self.entries.get(self.selected) else {
            return;
        };
        let doc = entry.editor.doc();
        let selection = &entry.canvas.selection;
        let mut actions = PanelActions::default();
        ui.heading("Selection");
        let one_boundary = (selection.boundaries.len() == 1)
            .then(|| selection.boundaries.first().and_then(|id| doc.boundary(id)))
            .flatten();
        let one_node = (selection.nodes.len() == 1 && selection.edges.is_empty())
            .then(|| selection.nodes.first().and_then(|id| doc.node(id)))
            .flatten();
        let one_edge = (selection.edges.len() == 1 && selection.nodes.is_empty())
            .then(|| selection.edges.first().and_then(|id| doc.edge(id)))
            .flatten();
        if let Some(boundary) = one_boundary {
            boundary_ui(ui, doc, boundary, &mut self.drafts, &mut actions);
        } else if let Some(node) = one_node {
            node_ui(ui, node, &mut actions);
        } else if let Some(edge) = one_edge {
            edge_ui(ui, edge, &mut self.drafts, &mut actions);
        } else {
            ui.label(format!(
                "{} boxes, {} arrows selected",
                selection.nodes.len(),
                selection.edges.len()
            ));
            if !selection.nodes.is_empty()
                && ui
                    .button("Group into a boundary")
                    .on_hover_text("Ctrl+G")
                    .clicked()
            {
                actions.action = Some(SelectionAction::Group);
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (action, label, hint) in [
                (SelectionAction::Duplicate, "Duplicate", "Ctrl+D"),
                (SelectionAction::Copy, "Copy", "Ctrl+C"),
                (SelectionAction::Delete, "Delete", "Delete or Backspace"),
            ] {
                if ui.button(label).on_hover_text(hint).clicked() {
                    actions.action = Some(action);
                }
            }
        });
        self.carry_out(ui, actions);
    }

    fn carry_out(&mut self, ui: &Ui, actions: PanelActions) {
        if let Some(command) = actions.command {
            self.apply(&command);
        }
        if actions.rename.is_some() {
            self.rename = actions.rename;
        }
        if let Some(action) = actions.action {
            self.run_action(ui, action);
        }
    }

    /// The rename box, over the node being renamed (or at the top of the
    /// canvas if the node is not on screen).
    pub fn rename_ui(&mut self, ui: &mut Ui) {
        let Some(node_id) = self.rename.as_ref().map(|r| r.node.clone()) else {
            return;
        };
        let at = self.node_screen_rect(&node_id);
        let Some(rename) = &mut self.rename else {
            return;
        };
        let mut done = None;
        let mut area =
            egui::Area::new(egui::Id::unique("rename-box")).order(egui::Order::Foreground);
        area = match at {
            Some(rect) => area.fixed_pos(rect.left_top() + egui::vec2(0.0, -22.0)),
            None => area.anchor(egui::Align2::CENTER_TOP, [0.0, 80.0]),
        };
        let width = at.map_or(180.0, |r| r.width().max(160.0));
        area.show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let caption = ui.label(RichText::new("New name").small().weak());
                let response = ui
                    .add(egui::TextEdit::singleline(&mut rename.text).desired_width(width))
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
            });
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

fn node_ui(ui: &mut Ui, node: &Node, actions: &mut PanelActions) {
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
        actions.command = Some(Command::SetKind {
            id: node.id.clone(),
            kind,
        });
    }
    if ui
        .button("Rename…")
        .on_hover_text("Or double-click the box")
        .clicked()
    {
        actions.rename = Some(Rename {
            node: node.id.to_string(),
            text: node.label.clone(),
            focused: false,
        });
    }
}

fn edge_ui(ui: &mut Ui, edge: &Edge, drafts: &mut Drafts, actions: &mut PanelActions) {
    ui.label(RichText::new(format!("Arrow `{}`: {} → {}", edge.id, edge.from, edge.to)).weak());
    for kind in EdgeKind::ALL {
        if ui.radio(edge.kind == kind, kind.title()).clicked() && edge.kind != kind {
            actions.command = Some(Command::SetEdgeKind {
                id: edge.id.clone(),
                kind,
            });
        }
    }
    let mut label = drafts
        .edge_label
        .clone()
        .unwrap_or_else(|| edge.label.clone());
    let caption = ui.label("Label (event name)");
    let response = ui.text_edit_singleline(&mut label).labelled_by(caption.id);
    if response.changed() {
        drafts.edge_label = Some(label.clone());
    }
    if response.lost_focus() {
        drafts.edge_label = None;
        actions.command = Some(Command::SetEdgeLabel {
            id: edge.id.clone(),
            label,
        });
    }
}

fn boundary_ui(
    ui: &mut Ui,
    doc: &Diagram,
    boundary: &Boundary,
    drafts: &mut Drafts,
    actions: &mut PanelActions,
) {
    ui.label(
        RichText::new(format!(
            "Boundary `{}` · {} boxes",
            boundary.id,
            doc.boundary_members(boundary.id.as_str()).len()
        ))
        .weak(),
    );
    let mut label = drafts
        .boundary_label
        .clone()
        .unwrap_or_else(|| boundary.label.clone());
    let caption = ui.label("Boundary name");
    let response = ui
        .add(egui::TextEdit::singleline(&mut label).hint_text(&boundary.label))
        .labelled_by(caption.id);
    if std::mem::take(&mut drafts.focus_boundary_name) {
        response.request_focus();
    }
    if response.changed() {
        drafts.boundary_label = Some(label.clone());
    }
    if response.lost_focus() {
        drafts.boundary_label = None;
        // Left empty: keep the current name.
        if !label.trim().is_empty() {
            actions.command = Some(Command::RenameBoundary {
                id: boundary.id.clone(),
                label,
            });
        }
    }
    if ui
        .button("Ungroup")
        .on_hover_text("Dissolve the boundary, keep its boxes (Ctrl+Shift+G)")
        .clicked()
    {
        actions.action = Some(SelectionAction::Ungroup);
    }
}
