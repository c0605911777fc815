//! The settings tier in the app (`store::settings` holds the file): read
//! with the data dir and applied at start, gathered from the app every
//! frame, written a second after they last changed and on exit. A broken
//! file is reported and set aside; the app starts from the defaults.

use std::path::{Path, PathBuf};

use egui::{Context, Ui};

use super::{ArchdrillApp, Mode};
use crate::content::references::REFERENCES;
use crate::store::settings::{self, Theme, View, WindowSize};
use crate::store::{DataDir, Settings, StoreError};

/// Seconds settings must stay unchanged before they are written (a window
/// being resized changes them every frame).
pub const SETTLE_SECS: f64 = 1.0;

/// The settings file and what the app last wrote or read.
#[derive(Debug, Default)]
pub struct SettingsState {
    /// Where settings are written; `None`: not kept (no data dir, or a file
    /// this build must not overwrite).
    path: Option<PathBuf>,
    /// The settings as on disk.
    saved: Option<Settings>,
    /// The settings as of the last frame, and since when (egui time).
    seen: Option<(Settings, f64)>,
    /// A theme read from the file, for egui on the first frame.
    theme_pending: Option<Theme>,
    /// The window size read from the file (kept while egui reports none).
    window_size: Option<WindowSize>,
    /// The folder of the last export.
    pub export_folder: Option<PathBuf>,
    /// The last write failed (reported once until one succeeds).
    failing: bool,
}

impl ArchdrillApp {
    /// Reads `<data>/settings.ron` and applies it; problems become
    /// messages, never a crash.
    pub(super) fn load_settings(&mut self, data: &DataDir) {
        let path = data.settings_path();
        let loaded = match Settings::load(&path) {
            Ok(loaded) => loaded,
            Err(
                e @ (StoreError::NewerVersion { .. }
                | StoreError::Io { .. }
                | StoreError::Refused { .. }),
            ) => {
                self.errors.push(format!(
                    "{e}. Settings start from the defaults and are not saved this time."
                ));
                return;
            }
            Err(e) => {
                match settings::set_aside(&path) {
                    Ok(aside) => self.errors.push(format!(
                        "{e}. Settings start from the defaults; the file was kept as {}.",
                        aside.display()
                    )),
                    Err(move_error) => {
                        self.errors.push(format!(
                            "{e}. Settings start from the defaults and are not saved this \
                             time ({move_error})."
                        ));
                        return;
                    }
                }
                Settings::default()
            }
        };
        self.apply_settings(&loaded);
        self.settings.path = Some(path);
        self.settings.saved = Some(loaded);
    }

    fn apply_settings(&mut self, s: &Settings) {
        self.edit_prefs.snap = s.snap;
        self.edge_kind = s.arrow_kind;
        if let Some(reference) = REFERENCES.iter().find(|r| r.id == s.check_against) {
            self.against = reference.id;
        }
        // A file named on the command line is what the user came for.
        let opened_file = self
            .docs
            .current()
            .is_some_and(|e| matches!(e.source, super::entry::Source::File(_)));
        if !opened_file {
            self.mode = match s.view {
                View::Diagrams => Mode::Diagrams,
                View::Cards => Mode::Cards,
            };
        }
        self.side_panel = s.side_panel;
        self.settings.theme_pending = Some(s.theme);
        self.settings.window_size = s.window_size.filter(|w| w.is_sane());
        self.settings.export_folder.clone_from(&s.export_folder);
    }

    /// The settings as the app stands now.
    fn current_settings(&self, ctx: &Context) -> Settings {
        let theme = match ctx.options(|o| o.theme_preference) {
            egui::ThemePreference::System => Theme::System,
            egui::ThemePreference::Light => Theme::Light,
            egui::ThemePreference::Dark => Theme::Dark,
        };
        let window_size = ctx
            .input(|i| i.viewport().inner_rect)
            .map(|r| WindowSize {
                width: r.width().round(),
                height: r.height().round(),
            })
            .filter(|w| w.is_sane())
            .or(self.settings.window_size);
        Settings {
            theme,
            snap: self.edit_prefs.snap,
            arrow_kind: self.edge_kind,
            check_against: self.against.to_owned(),
            export_folder: self.settings.export_folder.clone(),
            window_size,
            view: match self.mode {
                Mode::Diagrams | Mode::Practice => View::Diagrams,
                Mode::Cards => View::Cards,
            },
            side_panel: self.side_panel,
            ..Settings::default()
        }
    }

    /// Once per frame: applies a theme read at start, notices changes and
    /// writes the settings once they have settled for [`SETTLE_SECS`].
    pub(super) fn keep_settings(&mut self, ui: &Ui) {
        if self.settings.path.is_none() {
            return;
        }
        let ctx = ui.ctx();
        if let Some(theme) = self.settings.theme_pending.take() {
            ctx.set_theme(match theme {
                Theme::System => egui::ThemePreference::System,
                Theme::Light => egui::ThemePreference::Light,
                Theme::Dark => egui::ThemePreference::Dark,
            });
        }
        let now = ui.input(|i| i.time);
        let current = self.current_settings(ctx);
        if let Some(size) = current.window_size {
            self.settings.window_size = Some(size);
        }
        if self
            .settings
            .seen
            .as_ref()
            .is_none_or(|(s, _)| *s != current)
        {
            self.settings.seen = Some((current, now));
        }
        let Some((current, since)) = &self.settings.seen else {
            return;
        };
        if self.settings.saved.as_ref() == Some(current) {
            return;
        }
        let due_in = since + SETTLE_SECS - now;
        if due_in > 0.0 {
            #[expect(clippy::cast_possible_truncation, reason = "a second fits an f32")]
            ctx.request_repaint_after_secs(due_in as f32);
            return;
        }
        self.write_settings();
        if self.settings.failing {
            #[expect(clippy::cast_possible_truncation, reason = "a second fits an f32")]
            ctx.request_repaint_after_secs(SETTLE_SECS as f32);
        }
    }

    /// Writes the settings as last seen if they differ from the file (on
    /// exit, and once changes have settled).
    pub fn save_settings(&mut self) {
        let differs = self
            .settings
            .seen
            .as_ref()
            .is_some_and(|(s, _)| self.settings.saved.as_ref() != Some(s));
        if differs {
            self.write_settings();
        }
    }

    fn write_settings(&mut self) {
        let (Some(path), Some((current, _))) = (&self.settings.path, &self.settings.seen) else {
            return;
        };
        match current.save(path) {
            Ok(()) => {
                self.settings.saved = Some(current.clone());
                self.settings.failing = false;
            }
            Err(e) => {
                if !self.settings.failing {
                    self.errors.push(format!("Cannot save the settings: {e}"));
                    self.settings.failing = true;
                }
                // Try again after they settle once more.
                if let Some((_, since)) = &mut self.settings.seen {
                    *since += SETTLE_SECS;
                }
            }
        }
    }

    /// The window size kept from the last run, if any.
    #[must_use]
    pub fn restored_window_size(&self) -> Option<[f32; 2]> {
        self.settings
            .window_size
            .map(|size| [size.width, size.height])
    }

    /// Remembers the folder of a successful export.
    pub(super) fn remember_export_folder(&mut self, exported: &Path) {
        let path = std::path::absolute(exported).unwrap_or_else(|_| exported.to_owned());
        if let Some(folder) = path.parent().filter(|p| p.to_str().is_some()) {
            self.settings.export_folder = Some(folder.to_owned());
        }
    }
}
