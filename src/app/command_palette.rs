//! The command palette (Ctrl+Shift+P or Ctrl+P): a search field over every
//! enabled command, the references and the recent files, ranked by a fuzzy
//! match of the typed letters. ↑ ↓ move, Enter runs, Esc closes; the field
//! owns the keyboard, so nothing typed reaches the canvas.

use std::path::PathBuf;

use egui::{Key, Modifiers, RichText, Ui};

use super::ArchdrillApp;
use super::commands::UiCommand;
use super::entry::Source;

/// The palette while open.
#[derive(Clone, Debug, Default)]
pub struct Palette {
    /// What is typed.
    pub query: String,
    /// The highlighted row.
    pub selected: usize,
}

/// One row the palette offers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaletteItem {
    /// A command.
    Command(UiCommand),
    /// Show a reference.
    Reference(&'static str, String),
    /// Open a recent file.
    Recent(PathBuf),
}

impl PaletteItem {
    /// The text matched and shown.
    #[must_use]
    pub fn title(&self) -> String {
        match self {
            Self::Command(c) => c.label().trim_end_matches('…').to_owned(),
            Self::Reference(_, title) => format!("Reference: {title}"),
            Self::Recent(path) => format!("Open recent: {}", path.display()),
        }
    }
}

/// How well `query` matches `text`: every query character in order
/// (case-folded), more for runs and word starts, less the later the
/// first hit; `None` when some character is missing. An empty query
/// matches everything equally. Every way of matching is weighed and the
/// best one counts ("ch" finds the "Ch" of "Checkout", not the "c" of
/// "Reference").
#[must_use]
pub fn fuzzy_score(query: &str, text: &str) -> Option<i32> {
    let text: Vec<char> = text.to_lowercase().chars().collect();
    let query: Vec<char> = query
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let word_start = |j: usize| j == 0 || !text[j - 1].is_alphanumeric();
    let bonus = |j: usize| 1 + if word_start(j) { 8 } else { 0 };
    // best[j]: the best score with the last matched query character at j.
    let mut best: Vec<Option<i32>> = Vec::new();
    for (i, &q) in query.iter().enumerate() {
        let next: Vec<Option<i32>> = (0..text.len())
            .map(|j| {
                if text[j] != q {
                    return None;
                }
                if i == 0 {
                    return Some(bonus(j) - i32::try_from(j.min(30)).unwrap_or(30));
                }
                (0..j)
                    .filter_map(|k| best[k].map(|s| s + bonus(j) + if k + 1 == j { 5 } else { 0 }))
                    .max()
            })
            .collect();
        best = next;
    }
    if query.is_empty() {
        return Some(0);
    }
    best.into_iter().flatten().max()
}

impl ArchdrillApp {
    /// Whether the palette is open.
    #[must_use]
    pub const fn palette_open(&self) -> bool {
        self.command_palette.is_some()
    }

    /// Opens the palette with an empty query.
    pub fn open_palette(&mut self) {
        self.command_palette = Some(Palette::default());
    }

    /// Every row on offer now: enabled commands, references, recent files.
    fn palette_items(&self) -> Vec<PaletteItem> {
        let commands = UiCommand::ALL
            .into_iter()
            .filter(|c| *c != UiCommand::Palette && self.command_enabled(*c))
            .map(PaletteItem::Command);
        let references = self.docs.list.iter().filter_map(|e| match e.source {
            Source::Reference(id) => Some(PaletteItem::Reference(id, e.editor.doc().title.clone())),
            _ => None,
        });
        let recent = self.recent_files().iter().cloned().map(PaletteItem::Recent);
        commands.chain(references).chain(recent).collect()
    }

    /// The rows matching `query`, best first (ties keep the table order).
    #[must_use]
    pub fn palette_matches(&self, query: &str) -> Vec<PaletteItem> {
        let mut scored: Vec<(i32, usize, PaletteItem)> = self
            .palette_items()
            .into_iter()
            .enumerate()
            .filter_map(|(i, item)| fuzzy_score(query, &item.title()).map(|s| (s, i, item)))
            .collect();
        scored.sort_by_key(|(s, i, _)| (-s, *i));
        scored.into_iter().map(|(_, _, item)| item).collect()
    }

    fn run_palette_item(&mut self, ui: &Ui, item: PaletteItem) {
        match item {
            PaletteItem::Command(command) => self.run_command(ui, command),
            PaletteItem::Reference(id, _) => {
                if let Some(i) = self.docs.position(&Source::Reference(id)) {
                    self.docs.index = i;
                    self.mode = super::Mode::Diagrams;
                }
            }
            PaletteItem::Recent(path) => {
                self.mode = super::Mode::Diagrams;
                self.open_path(&path);
            }
        }
    }

    /// The palette window, when open.
    pub(super) fn command_palette_ui(&mut self, ui: &Ui) {
        let Some(palette) = self.command_palette.as_ref() else {
            return;
        };
        let matches = self.palette_matches(&palette.query);
        let Some(palette) = self.command_palette.as_mut() else {
            return;
        };
        let field = egui::Id::unique("command-palette-field");
        let (up, down, enter, escape) = ui.input_mut(|i| {
            (
                i.consume_key(Modifiers::NONE, Key::ArrowUp),
                i.consume_key(Modifiers::NONE, Key::ArrowDown),
                i.consume_key(Modifiers::NONE, Key::Enter),
                i.consume_key(Modifiers::NONE, Key::Escape),
            )
        });
        if down {
            palette.selected = (palette.selected + 1).min(matches.len().saturating_sub(1));
        }
        if up {
            palette.selected = palette.selected.saturating_sub(1);
        }
        // The field owns the keyboard while the palette is open (the first
        // frame's request can be lost while the window sizes itself).
        if !ui.ctx().memory(|m| m.has_focus(field)) {
            ui.ctx().memory_mut(|m| m.request_focus(field));
        }
        let mut clicked = None;
        let before = palette.query.clone();
        egui::Window::new("Command palette")
            .collapsible(false)
            .resizable(false)
            .title_bar(false)
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 60.0))
            // Width fixed, height as the matches need (up to the list's cap).
            .min_width(520.0)
            .max_width(520.0)
            .show(ui.ctx(), |ui| {
                let caption =
                    ui.label(RichText::new("Find a command, a reference or a file").strong());
                ui.add(
                    egui::TextEdit::singleline(&mut palette.query)
                        .id(field)
                        .hint_text("Type a few letters; ↑ ↓ choose, Enter runs, Esc closes")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(caption.id);
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(360.0)
                    .show(ui, |ui| {
                        for (n, item) in matches.iter().enumerate().take(40) {
                            let shortcut = match item {
                                PaletteItem::Command(c) => c.shortcut_text(ui.ctx()),
                                _ => String::new(),
                            };
                            let row = egui::Button::new(item.title())
                                .selected(n == palette.selected)
                                .shortcut_text(shortcut)
                                .min_size(egui::vec2(ui.available_width(), 0.0));
                            let response = ui.add(row);
                            if n == palette.selected && (up || down) {
                                response.scroll_to_me(None);
                            }
                            if response.clicked() {
                                clicked = Some(item.clone());
                            }
                        }
                        if matches.is_empty() {
                            ui.label(RichText::new("Nothing matches.").weak());
                        }
                    });
            });
        if palette.query != before {
            palette.selected = 0;
        }
        let chosen = clicked.or_else(|| {
            enter
                .then(|| matches.get(palette.selected).cloned())
                .flatten()
        });
        if escape || chosen.is_some() {
            self.command_palette = None;
            ui.ctx().memory_mut(|m| m.surrender_focus(field));
        }
        if let Some(item) = chosen {
            self.run_palette_item(ui, item);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::fuzzy_score;

    #[test]
    fn fuzzy_matches_letters_in_order_and_prefers_word_starts() {
        assert!(fuzzy_score("sv", "Save as").is_some());
        assert!(fuzzy_score("xyz", "Save as").is_none());
        assert!(fuzzy_score("vs", "Save").is_none(), "order matters");
        let save = fuzzy_score("save", "Save").unwrap_or(i32::MIN);
        let snap = fuzzy_score("save", "Snap to grid… save").unwrap_or(i32::MIN);
        assert!(save > snap);
        let tidy = fuzzy_score("ti", "Tidy").unwrap_or(i32::MIN);
        let split = fuzzy_score("ti", "Start walkthrough").unwrap_or(i32::MIN);
        assert!(tidy > split, "a run at a word start wins");
        assert_eq!(fuzzy_score("", "anything"), Some(0));
        // The best alignment counts, not the first letters found.
        let checkout = fuzzy_score("ch", "Reference: Checkout request path").unwrap_or(i32::MIN);
        let tracing = fuzzy_score(
            "ch",
            "Reference: Distributed tracing across sync and async hops",
        )
        .unwrap_or(i32::MIN);
        assert!(checkout > tracing, "{checkout} vs {tracing}");
    }
}
