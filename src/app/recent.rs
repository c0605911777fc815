//! The Recent menu: files opened or saved lately, most recent first, kept
//! in `<data>/recent.ron` (see `store::recent`).

use std::path::{Path, PathBuf};

use egui::Ui;

use super::ArchdrillApp;

impl ArchdrillApp {
    /// The recent files, most recent first.
    #[must_use]
    pub fn recent_files(&self) -> &[PathBuf] {
        self.persist.recent.paths()
    }

    /// Puts `path` first in the recent files and writes the list (nothing
    /// without a data dir).
    pub(super) fn remember_recent(&mut self, path: &Path) {
        if self.persist.data.is_none() {
            return;
        }
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
        if self.persist.recent.push(path) {
            self.write_recent();
        }
    }

    /// Writes the list; a broken `recent.ron` read at start is first moved
    /// aside, so nothing the user had is overwritten unseen.
    fn write_recent(&mut self) {
        let Some(data) = &self.persist.data else {
            return;
        };
        let path = data.recent_path();
        if self.persist.recent_broken {
            let aside = data.root().join("recent.ron.broken");
            if let Err(e) = std::fs::rename(&path, &aside)
                && e.kind() != std::io::ErrorKind::NotFound
            {
                self.errors.push(format!(
                    "{}: cannot move the broken list aside ({e}); recent files are not saved",
                    path.display()
                ));
                return;
            }
            self.persist.recent_broken = false;
        }
        if let Err(e) = self.persist.recent.save(&path) {
            self.errors.push(e.to_string());
        }
    }

    /// Opens a recent file; one that no longer exists is reported and
    /// dropped from the list.
    pub fn open_recent(&mut self, path: &Path) {
        if matches!(path.try_exists(), Ok(false)) {
            self.errors.push(format!(
                "{}: the file no longer exists; it was removed from Recent",
                path.display()
            ));
            if self.persist.recent.remove(path) {
                self.write_recent();
            }
            return;
        }
        self.open_path(path);
    }

    /// The Recent menu button (disabled without a data dir).
    pub(super) fn recent_menu_ui(&mut self, ui: &mut Ui) {
        let mut open = None;
        let enabled = self.persist.data.is_some();
        let response = ui
            .add_enabled_ui(enabled, |ui| {
                ui.menu_button("Recent", |ui| {
                    if self.persist.recent.paths().is_empty() {
                        ui.weak("No recent files");
                    }
                    for path in self.persist.recent.paths() {
                        let name = path.file_name().map_or_else(
                            || path.display().to_string(),
                            |n| n.to_string_lossy().into_owned(),
                        );
                        let folder = path
                            .parent()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        if ui
                            .button(format!("{name} — {folder}"))
                            .on_hover_text(path.display().to_string())
                            .clicked()
                        {
                            open = Some(path.clone());
                            ui.close();
                        }
                    }
                })
                .response
            })
            .inner;
        let hint = if enabled {
            "Files opened or saved lately"
        } else {
            "No data directory: recent files are not kept"
        };
        response.on_hover_text(hint);
        if let Some(path) = open {
            self.open_recent(&path);
        }
    }
}
