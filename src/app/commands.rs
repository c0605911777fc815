//! One table of the app's commands (after rerun's `UICommand`): each has an
//! id, a label, a tooltip, a shortcut (`COMMAND` is Ctrl, or ⌘ on macOS,
//! and egui writes it the platform's way) and an enabled-when. The table
//! drives the chord keys (`global_keys`, and the editing chords read in
//! `editing.rs`), the menus' shortcut texts, the toolbar and side-panel
//! tooltips, the F1 window and the command palette.

use egui::{Context, Key, KeyboardShortcut, Modifiers, Ui};

use super::ArchdrillApp;
use super::files::{FileAction, FileWindow};
use super::paste_mermaid::PasteMermaid;

/// Every command the user can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// A blank drawing.
    NewDrawing,
    /// Open a file.
    Open,
    /// Save the drawing.
    Save,
    /// Save under a new name.
    SaveAs,
    /// Export as SVG, PNG, Mermaid or RON.
    Export,
    /// Import Mermaid text.
    PasteMermaid,
    /// Undo.
    Undo,
    /// Redo.
    Redo,
    /// Select every box and arrow.
    SelectAll,
    /// Copy the selected boxes.
    Copy,
    /// Cut them.
    Cut,
    /// Paste.
    Paste,
    /// Duplicate the selection.
    Duplicate,
    /// Group into a boundary.
    Group,
    /// Dissolve a boundary.
    Ungroup,
    /// Delete the selection.
    Delete,
    /// Draw an arrow from the selected box by keyboard.
    Connect,
    /// Put the keyboard in the Quick add field.
    QuickAdd,
    /// Snap to the grid on or off.
    ToggleSnap,
    /// Lay the drawing out.
    Tidy,
    /// Fit the drawing in view.
    Fit,
    /// Show or hide the side panel.
    SidePanel,
    /// Check against the chosen reference.
    Check,
    /// Open or close the simulation.
    Simulate,
    /// Open or close the Narration window.
    Narration,
    /// Start the walkthrough.
    Walkthrough,
    /// The Diagrams mode.
    ShowDiagrams,
    /// The Q&A cards.
    ShowCards,
    /// The Practice mode.
    ShowPractice,
    /// Start a mock panel.
    MockPanel,
    /// The shortcuts window.
    Shortcuts,
    /// The command palette.
    Palette,
}

impl UiCommand {
    /// Every command, in the order the palette and F1 list them.
    pub const ALL: [Self; 32] = [
        Self::NewDrawing,
        Self::Open,
        Self::Save,
        Self::SaveAs,
        Self::Export,
        Self::PasteMermaid,
        Self::Undo,
        Self::Redo,
        Self::SelectAll,
        Self::Copy,
        Self::Cut,
        Self::Paste,
        Self::Duplicate,
        Self::Group,
        Self::Ungroup,
        Self::Delete,
        Self::Connect,
        Self::QuickAdd,
        Self::ToggleSnap,
        Self::Tidy,
        Self::Fit,
        Self::SidePanel,
        Self::Check,
        Self::Simulate,
        Self::Narration,
        Self::Walkthrough,
        Self::ShowDiagrams,
        Self::ShowCards,
        Self::ShowPractice,
        Self::MockPanel,
        Self::Shortcuts,
        Self::Palette,
    ];

    /// A stable id ("file.save").
    #[must_use]
    pub const fn id(self) -> &'static str {
        self.info().0
    }

    /// What menus and the palette call it.
    #[must_use]
    pub const fn label(self) -> &'static str {
        self.info().1
    }

    /// What it does, one line.
    #[must_use]
    pub const fn tooltip(self) -> &'static str {
        self.info().2
    }

    #[expect(
        clippy::too_many_lines,
        reason = "one arm per command: this is the table"
    )]
    const fn info(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Self::NewDrawing => ("file.new", "New drawing", "Start a blank drawing"),
            Self::Open => (
                "file.open",
                "Open…",
                "Open a .ron drawing or a Mermaid .mmd file",
            ),
            Self::Save => ("file.save", "Save", "Save the drawing"),
            Self::SaveAs => (
                "file.save_as",
                "Save as…",
                "Save under a new name; a reference is saved as an editable copy",
            ),
            Self::Export => (
                "file.export",
                "Export…",
                "SVG, PNG, Mermaid or RON, by the file name's extension",
            ),
            Self::PasteMermaid => (
                "file.paste_mermaid",
                "Paste Mermaid…",
                "Import a flowchart as a new drawing (Open… reads .mmd files too)",
            ),
            Self::Undo => ("edit.undo", "Undo", "Undo the last change"),
            Self::Redo => ("edit.redo", "Redo", "Redo the last undone change"),
            Self::SelectAll => (
                "edit.select_all",
                "Select all",
                "Select every box and arrow",
            ),
            Self::Copy => (
                "edit.copy",
                "Copy",
                "Copy the selected boxes and the arrows between them",
            ),
            Self::Cut => (
                "edit.cut",
                "Cut",
                "Copy the selected boxes, then delete them",
            ),
            Self::Paste => (
                "edit.paste",
                "Paste",
                "Paste copied boxes (or archdrill text)",
            ),
            Self::Duplicate => (
                "edit.duplicate",
                "Duplicate",
                "Paste a copy of the selection beside it",
            ),
            Self::Group => (
                "edit.group",
                "Group into a boundary",
                "Draw a boundary around the selected boxes",
            ),
            Self::Ungroup => (
                "edit.ungroup",
                "Ungroup",
                "Dissolve the boundary, keep its boxes",
            ),
            Self::Delete => ("edit.delete", "Delete", "Delete the selection"),
            Self::Connect => (
                "edit.connect",
                "Draw an arrow…",
                "From the selected box: type the target's name, Enter, then 1–4 for the kind",
            ),
            Self::QuickAdd => (
                "edit.quick_add",
                "Quick add boxes",
                "Type a label, Enter adds the box (its kind inferred) and waits for the next; Esc leaves",
            ),
            Self::ToggleSnap => (
                "edit.snap",
                "Snap to grid",
                "Snap moved and new boxes to the grid",
            ),
            Self::Tidy => (
                "edit.tidy",
                "Tidy",
                "Lay the drawing out in reading order (undoable)",
            ),
            Self::Fit => ("view.fit", "Zoom to fit", "Fit the whole drawing in view"),
            Self::SidePanel => (
                "view.side_panel",
                "Side panel",
                "Show or hide the drawings, file buttons and legend on the left (more room for the canvas)",
            ),
            Self::Check => (
                "check.run",
                "Check",
                "Compare this diagram with the chosen reference",
            ),
            Self::Simulate => (
                "check.simulate",
                "Simulate",
                "What breaks first as traffic grows, and while a box is down",
            ),
            Self::Narration => (
                "check.narration",
                "Narration",
                "Write the steps you say when you present this drawing, and rehearse presenting it",
            ),
            Self::Walkthrough => (
                "view.walkthrough",
                "Start walkthrough",
                "Step through the drawing's narrated walkthrough",
            ),
            Self::ShowDiagrams => ("mode.diagrams", "Diagrams", "The canvas and the references"),
            Self::ShowCards => (
                "mode.cards",
                "Q&A cards",
                "Browse and rehearse the interview cards",
            ),
            Self::ShowPractice => (
                "mode.practice",
                "Practice",
                "Due today, whiteboard rounds, stats",
            ),
            Self::MockPanel => (
                "practice.mock",
                "Mock panel",
                "A whiteboard round, then four cards from different sections, then a summary",
            ),
            Self::Shortcuts => ("help.shortcuts", "Shortcuts", "Every key and gesture"),
            Self::Palette => (
                "help.palette",
                "Command palette",
                "Find a command, a reference or a recent file",
            ),
        }
    }

    /// Its keyboard shortcut, if it has one.
    #[must_use]
    pub const fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = Modifiers::COMMAND;
        let shift_cmd = Modifiers::COMMAND.plus(Modifiers::SHIFT);
        match self {
            Self::NewDrawing => Some(KeyboardShortcut::new(cmd, Key::N)),
            Self::Open => Some(KeyboardShortcut::new(cmd, Key::O)),
            Self::Save => Some(KeyboardShortcut::new(cmd, Key::S)),
            Self::SaveAs => Some(KeyboardShortcut::new(shift_cmd, Key::S)),
            Self::Undo => Some(KeyboardShortcut::new(cmd, Key::Z)),
            Self::Redo => Some(KeyboardShortcut::new(shift_cmd, Key::Z)),
            Self::SelectAll => Some(KeyboardShortcut::new(cmd, Key::A)),
            Self::Copy => Some(KeyboardShortcut::new(cmd, Key::C)),
            Self::Cut => Some(KeyboardShortcut::new(cmd, Key::X)),
            Self::Paste => Some(KeyboardShortcut::new(cmd, Key::V)),
            Self::Duplicate => Some(KeyboardShortcut::new(cmd, Key::D)),
            Self::Group => Some(KeyboardShortcut::new(cmd, Key::G)),
            Self::Ungroup => Some(KeyboardShortcut::new(shift_cmd, Key::G)),
            Self::Delete => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Delete)),
            Self::ToggleSnap => Some(KeyboardShortcut::new(cmd, Key::Quote)),
            Self::Fit => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F)),
            Self::SidePanel => Some(KeyboardShortcut::new(cmd, Key::B)),
            Self::Connect => Some(KeyboardShortcut::new(Modifiers::NONE, Key::A)),
            Self::QuickAdd => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Q)),
            Self::Check => Some(KeyboardShortcut::new(cmd, Key::K)),
            Self::Walkthrough => Some(KeyboardShortcut::new(Modifiers::NONE, Key::W)),
            Self::Shortcuts => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F1)),
            Self::Palette => Some(KeyboardShortcut::new(shift_cmd, Key::P)),
            Self::Export
            | Self::PasteMermaid
            | Self::Tidy
            | Self::Simulate
            | Self::Narration
            | Self::ShowDiagrams
            | Self::ShowCards
            | Self::ShowPractice
            | Self::MockPanel => None,
        }
    }

    /// The shortcut as this platform writes it ("Ctrl+S", "⌘S"), or "".
    #[must_use]
    pub fn shortcut_text(self, ctx: &Context) -> String {
        self.shortcut()
            .map(|s| {
                // egui names the key "Quote"; people read the character.
                let text = ctx.format_shortcut(&s);
                match text.strip_suffix("Quote") {
                    Some(chord) if s.logical_key == Key::Quote => format!("{chord}'"),
                    _ => text,
                }
            })
            .unwrap_or_default()
    }

    /// The tooltip with the shortcut: "Save the drawing (Ctrl+S)".
    #[must_use]
    pub fn hint(self, ctx: &Context) -> String {
        match self.shortcut_text(ctx) {
            keys if keys.is_empty() => self.tooltip().to_owned(),
            keys => format!("{} ({keys})", self.tooltip()),
        }
    }

    /// Chords read once per frame, wherever the keyboard is (text fields
    /// do not use them): files, check, the palette, F1.
    const fn global(self) -> bool {
        matches!(
            self,
            Self::NewDrawing
                | Self::Open
                | Self::Save
                | Self::SaveAs
                | Self::Check
                | Self::Palette
                | Self::SidePanel
        )
    }
}

/// Whether `command`'s shortcut was pressed this frame (consumed).
pub fn pressed(i: &mut egui::InputState, command: UiCommand) -> bool {
    command.shortcut().is_some_and(|s| i.consume_shortcut(&s))
}

/// Presses of `command`'s shortcut this frame (consumed).
pub fn presses(i: &mut egui::InputState, command: UiCommand) -> usize {
    command
        .shortcut()
        .map_or(0, |s| i.count_and_consume_key(s.modifiers, s.logical_key))
}

impl ArchdrillApp {
    /// Whether `command` can run now.
    #[must_use]
    pub fn command_enabled(&self, command: UiCommand) -> bool {
        use UiCommand as C;
        let entry = self.docs.current();
        let editable = entry.is_some_and(super::Entry::editable);
        let selection = entry.map(|e| &e.canvas.selection);
        let has_nodes = selection.is_some_and(|s| !s.nodes.is_empty());
        let diagrams = self.mode == super::Mode::Diagrams;
        match command {
            C::Save | C::Tidy | C::ToggleSnap | C::Narration => editable,
            C::Undo => editable && entry.is_some_and(|e| e.editor.can_undo()),
            C::Redo => editable && entry.is_some_and(|e| e.editor.can_redo()),
            C::Copy | C::Duplicate | C::Group => diagrams && has_nodes,
            C::Cut => editable && has_nodes,
            C::Delete => editable && selection.is_some_and(|s| !s.is_empty()),
            C::Connect => editable && selection.is_some_and(|s| s.nodes.len() == 1),
            C::QuickAdd => editable && diagrams,
            C::Ungroup => editable && selection.is_some_and(|s| !s.boundaries.is_empty()),
            C::Paste => editable && self.edit_prefs.clipboard.is_some(),
            C::Walkthrough => entry.is_some_and(|e| !e.editor.doc().walkthrough.is_empty()),
            C::SelectAll | C::Fit | C::Check | C::Simulate => entry.is_some(),
            C::NewDrawing
            | C::Open
            | C::SaveAs
            | C::Export
            | C::PasteMermaid
            | C::ShowDiagrams
            | C::ShowCards
            | C::ShowPractice
            | C::MockPanel
            | C::Shortcuts
            | C::SidePanel
            | C::Palette => true,
        }
    }

    /// Carries `command` out (nothing when it is not enabled).
    pub fn run_command(&mut self, ui: &Ui, command: UiCommand) {
        use UiCommand as C;
        if !self.command_enabled(command) {
            return;
        }
        let diagrams = |app: &mut Self| app.mode = super::Mode::Diagrams;
        match command {
            C::NewDrawing => self.new_drawing(),
            C::Open => self.file_window = Some(FileWindow::new(FileAction::Open, String::new())),
            C::Save => self.save(),
            C::SaveAs => self.save_as(),
            C::Export => self.export_dialog(),
            C::PasteMermaid => self.paste_mermaid = Some(PasteMermaid::default()),
            C::Undo => self.undo(),
            C::Redo => self.redo(),
            C::SelectAll => {
                if let Some(entry) = self.docs.current_mut() {
                    entry.canvas.selection.select_all(entry.editor.doc());
                }
            }
            C::Copy => self.copy_selection(ui),
            C::Cut => self.cut_selection(ui),
            C::Paste => self.paste_clipboard(),
            C::Duplicate => self.duplicate_selection(),
            C::Group => self.group_selection(),
            C::Ungroup => self.ungroup_selection(),
            C::Delete => self.delete_selection(),
            C::Connect => self.start_connect(),
            C::QuickAdd => super::palette::focus_quick_add(ui.ctx(), &self.quick_add),
            C::Tidy => self.tidy(),
            C::ToggleSnap => self.edit_prefs.snap = !self.edit_prefs.snap,
            C::SidePanel => self.side_panel = !self.side_panel,
            C::Fit => {
                if let Some(entry) = self.docs.current_mut() {
                    entry.canvas.request_fit();
                }
            }
            C::Check => {
                diagrams(self);
                self.run_check();
            }
            C::Simulate => {
                diagrams(self);
                self.toggle_simulation();
            }
            C::Narration => {
                diagrams(self);
                self.toggle_narration();
            }
            C::Walkthrough => {
                diagrams(self);
                if let Some(entry) = self.docs.current_mut() {
                    entry.walkthrough = Some(crate::walkthrough::Player::default());
                }
            }
            C::ShowDiagrams => diagrams(self),
            C::ShowCards => self.mode = super::Mode::Cards,
            C::ShowPractice => self.mode = super::Mode::Practice,
            C::MockPanel => self.start_mock(),
            C::Shortcuts => self.help_open = !self.help_open,
            C::Palette => self.open_palette(),
        }
    }

    /// The chords that work in every mode (files, check, palette) and F1,
    /// from the table; read at the start of the frame.
    pub(super) fn global_keys(&mut self, ui: &Ui) {
        // The open palette takes the keyboard (its own Enter, arrows, Esc).
        let chords_free = self.command_palette.is_none();
        let mut chosen = Vec::new();
        ui.input_mut(|i| {
            // Shift chords first: egui ignores an extra Shift when matching.
            let mut order: Vec<UiCommand> = UiCommand::ALL
                .into_iter()
                .filter(|c| c.global() || *c == UiCommand::Shortcuts)
                .collect();
            order.sort_by_key(|c| !c.shortcut().is_some_and(|s| s.modifiers.shift));
            for command in order {
                if (chords_free || command == UiCommand::Shortcuts) && pressed(i, command) {
                    chosen.push(command);
                }
            }
            // Ctrl+P opens the palette too.
            if chords_free && i.consume_key(Modifiers::COMMAND, Key::P) {
                chosen.push(UiCommand::Palette);
            }
        });
        for command in chosen {
            self.run_command(ui, command);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_shortcuts_are_unique() {
        let mut ids: Vec<&str> = UiCommand::ALL.iter().map(|c| c.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), UiCommand::ALL.len());
        let mut keys: Vec<String> = UiCommand::ALL
            .iter()
            .filter_map(|c| c.shortcut())
            .map(|s| format!("{:?}", (s.modifiers, s.logical_key)))
            .collect();
        let count = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), count, "two commands share a shortcut");
        assert!(count >= 20);
    }

    #[test]
    fn the_hint_names_the_platform_shortcut() {
        let ctx = Context::default();
        // Formatting asks the fonts whether they have ⌘: run one frame.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        assert_eq!(UiCommand::Save.hint(&ctx), "Save the drawing (Ctrl+S)");
        assert_eq!(UiCommand::Tidy.hint(&ctx), UiCommand::Tidy.tooltip());
        assert_eq!(UiCommand::ToggleSnap.shortcut_text(&ctx), "Ctrl+'");
        ctx.set_os(egui::os::OperatingSystem::Mac);
        assert_ne!(UiCommand::Save.shortcut_text(&ctx), "Ctrl+S", "⌘ on macOS");
    }
}
