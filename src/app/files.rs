//! New / Open / Save / Save As and the file window they share with Export
//! (a path field and a native Browse… dialog). Native dialogs (rfd) run
//! on a worker thread so the UI never blocks; a typed path always works as
//! a fallback when no dialog is available.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

use egui::{Key, Ui};

use super::entry::{Entry, Source};
use super::{ArchdrillApp, keyboard};
use crate::model::{Diagram, file};

/// What the file window is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileAction {
    /// Open a diagram.
    Open,
    /// Save the current diagram under a new name.
    SaveAs,
    /// Export the current diagram as SVG, PNG, Mermaid or RON.
    Export,
}

/// The file window: a path field plus a native Browse… dialog.
pub struct FileWindow {
    pub action: FileAction,
    pub path: String,
    browsing: Option<Receiver<Option<PathBuf>>>,
    /// The path field was given the keyboard (once, when the window opened).
    focused: bool,
    /// Export: what a picture gets besides the drawing.
    pub picture: super::export::PictureChoice,
    /// Why the last export from this window failed (it stays open).
    pub error: Option<String>,
}

impl FileWindow {
    pub fn new(action: FileAction, path: String) -> Self {
        Self {
            action,
            path,
            browsing: None,
            focused: false,
            picture: super::export::PictureChoice::default(),
            error: None,
        }
    }
}

/// The path field of the file window.
const PATH_FIELD: &str = "file-window-path";

impl ArchdrillApp {
    /// Starts a new, empty drawing.
    pub fn new_drawing(&mut self) {
        self.untitled += 1;
        let doc = Diagram {
            arrows: crate::model::ArrowStyle::Orthogonal,
            ..Diagram::default()
        };
        self.docs
            .open_first(Entry::new(Source::Untitled(self.untitled), doc));
        self.mode = super::Mode::Diagrams;
    }

    /// Saves the current document to its file, or asks for a path.
    pub fn save(&mut self) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        match &entry.source {
            // An opened Mermaid file is saved as a diagram beside it, never
            // overwritten with RON.
            Source::File(path) if is_mermaid(path) => {
                let suggestion = path.with_extension("ron").display().to_string();
                self.file_window = Some(FileWindow::new(FileAction::SaveAs, suggestion));
            }
            Source::File(path) => {
                let path = path.clone();
                self.save_to(path);
            }
            Source::Untitled(n) => {
                self.file_window = Some(FileWindow::new(
                    FileAction::SaveAs,
                    format!("untitled-{n}.ron"),
                ));
            }
            Source::Reference(_) => {}
        }
    }

    /// Saves the current document atomically to `path`; on failure the old
    /// file is untouched and the error shown.
    pub fn save_to(&mut self, path: PathBuf) {
        if let Err(e) = self.save_entry_to(self.docs.index, path) {
            self.errors.push(e);
        }
    }

    /// Saves entry `index` atomically to `path` (a reference as a new,
    /// editable copy); on failure the old file is untouched and the error
    /// returned.
    pub(super) fn save_entry_to(&mut self, index: usize, path: PathBuf) -> Result<(), String> {
        if is_mermaid(&path) {
            return Err(format!(
                "{}: Save writes archdrill diagrams (.ron); use Export… to write Mermaid",
                path.display()
            ));
        }
        let Some(entry) = self.docs.list.get(index) else {
            return Ok(());
        };
        file::save(entry.editor.doc(), &path).map_err(|e| e.to_string())?;
        self.remember_recent(&path);
        let Some(entry) = self.docs.list.get_mut(index) else {
            return Ok(());
        };
        if matches!(entry.source, Source::Reference(_)) {
            // A reference stays as it is; the saved copy opens, editable.
            let copy = entry.editor.doc().clone();
            self.docs.open_first(Entry::new(Source::File(path), copy));
        } else {
            entry.editor.mark_saved();
            entry.source = Source::File(path);
            // Saved: its recovery copy is no longer needed.
            self.drop_recovery_copy(index);
        }
        Ok(())
    }

    /// Opens a file (or selects it when already open).
    pub fn open_path(&mut self, path: &std::path::Path) {
        if let Some(i) = self.docs.position(&Source::File(path.to_owned())) {
            self.docs.index = i;
            self.mode = super::Mode::Diagrams;
            self.remember_recent(path);
            return;
        }
        match crate::io::open_with_note(path) {
            Ok((diagram, origin, note)) => {
                self.errors
                    .extend(note.map(|n| format!("{}: {n}", path.display())));
                let is_file = matches!(origin, crate::io::Origin::File(_));
                self.docs
                    .open_first(Entry::new(Source::from(origin), diagram));
                self.mode = super::Mode::Diagrams;
                if is_file {
                    self.remember_recent(path);
                }
            }
            Err(e) => self.errors.push(e.to_string()),
        }
    }

    /// Asks where to save the current document.
    pub fn save_as(&mut self) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        let suggestion = match &entry.source {
            Source::File(path) => path.display().to_string(),
            Source::Untitled(n) => format!("untitled-{n}.ron"),
            Source::Reference(id) => format!("{id}-copy.ron"),
        };
        self.file_window = Some(FileWindow::new(FileAction::SaveAs, suggestion));
    }

    /// The open/save window.
    pub fn file_window_ui(&mut self, ui: &Ui) {
        let Some(window) = &mut self.file_window else {
            return;
        };
        if let Some(rx) = &window.browsing
            && let Ok(picked) = rx.try_recv()
        {
            window.browsing = None;
            if let Some(path) = picked {
                window.path = path.display().to_string();
            }
        }
        let title = match window.action {
            FileAction::Open => "Open diagram",
            FileAction::SaveAs => "Save diagram as",
            FileAction::Export => "Export as .svg, .png, .mmd or .ron",
        };
        let field = egui::Id::unique(PATH_FIELD);
        if !window.focused {
            // Typing starts in the field: all of it to open, the file's
            // stem to save or export (folder and extension kept).
            let range = if window.action == FileAction::Open {
                0..window.path.chars().count()
            } else {
                keyboard::stem_range(&window.path)
            };
            keyboard::focus_text_field(ui.ctx(), field, range);
        }
        let mut outcome: Option<Option<PathBuf>> = None;
        egui::Window::new(title)
            .collapsible(false)
            .resizable(false)
            .show(ui.ctx(), |ui| {
                ui.horizontal(|ui| {
                    let label = ui.label("Path");
                    let response = ui
                        .add(
                            egui::TextEdit::singleline(&mut window.path)
                                .id(field)
                                .desired_width(360.0),
                        )
                        .labelled_by(label.id);
                    if response.lost_focus()
                        && ui.input(|i| i.key_pressed(Key::Enter))
                        && !window.path.trim().is_empty()
                    {
                        outcome = Some(Some(PathBuf::from(window.path.trim())));
                    }
                    let browsing = window.browsing.is_some();
                    if ui
                        .add_enabled(!browsing, egui::Button::new("Browse…"))
                        .clicked()
                    {
                        window.browsing = Some(browse(window.action, &window.path));
                    }
                });
                if window.action == FileAction::Export {
                    super::export::picture_choice_ui(ui, &mut window.picture);
                }
                if let Some(error) = &window.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
                ui.horizontal(|ui| {
                    let verb = if window.action == FileAction::Open {
                        "Open"
                    } else {
                        "Save"
                    };
                    if ui
                        .add_enabled(!window.path.trim().is_empty(), egui::Button::new(verb))
                        .clicked()
                    {
                        outcome = Some(Some(PathBuf::from(window.path.trim())));
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = Some(None);
                    }
                });
            });
        // A new window's first frame is a sizing pass that takes no focus:
        // ask again until the field has it.
        window.focused |= ui.memory(|m| m.has_focus(field));
        let action = window.action;
        let choice = window.picture.clone();
        match outcome {
            Some(Some(path)) => {
                let window = self.file_window.take();
                match action {
                    FileAction::Open => self.open_path(&path),
                    FileAction::SaveAs => self.save_to(path),
                    FileAction::Export => {
                        // Title and legend on or off stay so for the next export.
                        self.export_picture.titled = choice.titled;
                        self.export_picture.legend = choice.legend;
                        // A failed export keeps the window and what was
                        // typed in it, with the reason.
                        if let Err(e) = self.try_export(&path, &choice.picture()) {
                            self.file_window = window.map(|w| FileWindow {
                                error: Some(e),
                                ..w
                            });
                        }
                    }
                }
            }
            Some(None) => self.file_window = None,
            None => {}
        }
    }
}

/// True for `.mmd` / `.mermaid` paths.
pub(super) fn is_mermaid(path: &std::path::Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("mmd") || e.eq_ignore_ascii_case("mermaid"))
}

/// Runs the native dialog on a worker thread; the answer arrives on the
/// channel (`None` when cancelled or when no dialog is available).
fn browse(action: FileAction, current: &str) -> Receiver<Option<PathBuf>> {
    let (tx, rx) = channel();
    let start = PathBuf::from(current);
    std::thread::spawn(move || {
        let mut dialog = rfd::FileDialog::new().add_filter("archdrill diagram", &["ron"]);
        if let Some(dir) = start.parent().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        let picked = match action {
            FileAction::Open => dialog.pick_file(),
            FileAction::SaveAs | FileAction::Export => dialog
                .set_file_name(
                    start
                        .file_name()
                        .map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
                )
                .save_file(),
        };
        let _ignored = tx.send(picked);
    });
    rx
}
