//! The paste-Mermaid window: a flowchart pasted as text becomes a new
//! drawing; an error is shown with its line:column and the text is kept.

use egui::Ui;

use super::entry::{Entry, Source};
use super::{ArchdrillApp, keyboard};

/// The text field of the paste-Mermaid window.
const MERMAID_FIELD: &str = "paste-mermaid-text";

impl ArchdrillApp {
    /// The paste-Mermaid window: import pasted text as a new drawing; errors
    /// are shown with line:column and the text is kept.
    pub fn paste_mermaid_ui(&mut self, ui: &Ui) {
        let Some(paste) = &mut self.paste_mermaid else {
            return;
        };
        let mut import = false;
        let mut close = false;
        let field = egui::Id::unique(MERMAID_FIELD);
        if !paste.focused {
            let end = paste.text.chars().count();
            keyboard::focus_text_field(ui.ctx(), field, end..end);
        }
        egui::Window::new("Import Mermaid")
            .collapsible(false)
            .default_width(520.0)
            .show(ui.ctx(), |ui| {
                let caption = ui.label("Paste a Mermaid flowchart");
                ui.add(
                    egui::TextEdit::multiline(&mut paste.text)
                        .id(field)
                        .code_editor()
                        .desired_rows(12)
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(caption.id);
                if let Some(error) = &paste.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    import = ui.button("Import").clicked();
                    close = ui.button("Cancel").clicked();
                });
            });
        // A new window's first frame is a sizing pass that takes no focus:
        // ask again until the field has it.
        paste.focused |= ui.memory(|m| m.has_focus(field));
        if close {
            self.paste_mermaid = None;
        } else if import {
            match crate::mermaid::import_with_report(&paste.text, "pasted Mermaid") {
                Ok((diagram, report)) => {
                    self.errors.extend(report.message());
                    self.paste_mermaid = None;
                    self.untitled += 1;
                    self.docs
                        .open_first(Entry::new(Source::Untitled(self.untitled), diagram));
                    self.mode = super::Mode::Diagrams;
                }
                Err(e) => paste.error = Some(e.to_string()),
            }
        }
    }
}

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
