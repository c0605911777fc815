//! The paste-Mermaid window: a flowchart pasted as text becomes a new
//! drawing, or is added beside what the drawing on the canvas holds; an
//! error is shown with its line:column and the text is kept.

use egui::Ui;

use super::entry::{Entry, Source};
use super::{ArchdrillApp, keyboard};

/// The text field of the paste-Mermaid window.
const MERMAID_FIELD: &str = "paste-mermaid-text";

/// Where the imported flowchart goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// A new untitled drawing.
    NewDrawing,
    /// Beside what the current (editable) drawing holds, as one undo step.
    ThisDrawing,
}

impl ArchdrillApp {
    /// The paste-Mermaid window: import pasted text as a new drawing or
    /// into the drawing on the canvas (a round's drawing, say); errors are
    /// shown with line:column and the text is kept. The text scrolls, so
    /// the buttons stay on screen however long the flowchart; Ctrl+Enter
    /// is the first button.
    pub fn paste_mermaid_ui(&mut self, ui: &Ui) {
        let into_current = self.docs.current().is_some_and(Entry::editable);
        let Some(paste) = &mut self.paste_mermaid else {
            return;
        };
        let mut import = None;
        let mut close = false;
        let field = egui::Id::unique(MERMAID_FIELD);
        if !paste.focused {
            let end = paste.text.chars().count();
            keyboard::focus_text_field(ui.ctx(), field, end..end);
        }
        let first = if into_current {
            Target::ThisDrawing
        } else {
            Target::NewDrawing
        };
        if ui.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, egui::Key::Enter)) {
            import = Some(first);
        }
        let text_height = (ui.ctx().content_rect().height() * 0.45).max(80.0);
        egui::Window::new("Import Mermaid")
            .collapsible(false)
            .default_width(520.0)
            .show(ui.ctx(), |ui| {
                let caption = ui.label("Paste a Mermaid flowchart");
                egui::ScrollArea::vertical()
                    .max_height(text_height)
                    .show(ui, |ui| {
                        ui.add(
                            egui::TextEdit::multiline(&mut paste.text)
                                .id(field)
                                .code_editor()
                                .desired_rows(12)
                                .desired_width(f32::INFINITY),
                        )
                        .labelled_by(caption.id);
                    });
                if let Some(error) = &paste.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    let shortcut = ui.ctx().format_shortcut(&egui::KeyboardShortcut::new(
                        egui::Modifiers::COMMAND,
                        egui::Key::Enter,
                    ));
                    if into_current
                        && ui
                            .button("Add to this drawing")
                            .on_hover_text(format!(
                                "Beside what the drawing holds, one undo step ({shortcut})"
                            ))
                            .clicked()
                    {
                        import = Some(Target::ThisDrawing);
                    }
                    let new_hint = if into_current {
                        "A new untitled drawing".to_owned()
                    } else {
                        format!("A new untitled drawing ({shortcut})")
                    };
                    if ui
                        .button("Import as a new drawing")
                        .on_hover_text(new_hint)
                        .clicked()
                    {
                        import = Some(Target::NewDrawing);
                    }
                    close = ui.button("Cancel").clicked();
                });
            });
        // A new window's first frame is a sizing pass that takes no focus:
        // ask again until the field has it.
        paste.focused |= ui.memory(|m| m.has_focus(field));
        if close {
            self.paste_mermaid = None;
            return;
        }
        let Some(target) = import else {
            return;
        };
        match crate::mermaid::import_with_report(&paste.text, "pasted Mermaid") {
            Ok((diagram, report)) => {
                self.errors.extend(report.message());
                self.paste_mermaid = None;
                self.mode = super::Mode::Diagrams;
                match target {
                    Target::NewDrawing => {
                        self.untitled += 1;
                        self.docs
                            .open_first(Entry::new(Source::Untitled(self.untitled), diagram));
                    }
                    Target::ThisDrawing => self.paste_beside(diagram),
                }
            }
            Err(e) => paste.error = Some(e.to_string()),
        }
    }

    /// Pastes `fragment` to the right of what the current drawing holds
    /// (where it is, when the drawing is empty), selected, one undo step.
    fn paste_beside(&mut self, fragment: crate::model::Diagram) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        let extent = |d: &crate::model::Diagram| {
            d.nodes
                .iter()
                .fold(None, |acc: Option<(f32, f32, f32)>, n| {
                    let size = n.size();
                    let (left, right, top) = (
                        n.pos.x - size.w / 2.0,
                        n.pos.x + size.w / 2.0,
                        n.pos.y - size.h / 2.0,
                    );
                    Some(acc.map_or((left, right, top), |(l, r, t)| {
                        (l.min(left), r.max(right), t.min(top))
                    }))
                })
        };
        let (dx, dy) = match (extent(entry.editor.doc()), extent(&fragment)) {
            (Some((_, right, top)), Some((left, _, their_top))) => {
                (right + GAP - left, top - their_top)
            }
            _ => (0.0, 0.0),
        };
        self.paste_at(fragment, dx, dy);
        if let Some(entry) = self.docs.current_mut() {
            entry.canvas.request_fit();
        }
    }
}

/// Room between a drawing and a flowchart added beside it, canvas units.
const GAP: f32 = 120.0;

/// The text and last error of the paste-Mermaid window.
#[derive(Default)]
pub struct PasteMermaid {
    pub text: String,
    pub error: Option<String>,
    /// The text field was given the keyboard (once, when the window opened).
    pub focused: bool,
}

impl PasteMermaid {
    /// The window holding `text` (pasted from the clipboard, say).
    pub const fn with_text(text: String) -> Self {
        Self {
            text,
            error: None,
            focused: false,
        }
    }
}
