//! Never losing work: after a few seconds without edits every unsaved
//! drawing is copied to `<data>/recovery/`; a copy is deleted when its
//! drawing is saved, becomes clean again or is discarded on close. Copies
//! left by a crashed run are offered back in "Restore unsaved work?".
//! The files themselves are `store::recovery`'s; this is when and the UI.

use std::path::{Path, PathBuf};

use egui::{RichText, Ui};

use super::entry::{Backup, Entry, Source};
use super::{ArchdrillApp, Mode};
use crate::store::{
    self, DataDir, RecentFiles, Recovery, RecoveryOrigin, format_age, format_utc, unix_now_secs,
};

/// Seconds without an edit before a recovery copy is written.
pub const IDLE_SECS: f64 = 3.0;

/// The app's files outside the user's documents, and the restore window.
pub struct Persistence {
    /// The data dir; `None` when there is none (recovery and recent off).
    pub data: Option<DataDir>,
    /// The recent files list.
    pub recent: RecentFiles,
    /// `recent.ron` could not be read: it is kept as it is until the list
    /// is next written, and then moved aside to `recent.ron.broken`.
    pub recent_broken: bool,
    /// Copies from an earlier run not yet restored or discarded.
    offered: Vec<(PathBuf, Recovery)>,
    /// The restore window was put off to the next start.
    later: bool,
    /// Names this run's copies apart from any other run's.
    session: String,
    copies: u32,
    /// The last autosave failed (reported once until one succeeds).
    failing: bool,
}

impl Default for Persistence {
    fn default() -> Self {
        let millis = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis());
        Self {
            data: None,
            recent: RecentFiles::default(),
            recent_broken: false,
            offered: Vec::new(),
            later: false,
            session: format!("{millis}-{}", std::process::id()),
            copies: 0,
            failing: false,
        }
    }
}

impl Persistence {
    /// A fresh name for a recovery copy in this run.
    fn next_copy(&mut self, dir: &Path) -> PathBuf {
        self.copies += 1;
        dir.join(format!("{}-{}.ron", self.session, self.copies))
    }
}

impl ArchdrillApp {
    /// Keeps recovery copies, the recent files list and the settings under
    /// `dir` (the settings are applied now), and offers to restore copies a
    /// crashed run left there. With `None` (the
    /// platform has no data dir) the app works without them and says so.
    #[must_use]
    pub fn with_data_dir(mut self, dir: Option<PathBuf>) -> Self {
        let Some(root) = dir else {
            self.errors.push(
                "No data directory (set ARCHDRILL_DATA_DIR to choose one): unsaved work is not \
                 backed up and recent files are not kept."
                    .to_owned(),
            );
            return self;
        };
        let data = DataDir::new(root);
        if let Err(e) = data.create() {
            self.errors.push(format!(
                "{e}; unsaved work is not backed up and recent files are not kept."
            ));
            return self;
        }
        self.load_settings(&data);
        self.load_progress(&data);
        self.load_mock(&data);
        match RecentFiles::load(&data.recent_path()) {
            Ok(recent) => self.persist.recent = recent,
            Err(e) => {
                self.errors.push(format!(
                    "{e}. Recent files start empty; the file stays as it is until you open or \
                     save a file, then it is kept as recent.ron.broken."
                ));
                self.persist.recent_broken = true;
            }
        }
        match store::recovery::scan(&data.recovery_dir()) {
            Ok(found) => {
                for (path, read) in found {
                    match read {
                        Ok(recovery) => self.persist.offered.push((path, recovery)),
                        Err(e) => self.errors.push(format!(
                            "{e} (this recovery copy cannot be restored; it is left on disk)"
                        )),
                    }
                }
            }
            Err(e) => self.errors.push(e.to_string()),
        }
        self.persist.data = Some(data);
        // A file named on the command line counts as opened.
        let opened: Vec<PathBuf> = self
            .docs
            .list
            .iter()
            .filter_map(|e| match &e.source {
                Source::File(path) => Some(path.clone()),
                _ => None,
            })
            .collect();
        for path in opened {
            self.remember_recent(&path);
        }
        self
    }

    /// Paths of the recovery copies offered in the restore window.
    #[must_use]
    pub fn offered_recovery(&self) -> Vec<PathBuf> {
        self.persist
            .offered
            .iter()
            .map(|(path, _)| path.clone())
            .collect()
    }

    /// Once per frame, after the frame's edits: notices changes to unsaved
    /// drawings and writes a recovery copy of each once it has not changed
    /// for [`IDLE_SECS`]; deletes the copies of drawings that are clean.
    pub(super) fn autosave(&mut self, ui: &Ui) {
        // Once the user chose to discard on close, nothing is written back.
        if self.closing == super::closing::Closing::Quitting {
            return;
        }
        let Some(dir) = self.persist.data.as_ref().map(DataDir::recovery_dir) else {
            return;
        };
        let now = ui.input(|i| i.time);
        let mut wake_in: Option<f64> = None;
        for entry in self.docs.list.iter_mut().filter(|e| e.editable()) {
            if !entry.is_dirty() {
                if let Some(path) = entry.backup.path.take()
                    && let Err(e) = store::remove(&path)
                {
                    self.errors.push(e.to_string());
                }
                entry.backup = Backup::default();
                continue;
            }
            let state = entry.editor.state_id();
            if entry.backup.seen != Some(state) {
                entry.backup.seen = Some(state);
                entry.backup.changed_at = now;
                entry.backup.written = false;
            }
            if entry.backup.written {
                continue;
            }
            let due_in = entry.backup.changed_at + IDLE_SECS - now;
            if due_in > 0.0 {
                wake_in = Some(wake_in.map_or(due_in, |w| w.min(due_in)));
                continue;
            }
            let path = match &entry.backup.path {
                Some(path) => path.clone(),
                None => self.persist.next_copy(&dir),
            };
            match store::recovery::write(&path, &recovery_of(entry)) {
                Ok(()) => {
                    entry.backup.path = Some(path);
                    entry.backup.written = true;
                    self.persist.failing = false;
                }
                Err(e) => {
                    if !self.persist.failing {
                        self.errors
                            .push(format!("Cannot write a recovery copy: {e}"));
                        self.persist.failing = true;
                    }
                    // Try again after another idle period.
                    entry.backup.changed_at = now;
                    wake_in = Some(IDLE_SECS);
                }
            }
        }
        if let Some(secs) = wake_in {
            #[expect(clippy::cast_possible_truncation, reason = "a few seconds fit an f32")]
            ui.ctx().request_repaint_after_secs(secs as f32);
        }
    }

    /// Deletes the recovery copies of every unsaved drawing (the user chose
    /// to discard them on close).
    pub(super) fn discard_recovery_copies(&mut self) {
        for entry in &mut self.docs.list {
            if let Some(path) = entry.backup.path.take()
                && let Err(e) = store::remove(&path)
            {
                self.errors.push(e.to_string());
            }
            entry.backup = Backup::default();
        }
    }

    /// Forgets an entry's recovery copy once it is saved.
    pub(super) fn drop_recovery_copy(&mut self, index: usize) {
        let Some(entry) = self.docs.list.get_mut(index) else {
            return;
        };
        entry.restored = false;
        if let Some(path) = entry.backup.path.take()
            && let Err(e) = store::remove(&path)
        {
            self.errors.push(e.to_string());
        }
        entry.backup = Backup::default();
    }

    /// The "Restore unsaved work?" window, while copies from an earlier run
    /// are waiting.
    pub(super) fn restore_ui(&mut self, ui: &Ui) {
        if self.persist.offered.is_empty() || self.persist.later {
            return;
        }
        let now = unix_now_secs();
        let mut choice: Option<(Option<usize>, bool)> = None;
        egui::Window::new("Restore unsaved work?")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ui.ctx(), |ui| {
                ui.label(
                    "These drawings have unsaved changes from an earlier session (archdrill \
                     stopped before they were saved, or you chose Decide later):",
                );
                ui.add_space(4.0);
                egui::Grid::new("recovery copies")
                    .num_columns(4)
                    .spacing([16.0, 6.0])
                    .striped(true)
                    .show(ui, |ui| {
                        for (i, (_, copy)) in self.persist.offered.iter().enumerate() {
                            ui.label(RichText::new(&copy.title).strong());
                            match &copy.origin {
                                RecoveryOrigin::File(path) => ui.label(path.display().to_string()),
                                RecoveryOrigin::Untitled => ui.weak("never saved"),
                            };
                            ui.label(format!(
                                "{} ({})",
                                format_utc(copy.saved_at_unix_secs),
                                format_age(now.saturating_sub(copy.saved_at_unix_secs))
                            ));
                            ui.horizontal(|ui| {
                                if labelled_button(ui, "Restore", &copy.title) {
                                    choice = Some((Some(i), true));
                                }
                                if labelled_button(ui, "Discard", &copy.title) {
                                    choice = Some((Some(i), false));
                                }
                            });
                            ui.end_row();
                        }
                    });
                ui.add_space(4.0);
                ui.horizontal(|ui| {
                    if ui.button("Restore all").clicked() {
                        choice = Some((None, true));
                    }
                    if ui
                        .button("Discard all")
                        .on_hover_text("Deletes the copies; the work in them is lost")
                        .clicked()
                    {
                        choice = Some((None, false));
                    }
                    if ui
                        .button("Decide later")
                        .on_hover_text("Keep the copies; they are offered again at the next start")
                        .clicked()
                    {
                        self.persist.later = true;
                    }
                });
            });
        let Some((which, restore)) = choice else {
            return;
        };
        let picked: Vec<(PathBuf, Recovery)> = match which {
            Some(i) if i < self.persist.offered.len() => vec![self.persist.offered.remove(i)],
            Some(_) => Vec::new(),
            None => std::mem::take(&mut self.persist.offered),
        };
        for (path, copy) in picked {
            if restore {
                self.restore(path, copy, ui.input(|i| i.time));
            } else if let Err(e) = store::remove(&path) {
                self.errors.push(e.to_string());
            }
        }
    }

    /// Opens a recovery copy as an unsaved drawing bound to its original
    /// file; the copy stays on disk until the drawing is saved or discarded.
    fn restore(&mut self, path: PathBuf, copy: Recovery, now: f64) {
        let source = match copy.origin {
            RecoveryOrigin::File(file) => Source::File(file),
            RecoveryOrigin::Untitled => {
                self.untitled += 1;
                Source::Untitled(self.untitled)
            }
        };
        let mut entry = Entry::new(source, copy.diagram);
        entry.restored = true;
        entry.backup = Backup {
            path: Some(path),
            seen: Some(entry.editor.state_id()),
            changed_at: now,
            written: true,
        };
        self.docs.open_first(entry);
        self.mode = Mode::Diagrams;
    }
}

/// A button showing `verb` whose accessible name is "`verb` `title`", so
/// that screen readers (and tests) tell the rows apart.
fn labelled_button(ui: &mut Ui, verb: &str, title: &str) -> bool {
    let response = ui.button(verb);
    let name = format!("{verb} {title}");
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
    response.clicked()
}

/// The recovery copy of an entry as it is now.
fn recovery_of(entry: &Entry) -> Recovery {
    let origin = match &entry.source {
        // A path that is not UTF-8 cannot be written in RON; the drawing is
        // still kept, as an untitled one.
        Source::File(path) if path.to_str().is_some() => RecoveryOrigin::File(path.clone()),
        _ => RecoveryOrigin::Untitled,
    };
    Recovery::new(
        entry.title(),
        origin,
        unix_now_secs(),
        entry.editor.doc().clone(),
    )
}
