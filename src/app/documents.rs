//! The open drawings — the references, the user's files and new drawings —
//! and which one is on the canvas.

use super::entry::{Entry, Source};

/// Every open drawing, and the index of the one shown.
#[derive(Default)]
pub struct Documents {
    /// The drawings, in the order the side panel lists them.
    pub list: Vec<Entry>,
    /// Index in `list` of the drawing on the canvas.
    pub index: usize,
}

impl Documents {
    /// The drawing on the canvas.
    pub fn current(&self) -> Option<&Entry> {
        self.list.get(self.index)
    }

    /// The drawing on the canvas, to change.
    pub fn current_mut(&mut self) -> Option<&mut Entry> {
        self.list.get_mut(self.index)
    }

    /// Where the drawing from `source` is, when it is open.
    pub fn position(&self, source: &Source) -> Option<usize> {
        self.list.iter().position(|e| &e.source == source)
    }

    /// Puts `entry` first in the list and shows it.
    pub fn open_first(&mut self, entry: Entry) {
        self.list.insert(0, entry);
        self.index = 0;
    }
}
