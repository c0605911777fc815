//! Export: the current drawing as SVG, PNG, Mermaid or RON through the
//! file window (with a title and a legend for pictures), and Copy as
//! Mermaid.

use std::path::PathBuf;

use egui::Ui;

use super::ArchdrillApp;
use super::entry::Source;
use super::files::{FileAction, FileWindow};
use crate::model::file;

/// The Export window's picture options.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PictureChoice {
    /// Put a title above the picture.
    pub titled: bool,
    /// The title's text (the drawing's title to start with).
    pub title: String,
    /// Put a legend of the kinds used below the picture.
    pub legend: bool,
}

impl PictureChoice {
    /// What to add to a picture.
    #[must_use]
    pub fn picture(&self) -> crate::scene::Picture {
        crate::scene::Picture {
            title: (self.titled && !self.title.trim().is_empty()).then(|| self.title.clone()),
            legend: self.legend,
        }
    }
}

impl ArchdrillApp {
    /// Writes the current diagram to `path` in the format its extension
    /// names (PNG at 2× scale); nothing is written on failure.
    pub fn export_to(&mut self, path: &std::path::Path) {
        self.export_picture_to(path, &crate::scene::Picture::default());
    }

    /// [`Self::export_to`] with a title and legend for pictures (ignored
    /// for Mermaid and RON, which carry neither).
    pub fn export_picture_to(&mut self, path: &std::path::Path, picture: &crate::scene::Picture) {
        if let Err(e) = self.try_export(path, picture) {
            self.errors.push(e);
        }
    }

    /// [`Self::export_picture_to`], the failure returned as a sentence.
    pub(super) fn try_export(
        &mut self,
        path: &std::path::Path,
        picture: &crate::scene::Picture,
    ) -> Result<(), String> {
        use crate::export::{Format, render_with};
        let Some(entry) = self.docs.current() else {
            return Ok(());
        };
        let Some(format) = Format::from_path(path) else {
            return Err(format!(
                "{}: export needs a .svg, .png, .mmd or .ron name",
                path.display()
            ));
        };
        let picture = match format {
            Format::Svg | Format::Png => picture.clone(),
            Format::Mermaid | Format::Ron => crate::scene::Picture::default(),
        };
        let result = render_with(entry.editor.doc(), format, 2.0, &picture)
            .map_err(|e| e.to_string())
            .and_then(|bytes| file::write_atomically(path, &bytes).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                self.remember_export_folder(path);
                Ok(())
            }
            Err(e) => Err(format!("{}: cannot export: {e}", path.display())),
        }
    }

    /// Asks where to export the current diagram.
    pub fn export_dialog(&mut self) {
        let Some(entry) = self.docs.current() else {
            return;
        };
        let suggestion = match &entry.source {
            Source::File(path) => path.with_extension("svg"),
            Source::Untitled(n) => PathBuf::from(format!("untitled-{n}.svg")),
            Source::Reference(id) => PathBuf::from(format!("{id}.svg")),
        };
        // Into the folder of the last export, when there was one.
        let suggestion = match (&self.settings.export_folder, suggestion.file_name()) {
            (Some(folder), Some(name)) => folder.join(name),
            _ => suggestion,
        };
        let mut window = FileWindow::new(FileAction::Export, suggestion.display().to_string());
        window.picture.title.clone_from(&entry.editor.doc().title);
        window.picture = PictureChoice {
            titled: self.export_picture.titled,
            legend: self.export_picture.legend,
            ..window.picture
        };
        self.file_window = Some(window);
    }

    /// Puts the current diagram on the clipboard as a Mermaid flowchart.
    pub fn copy_as_mermaid(&self, ui: &Ui) {
        if let Some(entry) = self.docs.current() {
            ui.ctx()
                .copy_text(crate::mermaid::export(entry.editor.doc()));
        }
    }
}

/// The Export window's picture options: a title (with its text) and a
/// legend, for `.svg` and `.png`.
pub(super) fn picture_choice_ui(ui: &mut Ui, choice: &mut PictureChoice) {
    ui.horizontal(|ui| {
        ui.checkbox(&mut choice.titled, "Title")
            .on_hover_text("A title above the picture (.svg, .png)");
        let caption = ui.label("Picture title");
        let _ = ui
            .add_enabled(
                choice.titled,
                egui::TextEdit::singleline(&mut choice.title)
                    .id(egui::Id::unique("export-title-field"))
                    .desired_width(260.0),
            )
            .labelled_by(caption.id);
    });
    ui.checkbox(&mut choice.legend, "Legend of the kinds used")
        .on_hover_text("A legend of the box and arrow kinds used, below the picture (.svg, .png)");
}
