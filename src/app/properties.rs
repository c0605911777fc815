//! The properties panel of the selection (node, arrow, boundary or
//! several boxes) and the inline rename box over a node.

use egui::{Key, RichText, Ui};

use super::commands::UiCommand;
use super::editing::Rename;
use super::figures::{capacity_ui, traffic_ui};
use super::{ArchdrillApp, keyboard};
use crate::edit::Command;
use crate::model::{ArrowStyle, Boundary, Diagram, Edge, EdgeKind, Node, NodeId, NodeKind};

/// What the user asked for in the properties panel this frame.
#[derive(Debug, Default)]
pub(super) struct PanelActions {
    /// An edit of the document.
    pub command: Option<Command>,
    /// Open the rename box.
    pub rename: Option<Rename>,
    /// A command of the table (duplicate, delete, …).
    pub action: Option<UiCommand>,
}

/// Text being typed into the panel's fields, kept until the field loses
/// focus so every keystroke is not an undo step.
#[derive(Debug, Default)]
pub struct Drafts {
    /// The selected arrow's label.
    pub edge_label: Option<String>,
    /// The selected boundary's name.
    pub boundary_label: Option<String>,
    /// The selected node's label.
    pub node_label: Option<String>,
    /// The selected node's notes.
    pub node_notes: Option<String>,
    /// Focus the boundary name field on the next frame (after grouping).
    pub focus_boundary_name: bool,
}

impl ArchdrillApp {
    /// Properties of the selection (right panel).
    pub fn properties_ui(&mut self, ui: &mut Ui) {
        let Some(entry) = self.docs.current() else {
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
            node_ui(ui, node, &mut self.drafts, &mut actions);
        } else if let Some(edge) = one_edge {
            edge_ui(ui, (edge, doc.arrows), &mut self.drafts, &mut actions);
        } else {
            ui.label(format!(
                "{} boxes, {} arrows selected",
                selection.nodes.len(),
                selection.edges.len()
            ));
            if !selection.nodes.is_empty()
                && ui
                    .button("Group into a boundary")
                    .on_hover_text(super::commands::UiCommand::Group.hint(ui.ctx()))
                    .clicked()
            {
                actions.action = Some(UiCommand::Group);
            }
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            use super::commands::UiCommand as C;
            for (action, command) in [
                (UiCommand::Duplicate, C::Duplicate),
                (UiCommand::Copy, C::Copy),
                (UiCommand::Delete, C::Delete),
            ] {
                if ui
                    .button(command.label())
                    .on_hover_text(command.hint(ui.ctx()))
                    .clicked()
                {
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
            self.run_command(ui, action);
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
        let field = egui::Id::unique(RENAME_FIELD);
        if !rename.focused {
            // The whole label selected: typing replaces it.
            keyboard::focus_text_field(ui.ctx(), field, 0..rename.text.chars().count());
        }
        area.show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let caption = ui.label(RichText::new("New name").small().weak());
                let (response, enter) = label_field(ui, &mut rename.text, field, width);
                let response = response
                    .labelled_by(caption.id)
                    .on_hover_text("Shift+Enter starts a new line; Enter renames, Esc cancels");
                // A new area's first frame is a sizing pass that takes no
                // focus: ask again until the field has it.
                rename.focused |= response.has_focus();
                if ui.input(|i| i.key_pressed(Key::Escape)) {
                    done = Some(false);
                } else if enter || response.lost_focus() {
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

/// The rename box's text field.
const RENAME_FIELD: &str = "rename-field";

/// A label field: multi-line, Shift+Enter breaks the line, Enter ends the
/// edit (returned as `true`; keys typed after it in the same frame are
/// dropped, so none reaches the canvas).
fn label_field(ui: &mut Ui, text: &mut String, id: egui::Id, width: f32) -> (egui::Response, bool) {
    let enter = ui.memory(|m| m.has_focus(id)) && keyboard::take_typing_after_enter(ui).is_some();
    let response = ui.add(
        egui::TextEdit::multiline(text)
            .id(id)
            .desired_rows(1)
            .desired_width(width)
            .return_key(egui::KeyboardShortcut::new(
                egui::Modifiers::SHIFT,
                Key::Enter,
            )),
    );
    if enter {
        response.surrender_focus();
    }
    (response, enter)
}

fn node_ui(ui: &mut Ui, node: &Node, drafts: &mut Drafts, actions: &mut PanelActions) {
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
    let mut label = drafts
        .node_label
        .clone()
        .unwrap_or_else(|| node.label.clone());
    let caption = ui
        .label("Label")
        .on_hover_text("Shift+Enter starts a new line; Enter or Esc ends the edit");
    let field = egui::Id::unique("node-label-field");
    let width = ui.available_width();
    let (response, _) = label_field(ui, &mut label, field, width);
    let response = response.labelled_by(caption.id);
    if response.changed() {
        drafts.node_label = Some(label.clone());
    }
    if response.lost_focus() {
        drafts.node_label = None;
        // Left empty: keep the current label.
        if !label.trim().is_empty() {
            actions.command = Some(Command::Rename {
                id: node.id.clone(),
                label,
            });
        }
    }
    let mut notes = drafts
        .node_notes
        .clone()
        .unwrap_or_else(|| node.notes.clone());
    let caption = ui
        .label("Notes")
        .on_hover_text("What it is, what breaks without it (shown on hover)");
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut notes)
                .id(egui::Id::unique("node-notes-field"))
                .desired_rows(3)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(caption.id);
    if response.changed() {
        drafts.node_notes = Some(notes.clone());
    }
    if response.lost_focus() {
        drafts.node_notes = None;
        actions.command = Some(Command::SetNotes {
            id: node.id.clone(),
            notes,
        });
    }
    if ui
        .button("Rename…")
        .on_hover_text("Rename over the box (or double-click it)")
        .clicked()
    {
        actions.rename = Some(Rename {
            node: node.id.to_string(),
            text: node.label.clone(),
            focused: false,
        });
    }
    capacity_ui(ui, node, actions);
}

fn edge_ui(
    ui: &mut Ui,
    (edge, drawing): (&Edge, ArrowStyle),
    drafts: &mut Drafts,
    actions: &mut PanelActions,
) {
    ui.label(RichText::new(format!("Arrow `{}`: {} → {}", edge.id, edge.from, edge.to)).weak());
    for kind in EdgeKind::ALL {
        if ui.radio(edge.kind == kind, kind.title()).clicked() && edge.kind != kind {
            actions.command = Some(Command::SetEdgeKind {
                id: edge.id.clone(),
                kind,
            });
        }
    }
    ui.label("Drawn");
    ui.horizontal(|ui| {
        let follow = format!("As the drawing ({})", drawing.title().to_lowercase());
        let choices = [
            (None, follow),
            (
                Some(ArrowStyle::Straight),
                ArrowStyle::Straight.title().to_owned(),
            ),
            (
                Some(ArrowStyle::Orthogonal),
                ArrowStyle::Orthogonal.title().to_owned(),
            ),
        ];
        for (style, name) in choices {
            if ui.radio(edge.style == style, name).clicked() && edge.style != style {
                actions.command = Some(Command::SetEdgeStyle {
                    id: edge.id.clone(),
                    style,
                });
            }
        }
    });
    let mut label = drafts
        .edge_label
        .clone()
        .unwrap_or_else(|| edge.label.clone());
    let caption = ui.label(match edge.kind {
        EdgeKind::Sync => "Label (the call, e.g. POST /orders)",
        EdgeKind::Async => "Label (event name)",
        EdgeKind::Data => "Label (what is read or written)",
        EdgeKind::Compensation => "Label (compensating event)",
    });
    let response = ui
        .add(egui::TextEdit::singleline(&mut label).id(egui::Id::unique("edge-label-field")))
        .labelled_by(caption.id);
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
    traffic_ui(ui, edge, actions);
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
    let field = egui::Id::unique("boundary-name-field");
    if std::mem::take(&mut drafts.focus_boundary_name) {
        // Just grouped: the default name selected, typing replaces it.
        keyboard::focus_text_field(ui.ctx(), field, 0..label.chars().count());
    }
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut label)
                .id(field)
                .hint_text(&boundary.label),
        )
        .labelled_by(caption.id);
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
        .on_hover_text(super::commands::UiCommand::Ungroup.hint(ui.ctx()))
        .clicked()
    {
        actions.action = Some(UiCommand::Ungroup);
    }
}
