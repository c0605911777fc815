//! The walkthrough of a reference in the app: opening it at its first
//! step, the bar under the canvas with its keys, and the autoplay clock.

use egui::Ui;

use super::{ArchdrillApp, Mode, Source};
use crate::ui::walkthrough_bar::walkthrough_bar_ui;
use crate::walkthrough::Player;

impl ArchdrillApp {
    /// The walkthrough bar under the canvas, its keys and its autoplay clock.
    pub(super) fn walkthrough_ui(&mut self, ui: &mut Ui) {
        let Some(entry) = self.docs.current_mut() else {
            return;
        };
        let Some(player) = entry.walkthrough.as_mut() else {
            return;
        };
        let total = entry.editor.doc().walkthrough.len();
        if player.playing {
            let dt = ui.input(|i| i.stable_dt).min(0.1);
            player.tick(dt, total);
            ui.ctx().request_repaint();
        }
        let close = egui::Panel::bottom("walkthrough")
            .show(ui, |ui| walkthrough_bar_ui(ui, entry.editor.doc(), player))
            .inner;
        if close {
            entry.walkthrough = None;
            entry.presenting = None;
        }
    }

    /// Shows a reference and starts its walkthrough from the first step.
    pub fn open_walkthrough(&mut self, reference_id: &str) {
        if let Some(i) = self
            .docs
            .list
            .iter()
            .position(|e| matches!(e.source, Source::Reference(id) if id == reference_id))
        {
            self.docs.index = i;
            self.mode = Mode::Diagrams;
            let entry = &mut self.docs.list[i];
            if !entry.editor.doc().walkthrough.is_empty() {
                entry.walkthrough = Some(Player::default());
            }
        }
    }

    /// The walkthrough step shown, if a walkthrough is open.
    #[must_use]
    pub fn walkthrough_step(&self) -> Option<usize> {
        self.docs.current()?.walkthrough.as_ref().map(|p| p.index)
    }
}
