//! Read-only views of the app's state: where things are on screen, what is
//! selected and chosen, which view shows (for the UI tests, and for the
//! parts of the window that only report).

use super::{ArchdrillApp, Entry, Mode};
use crate::model::EdgeKind;

impl ArchdrillApp {
    /// Where the current canvas is on screen (last frame).
    #[must_use]
    pub fn canvas_screen_rect(&self) -> Option<egui::Rect> {
        Some(self.docs.current()?.canvas.screen_rect)
    }

    /// A node's rectangle on screen in the current diagram (last frame).
    #[must_use]
    pub fn node_screen_rect(&self, id: &str) -> Option<egui::Rect> {
        let entry = self.docs.current()?;
        entry.canvas.node_screen_rect(entry.editor.doc(), id)
    }

    /// What is selected on the current canvas.
    #[must_use]
    pub fn selection(&self) -> Option<&crate::ui::interact::Selection> {
        self.docs.current().map(|e| &e.canvas.selection)
    }

    /// Whether moved and new boxes snap to the grid.
    #[must_use]
    pub const fn snapping(&self) -> bool {
        self.edit_prefs.snap
    }

    /// The kind of arrows drawn from now on.
    #[must_use]
    pub const fn arrow_kind(&self) -> EdgeKind {
        self.edge_kind
    }

    /// The reference id the Check button compares with.
    #[must_use]
    pub const fn check_against(&self) -> &'static str {
        self.against
    }

    /// Whether the current document has unsaved changes.
    #[must_use]
    pub fn is_dirty(&self) -> bool {
        self.docs.current().is_some_and(Entry::is_dirty)
    }

    /// Which view is showing.
    #[must_use]
    pub const fn mode(&self) -> Mode {
        self.mode
    }
}
