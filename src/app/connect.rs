//! Drawing an arrow without the mouse: with one box selected, A opens
//! "Arrow from …"; typing picks the target by its label (fuzzy, ↑ ↓ to
//! choose), Enter takes it, then 1–4 picks the kind (Enter keeps the
//! current one) and the arrow is drawn — one undo step. Esc leaves at any
//! point. Tab and Shift+Tab walk the selection through the boxes.

use egui::{Key, Modifiers, RichText, Ui};

use super::ArchdrillApp;
use super::command_palette::fuzzy_score;
use crate::edit::Command;
use crate::model::{EdgeKind, NodeId};

/// The arrow being drawn from the keyboard.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConnectPrompt {
    /// The source box.
    pub from: String,
    /// What is typed of the target's label.
    pub query: String,
    /// The highlighted candidate.
    pub selected: usize,
    /// The target, once chosen: waiting for the kind.
    pub target: Option<String>,
}

impl ArchdrillApp {
    /// Starts drawing an arrow from the one selected box (A).
    pub fn start_connect(&mut self) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        let nodes = &entry.canvas.selection.nodes;
        if !entry.editable() || nodes.len() != 1 {
            return;
        }
        if let Some(from) = nodes.first() {
            self.connect = Some(ConnectPrompt {
                from: from.clone(),
                ..ConnectPrompt::default()
            });
        }
    }

    /// Whether an arrow is being drawn from the keyboard.
    #[must_use]
    pub const fn connecting(&self) -> bool {
        self.connect.is_some()
    }

    /// Boxes matching `query` (by label), best first, the source left out.
    fn connect_candidates(&self, prompt: &ConnectPrompt) -> Vec<(String, String)> {
        let Some(entry) = self.docs.current() else {
            return Vec::new();
        };
        let mut scored: Vec<(i32, usize, String, String)> = entry
            .editor
            .doc()
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.id.as_str() != prompt.from)
            .filter_map(|(i, n)| {
                let label = n.label.replace('\n', " ");
                fuzzy_score(&prompt.query, &label).map(|s| (s, i, n.id.to_string(), label))
            })
            .collect();
        scored.sort_by_key(|(s, i, _, _)| (-s, *i));
        scored
            .into_iter()
            .map(|(_, _, id, label)| (id, label))
            .collect()
    }

    /// Tab / Shift+Tab: select the next / previous box (document order).
    pub(super) fn tab_through_nodes(&mut self, ui: &Ui) {
        // Shift+Tab first: egui ignores an extra Shift when matching.
        // Every press counts, even several in one frame.
        let (back, on) = ui.input_mut(|i| {
            (
                i.count_and_consume_key(Modifiers::SHIFT, Key::Tab),
                i.count_and_consume_key(Modifiers::NONE, Key::Tab),
            )
        });
        if back == on {
            return;
        }
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let nodes = &entry.editor.doc().nodes;
        if nodes.is_empty() {
            return;
        }
        let current = entry
            .canvas
            .selection
            .nodes
            .first()
            .and_then(|id| nodes.iter().position(|n| n.id.as_str() == id));
        let n = nodes.len();
        let forward = on > back;
        let presses = on.abs_diff(back);
        let index = match current {
            // From nothing, the first press lands on the first (or last) box.
            None if forward => (presses - 1) % n,
            None => n - 1 - (presses - 1) % n,
            Some(i) if forward => (i + presses) % n,
            Some(i) => (i + n - presses % n) % n,
        };
        let id = nodes[index].id.to_string();
        entry.canvas.selection.only_node(&id);
    }

    /// The "Arrow from …" window while drawing an arrow by keyboard.
    pub(super) fn connect_ui(&mut self, ui: &Ui) {
        let Some(prompt) = self.connect.clone() else {
            return;
        };
        let label_of = |id: &str| {
            self.docs
                .current()
                .and_then(|e| e.editor.doc().node(id))
                .map_or_else(|| id.to_owned(), |n| n.label.replace('\n', " "))
        };
        let from_label = label_of(&prompt.from);
        let candidates = self.connect_candidates(&prompt);
        let field = egui::Id::unique("connect-target-field");
        let (up, down, enter, escape) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if escape {
            self.connect = None;
            ui.ctx().memory_mut(|m| m.surrender_focus(field));
            return;
        }
        if let Some(target) = prompt.target.clone() {
            let to_label = label_of(&target);
            self.connect_kind_ui(ui, &prompt, (&target, &from_label, &to_label), enter);
            return;
        }
        if !ui.ctx().memory(|m| m.has_focus(field)) {
            ui.ctx().memory_mut(|m| m.request_focus(field));
        }
        let mut query = prompt.query.clone();
        let mut selected = prompt.selected;
        if down {
            selected = (selected + 1).min(candidates.len().saturating_sub(1));
        }
        if up {
            selected = selected.saturating_sub(1);
        }
        egui::Window::new("Draw an arrow")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ui.ctx(), |ui| {
                let caption = ui.label(format!("Arrow from {from_label} to…"));
                ui.add(
                    egui::TextEdit::singleline(&mut query)
                        .id(field)
                        .hint_text("type the target's name"),
                )
                .labelled_by(caption.id);
                for (n, (_, label)) in candidates.iter().enumerate().take(8) {
                    let text = RichText::new(label.as_str());
                    ui.label(if n == selected {
                        text.strong().underline()
                    } else {
                        text
                    });
                }
                if candidates.is_empty() {
                    ui.label(RichText::new("No box matches.").weak());
                }
            });
        if query != prompt.query {
            selected = 0;
        }
        let target = enter
            .then(|| candidates.get(selected).map(|(id, _)| id.clone()))
            .flatten();
        if target.is_some() {
            ui.ctx().memory_mut(|m| m.surrender_focus(field));
        }
        self.connect = Some(ConnectPrompt {
            query,
            selected,
            target,
            ..prompt
        });
    }

    /// The second step: 1–4 (or Enter for the current kind) draws the arrow.
    fn connect_kind_ui(
        &mut self,
        ui: &Ui,
        prompt: &ConnectPrompt,
        (target, from_label, to_label): (&str, &str, &str),
        enter: bool,
    ) {
        let digits = [Key::Num1, Key::Num2, Key::Num3, Key::Num4];
        let picked = ui.input_mut(|i| {
            digits
                .into_iter()
                .position(|k| i.consume_key(Modifiers::NONE, k))
        });
        let kind = picked
            .map(|n| EdgeKind::ALL[n])
            .or(enter.then_some(self.edge_kind));
        egui::Window::new("Arrow kind")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 80.0))
            .show(ui.ctx(), |ui| {
                ui.label(format!("{from_label} → {to_label}"));
                for (n, kind) in EdgeKind::ALL.into_iter().enumerate() {
                    let text = format!("{} {}", n + 1, kind.title());
                    let text = if kind == self.edge_kind {
                        RichText::new(text).strong()
                    } else {
                        RichText::new(text)
                    };
                    ui.label(text);
                }
                ui.label(RichText::new("1–4 picks, Enter keeps the bold one, Esc leaves").weak());
            });
        if let Some(kind) = kind {
            self.connect = None;
            self.edge_kind = kind;
            self.apply(&Command::Connect {
                from: NodeId::from(prompt.from.as_str()),
                to: NodeId::from(target),
                kind,
            });
        }
    }
}
