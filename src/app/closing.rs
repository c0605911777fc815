//! The window's title (the drawing's name with a dirty marker) and closing
//! the window with unsaved drawings: the prompt — Save and quit,
//! Discard and quit, Keep editing — and saving every drawing before
//! quitting (untitled ones through the save-as path field, one by one).

use egui::Ui;

use super::ArchdrillApp;
use super::entry::{Entry, Source};
use super::files::is_mermaid;

/// Where closing the window stands (one dialog, one state).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Closing {
    /// Not closing.
    #[default]
    Idle,
    /// The unsaved-changes prompt is showing; `error` says why the last
    /// "Save and quit" stopped.
    Asking {
        /// What could not be saved.
        error: Option<String>,
    },
    /// "Save and quit": the file window asks where to save drawing
    /// `index`, which has no file yet.
    Saving {
        /// The entry being saved.
        index: usize,
    },
    /// The user chose (everything saved, or discarded): the window may close
    /// and nothing is written back.
    Quitting,
}

impl Closing {
    /// The prompt, or the save-as step of "Save and quit", is showing.
    pub const fn is_asking(&self) -> bool {
        matches!(self, Self::Asking { .. } | Self::Saving { .. })
    }
}

impl ArchdrillApp {
    /// The window title: the current drawing's name with a dirty marker.
    pub(super) fn title_ui(&mut self, ui: &Ui) {
        if let Some(entry) = self.docs.current() {
            let dirty = if entry.is_dirty() { "● " } else { "" };
            let title = format!("{dirty}{} — archdrill", entry.title());
            if self.window_title != title {
                ui.ctx()
                    .send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
                self.window_title = title;
            }
        }
    }

    /// The window title, and the prompt when the window is closed with
    /// unsaved changes.
    pub(super) fn title_and_close_ui(&mut self, ui: &Ui) {
        self.title_ui(ui);
        let unsaved = self.docs.list.iter().any(Entry::is_dirty);
        if ui.input(|i| i.viewport().close_requested())
            && unsaved
            && self.closing != Closing::Quitting
        {
            ui.ctx()
                .send_viewport_cmd(egui::ViewportCommand::CancelClose);
            if self.closing == Closing::Idle {
                self.closing = Closing::Asking { error: None };
            }
        }
        if let Closing::Saving { index } = self.closing
            && self.file_window.is_none()
        {
            // The file window closed: saved, go on; cancelled or failed, ask again.
            match self.docs.list.get(index) {
                Some(entry) if entry.is_dirty() => {
                    self.closing = Closing::Asking {
                        error: Some(format!("{} is not saved yet.", entry.title())),
                    };
                }
                _ => self.save_and_quit(ui),
            }
        }
        if let Closing::Asking { error } = &self.closing {
            let error = error.clone();
            self.close_prompt_ui(ui, error.as_deref());
        }
    }

    fn close_prompt_ui(&mut self, ui: &Ui, error: Option<&str>) {
        let unsaved: Vec<String> = self
            .docs
            .list
            .iter()
            .filter(|e| e.is_dirty())
            .map(|e| {
                if needs_a_path(e) {
                    format!("{} (asks for a file name)", e.title())
                } else {
                    e.title()
                }
            })
            .collect();
        let mut choice = None;
        egui::Window::new("Unsaved changes")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.label(format!(
                    "These drawings have unsaved changes: {}.",
                    unsaved.join(", ")
                ));
                if let Some(error) = error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    for (label, hint, action) in [
                        (
                            "Save and quit",
                            "Save every drawing; new ones ask for a file name",
                            CloseChoice::Save,
                        ),
                        (
                            "Discard and quit",
                            "Close without saving; the changes are lost",
                            CloseChoice::Discard,
                        ),
                        ("Keep editing", "Esc", CloseChoice::Keep),
                    ] {
                        if ui.button(label).on_hover_text(hint).clicked() {
                            choice = Some(action);
                        }
                    }
                });
            });
        match choice {
            Some(CloseChoice::Save) => self.save_and_quit(ui),
            Some(CloseChoice::Discard) => {
                self.closing = Closing::Quitting;
                self.discard_recovery_copies();
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
            Some(CloseChoice::Keep) => self.keep_editing(),
            None => {}
        }
    }

    /// Saves every unsaved drawing that has a file, then asks where to save
    /// the first one that has none; quits once all are saved. A failed
    /// save keeps the window open with the error in the prompt.
    fn save_and_quit(&mut self, ui: &Ui) {
        let mut failed = Vec::new();
        for index in 0..self.docs.list.len() {
            let entry = &self.docs.list[index];
            if !entry.is_dirty() || needs_a_path(entry) {
                continue;
            }
            let Source::File(path) = &entry.source else {
                continue;
            };
            if let Err(e) = self.save_entry_to(index, path.clone()) {
                failed.push(e);
            }
        }
        if !failed.is_empty() {
            self.closing = Closing::Asking {
                error: Some(failed.join("\n")),
            };
            return;
        }
        if let Some(index) = self.docs.list.iter().position(Entry::is_dirty) {
            self.docs.index = index;
            self.mode = super::Mode::Diagrams;
            // Opens the save-as path field (a Mermaid file is saved beside
            // itself as .ron).
            self.save();
            if self.file_window.is_none() {
                self.closing = Closing::Asking {
                    error: Some(format!(
                        "{} cannot be saved.",
                        self.docs.list[index].title()
                    )),
                };
            } else {
                self.closing = Closing::Saving { index };
            }
            return;
        }
        self.closing = Closing::Quitting;
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }

    /// Back to work: the prompt closes, nothing is saved or discarded.
    pub(super) fn keep_editing(&mut self) {
        self.closing = Closing::Idle;
    }

    /// Whether the user chose to quit (everything saved, or discarded).
    #[must_use]
    pub fn is_quitting(&self) -> bool {
        self.closing == Closing::Quitting
    }
}

/// What the user picked in the prompt.
#[derive(Clone, Copy)]
enum CloseChoice {
    Save,
    Discard,
    Keep,
}

/// A drawing that Save cannot write in place: never saved, or opened from
/// a Mermaid file (which Save never overwrites).
fn needs_a_path(entry: &Entry) -> bool {
    match &entry.source {
        Source::Untitled(_) => true,
        Source::File(path) => is_mermaid(path),
        Source::Reference(_) => false,
    }
}
