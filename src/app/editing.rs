//! Editing in the app: palette, quick add, properties, inline rename,
//! shortcuts. Everything becomes an [`edit::Command`] applied through the
//! entry's [`crate::edit::Editor`] — one place, one undo step each.

use egui::{Key, Modifiers, Ui};

use super::ArchdrillApp;
use super::commands::{UiCommand, pressed, presses};
use crate::edit::{Command, clipboard};
use crate::model::{Diagram, EdgeId, EdgeKind, NodeId, NodeKind, Point};
use crate::ui::canvas::GRID;
use crate::ui::interact::{CanvasEvent, placement, snap_value};

/// Editing preferences and the in-app clipboard (UI state, never saved).
#[derive(Debug, Default)]
pub struct EditPrefs {
    /// Snap moved and new boxes to the grid.
    pub snap: bool,
    /// The last copied fragment (also on the system clipboard as text).
    pub clipboard: Option<Diagram>,
    /// Pastes since the last copy: each lands one step further.
    pub pastes: u16,
}

/// How far a paste or duplicate lands from the original, canvas units.
pub const PASTE_STEP: f32 = GRID / 2.0;
/// Arrow-key nudge, and with Shift.
const NUDGE: f32 = 5.0;
const NUDGE_FAR: f32 = GRID / 2.0;

/// The editing shortcuts pressed this frame.
#[derive(Debug, Default)]
struct EditKeys {
    /// Undo presses this frame (a fast typist or key repeat can put
    /// several into one frame; each is one step).
    undo: usize,
    /// Redo presses this frame.
    redo: usize,
    select_all: bool,
    /// Text pasted from the system clipboard (`Event::Paste`).
    paste_text: Option<String>,
    /// Selection edits, in the order they are carried out (Ctrl+V seen as
    /// a key, without a system clipboard event, is [`UiCommand::Paste`]).
    actions: Vec<UiCommand>,
    snap: bool,
    escape: bool,
    nudge: egui::Vec2,
}

impl EditKeys {
    /// Reads the chords (Ctrl+…), and with `single_keys` also the keys
    /// without a modifier (Delete, Esc, arrows), consuming them.
    fn read(i: &mut egui::InputState, single_keys: bool) -> Self {
        let mut keys = Self::default();
        let (mut copy, mut cut) = (false, false);
        for event in &i.events {
            match event {
                egui::Event::Copy => copy = true,
                egui::Event::Cut => cut = true,
                egui::Event::Paste(text) => keys.paste_text = Some(text.clone()),
                _ => {}
            }
        }
        // The keys come from the command table; egui ignores an extra
        // Shift when matching, so the Shift chords are read first.
        keys.redo =
            presses(i, UiCommand::Redo) + i.count_and_consume_key(Modifiers::COMMAND, Key::Y);
        keys.undo = presses(i, UiCommand::Undo);
        let delete = single_keys
            && (pressed(i, UiCommand::Delete) || i.consume_key(Modifiers::NONE, Key::Backspace));
        keys.select_all = pressed(i, UiCommand::SelectAll);
        copy |= pressed(i, UiCommand::Copy);
        cut |= pressed(i, UiCommand::Cut);
        let paste = pressed(i, UiCommand::Paste);
        let duplicate = pressed(i, UiCommand::Duplicate);
        let ungroup = pressed(i, UiCommand::Ungroup);
        let group = pressed(i, UiCommand::Group);
        keys.actions = [
            (copy && !cut, UiCommand::Copy),
            (cut, UiCommand::Cut),
            (delete && !cut, UiCommand::Delete),
            // Ctrl+V as a key only counts without a system-clipboard paste.
            (paste && keys.paste_text.is_none(), UiCommand::Paste),
            (duplicate, UiCommand::Duplicate),
            (group, UiCommand::Group),
            (ungroup, UiCommand::Ungroup),
        ]
        .into_iter()
        .filter_map(|(pressed, action)| pressed.then_some(action))
        .collect();
        keys.snap = pressed(i, UiCommand::ToggleSnap);
        if !single_keys {
            return keys;
        }
        keys.escape = i.consume_key(Modifiers::NONE, Key::Escape);
        for (key, dir) in [
            (Key::ArrowLeft, egui::vec2(-1.0, 0.0)),
            (Key::ArrowRight, egui::vec2(1.0, 0.0)),
            (Key::ArrowUp, egui::vec2(0.0, -1.0)),
            (Key::ArrowDown, egui::vec2(0.0, 1.0)),
        ] {
            if i.consume_key(Modifiers::SHIFT, key) {
                keys.nudge += dir * NUDGE_FAR;
            }
            if i.consume_key(Modifiers::NONE, key) {
                keys.nudge += dir * NUDGE;
            }
        }
        keys
    }
}

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
#[derive(Debug)]
pub struct Rename {
    pub node: String,
    pub text: String,
    pub focused: bool,
}

impl ArchdrillApp {
    /// Applies a command to the current (editable) document.
    pub fn apply(&mut self, command: &Command) {
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        if !entry.editable() {
            return;
        }
        // An open check follows the edit (see `follow_check`).
        if let Err(e) = entry.editor.apply(command) {
            self.errors.push(format!("Cannot do that: {e}"));
        }
    }

    /// Applies `commands` to the current document as one undo step.
    pub fn apply_many(&mut self, commands: &[Command]) {
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        if !entry.editable() {
            return;
        }
        if let Err(e) = entry.editor.apply_many(commands) {
            self.errors.push(format!("Cannot do that: {e}"));
        }
    }

    /// Places a node of `kind` in the middle of the view and selects it.
    pub fn add_node(&mut self, kind: NodeKind, label: &str) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        let p = placement(
            entry.editor.doc(),
            kind,
            entry.canvas.viewport,
            entry.canvas.view_size,
        );
        self.add_node_at(kind, label, Point::new(p.x, p.y));
    }

    /// Places a node of `kind` at a canvas point (snapped when snapping is
    /// on) — or at the free spot nearest to it, never on another box — and
    /// selects it.
    pub fn add_node_at(&mut self, kind: NodeKind, label: &str, at: Point) {
        use crate::model::placement::{Box2, free_spot};
        let pos = if self.edit_prefs.snap {
            Point::new(snap_value(at.x, GRID / 2.0), snap_value(at.y, GRID / 2.0))
        } else {
            at
        };
        let Some((count, occupied)) = self.docs.current().map(|e| {
            let doc = e.editor.doc();
            let occupied: Vec<Box2> = doc.nodes.iter().map(Box2::of).collect();
            (doc.nodes.len(), occupied)
        }) else {
            return;
        };
        // Steps of half a grid cell: a snapped position stays on the grid.
        let (w, h) = kind.default_size();
        let pos = free_spot(pos, w, h, &occupied);
        self.apply(&Command::AddNode {
            kind,
            label: label.to_owned(),
            pos,
        });
        if let Some(entry) = self.docs.current_mut()
            && entry.editor.doc().nodes.len() > count
            && let Some(node) = entry.editor.doc().nodes.last()
        {
            entry.canvas.selection.only_node(node.id.as_str());
        }
    }

    /// Turns finished canvas gestures into commands.
    pub fn canvas_events(&mut self, events: Vec<CanvasEvent>) {
        for event in events {
            match event {
                CanvasEvent::Moved { ids, delta } => {
                    let (dx, dy) = self.clear_drop(&ids, delta);
                    self.apply(&Command::Move {
                        ids: ids.into_iter().map(NodeId).collect(),
                        dx,
                        dy,
                    });
                }
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
                        .docs
                        .current()
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

    /// Where the boxes being dragged on the canvas land if dropped now
    /// (their delta from where they were), as the canvas outlines it.
    #[must_use]
    pub fn drag_landing(&self) -> Option<egui::Vec2> {
        self.docs.current().and_then(|e| e.canvas.landing())
    }

    /// Where boxes dragged by `delta` land: there, or the nearest spot (in
    /// half grid steps) where none of them covers a box that stayed put —
    /// the spot the drag preview showed ([`crate::model::placement::drop_shift`]).
    fn clear_drop(&self, ids: &[String], delta: egui::Vec2) -> (f32, f32) {
        let Some(entry) = self.docs.current() else {
            return (delta.x, delta.y);
        };
        let doc = entry.editor.doc();
        let moved: Vec<bool> = doc
            .nodes
            .iter()
            .map(|n| ids.iter().any(|id| id == n.id.as_str()))
            .collect();
        let (dx, dy) = crate::model::placement::drop_shift(doc, &moved, (delta.x, delta.y));
        (delta.x + dx, delta.y + dy)
    }

    /// The canvas' shortcuts: editing chords (Ctrl+Z, Ctrl+C …) unless a
    /// text field has or just had the keyboard, and the single keys (kinds,
    /// arrow kinds, Delete, Esc, arrows, F, W, the walkthrough's keys) only
    /// when the canvas or nothing has focus — see [`super::keyboard`]. Run
    /// last in the frame, after every widget that can own focus; nothing
    /// while a dialog or the rename box is open.
    pub fn canvas_keys(&mut self, ui: &Ui) {
        let dialog = self.file_window.is_some()
            || self.paste_mermaid.is_some()
            || self.rename.is_some()
            || self.command_palette.is_some()
            || self.connect.is_some()
            || self.closing.is_asking();
        if self.mode != super::Mode::Diagrams || dialog {
            return;
        }
        let ctx = ui.ctx();
        if ui.input(|i| {
            i.events
                .iter()
                .any(|e| matches!(e, egui::Event::Key { .. }))
        }) {
            // Read after the canvas was painted: show the outcome next frame.
            ctx.request_repaint();
        }
        let chords = self.keyboard.text_free(ctx);
        let single = chords && self.keyboard.canvas_may_read(ctx);
        let editable = self.docs.current().is_some_and(super::Entry::editable);
        if editable && chords {
            let keys = ui.input_mut(|i| EditKeys::read(i, single));
            self.apply_edit_keys(ui, keys);
        }
        if !single {
            return;
        }
        if editable {
            if ui.input_mut(|i| pressed(i, UiCommand::Connect)) {
                self.start_connect();
            }
            if ui.input_mut(|i| pressed(i, UiCommand::QuickAdd)) {
                super::palette::focus_quick_add(ui.ctx(), &self.quick_add);
            }
            self.tab_through_nodes(ui);
            for (kind, key) in PALETTE {
                // Each press is a box, even several in one frame.
                for _ in 0..ui.input_mut(|i| i.count_and_consume_key(Modifiers::NONE, key)) {
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
        self.view_keys(ui);
    }

    /// F fits the view; W starts a walkthrough; ← → Space step it.
    fn view_keys(&mut self, ui: &Ui) {
        let (fit, walk) = ui.input_mut(|i| {
            (
                pressed(i, UiCommand::Fit),
                pressed(i, UiCommand::Walkthrough),
            )
        });
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        if fit {
            entry.canvas.request_fit();
        }
        let steps = entry.editor.doc().walkthrough.len();
        if walk && entry.walkthrough.is_none() && steps > 0 {
            entry.walkthrough = Some(crate::walkthrough::Player::default());
        }
        if let Some(player) = entry.walkthrough.as_mut() {
            crate::ui::walkthrough_bar::walkthrough_keys(ui, player, steps);
        }
    }

    /// Pastes text from the system clipboard: an archdrill fragment is
    /// pasted, Mermaid text opens the import window, anything else is
    /// explained.
    fn paste_text(&mut self, text: String) {
        let first_word = text.split_whitespace().next().unwrap_or_default();
        match clipboard::from_text(&text) {
            Some(fragment) => self.paste(fragment, true),
            // Mermaid text: offer it in the import window.
            None if matches!(first_word, "flowchart" | "graph") => {
                self.paste_mermaid = Some(super::paste_mermaid::PasteMermaid::with_text(text));
            }
            None => self.errors.push(
                "The clipboard holds no archdrill boxes (copy some with Ctrl+C; \
                 paste Mermaid text with File → Paste Mermaid…)."
                    .to_owned(),
            ),
        }
    }

    /// Carries out the editing shortcuts of this frame.
    fn apply_edit_keys(&mut self, ui: &Ui, keys: EditKeys) {
        for _ in 0..keys.undo {
            self.undo();
        }
        for _ in 0..keys.redo {
            self.redo();
        }
        // System-clipboard text: a fragment, or Mermaid for the import window.
        if let Some(text) = keys.paste_text {
            self.paste_text(text);
        }
        for action in keys.actions {
            self.run_command(ui, action);
        }
        if keys.snap {
            self.edit_prefs.snap = !self.edit_prefs.snap;
        }
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        if keys.escape {
            entry.canvas.selection = crate::ui::interact::Selection::default();
        }
        if keys.select_all {
            entry.canvas.selection.select_all(entry.editor.doc());
        }
        if keys.nudge != egui::Vec2::ZERO && !entry.canvas.selection.nodes.is_empty() {
            let ids = entry.canvas.selection.node_ids();
            self.apply(&Command::Move {
                ids,
                dx: keys.nudge.x,
                dy: keys.nudge.y,
            });
        }
    }

    /// Undoes the last change of the current document.
    pub fn undo(&mut self) {
        if let Some(entry) = self.docs.current_mut() {
            entry.editor.undo();
        }
    }

    /// Redoes the last undone change.
    pub fn redo(&mut self) {
        if let Some(entry) = self.docs.current_mut() {
            entry.editor.redo();
        }
    }

    /// Deletes the selected nodes and edges.
    pub fn delete_selection(&mut self) {
        let Some(entry) = self.docs.current_mut() else {
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
    pub fn set_edge_kind(&mut self, kind: EdgeKind) {
        self.edge_kind = kind;
        let selected: Vec<String> = self
            .docs
            .current()
            .map(|e| e.canvas.selection.edges.iter().cloned().collect())
            .unwrap_or_default();
        let retype: Vec<Command> = selected
            .into_iter()
            .map(|id| Command::SetEdgeKind {
                id: EdgeId(id),
                kind,
            })
            .collect();
        self.apply_many(&retype);
    }
}
